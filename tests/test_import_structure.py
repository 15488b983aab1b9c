"""Structure the samples do not show: addressee, closing formula, four heading levels in half-width
form, a political-study section, a nested 第一责任人 item, a date in Chinese numerals; and the cleaner's
rules on their own."""

from __future__ import annotations

import datetime as dt

from app.core.model import SectionKind
from app.importer import format_outline, import_text
from app.importer.cleaner import clean_line
from app.importer.patterns import split_enumeration

REPORT = """关于2024年度法治政府建设工作情况的报告

中共阳城县委、阳城县人民政府：
  2024年，县信访局在县委、县政府的领导下，扎实推进法治政府建设。现将有关情况汇报如下：
一、深入学习贯彻党的二十届三中全会精神
局党组把学习贯彻全会精神作为首要政治任务。
二、主要工作开展情况
(一)加强组织领导
1.健全工作机制。成立了法治建设领导小组。
(1)制定工作要点。印发年度工作要点。
(2)开展督导检查。全年督导12次。
2.局主要负责人履行法治建设第一责任人职责。局长亲自部署法治建设工作，全年听取汇报4次。
三、存在的问题
一是学习不够深入；二是宣传形式单一。
四、2025年工作计划
继续加强法治建设。
五、其他需要报告的情况
无。
特此报告。

阳城县信访局
二〇二五年二月十日
"""


def test_every_part_of_a_full_report_is_recognised() -> None:
    imported = import_text(REPORT, "r.txt")
    meta = imported.draft.meta
    assert meta.title == "关于2024年度法治政府建设工作情况的报告"
    assert meta.addressee == "中共阳城县委、阳城县人民政府"
    assert (meta.unit_name, meta.signature, meta.year) == ("阳城县信访局", "阳城县信访局", 2024)
    assert meta.date == dt.date(2025, 2, 10)
    assert [p.text for p in imported.draft.closing] == ["特此报告。"]
    assert imported.draft.preamble[0].text.endswith("现将有关情况汇报如下：")


def test_four_heading_levels_and_the_nested_responsibility_item_are_outlined() -> None:
    assert format_outline(import_text(REPORT).outline) == "\n".join(
        [
            "1\t-\t一、深入学习贯彻党的二十届三中全会精神",
            "1\t举措成效\t二、主要工作开展情况",
            "2\t-\t（一）加强组织领导",
            "3\t-\t1.健全工作机制。",
            "4\t-\t（1）制定工作要点。",
            "4\t-\t（2）开展督导检查。",
            "3\t第一责任人\t2.局主要负责人履行法治建设第一责任人职责。",
            "1\t不足原因\t三、存在的问题",
            "1\t下年安排\t四、2025年工作计划",
            "1\t其他\t五、其他需要报告的情况",
        ]
    )
    draft = import_text(REPORT).draft
    assert draft.sections[0].kind is SectionKind.CUSTOM
    group = draft.sections[1].items[0]
    assert [c.heading for c in group.children[0].children] == ["制定工作要点。", "开展督导检查。"]
    assert group.children[1].kind is SectionKind.RESPONSIBILITY


def test_half_width_punctuation_in_chinese_text_becomes_full_width_but_numbers_keep_theirs() -> None:
    assert clean_line('会上, 局领导(班子)学习了"条例":')[0] == "会上，局领导（班子）学习了“条例”："
    assert clean_line("全年办理1,200件,10:30开会")[0] == "全年办理1,200件，10:30开会"
    assert clean_line("网址 http://example.gov.cn 可查")[0] == "网址http://example.gov.cn可查"


def test_stray_spaces_inside_chinese_words_and_around_numbers_go() -> None:
    assert clean_line("信访工作法治化宣 传的重要性, 印制 200 本")[0] == "信访工作法治化宣传的重要性，印制200本"
    assert clean_line("Word 和 WPS Office 都可以")[0] == "Word和WPS Office都可以"


def test_markdown_marks_and_bookmarks_go() -> None:
    assert clean_line("### 一、**主要举措**")[0] == "一、主要举措"
    assert clean_line("- (一) 开展学习")[0] == "（一）开展学习"
    assert clean_line("[bookmark: _GoBack]（六）规范秩序")[0] == "（六）规范秩序"


def test_an_inline_enumeration_splits_into_its_points() -> None:
    text = "强化责任。一是加强组织领导，压实责任。二是制定工作计划；三是加强督导。"
    assert split_enumeration(text) == [
        "强化责任。",
        "一是加强组织领导，压实责任。",
        "二是制定工作计划；",
        "三是加强督导。",
    ]
    assert split_enumeration("没有列举的一句话。") == ["没有列举的一句话。"]


def test_an_enumeration_line_is_not_taken_for_a_heading() -> None:
    draft = import_text("某局2023年报告\n一、主要举措和成效\n一是加强学习。\n二是强化宣传。\n").draft
    assert len(draft.sections) == 1
    assert [p.text for p in draft.sections[0].preamble] == ["一是加强学习。", "二是强化宣传。"]


def test_a_markdown_table_becomes_a_table_and_web_entities_are_decoded(tmp_path) -> None:
    from app.importer import import_report

    path = tmp_path / "r.md"
    path.write_text(
        "# 某局2023年报告\n\n## 一、主要举措和成效\n\n全年办理&ldquo;信访事项&rdquo;&nbsp;如下。\n\n"
        "| 类别 | 件数 |\n|---|---:|\n| 来信 | 12 |\n| 来访 | 30 |\n\n## 二、下一步工作打算\n\n继续努力。\n",
        encoding="utf-8",
    )
    draft = import_report(path).draft
    preamble = draft.sections[0].preamble
    assert preamble[0].text == "全年办理“信访事项”如下。"
    assert preamble[1].table == [["类别", "件数"], ["来信", "12"], ["来访", "30"]]


def test_page_numbers_left_by_a_pdf_conversion_are_dropped() -> None:
    text = "某局2023年报告\n一、主要举措和成效\n全年依法办理信访事项，\n— 2 —\n群众满意度明显提升。\n第 3 页 共 9 页\n- 4 -\n二、下一步工作打算\n继续努力。\n"
    imported = import_text(text)
    assert imported.draft.sections[0].preamble[0].text == "全年依法办理信访事项，群众满意度明显提升。"
    assert len(imported.draft.sections) == 2
