"""The `.fzbg` draft file: versioned JSON, documented in docs/draft-format.md.

Reading is strict about shape and lenient about nothing else: a file that is not a draft gets one
Chinese sentence saying so, never a traceback, and the file itself is never touched.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.atomic import write_bytes_atomic
from app.core.backups import keep_previous
from app.core.errors import DraftFormatError, UserError
from app.core.model import (
    MAX_ITEM_DEPTH,
    Draft,
    Item,
    Meta,
    Origin,
    Paragraph,
    Section,
    SectionKind,
    Source,
)
from app.core.text import clean_text

FORMAT_VERSION = 1
# How a file of format_version N becomes one of N + 1, for every N below FORMAT_VERSION. Version 1 is the
# first, so there is none yet; a new version adds its step here (and a row in docs/draft-format.md).
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}
FILE_SUFFIX = ".fzbg"
MAGIC = "fzbg-draft"
# A year's report is some 30 pages, 20 000 characters; 20 MB leaves room for tables and history
# while refusing files that would only make the program stall.
MAX_FILE_BYTES = 20 * 1024 * 1024


# ----------------------------------------------------------------------------- writing


def draft_to_dict(draft: Draft) -> dict[str, Any]:
    m = draft.meta
    return {
        "format": MAGIC,
        "format_version": FORMAT_VERSION,
        "meta": {
            "unit_name": m.unit_name,
            "self_ref": m.self_ref,
            "year": m.year,
            "title": m.title,
            "addressee": m.addressee,
            "signature": m.signature,
            "date": m.date.isoformat() if m.date else None,
            "template_pack": m.template_pack,
        },
        "preamble": [_para_to_dict(p) for p in draft.preamble],
        "sections": [
            {
                "id": s.id,
                "kind": s.kind.value,
                "heading": s.heading,
                "preamble": [_para_to_dict(p) for p in s.preamble],
                "items": [_item_to_dict(i) for i in s.items],
            }
            for s in draft.sections
        ],
        "closing": [_para_to_dict(p) for p in draft.closing],
    }


def _para_to_dict(p: Paragraph) -> dict[str, Any]:
    out: dict[str, Any] = {"text": p.text}
    src: dict[str, Any] = {"origin": p.source.origin.value}
    if p.source.ref is not None:
        src["ref"] = p.source.ref
    if p.source.examples:
        src["examples"] = list(p.source.examples)
    out["source"] = src
    if p.table is not None:
        out["table"] = [list(row) for row in p.table]
    return out


def _item_to_dict(item: Item) -> dict[str, Any]:
    out: dict[str, Any] = {
        "heading": item.heading,
        "run_in": item.run_in,
        "paragraphs": [_para_to_dict(p) for p in item.paragraphs],
    }
    if item.kind is not None:
        out["kind"] = item.kind.value
    if item.children:
        out["children"] = [_item_to_dict(c) for c in item.children]
    return out


def dumps(draft: Draft) -> str:
    return json.dumps(draft_to_dict(draft), ensure_ascii=False, indent=1) + "\n"


def draft_bytes(draft: Draft) -> bytes:
    """The file's bytes. A lone surrogate (half of an emoji from a broken paste) has no UTF-8 form and would
    make the save fail; it is dropped, as reading a draft drops it (`clean_text`). UTF-8 can encode every
    other code point, so nothing else is lost."""
    return dumps(draft).encode("utf-8", errors="ignore")


@dataclass(frozen=True)
class DiskState:
    """What a draft file looked like when the program last read or wrote it."""

    size: int
    digest: str

    @classmethod
    def of_bytes(cls, data: bytes) -> DiskState:
        import hashlib  # OpenSSL loads when a draft is read or written, not when the window opens

        return cls(len(data), hashlib.sha256(data).hexdigest())

    @classmethod
    def of_file(cls, path: Path) -> DiskState | None:
        try:
            return cls.of_bytes(Path(path).read_bytes())
        except OSError:
            return None


class DraftChangedOnDiskError(UserError):
    """The file was changed by someone else since this program read or wrote it."""


def save_draft(draft: Draft, path: Path, *, expected: DiskState | None = None, backup: bool = True) -> DiskState:
    """Writes the draft durably (temporary file, fsync, rename) and returns the state now on disk.

    With `expected`, a file changed on disk since then (a colleague, another program) is not silently
    overwritten: DraftChangedOnDiskError, and the caller asks the user. With `backup`, the previous
    content is kept as `name.fzbg.bak` and as a rolling copy in the user data folder.
    """
    path = Path(path)
    data = draft_bytes(draft)
    if expected is not None:
        current = DiskState.of_file(path)
        if current is not None and current != expected:
            raise DraftChangedOnDiskError(
                f"“{path.name}”在打开之后被其他程序或他人修改过。为免覆盖对方的修改，本次没有保存；"
                "请另存为新文件，或确认后覆盖。"
            )
    if backup:
        old = keep_previous(path, data)
        if old is not None and FORMAT_VERSION > 1:
            _keep_older_format(path, old)
    write_bytes_atomic(path, data)
    return DiskState.of_bytes(data)


def older_format_backup_path(path: Path, version: int) -> Path:
    return path.with_name(f"{path.name}.v{version}.bak")


def _keep_older_format(path: Path, old: bytes) -> None:
    """The first save over a file of an older format keeps that file as `name.fzbg.vN.bak`, for good:
    the older program can still open it, and a migration can always be walked back."""
    try:
        version = json.loads(old.decode("utf-8-sig")).get("format_version")
    except (ValueError, AttributeError):
        return
    if isinstance(version, int) and not isinstance(version, bool) and 1 <= version < FORMAT_VERSION:
        target = older_format_backup_path(path, version)
        if not target.exists():
            write_bytes_atomic(target, old)


# ----------------------------------------------------------------------------- reading


def load_draft(path: Path) -> Draft:
    return load_draft_with_state(path)[0]


def load_draft_with_state(path: Path) -> tuple[Draft, DiskState]:
    """The draft and the state of its file, for detecting later changes by others."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DraftFormatError(
                f"“{path.name}”有 {size // (1024 * 1024)} MB，超过草稿文件 20 MB 的上限，不像是本程序的草稿。"
            )
        data = path.read_bytes()
    except DraftFormatError:
        raise
    except FileNotFoundError as exc:
        raise DraftFormatError(f"找不到文件“{path}”。") from exc
    except IsADirectoryError as exc:
        raise DraftFormatError(f"“{path}”是文件夹，不是草稿文件。") from exc
    except OSError as exc:
        raise DraftFormatError(f"无法读取“{path}”：{exc.strerror or exc}。") from exc
    return loads(data, name=path.name), DiskState.of_bytes(data)


def loads(data: bytes | str, name: str = "草稿") -> Draft:
    if isinstance(data, bytes):
        if len(data) > MAX_FILE_BYTES:
            raise DraftFormatError(f"“{name}”超过草稿文件 20 MB 的上限。")
        if not data.strip():
            raise DraftFormatError(f"“{name}”是空文件，不是草稿。")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DraftFormatError(f"“{name}”不是 UTF-8 文本，不是本程序的草稿文件。") from exc
    else:
        text = data
    try:
        raw = json.loads(text)
    except RecursionError as exc:
        raise DraftFormatError(f"“{name}”嵌套层次过深，不是本程序的草稿文件。") from exc
    except json.JSONDecodeError as exc:
        raise DraftFormatError(
            f"“{name}”不是完整的草稿文件（第 {exc.lineno} 行附近格式错误），可能已损坏或被截断。"
        ) from exc
    return draft_from_dict(raw, name=name)


def draft_from_dict(raw: Any, name: str = "草稿") -> Draft:
    if not isinstance(raw, dict) or raw.get("format") != MAGIC:
        raise DraftFormatError(f"“{name}”不是法治报告助手的草稿文件。")
    version = raw.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise DraftFormatError(f"“{name}”缺少有效的格式版本号。")
    if version > FORMAT_VERSION:
        raise DraftFormatError(
            f"“{name}”是较新版本（格式版本 {version}）的草稿，本程序只能读取版本 {FORMAT_VERSION} 及以前的草稿，请升级本程序。"
        )
    if version < 1:
        raise DraftFormatError(f"“{name}”的格式版本号 {version} 无效。")
    for step in range(version, FORMAT_VERSION):
        if step not in MIGRATIONS:
            raise DraftFormatError(f"“{name}”是旧版本（格式版本 {version}）的草稿，本程序无法转换版本 {step} 的草稿。")
        try:
            raw = MIGRATIONS[step](raw)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DraftFormatError(
                f"“{name}”是旧版本（格式版本 {version}）的草稿，转换时发现文件已损坏：{exc}。"
            ) from exc
    reader = _Reader(name)
    try:
        return reader.draft(raw)
    except RecursionError as exc:
        raise DraftFormatError(f"“{name}”嵌套层次过深，不是本程序的草稿文件。") from exc


class _Reader:
    """Checks the shape of each field as it converts, naming the field that is wrong."""

    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, where: str, what: str) -> DraftFormatError:
        return DraftFormatError(f"“{self.name}”中的 {where} {what}，文件可能已损坏。")

    def obj(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "应为对象")
        return value

    def lst(self, value: Any, where: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(where, "应为列表")
        return value

    def text(self, value: Any, where: str, default: str = "") -> str:
        if value is None:
            return default
        if not isinstance(value, str):
            raise self.fail(where, "应为文字")
        return clean_text(value)

    def draft(self, raw: dict[str, Any]) -> Draft:
        meta = self.meta(self.obj(raw.get("meta", {}), "meta"))
        return Draft(
            meta=meta,
            preamble=self.paras(raw.get("preamble"), "preamble"),
            sections=[
                self.section(s, f"sections[{i}]") for i, s in enumerate(self.lst(raw.get("sections"), "sections"))
            ],
            closing=self.paras(raw.get("closing"), "closing"),
        )

    def meta(self, raw: dict[str, Any]) -> Meta:
        year = raw.get("year")
        if not isinstance(year, int) or isinstance(year, bool) or not 1949 <= year <= 2200:
            raise self.fail("meta.year", "应为 1949 至 2200 之间的年份")
        date_raw = raw.get("date")
        date: dt.date | None = None
        if date_raw not in (None, ""):
            if not isinstance(date_raw, str):
                raise self.fail("meta.date", "应为日期文字（如 2025-02-20）")
            try:
                date = dt.date.fromisoformat(date_raw)
            except ValueError as exc:
                raise self.fail("meta.date", "应为日期（如 2025-02-20）") from exc
        return Meta(
            unit_name=self.text(raw.get("unit_name"), "meta.unit_name"),
            self_ref=self.text(raw.get("self_ref"), "meta.self_ref", "我局"),
            year=year,
            title=self.text(raw.get("title"), "meta.title"),
            addressee=self.text(raw.get("addressee"), "meta.addressee"),
            signature=self.text(raw.get("signature"), "meta.signature"),
            date=date,
            template_pack=self.text(raw.get("template_pack"), "meta.template_pack", "regulation") or "regulation",
        )

    def section(self, raw: Any, where: str) -> Section:
        raw = self.obj(raw, where)
        section = Section(
            kind=self.kind(raw.get("kind"), f"{where}.kind") or SectionKind.CUSTOM,
            heading=self.text(raw.get("heading"), f"{where}.heading"),
            preamble=self.paras(raw.get("preamble"), f"{where}.preamble"),
            items=[self.item(it, f"{where}.items[{i}]", 1) for i, it in enumerate(self.lst(raw.get("items"), where))],
        )
        sid = raw.get("id")
        if isinstance(sid, str) and sid:
            section.id = sid
        return section

    def kind(self, value: Any, where: str) -> SectionKind | None:
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(where, "应为文字")
        try:
            return SectionKind.from_label(value)
        except ValueError as exc:
            raise self.fail(where, f"的类别“{value[:20]}”无法识别") from exc

    def item(self, raw: Any, where: str, depth: int) -> Item:
        raw = self.obj(raw, where)
        children_raw = self.lst(raw.get("children"), f"{where}.children")
        if children_raw and depth >= MAX_ITEM_DEPTH:
            raise self.fail(where, f"层级超过 {MAX_ITEM_DEPTH + 1} 级标题")
        run_in = raw.get("run_in", False)
        if not isinstance(run_in, bool):
            raise self.fail(f"{where}.run_in", "应为 true 或 false")
        return Item(
            heading=self.text(raw.get("heading"), f"{where}.heading"),
            paragraphs=self.paras(raw.get("paragraphs"), f"{where}.paragraphs"),
            children=[self.item(c, f"{where}.children[{i}]", depth + 1) for i, c in enumerate(children_raw)],
            run_in=run_in,
            kind=self.kind(raw.get("kind"), f"{where}.kind"),
        )

    def paras(self, value: Any, where: str) -> list[Paragraph]:
        return [self.para(p, f"{where}[{i}]") for i, p in enumerate(self.lst(value, where))]

    def para(self, raw: Any, where: str) -> Paragraph:
        if isinstance(raw, str):  # hand-written drafts may give paragraphs as bare strings
            return Paragraph(text=clean_text(raw))
        raw = self.obj(raw, where)
        src_raw = self.obj(raw.get("source", {}), f"{where}.source")
        origin_raw = src_raw.get("origin", "typed")
        try:
            origin = Origin(origin_raw)
        except ValueError as exc:
            raise self.fail(f"{where}.source.origin", "无法识别") from exc
        ref = src_raw.get("ref")
        if ref is not None and not isinstance(ref, str):
            raise self.fail(f"{where}.source.ref", "应为文字")
        examples = [self.text(e, f"{where}.source.examples") for e in self.lst(src_raw.get("examples"), where)]
        table = None
        if raw.get("table") is not None:
            table = [
                [self.text(cell, f"{where}.table") for cell in self.lst(row, f"{where}.table")]
                for row in self.lst(raw.get("table"), f"{where}.table")
            ]
        return Paragraph(
            text=self.text(raw.get("text"), f"{where}.text"),
            source=Source(origin=origin, ref=ref, examples=examples),
            table=table,
        )
