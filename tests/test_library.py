"""The shipped phrase library: generalised, tagged, with provenance, rebuilt identically; placeholders
filled for a draft with its example figures located."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from app.core.model import Meta, Origin, SectionKind
from app.library.extract import TOPICS
from app.library.generalise import UnitNames, generalise, names_a_person
from app.library.phrase import EXAMPLE_CLOSE, EXAMPLE_OPEN, PhraseKind, fill_placeholders, phrase_paragraph
from app.library.shipped import SAMPLES, SHIPPED_LIBRARY, build_phrases, library_json, load_phrases

MANIFEST = tomllib.loads((SAMPLES / "samples.toml").read_text("utf-8"))


@pytest.fixture(scope="module")
def phrases():
    return load_phrases()


def test_the_shipped_library_is_what_the_build_makes_from_the_samples() -> None:
    assert library_json(build_phrases()) == SHIPPED_LIBRARY.read_bytes()


def test_the_library_has_every_kind_of_phrase_for_every_canonical_part(phrases) -> None:
    kinds = {p.kind for p in phrases}
    assert kinds == set(PhraseKind)
    for section in (SectionKind.MEASURES, SectionKind.RESPONSIBILITY, SectionKind.SHORTCOMINGS, SectionKind.PLANS):
        headings = [p for p in phrases if p.section is section and p.kind is PhraseKind.HEADING]
        assert headings, section


def test_no_phrase_names_its_source_bureau_or_place_or_a_person(phrases) -> None:
    for p in phrases:
        for source in p.sources:
            facts = MANIFEST[source.report]
            for name in (facts["unit"], *facts["aliases"], *facts["regions"]):
                assert name not in p.text, (name, p.text)
        for person in ("安旭敏", "林武", "王震"):
            assert person not in p.text
        assert not names_a_person(p.text)


def test_no_phrase_carries_the_years_of_its_source(phrases) -> None:
    for p in phrases:
        for source in p.sources:
            year = MANIFEST[source.report]["year"]
            for y in (year - 1, year, year + 1):
                # A span such as 2021—2025 names a plan, not the report year, and may stay.
                assert not re.search(rf"(?<![\d—\-]){y}(?![\d—\-])", p.text), (y, p.text)


def test_each_phrase_carries_provenance_and_tags(phrases) -> None:
    reports = {path.name for path in SAMPLES.glob("*.txt")}
    for p in phrases:
        assert p.sources and all(s.report in reports for s in p.sources)
        assert p.topics and set(p.topics) <= {*TOPICS, "综合"}
        if p.kind not in (PhraseKind.PREAMBLE, PhraseKind.FORMULA):
            assert p.section is not None
            assert all(s.section for s in p.sources)


def test_figures_of_the_source_stay_visible_but_marked_as_examples(phrases) -> None:
    with_total = [p for p in phrases if "2890件3846人" in p.text]
    assert with_total
    assert all(f"{EXAMPLE_OPEN}2890件3846人{EXAMPLE_CLOSE}" in p.text for p in with_total)
    assert any(f"{EXAMPLE_OPEN}95.29%{EXAMPLE_CLOSE}" in p.text for p in phrases)


def test_near_duplicates_merge_into_one_phrase_with_each_source() -> None:
    phrases = load_phrases()
    plans = [p for p in phrases if p.kind is PhraseKind.HEADING and p.text == "下一步工作打算"]
    assert len(plans) == 1
    assert {s.report for s in plans[0].sources} == {"xiamen-xinfangju-2022.txt", "xiqing-xinfangban-2022.txt"}


def test_generalising_replaces_own_names_years_and_marks_figures() -> None:
    names = UnitNames.derive("阳城县信访局", 2023, regions=["阳城"])
    text = generalise("2023年，县信访局在阳城县开展宣传12场，2024年我局将继续推进《纲要（2021—2025年）》。", names)
    assert text == ("{年度}年，{单位}在{地区}开展宣传⟦12场⟧，{下一年度}年{自称}将继续推进《纲要（2021—2025年）》。")
    assert generalise("局党组书记、局长张三丰同志带头学法。", names) is None


def test_filling_placeholders_gives_the_drafts_names_and_the_example_spans() -> None:
    meta = Meta(unit_name="阳城县信访局", self_ref="我局", year=2025)
    text, spans = fill_placeholders("{年度}年{单位}共办理⟦120件⟧，{自称}在{地区}、{下一年度}年⟦3次⟧。", meta)
    assert text == "2025年阳城县信访局共办理120件，我局在阳城县、2026年3次。"
    assert [text[a:b] for a, b in spans] == ["120件", "3次"]


def test_a_phrase_becomes_a_paragraph_marked_with_its_origin_and_examples(phrases) -> None:
    phrase = next(p for p in phrases if "2890件3846人" in p.text)
    paragraph = phrase_paragraph(phrase, Meta(unit_name="某区信访局", year=2025))
    assert paragraph.source.origin is Origin.PHRASE and paragraph.source.ref == phrase.id
    assert "2890件3846人" in paragraph.source.examples
    assert "{" not in paragraph.text and EXAMPLE_OPEN not in paragraph.text
    assert "2025年" in paragraph.text


def test_the_shipped_library_file_is_readable_by_everyone() -> None:
    assert SHIPPED_LIBRARY.stat().st_mode & 0o044 == 0o044


def test_a_library_built_from_other_samples_goes_where_it_is_told(tmp_path: Path) -> None:
    samples = tmp_path / "samples"
    samples.mkdir()
    (samples / "a.txt").write_text(
        "某县信访局关于2023年法治政府建设情况的报告\n一、主要举措和成效\n（一）加强法治宣传。全年开展宣传活动12场，覆盖群众3000余人次。\n"
        "二、下一步工作打算\n继续加强法治宣传，提升群众依法信访意识。\n",
        encoding="utf-8",
    )
    from app.library.shipped import build_library

    target = tmp_path / "lib.json"
    phrases = build_library(samples, target)
    assert target.is_file() and phrases
    assert all("某县" not in p.text and "2023" not in p.text for p in phrases)
    assert any("⟦12场⟧" in p.text for p in phrases)


def test_a_local_document_title_with_the_place_name_is_an_example_with_a_blank_for_the_place() -> None:
    names = UnitNames.derive("天津市西青区信访办", 2022)
    text = generalise("严格落实《天津市人民政府重大事项决策程序规则》。", names)
    assert text == "严格落实⟦《{地区}人民政府重大事项决策程序规则》⟧。"
    filled, spans = fill_placeholders(text, Meta(unit_name="阳城县信访局", year=2025))
    # Another unit's document is not the user's: its issuer is a visible blank, never 阳城县 invented.
    assert [filled[a:b] for a, b in spans] == ["《××县人民政府重大事项决策程序规则》"]
