"""The phrase library: the shipped phrases (read-only) and the user's own, searchable together.

Public API for the wizard and the checks:
- `PhraseLibrary(user=None)`: `.search(query, section=None, item_heading="", limit=20, kinds=None)`
  → list[Hit]; `.insert(phrase, meta)` → Paragraph (filled, examples named, use counted);
  `.star(id, on)`, `.hide(id, on)`, `.import_report(path)`, `.add_text(text, section)`, `.phrases()`.
- `fill_placeholders(text, meta)` → (text, example_spans) and `phrase_paragraph(phrase, meta)`.
- `draft_from_library(...)` (app.library.first_draft) → a complete first draft.
"""

from __future__ import annotations

from pathlib import Path

from app.core.model import Meta, Paragraph, SectionKind
from app.library.phrase import (
    EXAMPLE_CLOSE,
    EXAMPLE_OPEN,
    PLACEHOLDERS,
    Phrase,
    PhraseKind,
    Provenance,
    fill_placeholders,
    phrase_paragraph,
)
from app.library.search import Hit, PhraseIndex
from app.library.shipped import load_phrases
from app.library.user import UserLibrary

__all__ = [
    "EXAMPLE_CLOSE",
    "EXAMPLE_OPEN",
    "PLACEHOLDERS",
    "Hit",
    "Phrase",
    "PhraseIndex",
    "PhraseKind",
    "PhraseLibrary",
    "Provenance",
    "UserLibrary",
    "fill_placeholders",
    "phrase_paragraph",
]


class PhraseLibrary:
    """Shipped and user phrases behind one search; the user's marks apply to both."""

    def __init__(
        self, user: UserLibrary | None = None, shipped: list[Phrase] | None = None, index_cache: Path | None = None
    ) -> None:
        """`index_cache`: where the search index is kept between starts (`save_index`); default: none."""
        self.user = user if user is not None else UserLibrary()
        self._shipped = shipped if shipped is not None else load_phrases()
        self._index: PhraseIndex | None = None
        self.index_cache = index_cache

    def phrases(self) -> list[Phrase]:
        ids = {p.id for p in self._shipped}
        return list(self._shipped) + [p for p in self.user.phrases() if p.id not in ids]

    def index(self) -> PhraseIndex:
        if self._index is None:
            phrases = self.phrases()
            state = None
            if self.index_cache is not None:
                # hashing and marshal of the index cache: with the library, after the window's first paint
                from app.library.index_cache import index_key, read_index

                state = read_index(self.index_cache, index_key(phrases))
            self._index = PhraseIndex(phrases, self.user.marks(), state)
        return self._index

    def save_index(self) -> bool:
        """Keeps a newly built index in `index_cache` for the next start; returns whether it wrote one."""
        index = self._index
        if self.index_cache is None or index is None or not index.built:
            return False
        # as above, after the first search
        from app.library.index_cache import index_key, write_index

        if not write_index(self.index_cache, index_key(index.phrases), index.state):
            return False
        index.built = False  # kept: the next call has nothing to write
        return True

    def _marks_changed(self) -> None:
        if self._index is not None:
            self._index.set_marks(self.user.marks())

    def search(
        self,
        query: str,
        section: SectionKind | None = None,
        item_heading: str = "",
        limit: int = 20,
        kinds: tuple[PhraseKind, ...] | None = None,
    ) -> list[Hit]:
        return self.index().search(query, section=section, item_heading=item_heading, limit=limit, kinds=kinds)

    def insert(self, phrase: Phrase, meta: Meta) -> Paragraph:
        """The phrase as a paragraph of the draft with this meta; counts the use for ranking."""
        self.user.record_use(phrase.id)
        self._marks_changed()
        return phrase_paragraph(phrase, meta)

    def star(self, phrase_id: str, on: bool = True) -> None:
        self.user.star(phrase_id, on)
        self._marks_changed()

    def hide(self, phrase_id: str, on: bool = True) -> None:
        self.user.hide(phrase_id, on)
        self._marks_changed()

    def add_text(self, text: str, section: SectionKind | None = None) -> Phrase:
        phrase = self.user.add_text(text, section)
        self._index = None
        return phrase

    def import_phrases_file(self, path: Path) -> int:
        """Adds the phrases a colleague exported (`app.library.exchange`); returns how many were new."""
        # the exchange format only when a file is imported (~0.1 s, python -X importtime)
        from app.library.exchange import import_phrases

        new = import_phrases(self.user, path)
        self._index = None
        return new

    def import_report(self, path: Path):
        """Imports a finished report and adds its phrases; returns (ImportedReport, number of new phrases)."""
        # the importer (~85 ms) only when a report is imported, not when the window opens
        from app.importer import import_report

        imported = import_report(path)
        new = self.user.add_report(imported, known=self._shipped)
        self._index = None
        return imported, new
