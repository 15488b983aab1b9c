"""The fonts of one page layout: each role's face at each size and spacing, made once, with their advances.

A report switches faces at every digit; making a QFont, its metrics or a character format per run would cost
more than the layout itself (app.render.page_layout).
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetricsF, QTextCharFormat

from app.render.fonts import Face, FaceChoice


class _AdvanceTable(dict[str, float]):
    def __init__(self, metrics: QFontMetricsF) -> None:
        super().__init__()
        self._metrics = metrics

    def __missing__(self, ch: str) -> float:
        self[ch] = advance = self._metrics.horizontalAdvance(ch)
        return advance


_ADVANCES: dict[tuple[tuple[str, ...], int, bool], _AdvanceTable] = {}


class LayoutFonts:
    """QFonts by role, on this PC's faces, in layout units."""

    def __init__(self, choices: dict[Face, FaceChoice]) -> None:
        self.choices = choices
        self._cache: dict[tuple[Face, float, float], QFont] = {}
        self._latin: dict[int, QFont] = {}
        self._advance_tables: dict[int, _AdvanceTable] = {}
        self._formats: dict[tuple[int, float | None], QTextCharFormat] = {}

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

    def advances(self, font: QFont) -> dict[str, float]:
        """Glyph advances of a face (one of this cache's fonts), without letter spacing, filled as characters
        come (kerning is off)."""
        table = self._advance_tables.get(id(font))
        if table is None:
            table = self._advance_tables[id(font)] = self._shared_advances(font)
        return table

    @staticmethod
    def _shared_advances(font: QFont) -> _AdvanceTable:
        key = (tuple(font.families()), font.pixelSize(), font.bold())
        table = _ADVANCES.get(key)  # shared by every layout: a face's metrics do not change while we run
        if table is None:
            plain = QFont(font)
            plain.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 0)
            table = _ADVANCES[key] = _AdvanceTable(QFontMetricsF(plain))
        return table

    def all(self) -> list[QFont]:
        return list(self._cache.values())

    def latin(self, cjk: QFont) -> QFont | None:
        family = self.choices[Face.LATIN].family
        if family is None:
            return None
        key = id(cjk)  # cjk is one of this cache's own fonts, alive as long as it
        if key not in self._latin:
            font = QFont(cjk)
            font.setFamilies([family])
            font.setBold(False)
            self._latin[key] = font
        return self._latin[key]

    def char_format(self, font: QFont, spacing: float | None = None) -> QTextCharFormat:
        """A format drawing in `font` (one of this cache's), with another letter spacing if given."""
        key = (id(font), spacing)
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = QTextCharFormat()
            if spacing is None:
                fmt.setFont(font)
            else:
                spaced = QFont(font)
                spaced.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, spacing)
                fmt.setFont(spaced)
            self._formats[key] = fmt
        return fmt
