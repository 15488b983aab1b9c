"""Borrowed wording follows the user's unit: level words (全区/全县/全市, 区委/县委), body words (局党组/办党组)
and other units' document titles, both when phrases are fitted and as a check on finished text.

Sentences come from the five sample reports (resources/samples): 解放区 and 南岸区 and 西青区 are 区, 晋城市 and
厦门市 are 市; 南岸 and 西青 are 办, the others 局.
"""

from __future__ import annotations

import pytest

from app.checks import apply_fix, run_checks
from app.core.admin_level import level_words, org_words, unit_level, unit_org
from app.core.model import Draft, Item, Meta, Paragraph, SectionKind
from app.library.generalise import UnitNames, generalise
from app.library.phrase import fill_placeholders
from app.render.pack import load_pack


@pytest.mark.parametrize(
    ("unit", "level", "org"),
    [
        ("阳城县信访局", "县", "局"),
        ("焦作市解放区信访局", "区", "局"),
        ("重庆市南岸区信访办公室", "区", "办"),
        ("天津市西青区信访办", "区", "办"),
        ("晋城市信访局", "市", "局"),
        ("厦门市人民政府信访局", "市", "局"),
        ("山西省信访局", "省", "局"),
        ("达尔罕茂明安联合旗信访局", "旗", "局"),
        ("某某委员会", "", "委"),
        ("区信访办", "区", "办"),
        ("", "", ""),
    ],
)
def test_a_units_level_and_body_come_from_its_name(unit: str, level: str, org: str) -> None:
    assert (unit_level(unit), unit_org(unit)) == (level, org)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("面向全区党员干部广泛开展教育培训", ["全区"]),
        ("在区委、区政府的正确领导下", ["区", "区"]),
        ("根据区委依法治区办工作要求", ["区", "依法治区"]),
        ("依托区群众来访接待中心设立人民调解委员会", ["区"]),
        ("细化、规范市信访联席会议的职责及工作机制", ["市"]),
        ("深入社区委员会、城市政府、各区和新区开展宣传", []),  # 社区委员会, 城市, 各区, 新区 are other words
        ("组织区级信访业务评查，面向县级干部", []),  # a rank, not a level's own word
        ("自治区人民政府", []),
    ],
)
def test_level_words_are_told_from_other_words(text: str, found: list[str]) -> None:
    assert [text[w.start : w.end] for w in level_words(text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("局党组从提升政治站位入手", ["局"]),
        ("作为全办重点工作抓实抓牢", ["全办"]),
        ("带领办领导班子", ["办"]),
        ("顾全大局，督办交办，举办培训", []),
    ],
)
def test_body_words_are_told_from_other_words(text: str, found: list[str]) -> None:
    assert [text[w.start : w.end] for w in org_words(text)] == found


# (source unit, sentence as that report wrote it, user's unit, what the user's draft gets)
FITTED = [
    (
        "焦作市解放区信访局",
        "面向全区党员干部广泛开展教育培训。",
        "阳城县信访局",
        "面向全县党员干部广泛开展教育培训。",
    ),
    (
        "重庆市南岸区信访办公室",
        "一是依托区群众来访接待中心设立南岸区人民调解委员会派驻信访部门调解工作室。",
        "阳城县信访局",
        "一是依托县群众来访接待中心设立阳城县人民调解委员会派驻信访部门调解工作室。",
    ),
    (
        "晋城市信访局",
        "以《信访工作条例》出台为契机，细化、规范市信访联席会议的职责及工作机制。",
        "阳城县信访局",
        "以《信访工作条例》出台为契机，细化、规范县信访联席会议的职责及工作机制。",
    ),
    (
        "天津市西青区信访办",
        "办党组始终把学习贯彻习近平法治思想作为全办重点工作抓实抓牢。",
        "阳城县信访局",
        "局党组始终把学习贯彻习近平法治思想作为全局重点工作抓实抓牢。",
    ),
    (
        "焦作市解放区信访局",
        "在区委、区政府的正确领导和市信访局的有力指导下，全面推进法治政府建设。",
        "晋城市信访局",
        "在市委、市政府的正确领导和市信访局的有力指导下，全面推进法治政府建设。",
    ),
    (
        "晋城市信访局",
        "严格落实《晋城市人民政府重大事项决策程序规则》，局党组进一步细化制定了实施办法。",
        "阳城县信访局",
        "严格落实《××县人民政府重大事项决策程序规则》，局党组进一步细化制定了实施办法。",
    ),
    (
        "晋城市信访局",
        "严格按照《晋城市依法分类处理信访投诉请求工作规程实施细则》工作。",
        "重庆市南岸区信访办公室",
        "严格按照《××区依法分类处理信访投诉请求工作规程实施细则》工作。",
    ),
    (
        "厦门市人民政府信访局",
        "认真抓好落实《厦门市法治政府建设实施方案（2021-2025）》。",
        "阳城县信访局",
        "认真抓好落实《××县法治政府建设实施方案（2021-2025）》。",
    ),
]


@pytest.mark.parametrize(("source", "sentence", "unit", "expected"), FITTED)
def test_borrowed_wording_speaks_of_the_users_unit_and_never_names_its_documents(
    source: str, sentence: str, unit: str, expected: str
) -> None:
    phrase = generalise(sentence, UnitNames.derive(source, 2022))
    assert phrase is not None
    text, _ = fill_placeholders(phrase, Meta(unit_name=unit, year=2025))
    assert text == expected


def test_a_borrowed_document_title_is_a_blank_the_checks_call_an_error() -> None:
    phrase = generalise("严格落实《晋城市人民政府重大事项决策程序规则》。", UnitNames.derive("晋城市信访局", 2021))
    assert phrase is not None
    draft = _draft("阳城县信访局", fill_placeholders(phrase, Meta(unit_name="阳城县信访局", year=2025))[0])
    errors = [f for f in run_checks(draft) if f.severity.value == "error" and f.rule == "leftover.placeholder"]
    assert [f.excerpt for f in errors] == ["××"]


def _draft(unit: str, *paragraphs: str) -> Draft:
    draft = load_pack("regulation").new_draft(unit, "我局", 2025)
    measures = next(s for s in draft.sections if s.kind is SectionKind.MEASURES)
    measures.items = [Item("（一）加强学习", [Paragraph(p) for p in paragraphs])]
    return draft


# (user's unit, finished sentence, what the fix makes of it)
CHECKED = [
    ("阳城县信访局", "面向全区党员干部广泛开展教育培训。", "面向全县党员干部广泛开展教育培训。"),
    ("阳城县信访局", "在区委、区政府的正确领导下开展工作。", "在县委、县政府的正确领导下开展工作。"),
    (
        "阳城县信访局",
        "办党组始终把学习贯彻习近平法治思想作为重点工作。",
        "局党组始终把学习贯彻习近平法治思想作为重点工作。",
    ),
    ("焦作市解放区信访局", "全县信访总量2890件。", "全区信访总量2890件。"),
    ("晋城市信访局", "在全区范围内形成了良好氛围。", "在全市范围内形成了良好氛围。"),
    ("重庆市南岸区信访办公室", "局领导带头现场宣传。", "办领导带头现场宣传。"),
]


@pytest.mark.parametrize(("unit", "sentence", "fixed"), CHECKED)
def test_a_level_or_body_word_of_another_unit_is_a_finding_with_a_fix(unit: str, sentence: str, fixed: str) -> None:
    draft = _draft(unit, sentence)
    findings = [f for f in run_checks(draft) if f.rule == "leftover.level"]
    assert findings, sentence
    for finding in reversed(findings):  # from the end, so earlier offsets stay valid
        assert finding.fix is not None
        apply_fix(draft, finding.fix)
    assert draft.all_paragraphs()[-1].text == fixed or any(p.text == fixed for p in draft.all_paragraphs())
    assert not [f for f in run_checks(draft) if f.rule == "leftover.level"]


@pytest.mark.parametrize(
    ("unit", "sentence"),
    [
        ("阳城县信访局", "认真贯彻落实市委、市政府决策部署，参加全市信访工作会议。"),  # the superior city
        ("焦作市解放区信访局", "面向全区县级干部发放资料。"),  # 县级 is a rank
        ("阳城县信访局", "学习借鉴重庆市南岸区信访办公室的经验。"),  # another unit named on purpose
        ("晋城市信访局", "指导各区县做好信访工作，印发《全区信访工作要点》。"),  # lower levels and a title
        ("阳城县信访局", "顾全大局，督办交办事项。"),
    ],
)
def test_words_that_speak_rightly_of_another_level_are_not_findings(unit: str, sentence: str) -> None:
    assert not [f for f in run_checks(_draft(unit, sentence)) if f.rule == "leftover.level"]
