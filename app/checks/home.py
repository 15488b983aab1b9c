"""The draft's own unit and places, told apart from the library's source reports and other bureaus."""

from __future__ import annotations

from collections import Counter
from functools import cached_property

from app.core.model import Draft

from .fields import Field
from .shingles import shingles
from .sources import SourceReport
from .unitnames import Place, find_units, places_in


def same_place(a: str, b: str) -> bool:
    # 里拉 for 香格里拉 when the start of a long name was not found
    return a == b or (min(len(a), len(b)) >= 2 and (a.endswith(b) or b.endswith(a)))


_LEVEL_OF_BARE_UNIT = {"省": 1, "市": 2, "州": 2, "区": 3, "县": 3, "旗": 3}


class Home:
    """The draft's own unit and places, and the other source reports' names."""

    def __init__(self, draft: Draft, fields: list[Field], sources: tuple[SourceReport, ...]) -> None:
        self.draft = draft
        self.fields = fields
        meta = draft.meta
        own = [meta.unit_name, meta.signature, meta.title]
        self.sources = sources
        self.self_sources = [s for s in self.sources if self._is_self(s)]
        places: list[Place] = []
        for text in own:
            places.extend(places_in(text))
        for s in self.self_sources:
            for region in s.regions:
                places.extend(places_in(region))
        self.stems = {p.stem for p in places}
        self.names = {n for s in self.self_sources for n in s.names} | {p.name for p in places}
        self.mentions = [(f, u) for f in fields for u in find_units(f.text)]
        if not self.stems:
            # A unit that names no place (区信访办) still says its level; its place is the one at that
            # level the text names most (superiors are named too, at higher levels).
            level = _LEVEL_OF_BARE_UNIT.get(meta.unit_name.strip()[:1])
            inner = [u.inner for _, u in self.mentions if level is None or u.inner.level == level]
            counts = Counter(p.stem for p in inner)
            if counts:
                stem, n = counts.most_common(1)[0]
                if n >= 2:
                    self.stems = {stem}
                    places = [p for p in inner if p.stem == stem][:1]
        self.level = max((p.level for p in places), default=None)
        self.levels = {p.level for p in places}  # levels at which the unit's own place is known

    def _is_self(self, source: SourceReport) -> bool:
        """Whether `source` is this very report (the published sample being checked, perhaps edited)."""
        meta = self.draft.meta
        own = {meta.unit_name.strip(), meta.signature.strip()} - {""}
        matched = own & set(source.names[: 1 + len(source.aliases)])
        if not matched:
            return False
        # 晋城市信访局 names one unit; 市信访局 names any city's bureau, so the text must be the same too.
        if source.year == meta.year and any(places_in(n) for n in matched):
            return True
        mine = set().union(*(shingles(f.text) for f in self.fields if f.is_body))
        return bool(mine) and len(mine & shingles(source.text)) >= 0.8 * len(mine)

    @cached_property
    def parents(self) -> dict[int, str]:
        """Per level above the unit's own, the one place the report may name as its superior."""
        out: dict[int, str] = {}
        if self.level is None:
            return out
        counts: Counter[tuple[int, str]] = Counter(
            (p.level, p.stem) for _, u in self.mentions for p in u.places if p.level < self.level
        )
        for (level, stem), _ in counts.most_common():
            if level not in self.levels:  # 焦作市 known for 焦作市解放区: no other city is its superior
                out.setdefault(level, stem)
        return out

    def foreign_names(self) -> set[str]:
        others = set()
        for s in self.sources:
            if s in self.self_sources:
                continue
            for name in s.names:
                if name not in s.regions and not places_in(name):
                    continue  # 市信访局, 区信访办: what every such unit calls itself
                if len(name) >= 2 and not any(name in own or own in name for own in self.names):
                    others.add(name)
        return others
