"""PDF of a draft through the print layout: the same pages as preview and print, fonts embedded."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QRawFont

from app.core.atomic import write_bytes_atomic
from app.core.errors import RenderError
from app.core.model import Draft
from app.render.compose import compose
from app.render.page_layout import UNITS_PER_INCH, PageLayout


def configure_a4(writer: QPdfWriter) -> None:
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )
    )


def pdf_bytes(layout: PageLayout) -> bytes:
    """The laid-out pages as a PDF document (QPdfWriter embeds the subset of every face it uses)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(UNITS_PER_INCH)
    writer.setCreator("法治报告助手")
    writer.setTitle(layout.title)
    configure_a4(writer)
    painter = QPainter()
    if not painter.begin(writer):
        raise RenderError("无法生成 PDF。")
    try:
        layout.paint(painter)
    finally:
        painter.end()
    buffer.close()
    return fix_radical_text(bytes(data.data()), layout.text, layout.fonts_used())


# CJK fonts draw a radical (U+2E80–U+2FDF) and its ideograph with one glyph. Qt's ToUnicode maps each
# glyph to its lowest code point, so 工 and 民 would copy, search and extract as the radicals ⼯ and ⺠.
_RADICALS = range(0x2E80, 0x2FE0)
_TO_UNICODE = re.compile(rb"/ToUnicode (\d+) 0 R")
_BFRANGE_ARRAY = re.compile(rb"\[([<>0-9A-Fa-f\s]*)\]")
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_HEX4 = re.compile(rb"<([0-9A-Fa-f]{4})>")
_BFCHAR_PAIR = re.compile(rb"(<[0-9A-Fa-f]+>\s*)<([0-9A-Fa-f]{4})>")


def _radical_map(text: str, fonts: Sequence[QFont]) -> dict[int, str]:
    """Radical code point → the ideograph of the text that each font draws with the same glyph."""
    used = {ch for ch in text if ord(ch) >= 0x3000}
    mapping: dict[int, str] = {}
    for font in fonts:
        raw = QRawFont.fromFont(font)
        if not raw.isValid():
            continue
        by_glyph: dict[int, str] = {}
        for ch in sorted(used):
            glyphs = raw.glyphIndexesForString(ch)
            if len(glyphs) == 1 and glyphs[0]:
                by_glyph.setdefault(glyphs[0], ch)
        for cp in _RADICALS:
            if chr(cp) in text or cp in mapping:
                continue  # a radical the text really contains stays a radical
            glyphs = raw.glyphIndexesForString(chr(cp))
            if len(glyphs) == 1 and glyphs[0] in by_glyph:
                mapping[cp] = by_glyph[glyphs[0]]
    return mapping


def fix_radical_text(pdf: bytes, text: str, fonts: Sequence[QFont]) -> bytes:
    """The PDF with its ToUnicode maps naming the ideographs the text has, not look-alike radicals.

    Each replacement keeps the hex code's length, so no object offset changes.
    """
    mapping = _radical_map(text, fonts)

    def unicode_code(code: bytes) -> bytes:
        cp = int(code, 16)
        if cp in _RADICALS:
            ch = mapping.get(cp) or unicodedata.normalize("NFKC", chr(cp))
            if len(ch) == 1 and ord(ch) <= 0xFFFF and ord(ch) not in _RADICALS:
                return b"%04X" % ord(ch)
        return code

    def fix_cmap(cmap: bytes) -> bytes:
        cmap = _BFRANGE_ARRAY.sub(
            lambda m: _HEX4.sub(lambda h: b"<" + unicode_code(h.group(1)) + b">", m.group(0)), cmap
        )
        # In a bfchar pair only the second code is Unicode; the first is a glyph number.
        return _BFCHAR.sub(
            lambda m: _BFCHAR_PAIR.sub(lambda p: p.group(1) + b"<" + unicode_code(p.group(2)) + b">", m.group(0)),
            cmap,
        )

    out = bytearray(pdf)
    for number in {m.group(1) for m in _TO_UNICODE.finditer(pdf)}:
        start = pdf.find(b"\n" + number + b" 0 obj")
        begin = pdf.find(b"stream\n", start) + len(b"stream\n")
        end = pdf.find(b"endstream", begin)
        if start < 0 or begin < len(b"stream\n") or end < 0:
            continue
        fixed = fix_cmap(pdf[begin:end])
        if len(fixed) == end - begin:
            out[begin:end] = fixed
    return bytes(out)


def render_pdf(draft: Draft, target: Path) -> int:
    """Writes the draft's PDF to `target` atomically; returns the page count."""
    layout = PageLayout(compose(draft))
    write_bytes_atomic(Path(target), pdf_bytes(layout))
    return layout.page_count
