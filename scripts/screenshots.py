"""Grabs every step of the wizard at 1366×768 into docs/screenshots/step-*.png (for the README and for
looking at the layout by eye). Runs offscreen unless QT_QPA_PLATFORM says otherwise:

    uv run python scripts/screenshots.py [draft.fzbg]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
OUT = REPO / "docs" / "screenshots"
DEFAULT_DRAFT = REPO / "examples" / "nanan-xinfangban-2024.fzbg"


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # A throw-away user folder: screenshots must not show (or leave) anyone's recent files or autosaves.
    home = Path(tempfile.mkdtemp(prefix="fzbg-shots-"))
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_STATE_HOME", "state")):
        os.environ[var] = str(home / sub)

    from PySide6.QtWidgets import QApplication

    from app.ui.launch import install_translations
    from app.ui.main_window import MainWindow

    app = QApplication([sys.argv[0]])
    install_translations(app)
    window = MainWindow()
    window.resize(1366, 768)
    window.show()
    draft = Path(argv[0]) if argv else DEFAULT_DRAFT
    if not window.open_path(draft, ask_first=False):
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("step-*.png"):
        old.unlink()
    names = ["info", "preamble"] + [f"section-{i + 1}" for i in range(len(window.session.draft.sections))]
    names.append("generate")
    for row, name in enumerate(names):
        window.go_to(row)
        window.side_tabs.setCurrentIndex(0)
        if name.startswith("section"):
            tree = window.section_page.tree
            if tree.topLevelItemCount() > 1:
                tree.setCurrentItem(tree.topLevelItem(1))
            if window.phrases is not None and row % 2 == 0:
                # Every other section step shows the phrase panel instead of the preview.
                window.side_tabs.setCurrentWidget(window.phrases)
                window.phrases.run_search()
        window.refresh_live()
        app.processEvents()
        path = OUT / f"step-{row + 1:02d}-{name}.png"
        window.grab().save(str(path))
        print(path.relative_to(REPO))
    window.session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
