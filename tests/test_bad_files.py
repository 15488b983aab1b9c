"""Every file in tests/data/bad/ is refused with one sentence naming it, and is left exactly as it was."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.draft_file import MAX_FILE_BYTES, load_draft
from app.core.errors import DraftFormatError

REPO = Path(__file__).resolve().parents[1]
BAD = sorted((REPO / "tests" / "data" / "bad").glob("*.fzbg"))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_corpus_is_there() -> None:
    assert len(BAD) >= 20


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_a_bad_draft_is_refused_with_one_sentence_naming_it(path: Path) -> None:
    before = digest(path)
    with pytest.raises(DraftFormatError) as caught:
        load_draft(path)
    message = caught.value.message
    assert path.name in message
    assert "\n" not in message and "Traceback" not in message
    assert digest(path) == before


def test_a_newer_draft_is_refused_naming_its_version() -> None:
    with pytest.raises(DraftFormatError, match="格式版本 99"):
        load_draft(REPO / "tests" / "data" / "bad" / "newer-version.fzbg")


def test_a_file_over_the_documented_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "huge.fzbg"
    with big.open("wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(DraftFormatError, match="20 MB"):
        load_draft(big)


@pytest.mark.parametrize("name", ["truncated.fzbg", "binary.fzbg", "deeply-nested.fzbg", "newer-version.fzbg"])
def test_the_command_line_says_it_once_and_writes_nothing(tmp_path: Path, name: str) -> None:
    out = tmp_path / "out.docx"
    result = subprocess.run(
        [sys.executable, "-m", "app", "render", str(REPO / "tests" / "data" / "bad" / name), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("fzbg: ")
    assert not out.exists()
