"""What a check reports: findings that point at a precise place in the draft, and fixes as data.

A fix is a list of text replacements (where, old, new). The wizard applies it with `apply_fix`, which
returns the inverse fix, so undo is applying that one; nothing here holds state between calls.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from app.core.location import Location, Part

__all__ = ["Finding", "Fix", "Location", "Part", "Severity", "Span", "TextEdit"]


class Severity(StrEnum):
    ERROR = "error"  # a reviewer sends the report back for this
    WARNING = "warning"  # very likely wrong; look at it
    INFO = "info"  # worth knowing (a deadline passed, a share copied)
    SUGGESTION = "suggestion"  # would read better

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示", "suggestion": "建议"}[self.value]

    @property
    def rank(self) -> int:
        return ["error", "warning", "info", "suggestion"].index(self.value)


@dataclass(frozen=True)
class Span:
    """A span [start, end) of characters in one text field."""

    ref: Location
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {**self.ref.to_dict(), "start": self.start, "end": self.end}


@dataclass(frozen=True)
class TextEdit:
    """Replace `old`, which stands at `start` of the field `ref`, by `new`."""

    ref: Location
    start: int
    old: str
    new: str

    def to_dict(self) -> dict[str, Any]:
        return {**self.ref.to_dict(), "start": self.start, "old": self.old, "new": self.new}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TextEdit:
        return cls(Location.from_dict(data), int(data["start"]), str(data["old"]), str(data["new"]))


@dataclass(frozen=True)
class Fix:
    """A certain correction: a description for the button and the edits that make it."""

    description: str
    edits: tuple[TextEdit, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"description": self.description, "edits": [e.to_dict() for e in self.edits]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Fix:
        return cls(str(data["description"]), tuple(TextEdit.from_dict(e) for e in data["edits"]))


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str  # plain Chinese, one or two sentences
    excerpt: str = ""  # the offending text exactly as it stands in the document
    location: Span | None = None
    section: int | None = None  # index into draft.sections, None outside the sections
    section_heading: str | None = None  # with its printed number: 二、主要举措和成效
    section_id: str | None = None  # Section.id, stable when parts are reordered (the wizard's step)
    fix: Fix | None = None
    # Further spans to highlight (copied passages); `location` is the first of them.
    marks: tuple[Span, ...] = field(default_factory=tuple)
    # For a finished report checked as a file: the paragraph (1-based, as the file holds them) it is in.
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "section": self.section_heading,
            "section_index": self.section,
            "section_id": self.section_id,
            "excerpt": self.excerpt,
            "message": self.message,
            "fix": self.fix.to_dict() if self.fix else None,
            "location": self.location.to_dict() if self.location else None,
            "marks": [m.to_dict() for m in self.marks],
            "line": self.line,
        }
