"""Rule group 1: the five parts the 督察工作规定 (2019) asks every annual report to contain."""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.core.model import SectionKind, walk_items

from .findings import Finding, Part, Severity
from .registry import CheckContext, rule

_REQUIRED = {
    SectionKind.MEASURES: ("required.measures", "推进法治政府建设的主要举措和成效"),
    SectionKind.SHORTCOMINGS: ("required.shortcomings", "推进法治政府建设存在的不足和原因"),
    SectionKind.RESPONSIBILITY: (
        "required.responsibility",
        "党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况",
    ),
    SectionKind.PLANS: ("required.plans", "下一年度推进法治政府建设的主要安排"),
}
# How reports give causes: 原因 and 由于 …, and the usual subjective causes (认识不够, 意识不强).
_REASON_WORDS = re.compile(
    r"原因|由于|因为|导致|造成|缘于|源于|究其|主要是|在于|根源|客观上|主观上|加之|以致|所致|受[^，。；]{0,8}影响|涉及|"
    r"认识不够|认识不足|认识不到位|重视不够|重视不足|意识不强|意识不够|能力不足|力量薄弱|人手不足|人员不足|经验不足"
)


def _has_section(ctx: CheckContext, kind: SectionKind) -> bool:
    return any(s.kind is kind for s in ctx.draft.sections)


def _missing(ctx: CheckContext, kind: SectionKind) -> Iterator[Finding]:
    rule_id, wording = _REQUIRED[kind]
    if not _has_section(ctx, kind):
        yield ctx.finding(
            rule_id, f"报告缺少“{wording}”这一部分，这是《法治政府建设与责任落实督察工作规定》要求报告的内容。"
        )


@rule("required.measures", Severity.ERROR, "主要举措和成效")
def measures(ctx: CheckContext) -> Iterator[Finding]:
    yield from _missing(ctx, SectionKind.MEASURES)


@rule("required.shortcomings", Severity.ERROR, "存在的不足和原因")
def shortcomings(ctx: CheckContext) -> Iterator[Finding]:
    yield from _missing(ctx, SectionKind.SHORTCOMINGS)


@rule("required.plans", Severity.ERROR, "下一年度主要安排")
def plans(ctx: CheckContext) -> Iterator[Finding]:
    yield from _missing(ctx, SectionKind.PLANS)


@rule("required.responsibility", Severity.ERROR, "第一责任人履职情况")
def responsibility(ctx: CheckContext) -> Iterator[Finding]:
    if _has_section(ctx, SectionKind.RESPONSIBILITY):
        return
    # Structure family (a): a sub-item of another part carries it. It counts, but reads as an afterthought.
    for f in ctx.fields:
        if f.ref.part is Part.ITEM_HEADING and _item_kind(ctx, f.ref.section, f.ref.item) is SectionKind.RESPONSIBILITY:
            yield ctx.finding(
                "required.responsibility",
                "第一责任人履职情况只作为其中一小项来写；审核通常希望单列一部分，写明主要负责人亲自部署、带头学法等具体情况。",
                f,
                severity=Severity.SUGGESTION,
            )
            return
    for f in ctx.fields:
        if f.is_body and (m := re.search("第一责任人", f.text)):
            yield ctx.finding(
                "required.responsibility",
                "没有单列党政主要负责人履行推进法治建设第一责任人职责的情况，只在正文中顺带提及；建议单列一部分。",
                f,
                m.start(),
                m.end(),
                severity=Severity.WARNING,
            )
            return
    yield from _missing(ctx, SectionKind.RESPONSIBILITY)


def _item_kind(ctx: CheckContext, section: int | None, path: tuple[int, ...]) -> SectionKind | None:
    if section is None:
        return None
    items = ctx.draft.sections[section].items
    item = None
    for n in path:
        item = items[n]
        items = item.children
    return item.kind if item is not None else None


@rule("required.other", Severity.INFO, "其他需要报告的情况")
def other(ctx: CheckContext) -> Iterator[Finding]:
    if not _has_section(ctx, SectionKind.OTHER):
        yield ctx.finding(
            "required.other",
            "没有“其他需要报告的情况”部分；确无其他情况可不写，如有表彰、试点或上级交办事项可在此报告。",
        )


@rule("required.shortcoming-reasons", Severity.SUGGESTION, "不足写明原因")
def shortcoming_reasons(ctx: CheckContext) -> Iterator[Finding]:
    for s, section in enumerate(ctx.draft.sections):
        if section.kind is not SectionKind.SHORTCOMINGS:
            continue
        # The heading may promise 原因 (存在的不足和原因); the text must give them.
        texts = [p.text for p in section.preamble]
        for _, item in walk_items(section.items):
            texts.append(item.heading)
            texts.extend(p.text for p in item.paragraphs)
        if any(t.strip() for t in texts) and not any(_REASON_WORDS.search(t) for t in texts):
            heading = next(f for f in ctx.fields if f.ref.part is Part.SECTION_HEADING and f.ref.section == s)
            yield ctx.finding(
                "required.shortcoming-reasons",
                "“存在的不足”只列了问题，没有分析原因；督察工作规定要求写明不足和原因。",
                heading,
            )


@rule("required.empty-section", Severity.ERROR, "空白部分")
def empty_section(ctx: CheckContext) -> Iterator[Finding]:
    for s, section in enumerate(ctx.draft.sections):
        has_text = any(p.text.strip() or p.table for p in section.preamble)
        for _, item in walk_items(section.items):
            has_text = has_text or bool(item.heading.strip()) or any(p.text.strip() or p.table for p in item.paragraphs)
        if not has_text:
            heading = next(f for f in ctx.fields if f.ref.part is Part.SECTION_HEADING and f.ref.section == s)
            if section.kind is SectionKind.OTHER:
                yield ctx.finding(
                    "required.empty-section",
                    "这一部分还没有内容；确无其他需要报告的情况，可删除这一部分。",
                    heading,
                    severity=Severity.INFO,
                )
            else:
                yield ctx.finding("required.empty-section", "这一部分还没有内容。", heading)
