"""A template pack's short strings (title, default headings, help texts) filled in for a draft.

Most of them only name a variable (`{{ year }}年…`); those are filled in directly, so opening the
window does not have to load Jinja. Anything more (filters, expressions, tags) goes through the same
sandboxed Jinja environment the report template uses, and fails the same way.
"""

from __future__ import annotations

import re
from typing import Any

from app.core.model import Meta
from app.core.text import clean_text

_VARIABLE = re.compile(r"\{\{\s*([A-Za-z_]\w*)\s*\}\}")
_JINJA_SYNTAX = ("{{", "{%", "{#")


def meta_context(meta: Meta) -> dict[str, Any]:
    """The names every pack string and the report template can use."""
    return {
        "year": meta.year,
        "next_year": meta.year + 1,
        # A name of nothing printable is no name: saved and reopened it is empty, and must print the same.
        "unit_name": clean_text(meta.unit_name).strip() or "本单位",
        "self_ref": meta.self_ref,
    }


def render_pack_string(source: str, meta: Meta, pack: str = "") -> str:
    """A pack's short template string for the draft's unit and year; `pack` names it in a message."""
    context = meta_context(meta)
    simple = _fill_variables(source, context)
    if simple is not None:
        return clean_text(simple).strip()
    from app.render.compose import render_with_jinja

    return render_with_jinja(source, context, pack)


def _fill_variables(source: str, context: dict[str, Any]) -> str | None:
    """`source` with each `{{ name }}` of a known name replaced, or None where it needs Jinja."""
    unknown = False

    def value(match: re.Match[str]) -> str:
        nonlocal unknown
        name = match.group(1)
        if name not in context:
            unknown = True  # Jinja's StrictUndefined says what is wrong
            return ""
        return str(context[name])

    filled = _VARIABLE.sub(value, source)
    if unknown or any(mark in filled for mark in _JINJA_SYNTAX):
        return None
    return filled
