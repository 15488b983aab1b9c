"""Undo of structural edits: commands that know their inverse, so undoing one never throws away text typed since."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.core.session.base import Change, SessionState


@dataclass
class Command:
    """One undoable change of the session, as the edit menu names it."""

    label: str
    do: Callable[[], object]  # what they return is not used
    undo: Callable[[], object]


class UndoHistory:
    """The done and undone commands, newest last."""

    def __init__(self) -> None:
        self.done: list[Command] = []
        self.undone: list[Command] = []

    def clear(self) -> None:
        self.done.clear()
        self.undone.clear()


class Undoable(SessionState):
    """Structural edits go through `_do`; typing does not (the editor widgets keep their own undo)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self._history = UndoHistory()

    def _do(self, command: Command) -> None:
        command.do()
        self._history.done.append(command)
        self._history.undone.clear()
        self._changed(Change.STRUCTURE)

    def run_command(self, label: str, do: Callable[[], object], undo: Callable[[], object]) -> None:
        """An undoable edit defined elsewhere (a check's fix and its inverse); `do` may raise, then
        nothing is recorded."""
        self._do(Command(label, do, undo))

    @property
    def can_undo(self) -> bool:
        return bool(self._history.done)

    @property
    def can_redo(self) -> bool:
        return bool(self._history.undone)

    @property
    def undo_label(self) -> str:
        return self._history.done[-1].label if self._history.done else ""

    @property
    def redo_label(self) -> str:
        return self._history.undone[-1].label if self._history.undone else ""

    def undo(self) -> bool:
        if not self._history.done:
            return False
        command = self._history.done.pop()
        command.undo()
        self._history.undone.append(command)
        self._changed(Change.STRUCTURE)
        return True

    def redo(self) -> bool:
        if not self._history.undone:
            return False
        command = self._history.undone.pop()
        command.do()
        self._history.done.append(command)
        self._changed(Change.STRUCTURE)
        return True
