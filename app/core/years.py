"""Moving a report's years: which years in a title or heading mean "the report year", and only those move.

Roll forward (2024 → 2025) and a change of the report year both rewrite the years in the title and headings.
A year moves only when it means the report year (or, where the caller says so, the year after it, as the plans
part speaks of). Everything else is a fact and stays as written:
- periods: 2021—2025年, 2021-2025, 2021年至2025年 (a plan's span does not move with the report);
- dates: 2022年5月1日, 2021年12月, 2022-03-22 (a day something was issued or took effect);
- anything inside 《》 or quotation marks (a document's or a speaker's own words);
- any other year (2010年 in a 2024 report is history).
Arabic (also full-width and spaced, as PDF converters leave them: "2022 年") and Chinese-numeral years
(二〇二四年) are recognised; a moved year keeps its own style of digits.
"""

from __future__ import annotations

import re

_ARABIC = "0123456789"
_FULL_WIDTH = "０１２３４５６７８９"
_CHINESE = "〇一二三四五六七八九"
_CHINESE_ZERO = "○零Ｏ"  # other zeros seen in typed years

_DIGIT = "[0-9０-９]"
_HAN_DIGIT = "[〇○零Ｏ一二三四五六七八九]"
# A four-digit year followed by 年 (so a count such as 2024件 is never taken for one), not inside a longer number.
_YEAR = re.compile(
    rf"(?<![0-9０-９.．])(?P<arabic>{_DIGIT}{{4}})(?=\s*年)"
    rf"|(?<![〇○零Ｏ一二三四五六七八九十])(?P<han>{_HAN_DIGIT}{{4}})(?=\s*年)"
)
_RANGE = r"\s*(?:—|–|-|－|―|~|～|〜|至|到)+\s*"
_YEAR_ANY = rf"(?:{_DIGIT}{{4}}|{_HAN_DIGIT}{{4}})"
_MONTH = rf"(?:{_DIGIT}{{1,2}}|[一二三四五六七八九十]{{1,3}})"
# After the year: 年 + a month or a span of months (a date: 2022年5月1日, 2024年1—11月), or a range to another year.
_DATE_AFTER = re.compile(rf"\s*年\s*{_MONTH}(?:{_RANGE}{_MONTH})?\s*月")
_RANGE_AFTER = re.compile(rf"\s*(?:年度?)?{_RANGE}{_YEAR_ANY}")
_RANGE_BEFORE = re.compile(rf"{_YEAR_ANY}\s*(?:年度?)?{_RANGE}$")

_QUOTES = {"《": "》", "“": "”", "「": "」", "『": "』", "〈": "〉", '"': '"'}


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where text is a title or a quotation; an unclosed mark quotes to the end (leaving it alone is safer)."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        close = _QUOTES.get(text[i])
        if close is None:
            i += 1
            continue
        end = text.find(close, i + 1)
        end = len(text) if end < 0 else end + 1
        spans.append((i, end))
        i = end
    return spans


def year_value(digits: str) -> int:
    """2024, ２０２４ and 二〇二四 as the number 2024."""
    out = 0
    for ch in digits:
        if ch in _ARABIC:
            d = _ARABIC.index(ch)
        elif ch in _FULL_WIDTH:
            d = _FULL_WIDTH.index(ch)
        elif ch in _CHINESE_ZERO:
            d = 0
        else:
            d = _CHINESE.index(ch)
        out = out * 10 + d
    return out


def _in_style_of(original: str, value: int) -> str:
    """`value` written with the same kind of digits as `original`."""
    text = f"{value:04d}"
    first = original[0]
    if first in _ARABIC:
        return text
    if first in _FULL_WIDTH:
        return "".join(_FULL_WIDTH[int(c)] for c in text)
    zero = next((c for c in original if c in "〇○零Ｏ"), "〇")
    return "".join(zero if c == "0" else _CHINESE[int(c)] for c in text)


def _is_fact(text: str, start: int, end: int) -> bool:
    """True where the year at text[start:end] is part of a date or a period."""
    after, before = text[end:], text[:start]
    return bool(_DATE_AFTER.match(after) or _RANGE_AFTER.match(after) or _RANGE_BEFORE.search(before))


def shift_report_years(text: str, old_year: int, new_year: int, *, next_year_too: bool = False) -> str:
    """`text` with the years that mean the report year moved from `old_year` to `new_year`.

    With `next_year_too` (the plans part: 2025年工作计划 in a 2024 report), `old_year + 1` moves to
    `new_year + 1` as well. Periods, dates, titles, quotations and other years are left as written.
    """
    if old_year == new_year or not text:
        return text
    moves = {old_year: new_year}
    if next_year_too:
        moves[old_year + 1] = new_year + 1
    quoted = _quoted_spans(text)

    def replace(match: re.Match[str]) -> str:
        digits = match.group(0)
        value = year_value(digits)
        start, end = match.span()
        if value not in moves or any(a <= start < b for a, b in quoted) or _is_fact(text, start, end):
            return digits
        return _in_style_of(digits, moves[value])

    return _YEAR.sub(replace, text)
