"""The preview's document: the blocks the DOCX writer lays out, set in a QTextDocument whose line holds
28 body characters, so lines break where they will break on paper.

Apart from app/ui/preview.py because its QtGui text classes (formats, cursor, fonts) are made as Python
types on first import: work for the first composition, after the window is up, not before it shows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextTableFormat,
)

from app.render.blocks import Block, Role

BODY_PX = 15  # 3号 at the preview's scale; the title keeps 22:16
LINE_CHARS = 28
DOC_MARGIN = 12

# The GB/T 9704 faces first, then what Windows, WPS and Debian ship; Qt takes the first it has.
FACES: dict[str, list[str]] = {
    "title": [
        "方正小标宋简体",
        "FZXiaoBiaoSong-B05S",
        "小标宋",
        "SimSun",
        "宋体",
        "Noto Serif CJK SC",
        "AR PL UMing CN",
    ],
    "body": ["仿宋_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", "AR PL UMing CN"],
    "heading1": ["黑体", "SimHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Source Han Sans SC"],
    "heading2": ["楷体_GB2312", "楷体", "KaiTi", "STKaiti", "AR PL UKai CN", "Noto Serif CJK SC"],
}
FACE_OF_ROLE = {
    Role.TITLE: "title",
    Role.HEADING1: "heading1",
    Role.HEADING2: "heading2",
}


def font_for(role: Role) -> QFont:
    font = QFont()
    font.setFamilies(FACES[FACE_OF_ROLE.get(role, "body")])
    font.setPixelSize(round(BODY_PX * 22 / 16) if role is Role.TITLE else BODY_PX)
    return font


def missing_faces() -> list[str]:
    """The standard faces this computer lacks (the preview falls back; the DOCX still names them)."""
    have = set(QFontDatabase.families())
    wanted = {"title": "方正小标宋简体", "body": "仿宋_GB2312", "heading1": "黑体", "heading2": "楷体_GB2312"}
    return [name for key, name in wanted.items() if not any(f in have for f in FACES[key][:3])]


def line_width() -> int:
    """The text width, in pixels, that holds 28 body characters."""
    em = QFontMetricsF(font_for(Role.BODY)).horizontalAdvance("国")
    # A hair over 28 characters: CJK faces' Latin digits are not always exactly half a character wide.
    # The document margin lies inside the wrap width, so it is added on both sides.
    return round(em * (LINE_CHARS + 0.5)) + 2 * DOC_MARGIN


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
