"""A complete first draft from the library: the template pack's sections for a unit and year, each
filled with typical items and paragraphs of the phrase library, example figures marked.

"Typical" is decided by the library itself: item headings shared by more reports come first, one per
topic so the draft covers different lines of work, each followed by the wording its source report
wrote under it.
"""

from __future__ import annotations

import datetime as dt

from app.core.model import Draft, Item, Paragraph, SectionKind
from app.library.phrase import Phrase, PhraseKind, phrase_paragraph
from app.render.pack import TemplatePack, load_pack

ITEMS_PER_SECTION = {
    SectionKind.MEASURES: 5,
    SectionKind.SHORTCOMINGS: 3,
    SectionKind.PLANS: 4,
    SectionKind.RESPONSIBILITY: 0,  # written as paragraphs
    SectionKind.OTHER: 0,
}


def _typical(phrases: list[Phrase]) -> list[Phrase]:
    return sorted(phrases, key=lambda p: (-len(p.sources), p.id))


def _body_for(heading: Phrase, phrases: list[Phrase]) -> Phrase | None:
    """The paragraph (or point) its source report wrote under an item heading."""
    places = {(s.report, s.item) for s in heading.sources}
    for kind in (PhraseKind.PARAGRAPH, PhraseKind.POINT, PhraseKind.SENTENCE):
        for p in phrases:
            if p.kind is kind and any((s.report, s.item) in places for s in p.sources):
                return p
    return None


def _items(kind: SectionKind, phrases: list[Phrase], meta) -> list[Item]:
    headings = _typical(
        [
            p
            for p in phrases
            if p.kind is PhraseKind.HEADING and p.section is kind and p.level == 2 and "{" not in p.text
        ]
    )
    chosen: list[Phrase] = []
    covered: set[str] = set()
    for h in headings:
        if len(chosen) >= ITEMS_PER_SECTION[kind]:
            break
        topics = set(h.topics)
        if topics and topics <= covered:
            continue
        chosen.append(h)
        covered |= topics
    items = []
    for h in chosen:
        body = _body_for(h, phrases)
        paragraphs = [phrase_paragraph(body, meta)] if body else []
        # A run-in heading ends with 。; so does a stand-alone one that is a whole sentence.
        heading = h.text + ("。" if paragraphs or "，" in h.text else "")
        items.append(Item(heading=heading, paragraphs=paragraphs, run_in=bool(paragraphs)))
    return items


def _paragraphs(kind: SectionKind, phrases: list[Phrase], meta, count: int = 2) -> list[Paragraph]:
    # Whole paragraphs first; a lone point that starts 二是… would read as a fragment.
    pool = _typical([p for p in phrases if p.section is kind and p.kind is PhraseKind.PARAGRAPH])
    pool += _typical(
        [
            p
            for p in phrases
            if p.section is kind and p.kind is PhraseKind.POINT and not (p.text[1:2] == "是" and p.text[0] != "一")
        ]
    )
    chosen: list[Phrase] = []
    for p in pool:
        if len(chosen) < count and not any(p.text in c.text or c.text in p.text for c in chosen):
            chosen.append(p)
    return [phrase_paragraph(p, meta) for p in chosen]


def draft_from_library(
    phrases: list[Phrase],
    unit_name: str = "",
    self_ref: str = "我局",
    year: int | None = None,
    pack: TemplatePack | None = None,
    addressee: str = "",
    date: dt.date | None = None,
) -> Draft:
    """The pack's sections for unit and year, each with the library's typical items and paragraphs.

    A section the library has nothing for (其他需要报告的情况, optional in the regulation) is left out.
    """
    pack = pack or load_pack("regulation")
    draft = pack.new_draft(unit_name=unit_name, self_ref=self_ref, year=year, addressee=addressee, date=date)
    meta = draft.meta
    preambles = _typical([p for p in phrases if p.kind is PhraseKind.PREAMBLE])
    if preambles:
        first = phrase_paragraph(preambles[0], meta)
        formulas = _typical([p for p in phrases if p.kind is PhraseKind.FORMULA and "如下" in p.text])
        if "如下" not in first.text and formulas:
            # The preamble ends with the formula that announces the report (现将…报告如下：).
            formula = phrase_paragraph(formulas[0], meta)
            first.text = first.text.rstrip("。") + "。" + formula.text
            first.source.examples += formula.source.examples
        draft.preamble = [first]
    kept = []
    for section in draft.sections:
        if section.kind is SectionKind.RESPONSIBILITY:
            section.preamble = _paragraphs(section.kind, phrases, meta, count=2)
        elif section.kind in ITEMS_PER_SECTION:
            section.items = _items(section.kind, phrases, meta)
            if not section.items:
                section.preamble = _paragraphs(section.kind, phrases, meta, count=2)
        if section.items or section.preamble:
            kept.append(section)
    draft.sections = kept
    return draft
