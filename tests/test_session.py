"""The writing session without a window: file handling, structural undo, autosave, recovery, roll-forward."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.core.draft_file import DraftChangedOnDiskError, load_draft, save_draft
from app.core.errors import UserError
from app.core.facts import load_facts
from app.core.lock import DraftLockedError
from app.core.model import Item, Origin, Paragraph, SectionKind, Source
from app.core.preamble import preamble_formulas
from app.core.session import (
    RecentFiles,
    Session,
    find_recoveries,
    merge_paragraphs,
    roll_forward,
)
from app.render.compose import compose
from app.render.measure import estimate_pages
from app.render.pack import load_pack


def new_session(tmp_path: Path) -> Session:
    session = Session(base_dir=tmp_path / "data")
    session.new(load_pack("regulation").new_draft("晋城市信访局", "我局", 2025, "", dt.date(2026, 2, 20)))
    return session


def test_a_new_draft_is_untitled_and_clean_until_something_is_typed(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    assert session.window_title() == "未命名报告 — 法治报告助手"
    session.set_preamble("2025年，我局坚持依法行政。")
    assert session.dirty
    assert session.window_title() == "未命名报告* — 法治报告助手"


def test_saving_without_a_name_asks_for_one(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="另存为"):
        new_session(tmp_path).save()


def test_save_and_open_round_trip_and_clear_the_unsaved_mark(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    path = session.add_item(0)
    session.set_item_heading(0, path, "学法普法")
    session.set_item_text(0, path, "全年组织学习9次。\n\n开展宣传12场。")
    saved = session.save(tmp_path / "报告")
    assert saved.name == "报告.fzbg"
    assert session.window_title() == "报告.fzbg — 法治报告助手"
    session.close()
    again = Session(base_dir=tmp_path / "data")
    again.open(saved)
    item = again.draft.sections[0].items[0]
    assert (item.heading, [p.text for p in item.paragraphs]) == ("学法普法", ["全年组织学习9次。", "开展宣传12场。"])
    assert not again.dirty
    again.close()


def test_undoing_a_structural_edit_keeps_text_typed_after_it(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    first = session.add_item(0)
    session.set_item_text(0, first, "第一项的文字。")
    session.add_item(0)
    session.set_item_text(0, first, "第一项改过的文字。")
    assert session.undo_label == "添加小项"
    session.undo()
    items = session.draft.sections[0].items
    assert [p.text for p in items[0].paragraphs] == ["第一项改过的文字。"]
    assert len(items) == 1
    session.redo()
    assert len(session.draft.sections[0].items) == 2


def test_moving_items_renumbers_the_printed_report_and_undo_moves_them_back(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    for heading in ("甲项", "乙项"):
        session.set_item_heading(0, session.add_item(0), heading)
    assert session.move_item(0, (1,), -1) == (0,)
    text = "\n".join(b.text for b in compose(session.draft))
    assert text.index("（一）乙项") < text.index("（二）甲项")
    session.undo()
    assert [i.heading for i in session.draft.sections[0].items] == ["甲项", "乙项"]


def test_items_nest_three_levels_and_no_deeper(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    top = session.add_item(0)
    mid = session.add_item(0, top)
    low = session.add_item(0, mid)
    assert low == (0, 0, 0)
    with pytest.raises(UserError, match="最多 3 级"):
        session.add_item(0, low)


def test_a_drag_that_rearranges_the_tree_is_one_undoable_step(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    a, b = Item("甲"), Item("乙")
    session.add_item(0, item=a)
    session.add_item(0, item=b)
    session.set_items(0, [(b, [(a, [])])], label="拖动")  # 甲 dropped onto 乙
    assert session.draft.sections[0].items == [b] and b.children == [a]
    session.undo()
    assert [i.heading for i in session.draft.sections[0].items] == ["甲", "乙"]
    assert a.children == [] and b.children == []


def test_a_drop_nesting_deeper_than_three_levels_is_refused(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    items = [Item(str(n)) for n in range(4)]
    for it in items:
        session.add_item(0, item=it)
    deep = [(items[0], [(items[1], [(items[2], [(items[3], [])])])])]
    with pytest.raises(UserError, match="最多 3 级"):
        session.set_items(0, deep)
    assert session.draft.sections[0].items == items


def test_sections_can_be_added_renamed_moved_and_optional_ones_removed(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    required = {s.kind for s in load_pack("regulation").sections if s.required}
    custom = session.add_section(SectionKind.CUSTOM, "学习贯彻党的二十大精神情况", 0)
    assert session.draft.sections[0] is custom
    session.rename_section(0, "学习贯彻习近平法治思想情况")
    assert session.move_section(0, 1) == 1
    assert session.can_remove_section(1, required)
    other = session.section_index(session.draft.sections[-1].id)
    assert session.draft.sections[other].kind is SectionKind.OTHER
    assert session.can_remove_section(other, required)
    assert not session.can_remove_section(0, required)  # 举措成效 is required and alone
    session.remove_section(1)
    assert custom not in session.draft.sections
    session.undo()
    assert session.draft.sections[1] is custom


def test_changing_the_pack_sorts_sections_into_its_order_keeping_custom_ones_in_place(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    session.add_section(SectionKind.CUSTOM, "学习贯彻情况", 1)
    order = [s.kind for s in load_pack("responsibility-first").sections]
    session.set_pack("responsibility-first", order)
    kinds = [s.kind for s in session.draft.sections]
    assert kinds[0] is SectionKind.RESPONSIBILITY
    assert kinds.index(SectionKind.CUSTOM) == kinds.index(SectionKind.MEASURES) + 1
    session.undo()
    assert session.draft.meta.template_pack == "regulation"


def test_changing_the_year_moves_the_years_in_the_section_headings(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    session.set_meta(year=2026)
    headings = [s.heading for s in session.draft.sections]
    assert "2026年推进法治政府建设的主要举措和成效" in headings
    assert "2027年推进法治政府建设的主要安排" in headings


def test_an_edited_phrase_keeps_its_source_and_forgets_examples_the_user_replaced() -> None:
    old = [Paragraph("全年受理信访事项120件，办结率98%。", Source(Origin.PHRASE, "p1", ["120", "98%"]))]
    new = merge_paragraphs(old, "全年受理信访事项356件，办结率98%。\n新写的一段。")
    assert new[0].source.origin is Origin.PHRASE and new[0].source.examples == ["98%"]
    assert new[1].source.origin is Origin.TYPED


def test_autosave_writes_only_when_something_changed_since_the_last_one(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    assert session.autosave() is None  # nothing typed yet
    session.set_preamble("导语。")
    assert session.autosave() is not None
    assert session.autosave() is None
    session.set_preamble("导语改了。")
    assert session.autosave() is not None


def test_work_left_by_a_crash_is_recovered_by_the_next_session_and_gone_once_saved(tmp_path: Path) -> None:
    crashed = new_session(tmp_path)
    crashed.set_preamble("崩溃前写下的导语。")
    crashed.autosave()
    del crashed  # no close(): the process died

    found = find_recoveries(tmp_path / "data")
    assert len(found) == 1 and "晋城市信访局" in found[0].description
    session = Session(base_dir=tmp_path / "data")
    session.recover(found[0])
    assert [p.text for p in session.draft.preamble] == ["崩溃前写下的导语。"]
    assert session.dirty
    session.save(tmp_path / "恢复.fzbg")
    assert find_recoveries(tmp_path / "data") == []


def test_a_normal_close_leaves_nothing_to_recover(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    session.set_preamble("导语。")
    session.autosave()
    session.close()
    assert find_recoveries(tmp_path / "data") == []


def test_a_draft_open_in_another_program_is_refused_unless_taken_over(tmp_path: Path) -> None:
    first = new_session(tmp_path)
    path = first.save(tmp_path / "报告.fzbg")
    second = Session(base_dir=tmp_path / "data")
    with pytest.raises(DraftLockedError):
        second.open(path)
    second.open(path, take_over=True)
    assert second.path == path


def test_a_file_changed_by_someone_else_is_not_overwritten_silently(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    path = session.save(tmp_path / "报告.fzbg")
    other = load_draft(path)
    other.preamble = [Paragraph("同事改的。")]
    save_draft(other, path)
    session.set_preamble("我改的。")
    with pytest.raises(DraftChangedOnDiskError):
        session.save()
    session.save(overwrite_changes=True)
    assert load_draft(path).preamble[0].text == "我改的。"


def test_recent_files_are_newest_first_without_duplicates_and_bounded() -> None:
    recent = RecentFiles(limit=3)
    for name in ("a", "b", "c", "a", "d"):
        recent.add(Path(f"/tmp/{name}.fzbg"))
    assert [Path(p).stem for p in recent.paths] == ["d", "a", "c"]


def test_rolling_forward_moves_years_on_and_turns_last_years_plans_into_a_checklist() -> None:
    last = load_pack("regulation").new_draft("晋城市信访局", "我局", 2024, "", dt.date(2025, 2, 1))
    last.sections[0].items = [Item("学法普法", [Paragraph("2024年组织学习9次。")])]
    plans = next(s for s in last.sections if s.kind is SectionKind.PLANS)
    plans.items = [
        Item("深化信访工作法治化", [Paragraph("全面落实条例。")]),
        Item("", [Paragraph("加强队伍建设。再写。")]),
    ]
    draft, checklist = roll_forward(last)
    assert draft.meta.year == 2025 and draft.meta.date is None
    assert draft.sections[0].heading == "2025年推进法治政府建设的主要举措和成效"
    assert next(s for s in draft.sections if s.kind is SectionKind.PLANS).heading.startswith("2026年")
    assert [e.text for e in checklist] == ["深化信访工作法治化", "加强队伍建设。"]
    carried = draft.sections[0].items[0].paragraphs[0]
    assert carried.source.origin is Origin.CARRIED and carried.text == "2024年组织学习9次。"
    assert not next(s for s in draft.sections if s.kind is SectionKind.PLANS).items
    assert last.meta.year == 2024  # last year's draft itself is untouched


def test_the_roll_forward_checklist_survives_save_and_reopen(tmp_path: Path) -> None:
    last = load_pack("regulation").new_draft("晋城市信访局", "我局", 2024)
    plans = next(s for s in last.sections if s.kind is SectionKind.PLANS)
    plans.items = [Item("深化信访工作法治化")]
    save_draft(last, tmp_path / "2024.fzbg")
    session = Session(base_dir=tmp_path / "data")
    session.roll_forward_from(tmp_path / "2024.fzbg")
    session.mark_checklist(0, True)
    session.save(tmp_path / "2025.fzbg")
    session.close()
    again = Session(base_dir=tmp_path / "data")
    again.open(tmp_path / "2025.fzbg")
    assert [(e.text, e.done) for e in again.checklist] == [("深化信访工作法治化", True)]


def test_changing_the_report_year_moves_headings_but_not_periods_or_titles(tmp_path: Path) -> None:
    session = Session(base_dir=tmp_path / "data")
    session.new(load_pack("regulation").new_draft("晋城市信访局", "我局", 2024))
    session.draft.sections[0].heading = "2024年贯彻《法治政府建设实施纲要（2021—2025年）》情况"
    session.draft.sections[0].items = [Item("（一）2024年以来，自2022年5月1日起施行的条例落地见效")]
    plans = next(s for s in session.draft.sections if s.kind is SectionKind.PLANS)
    session.set_meta(year=2025)
    assert session.draft.sections[0].heading == "2025年贯彻《法治政府建设实施纲要（2021—2025年）》情况"
    assert session.draft.sections[0].items[0].heading == "（一）2025年以来，自2022年5月1日起施行的条例落地见效"
    assert plans.heading.startswith("2026年")


@pytest.mark.parametrize(
    ("year", "cited", "not_cited"),
    [
        (2021, ["十九届四中、五中、六中全会", "《信访条例》"], ["二十大", "《信访工作条例》"]),
        (2022, ["党的二十大精神", "《信访工作条例》"], ["《信访条例》", "十九届"]),
        (2024, ["党的二十大和二十届三中全会精神", "（2021—2025年）"], ["二中全会"]),
        (2026, ["二十届三中、四中全会"], ["（2021—2025年）"]),
    ],
)
def test_preamble_formulas_cite_the_session_and_rules_of_the_report_year(
    year: int, cited: list[str], not_cited: list[str]
) -> None:
    draft = load_pack("regulation").new_draft("某市信访局", "我局", year)
    for formula in preamble_formulas(draft.meta, load_facts()):
        assert formula.endswith("如下：")
        assert all(c in formula for c in cited), formula
        assert not any(n in formula for n in not_cited), formula


def test_a_page_holds_22_lines_of_28_characters() -> None:
    draft = load_pack("regulation").new_draft("某市信访局", "我局", 2025)
    draft.sections[0].preamble = [Paragraph("字" * 26) for _ in range(40)]  # 26 + 2 indent = one line each
    assert estimate_pages(compose(draft)) == 3  # 40 body + title, headings, signature lines > 44


def test_indent_and_outdent_move_an_item_a_level_down_and_back_up(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    a, b = Item("甲"), Item("乙")
    session.add_item(0, item=a)
    session.add_item(0, item=b)
    assert session.indent_item(0, (1,)) == (0, 0)
    assert a.children == [b]
    assert session.outdent_item(0, (0, 0)) == (1,)
    assert session.draft.sections[0].items == [a, b] and a.children == []


def test_find_lists_every_place_a_phrase_occurs_in_reading_order(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    session.set_preamble("坚持依法行政。")
    path = session.add_item(0, item=Item("依法行政", [Paragraph("全年依法行政。")]))
    session.set_closing("特此报告。")
    assert session.find_all("依法行政") == [("preamble", -1, None), ("section", 0, path)]


def test_a_phrase_inserted_into_a_typed_paragraph_brings_its_source_and_examples(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    path = session.add_item(0)
    session.set_item_text(0, path, "开头。全年受理信访事项120件。")
    source = Source(Origin.PHRASE, "p9", ["120件", "30场"])
    assert session.attach_source(0, path, "全年受理信访事项120件。", source)
    attached = session.item(0, path).paragraphs[0].source
    assert (attached.origin, attached.ref, attached.examples) == (Origin.PHRASE, "p9", ["120件"])


def test_an_edit_made_elsewhere_is_undoable_and_a_failing_one_leaves_no_trace(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    session.set_preamble("甲")
    session.run_command("改导语", lambda: session.set_preamble("乙"), lambda: session.set_preamble("甲"))
    session.undo()
    assert session.draft.preamble[0].text == "甲"

    def fails() -> None:
        raise UserError("不行")

    with pytest.raises(UserError):
        session.run_command("失败", fails, lambda: None)
    assert (session.undo_label, session.redo_label) == ("", "改导语")  # nothing recorded, nothing lost


def test_the_autosave_of_another_running_instance_is_not_offered_as_a_crash(tmp_path: Path) -> None:
    import json
    import os

    session = new_session(tmp_path)
    session.set_preamble("另一个窗口正在写。")
    session.autosave()
    info = next((tmp_path / "data" / "autosave").glob("*.json"))
    data = json.loads(info.read_text("utf-8"))
    data["pid"] = os.getppid()  # a process that is certainly alive
    info.write_text(json.dumps(data), "utf-8")
    assert find_recoveries(tmp_path / "data") == []
    data["pid"] = 2**22 + 12345  # beyond any pid in use: that instance died
    info.write_text(json.dumps(data), "utf-8")
    assert len(find_recoveries(tmp_path / "data")) == 1


def test_the_revision_tells_one_draft_from_the_next_even_at_the_same_edit_count(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    first = session.revision
    session.touch()
    assert session.revision != first
    session.new(load_pack("regulation").new_draft("某县信访局"))
    again = session.revision
    assert again != first and again[1] == first[1]  # the edit count starts again; the draft count does not
