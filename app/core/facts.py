"""Year-dependent facts a report cites (the latest plenary session, the rules in force), read from
`resources/facts.toml` so that a new session or a new regulation is one edit of a data file, not code.

A copy in the user data folder (`facts.toml` there) wins over the shipped one, so an office can add
this year's plenary session before the program is updated.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path

from app.core.errors import UserError

SHIPPED_FACTS = Path(__file__).resolve().parents[2] / "resources" / "facts.toml"


@dataclass(frozen=True)
class Plenary:
    name: str
    date: dt.date

    @property
    def is_congress(self) -> bool:
        return self.name.startswith("党的")


@dataclass(frozen=True)
class Rule:
    name: str
    in_force: dt.date
    replaces: str = ""
    until: dt.date | None = None


@dataclass(frozen=True)
class Facts:
    plenaries: tuple[Plenary, ...]
    rules: tuple[Rule, ...]

    def latest_plenary(self, year: int) -> Plenary | None:
        """The latest session held by the end of the report year: what that year's report cites."""
        held = [p for p in self.plenaries if p.date <= dt.date(year, 12, 31)]
        return max(held, key=lambda p: p.date) if held else None

    def latest_congress(self, year: int) -> Plenary | None:
        held = [p for p in self.plenaries if p.is_congress and p.date <= dt.date(year, 12, 31)]
        return max(held, key=lambda p: p.date) if held else None

    def rules_in_force(self, year: int) -> list[Rule]:
        """Rules in force at the end of the report year (or applying to it), without those replaced by then."""
        end, start = dt.date(year, 12, 31), dt.date(year, 1, 1)
        live = [r for r in self.rules if r.in_force <= end and (r.until is None or r.until >= start)]
        replaced = {r.replaces for r in live if r.replaces}
        return [r for r in live if r.name not in replaced]


def user_facts_path() -> Path:
    return user_data_path("fzbg", appauthor=False) / "facts.toml"


def load_facts(path: Path | None = None) -> Facts:
    """The facts table; raises UserError naming the entry that is wrong."""
    if path is None:
        path = user_facts_path() if user_facts_path().is_file() else SHIPPED_FACTS
    try:
        data = tomllib.loads(Path(path).read_text("utf-8"))
    except OSError as exc:
        raise UserError(f"年度事实表“{path}”无法读取：{exc.strerror or exc}。") from exc
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UserError(f"年度事实表“{path}”格式有误：{exc}。") from exc
    try:
        plenaries = tuple(Plenary(str(p["name"]), _date(p["date"])) for p in data.get("plenary", []))
        rules = tuple(
            Rule(
                str(r["name"]),
                _date(r["in_force"]),
                str(r.get("replaces", "")),
                _date(r["until"]) if r.get("until") else None,
            )
            for r in data.get("rules", [])
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise UserError(f"年度事实表“{path}”中有一项缺少名称或日期（{exc}）。") from exc
    return Facts(plenaries, rules)


def _date(value: object) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
