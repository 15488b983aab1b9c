"""The sandboxed Jinja environment of template packs: the report template and the pack strings that need it.

Apart from compose so that the pack strings reach it without going through compose (and compose's pack
loading); it loads Jinja, which start-up does without. Every environment is app.render.limits' GuardedSandbox,
so a pack's code runs within the limits whichever way it is reached.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from jinja2 import DictLoader
from jinja2 import TemplateError as JinjaTemplateError
from jinja2.sandbox import SecurityError

from app.core.errors import TemplateError
from app.core.text import clean_text
from app.render.limits import MAX_PACK_STRING_CHARS, PackLimitError, render_budget
from app.render.numbering import heading_number
from app.render.sandbox_guards import GuardedSandbox, PackLoader

# What a pack's template code can raise by itself (the sandbox raises OverflowError for a too-large range).
PACK_FAULTS = (ArithmeticError, LookupError, TypeError, ValueError)
_MESSAGE_CHARS = 200  # of an error's own text quoted in a message: a pack's error may hold a long string


def jinja_env(loader: PackLoader | DictLoader) -> GuardedSandbox:
    env = GuardedSandbox(
        loader=loader,
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
def _string_env() -> GuardedSandbox:
    return jinja_env(DictLoader({}))  # a title string can include nothing


@lru_cache(maxsize=64)
def _compiled_string(source: str):
    return _string_env().from_string(source)


def quoted(exc: BaseException) -> str:
    """An error's own text for a message, cut short: a pack's error may hold a long string."""
    text = str(exc)
    return text if len(text) <= _MESSAGE_CHARS else text[:_MESSAGE_CHARS] + "…"


def render_with_jinja(source: str, context: dict[str, Any], pack: str = "") -> str:
    """A pack string that needs more than variables (`app.render.pack_text` fills in the rest)."""
    if len(source) > MAX_PACK_STRING_CHARS:
        raise TemplateError(f"模板中的文字“{source[:40]}…”过长（超过 {MAX_PACK_STRING_CHARS} 字）。")
    try:
        with render_budget(pack):
            return clean_text(_compiled_string(source).render(context)).strip()
    except PackLimitError:
        raise
    except RecursionError as exc:
        raise TemplateError(f"模板中的文字“{source[:40]}”嵌套过深，无法生成。") from exc
    except (JinjaTemplateError, SecurityError, *PACK_FAULTS) as exc:
        raise TemplateError(f"模板中的文字“{source[:40]}”无法生成：{quoted(exc)}") from exc
