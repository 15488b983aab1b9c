"""What the window's action classes need of the window: its session, settings, step navigation and status bar."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from app.core.location import Location, Step
    from app.core.session import Session
    from app.ui.phrase_panel import PhrasePanel
    from app.ui.settings import Settings


class WindowHost(Protocol):
    session: Session
    settings: Settings
    phrases: PhrasePanel

    def go_to(self, row: int) -> None: ...

    def go_to_step(self, step: Step) -> None: ...

    def current_step(self) -> Step: ...

    def reveal(self, location: Location, start: int = 0, end: int = 0) -> None: ...

    def commit_focused_edit(self) -> None: ...

    def say(self, message: str, ms: int) -> None:
        """Shows `message` in the status bar for `ms` milliseconds."""
        ...
