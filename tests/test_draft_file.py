"""The .fzbg draft file: what is saved is what is read back, and bad files are refused clearly."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from app.core.draft_file import FORMAT_VERSION, dumps, load_draft, loads, save_draft
from app.core.errors import DraftFormatError
from app.core.model import Draft, Item, Meta, Origin, Paragraph, Section, SectionKind, Source


def full_draft() -> Draft:
    return Draft(
        meta=Meta(
            unit_name="晋城市信访局",
            self_ref="我局",
            year=2021,
            addressee="中共晋城市委、晋城市人民政府",
            date=dt.date(2022, 3, 1),
            template_pack="responsibility-first",
        ),
        preamble=[Paragraph("2021年，市信访局坚持……现将有关情况报告如下：")],
        sections=[
            Section(
                kind=SectionKind.MEASURES,
                heading="2021年度推进法治政府建设的主要举措和成效",
                items=[
                    Item(
                        "学法普法，不断提高党员干部依法行政的水平",
                        children=[
                            Item(
                                "加强法律法规学习。",
                                [Paragraph("全年共组织学习9次。", Source(Origin.PHRASE, "p-12", ["9次"]))],
                                run_in=True,
                            )
                        ],
                    ),
                    Item("局主要负责人履行第一责任人职责", kind=SectionKind.RESPONSIBILITY),
                ],
            )
        ],
        closing=[Paragraph("特此报告。")],
    )


def test_a_saved_draft_reads_back_equal(tmp_path: Path) -> None:
    draft = full_draft()
    save_draft(draft, tmp_path / "a.fzbg")
    assert load_draft(tmp_path / "a.fzbg") == draft


def test_the_file_names_its_format_and_version() -> None:
    raw = json.loads(dumps(full_draft()))
    assert raw["format"] == "fzbg-draft"
    assert raw["format_version"] == FORMAT_VERSION


def test_a_newer_format_version_is_refused_with_its_version_named() -> None:
    raw = json.loads(dumps(full_draft()))
    raw["format_version"] = FORMAT_VERSION + 1
    with pytest.raises(DraftFormatError, match=f"格式版本 {FORMAT_VERSION + 1}"):
        loads(json.dumps(raw))


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "空文件"),
        (b"\xff\xfe\x00garbage\x80", "UTF-8"),
        (b'{"format": "fzbg-draft", "format_version": 1, "meta": {"year": 2021}, "sect', "截断"),
        (b"[1, 2, 3]", "不是法治报告助手的草稿"),
        (b'{"format": "fzbg-draft", "format_version": 1, "meta": {"year": "2021"}}', "meta.year"),
        (b'{"format": "fzbg-draft", "format_version": 1, "meta": {"year": 2021}, "sections": [5]}', r"sections\[0\]"),
        (b"[" * 100000 + b"]" * 100000, "草稿"),
    ],
)
def test_bad_files_get_one_clear_message(data: bytes, says: str) -> None:
    with pytest.raises(DraftFormatError, match=says):
        loads(data, name="x.fzbg")


def test_items_nested_deeper_than_four_heading_levels_are_refused() -> None:
    raw = json.loads(dumps(full_draft()))
    item = raw["sections"][0]["items"][0]
    item["children"][0]["children"] = [{"heading": "（1）", "children": [{"heading": "too deep"}]}]
    with pytest.raises(DraftFormatError, match="层级"):
        loads(json.dumps(raw))


def test_control_characters_are_cleaned_on_reading() -> None:
    raw = json.loads(dumps(full_draft()))
    raw["preamble"][0]["text"] = "甲\x00乙\x07丙\r\n丁"
    assert loads(json.dumps(raw)).preamble[0].text == "甲乙丙\n丁"


def test_a_failed_save_leaves_the_previous_file_untouched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.fzbg"
    save_draft(full_draft(), target)
    before = target.read_bytes()

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", boom)
    from app.core.errors import UserError

    with pytest.raises(UserError, match="磁盘空间不足"):
        save_draft(Draft(), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["a.fzbg"]


@pytest.fixture
def version_two(monkeypatch: pytest.MonkeyPatch):
    """A next format as a future version would add it: version 2, with the step from version 1."""
    import app.core.draft_file as draft_file

    def one_to_two(raw: dict) -> dict:
        meta = dict(raw["meta"])
        meta["title"] = meta.get("title") or f"{meta['unit_name']}关于{meta['year']}年法治政府建设情况的报告"
        return {**raw, "meta": meta, "format_version": 2}

    monkeypatch.setattr(draft_file, "FORMAT_VERSION", 2)
    monkeypatch.setattr(draft_file, "MIGRATIONS", {1: one_to_two})
    return draft_file


def test_an_older_draft_is_migrated_on_opening_and_the_file_is_left_as_it_was(tmp_path: Path, version_two) -> None:
    path = tmp_path / "去年 的报告.fzbg"
    written = full_draft()
    path.write_bytes(dumps(written).encode("utf-8").replace(b'"format_version": 2', b'"format_version": 1'))
    original = path.read_bytes()
    draft = load_draft(path)
    assert draft.meta.title == "晋城市信访局关于2021年法治政府建设情况的报告"
    assert draft.sections == written.sections
    assert path.read_bytes() == original


def test_the_first_save_in_the_new_format_keeps_the_older_file_for_good(tmp_path: Path, version_two) -> None:
    path = tmp_path / "2021.fzbg"
    path.write_bytes(dumps(full_draft()).encode("utf-8").replace(b'"format_version": 2', b'"format_version": 1'))
    original = path.read_bytes()
    draft = load_draft(path)
    save_draft(draft, path)
    kept = version_two.older_format_backup_path(path, 1)
    assert kept.read_bytes() == original
    assert json.loads(path.read_text("utf-8"))["format_version"] == 2
    draft.closing.append(Paragraph("以上报告，请审阅。"))
    save_draft(draft, path)  # later saves roll the .bak as usual and leave the older file alone
    assert kept.read_bytes() == original


def test_an_older_draft_without_a_way_to_migrate_is_refused_naming_its_version(monkeypatch: pytest.MonkeyPatch) -> None:
    import app.core.draft_file as draft_file

    monkeypatch.setattr(draft_file, "FORMAT_VERSION", 3)
    monkeypatch.setattr(draft_file, "MIGRATIONS", {1: lambda raw: {**raw, "format_version": 2}})
    data = dumps(full_draft()).replace('"format_version": 3', '"format_version": 1')
    with pytest.raises(DraftFormatError, match=r"格式版本 1.*无法转换版本 2"):
        loads(data, name="旧.fzbg")
