"""Installing a template pack a colleague sent as a zip, into the user's packs folder.

The zip is untrusted: names that climb out of the folder, absolute paths, links, files of kinds a pack
never needs, and archives that inflate far beyond their size are refused before anything is written.
The pack is unpacked into a temporary folder, loaded and test-rendered in the sandbox under the render
limits (app/render/limits.py), and only then moved into place, so a bad pack never half-installs.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import stat
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from app.core.atomic import explain_os_error
from app.core.errors import TemplateError, UserError
from app.render.pack import TemplatePack, load_pack_from, user_packs_dir

MAX_MEMBERS = 64
MAX_TOTAL_BYTES = 32 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed per member; reference.docx is itself a zip and inflates little
ALLOWED_SUFFIXES = {".toml", ".j2", ".docx", ".md", ".txt", ".png"}
_PACK_ID = re.compile(r"^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9_\-\u4e00-\u9fff]{0,63}$")


def import_pack_zip(zip_path: Path, *, replace: bool = False, dest_root: Path | None = None) -> TemplatePack:
    """Installs the pack in `zip_path`; raises TemplateError (one sentence) and installs nothing on failure,
    a bad zip or a packs folder that cannot be written (read-only, full, gone)."""
    zip_path = Path(zip_path)
    dest_root = dest_root or user_packs_dir()
    try:
        return _import(zip_path, replace, dest_root)
    except OSError as exc:
        raise TemplateError(explain_os_error(exc, dest_root)) from exc


def _import(zip_path: Path, replace: bool, dest_root: Path) -> TemplatePack:
    if not zip_path.is_file():
        raise TemplateError(f"找不到模板包“{zip_path}”。")
    try:
        archive = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise TemplateError(f"“{zip_path.name}”不是有效的 zip 模板包。") from exc
    with archive:
        members = _checked_members(archive, zip_path.name)
        prefix = _common_folder(members)
        pack_id = prefix or zip_path.stem
        if not _PACK_ID.match(pack_id):
            raise TemplateError(f"模板包名称“{pack_id}”无效：只能包含汉字、字母、数字、- 和 _。")
        dest_root.mkdir(parents=True, exist_ok=True)
        target = dest_root / pack_id
        if target.exists() and not replace:
            raise TemplateError(f"已有名为“{pack_id}”的模板；如要替换，请选择覆盖。")
        staging = Path(tempfile.mkdtemp(prefix=f".{pack_id}.", dir=dest_root))
        try:
            folder = staging / pack_id
            folder.mkdir()
            for info in members:
                rel = PurePosixPath(info.filename)
                if prefix:
                    rel = PurePosixPath(*rel.parts[1:])
                out = folder.joinpath(*rel.parts)
                out.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as src, out.open("wb") as dst:
                    _copy_limited(src, dst, info.file_size)
            pack = load_pack_from(folder)
            _test_render(pack, zip_path.name)
            if target.exists():
                shutil.rmtree(target)
            folder.rename(target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return load_pack_from(target)


def _checked_members(archive: zipfile.ZipFile, name: str) -> list[zipfile.ZipInfo]:
    infos = [i for i in archive.infolist() if not i.is_dir()]
    if not infos:
        raise TemplateError(f"“{name}”是空的 zip。")
    if len(infos) > MAX_MEMBERS:
        raise TemplateError(f"“{name}”包含 {len(infos)} 个文件，不像模板包（上限 {MAX_MEMBERS}）。")
    total = 0
    for info in infos:
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if info.filename.startswith(("/", "\\")) or ".." in path.parts or ":" in info.filename:
            raise TemplateError(f"“{name}”中的文件名“{info.filename}”指向模板文件夹以外，已拒绝。")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise TemplateError(f"“{name}”中的“{info.filename}”是链接，已拒绝。")
        if path.suffix.lower() not in ALLOWED_SUFFIXES:
            raise TemplateError(f"“{name}”中的“{info.filename}”不是模板包需要的文件类型，已拒绝。")
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            raise TemplateError(f"“{name}”中的“{info.filename}”解压后异常膨胀（疑似压缩炸弹），已拒绝。")
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise TemplateError(f"“{name}”解压后超过 {MAX_TOTAL_BYTES // (1024 * 1024)} MB，不像模板包。")
    return infos


def _common_folder(infos: list[zipfile.ZipInfo]) -> str:
    """The single top folder every member is in, or '' for a flat zip."""
    tops = {PurePosixPath(i.filename).parts[0] for i in infos}
    if len(tops) == 1 and all(len(PurePosixPath(i.filename).parts) > 1 for i in infos):
        return tops.pop()
    return ""


def _copy_limited(src, dst, declared: int) -> None:
    # The declared size may lie; never write more than it said.
    remaining = declared
    while chunk := src.read(min(65536, remaining + 1)):
        remaining -= len(chunk)
        if remaining < 0:
            raise TemplateError("模板包中的文件比声明的大，已拒绝。")
        dst.write(chunk)


def _test_render(pack: TemplatePack, zip_name: str) -> None:
    """A small draft with text at every level rendered to a DOCX under the limits every render has
    (app.render.limits): a pack that is broken, too slow, too big or has a bloated reference.docx is
    refused with the reason before it is installed."""
    from app.core.model import Item, Paragraph
    from app.render.docx_writer import render_docx

    draft = pack.new_draft("测试单位", "我局", 2025, "测试机关", dt.date(2026, 1, 15))
    draft.preamble = [Paragraph("测试开头段落。")]
    for section in draft.sections:
        section.preamble = [Paragraph("测试部分导语。")]
        deep = Item("测试三级", [Paragraph("测试段落。")], [Item("测试四级", [Paragraph("测试段落。")])])
        section.items = [Item("测试事项", [Paragraph("测试段落。"), Paragraph(table=[["甲", "乙"]])], [deep])]
    draft.closing = [Paragraph("测试结尾段落。")]
    try:
        with tempfile.TemporaryDirectory(prefix="fzbg-pack-test-") as scratch:
            render_docx(draft, Path(scratch) / "试运行.docx", pack)
    except UserError as exc:
        raise TemplateError(f"模板包“{zip_name}”试运行未通过，未安装：{exc.message}") from exc
