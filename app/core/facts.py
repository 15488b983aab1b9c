"""Year-dependent facts (regulations in force, plans, plenary sessions), kept as editable data in
resources/facts.toml; a facts.toml in the user's data folder replaces the built-in one."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from platformdirs import user_data_path

from app.core.errors import UserError

BUILTIN_FACTS = Path(__file__).resolve().parents[2] / "resources" / "facts.toml"


class FactsError(UserError):
    """A facts file that cannot be read."""


@dataclass(frozen=True)
class Regulation:
    name: str  # without 《》
    replaced_by: str | None = None
    replaced_on: dt.date | None = None
    stale_from_year: int | None = None
    in_force_from: dt.date | None = None
    note: str = ""


@dataclass(frozen=True)
class Plan:
    name: str
    first_year: int
    last_year: int
    followed_by: str | None = None


@dataclass(frozen=True)
class Session:
    name: str  # 二十届三中全会, 党的二十大
    held: dt.date
    major: bool = True
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Facts:
    regulations: tuple[Regulation, ...] = ()
    plans: tuple[Plan, ...] = ()
    sessions: tuple[Session, ...] = field(default_factory=tuple)  # in order of date

    def session(self, name: str) -> Session | None:
        """The session a mention names (党的二十大 / 二十大 / 二十届三中全会 …), or None."""
        key = _session_key(name)
        for s in self.sessions:
            if any(_session_key(n) == key for n in s.names):
                return s
        return None

    def sessions_held_by(self, day: dt.date) -> list[Session]:
        return [s for s in self.sessions if s.held <= day]

    def latest_major_sessions(self, year: int) -> list[Session]:
        """What a report for `year` should cite as the latest guidance: the last party congress held by the
        end of the year and the major plenary sessions after it (二十大 and 二十届三中全会 for 2024)."""
        held = [s for s in self.sessions_held_by(dt.date(year, 12, 31)) if s.major]
        congress = [i for i, s in enumerate(held) if _is_congress(s)]
        return held[congress[-1] if congress else 0 :]

    def regulation(self, name: str) -> Regulation | None:
        for r in self.regulations:
            if r.name == name.strip("《》"):
                return r
        return None

    def plan_for_year(self, year: int) -> Plan | None:
        for p in self.plans:
            if p.first_year <= year <= p.last_year:
                return p
        return None


def _is_congress(s: Session) -> bool:
    return s.name.endswith("大")


def _session_key(name: str) -> str:
    name = name.strip()
    name = re.sub(r"^(中国共产党|党的|中共)", "", name)
    return name.replace("全体会议", "全会")


def user_facts_path() -> Path:
    return user_data_path("fzbg", appauthor=False) / "facts.toml"


def load_facts(path: Path | None = None) -> Facts:
    """The facts from `path`, else the user's own file, else the built-in one."""
    if path is None:
        user = user_facts_path()
        path = user if user.is_file() else BUILTIN_FACTS
    try:
        stat = path.stat()
    except OSError as exc:
        raise FactsError(f"事实数据文件“{path}”无法读取：{exc.strerror or exc}") from exc
    return _load(path, stat.st_mtime_ns)


@cache
def _load(path: Path, mtime_ns: int) -> Facts:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise FactsError(f"事实数据文件“{path}”无法读取：{exc}") from exc
    try:
        regulations = tuple(
            Regulation(
                name=str(r["name"]).strip("《》"),
                replaced_by=_opt_str(r.get("replaced_by")),
                replaced_on=_opt_date(r.get("replaced_on")),
                stale_from_year=_opt_int(r.get("stale_from_year")),
                in_force_from=_opt_date(r.get("in_force_from")),
                note=str(r.get("note", "")),
            )
            for r in data.get("regulations", [])
        )
        plans = tuple(
            Plan(
                name=str(p["name"]).strip("《》"),
                first_year=int(p["first_year"]),
                last_year=int(p["last_year"]),
                followed_by=_opt_str(p.get("followed_by")),
            )
            for p in data.get("plans", [])
        )
        sessions = tuple(
            sorted(
                (
                    Session(
                        name=str(s["name"]),
                        held=_date(s["held"]),
                        major=bool(s.get("major", True)),
                        aliases=tuple(str(a) for a in s.get("aliases", [])),
                    )
                    for s in data.get("sessions", [])
                ),
                key=lambda s: s.held,
            )
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise FactsError(f"事实数据文件“{path}”内容有误：{exc}") from exc
    return Facts(regulations, plans, sessions)


def _date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _opt_date(value: object) -> dt.date | None:
    return None if value is None else _date(value)


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value).strip("《》")


def _opt_int(value: object) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int | float | str):
        raise TypeError(f"not a number: {value!r}")
    return int(value)
