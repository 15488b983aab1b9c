"""The phrase library's source reports (resources/samples): their text for the copying check, and the
unit and place names they belong to, so that a name left from one of them is recognised."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .unitnames import find_units

SAMPLES_DIR = Path(__file__).resolve().parents[2] / "resources" / "samples"
_MAX_SOURCE_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class SourceReport:
    name: str  # file name
    text: str
    unit: str = ""
    aliases: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()  # the unit's own place names: 重庆市南岸区, 南岸区, 南岸
    year: int | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.unit, *self.aliases, *self.regions) if n)


def load_sources(folder: Path | None = None) -> tuple[SourceReport, ...]:
    folder = SAMPLES_DIR if folder is None else folder
    if not folder.is_dir():
        return ()
    return _load(folder.resolve())


@cache
def _load(folder: Path) -> tuple[SourceReport, ...]:
    meta: dict = {}
    toml = folder / "samples.toml"
    if toml.is_file():
        try:
            meta = tomllib.loads(toml.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            meta = {}
    out = []
    for path in sorted(folder.glob("*.txt")):
        try:
            if path.stat().st_size > _MAX_SOURCE_BYTES:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        info = meta.get(path.name, {})
        unit, year = _identity(text)
        out.append(
            SourceReport(
                name=path.name,
                text=text,
                unit=str(info.get("unit") or unit),
                aliases=tuple(str(a) for a in info.get("aliases", [])),
                regions=tuple(str(r) for r in info.get("regions", [])),
                year=int(info["year"]) if "year" in info else year,
            )
        )
    return tuple(out)


def _identity(text: str) -> tuple[str, int | None]:
    """The unit and year a report names at its head, for sources that come without samples.toml."""
    head = text[:400]
    units = [u for u in find_units(head) if u.org != "《"]
    m = re.search(r"((?:19|20)\d{2})\s*年", head)
    return (units[0].text if units else ""), (int(m.group(1)) if m else None)
