"""Draft → document blocks, through the template pack's Jinja template in the sandbox.

The template does not print the document; it calls `emit()` and `para()` to append blocks. User text
reaches it only as data in those calls, so it is never compiled and needs no escaping, and `& < > {{`
in a paragraph are just characters. Anything else the template prints must be white space.
"""

from __future__ import annotations

import datetime as dt
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from jinja2 import DictLoader, TemplateNotFound, UndefinedError
from jinja2 import TemplateError as JinjaTemplateError
from jinja2.sandbox import SecurityError

from app.core.errors import TemplateError
from app.core.model import Draft, Paragraph
from app.core.text import clean_text, split_paragraphs, text_width
from app.render.blocks import Block, Role, Run
from app.render.limits import (
    MAX_PACK_STRING_CHARS,
    GuardedSandbox,
    PackLimitError,
    PackLoader,
    document_text,
    render_budget,
)
from app.render.numbering import heading_number
from app.render.pack import TemplatePack, load_pack
from app.render.pack_text import meta_context
from app.render.title import break_title

# What a pack's template code can raise by itself (the sandbox raises OverflowError for a too-large range).
_PACK_FAULTS = (ArithmeticError, LookupError, TypeError, ValueError)
_MESSAGE_CHARS = 200  # of an error's own text quoted in a message: a pack's error may hold a long string

LINE_CHARS = 28  # GB/T 9704 §5.2.3: 28 characters a line
SIGNATURE_RIGHT_CHARS = 2  # §7.3.5.2: signature two characters from the right


def date_text(date: dt.date) -> str:
    """成文日期 as GB/T 9704 writes it: Arabic numerals, full year, no leading zeros."""
    return f"{date.year}年{date.month}月{date.day}日"


def _env(loader: PackLoader | DictLoader) -> GuardedSandbox:
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
    return _env(DictLoader({}))  # a title string can include nothing


@lru_cache(maxsize=64)
def _compiled_string(source: str):
    return _string_env().from_string(source)


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
    except (JinjaTemplateError, SecurityError, *_PACK_FAULTS) as exc:
        raise TemplateError(f"模板中的文字“{source[:40]}”无法生成：{_quoted(exc)}") from exc


def _quoted(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) <= _MESSAGE_CHARS else text[:_MESSAGE_CHARS] + "…"


@cache
def _compiled(folder: Path, name: str, mtime_ns: int):
    env = _env(PackLoader(str(folder)))
    return env.get_template(name)


class _BlockSink:
    """What the template's `emit()` and `para()` append to."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []

    def emit(self, role: str, text: Any = "", tail: Any = None, indent_right: Any = None) -> str:
        try:
            if role.__class__ is not str:  # Role(x) would print x into its message, however large
                raise ValueError(role.__class__.__name__)
            role_ = Role(role)
        except ValueError:
            raise TemplateError(f"模板使用了未知的段落类型“{role[:40] if isinstance(role, str) else '？'}”。") from None
        if role_ is Role.TABLE:
            raise TemplateError("表格请用 para() 输出。")
        text = document_text(text)  # counted against the pack's limits: emit() in a loop copies text
        lines = [clean_text(text)] if role_ is Role.TITLE else split_paragraphs(text)
        tail_lines = split_paragraphs(document_text(tail)) if tail is not None else []
        if not lines and not tail_lines:
            return ""
        if tail_lines:
            head = lines[0] if lines else ""
            for line in lines[1:]:
                self.blocks.append(Block(role_, (Run(line, role_),)))
            self.blocks.append(Block(Role.BODY, (Run(head, role_), Run(tail_lines[0], Role.BODY))))
            self.blocks.extend(Block(Role.BODY, (Run(t, Role.BODY),)) for t in tail_lines[1:])
        else:
            ir = float(indent_right) if indent_right is not None else None
            self.blocks.extend(Block(role_, (Run(line, role_),), indent_right=ir) for line in lines)
        return ""

    def para(self, paragraph: Paragraph) -> str:
        if not isinstance(paragraph, Paragraph):
            raise TemplateError(f"模板的 para() 只接受草稿中的段落，不接受 {type(paragraph).__name__}。")
        if paragraph.table is not None:
            rows = tuple(tuple(clean_text(c) for c in row) for row in paragraph.table if row)
            if rows:
                self.blocks.append(Block(Role.TABLE, rows=rows))
            return ""
        return self.emit("body", paragraph.text)


def signature_indents(signature: str, date: str) -> tuple[float, float]:
    """Right indents, in characters, of signature and date per GB/T 9704 §7.3.5.2 (no seal).

    The date starts two characters right of the signature's first character; where the date is the
    longer of the two it keeps two characters from the right margin and the signature moves with it.
    """
    s, d = text_width(signature), text_width(date)
    if d <= s:
        return float(SIGNATURE_RIGHT_CHARS), SIGNATURE_RIGHT_CHARS + s - d - 2.0
    return SIGNATURE_RIGHT_CHARS + 2.0 + d - s, float(SIGNATURE_RIGHT_CHARS)


def compose(draft: Draft, pack: TemplatePack | None = None) -> list[Block]:
    """The draft as document blocks, through its template pack, within the limits of `app.render.limits`."""
    pack = pack or load_pack(draft.meta.template_pack)
    path = pack.template_path
    try:
        version = path.stat().st_mtime_ns
    except OSError as exc:
        raise TemplateError(f"模板“{pack.id}”的文件“{pack.template}”无法读取。") from exc
    # A pack that ran out of time once is not run again in this session (the preview renders after every
    # pause in typing; the window must not stop each time). Editing the template makes it a new version.
    slow = _too_slow.get((path, version))
    if slow is not None:
        raise slow
    try:
        with render_budget(pack.id):
            return _compose(draft, pack, version)
    except PackLimitError as exc:
        if exc.kind == "slow":
            _too_slow[(path, version)] = exc
        raise
    except RecursionError as exc:  # nesting the limits do not count, such as data nested in data
        raise PackLimitError(f"模板“{pack.id}”嵌套过深，已停止，请换用其他模板。", "deep") from exc
    except MemoryError as exc:  # what the limits did not foresee still ends as the pack's failure
        raise PackLimitError(f"模板“{pack.id}”输出过大（内存不足），已停止，请换用其他模板。", "big") from exc


_too_slow: dict[tuple[Path, int], PackLimitError] = {}


def _compose(draft: Draft, pack: TemplatePack, version: int) -> list[Block]:
    try:
        template = _compiled(pack.folder, pack.template, version)
    except OSError as exc:
        raise TemplateError(f"模板“{pack.id}”的文件“{pack.template}”无法读取。") from exc
    except JinjaTemplateError as exc:
        raise TemplateError(f"模板“{pack.id}”的文件“{pack.template}”有语法错误：{_quoted(exc)}") from exc
    except (SyntaxError, RecursionError, MemoryError) as exc:  # nested too deep for Python's compiler
        raise TemplateError(f"模板“{pack.id}”的文件“{pack.template}”过于复杂，无法读取。") from exc

    meta = draft.meta
    sink = _BlockSink()
    # Cleaned before the title is broken into lines: a control character there is no space (str.isspace
    # says \x1c–\x1f are), and the draft read back from its file no longer has it.
    title = clean_text(meta.title).strip() or pack.default_title(meta)
    signature = clean_text(meta.signature).strip() or clean_text(meta.unit_name).strip()
    date = date_text(meta.date) if meta.date else ""
    sig_indent, date_indent = signature_indents(signature, date)
    context: dict[str, Any] = {
        **meta_context(meta),
        "draft": draft,
        "meta": meta,
        "title": break_title(title),
        "signature": signature,
        "date": date,
        "signature_indent": sig_indent,
        "date_indent": date_indent,
        "emit": sink.emit,
        "para": sink.para,
    }
    try:
        stray = template.render(context)
    except UndefinedError as exc:
        raise TemplateError(f"模板“{pack.id}”使用了未定义的内容：{_quoted(exc)}") from exc
    except SecurityError as exc:
        raise TemplateError(f"模板“{pack.id}”试图执行不允许的操作：{_quoted(exc)}") from exc
    except TemplateError:
        raise
    except TemplateNotFound as exc:
        raise TemplateError(f"模板“{pack.id}”引用的文件“{exc.name}”不在模板包内，已拒绝。") from exc
    except JinjaTemplateError as exc:
        raise TemplateError(f"模板“{pack.id}”生成失败：{_quoted(exc)}") from exc
    except _PACK_FAULTS as exc:  # the pack's own code failing: range() beyond the sandbox's limit, 1/0, …
        raise TemplateError(
            f"模板“{pack.id}”运行出错（{type(exc).__name__}: {_quoted(exc)}），请换用其他模板。"
        ) from exc
    if stray.strip():
        raise TemplateError(f"模板“{pack.id}”在 emit() 之外输出了文字：“{stray.strip()[:30]}”。")
    return sink.blocks
