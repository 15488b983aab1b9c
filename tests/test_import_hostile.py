"""Property-based: whatever lines a report file holds (headings in any order and depth, junk, control
characters, markup), importing it gives a draft that saves, loads and composes; phrases extracted
from it carry no placeholder the filler does not know."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.draft_file import dumps, loads
from app.core.model import Meta
from app.importer import import_text
from app.library.extract import extract_phrases
from app.library.phrase import fill_placeholders
from app.render.compose import compose

LINES = [
    "一、主要举措和成效",
    "二、存在的不足。一是学习不够；二是宣传不足。",
    "（一）加强组织领导。全年召开会议12次。",
    "(二) 开展法治宣传, 发放资料3000余份",
    "1.健全制度。",
    "2、落实责任",
    "（1）细化分工。",
    "（3）",
    "一是加强学习。",
    "特此报告。",
    "某县信访局",
    "2025年2月10日",
    "二〇二五年二月十日",
    "中共某县委、某县人民政府：",
    "# 某县信访局关于2024年法治政府建设情况的报告",
    "- 列表项",
    "[bookmark: _GoBack]",
    "搜索位置",
    "— 3 —",
    "{{ 7*7 }}{单位}⟦例⟧",
    "| 表 | 格 |",
    "&nbsp;&lt;w:t&gt;",
    "",
]
line = st.one_of(st.sampled_from(LINES), st.text(max_size=30))


@settings(max_examples=250, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line, max_size=25))
def test_any_report_text_imports_to_a_draft_that_saves_and_composes(lines: list[str]) -> None:
    imported = import_text("\n".join(lines), "fuzz.txt")
    draft = loads(dumps(imported.draft))
    compose(draft)
    for entry in imported.outline:
        assert 1 <= entry.level <= 4 and entry.text
    for phrase in extract_phrases(imported):
        text, spans = fill_placeholders(phrase, Meta(unit_name="某县信访局", year=2025))
        assert not re.search(r"\{(?:单位|自称|地区|年度|下一年度|上一年度)\}", text)
        assert all(0 <= a < b <= len(text) for a, b in spans)
