"""Real report text for the checks' tests: paragraphs of the sample reports, and drafts made of them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from app.core.model import Draft, Item, Meta, Paragraph, Section, SectionKind

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"


def sample_path(prefix: str) -> Path:
    return next(SAMPLES.glob(f"{prefix}*.txt"))


def sample_line(prefix: str, containing: str) -> str:
    """The sample's line (paragraph) that contains `containing`, as the file has it."""
    for line in sample_path(prefix).read_text(encoding="utf-8").splitlines():
        if containing in line:
            return line.strip()
    raise AssertionError(f"{containing!r} is not in the {prefix} sample")


_LEAD = re.compile(r"^[-#\s]*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\d+[、.．])?\s*")
_FULL = str.maketrans({",": "，", "(": "（", ")": "）", ":": "：", ";": "；"})


def body_line(prefix: str, containing: str) -> str:
    """A sample's paragraph without its typed heading number and with full-width punctuation."""
    return _LEAD.sub("", sample_line(prefix, containing)).translate(_FULL).replace(" ", "")


def para(text: str) -> Paragraph:
    return Paragraph(text=text)


def five_part_draft(
    year: int = 2024,
    unit: str = "重庆市南岸区信访办公室",
    measures: list[str] | None = None,
    plans: list[str] | None = None,
    date: dt.date | None = dt.date(2025, 2, 20),
) -> Draft:
    """A draft with all five parts, its text taken from the Nan'an district report (2024)."""
    return Draft(
        meta=Meta(
            unit_name=unit, self_ref="我办", year=year, title=f"{unit}关于{year}年法治政府建设情况的报告", date=date
        ),
        preamble=[para(sample_line("nanan", "在区委、区政府的坚强领导下"))],
        sections=[
            Section(
                SectionKind.MEASURES,
                f"{year}年推进法治政府建设的主要举措和成效",
                items=[
                    Item(
                        "主动担当作为，扎实办理信访基础业务。",
                        [para(t) for t in (measures or [sample_line("nanan", "一是做好来访接待")])],
                    ),
                    Item(
                        "强化源头治理，依法推动信访突出问题集中攻坚。",
                        [para(sample_line("nanan", "一是持续开展领导干部"))],
                    ),
                ],
            ),
            Section(
                SectionKind.RESPONSIBILITY,
                "党政主要负责人履行推进法治建设第一责任人职责情况",
                preamble=[para(sample_line("nanan", "一是压实责任"))],
            ),
            Section(
                SectionKind.SHORTCOMINGS,
                f"{year}年推进法治政府建设存在的不足和原因",
                preamble=[para(body_line("jiefangqu", "信访人信访观念出现偏差"))],
            ),
            Section(
                SectionKind.PLANS,
                f"{year + 1}年推进法治政府建设的工作思路、目标举措",
                items=[
                    Item(
                        "加大普法宣传力度。", [para(t) for t in (plans or [body_line("nanan", "持续开展普法宣传活动")])]
                    )
                ],
            ),
            Section(SectionKind.OTHER, "其他需要报告的情况", preamble=[para("无其他需要报告的情况。")]),
        ],
    )


def rules_of(findings) -> list[str]:
    return [f.rule for f in findings]
