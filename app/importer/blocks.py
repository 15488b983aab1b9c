"""What a reader hands the cleaner: the report's paragraphs and tables in reading order, or why it cannot."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.errors import UserError


class ReportFormatError(UserError):
    """A file the importer cannot read as a report."""


@dataclass
class RawBlock:
    """One paragraph (or table) of a report as its file holds it.

    `level_hint` comes from the file's own markup (a Word Heading style, a Markdown `#`); the segmenter
    trusts the printed number first. `auto_number` is a number Word keeps as automatic numbering, already
    placed at the start of `text` by the reader.
    """

    text: str = ""
    level_hint: int | None = None
    table: list[list[str]] | None = None
    auto_number: str = ""
