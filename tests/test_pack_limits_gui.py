"""The window with a hostile template pack active (issue 21): the preview, export and print refuse it with one
message naming the pack, the window goes on answering, and the draft and its unsaved edits are untouched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.core.draft_file import load_draft
from app.core.location import INFO, Step
from app.render import limits
from app.render.pack import BUILTIN_PACKS, user_packs_dir
from tests.test_wizard import _no_real_modal_dialogs, answer_dialogs, fill_report, open_window, type_in  # noqa: F401

pytestmark = pytest.mark.usefixtures("qapp")

HOSTILE = {
    "太慢": "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
    "输出过大": "{{ emit('body', 'x' * 10**10) }}",
}


def install_hostile_pack(template: str) -> str:
    """A pack put into the user's packs folder by hand (pack import would refuse it): the regulation pack
    with a hostile report template."""
    folder = user_packs_dir() / "同事的模板"
    shutil.copytree(BUILTIN_PACKS / "regulation", folder)
    (folder / "report.j2").write_text(template, encoding="utf-8")
    return folder.name


def texts(draft) -> list[str]:
    return [p.text for p in draft.all_paragraphs()] + [i.heading for s in draft.sections for i in s.items]


@pytest.mark.parametrize("what", HOSTILE.keys())
def test_a_hostile_active_pack_leaves_the_window_usable_and_the_draft_unchanged(
    qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, what: str
) -> None:
    monkeypatch.setattr(limits, "TIME_LIMIT_S", 0.5)  # the test need not wait the full limit
    pack_id = install_hostile_pack(HOSTILE[what])
    window = open_window(qtbot)
    fill_report(qtbot, window)
    written = texts(window.session.draft)

    info = window.info_page
    window.go_to_step(INFO)
    index = info.pack.findData(pack_id)
    assert index >= 0, "the user's pack is offered"
    info.pack.setCurrentIndex(index)
    info.pack.activated.emit(index)
    assert window.session.draft.meta.template_pack == pack_id

    # The preview refreshes after the change and says what the pack did, naming it.
    qtbot.waitUntil(lambda: what in window.statusBar().currentMessage(), timeout=20_000)
    message = window.statusBar().currentMessage()
    assert f"模板“{pack_id}”" in message and "\n" not in message

    # The window answers: typing reaches the draft, and the next refresh does not run the pack again.
    monkeypatch.setattr(limits, "TIME_LIMIT_S", 3600.0)  # were the slow pack run again, this would hang
    section = window.session.draft.sections[0]
    window.go_to_step(Step.section(section.id))
    type_in(window.section_page.editor, "又写了一句。")
    qtbot.waitUntil(lambda: any("又写了一句。" in p.text for p in window.session.draft.all_paragraphs()))
    if what == "太慢":
        window.refresh_live()
        assert "太慢" in window.statusBar().currentMessage()

    # Export and print preview refuse with the same message; nothing is written.
    target = tmp_path / "报告.docx"
    asked = answer_dialogs(monkeypatch, save_to=target)
    assert window.exports.export_docx() is None
    assert len(asked) == 1 and what in asked[0] and pack_id in asked[0], asked
    assert not target.exists()
    window.exports.print_preview()
    assert len(asked) == 2 and what in asked[1], asked

    # The draft holds everything written, unsaved; the autosave has it too.
    after = texts(window.session.draft)
    assert set(written) <= set(after) and any("又写了一句。" in t for t in after)
    assert window.session.dirty
    window.files.autosave()
    assert texts(load_draft(window.session._autosave_paths()[0])) == after

    # Back to a shipped pack, the preview works again.
    regulation = info.pack.findData("regulation")
    window.go_to_step(INFO)
    info.pack.setCurrentIndex(regulation)
    info.pack.activated.emit(regulation)
    window.refresh_live()
    assert window.blocks and any("又写了一句。" in b.text for b in window.blocks)
