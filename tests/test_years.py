"""Which years move when a report moves to another year: a table of real headings and titles.

Phrases come from resources/samples (the five published reports) and from headings and titles of other
published 法治政府建设情况报告; each row says what a careful clerk would write in next year's report.
"""

from __future__ import annotations

import pytest

from app.core.years import shift_report_years, year_value

# (text, from year, to year, plans part, expected)
TABLE: list[tuple[str, int, int, bool, str]] = [
    # the report year in titles and headings moves
    (
        "解放区信访局关于 2023 年法治政府建设情况的报告",
        2023,
        2024,
        False,
        "解放区信访局关于 2024 年法治政府建设情况的报告",
    ),
    ("2021年法治政府建设工作情况报告", 2021, 2022, False, "2022年法治政府建设工作情况报告"),
    ("关于2024年法治政府建设情况的报告", 2024, 2025, False, "关于2025年法治政府建设情况的报告"),
    ("区信访办2022年度法治政府建设情况报告", 2022, 2023, False, "区信访办2023年度法治政府建设情况报告"),
    ("二、2021年度推进法治政府建设的主要举措和成效", 2021, 2022, False, "二、2022年度推进法治政府建设的主要举措和成效"),
    ("三、2021年度推进法治政府建设存在的不足和原因", 2021, 2022, False, "三、2022年度推进法治政府建设存在的不足和原因"),
    ("一、2024年推进法治政府建设的主要举措和成效", 2024, 2025, False, "一、2025年推进法治政府建设的主要举措和成效"),
    (
        "二、2024年党政主要负责人履行推进法治建设第一责任人职责情况",
        2024,
        2025,
        False,
        "二、2025年党政主要负责人履行推进法治建设第一责任人职责情况",
    ),
    ("三、2024年推进法治政府建设存在的不足和原因", 2024, 2025, False, "三、2025年推进法治政府建设存在的不足和原因"),
    ("一、2022 年工作情况", 2022, 2023, False, "一、2023 年工作情况"),
    ("2023年法治政府建设工作情况", 2023, 2024, False, "2024年法治政府建设工作情况"),
    ("二〇二四年法治政府建设情况报告", 2024, 2025, False, "二〇二五年法治政府建设情况报告"),
    ("２０２４年推进法治政府建设的主要举措", 2024, 2025, False, "２０２５年推进法治政府建设的主要举措"),
    ("（一）2024年以来信访工作法治化取得新进展", 2024, 2025, False, "（一）2025年以来信访工作法治化取得新进展"),
    # the plans part speaks of the year after the report year, which moves with it there
    ("四、2024年度推进法治政府建设的初步安排", 2023, 2024, True, "四、2025年度推进法治政府建设的初步安排"),
    ("四、2022年度推进法治政府建设的计划", 2021, 2022, True, "四、2023年度推进法治政府建设的计划"),
    ("四、2025年推进法治政府建设的工作思路", 2024, 2025, True, "四、2026年推进法治政府建设的工作思路"),
    ("四、2025年工作重点", 2024, 2025, True, "四、2026年工作重点"),
    ("2022年，我们将继续做好做细做实法治信访工作", 2021, 2022, True, "2023年，我们将继续做好做细做实法治信访工作"),
    # ...but outside the plans part next year is not the report year
    ("2025年1月起施行", 2024, 2025, False, "2025年1月起施行"),
    ("力争2025年底前全面完成", 2024, 2025, False, "力争2025年底前全面完成"),
    # a year change of more than one year, and backwards
    ("2023年推进法治政府建设的主要举措和成效", 2023, 2025, False, "2025年推进法治政府建设的主要举措和成效"),
    ("2025年推进法治政府建设的主要举措和成效", 2025, 2024, False, "2024年推进法治政府建设的主要举措和成效"),
    # periods stay
    ("围绕《法治政府建设实施纲要(2021—2025年)》", 2023, 2024, False, "围绕《法治政府建设实施纲要(2021—2025年)》"),
    (
        "贯彻落实《法治政府建设实施纲要（2021—2025年）》",
        2025,
        2026,
        False,
        "贯彻落实《法治政府建设实施纲要（2021—2025年）》",
    ),
    ("厦门市法治政府建设实施方案（2021-2025）", 2022, 2023, False, "厦门市法治政府建设实施方案（2021-2025）"),
    ("落实2021—2025年法治政府建设规划", 2025, 2026, False, "落实2021—2025年法治政府建设规划"),
    ("落实2021年至2025年法治政府建设规划", 2021, 2022, False, "落实2021年至2025年法治政府建设规划"),
    ("2023—2024年度信访工作先进集体", 2024, 2025, False, "2023—2024年度信访工作先进集体"),
    ("2024~2025年信访积案化解攻坚", 2024, 2025, False, "2024~2025年信访积案化解攻坚"),
    ("“十四五”时期2021-2025年规划目标", 2025, 2026, False, "“十四五”时期2021-2025年规划目标"),
    # dates of issue or effect stay
    ("自2022年5月1日起施行的《信访工作条例》", 2022, 2023, False, "自2022年5月1日起施行的《信访工作条例》"),
    (
        "我局对2010年4月6日印发的《晋城市信访事项听证办法》进行修订",
        2010,
        2011,
        False,
        "我局对2010年4月6日印发的《晋城市信访事项听证办法》进行修订",
    ),
    ("2021年5月17日至21日，晋城市开展宣传月活动", 2021, 2022, False, "2021年5月17日至21日，晋城市开展宣传月活动"),
    ("2021年12月10日", 2021, 2022, False, "2021年12月10日"),
    ("2023年3月15日", 2022, 2023, True, "2023年3月15日"),
    ("截至2024年11月底", 2024, 2025, False, "截至2024年11月底"),
    ("2024年1—11月全区信访总量下降", 2024, 2025, False, "2024年1—11月全区信访总量下降"),
    ("二〇二二年五月一日起施行", 2022, 2023, False, "二〇二二年五月一日起施行"),
    # titles and quotations stay
    ("制定了《2021年度法治建设工作要点》", 2021, 2022, False, "制定了《2021年度法治建设工作要点》"),
    ("紧紧围绕《2022年法治政府建设督察要点》", 2022, 2023, False, "紧紧围绕《2022年法治政府建设督察要点》"),
    ("学习“2024年全国信访工作会议”精神", 2024, 2025, False, "学习“2024年全国信访工作会议”精神"),
    (
        "参加市委依法治市办举办的《2022 年全市领导干部法治专题培训》",
        2022,
        2023,
        False,
        "参加市委依法治市办举办的《2022 年全市领导干部法治专题培训》",
    ),
    (
        "落实《关于2024年信访工作的意见》要求，2024年完成",
        2024,
        2025,
        False,
        "落实《关于2024年信访工作的意见》要求，2025年完成",
    ),
    ("《2024年工作要点", 2024, 2025, False, "《2024年工作要点"),  # an unclosed title is left alone to its end
    # other years and other numbers stay
    ("2024年全区信访总量2890件3876人次", 2024, 2025, False, "2025年全区信访总量2890件3876人次"),
    ("受理2024件，办结率98%", 2024, 2025, False, "受理2024件，办结率98%"),
    ("较2023年下降12%", 2024, 2025, False, "较2023年下降12%"),
    ("2019年以来累计化解积案120件", 2024, 2025, False, "2019年以来累计化解积案120件"),
    ("发布日期: 2022-03-22", 2022, 2023, False, "发布日期: 2022-03-22"),
    ("编号12024年", 2024, 2025, False, "编号12024年"),
    ("", 2024, 2025, False, ""),
]


@pytest.mark.parametrize(
    ("text", "old", "new", "plans", "expected"), TABLE, ids=[row[0][:24] or "empty" for row in TABLE]
)
def test_only_years_that_mean_the_report_year_move(text: str, old: int, new: int, plans: bool, expected: str) -> None:
    assert shift_report_years(text, old, new, next_year_too=plans) == expected


def test_the_table_is_large_enough_to_mean_something() -> None:
    assert len(TABLE) >= 40


def test_moving_there_and_back_gives_the_text_back() -> None:
    """Where the text does not already speak of the target year, a move is undone by the move back."""
    for text, old, new, plans, _ in TABLE:
        targets = {new, new + 1} if plans else {new}
        if any(str(year) in text for year in targets):
            continue
        there = shift_report_years(text, old, new, next_year_too=plans)
        assert shift_report_years(there, new, old, next_year_too=plans) == text


@pytest.mark.parametrize(
    ("digits", "value"), [("2024", 2024), ("２０２４", 2024), ("二〇二四", 2024), ("二○二四", 2024)]
)
def test_years_are_read_in_every_digit_style(digits: str, value: int) -> None:
    assert year_value(digits) == value
