"""Every sample report: its outline shows the headings a reader sees, each mapped to the right part,
and importing then rendering it gives back its cleaned text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.importer import cleaned_text, format_outline, import_report
from app.render.blocks import HEADING_ROLES, Block, Role
from app.render.compose import compose

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"
SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))

# Written by reading each sample: the headings as printed, and the part each one stands for.
EXPECTED_OUTLINES = {
    "jiefangqu-xinfangju-2023.txt": """\
1	第一责任人	一、履行推进法治建设第一责任人职责情况
1	举措成效	二、推进法治政府建设的主要举措和成效
2	-	（一）开展主题学习，巩固思想基础。
2	-	（二）加强信访工作法治化宣传。
2	-	（三）加强学习，提高法治化水平。
2	-	（四）规范信访秩序，全面推进信访工作法治化。
1	不足原因	三、存在的不足、原因和问题整改情况
2	-	（一）信访群众缺乏法治观念，滥用信访权利。
2	-	（二）工作人员法治水平仍需提高。
1	下年安排	四、2024年度推进法治政府建设的初步安排
2	-	（一）进一步提高政治站位。
2	-	（二）加强学习培训，提升职工履职能力。
2	-	（三）加强宣传贯彻《信访工作条例》。
2	-	（四）加强信访问题源头治理。""",
    "jincheng-xinfangju-2021.txt": """\
1	第一责任人	一、尊法履职，第一责任人带头推动信访法治建设
1	举措成效	二、2021年度推进法治政府建设的主要举措和成效
2	-	（一）学法普法，不断提高党员干部依法行政的水平
3	-	1、加强法律法规学习。
3	-	2、加强普法宣传教育。
3	-	3、贯彻落实“谁执法谁普法”普法责任制。
3	-	4、强化考核评价和督促检查。
2	-	（二）提高信访法治化水平，不断推动信访诉求化解
3	-	1、依法分类处理信访诉求，不断提高信访诉求办理质效。
3	-	2、以“百日攻坚”专项行动为抓手，全力推进控新治旧。
2	-	（三）全面深化改革，不断推动信访工作制度改革
1	不足原因	三、2021年度推进法治政府建设存在的不足
1	下年安排	四、2022年度推进法治政府建设的计划""",
    "nanan-xinfangban-2024.txt": """\
1	举措成效	一、2024年推进法治政府建设的主要举措和成效
2	-	（一）主动担当作为，扎实办理信访基础业务。
2	-	（二）聚集重点任务，全力推进信访工作法治化。
2	-	（三）强化源头治理，依法推动信访突出问题集中攻坚。
2	-	（四）依托第三方机制，持续开展专业人员参与信访工作。
1	第一责任人	二、2024年党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况
1	不足原因	三、2024年推进法治政府建设存在的不足和原因
2	-	（一）对法治理论学习深度还不够，
2	-	（二）信访工作法治化建设推进还需加力，
2	-	（三）法治宣传力度还需不断加大，
1	下年安排	四、2025年推进法治政府建设的工作思路、目标举措
2	-	（一）加强干部队伍法治素养建设。
2	-	（二）加大普法宣传力度。
2	-	（三）持续推进信访工作法治化建设。""",
    "xiamen-xinfangju-2022.txt": """\
1	举措成效	一、2022年工作情况
2	第一责任人	（一）强化组织领导，深入学习贯彻习近平法治思想。
2	-	（二）依法履行职能，推动群众诉求有效解决。
2	-	（三）提升法治水平，推进改革创新持续深化。
2	-	（四）积极开展宣传，营造依法信访浓厚氛围。
1	不足原因	二、存在问题和不足
1	下年安排	三、下一步工作打算
2	-	（一）依法化解信访问题。
2	-	（二）提升干部法治素养。""",
    "xiqing-xinfangban-2022.txt": """\
1	举措成效	一、推动落实情况
2	-	（一）夯实思想认识。
2	-	（二）全面推动法治宣传。
2	-	（三）大力开展法治培训。
2	-	（四）推进行政决策法治化。
2	-	（五）夯实基层基础，加强源头化解。
2	-	（六）化解法治并重，规范信访秩序。
1	不足原因	二、存在的不足。
1	下年安排	三、下一步工作打算""",
}

EXPECTED_META = {
    # file: (title, unit, year, signature, date)
    "jiefangqu-xinfangju-2023.txt": ("解放区信访局关于2023年法治政府建设情况的报告", "解放区信访局", 2023, "", None),
    "jincheng-xinfangju-2021.txt": (
        "晋城市信访局2021年法治政府建设工作情况报告",
        "晋城市信访局",
        2021,
        "",
        "2021-12-10",
    ),
    "nanan-xinfangban-2024.txt": (
        "重庆市南岸区信访办公室关于2024年法治政府建设情况的报告",
        "重庆市南岸区信访办公室",
        2024,
        "",
        None,
    ),
    "xiamen-xinfangju-2022.txt": (
        "厦门市人民政府信访局关于2022年法治政府建设情况的报告",
        "厦门市人民政府信访局",
        2022,
        "厦门市人民政府信访局",
        "2023-03-15",
    ),
    "xiqing-xinfangban-2022.txt": ("区信访办2022年度法治政府建设情况报告", "区信访办", 2022, "", None),
}

_HALF = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"})


def normalise(text: str) -> str:
    """Whitespace and punctuation width ignored; 1、 and 1. are the same level-3 number."""
    lines = [re.sub(r"^(\d+)[、．.]", r"\1.", line.strip()).translate(_HALF) for line in text.splitlines()]
    return re.sub(r"\s+", "", "".join(lines))


def headings_of(blocks: list[Block]) -> list[tuple[int, str]]:
    out = []
    for block in blocks:
        if block.heading_level is not None:
            out.append((block.heading_level, block.text))
        elif block.role is Role.BODY and block.runs and block.runs[0].role in HEADING_ROLES:
            out.append((HEADING_ROLES.index(block.runs[0].role) + 1, block.runs[0].text))
    return out


def test_there_are_five_samples_with_an_expected_outline_each() -> None:
    assert sorted(p.name for p in SAMPLE_FILES) == sorted(EXPECTED_OUTLINES)


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_the_outline_shows_every_heading_as_printed_mapped_to_its_part(path: Path) -> None:
    assert format_outline(import_report(path).outline) == EXPECTED_OUTLINES[path.name]


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_title_unit_year_signature_and_date_are_recognised(path: Path) -> None:
    meta = import_report(path).draft.meta
    title, unit, year, signature, date = EXPECTED_META[path.name]
    assert (meta.title, meta.unit_name, meta.year, meta.signature) == (title, unit, year, signature)
    assert (meta.date.isoformat() if meta.date else None) == date


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_rendering_an_imported_sample_gives_back_its_cleaned_text_with_the_same_heading_levels(path: Path) -> None:
    imported = import_report(path)
    blocks = compose(imported.draft)
    if not imported.draft.meta.signature:
        # The renderer signs a report in the unit's name where the source printed no signature
        # (GB/T 9704 asks for one); that line is the renderer's, not the source's.
        assert [b.text for b in blocks if b.role is Role.SIGNATURE] == [imported.draft.meta.unit_name]
        blocks = [b for b in blocks if b.role is not Role.SIGNATURE]
    rendered = "\n".join(b.text for b in blocks)
    assert normalise(rendered) == normalise(cleaned_text(imported.cleaned))
    rendered_headings = [(level, normalise(text)) for level, text in headings_of(blocks)]
    source_headings = [(e.level, normalise(e.text)) for e in imported.outline]
    assert rendered_headings == source_headings


def test_imported_paragraphs_are_marked_as_imported_from_their_file() -> None:
    path = SAMPLES / "xiamen-xinfangju-2022.txt"
    paragraphs = import_report(path).draft.all_paragraphs()
    assert paragraphs
    assert {(p.source.origin.value, p.source.ref) for p in paragraphs} == {("imported", path.name)}


def test_the_web_page_junk_and_the_repeated_header_are_not_part_of_the_report() -> None:
    text = cleaned_text(import_report(SAMPLES / "jincheng-xinfangju-2021.txt").cleaned)
    for junk in ("搜索位置", "匹配度", "排序", "发布日期", "发布机构"):
        assert junk not in text
    assert text.count("2021年法治政府建设工作情况报告") == 1


def test_the_converter_artefacts_of_the_markdown_sample_are_undone() -> None:
    text = cleaned_text(import_report(SAMPLES / "jiefangqu-xinfangju-2023.txt").cleaned)
    assert "#" not in text and "- " not in text
    assert "信访工作法治化宣传的重要性" in text  # was 宣 传 across a converter's line break
    assert "同时在信访接待大厅摆放" in text  # was broken across a blank line
    assert "印制200本" in text and "2023 年" not in text
    assert "," not in text and "(" not in text
    assert "“依法依规信访‘路线图’”" in text


def test_the_bookmark_artefact_is_dropped_and_the_run_in_level_one_heading_is_split() -> None:
    imported = import_report(SAMPLES / "xiqing-xinfangban-2022.txt")
    assert "bookmark" not in cleaned_text(imported.cleaned)
    section = imported.draft.sections[1]
    assert section.heading == "存在的不足。"
    assert section.preamble[0].text.startswith("一是普法教育活动开展比较少")


def test_items_nest_under_their_parent_and_run_in_headings_keep_their_text() -> None:
    draft = import_report(SAMPLES / "jincheng-xinfangju-2021.txt").draft
    measures = draft.sections[1]
    first = measures.items[0]
    assert first.heading == "学法普法，不断提高党员干部依法行政的水平" and not first.run_in
    assert [c.heading for c in first.children][:2] == ["加强法律法规学习。", "加强普法宣传教育。"]
    assert first.children[0].run_in and first.children[0].paragraphs[0].text.startswith("充分利用我局")


EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.fzbg")), ids=lambda p: p.stem)
def test_an_imported_sample_has_the_structure_of_the_teams_hand_made_example(example: Path) -> None:
    from app.core.draft_file import load_draft
    from app.core.model import walk_items

    expected = load_draft(example)
    imported = import_report(SAMPLES / (example.stem + ".txt")).draft
    assert (imported.meta.unit_name, imported.meta.year) == (expected.meta.unit_name, expected.meta.year)

    def shape(draft):
        return [(s.kind, s.heading, [(d, i.heading, i.kind) for d, i in walk_items(s.items)]) for s in draft.sections]

    assert shape(imported) == shape(expected)
    text = "".join(p.text for p in imported.all_paragraphs())
    assert normalise(text) == normalise("".join(p.text for p in expected.all_paragraphs()))
