"""Property-based, through the real writers: whatever text a draft holds, `render_docx` and `render_pdf` either
write a file that python-docx, pypdf and LibreOffice open with the text in it, or fail with one clear
message and leave the target as it was. User text is never evaluated as a template.

CI runs a fixed set of examples (derandomized); a longer run: FZBG_FUZZ_EXAMPLES=500 uv run pytest
tests/test_hostile_render.py (the LibreOffice batch takes a tenth of that number, at least 20).
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from app.core.draft_file import load_draft, save_draft
from app.core.errors import UserError
from app.core.model import MAX_ITEM_DEPTH, Draft, Item, Meta, Paragraph, Section, SectionKind
from app.render.blocks import Role, blocks_text
from app.render.compose import compose
from app.render.docx_writer import render_docx
from app.render.pack import load_pack
from app.render.pdf import render_pdf
from tests.conftest import convert_to_pdf
from tests.pdf_probe import page_texts, squeeze

EXAMPLES = int(os.environ.get("FZBG_FUZZ_EXAMPLES", "40"))
LO_EXAMPLES = max(20, EXAMPLES // 10)

JINJA_BITS = ["{{", "}}", "{%", "%}", "{#", "#}", "{{ 7*7 }}", "{% raw %}", "{% endraw %}", "{{ self }}"]
JINJA_BITS += ["{{ ''.__class__.__mro__ }}", "{% include '/etc/passwd' %}", "{% import '../x' as x %}"]
MARKUP_BITS = ["&", "<", ">", '"', "'", "&amp;", "<w:t>", "]]>", "<!ENTITY x 'y'>", "\t", "\n", "\r\n"]
CONTROL_BITS = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\ufeff", "\ufffe", "\uffff"]
ASTRAL_BITS = ["😀", "𠀀", "𪚥", "🀄", "\U0010fffd", "\U0001f1e8\U0001f1f3"]
SURROGATES = ["\ud800", "\udfff", "\udc80x"]  # Python strings can hold lone surrogates; UTF-8 cannot
BITS = JINJA_BITS + MARKUP_BITS + CONTROL_BITS + ASTRAL_BITS + SURROGATES

hostile_text = st.lists(
    st.one_of(st.text(max_size=30), st.sampled_from(BITS), st.text("信访法治，。、；：“”（）0123456789", max_size=20)),
    max_size=10,
).map("".join)


@st.composite
def hostile_drafts(draw: st.DrawFn) -> Draft:
    """A whole draft with hostile text in every field the writers print: meta, preamble, headings at every
    level, run-in headings, tables and the closing."""
    draft = load_pack("regulation").new_draft("某县信访局", "我局", 2025, date=dt.date(2026, 2, 1))
    draft.meta = Meta(
        unit_name=draw(hostile_text),
        self_ref=draw(hostile_text),
        year=2025,
        title=draw(hostile_text),
        addressee=draw(hostile_text),
        signature=draw(hostile_text),
        date=draw(st.none() | st.just(dt.date(2026, 2, 1))),
    )
    paras = st.lists(hostile_text.map(Paragraph), max_size=3)
    draft.preamble = draw(paras)

    def items(depth: int) -> st.SearchStrategy[list[Item]]:
        children = items(depth + 1) if depth < MAX_ITEM_DEPTH else st.just([])
        return st.lists(
            st.builds(Item, hostile_text, paras, children, st.booleans()),
            max_size=3 if depth == 1 else 2,
        )

    for section in draft.sections:
        section.heading = draw(hostile_text)
        section.preamble = draw(paras)
        section.items = draw(items(1))
    table = draw(st.lists(st.lists(hostile_text, min_size=1, max_size=3), max_size=3))
    if table:
        draft.sections.append(Section(SectionKind.CUSTOM, draw(hostile_text), [Paragraph(table=table)]))
    draft.closing = draw(paras)
    return draft


def check_docx(target: Path, draft: Draft) -> None:
    """python-docx opens it and every block's text is there, in order and literally."""
    document = docx.Document(str(target))
    blocks = compose(draft)
    expected = [b.text for b in blocks if b.role is not Role.TABLE]
    assert [p.text for p in document.paragraphs] == expected
    tables = [b.rows for b in blocks if b.role is Role.TABLE]
    got = [tuple(tuple(c.text for c in row.cells) for row in t.rows) for t in document.tables]
    assert got == [tuple(r + ("",) * (max(map(len, rows)) - len(r)) for r in rows) for rows in tables]


def check_pdf(target: Path, pages: int) -> None:
    reader = PdfReader(target)
    assert len(reader.pages) == pages >= 1
    assert target.read_bytes().rstrip().endswith(b"%%EOF")


def write_both(draft: Draft, folder: Path, name: str) -> tuple[Path | None, Path | None]:
    """Renders DOCX and PDF over an existing file each; returns the paths written (None where refused, and then
    the old file must be intact and no temporary file left)."""
    out: list[Path | None] = []
    for suffix, render in ((".docx", render_docx), (".pdf", render_pdf)):
        target = folder / f"{name}{suffix}"
        target.write_bytes(b"the previous version")
        try:
            result = render(draft, target)
        except UserError as exc:
            assert exc.message and "\n" not in exc.message and "Traceback" not in exc.message
            assert target.read_bytes() == b"the previous version"
            out.append(None)
        else:
            if suffix == ".docx":
                check_docx(target, draft)
            else:
                check_pdf(target, result)
            out.append(target)
        assert not list(folder.glob(".*.tmp")), "a temporary file was left behind"
    return out[0], out[1]


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(hostile_drafts())
def test_any_draft_renders_to_docx_and_pdf_or_is_refused_cleanly(tmp_path_factory, draft: Draft) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    docx_path, pdf_path = write_both(draft, folder, "报告")
    # Nothing in these drafts is beyond the writers: refusing any of them would be a bug.
    assert docx_path is not None and pdf_path is not None
    # Saved and read back, the draft prints the same document.
    save_draft(draft, folder / "报告.fzbg")
    assert blocks_text(compose(load_draft(folder / "报告.fzbg"))) == blocks_text(compose(draft))


def test_template_syntax_in_every_field_is_printed_literally(tmp_path: Path) -> None:
    jinja = "{{ 7*7 }}{% if true %}真{% endif %}{# 注 #}{{ ''.__class__ }}{% include '/etc/passwd' %}"
    draft = load_pack("regulation").new_draft(jinja, jinja, 2025, jinja, dt.date(2026, 2, 1))
    draft.meta.title = draft.meta.signature = jinja
    draft.preamble = [Paragraph(jinja)]
    draft.sections[0].heading = jinja
    draft.sections[0].items = [Item(jinja, [Paragraph(jinja)], [Item(jinja, [Paragraph(jinja)])])]
    docx_path, pdf_path = write_both(draft, tmp_path, "模板语法")
    assert docx_path is not None and pdf_path is not None
    text = "\n".join(p.text for p in docx.Document(str(docx_path)).paragraphs)
    assert text.count(jinja) >= 6 and "49" not in text and "root:" not in text and "<class" not in text


def hundred_thousand_char_paragraph() -> Draft:
    draft = load_pack("regulation").new_draft("某县信访局", "我局", 2025, date=dt.date(2026, 2, 1))
    draft.sections[0].items = [Item("长段", [Paragraph(("长文&<>{{ x }}" * 10_000)[:100_000])])]
    return draft


def thousands_of_items() -> Draft:
    draft = load_pack("regulation").new_draft("某县信访局", "我局", 2025, date=dt.date(2026, 2, 1))
    draft.sections[0].items = [
        Item(f"第{i}项<&>", [Paragraph(f"内容{i}{{{{ i }}}}。")], [Item(f"子项{i}", [Paragraph("子。")])])
        for i in range(3000)
    ]
    return draft


@pytest.mark.parametrize("make", [hundred_thousand_char_paragraph, thousands_of_items], ids=lambda f: f.__name__)
def test_huge_drafts_render_whole(tmp_path: Path, make) -> None:
    draft = make()
    docx_path, pdf_path = write_both(draft, tmp_path, "大")
    assert docx_path is not None and pdf_path is not None
    assert len(PdfReader(pdf_path).pages) > 50  # a long report, laid out whole


def test_a_render_that_fails_midway_leaves_no_file_at_a_new_target(tmp_path: Path, monkeypatch) -> None:
    from app.render import pdf

    def broken(layout):
        raise UserError("无法生成 PDF。")

    monkeypatch.setattr(pdf, "pdf_bytes", broken)
    with pytest.raises(UserError):
        render_pdf(hundred_thousand_char_paragraph(), tmp_path / "新.pdf")

    def half_save(self, stream) -> None:
        stream.write(b"PK\x03\x04 half")
        raise ValueError("All strings must be XML compatible")

    monkeypatch.setattr(docx.document.Document, "save", half_save)
    with pytest.raises(UserError, match="文档无法生成"):
        render_docx(hundred_thousand_char_paragraph(), tmp_path / "新.docx")
    assert list(tmp_path.iterdir()) == []


# --- LibreOffice, a real client, opens what was written -------------------------------------------------------


def lo_cases() -> dict[str, Draft]:
    """LO_EXAMPLES hypothesis drafts (the same every run) plus the two huge ones."""
    found: list[Draft] = []

    @settings(max_examples=LO_EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(hostile_drafts())
    def collect(draft: Draft) -> None:
        found.append(draft)

    collect()
    cases = {f"fuzz-{n:03d}": d for n, d in enumerate(found)}
    cases["long-paragraph"] = hundred_thousand_char_paragraph()
    cases["many-items"] = thousands_of_items()
    return cases


@pytest.mark.libreoffice
def test_libreoffice_opens_every_rendered_docx_and_shows_its_text(
    soffice: str, lo_profile: Path, tmp_path: Path
) -> None:
    cases = lo_cases()
    assert len(cases) >= 22
    written = {}
    for name, draft in cases.items():
        docx_path, _ = write_both(draft, tmp_path, name)
        assert docx_path is not None
        written[name] = docx_path
    pdfs = convert_to_pdf(soffice, lo_profile, *written.values())
    for (name, draft), pdf in zip(cases.items(), pdfs, strict=True):
        pages = page_texts(pdf)
        assert pages, name
        shown = "".join(squeeze(t).replace(f"—{n}—", "", 1) for n, t in enumerate(pages, 1))
        expected = squeeze(blocks_text(compose(draft)))
        if name.startswith("fuzz"):
            # Arbitrary scripts are laid out in fallback faces, bidi-reordered and broken at odd spaces, so
            # their extracted order is LibreOffice's business; every Chinese character and digit must be there.
            missing = Counter(_ideographs_and_digits(expected)) - Counter(_ideographs_and_digits(shown))
            assert not missing, (name, missing)
        else:
            assert shown == expected, name


def _ideographs_and_digits(text: str) -> list[str]:
    return [ch for ch in text if "\u4e00" <= ch <= "\u9fff" or "0" <= ch <= "9"]
