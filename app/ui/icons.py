"""Step status icons, drawn so they look the same on every platform and style."""

from __future__ import annotations

import itertools
from functools import cache

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPixmap

STATUS_TEXT = {
    "complete": "已完成",
    "partial": "部分完成",
    "empty": "未填写",
    "findings": "有待处理的问题",
}


@cache
def status_icon(status: str) -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32, 48):
        icon.addPixmap(_draw(status, size))
    return icon


def _draw(status: str, size: int) -> QPixmap:
    # Every shape is a path filled with a plain colour: pens, brushes of a colour and their styles go
    # through overloads that make the `Qt` namespace, which waits until the window is up (app/ui/binding.py).
    pix = QPixmap(size, size)
    pix.fill(QColor(0, 0, 0, 0))
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    m = size * 0.1
    rect = QRectF(m, m, size - 2 * m, size - 2 * m)
    if status == "complete":
        disc = QPainterPath()
        disc.addEllipse(rect)
        _fill(p, disc, "#2e7d32")
        tick = [QPointF(size * 0.3, size * 0.52), QPointF(size * 0.45, size * 0.67), QPointF(size * 0.72, size * 0.36)]
        _fill(p, _round_line(tick, size * 0.12), "white")
    elif status == "partial":
        _fill(p, _ring(rect, size * 0.1), "#1565c0")
        half = QPainterPath(rect.center())
        half.arcTo(rect, 90, 180)
        half.closeSubpath()
        _fill(p, half, "#1565c0")
    elif status == "findings":
        tri = QPainterPath(QPointF(size / 2, m))
        tri.lineTo(size - m, size - m)
        tri.lineTo(m, size - m)
        tri.closeSubpath()
        _fill(p, tri, "#ef6c00")
        # The exclamation mark as two shapes, so it looks the same whatever fonts the machine has.
        w = size * 0.12
        mark = _round_line([QPointF(size / 2, size * 0.38), QPointF(size / 2, size * 0.6)], w)
        mark.addEllipse(QPointF(size / 2, size * 0.76), w * 0.6, w * 0.6)
        _fill(p, mark, "white")
    else:  # empty
        _fill(p, _ring(rect, size * 0.1), "#9e9e9e")
    p.end()
    return pix


def _fill(p: QPainter, path: QPainterPath, color: str) -> None:
    tile = QPixmap(1, 1)  # a brush of one colour, made without QBrush(QColor) (see _draw)
    tile.fill(QColor(color))
    p.fillPath(path, QBrush(tile))


def _ring(rect: QRectF, width: float) -> QPainterPath:
    """What a pen of `width` draws along the ellipse in `rect`."""
    h = width / 2
    outer, inner = QPainterPath(), QPainterPath()
    outer.addEllipse(rect.adjusted(-h, -h, h, h))
    inner.addEllipse(rect.adjusted(h, h, -h, -h))
    return outer.subtracted(inner)


def _round_line(points: list[QPointF], width: float) -> QPainterPath:
    """What a pen of `width` with round ends and joins draws through `points`: a band per segment and a
    disc per point, united."""
    r = width / 2
    outline = QPainterPath()
    for a, b in itertools.pairwise(points):
        d = b - a
        length = (d.x() ** 2 + d.y() ** 2) ** 0.5
        n = QPointF(-d.y() / length * r, d.x() / length * r)
        band = QPainterPath(a + n)
        band.lineTo(b + n)
        band.lineTo(b - n)
        band.lineTo(a - n)
        band.closeSubpath()
        outline = outline.united(band)
    for pt in points:
        disc = QPainterPath()
        disc.addEllipse(pt, r, r)
        outline = outline.united(disc)
    return outline
