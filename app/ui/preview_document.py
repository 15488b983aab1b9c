"""The preview's document: the blocks the DOCX writer lays out, set in a QTextDocument whose line holds
28 body characters, so lines break where they will break on paper.

Apart from app/ui/preview.py because its QtGui text classes (formats, cursor, fonts) are made as Python
types on first import: work for the first composition, after the window is up, not before it shows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextTableFormat,
)

from app.render.blocks import Block, Role
from app.render.fonts import ROLE_FACE, Face, chosen_faces
from app.render.gbt9704 import BODY_PT, CHARS_PER_LINE, TITLE_PT

BODY_PX = 15  # 3号 at the preview's scale; the title keeps 2号:3号
DOC_MARGIN = 12

# What the page layout reports as missing; the page numbers' 宋体 and the Latin face are not previewed.
PREVIEWED_FACES = (Face.XIAOBIAOSONG, Face.FANGSONG, Face.HEITI, Face.KAITI)


def font_for(role: Role) -> QFont:
    """The face print and PDF use for `role` (app/render/fonts.py chooses it), at the preview's scale."""
    choice = chosen_faces()[ROLE_FACE[role]]
    font = QFont()
    if choice.family is not None:
        font.setFamilies([choice.family])
    font.setBold(choice.bold)
    font.setPixelSize(round(BODY_PX * TITLE_PT / BODY_PT) if role is Role.TITLE else BODY_PX)
    return font


def missing_faces() -> list[str]:
    """The standard faces this computer lacks (the preview falls back; the DOCX still names them)."""
    faces = chosen_faces()
    return [face.value for face in PREVIEWED_FACES if faces[face].substituted]


def line_width() -> int:
    """The text width, in pixels, that holds 28 body characters."""
    em = QFontMetricsF(font_for(Role.BODY)).horizontalAdvance("国")
    # A hair over 28 characters: CJK faces' Latin digits are not always exactly half a character wide.
    # The document margin lies inside the wrap width, so it is added on both sides.
    return round(em * (CHARS_PER_LINE + 0.5)) + 2 * DOC_MARGIN


def document_of(blocks: list[Block]) -> QTextDocument:
    doc = QTextDocument()
    doc.setDocumentMargin(DOC_MARGIN)
    cursor = QTextCursor(doc)
    first = True
    for block in blocks:
        if block.role is Role.TABLE:
            _table(cursor, block)
            continue
        fmt = _block_format(block)
        for r, run in enumerate(block.runs):
            # The title arrives with its line breaks chosen (trapezoid shape): one paragraph a line.
            for n, line in enumerate(run.text.split("\n")):
                if first:
                    cursor.setBlockFormat(fmt)
                    first = False
                elif n > 0 or r == 0:
                    cursor.insertBlock(fmt)
                cursor.insertText(line, _char_format(run.role))
    return doc


def _block_format(block: Block) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    em = QFontMetricsF(font_for(Role.BODY)).horizontalAdvance("国")
    fmt.setLineHeight(150, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    if block.role is Role.TITLE:
        fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        fmt.setBottomMargin(em)
    elif block.role in (Role.SIGNATURE, Role.DATE):
        fmt.setAlignment(Qt.AlignmentFlag.AlignRight)
        fmt.setRightMargin(em * (block.indent_right or 0))
        if block.role is Role.SIGNATURE:
            fmt.setTopMargin(em * 1.5)
    elif block.role is Role.ADDRESSEE:
        fmt.setAlignment(Qt.AlignmentFlag.AlignJustify)
    else:
        fmt.setAlignment(Qt.AlignmentFlag.AlignJustify)
        fmt.setTextIndent(em * 2)
    return fmt


def _char_format(role: Role) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFont(font_for(role))
    return fmt


def _table(cursor: QTextCursor, block: Block) -> None:
    cols = max(len(r) for r in block.rows)
    fmt = QTextTableFormat()
    fmt.setBorder(0.5)
    fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    fmt.setCellPadding(2)
    fmt.setCellSpacing(0)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    table = cursor.insertTable(len(block.rows), cols, fmt)
    for r, row in enumerate(block.rows):
        for c, text in enumerate(row):
            cell = table.cellAt(r, c).firstCursorPosition()
            cell.insertText(text, _char_format(Role.BODY))
    cursor.movePosition(QTextCursor.MoveOperation.End)
