"""The draft: the one model every part of the assistant reads and edits.

Plain dataclasses with no Qt and no I/O; `app.core.draft_file` turns them into the `.fzbg` JSON.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from enum import StrEnum


def random_id(chars: int) -> str:
    """`chars` random hex digits: ids of sections and session keys (uuid4 would load `platform` at start-up)."""
    return os.urandom((chars + 1) // 2).hex()[:chars]


class SectionKind(StrEnum):
    """Canonical kinds of the parts the 2019 督察工作规定 asks the annual report to contain."""

    MEASURES = "measures"  # 主要举措和成效
    RESPONSIBILITY = "responsibility"  # 党政主要负责人履行第一责任人职责情况
    SHORTCOMINGS = "shortcomings"  # 存在的不足和原因
    PLANS = "plans"  # 下一年度的主要安排
    OTHER = "other"  # 其他需要报告的情况
    CUSTOM = "custom"  # anything a unit adds of its own (political study, …)

    @property
    def label(self) -> str:
        return KIND_LABELS[self]

    @classmethod
    def from_label(cls, text: str) -> SectionKind:
        """Accepts either the English id or the Chinese label."""
        for kind, label in KIND_LABELS.items():
            if text in (kind.value, label):
                return kind
        raise ValueError(f"unknown section kind: {text!r}")


KIND_LABELS: dict[SectionKind, str] = {
    SectionKind.MEASURES: "举措成效",
    SectionKind.RESPONSIBILITY: "第一责任人",
    SectionKind.SHORTCOMINGS: "不足原因",
    SectionKind.PLANS: "下年安排",
    SectionKind.OTHER: "其他",
    SectionKind.CUSTOM: "自定义",
}


class Origin(StrEnum):
    """Where a paragraph's text came from."""

    TYPED = "typed"
    PHRASE = "phrase"  # inserted from the phrase library; `ref` is the phrase id
    IMPORTED = "imported"  # read from a finished report; `ref` names the file
    CARRIED = "carried"  # carried over from last year's draft


@dataclass
class Source:
    """A paragraph's origin (`ref`: the phrase id or file name) and the example figures still in it."""

    origin: Origin = Origin.TYPED
    ref: str | None = None
    # Example figures of a library phrase still standing in the text as the library wrote them;
    # the wizard highlights them and the checks flag them until the user replaces them.
    examples: list[str] = field(default_factory=list)


@dataclass
class Paragraph:
    """One body paragraph, or a table when `table` is set (then `text` is empty).

    `text` is plain text. A newline inside it is a paragraph break when rendered, never a soft break.
    """

    text: str = ""
    source: Source = field(default_factory=Source)
    table: list[list[str]] | None = None


@dataclass
class Item:
    """A numbered sub-heading with its paragraphs: （一） at depth 1, 1. at depth 2, （1） at depth 3.

    `run_in` renders the heading at the start of its first paragraph (（一）强化组织领导。全年…), the way
    most reports write their lower levels; otherwise the heading stands on a line of its own.
    `kind` is set where an item carries a canonical part itself, as the 第一责任人 sub-item of
    reports that nest it under 举措成效.
    """

    heading: str = ""
    paragraphs: list[Paragraph] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)
    run_in: bool = False
    kind: SectionKind | None = None


MAX_ITEM_DEPTH = 3  # （一） → 1. → （1）: with the section's 一、 the four levels of GB/T 9704


@dataclass
class Section:
    """A top-level part (一、) of the report."""

    kind: SectionKind = SectionKind.CUSTOM
    heading: str = ""
    preamble: list[Paragraph] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    id: str = field(default_factory=lambda: random_id(12))


@dataclass
class Meta:
    """Who reports on which year to whom: what the title, signature and dates are made of."""

    unit_name: str = ""  # 晋城市信访局
    self_ref: str = "我局"  # how the report refers to the unit: 我局 / 我办 / 本局
    year: int = field(default_factory=lambda: _dt.date.today().year - 1)
    title: str = ""  # empty: the template pack's default title for unit and year
    addressee: str = ""  # 中共XX县委、XX县人民政府 (without the colon)
    signature: str = ""  # empty: the unit's name
    date: _dt.date | None = None  # 成文日期
    template_pack: str = "regulation"


@dataclass
class Draft:
    """A whole report: meta, 导语, the sections in their order and the closing."""

    meta: Meta = field(default_factory=Meta)
    preamble: list[Paragraph] = field(default_factory=list)  # 导语, ending 现将…报告如下：
    sections: list[Section] = field(default_factory=list)
    closing: list[Paragraph] = field(default_factory=list)  # 特此报告。 and the like

    def all_paragraphs(self) -> list[Paragraph]:
        """Every paragraph of the report in reading order (headings excluded)."""
        out: list[Paragraph] = list(self.preamble)
        for section in self.sections:
            out.extend(section.preamble)
            for item in section.items:
                out.extend(_item_paragraphs(item))
        out.extend(self.closing)
        return out


def _item_paragraphs(item: Item) -> list[Paragraph]:
    out = list(item.paragraphs)
    for child in item.children:
        out.extend(_item_paragraphs(child))
    return out


def walk_items(items: list[Item], depth: int = 1):
    """Yields (depth, item) over a nested item list, depth-first in reading order."""
    for item in items:
        yield depth, item
        yield from walk_items(item.children, depth + 1)
