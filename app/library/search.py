"""Phrase search: a character-bigram inverted index ranked by relevance, section kind, the current item
heading, favourites and use.

Chinese has no spaces, so a query matches on its character bigrams (single characters for a one-
character query), weighted by inverse document frequency. Postings are kept in order of a static prior
(how many reports share the wording), so for very common bigrams only the best-placed phrases are read;
the rarest bigrams of a query find the candidates and the common ones only add to their scores.
"""

from __future__ import annotations

import heapq
import math
import operator
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from app.core.model import SectionKind
from app.library.phrase import Phrase, PhraseKind, strip_markup
from app.library.user import Mark

CANDIDATE_CAP = 1200  # phrases read from one posting list
CROSS_SECTION = 300  # of which from other sections than the current one
RERANK = 200  # candidates given the full (more costly) context score

W_SECTION = 0.35
W_HEADING = 0.25
W_EXACT = 0.4
W_STAR = 0.3
W_USE = 0.06
W_PRIOR = 0.05

_NOISE = re.compile(r"[\s，。、；：！？“”‘’（）《》【】\-—…,.;:!?()\"'⟦⟧]")


def normalise(text: str) -> str:
    return _NOISE.sub("", strip_markup(text))


def grams(text: str) -> list[str]:
    t = normalise(text)
    if len(t) == 1:
        return [t]
    return list(dict.fromkeys(t[i : i + 2] for i in range(len(t) - 1)))


@dataclass(frozen=True)
class Hit:
    """A phrase found by a search, its score and the user's marks on it."""

    phrase: Phrase
    score: float
    starred: bool = False
    uses: int = 0


IndexState = tuple[list[str], list[float], list[int], dict[str, list[int]], list[tuple[str | None, list[int]]]]


def _build(phrases: list[Phrase]) -> IndexState:
    """The index's state, in types `marshal` keeps: normalised texts, the static prior, the phrases in
    prior order, bigram postings in that order, and the phrases of each section (by section value)."""
    texts = [normalise(p.text) for p in phrases]
    prior = [math.log1p(len(p.sources)) + (0.2 if p.kind is PhraseKind.HEADING else 0.0) for p in phrases]
    order = sorted(range(len(phrases)), key=lambda i: (-prior[i], i))
    postings: defaultdict[str, list[int]] = defaultdict(list)
    by_section: dict[str | None, list[int]] = {}
    for i in order:
        text = texts[i]
        for g in set(map(operator.add, text, text[1:])):  # its bigrams
            postings[g].append(i)
        section = phrases[i].section
        by_section.setdefault(section.value if section else None, []).append(i)
    # Single characters (a one-character query) get their lists on first use: indexing them too
    # doubled the build, and the window builds the index before it is ready.
    return texts, prior, order, dict(postings), list(by_section.items())


class PhraseIndex:
    def __init__(self, phrases: list[Phrase], marks: dict[str, Mark] | None = None, state: Any = None) -> None:
        """`state` is the `.state` of an index of the same phrases (app.library.index_cache keeps it between
        starts); without it the index is built. The state is the index's own: single characters' lists are
        added to its postings as searches make them, and kept with it."""
        self.phrases = phrases
        self.marks = dict(marks or {})
        self.built = state is None
        self.state: IndexState = _build(phrases) if state is None else state
        self._texts: list[str]
        self._prior: list[float]
        self._order: list[int]
        self._postings: dict[str, list[int]]
        self._texts, self._prior, self._order, self._postings, by_section = self.state
        self._by_section = {SectionKind(k) if k is not None else None: v for k, v in by_section}
        # Per section, the postings of common bigrams only, made when a search first needs them.
        self._section_postings: dict[tuple[SectionKind, str], list[int]] = {}
        self._n = max(1, len(phrases))

    def _posting(self, g: str) -> list[int]:
        """The phrases with the bigram or character `g`, in posting order."""
        posting = self._postings.get(g)
        if posting is None:
            if len(g) != 1:
                return []
            texts = self._texts
            posting = self._postings[g] = [i for i in self._order if g in texts[i]]
        return posting

    def _idf(self, g: str) -> float:
        return math.log(1 + self._n / len(self._posting(g)))

    def _own_posting(self, section: SectionKind, g: str) -> list[int]:
        """The phrases of `section` with bigram `g`, in posting order."""
        key = (section, g)
        own = self._section_postings.get(key)
        if own is None:
            phrases = self.phrases
            own = self._section_postings[key] = [i for i in self._posting(g) if phrases[i].section is section]
        return own

    def set_marks(self, marks: dict[str, Mark]) -> None:
        self.marks = dict(marks)

    def search(
        self,
        query: str,
        section: SectionKind | None = None,
        item_heading: str = "",
        limit: int = 20,
        kinds: tuple[PhraseKind, ...] | None = None,
        include_hidden: bool = False,
    ) -> list[Hit]:
        """The best `limit` phrases for a query in the context of a section and an item heading.

        An empty query suggests phrases for the section and heading alone.
        """
        qgrams = [g for g in grams(query) if self._posting(g)]
        if normalise(query) and not qgrams:
            return []
        scores: dict[int, float] = {}
        total = 0.0
        if qgrams:
            qgrams.sort(key=lambda g: len(self._posting(g)))
            texts = self._texts
            for g in qgrams:
                w = self._idf(g)
                total += w
                posting = self._posting(g)
                if not scores or (len(posting) <= CANDIDATE_CAP and len(scores) < CANDIDATE_CAP):
                    # Rare enough to read: every phrase with this bigram is a candidate (the best-placed
                    # ones of the current section first when the list is long).
                    if len(posting) > CANDIDATE_CAP and section is not None and section in self._by_section:
                        reading = (
                            self._own_posting(section, g)[: CANDIDATE_CAP - CROSS_SECTION] + posting[:CROSS_SECTION]
                        )
                    else:
                        reading = posting[:CANDIDATE_CAP]
                    for i in reading:
                        scores[i] = scores.get(i, 0.0) + w
                else:
                    # Common: it only adds to the candidates the rarer bigrams found.
                    for i in scores:
                        if g in texts[i]:
                            scores[i] += w
            for i in list(scores):
                scores[i] /= total
        else:
            pool = self._by_section.get(section, []) if section is not None else range(len(self.phrases))
            for i in list(pool)[:CANDIDATE_CAP]:
                scores[i] = 0.0
        # Starred and used phrases are always in the running when they match the query at all.
        for pid, mark in self.marks.items():
            if mark.starred or mark.uses:
                at = self._position(pid)
                if at is not None and at not in scores and (not qgrams or any(g in self._texts[at] for g in qgrams)):
                    scores[at] = sum(self._idf(g) for g in qgrams if g in self._texts[at]) / total if total else 0.0

        q = normalise(query)
        first = []
        for i, s in scores.items():
            p = self.phrases[i]
            if kinds is not None and p.kind not in kinds:
                continue
            s += W_PRIOR * self._prior[i]
            if section is not None and p.section is section:
                s += W_SECTION
            if q and q in self._texts[i]:
                s += W_EXACT
            first.append((s, -i, i))
        top = heapq.nlargest(RERANK, first)
        hgrams = [g for g in grams(item_heading) if len(g) == 2] if item_heading else []
        hits = []
        for s, _, i in top:
            p = self.phrases[i]
            mark = self.marks.get(p.id, Mark())
            if mark.hidden and not include_hidden:
                continue
            if hgrams:
                text = self._texts[i]
                s += W_HEADING * sum(1 for g in hgrams if g in text) / len(hgrams)
            if mark.starred:
                s += W_STAR
            if mark.uses:
                s += W_USE * math.log1p(mark.uses)
            hits.append(Hit(p, round(s, 6), mark.starred, mark.uses))
        hits.sort(key=lambda h: (-h.score, h.phrase.id))
        return hits[:limit]

    def _position(self, pid: str) -> int | None:
        if not hasattr(self, "_ids"):
            self._ids = {p.id: i for i, p in enumerate(self.phrases)}
        return self._ids.get(pid)
