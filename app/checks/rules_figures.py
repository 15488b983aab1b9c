"""Rule group 4: figures — a rate that its own counts contradict, a total that its parts do not make up,
a rate over 100%."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .findings import Finding, Severity
from .registry import CheckContext, rule
from .textutil import sentences

NUM = r"(\d+(?:\.\d+)?)"
_UNITS = "件次|人次|件|人|次|个|名|起|批|场|户|家|所|项|条|份|篇|期|宗"
_COUNT = re.compile(rf"(约|近|超|逾|超过)?{NUM}\s*(万)?\s*(余|多)?\s*({_UNITS})")
# 化解率87.1%, 办结率为99.96%, 一次性化解率达到95.29%
_RATE = re.compile(r"([\u4e00-\u9fff]{1,6}?)率(?:为|是|达|达到|达到了|提升至|提高到|保持在)?\s*" + NUM + r"\s*[%％]")
_PERCENT = re.compile(NUM + r"\s*[%％]")
_GROWTH = re.compile(r"(增长|增加|上升|提高|提升|增幅|同比|环比|增速|超额|超过|高出|翻|完成)[^，。；]{0,8}$")


@dataclass(frozen=True)
class _Count:
    value: float
    unit: str
    start: int
    end: int
    approximate: bool = False  # 200余人次, 约5万册


def _counts(text: str, start: int, end: int) -> list[_Count]:
    out = []
    for m in _COUNT.finditer(text, start, end):
        value = float(m.group(2)) * (10000 if m.group(3) else 1)
        rough = bool(m.group(1) or m.group(4))
        out.append(_Count(value, m.group(5), m.start(2), m.end(), rough))
    return out


def _decimals(number: str) -> int:
    return len(number.split(".", 1)[1]) if "." in number else 0


@rule("figures.rate", Severity.ERROR, "比率与件数不符")
def rate_vs_counts(ctx: CheckContext) -> Iterator[Finding]:
    for f in ctx.fields:
        if not f.is_body:
            continue
        for s_start, s_end in sentences(f.text):
            for m in _RATE.finditer(f.text, s_start, s_end):
                stem = m.group(1)[-2:]  # 一次性化解率 → 化解
                stated = float(m.group(2))
                # The numerator: the rate's verb with a count (化解74件), the last one before the rate.
                num = None
                for c in re.finditer(
                    rf"{re.escape(stem)}[^，。；\d]{{0,4}}?{NUM}\s*({_UNITS})", f.text[s_start : m.start()]
                ):
                    num = _Count(float(c.group(1)), c.group(2), s_start + c.start(1), s_start + c.end())
                if num is None:
                    continue
                # The denominator: the nearest earlier count in the same unit, in the same sentence.
                earlier = [c for c in _counts(f.text, s_start, num.start) if c.unit == num.unit and c.end <= num.start]
                if not earlier:
                    continue
                den = earlier[-1]
                if den.value <= 0 or num.value > den.value or den.approximate:
                    continue
                places = _decimals(m.group(2))
                # Any earlier count of the unit may be the base (受理1000件，办结980件，按期办结950件，按期办结率95%).
                if any(_agrees(num.value, c.value, stated, places) for c in earlier if c.value >= num.value):
                    continue
                computed = num.value / den.value * 100
                shown = f"{computed:.{max(places, 1)}f}%"
                yield ctx.finding(
                    "figures.rate",
                    f"{stem}率与件数不符：{_fmt(num.value)}÷{_fmt(den.value)}＝{shown}，文中写的是{m.group(2)}%。",
                    f,
                    den.start,
                    m.end(),
                )


def _agrees(num: float, den: float, stated: float, places: int) -> bool:
    if den <= 0:
        return False
    computed = num / den * 100
    return abs(computed - stated) <= 0.5 * 10**-places + 1e-9 or abs(round(computed, places) - stated) <= 1e-9


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


@rule("figures.total", Severity.ERROR, "总数与分项不符")
def total_vs_parts(ctx: CheckContext) -> Iterator[Finding]:
    """信访总量2890件，其中网上投诉1814件，来访707件，来信369件: the parts must add up to the total."""
    for f in ctx.fields:
        if not f.is_body:
            continue
        for s_start, s_end in sentences(f.text):
            text = f.text
            for q in re.finditer(r"其中[：:，,]?", text[s_start:s_end]):
                qi = s_start + q.start()
                totals = _counts(text, s_start, qi)
                if not totals:
                    continue
                # The total is the counts right before 其中 (2890件3846人); take those after the last separator.
                cut = max(text.rfind(ch, s_start, qi - 1) for ch in "，,；;：:")
                totals = [c for c in totals if c.start > cut] or []
                if not totals:
                    continue
                stop = min([p for p in (text.find(ch, qi, s_end) for ch in "；;。") if p != -1] or [s_end])
                parts = _counts(text, s_start + q.end(), stop)
                for total in totals:
                    same = [p for p in parts if p.unit == total.unit]
                    if len(same) < 2 or total.approximate or any(p.approximate for p in same):
                        continue
                    added = sum(p.value for p in same)
                    if abs(added - total.value) < 1e-9:
                        continue
                    if added < total.value and added < total.value * 0.5:
                        continue  # 其中 names only some of the parts
                    words = "＋".join(_fmt(p.value) for p in same)
                    less = "；如果只列了部分分项，可以不改" if added < total.value else ""
                    yield ctx.finding(
                        "figures.total",
                        f"分项相加与总数不符：{words}＝{_fmt(added)}{total.unit}，总数写的是{_fmt(total.value)}{total.unit}{less}。",
                        f,
                        total.start,
                        same[-1].end,
                        severity=Severity.ERROR if added > total.value else Severity.WARNING,
                    )


@rule("figures.percent", Severity.ERROR, "超过100%的比率")
def over_hundred(ctx: CheckContext) -> Iterator[Finding]:
    for f in ctx.fields:
        if not f.is_body and not f.is_heading:
            continue
        for m in _PERCENT.finditer(f.text):
            value = float(m.group(1))
            if value <= 100:
                continue
            before = f.text[max(0, m.start() - 14) : m.start()]
            if _GROWTH.search(before) or not re.search(r"(率|占|比例|比重)[^，。；]{0,6}$", before):
                continue  # growth may exceed 100%; a bare percentage may be a completion of plan
            yield ctx.finding(
                "figures.percent",
                f"{m.group(0)}超过100%，比率不可能大于100%，请核对。",
                f,
                m.start(),
                m.end(),
            )


_SUM_WORD = re.compile(r"(?:共计|合计|总计|共)\s*$")


@rule("figures.sum", Severity.ERROR, "分项与合计不符")
def parts_then_sum(ctx: CheckContext) -> Iterator[Finding]:
    """来信300件、来访400件、网上信访500件，共计1200件: a list of counts followed by their sum."""
    for f in ctx.fields:
        if not f.is_body:
            continue
        for s_start, s_end in sentences(f.text):
            counts = _counts(f.text, s_start, s_end)
            for i, total in enumerate(counts):
                if i < 2 or not _SUM_WORD.search(f.text[max(s_start, total.start - 3) : total.start]):
                    continue
                parts = [c for c in counts[:i] if c.unit == total.unit]
                # only the run of counts right before the sum, in one list
                run: list[_Count] = []
                for c in reversed(parts):
                    gap = f.text[c.end : (run[-1].start if run else total.start)]
                    if len(gap) > 14 or re.search("[。；;]", gap):
                        break
                    run.append(c)
                run.reverse()
                if len(run) < 2 or total.approximate or any(c.approximate for c in run):
                    continue
                added = sum(c.value for c in run)
                if abs(added - total.value) > 1e-9:
                    words = "＋".join(_fmt(c.value) for c in run)
                    yield ctx.finding(
                        "figures.sum",
                        f"分项相加与合计不符：{words}＝{_fmt(added)}{total.unit}，合计写的是{_fmt(total.value)}{total.unit}。",
                        f,
                        run[0].start,
                        total.end,
                    )


_SHARE = re.compile(r"占(?:比|总量的|总数的|全部的|比为)?\s*" + NUM + r"\s*[%％]")


@rule("figures.shares", Severity.ERROR, "占比合计超过100%")
def shares_over_hundred(ctx: CheckContext) -> Iterator[Finding]:
    """其中来信占25%，来访占40%，网上信访占50%: the shares of one whole cannot exceed 100% together."""
    for f in ctx.fields:
        if not f.is_body:
            continue
        for s_start, s_end in sentences(f.text):
            q = f.text.find("其中", s_start, s_end)
            if q == -1:
                continue
            shares = list(_SHARE.finditer(f.text, q, s_end))
            if len(shares) < 2:
                continue
            total = sum(float(m.group(1)) for m in shares)
            if total > 100.5:
                words = "＋".join(m.group(1) + "%" for m in shares)
                yield ctx.finding(
                    "figures.shares",
                    f"各项占比相加超过100%：{words}＝{total:g}%。",
                    f,
                    shares[0].start(),
                    shares[-1].end(),
                )
