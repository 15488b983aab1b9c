"""Importing finished reports: reader → cleaner → segmenter → outline and draft."""

from __future__ import annotations

from pathlib import Path

from app.importer.cleaner import clean_blocks, cleaned_text
from app.importer.docx_text import DocxNotes, RevisionState
from app.importer.reader import ReportFormatError, read_report_with_notes
from app.importer.segmenter import ImportedReport, OutlineEntry, format_outline, segment

__all__ = [
    "DocxNotes",
    "ImportedReport",
    "OutlineEntry",
    "ReportFormatError",
    "RevisionState",
    "cleaned_text",
    "format_outline",
    "import_report",
    "import_text",
]


def import_report(path: Path, revisions: RevisionState = RevisionState.ACCEPTED) -> ImportedReport:
    """A finished report (.docx, .doc, .wps, .odt, .rtf, .txt, .md) as an outline and an editable draft.

    A document with pending Word revisions is read in the `revisions` state; `imported.notes` says so,
    and lists its comments and any text the report's body does not take.
    """
    path = Path(path)
    blocks, notes = read_report_with_notes(path, revisions)
    imported = segment(clean_blocks(blocks), ref=path.name)
    imported.notes = notes
    if not imported.draft.sections and not imported.draft.preamble:
        raise ReportFormatError(f"“{path.name}”中没有找到报告正文。")
    return imported


def import_text(text: str, ref: str = "") -> ImportedReport:
    """A report given as text (one paragraph a line)."""
    from app.importer.blocks import RawBlock

    return segment(clean_blocks([RawBlock(text=line) for line in text.splitlines()]), ref=ref)
