"""Phrases from an imported report: headings, paragraphs, enumerated points, sentences and formulas,
generalised, tagged with section kind and topic, with provenance; near-duplicates merged."""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.core.model import Item, SectionKind, walk_items
from app.importer.patterns import split_enumeration
from app.importer.segmenter import ImportedReport
from app.library.generalise import UnitNames, generalise
from app.library.phrase import Phrase, PhraseKind, Provenance, phrase_id, strip_markup

MAX_PARAGRAPH = 320
MIN_SENTENCE = 12
MAX_SENTENCE = 180
MAX_HEADING = 40
NEAR_DUPLICATE = 0.85  # Jaccard similarity of character trigrams

# Topic families: a phrase carries a topic when its text (or its item heading) has one of the words.
TOPICS: dict[str, tuple[str, ...]] = {
    "第一责任人": ("第一责任人", "主要负责人", "主要负责同志", "一把手", "述法", "主要领导"),
    "组织领导": ("组织领导", "领导小组", "党组会", "专题会", "亲自部署", "压实责任", "一岗双责"),
    "学法普法": ("学法", "普法", "法治思想", "宪法", "民法典", "理论学习", "中心组", "学习贯彻"),
    "依法决策": ("决策", "合法性审查", "三重一大", "风险评估", "社会稳定风险"),
    "法律顾问": ("法律顾问", "律师", "公职律师", "法律工作者"),
    "信访法治化": ("信访工作法治化", "法治化", "依法分类处理", "路线图", "导引图", "信访工作条例", "依法办访"),
    "源头治理": ("源头", "排查", "预防", "矛盾纠纷", "初信初访", "萌芽"),
    "积案化解": ("积案", "重复信访", "化解", "包案", "攻坚", "治重化积"),
    "宣传": ("宣传", "宣讲", "海报", "公众号", "宣传周", "宣传月"),
    "培训": ("培训", "以干代训", "授课", "讲座", "轮训"),
    "队伍建设": ("队伍", "素养", "干部职工", "能力建设", "履职能力", "业务骨干"),
    "制度建设": ("制度", "办法", "规程", "机制", "细则"),
    "考核督查": ("考核", "督查", "督办", "评查", "巡查", "通报", "绩效"),
    "信访秩序": ("秩序", "违法上访", "非法", "缠访", "闹访", "越级"),
    "调解": ("调解", "访调对接", "人民调解"),
    "政务公开": ("信息公开", "公开听证", "政务公开"),
}

_SENTENCE_END = re.compile(r"(?<=[。！？])")
_FORMULA = re.compile(r"(?:现将|特将|现就).{0,30}(?:报告|汇报)如下[：:。]?$")


def _formula(sentence: str) -> str | None:
    """The formula clause of a sentence (…，现将有关情况报告如下：), or None."""
    m = _FORMULA.search(sentence)
    return m.group(0) if m else None


GENERAL_TOPIC = "综合"  # wording that names no particular line of work


def topics_of(text: str, context: str = "") -> tuple[str, ...]:
    hay = text + " " + context
    return tuple(topic for topic, words in TOPICS.items() if any(w in hay for w in words)) or (GENERAL_TOPIC,)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


class _Collector:
    def __init__(self, names: UnitNames, report: str) -> None:
        self.names = names
        self.report = report
        self.phrases: list[Phrase] = []

    def add(
        self,
        raw: str,
        kind: PhraseKind,
        section: SectionKind | None,
        prov: Provenance,
        context: str = "",
        level: int = 0,
    ) -> None:
        text = generalise(raw.strip(), self.names)
        if not text:
            return
        if kind is PhraseKind.HEADING:
            text = text.rstrip("。；;，")
        self.phrases.append(
            Phrase(
                id=phrase_id(kind, text),
                text=text,
                kind=kind,
                section=section,
                topics=topics_of(strip_markup(text), context),
                sources=[prov],
                level=level,
            )
        )

    def body(self, text: str, section: SectionKind | None, prov: Provenance, context: str) -> None:
        if len(text) <= MAX_PARAGRAPH:
            self.add(text, PhraseKind.PARAGRAPH, section, prov, context)
        points = split_enumeration(text)
        if len(points) > 1:
            for point in points:
                if MIN_SENTENCE <= len(point) <= MAX_PARAGRAPH:
                    self.add(point, PhraseKind.POINT, section, prov, context)
        for sentence in _sentences(text):
            formula = _formula(sentence)
            if formula:
                self.add(formula, PhraseKind.FORMULA, section, prov, context)
            elif MIN_SENTENCE <= len(sentence) <= MAX_SENTENCE and sentence not in points:
                self.add(sentence, PhraseKind.SENTENCE, section, prov, context)


def extract_phrases(imported: ImportedReport, names: UnitNames | None = None, report: str = "") -> list[Phrase]:
    """The phrases of one imported report, generalised for its unit `names` (derived from its meta by default)."""
    draft = imported.draft
    meta = draft.meta
    names = names or UnitNames.derive(meta.unit_name, meta.year)
    report = report or next((p.source.ref for p in draft.all_paragraphs() if p.source.ref), "") or meta.title
    c = _Collector(names, report)
    top = Provenance(report)
    for p in draft.preamble:
        if p.table is None:
            c.add(p.text, PhraseKind.PREAMBLE, None, top)
            for sentence in _sentences(p.text):
                formula = _formula(sentence)
                if formula:
                    c.add(formula, PhraseKind.FORMULA, None, top)
    for p in draft.closing:
        c.add(p.text, PhraseKind.FORMULA, None, top)
    printed = iter(entry.text for entry in imported.outline)
    for section in draft.sections:
        sprinted = next(printed, section.heading)
        sprov = Provenance(report, sprinted)
        c.add(section.heading, PhraseKind.HEADING, section.kind, sprov, level=1)
        for p in section.preamble:
            if p.table is None:
                c.body(p.text, section.kind, sprov, section.heading)
        for depth, item in walk_items(section.items):
            iprinted = next(printed, item.heading)
            kind = item.kind or section.kind
            iprov = Provenance(report, sprinted, iprinted)
            _item(c, item, depth, kind, iprov)
    return c.phrases


def _item(c: _Collector, item: Item, depth: int, kind: SectionKind, prov: Provenance) -> None:
    # A long single-sentence "heading" (（一）对法治理论学习深度还不够，部分…) is a point, not a heading.
    if len(item.heading) <= MAX_HEADING:
        c.add(item.heading, PhraseKind.HEADING, kind, prov, level=depth + 1)
    else:
        c.add(item.heading, PhraseKind.POINT, kind, prov)
    for p in item.paragraphs:
        if p.table is None:
            c.body(p.text, kind, prov, item.heading)


def _trigrams(text: str) -> set[str]:
    t = re.sub(r"[\s，。、；：！？“”‘’（）《》]", "", strip_markup(text))
    return {t[i : i + 3] for i in range(max(1, len(t) - 2))}


def merge_near_duplicates(phrases: Iterable[Phrase]) -> list[Phrase]:
    """One phrase per wording: exact and near duplicates (same kind) merge, keeping the first text and
    the union of provenance, topics and section."""
    kept: list[Phrase] = []
    grams: list[set[str]] = []
    index: dict[str, list[int]] = {}
    for phrase in phrases:
        g = _trigrams(phrase.text)
        candidates: set[int] = set()
        for gram in g:
            candidates.update(index.get(gram, ()))
        match = None
        for i in sorted(candidates):
            other = kept[i]
            if other.kind is not phrase.kind:
                continue
            inter = len(g & grams[i])
            if inter / max(1, len(g | grams[i])) >= NEAR_DUPLICATE:
                match = i
                break
        if match is None:
            index_no = len(kept)
            kept.append(phrase)
            grams.append(g)
            for gram in g:
                index.setdefault(gram, []).append(index_no)
            continue
        target = kept[match]
        for src in phrase.sources:
            if src not in target.sources:
                target.sources.append(src)
        topics = tuple(dict.fromkeys(target.topics + phrase.topics))
        target.topics = tuple(t for t in topics if t != GENERAL_TOPIC) or (GENERAL_TOPIC,)
    return kept
