from __future__ import annotations

import pytest

from app.render.fonts import (
    Face,
    FaceChoice,
    choose_face,
    chosen_faces,
    docx_font_notices,
    missing_standard_faces,
    substitution_notices,
)

# The session's QApplication (pytest-qt) must exist before the layout would make a bare QGuiApplication,
# or a later widget test in the same process aborts.
pytestmark = [pytest.mark.usefixtures("qapp"), pytest.mark.fonts]


WINDOWS = ["SimSun", "NSimSun", "SimHei", "FangSong", "KaiTi", "Microsoft YaHei", "Times New Roman"]
GOVERNMENT_PC = [*WINDOWS, "仿宋_GB2312", "楷体_GB2312", "方正小标宋简体"]
DEBIAN = ["Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL UKai CN", "AR PL UMing CN", "WenQuanYi Zen Hei"]


def test_a_government_pc_with_the_legacy_faces_uses_every_standard_face() -> None:
    for face in Face:
        assert not choose_face(face, GOVERNMENT_PC).substituted, face


def test_plain_windows_falls_back_to_fangsong_kaiti_and_bold_simsun() -> None:
    assert choose_face(Face.FANGSONG, WINDOWS) == FaceChoice(Face.FANGSONG, "FangSong")
    assert choose_face(Face.KAITI, WINDOWS) == FaceChoice(Face.KAITI, "KaiTi")
    assert choose_face(Face.XIAOBIAOSONG, WINDOWS) == FaceChoice(Face.XIAOBIAOSONG, "SimSun", bold=True)
    assert not choose_face(Face.HEITI, WINDOWS).substituted  # SimHei is 黑体


def test_another_fangsong_comes_before_a_serif() -> None:
    assert choose_face(Face.FANGSONG, ["Noto Serif CJK SC", "FZFangSong-Z02"]).family == "FZFangSong-Z02"


def test_debian_free_faces_stand_in_per_element() -> None:
    assert choose_face(Face.FANGSONG, DEBIAN).family == "Noto Serif CJK SC"
    assert choose_face(Face.KAITI, DEBIAN).family == "AR PL UKai CN"
    assert choose_face(Face.HEITI, DEBIAN).family == "Noto Sans CJK SC"
    assert choose_face(Face.HEITI, ["WenQuanYi Zen Hei"]).family == "WenQuanYi Zen Hei"
    assert choose_face(Face.XIAOBIAOSONG, DEBIAN) == FaceChoice(Face.XIAOBIAOSONG, "Noto Serif CJK SC", bold=True)
    assert choose_face(Face.KAITI, ["AR PL UMing CN"]).family == "AR PL UMing CN"  # a serif beats nothing


def test_a_machine_without_chinese_faces_chooses_none_and_says_so() -> None:
    choice = choose_face(Face.FANGSONG, ["DejaVu Sans"])
    assert choice.family is None and choice.substituted
    assert "系统默认字体" in substitution_notices({Face.FANGSONG: choice})[0]


def test_the_notice_names_the_missing_face_and_its_stand_in_in_chinese() -> None:
    choices = {Face.XIAOBIAOSONG: choose_face(Face.XIAOBIAOSONG, DEBIAN)}
    assert substitution_notices(choices) == [
        "本机缺少 方正小标宋简体，预览和打印使用 Noto Serif CJK SC（加粗） 代替；Word 打开 DOCX 时也会替换。"
    ]
    assert substitution_notices({Face.FANGSONG: choose_face(Face.FANGSONG, GOVERNMENT_PC)}) == []


def test_the_docx_check_lists_the_named_faces_this_pc_lacks() -> None:
    assert missing_standard_faces(installed=WINDOWS) == ["仿宋_GB2312", "楷体_GB2312", "方正小标宋简体"]
    assert missing_standard_faces(["黑体", "SimHei", "Times New Roman"], installed=WINDOWS) == []
    assert missing_standard_faces(installed=GOVERNMENT_PC) == []
    assert missing_standard_faces(["仿宋_GB2312"], installed=["FangSong_GB2312"]) == []


def test_this_pc_has_a_face_for_every_chinese_element_and_the_docx_notices_read_in_chinese() -> None:
    faces = chosen_faces()
    assert all(faces[f].family for f in Face if f is not Face.LATIN)
    for notice in docx_font_notices():
        assert notice.startswith("本机缺少 ") and "Word" in notice
