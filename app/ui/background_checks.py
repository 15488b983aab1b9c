"""The 公文体检 after a pause in typing, in a worker thread, so the editor never waits for it.

The checks run on a copy of the draft taken when they are asked for; their findings name places by position,
so they are shown only if the draft is still at that revision. Only the newest request counts: one made
while the checks run is served when they end, and the result it overtook is dropped.
"""

from __future__ import annotations

import contextlib
import copy
import threading
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from app.core.errors import UserError
from app.core.model import Draft


class BackgroundChecks(QObject):
    # (revision, findings or the error that stopped them), in the window's thread
    finished = Signal(object, object)
    _delivered = Signal(object, object)  # from the worker thread; queued to this object's thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._delivered.connect(self._on_delivered, Qt.ConnectionType.QueuedConnection)
        self._running = False
        self._stopped = False
        self._pending: tuple[Any, Draft, Draft | None] | None = None
        self._thread: threading.Thread | None = None

    @property
    def busy(self) -> bool:
        return self._running or self._pending is not None

    def request(self, revision: Any, draft: Draft, previous: Draft | None) -> None:
        # The copy is taken now, in the window's thread: later typing cannot change what the checks read.
        if self._stopped:
            return
        job = (revision, copy.deepcopy(draft), previous)
        if self._running:
            self._pending = job
        else:
            self._start(*job)

    def _start(self, revision: Any, draft: Draft, previous: Draft | None) -> None:
        self._running = True
        self._thread = threading.Thread(
            target=self._work, args=(revision, draft, previous), name="fzbg-checks", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """No more runs; waits for the one running, so it does not end while Qt and Python shut down
        (a signal emitted into a half-destroyed application can crash the process on its way out)."""
        self._stopped = True
        self._pending = None
        if self._thread is not None:
            self._thread.join(timeout)
            self._running = self._thread.is_alive()

    def _work(self, revision: Any, draft: Draft, previous: Draft | None) -> None:
        from app.checks import wizard  # the checks load with their first run, after the first paint

        try:
            result: Any = wizard.checks_findings(draft, previous)
        except UserError as exc:
            result = exc
        except Exception as exc:  # a bug in a rule must not silently end the checks for the session
            result = UserError(f"检查程序出错（{type(exc).__name__}: {exc}）")
        with contextlib.suppress(RuntimeError):  # the window went away while the checks ran: nobody to tell
            self._delivered.emit(revision, result)

    def _on_delivered(self, revision: Any, result: Any) -> None:
        self._running = False
        if self._stopped:
            return
        if self._pending is not None:
            job, self._pending = self._pending, None
            self._start(*job)  # the draft changed meanwhile: this result is already stale
            return
        self.finished.emit(revision, result)
