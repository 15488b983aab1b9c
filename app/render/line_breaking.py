"""Where lines of Chinese text break and what spaces them, as Word and LibreOffice do with the DOCX.

Pure text rules, used by the page layout (app.render.page_layout): the automatic space between 汉字 and Latin
text, the marks set in a full cell, 禁则 (which marks may not start or end a line), and the runs of text set in
the Latin face.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate

# The automatic space between East Asian and Latin text that Word and LibreOffice add, and that
# LibreOffice cannot be told to leave out (its DOCX import ignores w:autoSpaceDE/DN): only where an East
# Asian letter (汉字) and a Latin letter or digit touch, not beside punctuation or spaces. LibreOffice
# sets the character before it at its full advance, without the condensing, and then a fifth of the font
# size (measured: 3.2 pt at 3号). Word adds a quarter of the size (docs/format.md).
AUTOSPACE_EM = 0.2


# Marks shared with Western text that Chinese text sets in a full cell, as Word and LibreOffice do with the
# East Asian font hint the DOCX gives them; some CJK faces draw them narrower.
FULL_WIDTH_MARKS = frozenset("—…“”‘’·")


_HAN = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003ffff"
_LATIN = "A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_AUTOSPACE = re.compile(f"[{_LATIN}](?=[{_HAN}])|[{_HAN}](?=[{_LATIN}])")
FULL_WIDTH = re.compile("[" + "".join(sorted(FULL_WIDTH_MARKS)) + "]")


def autospaced(text: str) -> list[int]:
    """Indexes of the characters followed by the automatic space."""
    return [m.start() for m in _AUTOSPACE.finditer(text)]


# Line breaking as Word and LibreOffice do it for Chinese (GB/T 15834 禁则, their zh-CN defaults): a
# closing mark never starts a line, an opening one never ends it, a Latin word or number is not split
# except after its hyphen. Qt's own breaker (Unicode UAX #14) also refuses to break beside “ ” and ‘ ’,
# which moves whole phrases where Word and LibreOffice would not.
NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉〗”’…—～·％%,.;:?!)]}")
NO_LINE_END = frozenset("（《「『【〔〈〖“‘([{")


def may_break_before(text: str, i: int) -> bool:
    before, after = text[i - 1], text[i]
    if after in NO_LINE_START or before in NO_LINE_END or after.isspace():
        return False
    if before.isspace():
        return True
    if before in NO_LINE_START and after.isascii() and after.isalnum():
        return False  # LibreOffice keeps “。2024” together (ICU's rules for numbers)
    # Not inside a Latin word or number, except after its hyphen.
    return ord(before) >= 0x2E80 or ord(after) >= 0x2E80 or (before == "-" and after.isalnum())


def line_breaks(
    text: str, advances: list[float], spacing: list[float], first_width: float, width: float
) -> list[tuple[int, int]]:
    """(start, end) of each line: as many characters as fit, ending where a line may end.

    What fits is measured without the last character's letter spacing (so the automatic space after
    it falls away at the line's end, as in LibreOffice). A line break character ends its line."""
    lines: list[tuple[int, int]] = []
    x = [0.0, *accumulate(advances)]  # x[i]: where character i starts
    slack = max(max(spacing, default=0.0), 0.0) + 0.01
    n, start, room = len(text), 0, first_width
    while start < n:
        hard = text.find("\n", start)
        stop = n if hard < 0 else hard  # the line may not run past a line break
        limit = x[start] + room + 0.01
        end = bisect_right(x, limit + slack, start, stop + 1) - 1
        while end > start and x[end] - spacing[end - 1] > limit:
            end -= 1
        if end >= stop:
            end = stop if hard < 0 else hard + 1  # the rest of the text, or up to and with the line break
        else:
            fit = end
            while end > start and not may_break_before(text, end):
                end -= 1
            if end == start:
                end = max(start + 1, fit)  # no break opportunity fits: cut where the text overflows
        lines.append((start, end))
        start, room = end, width
    return lines or [(0, 0)]


def utf16_offsets(text: str) -> list[int] | None:
    """Qt's (UTF-16) index of each Python string index, or None where they are the same: they differ after a
    character beyond the BMP (𠀀, emoji)."""
    if max(text, default="\0") <= "\uffff":
        return None
    return [0, *accumulate(2 if ord(ch) > 0xFFFF else 1 for ch in text)]


def is_latin(ch: str) -> bool:
    # Letters and digits take the Latin face; CJK punctuation such as “” and — stays in the CJK face.
    return ord(ch) < 0x0250


# Runs of Latin text and of the rest. General punctuation (“ ” — …) is drawn in the face of the text before
# it, as LibreOffice does: its DOCX import ignores the East Asian hint that makes Word draw them full width
# (docs/format.md).
_SEGMENT = re.compile("[\x00-\u024f][\x00-\u024f\u2000-\u206f]*|[^\x00-\u024f]+")


def segments(text: str, split_latin: bool) -> Iterable[tuple[int, int, bool]]:
    if not text:
        return
    if not split_latin:
        yield 0, len(text), False
        return
    for m in _SEGMENT.finditer(text):
        yield m.start(), m.end() - m.start(), is_latin(text[m.start()])
