"""Step status icons, drawn so they look the same on every platform and style."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

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
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    m = size * 0.1
    rect = QRectF(m, m, size - 2 * m, size - 2 * m)
    if status == "complete":
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#2e7d32"))
        p.drawEllipse(rect)
        pen = QPen(QColor("white"))
        pen.setWidthF(size * 0.12)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        path = QPainterPath(QPointF(size * 0.3, size * 0.52))
        path.lineTo(size * 0.45, size * 0.67)
        path.lineTo(size * 0.72, size * 0.36)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
    elif status == "partial":
        pen = QPen(QColor("#1565c0"))
        pen.setWidthF(size * 0.1)
        p.setPen(pen)
        p.drawEllipse(rect)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#1565c0"))
        p.drawPie(rect, 90 * 16, 180 * 16)
    elif status == "findings":
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#ef6c00"))
        tri = QPainterPath(QPointF(size / 2, m))
        tri.lineTo(size - m, size - m)
        tri.lineTo(m, size - m)
        tri.closeSubpath()
        p.drawPath(tri)
        p.setPen(QColor("white"))
        font = p.font()
        font.setPixelSize(int(size * 0.55))
        font.setBold(True)
        p.setFont(font)
        p.drawText(QRectF(0, size * 0.2, size, size * 0.8), Qt.AlignmentFlag.AlignCenter, "!")
    else:  # empty
        pen = QPen(QColor("#9e9e9e"))
        pen.setWidthF(size * 0.1)
        p.setPen(pen)
        p.drawEllipse(rect)
    p.end()
    return pix
