"""The sandboxed Jinja environment of template packs: the report template and the pack strings that need it.

Apart from compose so that the pack strings reach it without going through compose (and compose's pack
loading); it loads Jinja, which start-up does without.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import BaseLoader, DictLoader, StrictUndefined
from jinja2 import TemplateError as JinjaTemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from app.core.errors import TemplateError
from app.core.text import clean_text
from app.render.numbering import heading_number

# What a pack's template code can raise by itself (the sandbox raises OverflowError for a too-large range).
PACK_FAULTS = (ArithmeticError, RecursionError, LookupError, TypeError, ValueError)


def jinja_env(loader: BaseLoader | None = None) -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["num1"] = lambda n: heading_number(1, n)
    env.filters["num2"] = lambda n: heading_number(2, n)
    env.filters["num3"] = lambda n: heading_number(3, n)
    env.filters["num4"] = lambda n: heading_number(4, n)
    env.globals["heading_number"] = heading_number
    return env


@cache
def _string_env() -> ImmutableSandboxedEnvironment:
    return jinja_env(DictLoader({}))  # a title string can include nothing


def render_with_jinja(source: str, context: dict[str, Any]) -> str:
    """A pack string that needs more than variables (`app.render.pack_text` fills in the rest)."""
    try:
        return clean_text(_string_env().from_string(source).render(context)).strip()
    except (JinjaTemplateError, SecurityError, *PACK_FAULTS) as exc:
        raise TemplateError(f"模板中的文字“{source[:40]}”无法生成：{exc}") from exc
