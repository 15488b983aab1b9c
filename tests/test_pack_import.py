"""A template pack from a colleague's zip installs safely, or not at all."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest

from app.cli.main import main
from app.core.errors import TemplateError
from app.render.pack import BUILTIN_PACKS, list_packs, load_pack
from app.render.pack_import import import_pack_zip


def pack_zip(path: Path, files: dict[str, bytes], folder: str = "本局模板") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(f"{folder}/{name}" if folder else name, data)
    return path


def regulation_files() -> dict[str, bytes]:
    src = BUILTIN_PACKS / "regulation"
    return {
        "manifest.toml": (src / "manifest.toml")
        .read_bytes()
        .replace("五部分（督察工作规定顺序）".encode(), "本局五部分".encode()),
        "report.j2": (src / "report.j2").read_bytes(),
        "reference.docx": (src / "reference.docx").read_bytes(),
    }


def test_a_good_pack_installs_into_the_user_folder_and_is_listed(tmp_path: Path) -> None:
    pack = import_pack_zip(pack_zip(tmp_path / "p.zip", regulation_files()))
    assert pack.id == "本局模板" and pack.name == "本局五部分"
    assert "本局模板" in {p.id for p in list_packs()}
    assert load_pack("本局模板").folder == pack.folder


def test_an_installed_pack_is_not_replaced_unless_asked(tmp_path: Path) -> None:
    z = pack_zip(tmp_path / "p.zip", regulation_files())
    import_pack_zip(z)
    with pytest.raises(TemplateError, match="已有"):
        import_pack_zip(z)
    import_pack_zip(z, replace=True)


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("../../evil.toml", "以外"),
        ("/etc/evil.toml", "以外"),
        ("C:/evil.toml", "以外"),
        ("run.exe", "类型"),
        ("script.py", "类型"),
    ],
)
def test_names_that_escape_or_do_not_belong_are_refused(tmp_path: Path, name: str, says: str) -> None:
    files = regulation_files()
    with zipfile.ZipFile(tmp_path / "p.zip", "w") as zf:
        for n, d in files.items():
            zf.writestr(n, d)
        zf.writestr(name, b"x")
    with pytest.raises(TemplateError, match=says):
        import_pack_zip(tmp_path / "p.zip", dest_root=tmp_path / "packs")
    assert not (tmp_path / "evil.toml").exists()
    assert not (tmp_path / "packs").exists()


def test_a_symlink_in_the_zip_is_refused(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "p.zip", "w") as zf:
        for n, d in regulation_files().items():
            zf.writestr(n, d)
        link = zipfile.ZipInfo("reference.docx")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
    with pytest.raises(TemplateError, match="链接"):
        import_pack_zip(tmp_path / "p.zip", dest_root=tmp_path / "packs")


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    files = regulation_files()
    files["notes.txt"] = b"0" * (50 * 1024 * 1024)
    with pytest.raises(TemplateError, match=r"压缩炸弹|MB"):
        import_pack_zip(pack_zip(tmp_path / "p.zip", files), dest_root=tmp_path / "packs")


def test_a_pack_whose_template_misbehaves_does_not_half_install(tmp_path: Path) -> None:
    files = regulation_files()
    files["report.j2"] = b"{{ ''.__class__.__mro__[1].__subclasses__() }}"
    with pytest.raises(TemplateError):
        import_pack_zip(pack_zip(tmp_path / "p.zip", files), dest_root=tmp_path / "packs")
    assert list((tmp_path / "packs").iterdir()) == []


def test_not_a_zip_gets_a_clear_message(tmp_path: Path) -> None:
    (tmp_path / "p.zip").write_bytes(b"not a zip")
    with pytest.raises(TemplateError, match="不是有效的 zip"):
        import_pack_zip(tmp_path / "p.zip")


def test_the_command_line_installs_and_lists(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pack", "import", str(pack_zip(tmp_path / "p.zip", regulation_files()))]) == 0
    assert main(["pack", "list"]) == 0
    out = capsys.readouterr().out
    assert "本局模板" in out and "regulation" in out
    assert main(["pack", "import", str(tmp_path / "missing.zip")]) == 2
