"""Rule group 6: form, in running text — phrases doubled by pasting, paragraphs without a full stop, dates
with zeros, commas between book titles, improper abbreviations. Registered after rules_form.py's, so the
group's findings keep their order."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .fields import Field
from .findings import Finding, Fix, Part, Severity, TextEdit
from .registry import CheckContext, rule
from .textutil import HAN, han_count, letters_and_digits, window

# ---------------------------------------------------------------- pasting faults

# The same run pasted twice in a row: 依法依规依法依规, or a whole sentence 。twice。
_DOUBLED = re.compile(rf"([{HAN}][^\n]{{3,80}}?)\1")
# A word typed twice: 的的, 工作工作. Not 人人, 常常, 天天 (words of their own) nor 一步一步.
_DOUBLED_CHAR = re.compile("(的|了|在|和|与|将|把|被|及|为|从|向|于|并|而|其|之|就|也|都|又|要|对|是)\\1")
_DOUBLED_WORD = re.compile(rf"([{HAN}]{{2,3}})\1")
_CLAUSE = re.compile(rf"[{HAN}“”《》0-9]{{8,}}")


@rule("form.doubled-phrase", Severity.WARNING, "重复粘贴的词句")
def doubled_phrase(ctx: CheckContext) -> Iterator[Finding]:
    paragraphs: dict[str, Field] = {}
    for f in ctx.fields:
        doubled = False
        for m in _DOUBLED.finditer(f.text):
            if han_count(m.group(1)) < 4:
                continue
            doubled = True
            yield ctx.finding(
                "form.doubled-phrase",
                f"“{m.group(1)}”连续出现了两次，像是粘贴时重复了。",
                f,
                m.start(),
                m.end(),
                fix=Fix("删除重复的部分", (TextEdit(f.ref, m.start() + len(m.group(1)), m.group(1), ""),)),
            )
        if not doubled:
            for m in _short_doubles(f.text):
                doubled = True
                yield ctx.finding(
                    "form.doubled-phrase",
                    f"“{m.group(1)}”连续写了两次，像是多打了一遍。",
                    f,
                    m.start(),
                    m.end(),
                    fix=Fix("删除重复的字词", (TextEdit(f.ref, m.start() + len(m.group(1)), m.group(1), ""),)),
                )
        if not f.is_body or doubled:
            continue
        clauses: dict[str, int] = {}
        for m in _CLAUSE.finditer(f.text):
            if m.group(0) in clauses:
                yield ctx.finding(
                    "form.doubled-phrase",
                    f"同一段里“{m.group(0)}”出现了两次，请检查是否重复。",
                    f,
                    m.start(),
                    m.end(),
                    severity=Severity.SUGGESTION,
                )
                break
            clauses[m.group(0)] = m.start()
        key = letters_and_digits(f.text)
        if han_count(key) >= 20:
            if key in paragraphs:
                yield ctx.finding("form.doubled-phrase", "这一段与前面的一段完全相同，像是重复粘贴。", f)
            else:
                paragraphs[key] = f


def _short_doubles(text: str) -> Iterator[re.Match[str]]:
    for m in _DOUBLED_CHAR.finditer(text):
        if m.group(0) == "是是" or text[m.start() - 1 : m.start()] != m.group(1):
            yield m
    for m in _DOUBLED_WORD.finditer(text):
        word = m.group(1)
        if word[0] == "一" or len(set(word)) == 1:
            continue  # 一步一步, and AA words (人人) doubled are AABB words (人人人人 is not one)
        yield m


_ENDINGS = ("。", "！", "？", "；", "：", "…", "。”", "！”", "？”", "。）", "。’")
_DATE_LINE = re.compile(r"^\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")


@rule("form.final-stop", Severity.WARNING, "段末缺少句号")
def final_stop(ctx: CheckContext) -> Iterator[Finding]:
    for f in ctx.fields:
        if not f.is_body:
            continue
        for line_start, line in _lines(f.text):
            stripped = line.rstrip()
            if not stripped or _DATE_LINE.match(stripped) or han_count(stripped) < 6:
                continue
            if f.ref.part is Part.CLOSING and len(stripped) <= 30 and not re.search("[，。；：、]", stripped):
                continue  # a signature line the importer left in the closing
            if stripped.endswith(_ENDINGS):
                continue
            end = line_start + len(stripped)
            yield ctx.finding(
                "form.final-stop",
                "这一段末尾没有句号，可能是漏了标点或段落被截断。",
                f,
                max(line_start, end - 12),
                end,
            )


def _lines(text: str) -> Iterator[tuple[int, str]]:
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


_ZERO_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(0?\d{1,2})\s*月(?:\s*(0?\d{1,2})\s*日)?")


@rule("form.date-format", Severity.SUGGESTION, "日期写法")
def date_format(ctx: CheckContext) -> Iterator[Finding]:
    for f in ctx.fields:
        for m in _ZERO_DATE.finditer(f.text):
            edits = []
            for g in (2, 3):
                if m.group(g) and m.group(g).startswith("0") and len(m.group(g)) == 2:
                    edits.append(TextEdit(f.ref, m.start(g), m.group(g), m.group(g)[1:]))
            if edits:
                yield ctx.finding(
                    "form.date-format",
                    "日期中的月、日不加“0”（GB/T 9704：如2024年5月8日）。",
                    f,
                    m.start(),
                    m.end(),
                    fix=Fix("去掉月、日前面的“0”", tuple(edits)),
                )


@rule("form.book-title-comma", Severity.SUGGESTION, "书名号间的顿号")
def book_title_comma(ctx: CheckContext) -> Iterator[Finding]:
    """《宪法》、《民法典》: consecutive titles in 书名号 take no 顿号 between them (GB/T 15834)."""
    for f in ctx.fields:
        edits = [TextEdit(f.ref, m.start() + 1, "、", "") for m in re.finditer("》、《", f.text)]
        if edits:
            first = edits[0].start
            a, b = window(f.text, first - 1, first + 2, 6, 6)
            yield ctx.finding(
                "form.book-title-comma",
                f"并列的书名号之间不用顿号（有{len(edits)}处），如《宪法》《民法典》。",
                f,
                a,
                b,
                fix=Fix("删除书名号之间的顿号", tuple(edits)),
            )


# Abbreviations a 公文 must not use for the leader's name.
_ABBREVIATIONS = {"习总书记": "习近平总书记"}


@rule("form.abbreviation", Severity.WARNING, "不规范的简称")
def abbreviation(ctx: CheckContext) -> Iterator[Finding]:
    for f in ctx.fields:
        for short, full in _ABBREVIATIONS.items():
            for m in re.finditer(re.escape(short), f.text):
                yield ctx.finding(
                    "form.abbreviation",
                    f"“{short}”是不规范的简称，公文中应写“{full}”。",
                    f,
                    m.start(),
                    m.end(),
                    fix=Fix(f"改为“{full}”", (TextEdit(f.ref, m.start(), short, full),)),
                )
