"""Small text helpers shared by the rules."""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.render.numbering import chinese_numeral

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
# Full-width punctuation that sits in Chinese text.
CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】…—·「」『』"

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def letters_and_digits(text: str) -> str:
    """`text` with everything but Chinese characters, digits and Latin letters left out: for comparing."""
    return re.sub(rf"[^{HAN}0-9A-Za-z]", "", text)


def is_han(ch: str) -> bool:
    return bool(ch) and ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")


def is_cjk_or_punct(ch: str) -> bool:
    return is_han(ch) or (bool(ch) and ch in CJK_PUNCT)


def cn_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20 (enough for ordinals in a report); None if not a numeral."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if "十" in text:
        head, _, tail = text.partition("十")
        tens = _CN_DIGITS.get(head) if head else 1
        ones = _CN_DIGITS.get(tail) if tail else 0
        if tens is None or ones is None:
            return None
        return tens * 10 + ones
    if len(text) == 1 and text in _CN_DIGITS:
        return _CN_DIGITS[text]
    return None


def cn_numeral(n: int) -> str:
    return chinese_numeral(n)


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence, the end mark included."""
    start = 0
    for m in re.finditer(r"[。！？!?]+[”’」』]?|\n", text):
        if m.end() > start:
            yield start, m.end()
        start = m.end()
    if start < len(text):
        yield start, len(text)


def window(text: str, start: int, end: int, before: int = 8, after: int = 8) -> tuple[int, int]:
    """A span around [start, end) widened by a few characters, not crossing a line break."""
    a = max(0, start - before)
    b = min(len(text), end + after)
    nl = text.rfind("\n", a, start)
    if nl != -1:
        a = nl + 1
    nl = text.find("\n", end, b)
    if nl != -1:
        b = nl
    return a, b


def han_count(text: str) -> int:
    return sum(1 for ch in text if is_han(ch))
