"""Round trip through the DOCX writer: import each sample, render it to DOCX, read the DOCX back with
python-docx: the text equals the cleaned source text (whitespace and punctuation width aside).

The DOCX writer (`app.render.docx_writer`) is built on another branch; until it is merged these tests
skip, and the same round trip is checked through the composed blocks in test_import_samples.py.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from app.core.draft_file import load_draft
from app.core.model import Draft
from app.importer import cleaned_text, import_report
from app.render.blocks import HEADING_ROLES, Block, blocks_text
from app.render.compose import compose
from tests.test_import_samples import SAMPLE_FILES, normalise

docx_writer = pytest.importorskip("app.render.docx_writer")

_HEADING_STYLE = re.compile(r"(?:heading|标题)\s*([1-4])", re.IGNORECASE)


def _docx_lines(path: Path) -> tuple[list[str], list[tuple[int, str]]]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    lines: list[str] = []
    headings: list[tuple[int, str]] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            lines.append(paragraph.text)
            m = _HEADING_STYLE.search(paragraph.style.name or "") if paragraph.style is not None else None
            if m and paragraph.text.strip():
                headings.append((int(m.group(1)), paragraph.text))
        elif tag == "tbl":
            table = Table(child, document)
            lines.extend("\t".join(cell.text for cell in row.cells) for row in table.rows)
    return lines, headings


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_a_sample_rendered_to_docx_reads_back_as_its_cleaned_text(path: Path, tmp_path: Path) -> None:
    imported = import_report(path)
    target = tmp_path / (path.stem + ".docx")
    docx_writer.render_docx(imported.draft, target)
    lines, headings = _docx_lines(target)
    text = "\n".join(lines)
    if not imported.draft.meta.signature:
        # The writer signs in the unit's name where the source printed no signature (GB/T 9704).
        unit = imported.draft.meta.unit_name
        assert unit in [line.strip() for line in lines]
        index = max(i for i, line in enumerate(lines) if line.strip() == unit)
        text = "\n".join(lines[:index] + lines[index + 1 :])
    assert normalise(text) == normalise(cleaned_text(imported.cleaned))
    # Stand-alone headings carry the Heading style of their level (run-in ones are inside body
    # paragraphs); the composed blocks' levels equal the source's (test_import_samples.py).
    stand_alone = [(b.heading_level, normalise(b.text)) for b in compose(imported.draft) if b.heading_level]
    assert [(level, normalise(t)) for level, t in headings] == stand_alone


# -- draft → DOCX → import: what the clerk gets back when the exported report is imported again

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.fzbg"))
KEPT_FLOOR = 0.99


def _headings(blocks: list[Block]) -> list[tuple[int, str]]:
    """Every heading as printed, with its number and level: stand-alone, or run in at a paragraph's start."""
    out: list[tuple[int, str]] = []
    for block in blocks:
        if block.heading_level:
            out.append((block.heading_level, normalise(block.text)))
        elif block.runs and block.runs[0].role in HEADING_ROLES:
            out.append((HEADING_ROLES.index(block.runs[0].role) + 1, normalise(block.runs[0].text)))
    return out


def _kept(original: str, back: str) -> float:
    """The share of the original's characters found, in order, in what came back."""
    matcher = difflib.SequenceMatcher(None, original, back, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(len(original), 1)


def _drafts() -> list[tuple[str, Draft]]:
    samples = [(path.stem, import_report(path).draft) for path in SAMPLE_FILES]
    return samples + [(path.stem, load_draft(path)) for path in EXAMPLES]


@pytest.mark.parametrize(("name", "draft"), _drafts(), ids=[name for name, _ in _drafts()])
def test_a_draft_exported_and_imported_again_keeps_its_text_and_headings(
    name: str, draft: Draft, tmp_path: Path
) -> None:
    target = tmp_path / f"{name}.docx"
    docx_writer.render_docx(draft, target)
    back = import_report(target)
    original_blocks, back_blocks = compose(draft), compose(back.draft)
    original = normalise(blocks_text(original_blocks))
    assert _kept(original, normalise(blocks_text(back_blocks))) >= KEPT_FLOOR
    outline = [(entry.level, normalise(entry.text)) for entry in back.outline]
    assert outline == _headings(original_blocks)
    assert [s.kind for s in back.draft.sections] == [s.kind for s in draft.sections]
