"""Rule group 2: years and dates — the title's year, headings, 下一年度 = report year + 1, years left
from a copied report, and the 成文日期 against the reporting window and deadlines."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator

from app.core.model import Draft, SectionKind

from .fields import Field, iter_fields
from .findings import Finding, Fix, Location, Part, Severity, TextEdit
from .registry import CheckContext, rule

# A year as reports write it: 2024年, 2024 年, 2024年度. Not part of a longer number, not a range's end
# (2021—2025年) and not a date's year inside a range either.
YEAR = re.compile(r"(?<![\d.\-—–~～至到])((?:19|20)\d{2})(?=\s*年)(?!\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日?\s*[至到—–-])")
_RANGE_START = re.compile(r"\s*年?\s*[—–\-~～至到]\s*(?:19|20)\d{2}")
# A sentence that frames what follows by a year: 2023年，… / 2023年全区… (not 2023年以来, which may
# rightly look back from the report year)
_FRAMING = re.compile(r"\s*年度?(?:[，,]|全年|上半年|下半年|全区|全市|全县|全省|全镇|全办|全局|我局|我办|共|累计|，)")
# 《2023年全区法治政府建设工作要点》: a year's working document, which a report follows for that year only.
_ANNUAL_DOCUMENT = re.compile(
    r"\s*年度?[^》。；]{0,16}(?:工作要点|督察要点|工作计划|工作方案|实施方案|任务清单|责任清单|工作清单)》"
)
# What makes a sentence a plan rather than a look back: 将, 要, 计划 …
_FUTURE = re.compile("将|要|计划|拟|力争|继续|持续|进一步|着力|确保|努力")
_PLANS_FRAMING = re.compile(r"\s*年度?(?:[，,]|[我本](?:局|办|委|单位)|全区|全市|全县|将|要|继续|重点)")


def _years(text: str) -> Iterator[re.Match[str]]:
    for m in YEAR.finditer(text):
        if _RANGE_START.match(text, m.end()):
            continue  # 2021—2025年: a plan's period, not a year of the report
        yield m


def _shift(f: Field, m: re.Match[str], year: int, what: str) -> Fix:
    return Fix(f"把“{m.group(1)}”改为“{year}”{what}", (TextEdit(f.ref, m.start(1), m.group(1), str(year)),))


def _sentence_start(text: str, pos: int) -> bool:
    """Whether `pos` starts a sentence or a clause list (after 。；： or at the start, or after 一是)."""
    before = re.sub(r"(?:在|于|到|至)$", "", text[:pos].rstrip()).rstrip()
    return (
        not before
        or before[-1] in "。；：！？\n"
        or bool(re.search(r"[一二三四五六七八九十]是$|[（(][一二三四五六七八九十\d]+[)）]$", before))
    )


@rule("year.title", Severity.ERROR, "标题年份")
def title_year(ctx: CheckContext) -> Iterator[Finding]:
    for f in ctx.fields:
        if f.ref.part is not Part.TITLE:
            continue
        for m in _years(f.text):
            if int(m.group(1)) != ctx.year:
                yield ctx.finding(
                    "year.title",
                    f"标题中的年份是{m.group(1)}年，而报告年度是{ctx.year}年。",
                    f,
                    m.start(1),
                    m.end(1),
                    fix=_shift(f, m, ctx.year, "（报告年度）"),
                )


@rule("year.heading", Severity.ERROR, "标题中的年份")
def heading_years(ctx: CheckContext) -> Iterator[Finding]:
    y = ctx.year
    for f in ctx.fields:
        if f.ref.part not in (Part.SECTION_HEADING, Part.ITEM_HEADING):
            continue
        plans = f.kind is SectionKind.PLANS
        for m in _years(f.text):
            found = int(m.group(1))
            if plans and found != y + 1:
                yield ctx.finding(
                    "year.next-year" if found == y else "year.heading",
                    f"“下一年度安排”的标题应写{y + 1}年（报告年度的下一年），这里写的是{found}年。",
                    f,
                    m.start(1),
                    m.end(1),
                    fix=_shift(f, m, y + 1, "（下一年度）"),
                )
            elif not plans and found != y and f.kind is not None:
                yield ctx.finding(
                    "year.heading",
                    f"标题中的年份是{found}年，而报告年度是{y}年，像是沿用了往年报告。",
                    f,
                    m.start(1),
                    m.end(1),
                    fix=_shift(f, m, y, "（报告年度）"),
                )


@rule("year.next-year", Severity.ERROR, "下一年度的年份")
def next_year(ctx: CheckContext) -> Iterator[Finding]:
    """In the plans, a sentence framed by the report year where the next year is meant (2024年，我们将…)."""
    y = ctx.year
    for f in ctx.fields:
        if not f.is_body or f.kind is not SectionKind.PLANS:
            continue
        for m in _years(f.text):
            found = int(m.group(1))
            end = min([p for p in (f.text.find(ch, m.end()) for ch in "。；") if p != -1] or [len(f.text)])
            if (
                y - 1 <= found <= y
                and _sentence_start(f.text, m.start())
                and _PLANS_FRAMING.match(f.text, m.end())
                and _FUTURE.search(f.text, m.end(), end)
            ):
                yield ctx.finding(
                    "year.next-year",
                    f"这是下一年度的安排，年份应为{y + 1}年，这里写的是{found}年。",
                    f,
                    m.start(1),
                    m.end(1),
                    severity=Severity.WARNING,
                    fix=_shift(f, m, y + 1, "（下一年度）"),
                )


@rule("year.stale", Severity.WARNING, "沿用往年的年份")
def stale_year(ctx: CheckContext) -> Iterator[Finding]:
    """A sentence of this year's work framed by another year (2023年，全区… in a 2024 report): a year left
    from last year's report. History (2010年4月6日印发的…) is not framed that way and is not flagged."""
    y = ctx.year
    for f in ctx.fields:
        if not f.is_body or f.kind is SectionKind.PLANS or f.ref.part is Part.CLOSING:
            continue
        for m in _years(f.text):
            found = int(m.group(1))
            if found == y or not (y - 3 <= found <= y + 1):
                continue
            if _sentence_start(f.text, m.start()) and _FRAMING.match(f.text, m.end()):
                yield ctx.finding(
                    "year.stale",
                    f"这句写的是{found}年的情况，而报告年度是{y}年，像是沿用了往年报告的年份。",
                    f,
                    m.start(1),
                    m.end(1),
                    fix=_shift(f, m, y, "（报告年度）"),
                )
            elif (
                _ANNUAL_DOCUMENT.match(f.text, m.end())
                and f.text[max(0, m.start() - 12) : m.start()].endswith("《")
                and found < y
            ):
                yield ctx.finding(
                    "year.stale",
                    f"按照{found}年的年度文件开展{y}年的工作，像是沿用了往年报告；请核对文件年份。",
                    f,
                    m.start(1),
                    m.end(1),
                    fix=_shift(f, m, y, "（报告年度）"),
                )
            elif f.text[max(0, m.start() - 2) : m.start()].endswith(("现将", "关于")):
                yield ctx.finding(
                    "year.stale",
                    f"这里报告的是{found}年的情况，而报告年度是{y}年。",
                    f,
                    m.start(1),
                    m.end(1),
                    fix=_shift(f, m, y, "（报告年度）"),
                )


def _date_text(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _date_field(d: dt.date) -> Field:
    return Field(Location(Part.DATE), _date_text(d))


@rule("year.date-missing", Severity.INFO, "缺少成文日期")
def date_missing(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.draft.meta.date is None:
        yield ctx.finding("year.date-missing", f"没有成文日期；落款下应写成文日期，如“{ctx.year + 1}年2月20日”。")


@rule("year.date-window", Severity.WARNING, "成文日期")
def date_window(ctx: CheckContext) -> Iterator[Finding]:
    d = ctx.draft.meta.date
    y = ctx.year
    if d is not None and not dt.date(y, 12, 1) <= d <= dt.date(y + 1, 3, 31):
        yield ctx.finding(
            "year.date-window",
            f"成文日期{_date_text(d)}不在通常的时间范围内（{y}年12月至{y + 1}年3月31日），请核对年份。",
            _date_field(d),
        )


@rule("year.date-deadline", Severity.INFO, "报送期限")
def date_deadline(ctx: CheckContext) -> Iterator[Finding]:
    d = ctx.draft.meta.date
    y = ctx.year
    if d is not None and dt.date(y + 1, 3, 1) <= d <= dt.date(y + 1, 12, 31):
        late = "，也晚于4月1日前向社会公开的期限。" if d >= dt.date(y + 1, 4, 1) else "。"
        yield ctx.finding(
            "year.date-deadline",
            f"成文日期{_date_text(d)}晚于3月1日；年度报告应在3月1日前报送本级党委、政府和上级部门{late}",
            _date_field(d),
        )


def _speaks_of(text: str, m: re.Match[str]) -> bool:
    """Whether the year at `m` names the year the text reports on: 2023年，… / 现将2023年… / 《2023年…要点》."""
    before = text[max(0, m.start() - 12) : m.start()]
    return bool(
        (_sentence_start(text, m.start()) and _FRAMING.match(text, m.end()))
        or before.endswith(("现将", "关于"))
        or (before.endswith("《") and _ANNUAL_DOCUMENT.match(text, m.end()))
    )


def body_year(draft: Draft) -> int | None:
    """The report year the body itself speaks of — its headings, its sentences framed by a year, the year
    before its 下一年度, its date — when that evidence is clear (two votes and none against, or three votes
    and two thirds agreeing)."""
    votes: Counter[int] = Counter()
    for f in iter_fields(draft):
        if f.ref.part in (Part.TITLE, Part.CLOSING, Part.ADDRESSEE, Part.SIGNATURE):
            continue
        plans = f.kind is SectionKind.PLANS
        for m in _years(f.text):
            year = int(m.group(1))
            if f.ref.part in (Part.SECTION_HEADING, Part.ITEM_HEADING):
                votes[year - 1 if plans else year] += 1
            elif plans:
                continue
            elif _speaks_of(f.text, m):
                votes[year] += 1
    d = draft.meta.date
    if d is not None:
        votes[d.year if d.month >= 10 else d.year - 1] += 1
    if not votes:
        return None
    year, n = votes.most_common(1)[0]
    total = sum(votes.values())
    return year if (n >= 2 and n == total) or (n >= 3 and n * 3 >= total * 2) else None
