"""Reading back what a PDF shows: text per page (pypdf) and line boxes per page (pdftotext -bbox-layout)."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PageObject, PdfReader

MM = 72 / 25.4  # PDF points per millimetre


@dataclass(frozen=True)
class Line:
    text: str
    x_min: float
    x_max: float
    y_min: float
    y_max: float

    @property
    def y_centre(self) -> float:
        return (self.y_min + self.y_max) / 2


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_texts(pdf: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(pdf).pages]


@dataclass(frozen=True)
class Run:
    """A piece of text the PDF shows in one font: where its baseline lies, from the top of the page."""

    text: str
    font: str  # the embedded font's name without its subset tag
    size: float
    baseline: float


def page_runs(pdf: Path) -> list[list[Run]]:
    """Each page's text runs with their baselines (pdftotext gives only boxes, which differ from face to face)."""
    return [_runs_of(page) for page in PdfReader(pdf).pages]


def _runs_of(page: PageObject) -> list[Run]:
    height = float(page.mediabox.height)
    runs: list[Run] = []

    def visit(text: str, cm: list[float], tm: list[float], font: dict | None, size: float) -> None:
        if text.strip() and font is not None:
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            runs.append(Run(text, base_font_name(font), size * abs(cm[3] * tm[3]), height - y))

    page.extract_text(visitor_text=visit)
    return runs


def base_font_name(font: dict) -> str:
    """An embedded font's name without its subset tag: `/ABCDEF+LiberationSerif` → `LiberationSerif`."""
    return str(font["/BaseFont"]).lstrip("/").split("+")[-1]


def page_lines(pdf: Path) -> list[list[Line]]:
    """Each page's text lines, top to bottom (pdftotext splits a justified line at wide gaps; rejoined here)."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    xml = subprocess.run([tool, "-bbox-layout", str(pdf), "-"], check=True, capture_output=True).stdout
    root = ET.fromstring(re.sub(rb"<!DOCTYPE[^>]*>", b"", xml).replace(b' xmlns="http://www.w3.org/1999/xhtml"', b""))
    pages = []
    for page in root.iter("page"):
        raw = []
        for line in page.iter("line"):
            words = [w.text or "" for w in line.iter("word")]
            raw.append(Line(" ".join(words), *(float(line.get(k)) for k in ("xMin", "xMax", "yMin", "yMax"))))
        raw.sort(key=lambda ln: (round(ln.y_centre), ln.x_min))
        merged: list[Line] = []
        for ln in raw:
            if merged and abs(merged[-1].y_centre - ln.y_centre) < 3:
                last = merged.pop()
                ln = Line(
                    last.text + ln.text,
                    min(last.x_min, ln.x_min),
                    max(last.x_max, ln.x_max),
                    min(last.y_min, ln.y_min),
                    max(last.y_max, ln.y_max),
                )
            merged.append(ln)
        pages.append(merged)
    return pages


def full_chinese_lines(pages: list[list[Line]], left: float, right: float) -> list[str]:
    """The text of lines that run from margin to margin and hold only Chinese: the lines that show the grid."""
    return [
        squeeze(ln.text)
        for lines in pages
        for ln in lines
        if ln.x_min < left + 1 and ln.x_max > right - 1 and all(ord(c) >= 0x2E80 for c in squeeze(ln.text))
    ]


def body_lines(pdf: Path) -> list[tuple[int, str]]:
    """(page index, text without white space) of every line above the page number area, in reading order."""
    bottom = (37 + 225) * MM + 2
    return [
        (number, squeeze(ln.text)) for number, lines in enumerate(page_lines(pdf)) for ln in lines if ln.y_max < bottom
    ]


def line_agreement(ours: Path, theirs: Path) -> float:
    """Share of our body lines that another renderer prints with the same text on the same page."""
    mine, other = body_lines(ours), set(body_lines(theirs))
    return sum(line in other for line in mine) / max(1, len(mine))
