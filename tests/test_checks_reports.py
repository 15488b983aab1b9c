"""`fzbg check` on finished reports through the importer: the five samples as published, and the same
text with faults planted in it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from checks_support import SAMPLES, sample_path

pytest.importorskip("app.importer")

from app.checks.report import check_report
from app.cli.main import main


def findings_of(path: Path):
    return check_report(path).findings


# What a reader of each published report agrees with; anything outside these rules would be a false alarm.
EXPECTED = {
    "jiefangqu": {
        "must": {"form.halfwidth-punct", "form.stray-space", "form.doubled-phrase", "year.date-missing"},
        "may": {"required.other"},
    },
    "jincheng": {
        "must": {"form.halfwidth-punct", "required.shortcoming-reasons", "form.numbering-style"},
        "may": {"required.other"},
    },
    "nanan": {"must": {"year.date-missing"}, "may": {"required.other"}},
    "xiamen": {
        "must": {"form.stray-space", "year.date-deadline", "required.responsibility"},
        "may": {"required.other"},
    },
    "xiqing": {
        "must": {
            "required.responsibility",
            "form.abbreviation",
            "form.book-title-comma",
            "year.date-missing",
            "required.shortcoming-reasons",
        },
        "may": {"required.other"},
    },
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_a_published_sample_gives_the_findings_a_reader_agrees_with_and_no_others(prefix):
    findings = findings_of(sample_path(prefix))
    rules = {f.rule for f in findings}
    assert EXPECTED[prefix]["must"] <= rules
    assert rules <= EXPECTED[prefix]["must"] | EXPECTED[prefix]["may"], rules
    errors = [f for f in findings if f.severity.value == "error"]
    assert [f.rule for f in errors] == (["required.responsibility"] if prefix == "xiqing" else [])


def test_the_jiefang_reports_half_width_punctuation_is_quoted_as_the_file_has_it():
    findings = [f for f in findings_of(sample_path("jiefangqu")) if f.rule == "form.halfwidth-punct"]
    assert len(findings) >= 10
    text = sample_path("jiefangqu").read_text(encoding="utf-8")
    assert all(f.excerpt in text and f.line for f in findings)


PLANTED = [
    ("nanan", "化解74件，化解率87.1%", "化解74件，化解率78.1%", "figures.rate", "化解率78.1%"),
    ("nanan", "来信369件", "来信396件", "figures.total", "来信396件"),
    ("nanan", "14430人次，办理", "14430人次，其中接访6000次，下访5000次，办理", "figures.total", "下访5000次"),
    ("nanan", "办结率99.96%", "办结率109.96%", "figures.percent", "109.96%"),
    ("nanan", "关于2024年法治政府", "关于2023年法治政府", "year.title", "2023"),
    ("nanan", "四、2025年推进", "四、2024年推进", "year.next-year", "2024"),
    ("nanan", "攻坚。2024年，全区排查", "攻坚。2023年，全区排查", "year.stale", "2023"),
    ("nanan", "二十届三中全会", "十九届六中全会", "stale.plenary", "党的二十大"),
    ("nanan", "依托区群众来访接待中心", "依托XX区群众来访接待中心", "leftover.placeholder", "XX"),
    ("nanan", "三是开展重大事项社会稳定", "四是开展重大事项社会稳定", "form.numbering", "四是"),
    ("nanan", "依法依规开展", "依法依规依法依规开展", "form.doubled-phrase", "依法依规依法依规"),
    ("nanan", "，聘用2名专职", ",聘用2名专职", "form.halfwidth-punct", ",聘用"),
    ("nanan", "“面对面”", "”面对面”", "form.quotes", "”面对面"),
    (
        "jiefangqu",
        "开展新出台的《信访工作条例》培训",
        "开展新出台的《信访条例》培训",
        "stale.regulation",
        "《信访条例》",
    ),
    ("jiefangqu", "二是组织开展《宪法》", "三是组织开展《宪法》", "form.numbering", "三是"),
    ("jincheng", "十九届六中全会精神、", "二十届三中全会精神、", "stale.plenary", "二十届三中全会"),
    ("jincheng", "2022年,我们将继续", "2021年,我们将继续", "year.next-year", "2021"),
    ("xiamen", "2022 年，市信访局坚持", "2022 年，晋城市信访局坚持", "leftover.foreign-unit", "晋城市信访局"),
    (
        "xiamen",
        "分赴各区和部分市直部门",
        "分赴重庆市江北区信访办和部分市直部门",
        "leftover.foreign-unit",
        "江北区信访办",
    ),
    ("xiamen", "2023年3月15日", "2022年3月15日", "year.date-window", "2022年3月15日"),
    ("xiamen", "提高。信访普法宣传工作仍需加强。", "提高。信访普法宣传工作仍需加强", "form.final-stop", "仍需加强"),
    ("xiqing", "（三）大力开展法治培训", "（三）全面推动法治宣传", "form.repeated-heading", "全面推动法治宣传"),
    ("xiqing", "区信访办", "区信访办", "required.responsibility", ""),
    ("nanan", "（三）强化源头治理", "（四）强化源头治理", "form.numbering", "（四）强化源头治理"),
    ("jiefangqu", "## 四、2024年度", "## 五、2024年度", "form.numbering", "五、2024年度"),
    ("xiamen", "（二）提升干部法治素养", "（一）提升干部法治素养", "form.numbering", "（一）提升干部法治素养"),
    ("nanan", "来访707件，来信369件", "来访707件、来信369件，共计3000件", "figures.sum", "共计3000件"),
]


@pytest.mark.parametrize(
    ("prefix", "old", "new", "rule", "excerpt"), PLANTED, ids=[p[3] + ":" + p[2][:12] for p in PLANTED]
)
def test_a_fault_planted_in_a_real_report_is_found(tmp_path, prefix, old, new, rule, excerpt):
    source = sample_path(prefix)
    text = source.read_text(encoding="utf-8")
    assert old in text
    planted = tmp_path / source.name
    planted.write_text(text.replace(old, new, 1), encoding="utf-8")
    before = {(f.rule, f.excerpt) for f in findings_of(source)}
    found = [f for f in findings_of(planted) if f.rule == rule and excerpt in f.excerpt]
    assert found
    if old != new:
        assert any((f.rule, f.excerpt) not in before for f in found)
        assert all(f.excerpt in planted.read_text(encoding="utf-8") for f in found if f.excerpt and f.line)


def test_an_excerpt_quotes_a_report_with_half_width_commas_as_it_stands(tmp_path):
    source = sample_path("jincheng")
    text = source.read_text(encoding="utf-8").replace(
        "举办专题培训2次。", "举办专题培训2次,排查矛盾纠纷85件,化解74件,化解率78.1%。", 1
    )
    planted = tmp_path / source.name
    planted.write_text(text, encoding="utf-8")
    [finding] = [f for f in findings_of(planted) if f.rule == "figures.rate"]
    assert finding.excerpt == "85件,化解74件,化解率78.1%"
    assert finding.line is not None


def test_fzbg_check_on_a_report_file_prints_json_and_exits_by_its_errors(tmp_path, capsys):
    assert main(["check", str(sample_path("nanan")), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {f["rule"] for f in out} <= {"year.date-missing", "required.other"}
    assert main(["check", str(sample_path("xiqing")), "--json"]) == 1
    json.loads(capsys.readouterr().out)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert main(["check", str(empty)]) == 2
    assert capsys.readouterr().err.startswith("fzbg: ")


def test_samples_folder_is_where_the_tests_expect_it():
    assert len(list(SAMPLES.glob("*.txt"))) >= 5


def test_a_docx_report_is_checked_through_the_importer_too(tmp_path):
    import docx

    document = docx.Document()
    for line in sample_path("nanan").read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line.replace("化解率87.1%", "化解率78.1%"))
    path = tmp_path / "南岸区.docx"
    document.save(str(path))
    [finding] = [f for f in findings_of(path) if f.rule == "figures.rate"]
    assert finding.excerpt == "85件，化解74件，化解率78.1%"
    assert finding.section_heading == "一、2024年推进法治政府建设的主要举措和成效"


def test_a_short_excerpt_is_placed_on_its_own_line_not_at_its_first_occurrence(tmp_path):
    source = sample_path("nanan")
    planted = tmp_path / source.name
    planted.write_text(source.read_text(encoding="utf-8").replace("四、2025年推进", "四、2024年推进"), encoding="utf-8")
    [finding] = [f for f in findings_of(planted) if f.rule == "year.next-year"]
    lines = planted.read_text(encoding="utf-8").splitlines()
    assert lines[finding.line - 1].startswith("四、2024年推进")


TITLE_YEARS = [
    ("jiefangqu", "关于 2023 年法治", "关于 2022 年法治", "2022"),
    ("xiqing", "区信访办2022年度法治政府建设情况报告", "区信访办2021年度法治政府建设情况报告", "2021"),
]


@pytest.mark.parametrize(("prefix", "old", "new", "year"), TITLE_YEARS)
def test_a_wrong_title_year_is_reported_once_against_the_bodys_own_year(tmp_path, prefix, old, new, year):
    source = sample_path(prefix)
    planted = tmp_path / source.name
    planted.write_text(source.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    year_findings = [f for f in findings_of(planted) if f.rule.startswith("year.") and f.rule != "year.date-missing"]
    assert [(f.rule, f.excerpt) for f in year_findings] == [("year.title", year)]
