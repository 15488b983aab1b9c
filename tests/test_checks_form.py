"""Form checks and their fixes: applied to a draft they give the expected text, and undo restores it."""

from __future__ import annotations

import copy

import pytest
from checks_support import body_line, five_part_draft, para, sample_line

from app.checks import FixConflict, Part, Severity, apply_fix, fix_all, get_text, run_checks
from app.core.model import Item


def check(draft, **kw):
    kw.setdefault("sources", ())
    return run_checks(draft, **kw)


def only(findings, rule):
    return [f for f in findings if f.rule == rule]


def jiefang_draft():
    """Two paragraphs of the Jiefang district report (2023) as its PDF conversion wrote them."""
    draft = five_part_draft(year=2023, unit="解放区信访局")
    draft.sections[0].items[0].paragraphs = [
        para(sample_line("jiefangqu", "法治政府建设是全面依法治国的重点任务")),
        para(sample_line("jiefangqu", "一是召开会议,安排部署").removeprefix("- (二)加强信访工作法治化宣传。")),
    ]
    return draft


def test_the_half_width_punctuation_of_the_jiefang_report_is_found_with_a_fix():
    draft = jiefang_draft()
    findings = only(check(draft), "form.halfwidth-punct")
    assert len(findings) == 2
    assert all(f.severity is Severity.WARNING and f.fix is not None for f in findings)
    assert findings[0].excerpt in draft.sections[0].items[0].paragraphs[0].text
    assert "," in findings[0].message and "(" in findings[0].message


def test_the_punctuation_fix_gives_full_width_text_and_undo_restores_it():
    draft = jiefang_draft()
    before = copy.deepcopy(draft)
    [first, _] = only(check(draft), "form.halfwidth-punct")
    undo = apply_fix(draft, first.fix)
    text = draft.sections[0].items[0].paragraphs[0].text
    assert "紧紧围绕《法治政府建设实施纲要（2021—2025年）》" in text
    assert "大力推进“法治信访”建设，依法依规" in text
    assert text.endswith("现将有关情况总结报告如下：")
    assert not any(ch in text for ch in ',:()"')
    apply_fix(draft, undo)
    assert draft == before


def test_numbers_and_latin_keep_their_half_width_punctuation():
    draft = five_part_draft()
    draft.sections[0].items[0].paragraphs.append(
        para("全年接待群众1,814人次，通过LED屏等方式宣传，会议于10:30召开，增长3.5个百分点。")
    )
    assert only(check(draft), "form.halfwidth-punct") == []


def test_spaces_left_by_a_pdf_converter_are_found_and_removed():
    draft = jiefang_draft()
    draft.sections[0].items[0].paragraphs[1].text = draft.sections[0].items[0].paragraphs[1].text.replace(",", "，")
    [finding] = only(check(draft), "form.stray-space")
    apply_fix(draft, finding.fix)
    assert "信访工作法治化宣传的重要性" in draft.sections[0].items[0].paragraphs[1].text


def test_quotes_turned_the_wrong_way_are_corrected():
    line = sample_line("nanan", "一是持续开展领导干部")
    draft = five_part_draft()
    draft.sections[0].items[1].paragraphs = [para(line.replace("“面对面”", "”面对面”"))]
    [finding] = only(check(draft), "form.quotes")
    apply_fix(draft, finding.fix)
    assert draft.sections[0].items[1].paragraphs[0].text == line


def test_an_unclosed_book_title_mark_is_found():
    draft = five_part_draft()
    draft.preamble[0].text = draft.preamble[0].text.replace("2025年）》", "2025年）")
    [finding] = only(check(draft), "form.quotes")
    assert "《》" in finding.message


def test_a_gap_in_yi_shi_er_shi_numbering_is_found_and_renumbered():
    line = body_line("jiefangqu", "定期组织全局干部认真学习贯彻习近平法治思想")
    planted = (
        line.replace("二是组织开展", "三是组织开展").replace("三是扎实", "四是扎实").replace("四是加强", "五是加强")
    )
    draft = five_part_draft(year=2023, unit="解放区信访局")
    draft.sections[0].items[0].paragraphs = [para(planted)]
    [finding] = only(check(draft), "form.numbering")
    assert "缺少“二是”" in finding.message
    undo = apply_fix(draft, finding.fix)
    assert draft.sections[0].items[0].paragraphs[0].text == line
    apply_fix(draft, undo)
    assert draft.sections[0].items[0].paragraphs[0].text == planted


def test_a_repeated_number_across_paragraphs_is_found():
    draft = five_part_draft(year=2021, unit="晋城市信访局")
    lines = [
        sample_line("jincheng", f"{n}是{w}").replace(",", "，")
        for n, w in (("一", "坚持以"), ("二", "继续推动信访法治"), ("三", "继续推动信访制度"))
    ]
    lines[2] = lines[2].replace("三是", "二是", 1)
    draft.sections[3].items[0].paragraphs = [para(t) for t in lines]
    [finding] = only(check(draft), "form.numbering")
    assert "“二是”重复" in finding.message
    assert finding.location.ref.paragraph == 2


def test_words_ending_in_yi_shi_are_not_numbers():
    draft = five_part_draft()
    draft.preamble.append(para("思想统一是前提，三是指第三项工作。"))
    assert only(check(draft), "form.numbering") == []


def test_a_heading_carrying_its_own_typed_number_is_found_with_a_fix():
    draft = five_part_draft()
    draft.sections[0].items[0].heading = "（一）主动担当作为，扎实办理信访基础业务。"
    [finding] = only(check(draft), "form.heading-level")
    apply_fix(draft, finding.fix)
    assert draft.sections[0].items[0].heading == "主动担当作为，扎实办理信访基础业务。"


def test_a_paragraph_numbered_above_its_item_is_a_level_out_of_order():
    draft = five_part_draft()
    draft.sections[3].items[0].paragraphs = [para(sample_line("nanan", "持续开展普法宣传活动"))]  # （二）加大…
    [finding] = only(check(draft), "form.heading-level")
    assert finding.excerpt == "（二）"


def test_repeated_and_over_long_headings_are_found():
    draft = five_part_draft()
    draft.sections[0].items[1].heading = draft.sections[0].items[0].heading
    [finding] = only(check(draft), "form.repeated-heading")
    assert finding.location.ref.item == (1,)
    draft.sections[
        1
    ].heading = (
        "党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设，推进依法行政、严格规范公正文明执法的有关情况"
    )
    [finding] = only(check(draft), "form.long-heading")
    assert finding.severity is Severity.SUGGESTION


def test_a_phrase_doubled_by_pasting_is_found_and_removed():
    line = sample_line("nanan", "一是全力推进预防法治化")
    draft = five_part_draft()
    draft.sections[0].items[0].paragraphs = [para(line.replace("有效推进信访工作", "有效推进信访工作有效推进信访工作"))]
    [finding] = only(check(draft), "form.doubled-phrase")
    apply_fix(draft, finding.fix)
    assert draft.sections[0].items[0].paragraphs[0].text == line


def test_the_jiefang_reports_repeated_sentence_opening_is_a_suggestion():
    draft = five_part_draft(year=2023, unit="解放区信访局")
    draft.sections[1].preamble = [para(body_line("jiefangqu", "强化第一责任人职责,抓紧抓实"))]
    [finding] = only(check(draft), "form.doubled-phrase")
    assert finding.severity is Severity.SUGGESTION and finding.excerpt == "强化第一责任人职责"


def test_a_body_paragraph_without_a_full_stop_is_found():
    line = body_line("xiamen", "在抓好法治政府建设工作的同时")
    draft = five_part_draft(year=2022, unit="厦门市人民政府信访局")
    draft.sections[2].preamble = [para(line.rstrip("。"))]
    [finding] = only(check(draft), "form.final-stop")
    assert finding.excerpt.endswith("信访普法宣传工作仍需加强")


def test_dates_with_leading_zeros_book_titles_with_commas_and_the_short_name_are_fixed():
    line = sample_line("xiqing", "《天津市信访工作若干规定》")
    draft = five_part_draft(year=2022, unit="区信访办")
    draft.sections[0].items[0].paragraphs = [para(line), para("2022年05月09日，组织学习习总书记重要讲话精神。")]
    fixes = [f.fix for f in check(draft, only=["form"]) if f.fix]
    for fix in fixes:
        apply_fix(draft, fix)
    assert "《信访工作条例》《天津市信访工作若干规定》" in draft.sections[0].items[0].paragraphs[0].text
    assert draft.sections[0].items[0].paragraphs[1].text == "2022年5月9日，组织学习习近平总书记重要讲话精神。"


# ------------------------------------------------------------------ applying and undoing


def test_a_year_shift_fix_on_headings_and_sentences_gives_the_report_year_and_undoes():
    draft = five_part_draft()
    line = sample_line("nanan", "一是持续开展领导干部")
    draft.sections[0].heading = "2023年推进法治政府建设的主要举措和成效"
    draft.sections[0].items[1].paragraphs = [para(line.replace("2024年，全区各级", "2023年，全区各级"))]
    draft.sections[3].heading = "2024年推进法治政府建设的工作思路、目标举措"
    before = copy.deepcopy(draft)
    undo = fix_all(draft, ["year.heading", "year.next-year", "year.stale"])
    assert draft.sections[0].heading.startswith("2024年推进")
    assert draft.sections[3].heading.startswith("2025年推进")
    assert draft.sections[0].items[1].paragraphs[0].text == line
    for fix in reversed(undo):
        apply_fix(draft, fix)
    assert draft == before


def test_a_fix_refuses_text_that_changed_since_the_check():
    draft = five_part_draft()
    draft.meta.title = "重庆市南岸区信访办公室关于2023年法治政府建设情况的报告"
    [finding] = only(check(draft), "year.title")
    draft.meta.title = "重庆市南岸区信访办公室2023年度法治政府建设情况报告"
    with pytest.raises(FixConflict):
        apply_fix(draft, finding.fix)
    assert draft.meta.title == "重庆市南岸区信访办公室2023年度法治政府建设情况报告"


def test_every_finding_location_points_at_the_text_it_quotes():
    draft = jiefang_draft()
    draft.sections[0].items.append(
        Item("加强学习，提高法治化水平。", [para(body_line("jiefangqu", "定期组织全局干部"))])
    )
    draft.meta.title = "解放区信访局关于2022年法治政府建设情况的报告"
    findings = check(draft)
    located = [f for f in findings if f.location is not None and f.location.ref.part is not Part.DATE]
    assert located
    for f in located:
        text = get_text(draft, f.location.ref)
        assert text[f.location.start : f.location.end] == f.excerpt


def test_straight_and_curly_quotes_mixed_in_one_report_are_reported_once():
    draft = five_part_draft()
    draft.sections[0].items[0].paragraphs.append(para('大力推进"法治信访"建设。'))
    findings = only(check(draft), "form.quotes")
    assert len(findings) == 1 and "混用" in findings[0].message
    assert findings[0].location.ref.part is Part.ITEM_PARAGRAPH


def test_a_sentence_pasted_twice_in_a_row_is_one_finding_with_a_fix():
    line = body_line("xiamen", "立足部门职责")
    sentence = line.split("。")[0] + "。"
    draft = five_part_draft(year=2022, unit="厦门市人民政府信访局")
    draft.sections[0].items[0].paragraphs = [para(sentence + line)]
    [finding] = only(check(draft), "form.doubled-phrase")
    apply_fix(draft, finding.fix)
    assert draft.sections[0].items[0].paragraphs[0].text == line


def test_a_word_typed_twice_is_found_but_words_that_double_by_nature_are_not():
    draft = five_part_draft()
    draft.sections[0].items[0].paragraphs.append(
        para("我们的的工作要求人人参与，推进推进法治宣传，层层压实责任，一步一步抓落实。")
    )
    found = [f.excerpt for f in only(check(draft), "form.doubled-phrase")]
    assert found == ["的的", "推进推进"]


def test_a_list_marker_run_into_the_sentence_before_is_a_missing_stop_not_a_gap():
    line = sample_line("nanan", "一是依托区群众来访接待中心")
    draft = five_part_draft()
    draft.sections[0].items[1].paragraphs = [para(line.replace("纠纷16件。二是", "纠纷16件二是") + "三是加强宣传。")]
    findings = check(draft)
    [missing] = only(findings, "form.missing-punct")
    assert "16件二是" in missing.excerpt
    assert only(findings, "form.numbering") == []
