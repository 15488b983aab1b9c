"""The fonts a test run sees: a fontconfig file naming exact font files, whatever else the machine has installed.

Layout, print and PDF results depend on which faces are installed, so the suite does not take the machine's.
It runs in one of two configurations, chosen by FZBG_TEST_FONTS:
- `cjk`: the free CJK faces only; digits and Latin letters come from the CJK faces' own glyphs;
- `cjk+latin` (the default): the same plus Liberation Serif, the metric clone of Times New Roman that every
  Windows PC has, so digits and Latin letters are set in their own face (the common case on users' PCs).
The file is made before Qt or LibreOffice start (FONTCONFIG_FILE is read once per process, and passed on to
LibreOffice, which runs as a child process).
"""

from __future__ import annotations

import os
from pathlib import Path
from xml.sax.saxutils import escape

# Debian package → the files of it a configuration uses (the same names on UOS and Kylin).
CJK_FILES = {
    "fonts-noto-cjk": (
        "NotoSerifCJK-Regular.ttc",
        "NotoSerifCJK-Bold.ttc",
        "NotoSansCJK-Regular.ttc",
        "NotoSansCJK-Bold.ttc",
    ),
    "fonts-arphic-ukai": ("ukai.ttc",),
    "fonts-arphic-uming": ("uming.ttc",),
    "fonts-wqy-zenhei": ("wqy-zenhei.ttc",),
}
LATIN_FILES = {"fonts-liberation2": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf")}
CONFIGURATIONS = {"cjk": CJK_FILES, "cjk+latin": {**CJK_FILES, **LATIN_FILES}}
DEFAULT = "cjk+latin"
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))


def chosen_configuration() -> str:
    name = os.environ.get("FZBG_TEST_FONTS", DEFAULT)
    if name not in CONFIGURATIONS:
        raise ValueError(f"FZBG_TEST_FONTS={name!r}: one of {', '.join(CONFIGURATIONS)}")
    return name


def _installed_files() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in FONT_DIRS:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            found.setdefault(path.name, path)
    return found


def write_fontconfig(name: str, folder: Path) -> Path:
    """Writes `folder`/fonts.conf for configuration `name`: the system's rules, only the named font files.

    Raises FileNotFoundError naming the Debian packages to install when a font file is missing.
    """
    installed = _installed_files()
    wanted = CONFIGURATIONS[name]
    missing = sorted({package for package, files in wanted.items() for f in files if f not in installed})
    if missing:
        raise FileNotFoundError(
            f"the test font configuration {name!r} needs {' '.join(missing)} (see scripts/debian-packages.txt)"
        )
    paths = [installed[file] for files in wanted.values() for file in files]
    dirs = "".join(f"  <dir>{escape(str(d))}</dir>\n" for d in sorted({p.parent for p in paths}))
    accepted = "".join(f"      <glob>{escape(str(p))}</glob>\n" for p in paths)
    # The system's rules (aliases such as Times New Roman → Liberation Serif, language preferences) as on any
    # machine, but none of its font folders; of the folders named here, only the files named here. (Symbolic
    # links to the files would be simpler, but LibreOffice finds no fonts through them.)
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/conf.d</include>\n'
        f"{dirs}  <cachedir>{escape(str(folder / 'cache'))}</cachedir>\n"
        f"  <selectfont>\n    <acceptfont>\n{accepted}    </acceptfont>\n"
        "    <rejectfont><glob>*</glob></rejectfont>\n  </selectfont>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return config
