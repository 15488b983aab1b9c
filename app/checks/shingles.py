"""Copied text found by shingles: runs of 13 Chinese characters and digits, which stock phrases rarely fill."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .textutil import is_han

SHINGLE = 13


@dataclass(frozen=True)
class _Norm:
    chars: str  # Chinese characters and digits of the text
    index: tuple[int, ...]  # position in the original text of each of them


# The checks run after every pause in typing: most paragraphs have not changed since the last run.
@lru_cache(maxsize=1024)
def normalise(text: str) -> _Norm:
    pos = [i for i, ch in enumerate(text) if is_han(ch) or ch.isdigit()]
    return _Norm("".join(text[i] for i in pos), tuple(pos))


def shingles(text: str) -> set[str]:
    chars = normalise(text).chars
    return {chars[i : i + SHINGLE] for i in range(len(chars) - SHINGLE + 1)}
