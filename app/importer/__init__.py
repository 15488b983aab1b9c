"""Importing finished reports: reader → cleaner → segmenter → outline and draft."""

from __future__ import annotations

from pathlib import Path

from app.importer.blocks import RawBlock
from app.importer.cleaner import clean_blocks, cleaned_text
from app.importer.reader import ReportFormatError, read_report
from app.importer.segmenter import ImportedReport, OutlineEntry, format_outline, segment

__all__ = [
    "ImportedReport",
    "OutlineEntry",
    "ReportFormatError",
    "cleaned_text",
    "format_outline",
    "import_report",
    "import_text",
]


def import_report(path: Path) -> ImportedReport:
    """A finished report (.txt, .md, .docx) as an outline and an editable draft."""
    path = Path(path)
    imported = segment(clean_blocks(read_report(path)), ref=path.name)
    if not imported.draft.sections and not imported.draft.preamble:
        raise ReportFormatError(f"“{path.name}”中没有找到报告正文。")
    return imported


def import_text(text: str, ref: str = "") -> ImportedReport:
    """A report given as text (one paragraph a line)."""
    return segment(clean_blocks([RawBlock(text=line) for line in text.splitlines()]), ref=ref)
