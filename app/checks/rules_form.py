"""Rule group 6: form — punctuation width, quotes, typed numbering (一是…三是), heading levels, repeated
and over-long headings. The group's faults of running text are in rules_text_faults.py."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from app.core.model import Item

from .fields import Field
from .findings import Finding, Fix, Part, Severity, Span, TextEdit
from .punctuation import Replacement, curly_quotes, halfwidth, odd_straight_quotes, stray_spaces
from .registry import CheckContext, rule
from .textutil import cn_number, cn_numeral, is_han, letters_and_digits, window


def _fix(f: Field, reps: list[Replacement], description: str) -> Fix:
    return Fix(description, tuple(TextEdit(f.ref, r.start, r.old, r.new) for r in reps))


def _marks(f: Field, reps: list[Replacement]) -> tuple[Span, ...]:
    """Every replaced character, for the editor to highlight."""
    return tuple(Span(f.ref, r.start, r.end) for r in reps)


def _excerpt_span(f: Field, reps: list[Replacement]) -> tuple[int, int]:
    return window(f.text, reps[0].start, reps[0].end, 6, 6)


def describe_halfwidth(reps: list[Replacement]) -> str:
    marks = "".join(dict.fromkeys(r.old.strip() for r in reps))
    return f"有{len(reps)}处半角标点（{' '.join(marks)}），中文正文应使用全角标点（，；：（）“”）。"


def describe_spaces(reps: list[Replacement]) -> str:
    return f"有{len(reps)}处多余的空格（如“宣 传”“2023 年”），多是从PDF或网页复制时带入的。"


@rule("form.halfwidth-punct", Severity.WARNING, "半角标点")
def halfwidth_punct(ctx: CheckContext) -> Iterator[Finding]:
    for f in ctx.fields:
        reps = halfwidth(f.text)
        if reps:
            a, b = _excerpt_span(f, reps)
            yield ctx.finding(
                "form.halfwidth-punct",
                describe_halfwidth(reps),
                f,
                a,
                b,
                fix=_fix(f, reps, "把半角标点改为全角"),
                marks=_marks(f, reps),
            )
        odd = odd_straight_quotes(f.text)
        if odd:
            a, b = window(f.text, odd[0], odd[0] + 1)
            yield ctx.finding(
                "form.halfwidth-punct",
                "有不成对的半角引号，中文正文应使用全角引号“”。",
                f,
                a,
                b,
            )


@rule("form.stray-space", Severity.WARNING, "多余的空格")
def stray_space(ctx: CheckContext) -> Iterator[Finding]:
    for f in ctx.fields:
        reps = stray_spaces(f.text)
        if reps:
            a, b = _excerpt_span(f, reps)
            yield ctx.finding(
                "form.stray-space",
                describe_spaces(reps),
                f,
                a,
                b,
                fix=_fix(f, reps, "删除多余的空格"),
                marks=_marks(f, reps),
            )


_OPEN_CLOSE = (("“", "”"), ("‘", "’"), ("《", "》"), ("（", "）"))


@rule("form.quotes", Severity.WARNING, "引号、括号不成对或混用")
def quotes(ctx: CheckContext) -> Iterator[Finding]:
    yield from _mixed_quotes(ctx)
    for f in ctx.fields:
        reps = curly_quotes(f.text)
        if reps:
            a, b = _excerpt_span(f, reps)
            yield ctx.finding(
                "form.quotes",
                "引号方向用错了（前引号应为“，后引号应为”）。",
                f,
                a,
                b,
                fix=_fix(f, reps, "改正引号方向"),
            )
            continue
        for opening, closing in _OPEN_CLOSE:
            if opening == "“" and '"' in f.text:
                continue  # a straight quote standing for one of them: reported as mixed quotes
            if reps is None and opening == "“":
                pos = next(i for i, ch in enumerate(f.text) if ch in "“”")
                a, b = window(f.text, pos, pos + 1)
                yield ctx.finding("form.quotes", "引号不成对，缺少前引号或后引号。", f, a, b)
                break
            unbalanced_at = _unbalanced(f.text, opening, closing)
            if unbalanced_at is not None:
                a, b = window(f.text, unbalanced_at, unbalanced_at + 1)
                yield ctx.finding("form.quotes", f"{opening}{closing}不成对。", f, a, b)
                break
        if "「" in f.text or "『" in f.text:
            pos = min(p for p in (f.text.find("「"), f.text.find("『")) if p != -1)
            if "“" in f.text or "”" in f.text:
                a, b = window(f.text, pos, pos + 1)
                yield ctx.finding("form.quotes", "混用了“”和「」两种引号，应统一用“”。", f, a, b)


def mixed_quotes_at(texts: list[str]) -> tuple[int, int] | None:
    """(text index, offset) of the first straight double quote in texts that also use curly ones."""
    if not any("“" in t or "”" in t for t in texts):
        return None
    for n, t in enumerate(texts):
        pos = t.find('"')
        if pos != -1 and any(is_han(ch) for ch in t):
            return n, pos
    return None


MIXED_QUOTES_MESSAGE = '全文混用了中文引号“”和英文引号""，应统一使用中文引号“”。'


def _mixed_quotes(ctx: CheckContext) -> Iterator[Finding]:
    fields = list(ctx.fields)
    at = mixed_quotes_at([f.text for f in fields])
    if at is not None:
        f = fields[at[0]]
        a, b = window(f.text, at[1], at[1] + 1)
        yield ctx.finding("form.quotes", MIXED_QUOTES_MESSAGE, f, a, b)


def _unbalanced(text: str, opening: str, closing: str) -> int | None:
    """Position of a closing mark without its opening one, or of the last opening one left open."""
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch == opening) - (ch == closing)
        if depth < 0:
            return i
    return text.rfind(opening) if depth else None


# ---------------------------------------------------------------- typed numbering within the text

_SHI = re.compile(r"(?:(?<=^)|(?<=[。；;：:，,！？\s”）]))([一二三四五六七八九十]{1,3})是(?!是|否|非|指)")
_SHI_ANYWHERE = re.compile(r"([一二三四五六七八九十]{1,3})是(?!是|否|非|指)")
# Paragraph-initial numbers typed into the text: level 2 （一）, level 3 1. / 1、, level 4 （1）.
_LEAD = re.compile(r"^\s*(?:[（(]([一二三四五六七八九十]{1,3})[)）]|(\d{1,2})[.．、](?!\d)|[（(](\d{1,2})[)）])")


@dataclass
class _Marker:
    field: Field
    start: int
    end: int
    number: int
    digits: str  # the numeral as typed


def _containers(ctx: CheckContext) -> list[list[Field]]:
    """Body fields grouped by what holds them: the draft's preamble, a section's preamble, an item."""
    groups: dict[tuple, list[Field]] = {}
    for f in ctx.fields:
        if f.is_body:
            key = (f.ref.part if f.ref.part in (Part.PREAMBLE, Part.CLOSING) else "s", f.ref.section, f.ref.item)
            groups.setdefault(key, []).append(f)
    return list(groups.values())


@rule("form.numbering", Severity.WARNING, "序号跳号或重号")
def numbering(ctx: CheckContext) -> Iterator[Finding]:
    for fields in _containers(ctx):
        markers: list[_Marker] = []
        for f in fields:
            for m in _SHI_ANYWHERE.finditer(f.text):
                n = cn_number(m.group(1))
                if n is None:
                    continue
                proper = bool(_SHI.match(f.text, m.start()))
                if not proper:
                    # 16件二是落实…: a marker run into the sentence before, when it continues the list.
                    if not markers or markers[-1].number != n - 1 or f.text[m.start() - 1 : m.start()] == "第":
                        continue
                    a, b = window(f.text, m.start(), m.end(), 6, 4)
                    # reported under its own id by the numbering rule, which is what knows the list
                    yield ctx.finding(
                        "form.missing-punct",
                        f"“{m.group(0)}”前缺少标点，上一句没有结束。",
                        f,
                        a,
                        b,
                        severity=Severity.WARNING,
                    )
                markers.append(_Marker(f, m.start(1), m.end(1) + 1, n, m.group(1)))
        yield from _check_sequence(ctx, markers, "是", lambda n: cn_numeral(n))
        for style in (1, 2, 3):
            lead = []
            for f in fields:
                lead_match = _LEAD.match(f.text)
                if lead_match and lead_match.group(style):
                    n = cn_number(lead_match.group(style))
                    if n is not None:
                        at, end = lead_match.start(style), lead_match.end(style)
                        lead.append(_Marker(f, at, end, n, lead_match.group(style)))
            yield from _check_sequence(ctx, lead, "", (lambda n: cn_numeral(n)) if style == 1 else str)


def _check_sequence(ctx: CheckContext, markers: list[_Marker], suffix: str, spell) -> Iterator[Finding]:
    # Split into runs, each starting at 一 (or at the first marker).
    runs: list[list[_Marker]] = []
    for m in markers:
        if m.number == 1 or not runs:
            runs.append([m])
        else:
            runs[-1].append(m)
    for run in runs:
        expected = list(range(1, len(run) + 1))
        if run[0].number != 1 and len(run) == 1:
            continue  # a lone 二是 may continue a list in the paragraph before; too little to judge
        wrong = [(m, e) for m, e in zip(run, expected, strict=True) if m.number != e]
        if not wrong:
            continue
        first, want = wrong[0]
        numbers = [m.number for m in run]
        if first.number in numbers[: run.index(first)]:
            what = f"“{first.digits}{suffix}”重复"
        elif first is run[0]:
            what = f"缺少“{spell(1)}{suffix}”，直接从“{first.digits}{suffix}”开始"
        elif first.number > want:
            before = run[run.index(first) - 1].digits
            what = f"缺少“{spell(want)}{suffix}”，从“{before}{suffix}”跳到了“{first.digits}{suffix}”"
        else:
            what = f"“{first.digits}{suffix}”顺序颠倒"
        edits = tuple(TextEdit(m.field.ref, m.start, m.digits, spell(e)) for m, e in wrong)
        f = first.field
        a, b = window(f.text, first.start, first.end, 4, 10)
        yield ctx.finding(
            "form.numbering",
            f"序号不连续：{what}。",
            f,
            a,
            b,
            fix=Fix("按顺序重新编号", edits),
        )


# ---------------------------------------------------------------- headings

_TYPED_NUMBER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）]|[①-⑳])\s*"
)


def _level_of_number(text: str) -> int:
    if re.match(r"^\s*[一二三四五六七八九十]", text):
        return 1
    if re.match(r"^\s*[（(][一二三四五六七八九十]", text):
        return 2
    if re.match(r"^\s*\d", text):
        return 3
    return 4


@rule("form.heading-level", Severity.WARNING, "标题层级")
def heading_level(ctx: CheckContext) -> Iterator[Finding]:
    for f in ctx.fields:
        if f.ref.part in (Part.SECTION_HEADING, Part.ITEM_HEADING):
            m = _TYPED_NUMBER.match(f.text)
            if m:
                yield ctx.finding(
                    "form.heading-level",
                    f"标题里手工输入了序号“{m.group(0).strip()}”，而序号会按位置自动生成，打印时会重复。",
                    f,
                    m.start(),
                    m.end(),
                    fix=Fix("删除手工输入的序号", (TextEdit(f.ref, m.start(), m.group(0), ""),)),
                )
    # Numbers typed at the start of paragraphs: not shallower than the item that holds them, and a
    # level not used above its parent level within one part.
    for fields in _containers(ctx):
        own_level = fields[0].depth + 1  # the number level of the item holding them (1 for a section)
        first_level = None
        for f in fields:
            m = _LEAD.match(f.text)
            if not m:
                continue
            level = _level_of_number(m.group(0))
            if f.depth and level <= own_level:
                yield ctx.finding(
                    "form.heading-level",
                    f"段首序号“{m.group(0).strip()}”与所在标题同级或更高，层级用错了。",
                    f,
                    m.start(),
                    m.end(),
                )
                break
            if first_level is None:
                first_level = level
            elif level < first_level:
                yield ctx.finding(
                    "form.heading-level",
                    f"段首序号“{m.group(0).strip()}”的层级高于前面的序号，层级顺序颠倒（应依次为 一、（一）1.（1））。",
                    f,
                    m.start(),
                    m.end(),
                )
                break


_DUN_NUMBER = re.compile(r"^\s*(\d{1,2})、")


@rule("form.numbering-style", Severity.SUGGESTION, "序号写法")
def numbering_style(ctx: CheckContext) -> Iterator[Finding]:
    """1、 at the start of a paragraph: the third level is written 1. (GB/T 9704)."""
    edits: list[TextEdit] = []
    first: tuple[Field, re.Match[str]] | None = None
    for f in ctx.fields:
        if f.is_body or f.is_heading:
            m = _DUN_NUMBER.match(f.text)
            if m:
                edits.append(TextEdit(f.ref, m.end() - 1, "、", "."))
                first = first or (f, m)
    if first is not None:
        f, m = first
        yield ctx.finding(
            "form.numbering-style",
            f"第三层序号应写作“{m.group(1)}.”而不是“{m.group(1)}、”（GB/T 9704：一、（一）1.（1）），共{len(edits)}处。",
            f,
            m.start(1),
            m.end(),
            fix=Fix("把“1、”式序号改为“1.”", tuple(edits)),
        )


@rule("form.repeated-heading", Severity.WARNING, "重复的标题")
def repeated_heading(ctx: CheckContext) -> Iterator[Finding]:
    seen: dict[str, Field] = {}
    for f in ctx.fields:
        if f.ref.part not in (Part.SECTION_HEADING, Part.ITEM_HEADING):
            continue
        key = letters_and_digits(f.text)
        if len(key) < 2:
            continue
        if key in seen:
            yield ctx.finding("form.repeated-heading", "这个标题与前面的标题重复。", f)
        else:
            seen[key] = f


SECTION_HEADING_MAX = 45
ITEM_HEADING_MAX = 40
RUN_IN_HEADING_MAX = 60


@rule("form.long-heading", Severity.SUGGESTION, "过长的标题")
def long_heading(ctx: CheckContext) -> Iterator[Finding]:
    for f in ctx.fields:
        n = len(f.text.strip())
        if f.ref.part is Part.SECTION_HEADING and n > SECTION_HEADING_MAX:
            limit = SECTION_HEADING_MAX
        elif f.ref.part is Part.ITEM_HEADING:
            item = _item(ctx, f)
            if not item.paragraphs and not item.children:
                continue  # a numbered paragraph, not a heading over text
            limit = RUN_IN_HEADING_MAX if item.run_in else ITEM_HEADING_MAX
            if n <= limit:
                continue
        else:
            continue
        yield ctx.finding("form.long-heading", f"标题有{n}个字，超过{limit}字，宜提炼得更简短。", f)


def _item(ctx: CheckContext, f: Field) -> Item:
    items = ctx.draft.sections[f.ref.section or 0].items
    item = items[f.ref.item[0]]
    for n in f.ref.item[1:]:
        item = item.children[n]
    return item
