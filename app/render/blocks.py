"""Document blocks: what the template pack's Jinja makes of a draft, and what every writer lays out.

A block is one paragraph (or table) of the finished document with a role that fixes its GB/T 9704
format. The DOCX writer and the print layout both start from the same list, so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    TITLE = "title"  # 2号小标宋, centred
    ADDRESSEE = "addressee"  # 主送机关, flush left, 3号仿宋
    BODY = "body"  # 3号仿宋, two-character first-line indent, justified
    HEADING1 = "heading1"  # 一、 黑体
    HEADING2 = "heading2"  # （一） 楷体
    HEADING3 = "heading3"  # 1. 仿宋
    HEADING4 = "heading4"  # （1） 仿宋
    SIGNATURE = "signature"  # 发文机关署名, right, two characters in
    DATE = "date"  # 成文日期, right, under the signature
    TABLE = "table"


HEADING_ROLES: tuple[Role, ...] = (Role.HEADING1, Role.HEADING2, Role.HEADING3, Role.HEADING4)


def heading_role(level: int) -> Role:
    """The role of a heading at level 1 (一、) to 4 （1）."""
    if not 1 <= level <= 4:
        raise ValueError(f"heading level must be 1 to 4, not {level}")
    return HEADING_ROLES[level - 1]


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text in one role's character format; a run-in heading is a heading run in a body block."""

    text: str
    role: Role


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph (or table) of the document as every writer lays it out."""

    role: Role
    runs: tuple[Run, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()  # cells of a TABLE block
    indent_right: float | None = None  # in characters of the body face; signature and date use it

    @property
    def text(self) -> str:
        if self.role is Role.TABLE:
            return "\n".join("\t".join(row) for row in self.rows)
        return "".join(run.text for run in self.runs)

    @property
    def heading_level(self) -> int | None:
        """1–4 for a stand-alone heading, else None."""
        return HEADING_ROLES.index(self.role) + 1 if self.role in HEADING_ROLES else None

    @property
    def outline_level(self) -> int | None:
        """1–4 for a stand-alone heading and for a body paragraph that opens with a run-in heading, else None."""
        if self.role is Role.BODY and self.runs and self.runs[0].role in HEADING_ROLES:
            return HEADING_ROLES.index(self.runs[0].role) + 1
        return self.heading_level


def blocks_text(blocks: list[Block]) -> str:
    """The document's text, one block a line: what a reader of the printed page sees, in order."""
    return "\n".join(block.text for block in blocks)
