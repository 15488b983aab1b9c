"""The render as it was before the limits of issue 21: the same sandbox, template and writer, without the
guards of app/render/limits.py. Only for bench/run.py, to show what the limits cost in the same run."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from app.render import compose
from app.render.numbering import heading_number


def _plain_env(folder: Path) -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        loader=FileSystemLoader(str(folder)),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    for level in range(1, 5):
        env.filters[f"num{level}"] = lambda n, level=level: heading_number(level, n)
    env.globals["heading_number"] = heading_number
    return env


@cache
def _plain_compiled(folder: Path, name: str, mtime_ns: int):
    return _plain_env(folder).get_template(name)


@contextlib.contextmanager
def unguarded() -> Iterator[None]:
    """Inside, compose() renders the pack's template in the plain sandbox, with no budget and no counting."""
    saved = (compose._compiled, compose.render_budget, compose.document_text)
    compose._compiled = _plain_compiled
    compose.render_budget = lambda pack: contextlib.nullcontext()
    compose.document_text = str
    try:
        yield
    finally:
        compose._compiled, compose.render_budget, compose.document_text = saved
