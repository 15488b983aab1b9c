"""Section headings as real reports word them, none of them taken from the sample reports: each maps
to the canonical part a reader would say it is."""

from __future__ import annotations

import pytest

from app.core.model import SectionKind
from app.importer.classifier import classify_item, classify_section, classify_sections

M, R, S, P, OT, C = (
    SectionKind.MEASURES,
    SectionKind.RESPONSIBILITY,
    SectionKind.SHORTCOMINGS,
    SectionKind.PLANS,
    SectionKind.OTHER,
    SectionKind.CUSTOM,
)

# (heading as printed, expected kind); the report year is 2023 for all of them.
HEADINGS = [
    ("一、2023年法治政府建设主要工作开展情况", M),
    ("一、2023年度法治政府建设工作推进情况", M),
    ("一、主要工作及成效", M),
    ("一、法治政府建设工作总体情况", M),
    ("二、主要做法和取得的成效", M),
    ("一、年度重点工作完成情况", M),
    ("一、2023年推进法治政府建设的主要做法", M),
    ("一、工作开展情况及取得的成绩", M),
    ("一、推进法治政府建设的基本情况", M),
    ("二、依法行政工作进展情况", M),
    ("一、2023年度法治建设工作回顾", M),
    ("一、主要工作亮点", M),
    ("一、党政主要负责人履行推进法治建设第一责任人职责情况", R),
    ("二、主要负责同志履行法治建设第一责任人职责情况", R),
    ("三、局主要领导履行推进法治建设职责情况", R),
    ("一、压实第一责任人责任，带头抓好法治建设", R),
    ("二、“一把手”履行法治建设职责情况", R),
    ("三、领导班子成员年度述法情况", R),
    ("一、主要负责人履职尽责情况", R),
    ("三、存在的问题及原因分析", S),
    ("二、存在的主要问题", S),
    ("三、工作中存在的短板和不足", S),
    ("三、存在的差距和不足", S),
    ("二、面临的困难和挑战", S),
    ("三、存在的薄弱环节", S),
    ("四、问题和不足", S),
    ("三、2023年推进法治政府建设存在的不足及原因", S),
    ("二、存在问题及整改落实情况", S),
    ("四、2024年工作打算", P),
    ("四、下一步工作安排", P),
    ("四、2024年法治政府建设工作计划", P),
    ("五、下一年度工作思路", P),
    ("四、下步工作重点", P),
    ("四、今后工作方向", P),
    ("四、2024年工作展望", P),
    ("三、下一年度推进法治政府建设的主要安排", P),
    ("五、明年工作谋划", P),
    ("四、2024年重点工作任务", P),
    ("四、下一步工作措施", P),
    ("三、下一步努力方向", P),
    ("四、对策建议", P),
    ("二、工作中的不足", S),
    ("三、原因分析", S),
    ("二、2023年法治政府建设存在的短板弱项", S),
    ("三、存在问题及改进措施", S),
    ("一、年度工作总结", M),
    ("二、主要成绩和经验", M),
    ("二、法治建设第一责任人述职述法情况", R),
    ("五、其他需要报告的情况", OT),
    ("五、其他有关情况", OT),
    ("六、意见和建议", OT),
    ("五、需要说明的其他事项", OT),
    ("一、深入学习贯彻党的二十大精神", C),
    ("一、学习贯彻习近平法治思想情况", C),
    ("一、坚持党的领导，提高政治站位", C),
]


def test_there_are_over_forty_unseen_headings() -> None:
    assert len(HEADINGS) >= 40
    assert {kind for _, kind in HEADINGS} == set(SectionKind)


@pytest.mark.parametrize(("heading", "kind"), HEADINGS, ids=[h for h, _ in HEADINGS])
def test_an_unseen_heading_maps_to_its_part(heading: str, kind: SectionKind) -> None:
    assert classify_section(heading, report_year=2023) is kind


def test_the_next_year_in_a_heading_makes_it_the_plans() -> None:
    assert classify_section("三、2024年重点工作", report_year=2023) is P
    assert classify_section("一、2023年重点工作", report_year=2023) is M


def test_a_heading_without_keywords_is_placed_by_its_neighbours() -> None:
    assert classify_section("一、夯实基础，服务大局", report_year=2023) is M
    headings = ["一、主要工作情况", "二、存在问题", "三、下一步打算", "四、附录"]
    assert classify_sections(headings, 2023)[-1] is OT
    assert classify_sections(["一、主要工作情况", "二、存在问题", "三、几点考虑"], 2023)[-1] is P


def test_one_misleading_heading_does_not_push_the_later_parts_out_of_place() -> None:
    """Issue #19: after a first part misread as 下年安排 every later part used to become 其他."""
    headings = [
        "一、统筹安排部署，压实法治建设责任",
        "二、依法分类处理信访诉求",
        "三、存在的不足",
        "四、2025年工作重点",
    ]
    assert classify_sections(headings, 2024) == [M, M, S, P]


def test_the_text_under_a_part_decides_when_its_heading_does_not() -> None:
    headings = ["一、主要工作情况", "二、几点体会", "三、几点考虑"]
    bodies = [
        "全年受理信访事项1200件，办结率98%。",
        "学法还不够深入，队伍力量有待加强，仍需改进。",
        "我们将持续推进，明年要进一步加强。",
    ]
    assert classify_sections(headings, 2024, bodies) == [M, S, P]
    assert classify_sections(headings, 2024, [bodies[0], bodies[2], bodies[1]])[1] is not S


def test_a_nested_first_responsible_person_item_is_recognised() -> None:
    assert classify_item("局主要负责人积极履行推进法治建设第一责任人职责") is R
    assert classify_item("强化组织领导", "局主要负责人严格落实法治建设第一责任人职责") is R
    assert classify_item("强化组织领导", "成立领导小组") is None
    assert classify_item("加强普法宣传") is None


def test_a_heading_naming_no_part_is_read_with_what_its_section_says() -> None:
    body = "一是学法不够深入系统，二是普法宣传形式单一，有待改进。"
    assert classify_section("三、需要关注的几个方面", report_year=2023, body=body) is S
    plans = "我们将进一步加强学习，明年重点抓好以下工作。"
    assert classify_section("四、几点考虑", report_year=2023, body=plans) is P
    assert classify_section("二、重点工作", report_year=2023, body="（一）加强学习。") is M


def test_the_body_does_not_override_a_heading_that_names_its_part() -> None:
    body = "存在的问题有待解决，不足之处仍然不少。"
    assert classify_section("一、主要举措和成效", report_year=2023, body=body) is M
