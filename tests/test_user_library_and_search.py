"""The user's library (SQLite in the user data folder), search ranking, the CLI around them, and the
first draft assembled from the library."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.cli.main import main
from app.core.draft_file import load_draft
from app.core.model import Origin, SectionKind
from app.library import PhraseKind, PhraseLibrary, UserLibrary
from app.library.first_draft import draft_from_library
from app.library.search import PhraseIndex
from app.library.shipped import SAMPLES, load_phrases
from app.library.user import default_path

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def library(tmp_path: Path) -> PhraseLibrary:
    return PhraseLibrary(UserLibrary(tmp_path / "user.sqlite3"))


def test_the_user_library_lives_in_the_user_data_folder() -> None:
    path = default_path()
    assert path.name == "phrases.sqlite3"
    assert str(path).startswith(os.environ["XDG_DATA_HOME"])


def test_phrases_containing_the_whole_query_rank_above_partial_matches(library: PhraseLibrary) -> None:
    hits = library.search("法律顾问")
    assert 3 <= len(hits) <= 20
    whole = ["法律顾问" in h.phrase.plain for h in hits]
    assert whole[0] and whole == sorted(whole, reverse=True)
    assert all("法律" in h.phrase.plain or "顾问" in h.phrase.plain for h in hits)


def test_a_query_matches_on_character_bigrams_not_only_as_a_whole(library: PhraseLibrary) -> None:
    hits = library.search("顾问律师")
    assert hits and all("顾问" in h.phrase.plain or "律师" in h.phrase.plain for h in hits)


def test_a_one_character_query_finds_the_phrases_with_that_character(library: PhraseLibrary) -> None:
    hits = library.search("诉", section=SectionKind.MEASURES)
    assert len(hits) == 20 and all("诉" in h.phrase.plain for h in hits)
    assert library.search("诉") and all("诉" in h.phrase.plain for h in library.search("诉"))
    assert library.search("龘") == []


def test_the_current_section_ranks_its_own_phrases_first(library: PhraseLibrary) -> None:
    plans = library.search("宣传", section=SectionKind.PLANS, limit=5)
    assert all(h.phrase.section is SectionKind.PLANS for h in plans)
    measures = library.search("宣传", section=SectionKind.MEASURES, limit=5)
    assert all(h.phrase.section is SectionKind.MEASURES for h in measures)


def test_the_current_item_heading_lifts_phrases_on_its_subject(library: PhraseLibrary) -> None:
    plain = library.search("加强", section=SectionKind.PLANS, limit=20)
    focused = library.search("加强", section=SectionKind.PLANS, item_heading="干部队伍法治素养培训", limit=3)
    assert focused[0].phrase.id != plain[0].phrase.id or "培训" in focused[0].phrase.plain
    assert any(w in focused[0].phrase.plain for w in ("培训", "素养", "队伍"))


def test_starring_lifts_a_phrase_and_hiding_removes_it(library: PhraseLibrary) -> None:
    hits = library.search("宣传", limit=20)
    last, first = hits[-1].phrase, hits[0].phrase
    library.star(last.id)
    starred = library.search("宣传", limit=20)
    assert starred[0].phrase.id == last.id and starred[0].starred
    library.hide(first.id)
    assert first.id not in {h.phrase.id for h in library.search("宣传", limit=50)}
    library.hide(first.id, on=False)
    assert first.id in {h.phrase.id for h in library.search("宣传", limit=50)}


def test_inserting_fills_the_phrase_and_counts_its_use(library: PhraseLibrary) -> None:
    from app.core.model import Meta

    phrase = next(h.phrase for h in library.search("2890件") if "2890件" in h.phrase.plain)
    meta = Meta(unit_name="阳城县信访局", year=2025)
    paragraph = library.insert(phrase, meta)
    assert "{" not in paragraph.text and "2890件3846人" in paragraph.source.examples
    library.insert(phrase, meta)
    assert library.user.marks()[phrase.id].uses == 2


def test_used_phrases_rank_above_unused_equals(library: PhraseLibrary) -> None:
    from app.core.model import Meta

    hits = library.search("宣传", section=SectionKind.MEASURES, kinds=(PhraseKind.HEADING,), limit=10)
    equals = [h for h in hits if h.score == hits[0].score]
    assert len(equals) >= 2
    target = equals[-1].phrase
    for _ in range(3):
        library.insert(target, Meta())
    again = library.search("宣传", section=SectionKind.MEASURES, kinds=(PhraseKind.HEADING,), limit=10)
    assert again[0].phrase.id == target.id and again[0].uses == 3


def test_marks_and_own_phrases_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "user.sqlite3"
    with UserLibrary(path) as user:
        own = user.add_text("{自称}坚持每月召开一次法治建设专题会议。", SectionKind.RESPONSIBILITY)
        user.star(own.id)
    with UserLibrary(path) as user:
        assert [p.text for p in user.phrases()] == ["{自称}坚持每月召开一次法治建设专题会议。"]
        assert user.marks()[own.id].starred
    lib = PhraseLibrary(UserLibrary(path))
    assert lib.search("专题会议", section=SectionKind.RESPONSIBILITY)[0].phrase.id == own.id


def test_a_killed_writer_leaves_the_committed_phrases_and_a_sound_database(tmp_path: Path) -> None:
    path = tmp_path / "user.sqlite3"
    script = textwrap.dedent(
        f"""
        import sys, time
        from app.library.user import UserLibrary
        lib = UserLibrary({str(path)!r})
        lib.add_text("已经保存的短语。")
        lib._db.execute("BEGIN IMMEDIATE")
        lib._db.execute("INSERT INTO phrases (id, text, kind, added) VALUES ('x', '写到一半的短语', 'sentence', 'now')")
        print("ready", flush=True)
        time.sleep(60)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    with UserLibrary(path) as user:
        assert [p.text for p in user.phrases()] == ["已经保存的短语。"]
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


OWN_REPORT = """阳城县信访局关于2024年法治政府建设情况的报告
2024年，县信访局坚持依法行政，现将有关情况报告如下：
一、2024年推进法治政府建设的主要举措和成效
（一）建立信访事项网上公开评议机制。阳城县信访局全年组织网上评议36次，评议满意率达到98.5%，群众参与热情明显提高。
二、存在的不足和原因
网上评议覆盖面还不够广，部分乡镇参与不积极。
三、2025年工作打算
2025年，我局将扩大网上公开评议覆盖面，推动评议结果运用。
阳城县信访局
2025年2月10日
"""


def test_importing_a_report_adds_its_generalised_phrases_to_the_user_library(library, tmp_path: Path) -> None:
    path = tmp_path / "own.txt"
    path.write_text(OWN_REPORT, encoding="utf-8")
    _imported, new = library.import_report(path)
    assert new >= 5
    own = library.user.phrases()
    assert all("阳城" not in p.text and "2024" not in p.text and "2025" not in p.text for p in own)
    assert all(p.sources[0].report == "own.txt" for p in own)
    assert any("⟦36次⟧" in p.text and "⟦98.5%⟧" in p.text for p in own)
    assert library.search("网上公开评议")[0].phrase.shipped is False
    _, again = library.import_report(path)
    assert again == 0


def test_a_newer_user_library_is_refused_with_a_chinese_message(tmp_path: Path) -> None:
    path = tmp_path / "user.sqlite3"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version=99")
    db.close()
    from app.core.errors import UserError

    with pytest.raises(UserError, match="更新版本"):
        UserLibrary(path)


def test_an_empty_query_suggests_phrases_of_the_section() -> None:
    index = PhraseIndex(load_phrases())
    hits = index.search("", section=SectionKind.SHORTCOMINGS, limit=5)
    assert len(hits) == 5 and all(h.phrase.section is SectionKind.SHORTCOMINGS for h in hits)


def test_cli_search_prints_json_with_provenance(capsys) -> None:
    assert main(["phrases", "search", "源头治理", "--section", "下年安排", "--json", "--limit", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 3
    assert data[0]["section"] == "plans" and data[0]["sources"][0][0].endswith(".txt")
    assert all("源头" in d["text"] or "治理" in d["text"] for d in data)


def test_cli_search_refuses_an_unknown_section(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["phrases", "search", "宣传", "--section", "结尾"])
    assert exc.value.code == 2
    assert "未知的部分" in capsys.readouterr().err


def test_cli_import_writes_the_draft_and_fills_the_user_library(tmp_path: Path, capsys) -> None:
    out = tmp_path / "imported.fzbg"
    assert main(["import", str(SAMPLES / "nanan-xinfangban-2024.txt"), "-o", str(out)]) == 0
    draft = load_draft(out)
    assert [s.kind for s in draft.sections] == [
        SectionKind.MEASURES,
        SectionKind.RESPONSIBILITY,
        SectionKind.SHORTCOMINGS,
        SectionKind.PLANS,
    ]
    assert "条新短语" in capsys.readouterr().err
    report = tmp_path / "own.txt"
    report.write_text(OWN_REPORT, encoding="utf-8")
    assert main(["import", str(report), "-o", str(tmp_path / "own.fzbg")]) == 0
    with UserLibrary() as user:
        assert any("网上公开评议" in p.text for p in user.phrases())


def test_cli_import_does_not_overwrite_a_draft_without_force(tmp_path: Path, capsys) -> None:
    out = tmp_path / "imported.fzbg"
    out.write_text("keep", encoding="utf-8")
    assert main(["import", str(SAMPLES / "nanan-xinfangban-2024.txt"), "-o", str(out), "--no-library"]) == 2
    assert out.read_text(encoding="utf-8") == "keep"


def test_cli_outline_prints_one_line_per_heading(capsys) -> None:
    assert main(["import", str(SAMPLES / "xiamen-xinfangju-2022.txt"), "--outline"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "1\t举措成效\t一、2022年工作情况"
    assert all(len(line.split("\t")) == 3 for line in lines)


def test_a_first_draft_from_the_library_is_complete_for_the_unit_and_year() -> None:
    draft = draft_from_library(load_phrases(), unit_name="阳城县信访局", year=2025)
    kinds = [s.kind for s in draft.sections]
    assert kinds == [SectionKind.MEASURES, SectionKind.SHORTCOMINGS, SectionKind.RESPONSIBILITY, SectionKind.PLANS]
    assert draft.preamble and draft.preamble[0].text.startswith("2025年")
    assert len(draft.sections[0].items) >= 4
    for section in draft.sections:
        assert section.items or section.preamble
    paragraphs = draft.all_paragraphs()
    assert all(p.source.origin is Origin.PHRASE and p.source.ref for p in paragraphs)
    assert all("{" not in p.text and "⟦" not in p.text for p in paragraphs)
    assert sum(len(p.source.examples) for p in paragraphs) >= 1
    assert all(ex in p.text for p in paragraphs for ex in p.source.examples)
    assert draft.sections[3].heading.startswith("2026年")


def test_cli_new_from_library_writes_a_first_draft(tmp_path: Path) -> None:
    out = tmp_path / "first.fzbg"
    code = main(
        ["new", "--from-library", "-o", str(out), "--unit", "阳城县信访局", "--self-ref", "我局", "--year", "2025"]
    )
    assert code == 0
    draft = load_draft(out)
    assert draft.meta.unit_name == "阳城县信访局" and draft.meta.year == 2025
    assert draft.sections and all(s.items or s.preamble for s in draft.sections)
    assert any(p.source.examples for p in draft.all_paragraphs())


def test_cli_adds_stars_and_hides_phrases(capsys) -> None:
    assert main(["phrases", "add", "{自称}每季度召开一次法治建设专题会议。", "--section", "第一责任人"]) == 0
    pid = capsys.readouterr().out.strip()
    assert main(["phrases", "star", pid]) == 0
    assert main(["phrases", "search", "专题会议", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["id"] == pid and data[0]["starred"] and not data[0]["shipped"]
    assert main(["phrases", "hide", pid]) == 0
    assert main(["phrases", "search", "专题会议", "--json"]) == 0
    assert pid not in {d["id"] for d in json.loads(capsys.readouterr().out)}
    assert main(["phrases", "star", "nosuchid"]) == 2
    assert "没有编号" in capsys.readouterr().err


def test_importing_a_shipped_sample_adds_nothing_the_shipped_library_already_offers(library: PhraseLibrary) -> None:
    _imported, new = library.import_report(SAMPLES / "jincheng-xinfangju-2021.txt")
    shipped = {p.text for p in load_phrases()}
    assert new < 10
    assert all(p.text not in shipped for p in library.user.phrases())
    assert all(len(p.sources) == len(set(p.sources)) for p in load_phrases())


def test_a_near_duplicate_of_an_own_phrase_adds_its_source_instead_of_a_copy(tmp_path: Path) -> None:
    from app.importer import import_text

    report = (
        "某县信访局关于2023年法治政府建设情况的报告\n一、主要举措和成效\n"
        "全县信访干部认真学习《信访工作条例》和相关法律法规，通过集中学习、专题辅导和案例研讨，"
        "切实提升依法办理信访事项的能力和水平。\n"
    )
    twin = report.replace("某县", "另县").replace("切实提升", "切实提高")
    with UserLibrary(tmp_path / "u.sqlite3") as user:
        first = user.add_report(import_text(report, "a.txt"))
        second = user.add_report(import_text(twin, "b.txt"))
        assert first > 0 and second == 0
        sentence = next(p for p in user.phrases() if p.kind is PhraseKind.PARAGRAPH)
        assert {s.report for s in sentence.sources} == {"a.txt", "b.txt"}


def test_a_file_that_is_not_a_database_is_refused_in_one_sentence(tmp_path: Path) -> None:
    from app.core.errors import UserError

    path = tmp_path / "user.sqlite3"
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(UserError, match="无法打开"):
        UserLibrary(path)


def test_a_library_locked_by_another_writer_gives_a_message_not_a_traceback(tmp_path: Path) -> None:
    from app.core.errors import UserError

    path = tmp_path / "user.sqlite3"
    UserLibrary(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        user = UserLibrary(path)
        user._db.execute("PRAGMA busy_timeout=50")
        with pytest.raises(UserError, match="另一个窗口"):
            user.star("abc")
        user.close()
    finally:
        other.execute("ROLLBACK")
        other.close()
