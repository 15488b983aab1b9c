"""Applying a Fix to a draft, and undoing it by applying the fix it returns."""

from __future__ import annotations

from collections import defaultdict

from app.core.errors import UserError
from app.core.location import get_text, set_text
from app.core.model import Draft

from .findings import Fix, Location, TextEdit


class FixConflict(UserError):
    """The text a fix was made for has changed since the check ran."""


def apply_fix(draft: Draft, fix: Fix) -> Fix:
    """Applies every edit of `fix` to `draft` (all or none) and returns the fix that undoes it."""
    by_ref: dict[Location, list[TextEdit]] = defaultdict(list)
    for edit in fix.edits:
        by_ref[edit.ref].append(edit)
    new_texts: dict[Location, str] = {}
    inverse: list[TextEdit] = []
    for ref, edits in by_ref.items():
        try:
            text = get_text(draft, ref)
        except LookupError:
            raise FixConflict("要修改的段落已不存在，请重新检查后再修正。") from None
        edits.sort(key=lambda e: e.start)
        out: list[str] = []
        pos = 0
        shift = 0
        for edit in edits:
            if edit.start < pos or text[edit.start : edit.start + len(edit.old)] != edit.old:
                raise FixConflict(f"“{edit.old}”处的文字已改动，请重新检查后再修正。")
            out.append(text[pos : edit.start])
            out.append(edit.new)
            inverse.append(TextEdit(ref, edit.start + shift, edit.new, edit.old))
            shift += len(edit.new) - len(edit.old)
            pos = edit.start + len(edit.old)
        out.append(text[pos:])
        new_texts[ref] = "".join(out)
    for ref, text in new_texts.items():
        set_text(draft, ref, text)
    return Fix(f"撤销：{fix.description}", tuple(inverse))


def apply_fixes(draft: Draft, fixes: list[Fix]) -> list[Fix]:
    """Applies several fixes one after another; returns their undo fixes, to be applied in reverse order.

    Fixes from one check run may overlap (two findings in one paragraph); one that no longer applies
    cleanly after the others is skipped rather than corrupting the text.
    """
    undo: list[Fix] = []
    for fix in fixes:
        try:
            undo.append(apply_fix(draft, fix))
        except FixConflict:
            continue
    return undo
