"""What the window does before it reports ready: the first page, the phrase library and nothing else.

Start-up time itself is measured by bench/run.py against a bare QWizard; this guards the work it skips.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

SCRIPT = """
import gc
import sys

from app.ui import launch

seen = {}
real_settle = launch.settle_memory


def spy():  # connected to the window's ready signal by run_gui
    from PySide6 import QtCore
    from PySide6.QtWidgets import QApplication
    from PySide6.support import feature

    from app.ui.main_window import MainWindow

    (window,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    seen["collecting"] = gc.isenabled()
    seen["loaded"] = window.phrases is not None and window.phrases.loaded
    seen["index"] = "built" if window.phrases.library.index().built else "read"
    seen["modules"] = sorted(m for m in sys.modules if m.split(".")[0] in ("app", "jinja2", "docx", "lxml"))
    seen["qt_namespace"] = QtCore.__dict__.get("Qt") is not None
    before_the_hook_was_out = ("app.ui.launch", "app.ui.binding")
    seen["scanned"] = sorted(m for m in feature.pyside_feature_dict if m.startswith("app.") and m not in before_the_hook_was_out)
    import dataclasses

    seen["undocumented"] = sorted(
        f"{name}.{key}"
        for name, module in list(sys.modules.items())
        if name.startswith("app.")
        for key, value in vars(module).items()
        if dataclasses.is_dataclass(value)
        and isinstance(value, type)
        and value.__module__ == name
        and (value.__doc__ or "").startswith(value.__name__ + "(")
    )
    real_settle()
    seen["settled"] = gc.isenabled() and gc.get_freeze_count() > 0


launch.settle_memory = spy
code = launch.run_gui([])
print(seen["loaded"])
print(" ".join(seen["modules"]))
print(seen["qt_namespace"], seen["collecting"], seen["settled"])
print(" ".join(seen["scanned"]))
print(" ".join(seen["undocumented"]))
print(seen["index"])
sys.exit(code)
"""


def _start(home: Path) -> list[str]:
    """Runs `fzbg` up to ready; returns its report's lines: library loaded, modules imported, "Qt made,
    collecting, settled", modules PySide6 scanned, dataclasses without a docstring, index "built"/"read"."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FZBG_QUIT_AFTER_SHOW": "1", "HOME": str(home)}
    env.update(
        XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache")
    )
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split("\n")[:6]  # print() ends every line, empty ones too


def test_the_window_is_ready_with_the_library_and_without_the_rest(tmp_path: Path) -> None:
    loaded, modules, *_ = _start(tmp_path)
    assert loaded == "True"
    imported = set(modules.split())
    assert {"app.ui.main_window", "app.ui.info_page", "app.library", "app.library.search"} <= imported
    for later in (
        "jinja2",  # the preview's composition, after the first paint
        "app.checks",  # the checks, after the first paint
        "app.importer",  # opening a finished report
        "docx",  # exporting
        "app.render.compose",
        "app.ui.section_page",  # pages of later steps, on their first visit
        "app.ui.preamble_page",
        "app.ui.generate_page",
        "app.ui.preview_document",  # the preview's document, with its first blocks
    ):
        assert later not in imported, later


def test_the_window_is_up_before_the_binding_makes_its_qt_namespace_or_reads_the_sources(tmp_path: Path) -> None:
    """The start-up costs of app/ui/binding.py and launch.py: the `Qt` namespace (15 ms of Python
    enums) is not made, PySide6 did not read the source of the program's modules, and the collector is
    off until the window is ready, then on again with what start-up made frozen (launch.settle_memory)."""
    _, _, qt_and_gc, scanned, undocumented, _ = _start(tmp_path)
    assert qt_and_gc == "False False True"
    assert scanned == ""
    # A dataclass without a docstring gets one made from inspect.signature at import: 0.1-0.2 ms each.
    assert undocumented == ""


def test_the_second_start_reads_the_phrase_index_the_first_one_kept(tmp_path: Path) -> None:
    _start(tmp_path)
    assert (tmp_path / "cache" / "fzbg" / "phrase-index.bin").is_file()
    assert _start(tmp_path)[5] == "read"


def test_memory_is_settled_once_whether_by_ready_or_by_the_timer_after_it() -> None:
    import gc

    from app.ui.launch import settle_memory

    gc.disable()
    try:
        settle_memory()
        frozen = gc.get_freeze_count()
        assert gc.isenabled() and frozen > 0
        garbage = [[] for _ in range(1000)]
        settle_memory()  # the timer, after ready: nothing more is frozen
        assert gc.get_freeze_count() == frozen
        del garbage
    finally:
        gc.unfreeze()
        gc.enable()
