"""Core code serves the command line and tests without a display: it must not pull in QtWidgets."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORE_PACKAGES = ["app/core", "app/render", "app/library", "app/importer", "app/checks", "app/cli"]


def core_modules() -> list[str]:
    out = []
    for package in CORE_PACKAGES:
        folder = REPO / package
        if folder.is_dir():
            out += [".".join(p.relative_to(REPO).with_suffix("").parts) for p in sorted(folder.rglob("*.py"))]
    return [m.removesuffix(".__init__") for m in out]


def test_core_modules_import_no_qt_widgets() -> None:
    modules = core_modules()
    assert "app.core.session" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith('PySide6.QtWidgets'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"QtWidgets imported by core code: {result.stdout}"


def test_the_session_uses_no_qt_at_all() -> None:
    code = "import sys, app.core.session; print(any(m.startswith('PySide6') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr
