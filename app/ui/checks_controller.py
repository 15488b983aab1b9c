"""The 公文体检 in the window: asked for after a pause in typing, run in a worker thread, their fixes applied
as undoable steps. The findings themselves are `app.checks` Findings (app/checks/wizard.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from app.core.errors import UserError
from app.core.session import Session

if TYPE_CHECKING:
    from app.checks import Finding, Fix
    from app.ui.background_checks import BackgroundChecks


class ChecksController(QObject):
    """Keeps the checks' last findings for the session's draft."""

    found_changed = Signal()  # `found` is new
    fixed = Signal(str)  # a fix was applied: what to tell the user
    status_message = Signal(str, int)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.found: list[Finding] = []  # the checks' findings, as last found
        self._worker: BackgroundChecks | None = None

    @property
    def pending(self) -> bool:
        """The checks are running (or about to) for a newer state of the draft than the marks show."""
        return self._worker is not None and self._worker.busy

    @property
    def worker(self) -> BackgroundChecks | None:
        return self._worker

    def request(self) -> None:
        """Runs the checks on a copy of the draft in the worker thread; `found_changed` when they are in."""
        if self._worker is None:
            # The checks' modules load with the first request, after the first paint (tests/test_startup.py).
            from app.ui.background_checks import BackgroundChecks

            # No Qt parent: a run still going when the window is deleted keeps its object alive until it ends.
            self._worker = BackgroundChecks()
            self._worker.finished.connect(self._done)
        self._worker.request(self.session.revision, self.session.draft, self.session.previous)

    def _done(self, revision: object, result: object) -> None:
        if revision != self.session.revision:
            return  # typing went on: the next pause asks again
        if isinstance(result, UserError):
            self.status_message.emit(f"检查未能完成：{result.message}", 8000)
            return
        self.found = list(result)  # type: ignore[call-overload]
        self.found_changed.emit()

    def run_now(self) -> list[Finding]:
        """The wizard's own findings and the checks', the checks run now in this thread (检查与生成)."""
        from app.checks import wizard  # after the first paint: the checks load with their first use

        try:
            self.found = wizard.checks_findings(self.session.draft, self.session.previous)
        except UserError as exc:
            self.status_message.emit(f"检查未能完成：{exc.message}", 8000)
        return self.all_found()

    def all_found(self) -> list[Finding]:
        """The wizard's own findings, then the checks' last ones."""
        from app.checks import wizard  # after the first paint: the checks load with their first use

        return wizard.wizard_findings(self.session) + self.found

    def apply_fix(self, fix: Fix) -> None:
        """A check's certain correction, as one undoable step (refused when the text changed since)."""
        # the checks load after the first paint (tests/test_startup.py)
        from app.checks import FixConflict, apply_fix

        draft = self.session.draft
        undo: list[Any] = []

        def do() -> None:
            undo[:] = [apply_fix(draft, fix)]

        try:
            self.session.run_command(fix.description, do, lambda: apply_fix(draft, undo[0]))
        except FixConflict:
            self.status_message.emit("这处文字已经改动过，请重新检查后再修正。", 6000)
            return
        self.fixed.emit(f"已修正：{fix.description}（可用 Ctrl+Z 撤销）")

    def fix_all(self) -> None:
        """Every certain fix of the safe rules, as one undoable step."""
        # the checks load after the first paint (tests/test_startup.py)
        from app.checks import apply_fix, fix_all

        draft = self.session.draft
        undo: list[Fix] = []

        def do() -> None:
            undo[:] = fix_all(draft)

        def revert() -> None:
            for f in reversed(undo):
                apply_fix(draft, f)

        self.session.run_command("一键修正格式问题", do, revert)
        self.fixed.emit(f"已修正 {len(undo)} 处格式问题（可用 Ctrl+Z 撤销）。")

    def stop(self) -> None:
        if self._worker is not None:
            self._worker.stop()
