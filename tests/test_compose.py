"""Draft → document blocks through the template pack's sandboxed Jinja."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from app.core.errors import TemplateError
from app.core.model import Item, Paragraph, SectionKind
from app.render.blocks import Role
from app.render.compose import compose, date_text, signature_indents
from app.render.numbering import chinese_numeral, heading_number
from app.render.pack import list_packs, load_pack, load_pack_from
from app.render.title import break_title


def sample_draft(pack: str = "regulation"):
    draft = load_pack(pack).new_draft(
        "晋城市信访局", "我局", 2025, "中共晋城市委、晋城市人民政府", dt.date(2026, 2, 20)
    )
    draft.preamble = [Paragraph("2025年，市信访局坚持依法行政。现将有关情况报告如下：")]
    measures = draft.sections[0]
    measures.items = [
        Item("学法普法", [Paragraph("全年组织学习9次。")]),
        Item(
            "依法决策",
            [Paragraph("坚持集体研究。")],
            children=[Item("健全制度。", [Paragraph("修订3项。")], run_in=True)],
        ),
    ]
    return draft


def test_both_required_orders_are_shipped() -> None:
    ids = {p.id for p in list_packs()}
    assert {"regulation", "responsibility-first"} <= ids
    assert load_pack("responsibility-first").sections[0].kind is SectionKind.RESPONSIBILITY
    kinds = [s.kind for s in load_pack("regulation").sections]
    assert kinds == [
        SectionKind.MEASURES,
        SectionKind.SHORTCOMINGS,
        SectionKind.RESPONSIBILITY,
        SectionKind.PLANS,
        SectionKind.OTHER,
    ]


def test_default_headings_use_the_report_year_and_the_next() -> None:
    headings = [s.heading for s in sample_draft().sections]
    assert headings[0] == "2025年推进法治政府建设的主要举措和成效"
    assert headings[3] == "2026年推进法治政府建设的主要安排"


def test_numbers_follow_position_so_reordering_renumbers() -> None:
    draft = sample_draft()
    texts = [b.text for b in compose(draft)]
    assert "（一）学法普法" in texts and "（二）依法决策" in texts
    assert "1.健全制度。修订3项。" in texts
    draft.sections[0].items.reverse()
    texts = [b.text for b in compose(draft)]
    assert "（一）依法决策" in texts and "（二）学法普法" in texts


def test_a_run_in_heading_shares_its_paragraph_with_the_text() -> None:
    block = next(b for b in compose(sample_draft()) if b.text.startswith("1.健全制度"))
    assert block.role is Role.BODY
    assert [r.role for r in block.runs] == [Role.HEADING3, Role.BODY]


def test_the_document_runs_from_title_to_date() -> None:
    blocks = compose(sample_draft())
    assert blocks[0].role is Role.TITLE and "2025年" in blocks[0].text
    assert blocks[1].text == "中共晋城市委、晋城市人民政府："
    assert blocks[-2].role is Role.SIGNATURE and blocks[-2].text == "晋城市信访局"
    assert blocks[-1].role is Role.DATE and blocks[-1].text == "2026年2月20日"


def test_user_text_is_data_never_a_template() -> None:
    draft = sample_draft()
    hostile = "{{ 7*7 }} {% for x in range(3) %}x{% endfor %} & < > \" ' 😀\t{# c #}"
    draft.sections[0].items[0].paragraphs = [Paragraph(hostile)]
    assert hostile in [b.text for b in compose(draft)]


def test_a_newline_in_a_paragraph_makes_two_paragraphs() -> None:
    draft = sample_draft()
    draft.closing = [Paragraph("第一段。\n第二段。")]
    texts = [b.text for b in compose(draft)]
    assert "第一段。" in texts and "第二段。" in texts


def test_heading_numbers() -> None:
    assert [chinese_numeral(n) for n in (1, 10, 11, 20, 21, 99, 100, 105, 110, 1001, 3000, 2019)] == [
        "一",
        "十",
        "十一",
        "二十",
        "二十一",
        "九十九",
        "一百",
        "一百零五",
        "一百一十",
        "一千零一",
        "三千",
        "二千零一十九",
    ]
    assert [heading_number(level, 3) for level in (1, 2, 3, 4)] == ["三、", "（三）", "3.", "（3）"]


def test_date_has_no_leading_zeros() -> None:
    assert date_text(dt.date(2024, 5, 8)) == "2024年5月8日"


def test_the_date_starts_two_characters_right_of_the_signature() -> None:
    sig, date = "某某县人民政府信访局", "2026年2月8日"  # 10 chars; 2 + 1 + .5 + 1 + .5 + 1 = 6
    sig_right, date_right = signature_indents(sig, date)
    assert sig_right == 2.0
    assert (28 - sig_right - 10) + 2 == 28 - date_right - 6


def test_a_date_longer_than_the_signature_keeps_two_characters_from_the_margin() -> None:
    sig_right, date_right = signature_indents("信访局", "2026年12月28日")
    assert date_right == 2.0
    assert (28 - sig_right - 3) + 2 == 28 - date_right - 7


def test_long_titles_break_into_a_trapezoid_without_splitting_a_year() -> None:
    lines = break_title("天津市西青区人民政府信访办公室关于2022年法治政府建设情况的报告").split("\n")
    assert len(lines) == 2 and len(lines[0]) >= len(lines[1]) - 1
    assert all(len(line) <= 20 for line in lines)
    assert "2022" in "".join(lines) and not lines[0].endswith("20")


def test_a_pack_that_prints_outside_emit_is_refused(tmp_path: Path) -> None:
    pack_dir = tmp_path / "bad"
    pack_dir.mkdir()
    (pack_dir / "manifest.toml").write_text('name = "bad"\n', encoding="utf-8")
    (pack_dir / "report.j2").write_text("hello", encoding="utf-8")
    with pytest.raises(TemplateError, match="emit"):
        compose(sample_draft(), load_pack_from(pack_dir))


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ ''.__class__ }}",
        "{{ lipsum.__globals__ }}",
        "{{ cycler.__init__.__globals__.os.system('echo hi') }}",
        "{% include '../../../etc/passwd' %}",
        "{% include '/etc/passwd' %}",
        "{% import '../x' as x %}",
        "{% extends '../../x.j2' %}",
        "{% from '/etc/passwd' import a %}",
        "{{ range(10**9) | list }}",
        "{{ 1 / 0 }}",
        "{{ undefined_name }}",
    ],
)
def test_a_pack_cannot_escape_its_sandbox(tmp_path: Path, source: str) -> None:
    pack_dir = tmp_path / "evil"
    pack_dir.mkdir()
    (pack_dir / "manifest.toml").write_text('name = "evil"\n', encoding="utf-8")
    (pack_dir / "report.j2").write_text(source, encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        compose(sample_draft(), load_pack_from(pack_dir))
    message = caught.value.message
    assert message.startswith("模板") and "evil" in message and "\n" not in message
    assert "root:" not in message


@pytest.mark.parametrize("title", ["{{ ''.__class__ }}", "{% include '/etc/passwd' %}", "{% import '../x' as x %}"])
def test_a_pack_title_string_cannot_escape_the_sandbox_either(tmp_path: Path, title: str) -> None:
    pack_dir = tmp_path / "evil"
    shutil.copytree(load_pack("regulation").folder, pack_dir)
    manifest = pack_dir / "manifest.toml"
    lines = [ln for ln in manifest.read_text("utf-8").splitlines() if not ln.startswith("title")]
    manifest.write_text(f"title = {json.dumps(title)}\n" + "\n".join(lines) + "\n", encoding="utf-8")
    draft = sample_draft()
    draft.meta.title = ""  # the pack's title is used
    with pytest.raises(TemplateError, match="无法生成"):
        compose(draft, load_pack_from(pack_dir))
