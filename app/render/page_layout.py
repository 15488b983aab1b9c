"""GB/T 9704 pages from document blocks, for print preview, printing and PDF.

It lays out the same `compose()` blocks the DOCX writer writes, on the standard's grid: A4, text area
156 × 225 mm at 37 mm from the top and 28 mm from the left, 22 lines a page and 28 characters a line.
Every text line sits on one grid line; CJK characters are set on the 156/28 mm character pitch by a
small negative letter spacing, and body lines are justified to both margins.

All geometry is in layout units of 1/720 inch (a tenth of a point), so the layout is independent of the
device it is painted on: fonts are sized in these units (pixel sizes) and the painter is scaled to the
device's resolution when a page is painted.
"""

from __future__ import annotations

import operator
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPainter,
    QPen,
    QTextCharFormat,
    QTextLayout,
    QTextLine,
    QTextOption,
)

from app.render import gbt9704
from app.render.blocks import HEADING_ROLES, Block, Role, Run
from app.render.fonts import ROLE_FACE, Face, FaceChoice, chosen_faces
from app.render.layout_fonts import LayoutFonts
from app.render.line_breaking import (
    AUTOSPACE_EM,
    FULL_WIDTH,
    autospaced,
    line_breaks,
    segments,
    utf16_offsets,
)
from app.render.qt_gui import ensure_gui_application

UNITS_PER_INCH = 720
MM = UNITS_PER_INCH / 25.4
PT = UNITS_PER_INCH / 72

# The GB/T 9704 numbers are app/render/gbt9704.py's, here in the layout's units.
PAGE_WIDTH = gbt9704.PAGE_WIDTH_MM * MM
PAGE_HEIGHT = gbt9704.PAGE_HEIGHT_MM * MM
MARGIN_TOP = gbt9704.MARGIN_TOP_MM * MM
MARGIN_LEFT = gbt9704.MARGIN_LEFT_MM * MM
TEXT_WIDTH = (gbt9704.PAGE_WIDTH_MM - gbt9704.MARGIN_LEFT_MM - gbt9704.MARGIN_RIGHT_MM) * MM  # 156 mm
TEXT_HEIGHT = (gbt9704.PAGE_HEIGHT_MM - gbt9704.MARGIN_TOP_MM - gbt9704.MARGIN_BOTTOM_MM) * MM  # 225 mm
LINES_PER_PAGE = gbt9704.LINES_PER_PAGE
CHARS_PER_LINE = gbt9704.CHARS_PER_LINE
LINE_PITCH = TEXT_HEIGHT / LINES_PER_PAGE  # ≈ 28.95 pt
CHAR_PITCH = TEXT_WIDTH / CHARS_PER_LINE  # ≈ 15.79 pt: 16 pt characters are set a little tighter

TITLE_SIZE = gbt9704.TITLE_PT * PT  # 2号
BODY_SIZE = gbt9704.BODY_PT * PT  # 3号
PAGE_NUMBER_SIZE = gbt9704.PAGE_NUMBER_PT * PT  # 4号
PAGE_NUMBER_GAP = gbt9704.PAGE_NUMBER_GAP_MM * MM  # from the text area's lower edge to the top of the page number
FIRST_LINE_INDENT_CHARS = 2
TABLE_CELL_PADDING = 5.4 * PT  # Word's default cell margin (108 twips), which the reference keeps

# A body character advances as far as in the DOCX (16 pt condensed by a quarter point, see gbt9704), so
# that this layout and Word or LibreOffice break the same lines. 28 of them fit, 29 do not; Qt leaves the
# letter spacing off the line's last character when it fits a line, which a pitch just under 156/28 mm would
# need (28 characters would then overflow by that spacing).
BODY_CHAR_ADVANCE = gbt9704.CHAR_PITCH / gbt9704.TWIPS_PER_PT * PT  # 15.75 pt
BODY_LETTER_SPACING = BODY_CHAR_ADVANCE - BODY_SIZE  # exactly -2.5 layout units: a multiple of Qt's 1/64


_ORIGIN = QPointF(0, 0)  # every text line is placed at its layout's origin and painted at its slot


def _lines_kept_below(blocks: Sequence[Block], index: int) -> int:
    """Lines that must share the page with block `index`: its styles keep a heading (and the signature) with
    the next paragraph, and a run of headings with the first line after them, as Word and LibreOffice do."""
    if blocks[index].role not in (*HEADING_ROLES, Role.SIGNATURE):
        return 0
    following = 0
    while index + 1 + following < len(blocks) and blocks[index + 1 + following].role in HEADING_ROLES:
        following += 1
    return following + 1


@dataclass(slots=True)
class _Line:
    """One text line of a page, on grid line `slot` (0–21)."""

    line: QTextLine
    x: float  # from the text area's left edge
    slot: int
    baseline: float  # from the top of its grid line


@dataclass(slots=True)
class _Cell:
    x: float
    width: float
    slot: int
    slots: int


@dataclass(slots=True)
class Page:
    number: int  # 1-based
    lines: list[_Line] = field(default_factory=list)
    cells: list[_Cell] = field(default_factory=list)


class PageLayout:
    """A draft's pages. Build once, paint any page any number of times on any device."""

    def __init__(self, blocks: Sequence[Block], choices: dict[Face, FaceChoice] | None = None) -> None:
        ensure_gui_application()
        self.choices = chosen_faces() if choices is None else choices
        self._fonts = LayoutFonts(self.choices)
        self._layouts: list[QTextLayout] = []  # the QTextLines borrow from these
        self._slot = 0  # next free grid line, counted over the whole document
        self.pages: list[Page] = [Page(1)]
        # The document's title on one line, to name a PDF or a print job.
        self.title = "".join(b.text.replace("\n", "") for b in blocks if b.role is Role.TITLE)
        self._lay_out(blocks)
        self._page_number_font = self._fonts.font(Face.SONGTI, PAGE_NUMBER_SIZE)

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def text(self) -> str:
        """Every character the pages show, page numbers included (not in reading order)."""
        numbers = "".join(page_number_text(page.number) for page in self.pages)
        return "\n".join(layout.text() for layout in self._layouts) + numbers

    def fonts_used(self) -> list[QFont]:
        return self._fonts.all()

    # ---- layout -------------------------------------------------------------------------------------

    def _lay_out(self, blocks: Sequence[Block]) -> None:
        body_font = self._fonts.font(Face.FANGSONG, BODY_SIZE, BODY_LETTER_SPACING)
        body_baseline = _baseline_in_slot(body_font)
        blank_before_signature = True
        previous: Role | None = None
        for index, block in enumerate(blocks):
            if previous is Role.TITLE and block.role is not Role.TITLE:
                self._slot += 1  # one blank line under the title
            if block.role is Role.TABLE:
                self._table(block, body_font)
                previous = block.role
                continue
            if block.role in (Role.SIGNATURE, Role.DATE) and blank_before_signature:
                self._slot += 1  # one blank line between the body and the signature
                blank_before_signature = False
            if block.role is Role.TITLE:
                self._title(block)
            else:
                self._paragraph(block, body_baseline, _lines_kept_below(blocks, index))
            previous = block.role
        while len(self.pages) > 1 and not self.pages[-1].lines and not self.pages[-1].cells:
            self.pages.pop()  # a trailing blank line must not make an empty page

    def _page_for(self, slot: int) -> Page:
        index = slot // LINES_PER_PAGE
        while len(self.pages) <= index:
            self.pages.append(Page(len(self.pages) + 1))
        return self.pages[index]

    def _place(self, line: QTextLine, x: float, baseline: float) -> None:
        self._page_for(self._slot).lines.append(_Line(line, x, self._slot % LINES_PER_PAGE, baseline))
        self._slot += 1

    def _text_layout(
        self, block: Block, base: Face, size: float, spacing: float, wrap_anywhere: bool
    ) -> tuple[QTextLayout, list[float], list[float]]:
        """The block's text in its faces, each character's advance and its letter spacing (what follows its
        glyph), in Python string indexes."""
        text = block.text
        default_font = self._fonts.font(base, size, spacing)
        layout = QTextLayout(text, default_font)
        default_format = self._fonts.char_format(default_font)
        ranges: list[QTextLayout.FormatRange] = []
        letter_spacing = [spacing] * len(text)
        spaced = autospaced(text)
        for index in spaced:
            letter_spacing[index] = size * AUTOSPACE_EM
        marks = [m.start() for m in FULL_WIDTH.finditer(text)]
        special = sorted({*spaced, *marks})
        glyphs: list[float] = []
        offsets = utf16_offsets(text)

        def add(first: int, length: int, fmt: QTextCharFormat) -> None:
            if fmt is default_format:
                return  # the layout's own font: no range needed
            rng = QTextLayout.FormatRange()
            if offsets is not None:
                first, length = offsets[first], offsets[first + length] - offsets[first]
            rng.start, rng.length, rng.format = first, length, fmt
            ranges.append(rng)

        start = 0
        for run in block.runs:
            cjk = self._fonts.font(ROLE_FACE[run.role], size, spacing)
            latin = self._fonts.latin(cjk)
            for seg_start, seg_len, is_latin in segments(run.text, latin is not None):
                font = latin if is_latin and latin is not None else cjk
                first, end = start + seg_start, start + seg_start + seg_len
                glyphs.extend(map(self._fonts.advances(font).__getitem__, text[first:end]))
                if font is cjk:
                    for i in marks[bisect_left(marks, first) : bisect_left(marks, end)]:
                        letter_spacing[i] += max(0.0, size - glyphs[i])
                plain = self._fonts.char_format(font)
                for index in special[bisect_left(special, first) : bisect_left(special, end)]:
                    if letter_spacing[index] != spacing:
                        if index > first:
                            add(first, index - first, plain)
                        add(index, 1, self._fonts.char_format(font, letter_spacing[index]))
                        first = index + 1
                if first < end:
                    add(first, end - first, plain)
            start += len(run.text)
        layout.setFormats(ranges)
        option = QTextOption()
        option.setAlignment(Qt.AlignmentFlag.AlignJustify)
        option.setWrapMode(
            QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere if wrap_anywhere else QTextOption.WrapMode.WordWrap
        )
        layout.setTextOption(option)
        self._layouts.append(layout)
        return layout, list(map(operator.add, glyphs, letter_spacing)), letter_spacing

    def _paragraph(self, block: Block, baseline: float, kept_below: int = 0) -> None:
        indented = block.role is Role.BODY or block.role in HEADING_ROLES
        first_indent = FIRST_LINE_INDENT_CHARS * BODY_CHAR_ADVANCE if indented else 0.0
        broken = self._broken_lines(block, ROLE_FACE[block.role], TEXT_WIDTH - first_indent, TEXT_WIDTH, True)
        lines = [(line, first_indent if i == 0 else 0.0) for i, line in enumerate(broken)]
        row = self._slot % LINES_PER_PAGE
        if kept_below and row and row + len(lines) + kept_below > LINES_PER_PAGE:
            self._slot += LINES_PER_PAGE - row  # kept with what follows (w:keepNext): to the next page
        if block.role in (Role.SIGNATURE, Role.DATE):
            # Right-aligned with the block's right indent, as the DOCX sets it (a signature is one line).
            right = TEXT_WIDTH - (block.indent_right or 0.0) * BODY_CHAR_ADVANCE
            for line, _ in lines:
                self._place(line, max(0.0, right - line.naturalTextWidth()), baseline)
            return
        for line, indent in lines:
            self._place(line, indent, baseline)

    def _broken_lines(
        self, block: Block, face: Face, first_width: float, width: float, justify: bool
    ) -> list[QTextLine]:
        """The block's text in body size, broken into lines as Word and LibreOffice break it (_line_breaks)."""
        layout, advances, spacing = self._text_layout(block, face, BODY_SIZE, BODY_LETTER_SPACING, True)
        if not justify:
            option = layout.textOption()
            option.setAlignment(Qt.AlignmentFlag.AlignLeft)
            layout.setTextOption(option)
        text = block.text
        breaks = line_breaks(text, advances, spacing, first_width, width)
        offsets = utf16_offsets(text)
        lines: list[QTextLine] = []
        layout.beginLayout()
        for _, end in breaks:
            line = layout.createLine()
            if not line.isValid():  # Qt took more than planned (it does not split some clusters)
                break
            # Exactly the characters the line breaker chose, justified across the line's width; an automatic
            # space after the last one hangs past the margin instead of pushing that character down.
            overhang = max(0.0, spacing[end - 1]) + 1 if end > 0 else 0.0
            qt_end = end if offsets is None else offsets[end]
            line.setNumColumns(max(1, qt_end - line.textStart()), (width if lines else first_width) + overhang)
            line.setPosition(_ORIGIN)
            lines.append(line)
        while (line := layout.createLine()).isValid():  # only if Qt refused a break: nothing may be lost
            line.setLineWidth(width)
            line.setPosition(_ORIGIN)
            lines.append(line)
        layout.endLayout()
        return lines

    def _title(self, block: Block) -> None:
        font = self._fonts.font(Face.XIAOBIAOSONG, TITLE_SIZE)
        baseline = _baseline_in_slot(font)
        # Each "\n"-separated part is a line of its own (the composer broke the title into a trapezoid).
        offset = 0
        for part in block.text.split("\n"):
            sub = Block(Role.TITLE, tuple(_slice_runs(block, offset, len(part))))
            offset += len(part) + 1
            layout, _, _ = self._text_layout(sub, Face.XIAOBIAOSONG, TITLE_SIZE, 0.0, True)
            option = layout.textOption()
            option.setAlignment(Qt.AlignmentFlag.AlignLeft)
            layout.setTextOption(option)
            layout.beginLayout()
            lines = []
            while (line := layout.createLine()).isValid():
                line.setLineWidth(TEXT_WIDTH)
                line.setPosition(_ORIGIN)
                lines.append(line)
            layout.endLayout()
            for line in lines:
                self._place(line, max(0.0, (TEXT_WIDTH - line.naturalTextWidth()) / 2), baseline)

    def _table(self, block: Block, body_font: QFont) -> None:
        columns = max(len(row) for row in block.rows)
        width = TEXT_WIDTH / columns
        baseline = _baseline_in_slot(body_font)
        for row in block.rows:
            cells: list[list[QTextLine]] = []
            for text in row:
                cell = Block(Role.BODY, (Run(text, Role.BODY),))
                inner = width - 2 * TABLE_CELL_PADDING
                cells.append(self._broken_lines(cell, Face.FANGSONG, inner, inner, False))
            height = max(1, *(len(c) for c in cells))
            room = LINES_PER_PAGE - self._slot % LINES_PER_PAGE
            if height > room and height <= LINES_PER_PAGE:
                self._slot += room  # a row that fits on a page is not split
            top = self._slot
            for k in range(height):
                slot = top + k
                page = self._page_for(slot)
                for c in range(columns):
                    lines = cells[c] if c < len(cells) else []
                    if k < len(lines):
                        x = c * width + TABLE_CELL_PADDING
                        page.lines.append(_Line(lines[k], x, slot % LINES_PER_PAGE, baseline))
            # Cell borders, one rectangle per page the row spans.
            slot = top
            while slot < top + height:
                span = min(top + height - slot, LINES_PER_PAGE - slot % LINES_PER_PAGE)
                page = self._page_for(slot)
                for c in range(columns):
                    page.cells.append(_Cell(c * width, width, slot % LINES_PER_PAGE, span))
                slot += span
            self._slot = top + height

    # ---- painting -----------------------------------------------------------------------------------

    def paint_page(self, painter: QPainter, index: int) -> None:
        """Paints page `index` (0-based); the painter's coordinates are layout units from the paper's corner."""
        page = self.pages[index]
        painter.save()
        painter.setPen(QColor(Qt.GlobalColor.black))
        for item in page.lines:
            top = MARGIN_TOP + item.slot * LINE_PITCH + item.baseline - item.line.ascent()
            item.line.draw(painter, QPointF(MARGIN_LEFT + item.x, top))
        if page.cells:
            painter.setPen(QPen(QColor(Qt.GlobalColor.black), 0.5 * PT))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for cell in page.cells:
                painter.drawRect(
                    QRectF(
                        MARGIN_LEFT + cell.x, MARGIN_TOP + cell.slot * LINE_PITCH, cell.width, cell.slots * LINE_PITCH
                    )
                )
            painter.setPen(QColor(Qt.GlobalColor.black))
        self._paint_page_number(painter, page.number)
        painter.restore()

    def _paint_page_number(self, painter: QPainter, number: int) -> None:
        font = self._page_number_font
        text = page_number_text(number)
        width = QFontMetricsF(font).horizontalAdvance(text)
        one_char = PAGE_NUMBER_SIZE
        # Odd pages: right, one character in from the text area's edge; even pages: left, likewise.
        x = MARGIN_LEFT + TEXT_WIDTH - one_char - width if number % 2 else MARGIN_LEFT + one_char
        top = MARGIN_TOP + TEXT_HEIGHT + PAGE_NUMBER_GAP
        painter.setFont(font)
        painter.drawText(QPointF(x, top + QFontMetricsF(font).ascent()), text)

    def paint(self, painter: QPainter, pages: Iterable[int] | None = None) -> int:
        """Paints pages (0-based indexes, default all) on the painter's paged device, one device page each.

        Works for QPdfWriter and QPrinter alike; returns how many pages were painted.
        """
        device = painter.device()
        painted = 0
        for index in range(self.page_count) if pages is None else pages:
            if painted and isinstance(device, QPagedPaintDevice):
                device.newPage()
            painter.save()
            _to_layout_units(painter)
            self.paint_page(painter, index)
            painter.restore()
            painted += 1
        return painted


def page_number_text(number: int) -> str:
    return f"— {number} —"


def _baseline_in_slot(font: QFont) -> float:
    # The face's line box is centred on the grid line, so every line of a role shares one baseline.
    metrics = QFontMetricsF(font)
    return (LINE_PITCH - metrics.ascent() - metrics.descent()) / 2 + metrics.ascent()


def _slice_runs(block: Block, start: int, length: int) -> Iterable[Run]:
    pos, end = 0, start + length
    for run in block.runs:
        a, b = max(start, pos), min(end, pos + len(run.text))
        if a < b:
            yield Run(run.text[a - pos : b - pos], run.role)
        pos += len(run.text)


def _to_layout_units(painter: QPainter) -> None:
    """Maps layout units from the paper's corner onto the painter's device."""
    device = painter.device()
    scale_x = device.logicalDpiX() / UNITS_PER_INCH
    scale_y = device.logicalDpiY() / UNITS_PER_INCH
    if isinstance(device, QPagedPaintDevice):
        # A printer's painter starts at the printable area unless it prints full page.
        layout = device.pageLayout()
        if layout.mode() != QPageLayout.Mode.FullPageMode:
            rect = layout.paintRect(QPageLayout.Unit.Inch)
            painter.translate(-rect.left() * device.logicalDpiX(), -rect.top() * device.logicalDpiY())
    painter.scale(scale_x, scale_y)
