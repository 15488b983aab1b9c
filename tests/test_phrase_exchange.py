"""A clerk hands the personal phrase library to a colleague: export to a file, import on the other PC.

The imported file is untrusted: a bad one is refused in one sentence and adds nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main
from app.core.errors import UserError
from app.core.model import SectionKind
from app.library.exchange import export_phrases, import_phrases
from app.library.phrase import PhraseKind, phrase_id
from app.library.user import UserLibrary


@pytest.fixture
def mine(tmp_path: Path) -> UserLibrary:
    library = UserLibrary(tmp_path / "mine.sqlite3")
    library.add_text("{自称}坚持每月召开一次法治建设专题会议。", SectionKind.RESPONSIBILITY)
    library.add_text("全年受理信访事项⟦2890⟧件，按期办结率⟦100%⟧。", SectionKind.MEASURES)
    library.star(library.phrases()[0].id)
    yield library
    library.close()


@pytest.fixture
def colleague(tmp_path: Path) -> UserLibrary:
    library = UserLibrary(tmp_path / "colleague.sqlite3")
    yield library
    library.close()


def test_exported_phrases_arrive_in_a_colleagues_library_as_they_were(
    tmp_path: Path, mine: UserLibrary, colleague: UserLibrary
) -> None:
    target = tmp_path / "我的常用语 2025.json"
    assert export_phrases(mine, target) == 2
    assert import_phrases(colleague, target) == 2
    theirs = {p.id: p for p in colleague.phrases()}
    for p in mine.phrases():
        assert theirs[p.id].text == p.text and theirs[p.id].section is p.section and theirs[p.id].sources == p.sources
    assert colleague.marks() == {}  # stars stay with their owner
    assert import_phrases(colleague, target) == 0  # importing twice adds nothing twice


def test_an_id_in_the_file_is_not_trusted(tmp_path: Path, mine: UserLibrary, colleague: UserLibrary) -> None:
    target = tmp_path / "x.json"
    export_phrases(mine, target)
    data = json.loads(target.read_text("utf-8"))
    data["phrases"][0]["id"] = "shipped-0001"  # would shadow a shipped phrase
    target.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    import_phrases(colleague, target)
    text = data["phrases"][0]["text"]
    assert {p.id for p in colleague.phrases() if p.text == text} == {phrase_id(PhraseKind.SENTENCE, text)}


def _export_with(tmp_path: Path, mine: UserLibrary, change) -> Path:
    target = tmp_path / "坏的.json"
    export_phrases(mine, target)
    data = json.loads(target.read_text("utf-8"))
    change(data)
    target.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return target


BAD = {
    "not-ours": (lambda d: d.update(format="something-else"), "不是法治报告助手导出的常用语文件"),
    "newer": (lambda d: d.update(format_version=7), "格式版本 7"),
    "no-list": (lambda d: d.update(phrases={"a": 1}), "没有常用语列表"),
    "entry-not-object": (lambda d: d["phrases"].append("一句话"), "第 3 条常用语不是对象"),
    "empty-text": (lambda d: d["phrases"][1].update(text="  \x00 "), "第 2 条常用语没有文字"),
    "unknown-kind": (lambda d: d["phrases"][0].update(kind="poem"), "类型或所在部分无法识别"),
    "bad-sources": (lambda d: d["phrases"][0].update(sources=[[1, 2]]), "来源格式不对"),
    "huge-text": (lambda d: d["phrases"][0].update(text="长" * 5001), "超过 5000 字"),
    "bad-level": (lambda d: d["phrases"][0].update(level=True), "标题层级不对"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_file_is_one_sentence_and_adds_nothing(
    tmp_path: Path, mine: UserLibrary, colleague: UserLibrary, case: str
) -> None:
    change, says = BAD[case]
    colleague.add_text("已有的一句。")
    before = colleague.phrases()
    source = _export_with(tmp_path, mine, change)
    with pytest.raises(UserError, match=says) as caught:
        import_phrases(colleague, source)
    assert "坏的.json" in caught.value.message and "\n" not in caught.value.message
    assert colleague.phrases() == before


@pytest.mark.parametrize(
    ("content", "says"),
    [(b"", "不是有效的 JSON"), (b"\xff\xfe\x00binary", "不是有效的 JSON"), (b"[" * 100_000, "不是有效的 JSON")],
)
def test_files_that_are_not_json_are_refused(tmp_path: Path, colleague: UserLibrary, content: bytes, says: str) -> None:
    source = tmp_path / "坏的.json"
    source.write_bytes(content)
    with pytest.raises(UserError, match=says):
        import_phrases(colleague, source)
    assert colleague.phrases() == []


def test_the_command_line_exports_imports_and_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["phrases", "add", "坚持依法分类处理信访诉求。", "--section", "举措成效"]) == 0
    target = tmp_path / "导出.json"
    assert main(["phrases", "export", "-o", str(target)]) == 0
    assert "已导出 1 条短语" in capsys.readouterr().err
    assert main(["phrases", "export", "-o", str(target)]) == 2
    assert "已存在" in capsys.readouterr().err
    assert main(["phrases", "import", str(target)]) == 0
    assert "0 条新短语" in capsys.readouterr().err
    (tmp_path / "坏.json").write_text("{}", "utf-8")
    assert main(["phrases", "import", str(tmp_path / "坏.json")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "不是法治报告助手导出的常用语文件" in err
