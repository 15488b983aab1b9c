"""Patterns of 公文 text shared by the cleaner and the segmenter: heading numbers, enumerations, dates."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CN_DIGITS = "一二三四五六七八九十"

# The four heading levels of GB/T 9704 practice, half- or full-width: 一、 （一） 1. / 1、 （1）.
_HEADING_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^([{CN_DIGITS}]{{1,3}})\s*[、．.，]\s*")),
    (2, re.compile(rf"^[（(]\s*([{CN_DIGITS}]{{1,3}})\s*[）)]\s*[、．.]?\s*")),
    (3, re.compile(r"^([0-9０-９]{1,2})\s*[.、．](?![0-9０-９])\s*")),
    (4, re.compile(r"^[（(]\s*([0-9０-９]{1,2})\s*[）)]\s*")),
)
_ENUMERATION = re.compile(rf"^(?:[{CN_DIGITS}]{{1,3}}是|首先|其次|再次|最后|此外|同时)[，,]?")
_ENUM_SPLIT = re.compile(rf"(?<=[。；;，,：:])\s*(?=[{CN_DIGITS}]{{1,3}}是)")

CN_NUM = {ch: i + 1 for i, ch in enumerate(CN_DIGITS)}
_DATE_ARABIC = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_DATE_CHINESE = re.compile(
    r"^([〇零一二三四五六七八九]{4})年([〇零一二三四五六七八九十]{1,2})月([〇零一二三四五六七八九十]{1,3})日$"
)
_CN_DIGIT_VALUE = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass(frozen=True)
class HeadingMatch:
    level: int
    number: str  # as printed: （一）, 1、
    value: int  # 1 for 一 / 1
    rest: str  # the text after the number


def cn_to_int(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20 (heading numbers stay below a hundred)."""
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (CN_NUM[tens] if tens else 1) * 10 + (CN_NUM[ones] if ones else 0)
    return CN_NUM.get(text, 0)


def match_heading(text: str) -> HeadingMatch | None:
    """The heading number a line starts with, if any, and what follows it."""
    for level, pattern in _HEADING_PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        rest = text[m.end() :]
        if not rest or rest.startswith("是"):  # 一是… is an enumeration, not a heading
            return None
        raw = m.group(1)
        value = int(raw.translate(str.maketrans("０１２３４５６７８９", "0123456789"))) if raw[0] not in CN_NUM else 0
        if raw[0] in CN_NUM:
            value = cn_to_int(raw)
        if value == 0:
            return None
        return HeadingMatch(level, text[: m.end()].strip(), value, rest)
    return None


def starts_enumeration(text: str) -> bool:
    return bool(_ENUMERATION.match(text))


def split_enumeration(text: str) -> list[str]:
    """一是…。二是…。 → its points; a paragraph without an enumeration → itself."""
    parts = [p.strip() for p in _ENUM_SPLIT.split(text) if p.strip()]
    return parts if len(parts) > 1 else [text]


def parse_date(text: str) -> dt.date | None:
    m = _DATE_ARABIC.match(text.strip())
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    m = _DATE_CHINESE.match(text.strip())
    if m:
        year = int("".join(str(_CN_DIGIT_VALUE[c]) for c in m.group(1)))
        month, day = cn_to_int(m.group(2).replace("〇", "")), cn_to_int(m.group(3).replace("〇", ""))
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    return None


def is_date_line(text: str) -> bool:
    return parse_date(text) is not None
