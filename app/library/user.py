"""The user's own phrase library: an SQLite database in the user data folder.

It holds the phrases of the reports the user imported and the ones they typed, and the user's marks
on every phrase, shipped ones included (starred, hidden, times used). Every change is one transaction;
the database runs in WAL mode with full sync, so a crash or a kill loses at most the change in flight
and never corrupts what was there.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path

from platformdirs import user_data_path

from app.core.atomic import explain_os_error
from app.core.errors import UserError
from app.core.model import SectionKind
from app.library.phrase import Phrase, PhraseKind, Provenance, phrase_id, strip_markup

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS phrases (
    id TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    section TEXT,
    topics TEXT NOT NULL DEFAULT '[]',
    sources TEXT NOT NULL DEFAULT '[]',
    level INTEGER NOT NULL DEFAULT 0,
    added TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS marks (
    id TEXT PRIMARY KEY,
    starred INTEGER NOT NULL DEFAULT 0,
    hidden INTEGER NOT NULL DEFAULT 0,
    uses INTEGER NOT NULL DEFAULT 0,
    last_used TEXT
);
"""


def default_path() -> Path:
    return user_data_path("fzbg", appauthor=False) / "phrases.sqlite3"


@dataclass(frozen=True)
class Mark:
    """The user's marks on a phrase, shipped or their own."""

    starred: bool = False
    hidden: bool = False
    uses: int = 0


class UserLibrary:
    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path else default_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=5.0, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise UserError(f"个人短语库“{self.path}”由更新版本的程序创建（版本 {version}），请升级本程序。")
            if version == 0:
                self._db.executescript(f"BEGIN IMMEDIATE;{_SCHEMA}PRAGMA user_version={SCHEMA_VERSION};COMMIT;")
        except sqlite3.DatabaseError as exc:
            raise UserError(
                f"个人短语库“{self.path}”无法打开（{exc}）。请检查该文件夹是否可写、磁盘是否已满，或关闭其他正在使用它的程序后重试。"
            ) from exc
        except OSError as exc:
            raise UserError(explain_os_error(exc, self.path)) from exc

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> UserLibrary:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _transaction(self):
        return _Transaction(self._db)

    # Phrases -------------------------------------------------------------------------------------

    def phrases(self) -> list[Phrase]:
        rows = self._db.execute("SELECT id, text, kind, section, topics, sources, level FROM phrases ORDER BY rowid")
        return [
            Phrase(
                id=r[0],
                text=r[1],
                kind=PhraseKind(r[2]),
                section=SectionKind(r[3]) if r[3] else None,
                topics=tuple(json.loads(r[4])),
                sources=[Provenance(*s) for s in json.loads(r[5])],
                level=r[6],
                shipped=False,
            )
            for r in rows
        ]

    def add_phrases(self, phrases: list[Phrase]) -> int:
        """Adds phrases in one transaction; a phrase already there gains the new provenance. Returns how many are new."""
        now = dt.datetime.now().isoformat(timespec="seconds")
        new = 0
        with self._transaction():
            for p in phrases:
                row = self._db.execute("SELECT sources, topics FROM phrases WHERE id=?", (p.id,)).fetchone()
                sources = [[s.report, s.section, s.item] for s in p.sources]
                if row is None:
                    self._db.execute(
                        "INSERT INTO phrases (id, text, kind, section, topics, sources, level, added)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            p.id,
                            p.text,
                            p.kind.value,
                            p.section.value if p.section else None,
                            json.dumps(list(p.topics), ensure_ascii=False),
                            json.dumps(sources, ensure_ascii=False),
                            p.level,
                            now,
                        ),
                    )
                    new += 1
                else:
                    merged = json.loads(row[0]) + [s for s in sources if s not in json.loads(row[0])]
                    topics = list(dict.fromkeys(json.loads(row[1]) + list(p.topics)))
                    self._db.execute(
                        "UPDATE phrases SET sources=?, topics=? WHERE id=?",
                        (json.dumps(merged, ensure_ascii=False), json.dumps(topics, ensure_ascii=False), p.id),
                    )
        return new

    def add_report(self, imported, known: list[Phrase] | tuple[Phrase, ...] = ()) -> int:
        """The phrases of an imported report (`app.importer.ImportedReport`) into the library.

        A phrase that nearly duplicates one already here adds its provenance to it; one that nearly
        duplicates a `known` (shipped) phrase is left out, since that phrase already offers it.
        Returns how many phrases are new.
        """
        from app.library.extract import extract_phrases, merge_near_duplicates  # the importer's patterns: on use

        # Copies: merging extends the sources of the phrase kept, and `known` may be a shared cache.
        known_copies = [replace(p, sources=list(p.sources)) for p in known]
        known_ids = {p.id for p in known}
        merged = merge_near_duplicates([*known_copies, *self.phrases(), *extract_phrases(imported)])
        return self.add_phrases([p for p in merged if p.id not in known_ids])

    def add_text(self, text: str, section: SectionKind | None = None, kind: PhraseKind = PhraseKind.SENTENCE) -> Phrase:
        """A phrase the user typed. Placeholders such as {单位} and {年度} may be written in it."""
        # the extractor (~0.3 s with the importer) only when the user adds a phrase
        from app.library.extract import topics_of

        text = text.strip()
        if not text:
            raise UserError("短语不能为空。")
        phrase = Phrase(
            id=phrase_id(kind, text),
            text=text,
            kind=kind,
            section=section,
            topics=topics_of(strip_markup(text)),
            sources=[Provenance("用户添加")],
            shipped=False,
        )
        self.add_phrases([phrase])
        return phrase

    def remove(self, phrase_id_: str) -> None:
        with self._transaction():
            self._db.execute("DELETE FROM phrases WHERE id=?", (phrase_id_,))
            self._db.execute("DELETE FROM marks WHERE id=?", (phrase_id_,))

    # Marks ---------------------------------------------------------------------------------------

    def marks(self) -> dict[str, Mark]:
        rows = self._db.execute("SELECT id, starred, hidden, uses FROM marks")
        return {r[0]: Mark(bool(r[1]), bool(r[2]), int(r[3])) for r in rows}

    def _set(self, phrase_id_: str, column: str, value: int) -> None:
        with self._transaction():
            self._db.execute("INSERT OR IGNORE INTO marks (id) VALUES (?)", (phrase_id_,))
            self._db.execute(f"UPDATE marks SET {column}=? WHERE id=?", (value, phrase_id_))

    def star(self, phrase_id_: str, on: bool = True) -> None:
        self._set(phrase_id_, "starred", int(on))

    def hide(self, phrase_id_: str, on: bool = True) -> None:
        self._set(phrase_id_, "hidden", int(on))

    def record_use(self, phrase_id_: str) -> None:
        now = dt.datetime.now().isoformat(timespec="seconds")
        with self._transaction():
            self._db.execute("INSERT OR IGNORE INTO marks (id) VALUES (?)", (phrase_id_,))
            self._db.execute("UPDATE marks SET uses=uses+1, last_used=? WHERE id=?", (now, phrase_id_))


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error (the connection runs in autocommit mode)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise UserError(f"个人短语库暂时无法写入（{exc}），可能正被另一个窗口使用，请稍后重试。") from exc

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            try:
                self._db.execute("COMMIT")
            except sqlite3.DatabaseError as err:
                self._db.execute("ROLLBACK")
                raise UserError(f"个人短语库保存失败（{err}），本次修改未保存。") from err
        else:
            self._db.execute("ROLLBACK")
