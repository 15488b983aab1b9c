"""Copying from last year's draft and from the library's sources; the facts file; `fzbg check`."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re

from checks_support import SAMPLES, five_part_draft, para, sample_line

from app.checks import Severity, load_sources, run_checks
from app.cli.main import main
from app.core.draft_file import save_draft
from app.core.facts import load_facts, user_facts_path
from app.core.model import Origin, Source


def only(findings, rule):
    return [f for f in findings if f.rule == rule]


# ------------------------------------------------------------------ 7 copying


def test_a_draft_rolled_forward_unchanged_is_reported_as_copied_from_last_year_with_its_passages_marked():
    last_year = five_part_draft(year=2023)
    draft = copy.deepcopy(last_year)
    draft.meta.year = 2024
    draft.sections[0].items[0].paragraphs[
        0
    ].text = "全年新建信访接待场所三处，群众满意度明显提升，网上信访占比继续提高，初信初访及时受理。"
    findings = only(run_checks(draft, previous=last_year, sources=()), "copy.previous")
    summary, per_paragraph = findings[0], findings[1:]
    assert summary.severity is Severity.WARNING and summary.location is None
    assert "去年的报告" in summary.message and summary.marks
    rewritten = (0, (0,), 0)
    assert all((m.ref.section, m.ref.item, m.ref.paragraph) != rewritten for m in summary.marks)
    assert per_paragraph and all(f.severity is Severity.SUGGESTION and f.marks for f in per_paragraph)
    assert all(
        (f.location.ref.section, f.location.ref.item, f.location.ref.paragraph) != rewritten for f in per_paragraph
    )


def test_carried_paragraphs_are_counted_when_no_previous_draft_is_given():
    draft = five_part_draft()
    for p in draft.sections[0].items[1].paragraphs:
        p.source = Source(Origin.CARRIED)
    [finding] = only(run_checks(draft, sources=()), "copy.previous")
    assert "沿用自去年的草稿" in finding.message
    assert finding.location.ref.section == 0 and finding.location.ref.item == (1,)


def test_text_copied_from_another_units_report_is_marked_but_shared_stock_phrases_are_not():
    sources = load_sources(SAMPLES)
    assert len(sources) >= 5
    draft = five_part_draft(year=2022, unit="某市信访局".replace("某", "宜昌"), date=dt.date(2023, 2, 1))
    draft.sections[0].items[0].paragraphs = [para(sample_line("xiamen", "依法履行职能，推动群众诉求有效解决"))]
    findings = only(run_checks(draft, sources=sources), "copy.source")
    assert any("厦门" in f.message for f in findings)
    copied = [f for f in findings if f.location is not None and "厦门" in f.message]
    assert copied and copied[0].excerpt in draft.sections[0].items[0].paragraphs[0].text


def test_a_sample_checked_against_itself_is_not_copying():
    sources = load_sources(SAMPLES)
    draft = five_part_draft()  # the Nan'an district's own text, its own unit and year
    draft.sections[2].preamble = [para(sample_line("nanan", "法治宣传力度还需不断加大").strip("　（三）"))]
    assert only(run_checks(draft, sources=sources), "copy.source") == []


# ------------------------------------------------------------------ facts


def test_the_facts_file_knows_the_regulation_the_plan_and_the_sessions():
    facts = load_facts()
    reg = facts.regulation("《信访条例》")
    assert reg.replaced_by == "信访工作条例" and reg.replaced_on == dt.date(2022, 5, 1)
    assert facts.plan_for_year(2024).name == "法治政府建设实施纲要（2021—2025年）"
    assert [s.name for s in facts.latest_major_sessions(2024)] == ["党的二十大", "二十届三中全会"]
    assert [s.name for s in facts.latest_major_sessions(2021)][-1] == "十九届六中全会"
    assert facts.session("二十大").held == dt.date(2022, 10, 16)


def test_a_facts_file_in_the_users_folder_replaces_the_built_in_one():
    path = user_facts_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[[sessions]]\nname = "二十届五中全会"\nheld = 2026-10-01\n', encoding="utf-8")
    facts = load_facts()
    assert [s.name for s in facts.sessions] == ["二十届五中全会"]


# ------------------------------------------------------------------ fzbg check


def test_fzbg_check_json_lists_findings_with_their_keys_and_exits_1_on_errors(tmp_path, capsys):
    draft = five_part_draft()
    draft.meta.title = "重庆市南岸区信访办公室关于2023年法治政府建设情况的报告"
    path = tmp_path / "报告.fzbg"
    save_draft(draft, path)
    assert main(["check", str(path), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    [finding] = [f for f in out if f["rule"] == "year.title"]
    assert {"rule", "severity", "section", "excerpt", "message", "fix", "location"} <= finding.keys()
    assert finding["severity"] == "error" and finding["excerpt"] == "2023"
    assert finding["fix"]["edits"][0]["new"] == "2024"


def test_fzbg_check_exits_0_without_errors_and_prints_findings_in_chinese(tmp_path, capsys):
    draft = five_part_draft()
    draft.meta.date = dt.date(2025, 3, 10)
    path = tmp_path / "d.fzbg"
    save_draft(draft, path)
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "[提示]" in out and "晚于3月1日" in out


def test_fzbg_check_with_a_previous_draft_reports_copying(tmp_path, capsys):
    draft = five_part_draft()
    save_draft(draft, tmp_path / "a.fzbg")
    save_draft(draft, tmp_path / "b.fzbg")
    main(["check", str(tmp_path / "b.fzbg"), "--previous", str(tmp_path / "a.fzbg"), "--json"])
    out = json.loads(capsys.readouterr().out)
    [summary] = [f for f in out if f["rule"] == "copy.previous" and f["location"] is None]
    assert re.search(r"全文约(9[5-9]|100)%的文字", summary["message"])


def test_fzbg_check_on_bad_input_says_why_and_exits_2(tmp_path, capsys):
    assert main(["check", str(tmp_path / "missing.fzbg")]) == 2
    assert "找不到文件" in capsys.readouterr().err
    odd = tmp_path / "report.pdf"
    odd.write_bytes(b"%PDF-1.4")
    assert main(["check", str(odd)]) == 2
    assert "只支持" in capsys.readouterr().err
    broken = tmp_path / "broken.fzbg"
    broken.write_text("{not json", encoding="utf-8")
    assert main(["check", str(broken)]) == 2
    assert capsys.readouterr().err.startswith("fzbg: ")


def test_a_generic_unit_name_does_not_make_another_citys_report_its_own():
    sources = load_sources(SAMPLES)
    draft = five_part_draft(year=2022, unit="市信访局", date=dt.date(2023, 2, 1))
    draft.sections[0].items[0].paragraphs = [para(sample_line("xiamen", "依法履行职能，推动群众诉求有效解决"))]
    findings = only(run_checks(draft, sources=sources), "copy.source")
    assert any("厦门" in f.message for f in findings)
