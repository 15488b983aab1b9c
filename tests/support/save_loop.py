"""The program's save path, headless, in a loop: the victim of tests/test_kill.py.

Opens (or creates) the draft given, then forever: edits it, autosaves, adds a phrase to the personal phrase
library (SQLite) and every third edit saves; after each step that returned it prints `A <n>`, `L <n>` or
`S <n>`, so the killer knows what had completed when it struck.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.core.model import Paragraph
from app.core.session import Session
from app.library.user import UserLibrary
from app.render.pack import load_pack


def main(draft_path: Path, data_dir: Path) -> None:
    session = Session(base_dir=data_dir)
    if draft_path.exists():
        session.open(draft_path)
    else:
        session.new(load_pack("regulation").new_draft("某县信访局", "我局", 2025))
        session.draft.preamble = [Paragraph("版本 0")]
        session.save(draft_path)
    n = int(session.draft.preamble[0].text.split()[-1])
    library = UserLibrary(data_dir / "phrases.sqlite3")
    print("ready", flush=True)
    while True:
        n += 1
        # A realistic edit: a paragraph grows, so files differ in size as well as content.
        session.draft.preamble[0].text = f"版本 {n}"
        session.draft.sections[0].preamble = [Paragraph("正文。" * (n % 50))]
        session.touch()
        session.autosave()
        print(f"A {n}", flush=True)
        library.add_text(f"第{n}条常用语。")
        print(f"L {n}", flush=True)
        if n % 3 == 0:
            session.save()
            print(f"S {n}", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
