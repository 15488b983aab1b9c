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

import math
import re
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

from app.render import gbt9704 as gbt
from app.render.blocks import HEADING_ROLES, Block, Role, Run
from app.render.fonts import ROLE_FACE, Face, FaceChoice, chosen_faces
from app.render.qt_gui import ensure_gui_application

UNITS_PER_INCH = 720
MM = UNITS_PER_INCH / 25.4
PT = UNITS_PER_INCH / 72

# The GB/T 9704 numbers are app/render/gbt9704.py's, here in the layout's units.
PAGE_WIDTH = gbt.PAGE_WIDTH_MM * MM
PAGE_HEIGHT = gbt.PAGE_HEIGHT_MM * MM
MARGIN_TOP = gbt.MARGIN_TOP_MM * MM
MARGIN_LEFT = gbt.MARGIN_LEFT_MM * MM
TEXT_WIDTH = (gbt.PAGE_WIDTH_MM - gbt.MARGIN_LEFT_MM - gbt.MARGIN_RIGHT_MM) * MM  # 156 mm
TEXT_HEIGHT = (gbt.PAGE_HEIGHT_MM - gbt.MARGIN_TOP_MM - gbt.MARGIN_BOTTOM_MM) * MM  # 225 mm
LINES_PER_PAGE = gbt.LINES_PER_PAGE
CHARS_PER_LINE = gbt.CHARS_PER_LINE
LINE_PITCH = TEXT_HEIGHT / LINES_PER_PAGE  # ≈ 28.95 pt
CHAR_PITCH = TEXT_WIDTH / CHARS_PER_LINE  # ≈ 15.79 pt: 16 pt characters are set a little tighter

TITLE_SIZE = gbt.TITLE_PT * PT  # 2号
BODY_SIZE = gbt.BODY_PT * PT  # 3号
PAGE_NUMBER_SIZE = gbt.PAGE_NUMBER_PT * PT  # 4号
PAGE_NUMBER_GAP = gbt.PAGE_NUMBER_GAP_MM * MM  # from the text area's lower edge to the top of the page number
FIRST_LINE_INDENT_CHARS = 2
TABLE_CELL_PADDING = 0.25 * CHAR_PITCH

# Qt positions glyphs in 1/64 units; the spacing is rounded down so that 28 characters never exceed the line.
BODY_LETTER_SPACING = math.floor((CHAR_PITCH - BODY_SIZE) * 64 - 1) / 64


# Letters and digits (and everything below U+0250) take the Latin face; CJK punctuation such as “” and — stays in
# the CJK face. One regular expression, not a test per character: a report has tens of thousands of characters.
_LATIN_RUN = re.compile("[\u0000-\u024f]+")


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


class _Fonts:
    """QFonts by role, on this PC's faces, in layout units."""

    def __init__(self, choices: dict[Face, FaceChoice]) -> None:
        self.choices = choices
        self._cache: dict[tuple[Face, float, float], QFont] = {}
        self._formats: dict[tuple[Face, float, float, bool], QTextCharFormat | None] = {}

    def font(self, face: Face, size: float, spacing: float = 0.0) -> QFont:
        key = (face, size, spacing)
        if key not in self._cache:
            choice = self.choices[face]
            font = QFont()
            if choice.family:
                font.setFamilies([choice.family])
            font.setPixelSize(round(size))
            font.setBold(choice.bold)
            font.setKerning(False)
            font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
            # Noto CJK composes "——" into one glyph of U+2E3A, which a PDF reader then copies as one
            # character; two em dashes keep the text as typed at the same width.
            font.setFeature(QFont.Tag("ccmp"), 0)
            if spacing:
                font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, spacing)
            self._cache[key] = font
        return self._cache[key]

    def all(self) -> list[QFont]:
        return list(self._cache.values())

    def format(self, face: Face, size: float, spacing: float, latin: bool) -> QTextCharFormat | None:
        """The character format of a role's CJK text or of its digits and Latin letters (None: no Latin face).

        Made once per font: a report has hundreds of runs, each of them switching faces at its digits.
        """
        key = (face, size, spacing, latin)
        if key not in self._formats:
            cjk = self.font(face, size, spacing)
            font = self.latin(cjk) if latin else cjk
            fmt = None
            if font is not None:
                fmt = QTextCharFormat()
                fmt.setFont(font)
            self._formats[key] = fmt
        return self._formats[key]

    def latin(self, cjk: QFont) -> QFont | None:
        family = self.choices[Face.LATIN].family
        if family is None:
            return None
        font = QFont(cjk)
        font.setFamilies([family])
        font.setBold(False)
        return font


class PageLayout:
    """A draft's pages. Build once, paint any page any number of times on any device."""

    def __init__(self, blocks: Sequence[Block], choices: dict[Face, FaceChoice] | None = None) -> None:
        ensure_gui_application()
        self.choices = chosen_faces() if choices is None else choices
        self._fonts = _Fonts(self.choices)
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
        for block in blocks:
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
                self._paragraph(block, body_baseline)
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

    def _text_layout(self, block: Block, base: Face, size: float, spacing: float, wrap_anywhere: bool) -> QTextLayout:
        text = block.text
        layout = QTextLayout(text, self._fonts.font(base, size, spacing))
        ranges: list[QTextLayout.FormatRange] = []
        start = 0
        for run in block.runs:
            face = ROLE_FACE[run.role]
            cjk = self._fonts.format(face, size, spacing, latin=False)
            latin = self._fonts.format(face, size, spacing, latin=True)
            assert cjk is not None  # only the Latin face may be missing
            for seg_start, seg_len, is_latin in _segments(run.text, latin is not None):
                rng = QTextLayout.FormatRange()
                rng.start, rng.length = start + seg_start, seg_len
                rng.format = latin if is_latin and latin is not None else cjk
                ranges.append(rng)
            start += len(run.text)
        layout.setFormats(ranges)
        option = QTextOption()
        option.setAlignment(Qt.AlignmentFlag.AlignJustify)
        option.setWrapMode(
            QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere if wrap_anywhere else QTextOption.WrapMode.WordWrap
        )
        layout.setTextOption(option)
        self._layouts.append(layout)
        return layout

    def _paragraph(self, block: Block, baseline: float) -> None:
        layout = self._text_layout(block, ROLE_FACE[block.role], BODY_SIZE, BODY_LETTER_SPACING, True)
        indented = block.role is Role.BODY or block.role in HEADING_ROLES
        first_indent = FIRST_LINE_INDENT_CHARS * CHAR_PITCH if indented else 0.0
        layout.beginLayout()
        lines: list[tuple[QTextLine, float]] = []
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            indent = first_indent if not lines else 0.0
            line.setLineWidth(TEXT_WIDTH - indent)
            line.setPosition(QPointF(0, 0))
            lines.append((line, indent))
        layout.endLayout()
        if block.role in (Role.SIGNATURE, Role.DATE):
            # Right-aligned with the block's right indent, as the DOCX sets it (a signature is one line).
            right = TEXT_WIDTH - (block.indent_right or 0.0) * CHAR_PITCH
            for line, _ in lines:
                self._place(line, max(0.0, right - line.naturalTextWidth()), baseline)
            return
        for line, indent in lines:
            self._place(line, indent, baseline)

    def _title(self, block: Block) -> None:
        font = self._fonts.font(Face.XIAOBIAOSONG, TITLE_SIZE)
        baseline = _baseline_in_slot(font)
        # Each "\n"-separated part is a line of its own (the composer broke the title into a trapezoid).
        offset = 0
        for part in block.text.split("\n"):
            sub = Block(Role.TITLE, tuple(_slice_runs(block, offset, len(part))))
            offset += len(part) + 1
            layout = self._text_layout(sub, Face.XIAOBIAOSONG, TITLE_SIZE, 0.0, True)
            option = layout.textOption()
            option.setAlignment(Qt.AlignmentFlag.AlignLeft)
            layout.setTextOption(option)
            layout.beginLayout()
            lines = []
            while (line := layout.createLine()).isValid():
                line.setLineWidth(TEXT_WIDTH)
                line.setPosition(QPointF(0, 0))
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
                layout = QTextLayout(text, body_font)
                option = QTextOption()
                option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
                layout.setTextOption(option)
                layout.beginLayout()
                lines = []
                while (line := layout.createLine()).isValid():
                    line.setLineWidth(width - 2 * TABLE_CELL_PADDING)
                    line.setPosition(QPointF(0, 0))
                    lines.append(line)
                layout.endLayout()
                self._layouts.append(layout)
                cells.append(lines)
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


def _segments(text: str, split_latin: bool) -> Iterable[tuple[int, int, bool]]:
    """(start, length, is_latin) of the runs of `text` set in one face."""
    if not text:
        return
    if not split_latin:
        yield 0, len(text), False
        return
    start = 0
    for match in _LATIN_RUN.finditer(text):
        if match.start() > start:
            yield start, match.start() - start, False
        yield match.start(), match.end() - match.start(), True
        start = match.end()
    if start < len(text):
        yield start, len(text) - start, False


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
