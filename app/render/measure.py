"""How long the printed report will be: characters and pages on the GB/T 9704 grid of 22 lines × 28 characters."""

from __future__ import annotations

import math

from app.core.text import text_width
from app.render.blocks import Block, Role
from app.render.gbt9704 import BODY_PT, TITLE_PT
from app.render.gbt9704 import CHARS_PER_LINE as LINE_CHARS
from app.render.gbt9704 import LINES_PER_PAGE as PAGE_LINES

TITLE_SCALE = TITLE_PT / BODY_PT  # the 2号 title against the 3号 body


def block_chars(block: Block) -> int:
    return sum(1 for ch in block.text if not ch.isspace())


def block_lines(block: Block) -> int:
    """Grid lines a block takes: body paragraphs start two characters in, the title is set larger."""
    if block.role is Role.TABLE:
        return sum(max(1, math.ceil(max((text_width(c) for c in row), default=0) / 7)) for row in block.rows)
    width = text_width(block.text)
    if block.role is Role.BODY:
        width += 2
    elif block.role is Role.TITLE:
        width *= TITLE_SCALE
    return max(1, math.ceil(width / LINE_CHARS))


def estimate_pages(blocks: list[Block]) -> int:
    """Pages at 22 lines a page, with a blank line before the signature as GB/T 9704 §7.3.5.2 asks."""
    lines = sum(block_lines(b) for b in blocks)
    if any(b.role is Role.SIGNATURE for b in blocks):
        lines += 1
    return max(1, math.ceil(lines / PAGE_LINES))
