"""Text hygiene shared by every path that takes text from a user or a file."""

from __future__ import annotations

import re

# XML 1.0 allows tab, newline and carriage return among the C0 controls, and nothing in the
# surrogate block or U+FFFE/U+FFFF. python-docx raises on any of them, so they never get that far.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_LINE_SEPARATORS = re.compile("\r\n|\r|\u2028|\u2029|\x0b|\x0c|\x85")


def clean_text(text: str) -> str:
    """Plain text safe for any writer: one kind of newline, no control characters.

    Vertical tab, form feed and the Unicode line separators become newlines (they separate
    paragraphs where they came from); other control characters are dropped.
    """
    if text.isprintable():
        # Everything changed below is a control, surrogate, non-character or separator, none printable:
        # the usual paragraph is returned as it is at C speed.
        return text
    return _ILLEGAL.sub("", _LINE_SEPARATORS.sub("\n", text))


def split_paragraphs(text: str) -> list[str]:
    """A paragraph's text as the paragraphs it prints as: a newline is a paragraph break."""
    return [part for part in clean_text(text).split("\n") if part.strip()]


def text_width(text: str) -> float:
    """Width in characters of a CJK face: ASCII letters and digits are half a character."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)
