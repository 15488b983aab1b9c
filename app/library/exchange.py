"""The personal phrase library as a file to hand to a colleague (a USB stick, a shared folder): export and import.

The file is versioned JSON (`fzbg-phrases`, format_version 1) holding the user's own phrases with where each
was read. A file from elsewhere is untrusted: it is size-limited, every entry is checked before anything is
added, ids are recomputed from the text (a crafted id cannot shadow a shipped phrase), and the phrases go
in as one transaction, so a bad file adds nothing. Stars and hides are the user's own and stay home.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from app.core.atomic import explain_os_error, write_bytes_atomic
from app.core.errors import UserError
from app.core.model import SectionKind
from app.core.text import clean_text
from app.library.phrase import Phrase, PhraseKind, Provenance, phrase_id
from app.library.user import UserLibrary

FORMAT = "fzbg-phrases"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 20 * 1024 * 1024  # some 50,000 phrases; more is not a phrase library
MAX_PHRASE_CHARS = 5_000
MAX_LIST = 100  # topics or sources of one phrase


def export_phrases(user: UserLibrary, target: Path) -> int:
    """Writes the user's own phrases to `target` (durably); returns how many."""
    phrases = user.phrases()
    data = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported": dt.datetime.now().isoformat(timespec="seconds"),
        "phrases": [p.to_dict() for p in phrases],
    }
    write_bytes_atomic(Path(target), (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return len(phrases)


def import_phrases(user: UserLibrary, source: Path) -> int:
    """Adds the phrases of an exported file to the user's library; returns how many were new."""
    return user.add_phrases(read_phrases(Path(source)))


def read_phrases(source: Path) -> list[Phrase]:
    name = source.name
    try:
        if source.stat().st_size > MAX_FILE_BYTES:
            raise UserError(f"“{name}”超过 20 MB，不像是导出的常用语文件。")
        data = source.read_bytes()
    except FileNotFoundError:
        raise UserError(f"找不到文件“{source}”。") from None
    except OSError as exc:
        raise UserError(explain_os_error(exc, source)) from exc
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise UserError(f"“{name}”不是导出的常用语文件（不是有效的 JSON 文本）。") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise UserError(f"“{name}”不是法治报告助手导出的常用语文件。")
    version = raw.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise UserError(f"“{name}”缺少有效的格式版本号。")
    if version > FORMAT_VERSION:
        raise UserError(f"“{name}”由更新版本的程序导出（格式版本 {version}），请升级本程序后再导入。")
    entries = raw.get("phrases")
    if not isinstance(entries, list):
        raise UserError(f"“{name}”中没有常用语列表，文件可能已损坏。")
    return [_phrase(entry, n, name) for n, entry in enumerate(entries, 1)]


def _phrase(entry: Any, n: int, name: str) -> Phrase:
    def bad(what: str) -> UserError:
        return UserError(f"“{name}”第 {n} 条常用语{what}，文件可能已损坏，没有导入任何常用语。")

    if not isinstance(entry, dict):
        raise bad("不是对象")
    text = entry.get("text")
    if not isinstance(text, str) or not clean_text(text).strip():
        raise bad("没有文字")
    text = clean_text(text).strip()
    if len(text) > MAX_PHRASE_CHARS:
        raise bad(f"超过 {MAX_PHRASE_CHARS} 字")
    try:
        kind = PhraseKind(str(entry.get("kind")))
        section = SectionKind(entry["section"]) if entry.get("section") else None
    except (ValueError, TypeError):
        raise bad("的类型或所在部分无法识别") from None
    topics = entry.get("topics", [])
    sources = entry.get("sources", [])
    level = entry.get("level", 0)
    if not _strings(topics) or not isinstance(sources, list) or len(sources) > MAX_LIST:
        raise bad("的主题或来源格式不对")
    if not all(_strings(s) and 1 <= len(s) <= 3 for s in sources):
        raise bad("的来源格式不对")
    if not isinstance(level, int) or isinstance(level, bool) or not 0 <= level <= 4:
        raise bad("的标题层级不对")
    return Phrase(
        id=phrase_id(kind, text),
        text=text,
        kind=kind,
        section=section,
        topics=tuple(clean_text(t) for t in topics),
        sources=[Provenance(*(clean_text(part) for part in s)) for s in sources] or [Provenance(name)],
        level=level,
        shipped=False,
    )


def _strings(value: Any) -> bool:
    return isinstance(value, list) and len(value) <= MAX_LIST and all(isinstance(v, str) for v in value)
