"""Which canonical part of the report a heading names.

Real reports word the five parts of the 督察工作规定 in many ways (主要举措和成效, 工作落实情况及成效,
2023年法治政府建设工作情况, 下一步工作打算, 2025年工作思路 …). Each kind has a family of weighted keywords;
the heading's score per kind decides, and the heading's year (report year → measures, next year → plans)
and its position among the sections break ties. Nothing here names a sample's heading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.core.model import SectionKind

# (keyword, weight). A longer keyword that contains a shorter one adds both: 第一责任人 scores higher
# than 责任, which is right.
FAMILIES: dict[SectionKind, tuple[tuple[str, float], ...]] = {
    SectionKind.RESPONSIBILITY: (
        ("第一责任人", 6),
        ("主要负责人", 4),
        ("主要负责同志", 4),
        ("党政主要负责", 2),
        ("主要领导", 3),
        ("一把手", 4),
        ("履职", 2),
        ("述法", 4),
        ("履行", 1),
        ("职责", 1),
        ("主体责任", 2),
        ("领导班子", 1),
        ("带头", 1),
    ),
    SectionKind.SHORTCOMINGS: (
        ("不足", 5),
        ("问题", 3),
        ("短板", 4),
        ("差距", 4),
        ("原因", 3),
        ("薄弱", 4),
        ("困难", 3),
        ("挑战", 2),
        ("不够", 2),
        ("欠缺", 3),
        ("有待", 2),
        ("弱项", 4),
        ("改进", 2),
        ("存在", 1),
        ("整改", 1),
    ),
    SectionKind.PLANS: (
        ("下一步", 6),
        ("下一年", 6),
        ("下步", 5),
        ("下年", 4),
        ("明年", 5),
        ("来年", 4),
        ("今后", 4),
        ("打算", 5),
        ("安排", 4),
        ("计划", 4),
        ("思路", 4),
        ("展望", 5),
        ("谋划", 3),
        ("目标", 2),
        ("努力方向", 4),
        ("工作要点", 3),
        ("对策", 3),
        ("措施", 1),
        ("部署", 1),
        ("将", 0.5),
    ),
    SectionKind.MEASURES: (
        ("举措", 4),
        ("成效", 4),
        ("成果", 3),
        ("成绩", 3),
        ("工作情况", 4),
        ("开展情况", 4),
        ("落实情况", 4),
        ("推进情况", 4),
        ("完成情况", 4),
        ("进展情况", 4),
        ("总体情况", 4),
        ("基本情况", 4),
        ("建设情况", 3),
        ("主要做法", 5),
        ("做法", 3),
        ("主要工作", 4),
        ("工作开展", 3),
        ("进展", 2),
        ("亮点", 3),
        ("经验", 2),
        ("取得", 2),
        ("回顾", 3),
        ("总结", 3),
        ("推进", 0.5),
        ("开展", 0.5),
    ),
    SectionKind.OTHER: (
        ("其他", 6),
        ("其它", 6),
        ("需要报告", 4),
        ("需要说明", 4),
        ("需报告", 4),
        ("意见建议", 4),
        ("有关建议", 3),
        ("建议", 2),
        ("补充", 2),
    ),
    SectionKind.CUSTOM: (
        ("学习贯彻", 2),
        ("学习宣传贯彻", 2),
        ("习近平法治思想", 2),
        ("习近平新时代", 2),
        ("二十大", 3),
        ("十九大", 3),
        ("全会精神", 3),
        ("会议精神", 2),
        ("政治", 1),
        ("党建", 2),
        ("党的领导", 2),
        ("理论学习", 2),
        ("思想", 0.5),
    ),
}

_YEAR = re.compile(r"(20\d{2})\s*年")
BODY_CHARS = 120  # of a section's opening text, read when its heading names no part
_NUMBER = re.compile(r"^[（(]?[一二三四五六七八九十0-9０-９]{1,3}[）)]?[、．.]?\s*")


@dataclass(frozen=True)
class KindScore:
    kind: SectionKind
    score: float


def scores(heading: str, report_year: int | None = None) -> dict[SectionKind, float]:
    """Each kind's keyword score for a heading (number stripped), with its years counted."""
    text = _NUMBER.sub("", heading.strip())
    out = {kind: 0.0 for kind in FAMILIES}
    for kind, family in FAMILIES.items():
        for word, weight in family:
            if word in text:
                out[kind] += weight
    years = [int(y) for y in _YEAR.findall(text)]
    if report_year is not None and years:
        if report_year + 1 in years:
            out[SectionKind.PLANS] += 4
        if report_year in years:
            out[SectionKind.MEASURES] += 1.5
            out[SectionKind.SHORTCOMINGS] += 0.5
    return out


def classify_section(
    heading: str,
    index: int = 0,
    count: int = 1,
    report_year: int | None = None,
    seen: tuple[SectionKind, ...] = (),
    body: str = "",
) -> SectionKind:
    """The canonical kind of a top-level section heading.

    `index`/`count` give its position among the report's sections and `seen` the kinds already assigned
    before it; they decide ties. A heading with no keyword at all is read with the section's opening
    `body`, and failing that placed by position (an unlabelled section at the start reports work done;
    one after the plans is "other").
    """
    s = scores(heading, report_year)
    # Political study sections (structure family (c)) come first and name no canonical part.
    canonical = {k: v for k, v in s.items() if k is not SectionKind.CUSTOM}
    best = max(canonical.values())
    if s[SectionKind.CUSTOM] > best or (best < 2 and s[SectionKind.CUSTOM] >= 2):
        return SectionKind.CUSTOM
    if best < 1.5:
        # A heading that names no part (三、需要关注的几个方面): what the section says decides if it
        # says it clearly, else the position.
        if body:
            b = {k: v for k, v in scores(body[:BODY_CHARS]).items() if k is not SectionKind.CUSTOM}
            top_body = max(b.values())
            leaders = [k for k, v in b.items() if v == top_body]
            if top_body >= 4 and len(leaders) == 1:
                return leaders[0]
        return _by_position(index, count, seen)
    top = [k for k, v in canonical.items() if v == best]
    if len(top) == 1:
        return top[0]
    return _break_tie(top, index, count, seen)


_ORDER = (
    SectionKind.RESPONSIBILITY,
    SectionKind.MEASURES,
    SectionKind.SHORTCOMINGS,
    SectionKind.PLANS,
    SectionKind.OTHER,
)


def _break_tie(top: Sequence[SectionKind], index: int, count: int, seen: tuple[SectionKind, ...]) -> SectionKind:
    fresh = [k for k in top if k not in seen]
    candidates = fresh or top
    # Later sections tend toward the later kinds of the regulation's order.
    late = count > 1 and index >= count / 2
    ordered = sorted(candidates, key=_ORDER.index, reverse=late)
    return ordered[0]


def _by_position(index: int, count: int, seen: tuple[SectionKind, ...]) -> SectionKind:
    if SectionKind.PLANS in seen or SectionKind.OTHER in seen:
        return SectionKind.OTHER
    if SectionKind.SHORTCOMINGS in seen:
        return SectionKind.PLANS
    if count > 2 and index == count - 1 and SectionKind.MEASURES in seen:
        return SectionKind.PLANS
    return SectionKind.MEASURES


# A sub-item that carries the 第一责任人 part itself (structure family (a)).
_RESPONSIBLE_ITEM = (
    ("第一责任人", 6),
    ("主要负责人", 4),
    ("主要负责同志", 4),
    ("一把手", 4),
    ("述法", 4),
    ("主要领导", 3),
)
_LEADERSHIP_WORDS = ("组织领导", "领导责任", "责任落实", "压实责任", "履职", "主体责任", "带头", "领导小组")


def classify_item(heading: str, first_sentence: str = "") -> SectionKind | None:
    """RESPONSIBILITY for a sub-item reporting the leader's 第一责任人 duties, else None.

    The heading decides; a heading about leadership in general (强化组织领导…) counts when its first
    sentence names the 第一责任人 duty.
    """
    text = _NUMBER.sub("", heading)
    score = sum(w for word, w in _RESPONSIBLE_ITEM if word in text)
    if score >= 4:
        return SectionKind.RESPONSIBILITY
    if any(word in text for word in _LEADERSHIP_WORDS) and "第一责任人" in first_sentence:
        return SectionKind.RESPONSIBILITY
    return None
