"""Page 1 of the print layout's PDF beside page 1 of LibreOffice's PDF of the DOCX, in one PNG, and the share of
body lines the two print alike (same text on the same page), on stdout.

    uv run python scripts/pdf_vs_docx.py examples/jincheng-xinfangju-2021.fzbg docs/screenshots/pdf-vs-docx-page1.png

Needs LibreOffice (soffice) and pdftoppm (poppler-utils).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter

from app.core.atomic import write_with_atomic
from app.core.draft_file import load_draft
from app.render.fonts import Face, chosen_faces
from app.render.pdf import render_pdf
from tests.pdf_probe import line_agreement

DPI = 70
CAPTION = 40


def _page_png(pdf: Path, page: int, out_stem: Path) -> QImage:
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(DPI), "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(out_stem)],
        check=True,
    )
    return QImage(str(out_stem) + ".png")


def main(draft_path: Path, target: Path, page: int = 1) -> None:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed")
    from app.render.docx_writer import render_docx  # the DOCX writer (branch docx) loads python-docx

    draft = load_draft(draft_path)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        render_pdf(draft, folder / "layout.pdf")
        render_docx(draft, folder / "report.docx")
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{folder / 'lo'}", "--headless", "--convert-to", "pdf",
             "--outdir", str(folder), str(folder / "report.docx")],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        agreement = line_agreement(folder / "layout.pdf", folder / "report.pdf")
        print(f"{draft_path.name}: {agreement:.1%} of body lines alike")
        left = _page_png(folder / "layout.pdf", page, folder / "left")
        right = _page_png(folder / "report.pdf", page, folder / "right")
    gap = 24
    image = QImage(
        left.width() + right.width() + 3 * gap,
        max(left.height(), right.height()) + CAPTION + gap,
        QImage.Format.Format_RGB32,
    )
    image.fill(QColor("#d8d8d8"))
    painter = QPainter(image)
    painter.drawImage(QPointF(gap, CAPTION), left)
    painter.drawImage(QPointF(2 * gap + left.width(), CAPTION), right)
    font = QFont(chosen_faces()[Face.HEITI].family or "")
    font.setPixelSize(18)
    painter.setFont(font)
    painter.setPen(QColor(Qt.GlobalColor.black))
    captions = ("法治报告助手：打印 / 预览 / PDF", "LibreOffice 打开同一草稿的 DOCX")
    for x, width, text in ((gap, left.width(), captions[0]), (2 * gap + left.width(), right.width(), captions[1])):
        painter.drawText(QRectF(x, 0, width, CAPTION), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        png = Path(tmp) / "out.png"
        image.save(str(png))
        write_with_atomic(target, lambda fh: fh.write(png.read_bytes()))
    del app


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 1)
