"""Rule group 7: copying (照搬照抄) — the share of the draft that is verbatim last year's report or one of
the phrase library's source reports, with the copied passages marked.

Text is compared as its Chinese characters and digits only, so punctuation width and spacing do not hide a
copy; a passage counts as copied where it shares a run of SHINGLE such characters with the other text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from app.core.model import Origin

from .fields import Field, iter_fields
from .findings import Finding, Severity, Span
from .registry import CheckContext, rule
from .shingles import SHINGLE, normalise, shingles
from .sources import SourceReport

MIN_PASSAGE = 20  # shorter shared runs are stock phrases every report uses
PARAGRAPH_SHARE = 0.6  # a paragraph this much copied is marked on its own
SUMMARY_SHARE = 0.1


@lru_cache(maxsize=4096)
def copied_spans(text: str, known: frozenset[str], min_len: int = MIN_PASSAGE) -> tuple[tuple[int, int], ...]:
    """Spans [start, end) of `text` made of runs of at least `min_len` characters found in `known` shingles.

    Cached: a frozenset keeps its hash, so an unchanged paragraph against the same reports costs a lookup.
    """
    norm = normalise(text)
    n = len(norm.chars)
    covered = [False] * n
    for i in range(n - SHINGLE + 1):
        if norm.chars[i : i + SHINGLE] in known:
            for j in range(i, i + SHINGLE):
                covered[j] = True
    spans = []
    i = 0
    while i < n:
        if not covered[i]:
            i += 1
            continue
        j = i
        while j < n and covered[j]:
            j += 1
        if j - i >= min_len:
            spans.append((norm.index[i], norm.index[j - 1] + 1))
        i = j
    return tuple(spans)


def _body(ctx: CheckContext) -> list[Field]:
    return [f for f in ctx.fields if f.is_body and f.text.strip()]


def _share(spans: tuple[tuple[int, int], ...], text: str) -> int:
    return sum(len(normalise(text[a:b]).chars) for a, b in spans)


def _report(
    ctx: CheckContext,
    rule_id: str,
    known: frozenset[str],
    whose: str,
    fields: Iterable[Field],
    reads_as: str,
    min_len: int = MIN_PASSAGE,
) -> Iterator[Finding]:
    total = copied = 0
    all_marks: list[Span] = []
    per_paragraph: list[tuple[Field, tuple[tuple[int, int], ...]]] = []
    for f in fields:
        n = len(normalise(f.text).chars)
        spans = copied_spans(f.text, known, min_len)
        total += n
        c = _share(spans, f.text)
        copied += c
        all_marks.extend(Span(f.ref, a, b) for a, b in spans)
        if n and c / n >= PARAGRAPH_SHARE:
            per_paragraph.append((f, spans))
    if not total or not copied:
        return
    share = copied / total
    if share < SUMMARY_SHARE and not per_paragraph:
        return  # a shared sentence or two is common phrasing, not copying
    yield ctx.finding(
        rule_id,
        f"全文约{share:.0%}的文字（{copied}字）与{whose}逐字相同，已标出这些段落；请按本年度的实际情况改写。",
        severity=Severity.WARNING if share >= 0.3 else Severity.INFO,
        excerpt="",
        marks=tuple(all_marks),
    )
    for f, spans in per_paragraph:
        a, b = max(spans, key=lambda s: s[1] - s[0])
        yield ctx.finding(
            rule_id,
            f"这一段大部分文字与{whose}相同，{reads_as}。",
            f,
            a,
            b,
            severity=Severity.SUGGESTION,
            marks=tuple(Span(f.ref, x, y) for x, y in spans),
        )


@rule("copy.previous", Severity.INFO, "照搬去年的报告")
def from_previous(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.previous is not None:
        known = frozenset().union(*(shingles(f.text) for f in iter_fields(ctx.previous) if f.is_body))
        yield from _report(ctx, "copy.previous", known, "去年的报告", _body(ctx), "仍是去年的原文", SHINGLE)
        return
    carried = [f for f in _body(ctx) if f.paragraph is not None and f.paragraph.source.origin is Origin.CARRIED]
    if not carried:
        return
    total = sum(len(normalise(f.text).chars) for f in _body(ctx)) or 1
    share = sum(len(normalise(f.text).chars) for f in carried) / total
    yield ctx.finding(
        "copy.previous",
        f"有{len(carried)}段（约占全文{share:.0%}）沿用自去年的草稿，请逐段核对并按本年度的情况改写。",
        carried[0],
        severity=Severity.WARNING if share >= 0.3 else Severity.INFO,
        marks=tuple(Span(f.ref, 0, len(f.text)) for f in carried),
    )


@rule("copy.source", Severity.INFO, "照搬其他单位的报告")
def from_sources(ctx: CheckContext) -> Iterator[Finding]:
    home = ctx.home
    others = [s for s in ctx.source_reports if s not in home.self_sources]
    if not others:
        return
    fields = _body(ctx)
    for unit, theirs in _shingles_by_unit(tuple(others)):
        yield from _report(ctx, "copy.source", theirs, f"{unit}的报告", fields, "读起来仍是别人的报告")


@lru_cache(maxsize=4)
def _shingles_by_unit(others: tuple[SourceReport, ...]) -> tuple[tuple[str, frozenset[str]], ...]:
    """Each source report's unit with the shingles only its report has (the same for every run)."""
    owners: dict[str, set[str]] = {}
    for s in others:
        for sh in shingles(s.text):
            owners.setdefault(sh, set()).add(s.unit or s.name)
    # A run two reports share is common phrasing, not somebody's report.
    mine: dict[str, set[str]] = {}
    for sh, units in owners.items():
        if len(units) == 1:
            mine.setdefault(next(iter(units)), set()).add(sh)
    return tuple((unit, frozenset(mine[unit])) for unit in sorted(mine))
