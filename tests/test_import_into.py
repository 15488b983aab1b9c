"""A leader's edits taken back into the draft: draft → DOCX (the real writer) → edits made with python-docx
the way Word stores them (tracked insertions and deletions, a plain edit, a new paragraph, a deleted item,
reordered items) → `fzbg import --into` → a draft whose rendered text is the edited document's."""

from __future__ import annotations

import copy
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from app.cli.main import main
from app.core.draft_file import load_draft, save_draft
from app.core.model import Origin
from app.importer import RevisionState, import_report
from app.importer.reader import read_docx
from app.importer.revised import compare, compare_file, normalise
from app.render.blocks import blocks_text
from app.render.compose import compose
from app.render.docx_writer import render_docx

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "nanan-xinfangban-2024.fzbg"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
WHO = 'w:author="王主任" w:date="2026-02-21T10:00:00Z"'
NEW_PARAGRAPH = "全年共组织律师参与接访120人次，化解疑难信访事项15件。"


def _run(text: str, tag: str = "t") -> str:
    return f'<w:r><w:{tag} xml:space="preserve">{text}</w:{tag}></w:r>'


def _replace_tracked(paragraph, old: str, new: str, rid: int) -> None:
    """Word's tracked replacement inside a paragraph: the old words in w:del, the new in w:ins."""
    text = paragraph.text
    start = text.index(old)
    runs = paragraph._p.findall(qn("w:r"))
    for run in runs:
        paragraph._p.remove(run)
    pieces = (
        _run(text[:start])
        + f'<w:del w:id="{rid}" {WHO}>{_run(old, "delText")}</w:del>'
        + f'<w:ins w:id="{rid + 1}" {WHO}>{_run(new)}</w:ins>'
        + _run(text[start + len(old) :])
    )
    for element in parse_xml(f"<w:body {W}>{pieces}</w:body>"):
        paragraph._p.append(element)


def _delete_tracked(paragraph, rid: int) -> None:
    """A whole paragraph deleted with 修订 on: its runs in w:del, its paragraph mark deleted too."""
    for run in paragraph._p.findall(qn("w:r")):
        text = "".join(t.text or "" for t in run.iter(qn("w:t")))
        deleted = parse_xml(f'<w:del {W} w:id="{rid}" {WHO}>{_run(text, "delText")}</w:del>')
        run.addprevious(deleted)
        paragraph._p.remove(run)
        rid += 1
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:rPr {W}><w:del w:id="{rid}" {WHO}/></w:rPr>'))


def _insert_tracked_after(paragraph, text: str, rid: int) -> None:
    """A new paragraph typed with 修订 on: its text and its paragraph mark inserted."""
    new = copy.deepcopy(paragraph._p)
    for child in list(new):
        if child.tag != qn("w:pPr"):
            new.remove(child)
    new.get_or_add_pPr().append(parse_xml(f'<w:rPr {W}><w:ins w:id="{rid}" {WHO}/></w:rPr>'))
    new.append(parse_xml(f'<w:ins {W} w:id="{rid + 1}" {WHO}>{_run(text)}</w:ins>'))
    paragraph._p.addnext(new)


def _paragraph(document, starts: str):
    return next(p for p in document.paragraphs if p.text.startswith(starts))


def _renumber(paragraph, old: str, new: str) -> None:
    first = paragraph.runs[0]
    assert first.text.startswith(old)
    first.text = new + first.text[len(old) :]


def _edit_like_a_leader(source: Path, target: Path) -> None:
    document = docx.Document(str(source))
    # 1. a figure corrected with 修订 on
    item_one = _paragraph(document, "一是做好来访接待")
    _replace_tracked(item_one, "确保服务态度热情", "确保接待态度热情", 10)
    # 2. a sentence rewritten without 修订
    duty = _paragraph(document, "一是压实责任")
    duty.runs[0].text = duty.runs[0].text.replace("不断强化履职担当", "持续强化履职担当")
    # 3. a new paragraph after item (三) of the measures
    _insert_tracked_after(_paragraph(document, "一是持续开展领导干部下访接访"), NEW_PARAGRAPH, 20)
    # 4. item (四) of the measures deleted, heading and text
    _delete_tracked(_paragraph(document, "（四）依托第三方机制"), 30)
    _delete_tracked(_paragraph(document, "一是依托区群众来访接待中心"), 40)
    # 5. the first two plans swapped (a leader renumbers them by hand)
    first = _paragraph(document, "（一）加强干部队伍法治素养建设")
    second = _paragraph(document, "（二）加大普法宣传力度")
    _renumber(first, "（一）", "（二）")
    _renumber(second, "（二）", "（一）")
    first._p.addprevious(second._p)
    document.save(str(target))


def _document_text(path: Path, state: RevisionState = RevisionState.ACCEPTED) -> str:
    return normalise("\n".join(b.text if b.table is None else str(b.table) for b in read_docx(path, state)))


def make_edited(folder: Path) -> tuple[Path, Path]:
    """The example as a saved draft, and its DOCX as the leader sent it back."""
    draft_path = folder / "南岸区.fzbg"
    save_draft(load_draft(EXAMPLE), draft_path)
    rendered = folder / "南岸区.docx"
    render_docx(load_draft(draft_path), rendered)
    revised = folder / "南岸区（王主任修改）.docx"
    _edit_like_a_leader(rendered, revised)
    return draft_path, revised


@pytest.fixture
def edited(tmp_path: Path) -> tuple[Path, Path]:
    return make_edited(tmp_path)


def test_the_leaders_edits_come_back_into_the_draft(
    edited: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft_path, revised = edited
    out = tmp_path / "南岸区（定稿）.fzbg"
    assert main(["import", str(revised), "--into", str(draft_path), "-o", str(out)]) == 0
    stdout, stderr = capsys.readouterr()
    assert "已按“接受全部修订后的文字”导入" in stderr
    assert "[-不断-]{+持续+}强化履职担当" in stdout
    assert "{+接待+}" in stdout and "调整部分顺序" not in stdout
    assert "移动 第 2 项标题 → 第 1 项标题：加大普法宣传力度。" in stdout
    assert "删除 第 4 项标题：依托第三方机制" in stdout and f"新增 第 3 项：{NEW_PARAGRAPH}" in stdout

    merged = load_draft(out)
    rendered = tmp_path / "merged.docx"
    render_docx(merged, rendered)
    assert _document_text(rendered) == _document_text(revised)

    before = load_draft(draft_path)
    assert [(s.id, s.kind, s.heading) for s in merged.sections] == [(s.id, s.kind, s.heading) for s in before.sections]
    assert merged.meta == before.meta
    measures = merged.sections[0]
    assert [i.heading for i in measures.items] == [i.heading for i in before.sections[0].items[:3]]
    added = measures.items[2].paragraphs[-1]
    assert (added.text, added.source.origin, added.source.ref) == (NEW_PARAGRAPH, Origin.IMPORTED, revised.name)
    plans = merged.sections[3].items
    assert [i.heading for i in plans[:2]] == [i.heading for i in reversed(before.sections[3].items[:2])]
    # Unchanged paragraphs are the draft's own, sources included; a changed one keeps where it came from.
    assert measures.items[1].paragraphs[0].source == before.sections[0].items[1].paragraphs[0].source
    changed = measures.items[0].paragraphs[0]
    assert "确保接待态度热情" in changed.text
    assert changed.source.ref == before.sections[0].items[0].paragraphs[0].source.ref


def test_only_the_chosen_parts_are_applied(edited: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    draft_path, revised = edited
    draft = load_draft(draft_path)
    merge = compare_file(draft, revised)
    titles = [c.title for c in merge.changes]
    assert titles == [s.heading for s in (draft.sections[0], draft.sections[1], draft.sections[3])]
    only_duty = merge.apply({1})
    assert only_duty.sections[0] == draft.sections[0]
    assert "持续强化履职担当" in only_duty.sections[1].preamble[0].text
    assert only_duty.sections[3] == draft.sections[3]
    assert main(["import", str(revised), "--into", str(draft_path)]) == 0  # without -o: a listing only
    assert "[2]" in capsys.readouterr().out


def test_the_original_state_can_be_taken_instead(edited: tuple[Path, Path], tmp_path: Path) -> None:
    draft_path, revised = edited
    out = tmp_path / "original.fzbg"
    assert main(["import", str(revised), "--into", str(draft_path), "-o", str(out), "--revisions", "original"]) == 0
    rendered = tmp_path / "original.docx"
    render_docx(load_draft(out), rendered)
    assert _document_text(rendered) == _document_text(revised, RevisionState.ORIGINAL)


def test_parts_added_deleted_and_reordered_are_changes_of_their_own(tmp_path: Path) -> None:
    draft = load_draft(EXAMPLE)
    revised = import_report(_rendered(draft, tmp_path / "a.docx"))
    sections = revised.draft.sections
    sections[1], sections[2] = sections[2], sections[1]
    dropped = sections.pop(0)
    sections.append(copy.deepcopy(dropped))
    sections[-1].heading = "五、其他需要报告的情况"
    sections[-1].items = sections[-1].items[:1]
    merge = compare(draft, revised, "b.docx")
    kinds = sorted(c.kind for c in merge.changes)
    assert kinds == ["added", "deleted", "order"]
    whole = merge.apply()
    assert [s.heading for s in whole.sections] == [s.heading for s in sections]
    without_order = merge.apply({n for n, c in enumerate(merge.changes) if c.kind != "order"})
    assert [s.id for s in without_order.sections[:3]] == [draft.sections[i].id for i in (1, 2, 3)]


def _rendered(draft, target: Path) -> Path:
    render_docx(draft, target)
    return target


def test_a_bad_choice_is_one_sentence(
    edited: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft_path, revised = edited
    assert main(["import", str(revised), "--into", str(draft_path), "-o", str(tmp_path / "x.fzbg"), "--only", "9"]) == 2
    err = capsys.readouterr().err
    assert "不是列出的修改编号" in err and "Traceback" not in err
    assert not (tmp_path / "x.fzbg").exists()


def test_a_document_that_is_not_the_drafts_revision_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft_path = tmp_path / "南岸区.fzbg"
    save_draft(load_draft(EXAMPLE), draft_path)
    other = tmp_path / "厦门.docx"
    render_docx(load_draft(EXAMPLE.with_name("xiamen-xinfangju-2022.fzbg")), other)
    out = tmp_path / "new.fzbg"
    assert main(["import", str(other), "--into", str(draft_path), "-o", str(out)]) == 2
    assert "不像是它的修改稿" in capsys.readouterr().err
    assert not out.exists()


def test_split_and_merged_items_come_back_as_the_leader_left_them(tmp_path: Path) -> None:
    draft = load_draft(EXAMPLE)
    revised = import_report(_rendered(draft, tmp_path / "a.docx"))
    measures = revised.draft.sections[0].items
    first = measures[0]
    half = copy.deepcopy(first)  # item (一) split in two: its second sentence becomes an item of its own
    text = first.paragraphs[0].text
    cut = text.index("二是")
    first.paragraphs[0].text, half.paragraphs[0].text = text[:cut], text[cut:]
    half.heading = "强化跟踪问效。"
    measures.insert(1, half)
    plans = revised.draft.sections[3].items  # plans (二) and (三) merged into one
    plans[1].paragraphs[0].text += plans[2].paragraphs[0].text
    del plans[2]
    merged = compare(draft, revised, "b.docx").apply()
    assert _composed_text(merged) == _composed_text(revised.draft)
    assert merged.sections[0].items[0].paragraphs[0].source.ref == draft.sections[0].items[0].paragraphs[0].source.ref
    assert merged.sections[0].items[1].paragraphs[0].source.ref == "b.docx"
    assert [s.kind for s in merged.sections] == [s.kind for s in draft.sections]


def _composed_text(draft) -> str:
    return normalise(blocks_text(compose(draft)))
