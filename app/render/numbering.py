"""Heading numbers computed from position, so that reordering renumbers: 一、 （一） 1. （1）."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五, 3000 → 三千 (the way headings count)."""
    if n <= 0:
        raise ValueError(f"heading numbers start at 1, not {n}")
    if n >= 10000:
        return str(n)
    if 10 <= n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    out, zero_pending = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            if zero_pending:
                out += "零"
            out += _DIGITS[digit] + unit
            zero_pending = False
        elif out:
            zero_pending = True
    return out


def heading_number(level: int, n: int) -> str:
    """The number printed before the n-th heading at `level` (1–4), punctuation included."""
    if level == 1:
        return f"{chinese_numeral(n)}、"
    if level == 2:
        return f"（{chinese_numeral(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise ValueError(f"heading level must be 1 to 4, not {level}")
