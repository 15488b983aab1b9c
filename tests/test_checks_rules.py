"""The checks on drafts made of real report text, with faults planted into it."""

from __future__ import annotations

import datetime as dt

from checks_support import body_line, five_part_draft, para, rules_of, sample_line

from app.checks import Part, Severity, apply_fix, run_checks
from app.core.model import Item, Origin, Paragraph, Section, SectionKind, Source


def check(draft, **kw):
    kw.setdefault("sources", ())
    return run_checks(draft, **kw)


def only(findings, rule):
    return [f for f in findings if f.rule == rule]


def test_a_draft_of_real_text_with_all_five_parts_has_no_findings():
    assert check(five_part_draft()) == []


# ------------------------------------------------------------------ 1 required content


def test_a_draft_without_its_shortcomings_is_an_error_naming_the_part():
    draft = five_part_draft()
    draft.sections = [s for s in draft.sections if s.kind is not SectionKind.SHORTCOMINGS]
    [finding] = only(check(draft), "required.shortcomings")
    assert finding.severity is Severity.ERROR
    assert "存在的不足和原因" in finding.message


def test_a_responsibility_sub_item_counts_but_is_suggested_as_its_own_section():
    draft = five_part_draft(year=2022, unit="厦门市人民政府信访局", date=dt.date(2023, 2, 20))
    draft.sections = [s for s in draft.sections if s.kind is not SectionKind.RESPONSIBILITY]
    draft.sections[0].items.insert(
        0,
        Item(
            "强化组织领导，深入学习贯彻习近平法治思想。",
            [para(body_line("xiamen", "市信访局主要领导严格落实法治建设第一责任人职责"))],
            run_in=True,
            kind=SectionKind.RESPONSIBILITY,
        ),
    )
    [finding] = only(check(draft), "required.responsibility")
    assert finding.severity is Severity.SUGGESTION
    assert finding.location.ref.part is Part.ITEM_HEADING and finding.location.ref.item == (0,)


def test_a_responsibility_only_mentioned_in_passing_is_a_warning_and_none_at_all_an_error():
    draft = five_part_draft()
    draft.sections = [s for s in draft.sections if s.kind is not SectionKind.RESPONSIBILITY]
    draft.sections[0].items[0].paragraphs.append(para("局主要负责人认真履行推进法治建设第一责任人职责。"))
    [finding] = only(check(draft), "required.responsibility")
    assert finding.severity is Severity.WARNING and finding.excerpt == "第一责任人"
    draft.sections[0].items[0].paragraphs.pop()
    [finding] = only(check(draft), "required.responsibility")
    assert finding.severity is Severity.ERROR


def test_shortcomings_without_any_reason_get_a_suggestion():
    draft = five_part_draft()
    draft.sections[2].preamble = [para(body_line("nanan", "法治宣传力度还需不断加大"))]
    [finding] = only(check(draft), "required.shortcoming-reasons")
    assert finding.severity is Severity.SUGGESTION


def test_a_section_with_a_heading_and_no_text_is_an_error():
    draft = five_part_draft()
    draft.sections.insert(1, Section(SectionKind.CUSTOM, "学习贯彻党的二十大精神"))
    [finding] = only(check(draft), "required.empty-section")
    assert finding.section == 1 and finding.section_heading == "二、学习贯彻党的二十大精神"


# ------------------------------------------------------------------ 2 years and dates


def test_a_title_year_other_than_the_report_year_is_an_error_with_a_year_shift_fix():
    draft = five_part_draft()
    draft.meta.title = "重庆市南岸区信访办公室关于2023年法治政府建设情况的报告"
    [finding] = only(check(draft), "year.title")
    assert finding.excerpt == "2023" and finding.fix is not None
    assert finding.fix.edits[0].new == "2024"


def test_a_plans_heading_naming_the_report_year_is_an_error_asking_for_the_next_year():
    draft = five_part_draft()
    draft.sections[3].heading = "2024年推进法治政府建设的工作思路、目标举措"
    [finding] = only(check(draft), "year.next-year")
    assert finding.severity is Severity.ERROR and "2025" in finding.message
    assert finding.fix.edits[0].new == "2025"


def test_a_plans_sentence_framed_by_the_report_year_is_flagged_but_a_backward_look_is_not():
    draft = five_part_draft(year=2021, unit="晋城市信访局", date=dt.date(2021, 12, 10))
    line = sample_line("jincheng", "我们将继续做好做细做实").replace(",", "，")  # 2022年，我们将继续…
    draft.sections[3].items[0].paragraphs = [para(line)]
    assert only(check(draft), "year.next-year") == []
    draft.sections[3].items[0].paragraphs = [para(line.replace("2022", "2021"))]
    [finding] = only(check(draft), "year.next-year")
    assert finding.excerpt == "2021"
    draft.sections[3].items[0].paragraphs = [para("巩固2021年专项治理成果，继续推进积案化解。")]
    assert only(check(draft), "year.next-year") == []


def test_a_sentence_framed_by_last_year_is_flagged_as_left_from_a_copied_report():
    line = sample_line("nanan", "一是持续开展领导干部")
    draft = five_part_draft(measures=[line.replace("2024年，全区排查", "2023年，全区排查")])
    draft.sections[0].items[0].paragraphs = [para(line.replace("2024年，全区排查", "2023年，全区排查"))]
    [finding] = only(check(draft), "year.stale")
    assert finding.excerpt == "2023" and finding.fix.edits[0].new == "2024"


def test_a_historical_date_and_a_plan_period_are_not_stale_years():
    draft = five_part_draft(year=2021, unit="晋城市信访局", date=dt.date(2021, 12, 10))
    draft.sections[0].items[0].paragraphs = [
        para(sample_line("jincheng", "我局对2010年4月6日印发的").replace(",", "，"))
    ]
    draft.preamble = [para(sample_line("nanan", "《法治政府建设实施纲要（2021—2025年）》").replace("2024", "2021"))]
    assert only(check(draft), "year.stale") == []


def test_a_date_outside_the_reporting_window_is_a_warning_and_after_1_march_is_information():
    draft = five_part_draft(date=dt.date(2024, 12, 15))
    assert check(draft, only=["year"]) == []
    draft.meta.date = dt.date(2024, 3, 15)
    assert rules_of(check(draft, only=["year"])) == ["year.date-window"]
    draft.meta.date = dt.date(2025, 3, 15)
    [finding] = check(draft, only=["year"])
    assert finding.rule == "year.date-deadline" and finding.severity is Severity.INFO
    draft.meta.date = dt.date(2025, 4, 10)
    findings = check(draft, only=["year"])
    assert rules_of(findings) == ["year.date-window", "year.date-deadline"]
    assert "4月1日" in findings[1].message


# ------------------------------------------------------------------ 3 leftovers


def test_placeholders_left_in_the_text_are_errors():
    draft = five_part_draft()
    draft.meta.addressee = "中共XX区委、XX区人民政府"
    draft.preamble.append(para("全年共接待群众X人次，{单位}将继续努力，某某同志带头接访。"))
    found = [f.excerpt for f in only(check(draft), "leftover.placeholder")]
    assert found == ["XX", "XX", "X", "{单位}", "某某"]


def test_a_library_example_figure_never_replaced_is_a_warning():
    draft = five_part_draft()
    draft.sections[0].items[0].paragraphs.append(
        Paragraph("全年受理信访事项1200件，按期办结率100%。", Source(Origin.PHRASE, "p1", ["1200件"]))
    )
    [finding] = only(check(draft), "leftover.example")
    assert finding.excerpt == "1200件"


def test_another_bureaus_name_is_found_without_knowing_it_in_advance():
    draft = five_part_draft()
    line = sample_line("nanan", "一是依托区群众来访接待中心")
    draft.sections[0].items[1].paragraphs.append(para(line.replace("南岸区人民调解委员会", "晋中市榆次区信访局")))
    [finding] = only(check(draft), "leftover.foreign-unit")
    assert finding.excerpt == "晋中市榆次区信访局"


def test_the_units_own_superior_and_its_documents_are_not_another_bureau():
    draft = five_part_draft(year=2023, unit="解放区信访局", date=dt.date(2024, 2, 1))
    draft.preamble = [para(body_line("jiefangqu", "河南省法治政府建设年度报告工作规定"))]
    draft.sections[0].items[0].paragraphs.append(para("严格落实市委、市政府和焦作市信访局的工作部署。"))
    assert only(check(draft), "leftover.foreign-unit") == []


def test_a_source_reports_place_name_is_an_error(tmp_path):
    from app.checks import SourceReport

    xiqing = SourceReport("xiqing.txt", "区信访办", unit="天津市西青区信访办", regions=("西青区", "西青"), year=2022)
    draft = five_part_draft()
    draft.sections[0].items[0].paragraphs.append(para("建设法治西青既是实现新发展的需要。"))
    [finding] = only(check(draft, sources=(xiqing,)), "leftover.foreign-unit")
    assert finding.severity is Severity.ERROR and finding.excerpt == "西青"


# ------------------------------------------------------------------ 4 figures


def test_real_figures_that_agree_raise_nothing_and_a_planted_rate_is_an_error():
    line = sample_line("nanan", "一是持续开展领导干部")
    draft = five_part_draft()
    assert only(check(draft), "figures.rate") == []
    draft.sections[0].items[1].paragraphs = [para(line.replace("化解率87.1%", "化解率78.1%"))]
    [finding] = only(check(draft), "figures.rate")
    assert "74÷85＝87.1%" in finding.message
    assert finding.excerpt == "85件，化解74件，化解率78.1%"


def test_parts_that_do_not_add_up_to_their_total_are_an_error():
    line = sample_line("nanan", "一是做好来访接待")
    draft = five_part_draft(measures=[line.replace("来信369件", "来信396件")])
    [finding] = only(check(draft), "figures.total")
    assert "1814＋707＋396＝2917件" in finding.message and "2890件" in finding.message


def test_a_rate_over_100_percent_is_an_error_but_growth_is_not():
    draft = five_part_draft()
    draft.sections[0].items[0].paragraphs.append(para("全年信访事项按期办结率达到102%，网上信访量同比增长150%。"))
    [finding] = only(check(draft), "figures.percent")
    assert finding.excerpt == "102%"


# ------------------------------------------------------------------ 5 stale references


def test_the_old_regulation_cited_as_in_force_after_2022_is_an_error_with_a_fix():
    draft = five_part_draft(year=2023, unit="解放区信访局", date=dt.date(2024, 2, 1))
    line = body_line("jiefangqu", "多形式组织开展新出台的《信访工作条例》培训")
    draft.sections[0].items[0].paragraphs = [para(line.replace("新出台的《信访工作条例》", "新出台的《信访条例》"))]
    [finding] = only(check(draft), "stale.regulation")
    assert finding.excerpt == "《信访条例》" and finding.fix.edits[0].new == "《信访工作条例》"


def test_the_old_regulation_in_a_2021_report_or_as_history_is_fine():
    line = sample_line("jincheng", "修订实施16周年").replace(",", "，")
    draft = five_part_draft(year=2021, unit="晋城市信访局", date=dt.date(2021, 12, 10))
    draft.sections[0].items[0].paragraphs = [para(line)]
    assert only(check(draft), "stale.regulation") == []
    draft = five_part_draft(year=2023)
    draft.preamble.append(para("《信访工作条例》施行后，原《信访条例》同时废止。"))
    assert only(check(draft), "stale.regulation") == []


def test_an_anniversary_of_the_old_regulation_copied_into_2023_is_flagged_without_a_fix():
    line = sample_line("jincheng", "修订实施16周年").replace(",", "，")
    draft = five_part_draft(year=2023, unit="晋城市信访局", date=dt.date(2024, 2, 1))
    draft.sections[0].items[0].paragraphs = [para(line)]
    findings = only(check(draft), "stale.regulation")
    assert findings and findings[0].fix is None


def test_a_plenary_session_held_after_the_report_was_written_is_an_error():
    draft = five_part_draft(year=2021, unit="晋城市信访局", date=dt.date(2021, 12, 10))
    draft.preamble = [para(sample_line("jincheng", "深入学习贯彻党的十九届六中全会精神").replace(",", "，"))]
    assert only(check(draft), "stale.plenary") == []
    draft.preamble[0].text = draft.preamble[0].text.replace("十九届六中全会", "二十届三中全会")
    [finding] = only(check(draft), "stale.plenary")
    assert finding.severity is Severity.ERROR and finding.excerpt == "二十届三中全会"


def test_a_superseded_latest_session_is_a_warning():
    draft = five_part_draft()
    draft.preamble[0].text = draft.preamble[0].text.replace("党的二十大和二十届三中全会", "党的十九届六中全会")
    [finding] = only(check(draft), "stale.plenary")
    assert finding.severity is Severity.WARNING and "二十届三中全会" in finding.message


def test_welcoming_a_coming_congress_is_not_a_stale_citation():
    draft = five_part_draft(year=2021, unit="晋城市信访局", date=dt.date(2021, 12, 10))
    draft.preamble = [para("以优异成绩迎接党的二十大胜利召开。")]
    assert only(check(draft), "stale.plenary") == []


def test_a_list_of_counts_followed_by_a_wrong_sum_is_an_error_but_rough_counts_are_not():
    draft = five_part_draft()
    draft.sections[0].items[0].paragraphs.append(para("全年受理来信300件、来访400件、网上信访500件，共计1300件。"))
    [finding] = only(check(draft), "figures.sum")
    assert "300＋400＋500＝1200件" in finding.message
    draft.sections[0].items[0].paragraphs[-1].text = "全年受理来信300余件、来访400件、网上信访500件，共计1300件。"
    assert only(check(draft), "figures.sum") == []


def test_a_completion_rate_over_100_percent_is_not_flagged():
    draft = five_part_draft()
    draft.sections[0].items[0].paragraphs.append(para("全年普法宣传任务完成率120%。"))
    assert only(check(draft), "figures.percent") == []


def test_last_years_working_document_followed_this_year_is_a_stale_year():
    draft = five_part_draft(year=2022, unit="区信访办", date=dt.date(2023, 2, 1))
    line = sample_line("xiqing", "紧紧围绕《2022年法治政府建设督察要点》")
    draft.preamble = [para(line)]
    assert only(check(draft), "year.stale") == []
    draft.preamble = [para(line.replace("《2022年法治政府建设督察要点》", "《2021年法治政府建设督察要点》"))]
    [finding] = only(check(draft), "year.stale")
    assert finding.excerpt == "2021"
    draft.preamble = [para("会议审议了《2021年度法治政府建设情况报告》。")]
    assert only(check(draft), "year.stale") == []


def test_a_plans_sentence_starting_in_the_report_year_is_flagged():
    draft = five_part_draft()
    draft.sections[3].items[0].paragraphs.append(para("在2024年，我办将继续加大普法宣传力度。"))
    [finding] = only(check(draft), "year.next-year")
    assert finding.fix.edits[0].new == "2025"


def test_a_plan_cited_with_a_period_that_never_existed_is_corrected():
    draft = five_part_draft(year=2022, unit="五华县信访局", date=dt.date(2023, 2, 1))
    draft.preamble = [para("认真学习贯彻《法治政府建设实施纲要（2022—2025年）》等文件。")]
    [finding] = only(check(draft), "stale.plan-period")
    apply_fix(draft, finding.fix)
    assert draft.preamble[0].text == "认真学习贯彻《法治政府建设实施纲要（2021—2025年）》等文件。"


def test_the_previous_plan_cited_in_a_later_report_is_stale():
    draft = five_part_draft(year=2022, unit="五华县信访局", date=dt.date(2023, 2, 1))
    draft.preamble = [para("认真落实《法治政府建设实施纲要（2015—2020年）》。")]
    [finding] = only(check(draft), "stale.plan")
    assert finding.fix.edits[0].new == "法治政府建设实施纲要（2021—2025年）"


def test_shares_of_one_whole_adding_up_to_more_than_100_percent_are_an_error():
    draft = five_part_draft()
    draft.sections[0].items[0].paragraphs.append(
        para("全年受理信访事项1200件，其中来信占25%，来访占40%，网上信访占50%。")
    )
    [finding] = only(check(draft), "figures.shares")
    assert "25%＋40%＋50%＝115%" in finding.message


def test_a_new_empty_draft_asks_for_each_required_part_and_only_mentions_the_optional_one():
    from app.render.pack import load_pack

    draft = load_pack("regulation").new_draft(unit_name="宜昌市信访局", year=2024, date=dt.date(2025, 2, 10))
    findings = check(draft)
    assert [(f.rule, f.severity) for f in findings] == [("required.empty-section", Severity.ERROR)] * 4 + [
        ("required.empty-section", Severity.INFO)
    ]


def test_a_rate_on_another_base_in_the_same_sentence_is_accepted():
    draft = five_part_draft()
    draft.sections[0].items[0].paragraphs.append(
        para("全年受理信访事项1000件，办结980件，其中按期办结950件，按期办结率95%。")
    )
    assert only(check(draft), "figures.rate") == []
    draft.sections[0].items[0].paragraphs[
        -1
    ].text = "全年受理信访事项1000件，办结980件，其中按期办结950件，按期办结率92%。"
    [finding] = only(check(draft), "figures.rate")
    assert "950÷980" in finding.message


def test_a_look_back_at_the_report_year_in_the_plans_is_not_a_wrong_year():
    draft = five_part_draft()
    draft.sections[3].items[0].paragraphs.append(para("2024年，全区信访形势总体平稳，群众满意度明显提高。"))
    assert only(check(draft), "year.next-year") == []


def test_a_city_other_than_the_units_own_known_city_is_not_taken_for_its_superior():
    draft = five_part_draft(unit="重庆市南岸区信访办公室")
    draft.sections[0].items[0].paragraphs.append(para("学习借鉴成都市信访局、成都市人民政府的经验做法。"))
    found = [f.excerpt for f in only(check(draft), "leftover.foreign-unit")]
    assert found == ["成都市信访局", "成都市人民政府"]
