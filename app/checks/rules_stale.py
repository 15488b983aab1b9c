"""Rule group 5: references that were true once — a replaced regulation cited as in force, a plan past its
period, the "latest" plenary session of another year. The facts come from resources/facts.toml."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from app.core.facts import Session

from .fields import Field
from .findings import Finding, Fix, Severity, TextEdit
from .registry import CheckContext, rule
from .textutil import HAN

# Mentions as history, not as the rule in force: 原《信访条例》, 取代了《信访条例》, 《信访条例》同时废止.
_HISTORY_BEFORE = re.compile(r"(原|旧|废止|取代|替代|代替|此前|以前|修订前|过去|相比|对比|原有|原来的?)[^。；]{0,6}$")
_HISTORY_AFTER = re.compile(r"^[^。；]{0,8}(废止|失效|不再|相比|对比)")
_ANNIVERSARY_AFTER = re.compile(r"^[^。；]{0,8}(周年|修订|颁布|实施以来)")


def _name_pattern(name: str) -> re.Pattern[str]:
    """A document name matched with either width of brackets and any dash: 纲要(2021-2025年) = 纲要（2021—2025年）."""
    parts = []
    for ch in name:
        if ch in "（(":
            parts.append("[（(]")
        elif ch in "）)":
            parts.append("[）)]")
        elif ch in "—–-~～－":
            parts.append("[—–\\-~～－]{1,2}")
        else:
            parts.append(re.escape(ch))
    return re.compile("".join(parts))


@rule("stale.regulation", Severity.ERROR, "已废止的法规")
def replaced_regulation(ctx: CheckContext) -> Iterator[Finding]:
    for reg in ctx.facts.regulations:
        if not reg.replaced_by or reg.stale_from_year is None or ctx.year < reg.stale_from_year:
            continue
        # 《信访条例》, or the bare name where it is not part of a longer one (天津市信访条例 is a local rule).
        pattern = re.compile(f"《{re.escape(reg.name)}》|(?<![{HAN}《]){re.escape(reg.name)}(?![{HAN}》])")
        for f in ctx.fields:
            for m in pattern.finditer(f.text):
                before, after = f.text[max(0, m.start() - 12) : m.start()], f.text[m.end() : m.end() + 12]
                if _HISTORY_BEFORE.search(before) or _HISTORY_AFTER.search(after):
                    continue
                when = reg.replaced_on.strftime("%Y年%-m月%-d日") if reg.replaced_on else f"{reg.stale_from_year}年"
                message = f"{m.group(0)}已于{when}被《{reg.replaced_by}》取代，{ctx.year}年度的报告不应再把它当作现行规定引用。"
                fix = None
                if not _ANNIVERSARY_AFTER.search(after):
                    new = f"《{reg.replaced_by}》" if m.group(0).startswith("《") else reg.replaced_by
                    fix = Fix(f"改为{new}", (TextEdit(f.ref, m.start(), m.group(0), new),))
                yield ctx.finding("stale.regulation", message, f, m.start(), m.end(), fix=fix)


@rule("stale.plan", Severity.WARNING, "过期的规划纲要")
def expired_plan(ctx: CheckContext) -> Iterator[Finding]:
    for plan in ctx.facts.plans:
        if plan.first_year <= ctx.year <= plan.last_year or ctx.year < plan.first_year:
            continue
        pattern = _name_pattern(plan.name)
        for f in ctx.fields:
            for m in pattern.finditer(f.text):
                if _HISTORY_BEFORE.search(f.text[max(0, m.start() - 12) : m.start()]):
                    continue
                current = ctx.facts.plan_for_year(ctx.year)
                fix = None
                if current is not None and plan.followed_by == current.name:
                    fix = Fix(f"改为《{current.name}》", (TextEdit(f.ref, m.start(), m.group(0), current.name),))
                hint = f"，{ctx.year}年适用的是《{current.name}》" if current else ""
                yield ctx.finding(
                    "stale.plan",
                    f"《{plan.name}》的期限是{plan.first_year}—{plan.last_year}年{hint}。",
                    f,
                    m.start(),
                    m.end(),
                    fix=fix,
                )


# Any citation of a plan by its period: 法治政府建设实施纲要（2022—2025 年）.
_PLAN_PERIOD = re.compile(
    r"(法治政府建设实施纲要)\s*[（(]\s*((?:19|20)\d{2})\s*年?\s*[—–\-~～－至]{1,2}\s*((?:19|20)\d{2})\s*年?\s*[）)]"
)


@rule("stale.plan-period", Severity.WARNING, "规划纲要的期限写错")
def wrong_plan_period(ctx: CheckContext) -> Iterator[Finding]:
    known = {(p.first_year, p.last_year) for p in ctx.facts.plans}
    current = ctx.facts.plan_for_year(ctx.year)
    for f in ctx.fields:
        for m in _PLAN_PERIOD.finditer(f.text):
            if (int(m.group(2)), int(m.group(3))) in known:
                continue
            fix = None
            hint = ""
            if current is not None and current.name.startswith(m.group(1)):
                fix = Fix(f"改为《{current.name}》", (TextEdit(f.ref, m.start(), m.group(0), current.name),))
                hint = f"，{ctx.year}年适用的是《{current.name}》"
            yield ctx.finding(
                "stale.plan-period",
                f"没有期限为{m.group(2)}—{m.group(3)}年的《{m.group(1)}》{hint}。",
                f,
                m.start(),
                m.end(),
                fix=fix,
            )


_CONGRESS = re.compile(r"(?:党的)?(二十一|二十|十九|十八)大")
_PLENUMS = re.compile(r"(二十一|二十|十九|十八)届((?:[一二三四五六七八九十]中[、和及与]?)+)全(?:体会议|会)")
_FUTURE_CONTEXT = re.compile(r"(迎接|喜迎|迎|筹备|召开前|前夕)[^。；，]{0,4}$")


def session_mentions(ctx: CheckContext) -> Iterator[tuple[Field, int, int, Session]]:
    """(field, start, end, session) for every congress or plenary session the draft names."""
    for f in ctx.fields:
        for m in _CONGRESS.finditer(f.text):
            s = ctx.facts.session(f"党的{m.group(1)}大")
            if s is not None:
                yield f, m.start(), m.end(), s
        for m in _PLENUMS.finditer(f.text):
            term = m.group(1)
            for n in re.finditer(r"([一二三四五六七八九十])中", m.group(2)):
                s = ctx.facts.session(f"{term}届{n.group(1)}中全会")
                if s is not None:
                    start = m.start(2) + n.start() if n.start() else m.start()
                    yield f, start, m.end(), s


def _month(d: dt.date) -> str:
    return f"{d.year}年{d.month}月"


@rule("stale.plenary", Severity.WARNING, "最新会议精神")
def plenary(ctx: CheckContext) -> Iterator[Finding]:
    written_by = ctx.draft.meta.date or dt.date(ctx.year + 1, 3, 31)
    cited: list[tuple[Field, int, int, Session]] = []
    for f, start, end, s in session_mentions(ctx):
        if s.held > written_by:
            if _FUTURE_CONTEXT.search(f.text[max(0, start - 8) : start]):
                continue
            yield ctx.finding(
                "stale.plenary",
                f"{s.name}于{_month(s.held)}召开，晚于这份{ctx.year}年度报告的成文时间，不可能在报告中学习贯彻；请核对年份。",
                f,
                start,
                end,
                severity=Severity.ERROR,
            )
        else:
            cited.append((f, start, end, s))
    if not cited:
        return
    expected = ctx.facts.latest_major_sessions(ctx.year)
    if not expected:
        return
    latest_expected = expected[-1]
    f, start, end, latest_cited = max(cited, key=lambda c: c[3].held)
    if latest_cited.held < latest_expected.held:
        yield ctx.finding(
            "stale.plenary",
            f"报告引用的最新会议是{latest_cited.name}（{_month(latest_cited.held)}），而{latest_expected.name}已于"
            f"{_month(latest_expected.held)}召开；{ctx.year}年度的报告通常应写学习贯彻{latest_expected.name}精神，"
            "这里像是沿用了往年的表述。",
            f,
            start,
            end,
        )
