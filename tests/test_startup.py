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
import sys
from app.ui import launch
from app.ui.main_window import MainWindow

seen = {}
real_ready = MainWindow._after_first_paint


def spy(self):
    real_ready(self)
    seen["loaded"] = self.phrases is not None and self.phrases.loaded
    seen["modules"] = sorted(m for m in sys.modules if m.split(".")[0] in ("app", "jinja2", "docx", "lxml"))


MainWindow._after_first_paint = spy
code = launch.run_gui([])
print(seen["loaded"])
print(" ".join(seen["modules"]))
sys.exit(code)
"""


def test_the_window_is_ready_with_the_library_and_without_the_rest() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FZBG_QUIT_AFTER_SHOW": "1"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    loaded, modules = result.stdout.strip().splitlines()
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
    ):
        assert later not in imported, later
