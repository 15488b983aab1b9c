"""Drafts of a given size in pages, built from the paragraphs of the example reports (real text)."""

from __future__ import annotations

import copy
from pathlib import Path

from app.core.draft_file import load_draft
from app.core.model import Draft, Item, Paragraph, Section, SectionKind

REPO = Path(__file__).resolve().parents[1]
CHARS_PER_PAGE = 22 * 28  # 616: a full GB/T 9704 page


def _example_paragraphs() -> list[str]:
    texts: list[str] = []
    for path in sorted((REPO / "examples").glob("*.fzbg")):
        texts.extend(p.text for p in load_draft(path).all_paragraphs() if p.text)
    return texts


def draft_of_pages(pages: int) -> Draft:
    """A report of about `pages` full pages: the Xiamen example, its measures grown with real paragraphs."""
    base = load_draft(REPO / "examples" / "xiamen-xinfangju-2022.fzbg")
    draft = copy.deepcopy(base)
    texts = _example_paragraphs()
    target = pages * CHARS_PER_PAGE
    grown = Section(SectionKind.MEASURES, "主要举措和成效（续）")
    draft.sections.insert(1, grown)
    total, i = sum(len(p.text) for p in draft.all_paragraphs()), 0
    while total < target:
        item = Item(f"第{i + 1}项工作", [])
        for _ in range(3):
            text = texts[i % len(texts)]
            item.paragraphs.append(Paragraph(text))
            total += len(text)
            i += 1
        grown.items.append(item)
    return draft


def paragraphs_of(draft: Draft) -> list[str]:
    return [p.text for p in draft.all_paragraphs()]
