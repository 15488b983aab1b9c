"""The command line: the same program as the window, with one clear message and exit 2 on bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main
from app.core.draft_file import load_draft
from app.core.model import SectionKind

REPO = Path(__file__).resolve().parents[1]


def fzbg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, cwd=REPO, timeout=120)


def test_help_describes_the_program_in_chinese() -> None:
    result = fzbg("--help")
    assert result.returncode == 0
    assert "法治报告助手" in result.stdout and "render" in result.stdout and "new" in result.stdout


def test_new_writes_a_draft_with_the_packs_sections(tmp_path: Path) -> None:
    out = tmp_path / "报告 草稿.fzbg"
    code = main(["new", "-o", str(out), "--unit", "某县信访局", "--year", "2025", "--pack", "responsibility-first"])
    assert code == 0
    draft = load_draft(out)
    assert draft.meta.unit_name == "某县信访局" and draft.meta.year == 2025
    assert draft.sections[0].kind is SectionKind.RESPONSIBILITY
    assert draft.sections[3].heading == "2026年工作打算"


def test_new_does_not_overwrite_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "a.fzbg"
    out.write_text("precious", encoding="utf-8")
    assert main(["new", "-o", str(out)]) == 2
    assert "已存在" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "precious"


@pytest.mark.parametrize(
    ("setup", "args", "says"),
    [
        (None, ["render", "missing.fzbg", "-o", "out.docx"], "找不到文件"),
        ("not json at all", ["render", "bad.fzbg", "-o", "out.docx"], "不是完整的草稿文件"),
        ("{}", ["render", "bad.fzbg", "-o", "out.txt"], ".docx"),
        (None, ["new", "-o", "x.fzbg", "--pack", "../../etc"], "模板"),
        (None, ["new", "-o", "x.fzbg", "--pack", "nonexistent"], "找不到模板"),
        (None, ["new", "-o", "x.fzbg", "--date", "2026-13-45"], "日期"),
    ],
)
def test_bad_input_gets_one_message_and_exit_code_2(
    tmp_path: Path, setup: str | None, args: list[str], says: str
) -> None:
    if setup is not None:
        (tmp_path / "bad.fzbg").write_text(setup, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        env={"PYTHONPATH": str(REPO), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert says in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.docx").exists() and not (tmp_path / "x.fzbg").exists()


def test_new_from_last_year_gives_what_the_window_gives(tmp_path: Path) -> None:
    from app.core.draft_file import draft_to_dict
    from app.core.session import Session, load_checklist

    last = tmp_path / "2024.fzbg"
    assert main(["new", "--from-library", "-o", str(last), "--unit", "阳城县信访局", "--year", "2024"]) == 0
    assert main(["new", "--from", str(last), "-o", str(tmp_path / "2025.fzbg")]) == 0
    by_cli = load_draft(tmp_path / "2025.fzbg")
    session = Session(base_dir=tmp_path / "window")
    session.roll_forward_from(last)
    assert draft_to_dict(by_cli) == draft_to_dict(session.draft)
    assert by_cli.meta.year == 2025 and by_cli.meta.unit_name == "阳城县信访局"
    assert [e.text for e in load_checklist(tmp_path / "2025.fzbg")] == [e.text for e in session.checklist]
    assert session.checklist  # last year's plans became this year's checklist


def test_new_from_last_year_takes_a_year_and_names_given_on_the_command_line(tmp_path: Path) -> None:
    last = tmp_path / "2023.fzbg"
    assert main(["new", "-o", str(last), "--unit", "某县信访局", "--year", "2023"]) == 0
    out = tmp_path / "2025.fzbg"
    assert main(["new", "--from", str(last), "-o", str(out), "--year", "2025", "--unit", "某县信访办"]) == 0
    draft = load_draft(out)
    assert (draft.meta.year, draft.meta.unit_name) == (2025, "某县信访办")
    assert draft.sections[0].heading.startswith("2025年")


def test_new_from_a_missing_draft_is_one_sentence_and_writes_nothing(tmp_path: Path) -> None:
    result = fzbg("new", "--from", str(tmp_path / "none.fzbg"), "-o", str(tmp_path / "out.fzbg"))
    assert result.returncode == 2 and "找不到文件" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.fzbg").exists()
