"""Template packs: `templates/<id>/` with manifest.toml, a Jinja template and reference.docx.

A pack is data a bureau may restyle or receive from a colleague, so it is treated as untrusted:
its strings are rendered in Jinja's sandbox and its files are read only from inside its own folder.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from platformdirs import user_data_path

from app.core.errors import TemplateError
from app.core.model import Draft, Meta, Section, SectionKind
from app.render.pack_text import render_pack_string

REPO_ROOT = Path(__file__).resolve().parents[2]
BUILTIN_PACKS = REPO_ROOT / "templates"
DEFAULT_PACK = "regulation"
MAX_MANIFEST_BYTES = 256 * 1024


def user_packs_dir() -> Path:
    return user_data_path("fzbg", appauthor=False) / "templates"


@dataclass(frozen=True)
class PackSection:
    """A section a template pack offers: its kind, heading, and the prompt and help the wizard shows."""

    kind: SectionKind
    heading: str  # Jinja text over `year`, `next_year`, `unit_name`, `self_ref`
    prompt: str = ""
    help: str = ""
    required: bool = True


@dataclass(frozen=True)
class TemplatePack:
    """A template pack: its report template, reference DOCX, title and sections."""

    id: str
    name: str
    folder: Path
    description: str = ""
    title: str = "{{ unit_name }}关于{{ year }}年法治政府建设情况的报告"
    template: str = "report.j2"
    reference: str = "reference.docx"
    preamble_prompt: str = ""
    preamble_help: str = ""
    sections: tuple[PackSection, ...] = field(default_factory=tuple)

    @property
    def template_path(self) -> Path:
        return self.folder / self.template

    @property
    def reference_path(self) -> Path:
        return self.folder / self.reference

    def section_for(self, kind: SectionKind) -> PackSection | None:
        for section in self.sections:
            if section.kind is kind:
                return section
        return None

    def default_title(self, meta: Meta) -> str:
        return render_pack_string(self.title, meta, self.id)

    def default_heading(self, section: PackSection, meta: Meta) -> str:
        return render_pack_string(section.heading, meta, self.id)

    def new_draft(
        self,
        unit_name: str = "",
        self_ref: str = "我局",
        year: int | None = None,
        addressee: str = "",
        date: dt.date | None = None,
    ) -> Draft:
        """An empty draft with this pack's sections in its order and their headings for the year."""
        meta = Meta(
            unit_name=unit_name,
            self_ref=self_ref,
            addressee=addressee,
            date=date,
            template_pack=self.id,
        )
        if year is not None:
            meta.year = year
        draft = Draft(meta=meta)
        draft.sections = [Section(kind=s.kind, heading=self.default_heading(s, meta)) for s in self.sections]
        return draft


def pack_folders() -> list[Path]:
    """Where packs are looked for: the user's own first, so a restyled copy wins over the built-in one."""
    return [user_packs_dir(), BUILTIN_PACKS]


def list_packs() -> list[TemplatePack]:
    seen: dict[str, TemplatePack] = {}
    for root in pack_folders():
        if not root.is_dir():
            continue
        for folder in sorted(root.iterdir()):
            if folder.name in seen or not (folder / "manifest.toml").is_file():
                continue
            try:
                seen[folder.name] = load_pack_from(folder)
            except TemplateError:
                continue  # a broken user pack must not hide the others
    return sorted(seen.values(), key=lambda p: (p.id != DEFAULT_PACK, p.id))


def load_pack(pack_id: str) -> TemplatePack:
    if not pack_id or "/" in pack_id or "\\" in pack_id or pack_id.startswith("."):
        raise TemplateError(f"模板“{pack_id}”的名称无效。")
    for root in pack_folders():
        folder = root / pack_id
        if (folder / "manifest.toml").is_file():
            return load_pack_from(folder)
    raise TemplateError(f"找不到模板“{pack_id}”。可用的模板：{'、'.join(p.id for p in list_packs())}。")


@cache
def _cached_manifest(path: Path, mtime_ns: int) -> dict:
    raw = path.read_bytes()
    if len(raw) > MAX_MANIFEST_BYTES:
        raise TemplateError(f"模板清单“{path}”过大。")
    return tomllib.loads(raw.decode("utf-8"))


def load_pack_from(folder: Path) -> TemplatePack:
    folder = folder.resolve()
    manifest = folder / "manifest.toml"
    try:
        data = _cached_manifest(manifest, manifest.stat().st_mtime_ns)
    except TemplateError:
        raise
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TemplateError(f"模板“{folder.name}”的清单 manifest.toml 无法读取：{exc}") from exc
    try:
        sections = tuple(
            PackSection(
                kind=SectionKind.from_label(str(s["kind"])),
                heading=str(s["heading"]),
                prompt=str(s.get("prompt", "")),
                help=str(s.get("help", "")),
                required=bool(s.get("required", True)),
            )
            for s in data.get("sections", [])
        )
        pack = TemplatePack(
            id=folder.name,
            name=str(data.get("name", folder.name)),
            folder=folder,
            description=str(data.get("description", "")),
            title=str(data.get("title", TemplatePack.title)),
            template=str(data.get("template", "report.j2")),
            reference=str(data.get("reference", "reference.docx")),
            preamble_prompt=str(data.get("preamble_prompt", "")),
            preamble_help=str(data.get("preamble_help", "")),
            sections=sections,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise TemplateError(f"模板“{folder.name}”的清单 manifest.toml 有误：{exc}") from exc
    for name in (pack.template, pack.reference):
        if not (folder / name).resolve().is_relative_to(folder):
            raise TemplateError(f"模板“{folder.name}”引用了模板文件夹以外的文件“{name}”。")
    if not pack.template_path.is_file():
        raise TemplateError(f"模板“{folder.name}”缺少文件“{pack.template}”。")
    return pack
