"""The standard GB/T 9704 faces, and what this PC uses in their place when they are missing.

The DOCX always names the standard faces (the reader's Word substitutes on its own); preview, print
and PDF draw with real installed faces, chosen per element by closeness to the standard one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from PySide6.QtGui import QFontDatabase

from app.render.blocks import Role
from app.render.qt_gui import ensure_gui_application


class Face(StrEnum):
    """A standard face's role; the value is the name the DOCX writes."""

    FANGSONG = "仿宋_GB2312"  # body, addressee, 1. and （1） headings, signature, date
    KAITI = "楷体_GB2312"  # （一） headings
    HEITI = "黑体"  # 一、 headings
    XIAOBIAOSONG = "方正小标宋简体"  # title
    SONGTI = "宋体"  # page numbers
    LATIN = "Times New Roman"  # digits and Latin letters beside the CJK face


# The face of each kind of block: page layout, print, PDF and the live preview all set text by it.
ROLE_FACE: dict[Role, Face] = {
    Role.TITLE: Face.XIAOBIAOSONG,
    Role.ADDRESSEE: Face.FANGSONG,
    Role.BODY: Face.FANGSONG,
    Role.HEADING1: Face.HEITI,
    Role.HEADING2: Face.KAITI,
    Role.HEADING3: Face.FANGSONG,
    Role.HEADING4: Face.FANGSONG,
    Role.SIGNATURE: Face.FANGSONG,
    Role.DATE: Face.FANGSONG,
    Role.TABLE: Face.FANGSONG,
}

# Other names of the standard face itself (Windows and fontconfig spell them differently).
_SAME_FACE: dict[Face, tuple[str, ...]] = {
    Face.FANGSONG: ("仿宋_GB2312", "FangSong_GB2312"),
    Face.KAITI: ("楷体_GB2312", "KaiTi_GB2312"),
    Face.HEITI: ("黑体", "SimHei"),
    Face.XIAOBIAOSONG: ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05"),
    Face.SONGTI: ("宋体", "SimSun"),
    Face.LATIN: ("Times New Roman",),
}

_CJK_SERIF = ("Noto Serif CJK SC", "Source Han Serif SC", "思源宋体", "Source Han Serif CN", "AR PL UMing CN")
_CJK_SANS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "思源黑体",
    "Source Han Sans CN",
    "Microsoft YaHei",
    "微软雅黑",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
)


@dataclass(frozen=True, slots=True)
class _Step:
    names: tuple[str, ...] = ()
    contains: tuple[str, ...] = ()  # any installed family whose name contains one of these
    bold: bool = False  # a 宋体 standing in for 小标宋 is set bold to come closer to its weight


# Closest first. The standard face's own names come before all of these.
_FALLBACKS: dict[Face, tuple[_Step, ...]] = {
    Face.FANGSONG: (
        _Step(("仿宋", "FangSong", "STFangsong", "华文仿宋", "方正仿宋_GBK", "方正仿宋简体", "FZFangSong-Z02S")),
        _Step(contains=("仿宋", "fangsong")),
        _Step(_CJK_SERIF),
    ),
    Face.KAITI: (
        _Step(("楷体", "KaiTi", "STKaiti", "华文楷体", "方正楷体_GBK", "方正楷体简体", "FZKai-Z03S")),
        _Step(contains=("楷体", "kaiti")),
        _Step(("AR PL UKai CN", "AR PL UKai TW", "AR PL UKai HK")),
        _Step(contains=("ukai", "kai")),
        _Step(_CJK_SERIF),
    ),
    Face.HEITI: (
        _Step(("STHeiti", "华文黑体", "方正黑体_GBK", "方正黑体简体")),
        _Step(_CJK_SANS),
        _Step(contains=("黑体", "heiti", "zen hei", "sans cjk")),
    ),
    Face.XIAOBIAOSONG: (
        _Step(contains=("小标宋", "xiaobiaosong")),
        _Step(("宋体", "SimSun", "NSimSun", "STSong", "华文宋体"), bold=True),
        _Step(_CJK_SERIF, bold=True),
        _Step(contains=("serif cjk", "uming"), bold=True),
    ),
    Face.SONGTI: (
        _Step(("NSimSun", "新宋体", "STSong", "华文宋体")),
        _Step(_CJK_SERIF),
        _Step(contains=("serif cjk", "uming", "song")),
    ),
    Face.LATIN: (_Step(("Liberation Serif", "Tinos", "Nimbus Roman", "Nimbus Roman No9 L", "TeX Gyre Termes")),),
}

# Last resort for a CJK element: any CJK face at all, so the text is at least legible.
_ANY_CJK = _Step(contains=("cjk", "ming", "song", "kai", "hei", "宋", "楷", "黑"))


@dataclass(frozen=True, slots=True)
class FaceChoice:
    standard: Face
    family: str | None  # None: no face found; Qt falls back on its own (Latin: the CJK face's own letters)
    bold: bool = False

    @property
    def substituted(self) -> bool:
        return self.family is None or self.family not in _SAME_FACE[self.standard]

    def described(self) -> str:
        if self.family is None:
            return "中文字体自带的数字和字母" if self.standard is Face.LATIN else "系统默认字体"
        return f"{self.family}（加粗）" if self.bold else self.family


def _normalised(name: str) -> str:
    # fontconfig lists a family found in two foundries as "Name [Foundry]".
    return name.split(" [", 1)[0].strip().casefold()


@cache
def _installed() -> dict[str, str]:
    ensure_gui_application()
    return {_normalised(f): f.split(" [", 1)[0].strip() for f in QFontDatabase.families()}


def installed_families() -> list[str]:
    return sorted(_installed().values())


def _find(step: _Step, installed: dict[str, str]) -> str | None:
    for name in step.names:
        if (found := installed.get(name.casefold())) is not None:
            return found
    for key in sorted(installed):
        if any(part in key for part in step.contains):
            return installed[key]
    return None


def choose_face(standard: Face, installed: Iterable[str] | None = None) -> FaceChoice:
    """The installed face closest to `standard` (`installed`: family names, default this PC's)."""
    table = _installed() if installed is None else {_normalised(f): f for f in installed}
    for name in _SAME_FACE[standard]:
        if (found := table.get(name.casefold())) is not None:
            return FaceChoice(standard, found)
    steps = _FALLBACKS[standard] + (() if standard is Face.LATIN else (_ANY_CJK,))
    for step in steps:
        if (found := _find(step, table)) is not None:
            return FaceChoice(standard, found, step.bold)
    return FaceChoice(standard, None)


@cache
def chosen_faces() -> dict[Face, FaceChoice]:
    """This PC's face for every standard face (cached: fonts installed while running need a restart)."""
    return {face: choose_face(face) for face in Face}


def substitution_notices(choices: dict[Face, FaceChoice] | None = None) -> list[str]:
    """One Chinese sentence per standard face this PC lacks, naming what preview and print use instead."""
    choices = chosen_faces() if choices is None else choices
    notes = []
    for face, choice in choices.items():
        if not choice.substituted:
            continue
        if face is Face.LATIN and choice.family is None:
            notes.append(
                f"本机缺少 {face.value}，预览和打印中的数字和字母使用中文字体自带的字形；Word 打开 DOCX 时也会替换。"
            )
        else:
            notes.append(
                f"本机缺少 {face.value}，预览和打印使用 {choice.described()} 代替；Word 打开 DOCX 时也会替换。"
            )
    return notes


def missing_standard_faces(names: Iterable[str] | None = None, installed: Iterable[str] | None = None) -> list[str]:
    """Which of the face names a DOCX uses (default: all standard faces) this PC does not have.

    A name is present when the face itself is installed under any of its spellings; a fallback
    does not count, because Word substitutes by its own rules.
    """
    table = _installed() if installed is None else {_normalised(f): f for f in installed}
    wanted = [f.value for f in Face] if names is None else list(dict.fromkeys(names))
    missing = []
    for name in wanted:
        spellings = next((s for s in _SAME_FACE.values() if name in s), (name,))
        if not any(s.casefold() in table for s in spellings):
            missing.append(name)
    return missing


def docx_font_notices(names: Iterable[str] | None = None) -> list[str]:
    """Chinese sentences for the DOCX: which named faces Word on this PC will replace."""
    return [
        f"本机缺少 {name}；在本机用 Word 或 WPS 打开 DOCX 时会用其他字体代替。"
        for name in missing_standard_faces(names)
    ]
