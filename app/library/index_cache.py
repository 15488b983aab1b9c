"""The phrase index kept between starts, so the window does not build it again before it is ready.

One file in the user cache folder: a header, the CRC-32 of the body and the body, `marshal` of
(key, index state). The key is every phrase's id, text, kind, section and number of sources, and the
Python version (marshal's format is its own), so any change to the phrases makes the file stale and it is
rebuilt and rewritten. A file that is missing, damaged or stale is simply not used: the index is built as
without it. The CRC is checked before `marshal` reads a byte, because marshal trusts its input.
"""

from __future__ import annotations

import marshal
import sys
import zlib
from pathlib import Path
from typing import Any

from platformdirs import user_cache_path

from app.core.atomic import write_bytes_atomic
from app.library.phrase import Phrase

FORMAT = 1  # bump with any change to what PhraseIndex keeps
HEADER = b"fzbg phrase index %d\n" % FORMAT


def default_path() -> Path:
    return user_cache_path("fzbg", appauthor=False) / "phrase-index.bin"


def index_key(phrases: list[Phrase]) -> str:
    """What the index of `phrases` depends on, as one string."""
    rows = (
        f"{p.id}\t{p.kind.value}\t{p.section.value if p.section else ''}\t{len(p.sources)}\t{p.text}" for p in phrases
    )
    return f"python {sys.version_info[0]}.{sys.version_info[1]}\n" + "\n".join(rows)


def read_index(path: Path, key: str) -> Any | None:
    """The index state stored for `key`, or None when there is none (or it is damaged or stale)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    start = len(HEADER) + 4
    if not data.startswith(HEADER) or len(data) < start:
        return None
    body = data[start:]
    if zlib.crc32(body) != int.from_bytes(data[len(HEADER) : start], "big"):
        return None
    try:
        stored_key, state = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return None
    return state if stored_key == key else None


def write_index(path: Path, key: str, state: Any) -> bool:
    """Stores the index state for `key`; returns False where the cache folder cannot be written (the index
    is then only built again at the next start)."""
    body = marshal.dumps((key, state))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(path, HEADER + zlib.crc32(body).to_bytes(4, "big") + body)
    except OSError:
        return False
    return True
