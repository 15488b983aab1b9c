"""Detectors of punctuation and spacing faults in one piece of Chinese text, each returning the
replacements that correct it. Used on the draft's fields and on the raw lines of an imported report."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .textutil import CJK_PUNCT, HAN, is_cjk_or_punct, is_han

_HALF = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_CJK_CLASS = f"[{HAN}{CJK_PUNCT}]"


@dataclass(frozen=True)
class Replacement:
    start: int
    old: str
    new: str

    @property
    def end(self) -> int:
        return self.start + len(self.old)


def _prev(text: str, i: int) -> str:
    j = i - 1
    while j >= 0 and text[j] in " \t\u00a0":
        j -= 1
    return text[j] if j >= 0 else ""


def _next(text: str, i: int) -> tuple[str, int]:
    """The next non-space character after position i, and the index after the spaces."""
    j = i + 1
    while j < len(text) and text[j] in " \t\u00a0":
        j += 1
    return (text[j] if j < len(text) else ""), j


def halfwidth(text: str) -> list[Replacement]:
    """Half-width , ; : ? ! . ( ) " ' used in Chinese text, with their full-width replacements.

    Numbers and Latin text keep theirs: 1,814 and 10:30 and http://, 3.5 and the 1. of a list.
    """
    if not any(is_han(ch) for ch in text):
        return []
    out: list[Replacement] = []
    for i, ch in enumerate(text):
        if ch in _HALF:
            prev = _prev(text, i)
            nxt, after = _next(text, i)
            if prev.isdigit() and nxt.isdigit() and after == i + 1:
                continue
            if prev.isascii() and prev.isalnum() and (not nxt or nxt.isascii() or nxt == "/"):
                continue  # Latin text, URL
            if is_cjk_or_punct(prev) or is_han(nxt):
                out.append(Replacement(i, text[i:after] if is_han(nxt) or nxt in CJK_PUNCT else ch, _HALF[ch]))
        elif ch == ".":
            prev = text[i - 1] if i else ""
            nxt, after = _next(text, i)
            if (is_han(prev) or prev in "）”’") and (not nxt or is_han(nxt) or nxt in "“（\n"):
                out.append(Replacement(i, text[i:after] if nxt and nxt != "\n" else ch, "。"))
    for m in re.finditer(r"\(([^()\n]{0,60})\)", text):
        inner = m.group(1)
        around = text[max(0, m.start() - 1) : m.start()] + text[m.end() : m.end() + 1]
        if any(is_han(c) for c in inner) or (inner.strip() == "" and any(is_han(c) for c in around)):
            out.append(Replacement(m.start(), "(", "（"))
            out.append(Replacement(m.end() - 1, ")", "）"))
    for quote, (opening, closing) in (('"', ("“", "”")), ("'", ("‘", "’"))):
        positions = [i for i, ch in enumerate(text) if ch == quote]
        if not positions or len(positions) % 2:
            continue  # an odd count cannot be paired with certainty
        if not any(is_han(text[p - 1 : p]) or is_han(text[p + 1 : p + 2]) for p in positions):
            continue
        for n, p in enumerate(positions):
            out.append(Replacement(p, quote, opening if n % 2 == 0 else closing))
    return _dedupe(out)


def odd_straight_quotes(text: str) -> list[int]:
    """Positions of straight quotes in Chinese text that cannot be paired (an odd number of them)."""
    if not any(is_han(ch) for ch in text):
        return []
    found = []
    for quote in "\"'":
        positions = [i for i, ch in enumerate(text) if ch == quote]
        if len(positions) % 2:
            found.extend(positions)
    return sorted(found)


def stray_spaces(text: str) -> list[Replacement]:
    """Spaces between Chinese characters (宣 传), or between a number and its Chinese unit (2023 年)."""
    out = []
    pattern = re.compile(
        f"(?<={_CJK_CLASS})[ \\t\\u00a0\\u3000]+(?={_CJK_CLASS})"
        f"|(?<=[{HAN}，。；：、（“])[ \\t\\u00a0\\u3000]+(?=\\d)"
        f"|(?<=\\d)[ \\t\\u00a0\\u3000]+(?=[{HAN}，。；：、）”])"
    )
    for m in pattern.finditer(text):
        out.append(Replacement(m.start(), m.group(0), ""))
    return out


def curly_quotes(text: str) -> list[Replacement] | None:
    """Curly double quotes that do not alternate “…”: the replacements that make them alternate, [] when
    they are fine, None when they are wrong but the count is odd (no certain fix)."""
    positions = [i for i, ch in enumerate(text) if ch in "“”"]
    expected = ["“" if n % 2 == 0 else "”" for n in range(len(positions))]
    wrong = [(p, e) for p, e in zip(positions, expected, strict=True) if text[p] != e]
    if not wrong:
        return []
    if len(positions) % 2:
        return None
    return [Replacement(p, text[p], e) for p, e in wrong]


def _dedupe(items: list[Replacement]) -> list[Replacement]:
    items.sort(key=lambda r: r.start)
    out: list[Replacement] = []
    for r in items:
        if out and r.start < out[-1].end:
            continue
        out.append(r)
    return out
