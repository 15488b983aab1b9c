"""The part classifier measured on whole reports' headings: a development set (tuned on) and a held-out
set (written before tuning, never tuned on), headings alone, in the punctuation printed and in the other
width. docs/phrase-library.md reports the held-out score."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from app.core.model import SectionKind
from app.importer.classifier import classify_sections

DATA = Path(__file__).parent / "data" / "classifier"
LABELS = {
    "M": SectionKind.MEASURES,
    "R": SectionKind.RESPONSIBILITY,
    "S": SectionKind.SHORTCOMINGS,
    "P": SectionKind.PLANS,
    "O": SectionKind.OTHER,
    "C": SectionKind.CUSTOM,
}
HELD_OUT_FLOOR = 0.97


@dataclass
class Report:
    year: int
    headings: list[str]
    kinds: list[SectionKind]


def load(name: str) -> list[Report]:
    reports: list[Report] = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("year "):
            reports.append(Report(int(line.split()[1]), [], []))
            continue
        label, heading = line.split("\t", 1)
        reports[-1].headings.append(heading)
        reports[-1].kinds.append(LABELS[label])
    return reports


_TO_HALF = str.maketrans({"，": ",", "、": ".", "（": "(", "）": ")", "：": ":", "；": ";", "“": '"', "”": '"'})
_TO_FULL = str.maketrans({",": "，", "(": "（", ")": "）", ":": "：", ";": "；"})


def other_width(heading: str) -> str:
    """The heading as a report printed in the other punctuation width would print it."""
    half = heading.translate(_TO_HALF)
    if half != heading:
        return half
    number, dot, rest = heading.partition(".")
    full = heading.translate(_TO_FULL)
    return (number + "、" + rest.translate(_TO_FULL)) if dot and len(number) <= 2 else full


def accuracy(reports: list[Report], width: bool = False) -> tuple[float, list[str]]:
    right = total = 0
    misses: list[str] = []
    for report in reports:
        headings = [other_width(h) for h in report.headings] if width else report.headings
        got = classify_sections(headings, report.year)
        for heading, want, have in zip(headings, report.kinds, got, strict=True):
            total += 1
            right += want is have
            if want is not have:
                misses.append(f"{heading}: {have.label}, not {want.label}")
    return right / total, misses


def test_the_sets_are_apart_and_large_enough() -> None:
    dev, held = load("dev.txt"), load("heldout.txt")
    dev_headings = {h for r in dev for h in r.headings}
    held_headings = {h for r in held for h in r.headings}
    assert not dev_headings & held_headings
    assert sum(len(r.headings) for r in held) >= 100
    assert {k for r in held for k in r.kinds} == set(SectionKind)


@pytest.mark.parametrize("width", [False, True], ids=["as-printed", "other-width"])
def test_the_development_set_is_read_right(width: bool) -> None:
    score, misses = accuracy(load("dev.txt"), width)
    assert score == 1.0, misses


@pytest.mark.parametrize("width", [False, True], ids=["as-printed", "other-width"])
def test_held_out_reports_are_read_right_from_their_headings_alone(width: bool) -> None:
    score, misses = accuracy(load("heldout.txt"), width)
    assert score >= HELD_OUT_FLOOR, (score, misses)
