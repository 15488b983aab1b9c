"""Clean lines → the report's structure: title, addressee, preamble, sections and items, signature, date.

Heading numbers are taken as printed (or as Word numbers them automatically); a Word Heading style is
a level hint for a heading without a number. The draft stores headings without their numbers — the
renderer numbers them by position — while the outline keeps them as printed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from app.core.model import Draft, Item, Meta, Origin, Paragraph, Section, SectionKind, Source, walk_items
from app.importer.blocks import RawBlock
from app.importer.classifier import classify_item, classify_sections
from app.importer.docx_text import DocxNotes
from app.importer.patterns import HeadingMatch, match_heading, parse_date

_TERMINAL = "。！？；：…"
LONG_ITEM = 30  # characters: a numbered line longer than this is a sentence, not a heading
_ORG_SUFFIX = re.compile(r"(?:局|办|办公室|委员会|委|政府|院|厅|部|中心|所|站|会|处|科|室|队)$")
_CLOSING = re.compile(r"^(?:特此报告|专此报告|以上报告|妥否，请|当否，请|请审阅|请予审阅)")
_SELF_REFS = ("我局", "我办", "本局", "本办", "我委", "本委", "我厅", "我中心", "我单位", "本单位")
_YEAR = re.compile(r"(20\d{2})\s*年")


@dataclass
class OutlineEntry:
    level: int  # 1 (一、) to 4 （1）, as printed
    kind: SectionKind | None  # the canonical part this heading stands for, if it stands for one
    text: str  # the heading as printed, with its number

    def line(self) -> str:
        label = self.kind.label if self.kind is not None and self.kind is not SectionKind.CUSTOM else "-"
        return f"{self.level}\t{label}\t{self.text}"


@dataclass
class ImportedReport:
    draft: Draft
    outline: list[OutlineEntry] = field(default_factory=list)
    cleaned: list[RawBlock] = field(default_factory=list)
    report_year: int | None = None
    notes: DocxNotes = field(default_factory=DocxNotes)


def format_outline(outline: list[OutlineEntry]) -> str:
    return "\n".join(entry.line() for entry in outline)


@dataclass
class _Heading:
    level: int
    printed: str  # number + heading, as printed
    heading: str  # without number; a run-in heading keeps its closing 。
    tail: str | None  # run-in text after the heading


def _heading_of(block: RawBlock) -> _Heading | None:
    if block.table is not None:
        return None
    m: HeadingMatch | None = match_heading(block.text)
    if m is None:
        if block.level_hint and len(block.text) <= 60 and not block.text.endswith("。"):
            return _Heading(min(block.level_hint, 4), block.text, block.text, None)
        return None
    rest = m.rest
    level = m.level
    if block.auto_number and block.level_hint:
        # Word numbers this Heading N paragraph itself: the style says the level, whatever the format.
        level = min(block.level_hint, 4)
    cut = rest.find("。")
    comma = rest.find("，")
    if 0 <= cut < len(rest) - 1:
        head, tail = rest[: cut + 1], rest[cut + 1 :]
    elif level > 1 and cut == len(rest) - 1 and len(rest) > LONG_ITEM and comma > 0:
        # A numbered item that is one long sentence (（一）对法治理论学习深度还不够，部分干部…。):
        # its first clause is the run-in heading, the way the team's example drafts keep it.
        head, tail = rest[: comma + 1], rest[comma + 1 :]
    else:
        head, tail = rest, None
    return _Heading(level, m.number + head, head, tail)


def segment(blocks: list[RawBlock], ref: str = "") -> ImportedReport:
    """The structure of a cleaned report, as a draft and as an outline."""
    body = list(blocks)

    def para(text: str = "", table: list[list[str]] | None = None) -> Paragraph:
        return Paragraph(text=text, table=table, source=Source(origin=Origin.IMPORTED, ref=ref or None))

    meta = Meta()
    # Signature and date close the report.
    if body and body[-1].table is None and parse_date(body[-1].text):
        meta.date = parse_date(body[-1].text)
        body.pop()
    if body and body[-1].table is None and _is_signature(body[-1].text):
        meta.signature = body.pop().text
    closing: list[Paragraph] = []
    while body and body[-1].table is None and _CLOSING.match(body[-1].text):
        closing.insert(0, para(body.pop().text))

    # Title and addressee open it.
    # A title styled as a heading (WPS and Word users often use 标题 1 for it) is still the title.
    first = next(
        (i for i, b in enumerate(body) if _heading_of(b) is not None and not (i < 3 and _is_styled_title(b))),
        len(body),
    )
    i = 0
    title_lines: list[str] = []
    while i < first and body[i].table is None and _is_title_line(body[i].text):
        title_lines.append(body[i].text)
        i += 1
    if i < first and body[i].table is None and _is_addressee(body[i].text):
        meta.addressee = body[i].text.rstrip("：:").strip()
        i += 1
    meta.title = "".join(title_lines)

    draft = Draft(meta=meta, closing=closing)
    outline: list[OutlineEntry] = []
    draft.preamble = [para(b.text, b.table) for b in body[i:first]]

    # The body: a stack of the open items of the current section, deepest last.
    section: Section | None = None
    stack: list[Item] = []
    for block in body[first:]:
        h = _heading_of(block)
        if h is not None and (h.level == 1 or section is None):
            section = Section(heading=h.heading)
            draft.sections.append(section)
            stack = []
            if h.tail:
                section.preamble.append(para(h.tail))
            outline.append(OutlineEntry(h.level, None, h.printed))
            continue
        if h is not None and section is not None:
            depth = min(h.level - 1, len(stack) + 1)
            item = Item(heading=h.heading, run_in=h.tail is not None)
            if h.tail:
                item.paragraphs.append(para(h.tail))
            del stack[depth - 1 :]
            (stack[-1].children if stack else section.items).append(item)
            stack.append(item)
            outline.append(OutlineEntry(h.level, None, h.printed))
            continue
        target = stack[-1].paragraphs if stack else (section.preamble if section else draft.preamble)
        target.append(para(block.text, block.table))

    _fill_meta(draft, blocks)
    _classify(draft, outline)
    return ImportedReport(draft=draft, outline=outline, cleaned=list(blocks), report_year=meta.year)


def _is_styled_title(block: RawBlock) -> bool:
    return bool(block.level_hint) and not match_heading(block.text) and block.text.endswith(("报告", "汇报"))


def _is_title_line(text: str) -> bool:
    return len(text) <= 60 and not text.endswith(tuple(_TERMINAL)) and "，" not in text and not parse_date(text)


def _is_addressee(text: str) -> bool:
    return text.endswith(("：", ":")) and len(text) <= 60 and "，" not in text and "。" not in text


def _is_signature(text: str) -> bool:
    return len(text) <= 40 and not re.search("[，。；：！？]", text) and bool(_ORG_SUFFIX.search(text))


def _fill_meta(draft: Draft, blocks: list[RawBlock]) -> None:
    meta = draft.meta
    text = "\n".join(b.text for b in blocks if b.table is None)
    years = _YEAR.findall(meta.title) or [y for p in draft.preamble for y in _YEAR.findall(p.text)]
    if years:
        meta.year = int(years[0])
    elif meta.date is not None:
        meta.year = meta.date.year - 1
    else:
        common = Counter(_YEAR.findall(text)).most_common(1)
        if common:
            meta.year = int(common[0][0])
    meta.unit_name = _unit_from_title(meta.title) or meta.signature
    counts = Counter({ref: text.count(ref) for ref in _SELF_REFS})
    ref, n = counts.most_common(1)[0]
    if n:
        meta.self_ref = ref
    elif meta.unit_name.endswith(("办", "办公室")):
        meta.self_ref = "我办"


def _unit_from_title(title: str) -> str:
    if "关于" in title:
        unit = title.split("关于", 1)[0]
    else:
        m = _YEAR.search(title)
        unit = title[: m.start()] if m else ""
    unit = unit.strip()
    return unit if unit and _ORG_SUFFIX.search(unit) else ""


def _opening(section: Section) -> str:
    """The first words under a section: its preamble or its first items' headings and text."""
    parts = [p.text for p in section.preamble if p.table is None]
    for item in section.items[:3]:
        parts.append(item.heading)
        parts.extend(p.text for p in item.paragraphs[:1] if p.table is None)
    return "".join(parts)


def _classify(draft: Draft, outline: list[OutlineEntry]) -> None:
    kinds = classify_sections(
        [section.heading for section in draft.sections], draft.meta.year, [_opening(s) for s in draft.sections]
    )
    entries = iter(outline)
    for section, kind in zip(draft.sections, kinds, strict=True):
        section.kind = kind
        next(entries).kind = kind
        for _depth, item in walk_items(section.items):
            first = item.paragraphs[0].text if item.paragraphs and item.paragraphs[0].table is None else ""
            item.kind = classify_item(item.heading, first.split("。", 1)[0])
            next(entries).kind = item.kind
