"""Which canonical part of the report each top-level heading names, read over the whole report.

Real reports word the five parts of the 督察工作规定 in many ways (主要举措和成效, 工作落实情况及成效,
2023年法治政府建设工作情况, 下一步工作打算, 2025年工作思路 …). Each part gets a score per kind from its
heading (a family of weighted keywords per kind, the heading's form, its year against the report year)
and from the text under it; then the order reports keep their parts in decides the best assignment
for all parts at once. Nothing here names a sample's heading; the evaluation sets are in
tests/data/classifier/ (docs/phrase-library.md gives the score).
"""

from __future__ import annotations

import re

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
_NUMBER = re.compile(r"^[（(]?[一二三四五六七八九十0-9０-９]{1,3}[）)]?[、．.，,]?\s*")

# A two-clause heading that opens with a verb (聚焦群众急难愁盼问题，全面推进信访工作法治化) names a line of
# work, not a part: its nouns (问题, 安排, 部署) say what the work was about. It reports work done unless
# its year or its text says it is planned.
_ACTION_OPENING = re.compile(
    r"^(?:聚焦|坚持|强化|加强|推进|推动|统筹|压实|深化|完善|健全|规范|创新|提升|提高|夯实|着眼|着力|落实|严格|优化|"
    r"突出|注重|抓实|抓好|筑牢|构建|建立|打造|紧扣|围绕|立足|狠抓|扎实|全面|聚力|锚定|部署|依法|认真|深入|"
    r"强基|守牢|织密|畅通|拓宽|做实|做优|用好|发挥|化解|维护|保障|服务|助力|激发|凝聚)"
)
THEME_BONUS = 2.5  # to 举措成效, for a verb-led heading
THEME_DAMPING = 0.25  # of the 不足 and 安排 keywords in a verb-led heading
NEXT_YEAR_BONUS = 4.0
REPORT_YEAR_BONUS = 1.5

# The text under a heading: past tense and figures report work done, 不够/有待/仍需 shortcomings, 将/要/持续
# plans. Only the balance between them counts, and never more than BODY_WEIGHT: a heading that names
# its part is not overruled by its text.
BODY_CHARS = 400
BODY_WEIGHT = 2.5
_BODY_MARKS: dict[SectionKind, re.Pattern[str]] = {
    SectionKind.MEASURES: re.compile(
        r"\d+(?:\.\d+)?\s*(?:%|件|次|人|场|个|份|批|万|余|期|篇|条|项)|全年|累计|共计|已经|完成了|实现了|取得了|开展了|"
        r"举办了|组织了|召开了|制定了|出台了|建立了"
    ),
    SectionKind.SHORTCOMINGS: re.compile(
        r"不够|有待|仍需|尚需|不足|薄弱|欠缺|短板|差距|尚未|还不|仍有|仍然存在|不强|不高|不到位|不平衡|不充分|滞后"
    ),
    SectionKind.PLANS: re.compile(r"将|(?<![主需重必只])要(?![求点])|持续|继续|进一步|力争|明年|下一步|下步|着力|计划"),
}

# The order reports put their parts in: the regulation's, with political study first and 其他 last.
# 第一责任人 may stand anywhere before the plans (first in family (b), after 举措成效 in others).
_RANK = {
    SectionKind.CUSTOM: 0,
    SectionKind.MEASURES: 1,
    SectionKind.SHORTCOMINGS: 2,
    SectionKind.PLANS: 3,
    SectionKind.OTHER: 4,
}
BACKWARDS = -8.0  # a part before one already passed (安排 then 举措)
REPEAT = {
    SectionKind.SHORTCOMINGS: -1.0,
    SectionKind.PLANS: -1.0,
    SectionKind.OTHER: -1.0,
    SectionKind.RESPONSIBILITY: -3.0,
}
LATE_START = -3.0  # a report that opens with its shortcomings, plans or "other" (unless numbered past 一)
# What an unlabelled part most likely is, other things equal: work done; after the shortcomings, plans.
PRIOR = {SectionKind.MEASURES: 0.3, SectionKind.PLANS: 0.1}
_KINDS = tuple(FAMILIES)


def _bare(heading: str) -> str:
    return _NUMBER.sub("", heading.strip())


def scores(heading: str, report_year: int | None = None) -> dict[SectionKind, float]:
    """Each kind's score for a heading (number stripped): its keywords, its years, its form."""
    text = _bare(heading)
    out = {kind: 0.0 for kind in FAMILIES}
    for kind, family in FAMILIES.items():
        for word, weight in family:
            if word in text:
                out[kind] += weight
    if _ACTION_OPENING.match(text) and re.search("[，,；;]", text):
        out[SectionKind.SHORTCOMINGS] *= THEME_DAMPING
        out[SectionKind.PLANS] *= THEME_DAMPING
        out[SectionKind.MEASURES] += THEME_BONUS
    years = [int(y) for y in _YEAR.findall(text)]
    if report_year is not None and years:
        if report_year + 1 in years:
            out[SectionKind.PLANS] += NEXT_YEAR_BONUS
        if report_year in years:
            out[SectionKind.MEASURES] += REPORT_YEAR_BONUS
            out[SectionKind.SHORTCOMINGS] += REPORT_YEAR_BONUS / 3
    return out


def body_scores(body: str) -> dict[SectionKind, float]:
    """What the text under a heading says about its part: at most BODY_WEIGHT, shared by the kinds it hints at."""
    text = body[:BODY_CHARS]
    counts = {kind: len(pattern.findall(text)) for kind, pattern in _BODY_MARKS.items()}
    total = sum(counts.values())
    out = {kind: 0.0 for kind in FAMILIES}
    if total >= 2:
        for kind, n in counts.items():
            out[kind] = BODY_WEIGHT * n / total
    return out


def score_matrix(
    headings: list[str], report_year: int | None = None, bodies: list[str] | None = None
) -> list[dict[SectionKind, float]]:
    """Per part, per kind: heading, year and text evidence, before the order of the parts is weighed."""
    matrix = []
    for index, heading in enumerate(headings):
        row = scores(heading, report_year)
        body = bodies[index] if bodies is not None and index < len(bodies) else ""
        if body:
            for kind, value in body_scores(body).items():
                row[kind] += value
        for kind, value in PRIOR.items():
            row[kind] += value
        matrix.append(row)
    return matrix


def classify_sections(
    headings: list[str], report_year: int | None = None, bodies: list[str] | None = None
) -> list[SectionKind]:
    """The kind of each top-level part, decided together: the best assignment over the whole sequence.

    Each part's evidence (`score_matrix`) is weighed against the order reports keep their parts in
    (a Viterbi pass whose state is the part's kind and the furthest part reached so far), so one
    misleading heading cannot push every later part out of place, and a part that names nothing is
    placed by its neighbours.
    """
    if not headings:
        return []
    matrix = score_matrix(headings, report_year, bodies)
    State = tuple[SectionKind, int]  # the part's kind, the furthest rank reached so far
    best: dict[State, tuple[float, list[SectionKind]]] = {}
    opens = _NUMBER.match(headings[0].strip()) is None or headings[0].strip()[:1] in "一1１（("
    for kind in _KINDS:
        start = matrix[0][kind] + (LATE_START if opens and _RANK.get(kind, 1) >= 2 else 0.0)
        state = (kind, _RANK.get(kind, 0))
        if state not in best or start > best[state][0]:
            best[state] = (start, [kind])
    for row in matrix[1:]:
        step: dict[State, tuple[float, list[SectionKind]]] = {}
        for (previous, reached), (total, path) in best.items():
            for kind in _KINDS:
                value = total + row[kind] + _transition(previous, reached, kind)
                state = (kind, max(reached, _RANK.get(kind, reached)))
                if state not in step or value > step[state][0]:
                    step[state] = (value, [*path, kind])
        best = step
    return max(best.values(), key=lambda entry: entry[0])[1]


def _transition(previous: SectionKind, reached: int, kind: SectionKind) -> float:
    value = REPEAT.get(kind, 0.0) if kind is previous else 0.0
    rank = _RANK.get(kind)
    if rank is None:  # 第一责任人: anywhere before the plans
        return value + (BACKWARDS if reached >= _RANK[SectionKind.PLANS] else 0.0)
    return value + (BACKWARDS if rank < reached else 0.0)


def classify_section(heading: str, report_year: int | None = None, body: str = "") -> SectionKind:
    """The kind of one heading on its own (`classify_sections` reads a whole report)."""
    return classify_sections([heading], report_year, [body])[0]


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
