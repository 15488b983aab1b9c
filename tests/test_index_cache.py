"""The phrase index kept between starts (app/library/index_cache.py): used only when it is the index of
exactly these phrases, rebuilt whenever it is stale, damaged or missing, and never a reason to fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.model import SectionKind
from app.library import PhraseLibrary, UserLibrary
from app.library.index_cache import HEADER


def library(folder: Path) -> PhraseLibrary:
    return PhraseLibrary(UserLibrary(folder / "user.sqlite3"), index_cache=folder / "cache" / "phrase-index.bin")


def results(lib: PhraseLibrary) -> list[list[str]]:
    queries = [
        ("法律顾问", None),
        ("宣传", SectionKind.PLANS),
        ("诉", SectionKind.MEASURES),
        ("", SectionKind.SHORTCOMINGS),
    ]
    return [[h.phrase.id for h in lib.search(q, section=s)] for q, s in queries]


def test_a_saved_index_is_read_at_the_next_start_and_searches_the_same(tmp_path: Path) -> None:
    first = library(tmp_path)
    expected = results(first)
    assert first.index().built and first.save_index()
    assert not first.save_index()  # nothing new to keep
    second = library(tmp_path)
    assert not second.index().built
    assert results(second) == expected


def test_an_index_of_other_phrases_is_not_used(tmp_path: Path) -> None:
    first = library(tmp_path)
    first.index()
    first.save_index()
    first.add_text("我局坚持以案释法，开展信访法治宣传进社区活动十二场。", SectionKind.MEASURES)
    second = library(tmp_path)
    assert second.index().built
    assert any("以案释法" in h.phrase.text for h in second.search("以案释法"))


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:-10] + bytes(10),  # the end overwritten
        lambda data: data[:100] + bytes([data[100] ^ 0xFF]) + data[101:],  # one byte flipped in the body
        lambda data: b"",
        lambda data: b"not an index at all",
        lambda data: HEADER + b"\x00\x00\x00\x00" + b"\xff" * 64,  # a header and nonsense
    ],
    ids=["truncated", "zeroed-end", "flipped-byte", "empty", "foreign", "nonsense"],
)
def test_a_damaged_index_file_is_rebuilt_without_a_word(tmp_path: Path, damage) -> None:
    first = library(tmp_path)
    expected = results(first)
    first.save_index()
    path = first.index_cache
    assert path is not None
    path.write_bytes(damage(path.read_bytes()))
    second = library(tmp_path)
    assert second.index().built
    assert results(second) == expected
    assert second.save_index()  # and replaced by a sound one
    assert not library(tmp_path).index().built


def test_a_cache_folder_that_cannot_be_written_only_means_building_again(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("a file where the folder should be", "utf-8")
    lib = library(tmp_path)
    lib.index()
    assert lib.save_index() is False
    assert library(tmp_path).index().built
