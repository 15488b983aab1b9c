"""What a template pack may spend: time and memory, bounded inside Jinja's sandbox.

A pack is data from a colleague, run as a Jinja template. The sandbox stops it reading files or calling
what it should not; this module stops it hanging the window or filling memory. Every way a template can
make data or spend time passes one of the guards of `GuardedSandbox`:

- loops: the iterable of every `{% for %}` is wrapped; calls (macros, methods, `loop()`), operators,
  slices, filters and output joins check the clock;
- memory: every value a template operation makes (operators `+ * % **`, `~`, calls, filters, slices,
  output, the blocks it emits) is sized *before* it is made where a single step could be large
  (`'x' * 10**10`, `9 ** (9 ** 9)`, `replace('', …)`, `center(10**9)`, `'%999999999d'`, printing a list of
  a million long strings), and counted after; one value may not exceed `MAX_TEXT_CHARS` characters or
  `MAX_ITEMS` items, and all values made in one render together not `MAX_PRODUCED` (so a render holds
  at most about `4 * MAX_PRODUCED` bytes of the pack's data, whatever it keeps);
- depth: nested calls and template loads are counted (`MAX_CALL_DEPTH`, `MAX_TEMPLATE_LOADS`).

The guards run in the rendering thread, in Python, so they hold the same on every platform (Windows has
no fork and no RLIMIT_AS; nothing here needs them). A child process was measured and rejected: starting
one with Jinja and python-docx takes 230–320 ms on the project machine, and even a warm one costs more in
pickling the draft and blocks (1.0 / 3.9 ms at 30 / 120 pages) than composing them (1.6 / 5.0 ms).
docs/template-packs.md explains the limits and their figures.
"""

from __future__ import annotations

import dataclasses
import io
import re
import time
import zipfile
from collections.abc import Iterable, Iterator, MappingView
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, cast

from jinja2.runtime import Namespace

from app.core.errors import TemplateError

# --- the limits (docs/template-packs.md) --------------------------------------------------------------

TIME_LIMIT_S = 2.0  # one render of a pack's template; a 120-page report takes 5 ms
MAX_TEXT_CHARS = 4_000_000  # one string a template makes: about 6,500 pages
MAX_ITEMS = 100_000  # one list, tuple or dict a template makes (as many as the sandbox's range())
MAX_PRODUCED = 32_000_000  # characters made by one render, all values together (an item counts ITEM_CHARS)
ITEM_CHARS = 16  # a list item holds an object of its own: about 16 characters' worth of memory, or more
MAX_INT_BITS = 65_536  # an integer a template computes (about 20,000 digits)
MAX_CALL_DEPTH = 64  # nested calls: macros calling macros, recursive loops
MAX_TEMPLATE_LOADS = 32  # includes, imports and extends in one render
MAX_TEMPLATE_BYTES = 64 * 1024  # a template file of the pack: Jinja compiles 64 KB in about a second
MAX_PACK_STRING_CHARS = 4096  # a title, heading or help text of the manifest, where it needs Jinja
MAX_REFERENCE_BYTES = 64 * 1024 * 1024  # reference.docx, all its parts uncompressed
MAX_REFERENCE_RATIO = 200  # uncompressed / compressed of one part of reference.docx

_CHECK_EVERY = 64  # loop iterations between looks at the clock
_SHORT_LOOPABLE = frozenset({list, tuple, range, str, dict})


class PackLimitError(TemplateError):
    """A pack that went beyond a limit: too slow, too much output or nested too deep."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind  # "slow", "big", "deep"


@dataclasses.dataclass
class _Budget:
    pack: str
    deadline: float
    produced: int = 0
    depth: int = 0
    loads: int = 0
    limited: bool = True  # False only while Jinja folds constants at compile time

    @property
    def who(self) -> str:
        return f"模板“{self.pack}”" if self.pack else "模板"

    def too_slow(self) -> PackLimitError:
        return PackLimitError(f"{self.who}运行太慢（超过 {TIME_LIMIT_S:g} 秒），已停止，请换用其他模板。", "slow")

    def too_big(self, what: str) -> PackLimitError:
        return PackLimitError(f"{self.who}输出过大（{what}），已停止，请换用其他模板。", "big")

    def too_deep(self, what: str) -> PackLimitError:
        return PackLimitError(f"{self.who}嵌套过深（{what}），已停止，请换用其他模板。", "deep")

    def check_time(self) -> None:
        if self.limited and time.monotonic() > self.deadline:
            raise self.too_slow()

    def spend(self, size: int) -> None:
        """Counts `size` characters or items made, and looks at the clock."""
        self.produced += size
        if self.produced > MAX_PRODUCED and self.limited:
            raise self.too_big(f"一次生成超过 {MAX_PRODUCED // 10_000} 万字")
        self.check_time()

    def count_load(self) -> None:
        """An include, import or extends: a template loading itself would load forever."""
        if self.limited:
            self.loads += 1
            if self.loads > MAX_TEMPLATE_LOADS:
                raise self.too_deep(f"引用模板超过 {MAX_TEMPLATE_LOADS} 次，可能引用了自身")
            self.check_time()

    def check_text(self, chars: int) -> None:
        if chars > MAX_TEXT_CHARS:
            raise self.too_big(f"一段文字超过 {MAX_TEXT_CHARS // 10_000} 万字")

    def check_items(self, items: int) -> None:
        if items > MAX_ITEMS:
            raise self.too_big(f"一个列表超过 {MAX_ITEMS // 10_000} 万项")


# Outside a render (Jinja folding constants while it compiles) only the sizes of single values are checked.
_COMPILING = _Budget(pack="", deadline=float("inf"), limited=False)
_current: ContextVar[_Budget | None] = ContextVar("pack_render_budget", default=None)


def _budget() -> _Budget:
    return _current.get() or _COMPILING


@contextmanager
def render_budget(pack: str) -> Iterator[None]:
    """Renders inside run under the limits, on behalf of the pack named `pack`; nested ones share the outer."""
    if _current.get() is not None:
        yield
        return
    token = _current.set(_Budget(pack=pack, deadline=time.monotonic() + TIME_LIMIT_S))
    try:
        yield
    finally:
        _current.reset(token)


def document_text(value: Any) -> str:
    """`str(value)` for code the template calls (`emit()`), which copies it into the document: sized before
    it is made, and counted."""
    budget = _current.get() or _COMPILING
    size = len(value) if value.__class__ is str else text_size(value, budget)
    if size:
        budget.check_text(size)
        budget.spend(size)
    return str(value)


# --- sizes before they are made -----------------------------------------------------------------------

_CONTAINERS = (list, tuple, set, frozenset, dict)


def text_size(value: Any, budget: _Budget, limit: int = MAX_TEXT_CHARS) -> int:
    """About how long `str(value)` is (never less), worked out without making it; stops past `limit`."""
    if isinstance(value, str):
        return len(value)
    if value is None or isinstance(value, (bool, float)):
        return 24
    if isinstance(value, int):
        return value.bit_length() // 3 + 2
    total = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    seen = 0
    while stack:
        obj, depth = stack.pop()
        seen += 1
        if seen % 4096 == 0:
            budget.check_time()
        if depth > MAX_CALL_DEPTH:
            raise budget.too_deep(f"数据嵌套超过 {MAX_CALL_DEPTH} 层")
        if isinstance(obj, str):
            # repr() inside a container escapes what is not printable, up to ten characters for one.
            total += len(obj) + 2 if obj.isprintable() else 10 * len(obj) + 2
        elif isinstance(obj, (bytes, bytearray)):
            total += 4 * len(obj) + 3
        elif obj is None or isinstance(obj, (bool, int, float)):
            total += text_size(obj, budget)
        elif isinstance(obj, dict):
            total += 2 + 4 * len(obj)
            stack.extend((x, depth + 1) for pair in obj.items() for x in pair)
        elif isinstance(obj, (*_CONTAINERS, MappingView)):  # d.items() prints every pair too
            total += 16 + 2 * len(obj)
            stack.extend((x, depth + 1) for x in cast(Iterable[Any], obj))
        elif isinstance(obj, Namespace):
            stack.append((obj._Namespace__attrs, depth + 1))
        elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            total += 64
            stack.extend((getattr(obj, f.name), depth + 1) for f in dataclasses.fields(obj))
        else:
            total += 256  # functions, ranges, generators, loop objects: a short repr
        if total > limit:
            return total
    return total


_NUMBER = re.compile(r"\d+")


def format_size(template: str, args: Iterable[Any], budget: _Budget) -> int:
    """An upper bound of `template % args` or `template.format(*args)`: widths in the template, and any
    number among the arguments (a `*` or `{:{w}}` width), count in full."""
    total = len(template) + sum(int(n) if len(n) < 12 else MAX_TEXT_CHARS + 1 for n in _NUMBER.findall(template))
    for arg in args:
        total += text_size(arg, budget)
        if isinstance(arg, int) and not isinstance(arg, bool):
            total += abs(arg)
        if total > MAX_TEXT_CHARS:
            break
    return total


def _format_args(args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[Any]:
    values = list(args) + list(kwargs.values())
    flat: list[Any] = []
    for value in values:
        if isinstance(value, dict):
            flat.extend(value.values())
        elif isinstance(value, tuple):
            flat.extend(value)
        else:
            flat.append(value)
    return flat


def _sized(value: Any) -> int | None:
    """Length of a str/bytes/container, or None for anything else."""
    if isinstance(value, (str, bytes, bytearray, *_CONTAINERS)):
        return len(value)
    return None


def _count(budget: _Budget, value: Any) -> Any:
    """Checks and counts a value a template operation made; returns it."""
    if isinstance(value, (str, bytes, bytearray)):
        budget.check_text(len(value))
        budget.spend(len(value))
    elif isinstance(value, _CONTAINERS):
        budget.check_items(len(value))
        budget.spend(len(value) * ITEM_CHARS)
    elif isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
        raise budget.too_big(f"一个数超过 {MAX_INT_BITS} 个二进制位")
    elif isinstance(value, Iterator):
        return _guarded_iterator(value, budget)
    return value


def _guarded_iterator(iterator: Iterator[Any], budget: _Budget) -> Iterator[Any]:
    for n, item in enumerate(iterator, 1):
        if n % _CHECK_EVERY == 0:
            budget.spend(_CHECK_EVERY * ITEM_CHARS)
        yield item


class _GuardedIterable:
    """What a `{% for %}` loops over: the same items, with a look at the clock every few of them."""

    __slots__ = ("_budget", "_iterable")

    def __init__(self, iterable: Any, budget: _Budget) -> None:
        self._iterable = iterable
        self._budget = budget

    def __iter__(self) -> Iterator[Any]:
        budget = self._budget
        for n, item in enumerate(self._iterable, 1):
            if n % _CHECK_EVERY == 0:
                budget.check_time()
            yield item

    def __len__(self) -> int:
        return len(self._iterable)  # LoopContext asks for loop.length; a TypeError tells it to count


# --- reference.docx -----------------------------------------------------------------------------------


def check_reference_archive(data: bytes, reference: Path) -> None:
    """Refuses a reference.docx that would inflate beyond the limits, from the sizes its zip declares,
    before python-docx opens it (which reads each part up to its declared size)."""
    pack = reference.parent.name
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # not a zip at all: python-docx says so, in the caller's message
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_REFERENCE_BYTES or (info.file_size > 1024 * 1024 and ratio > MAX_REFERENCE_RATIO):
            raise PackLimitError(
                f"模板“{pack}”的样式文件“{reference.name}”解压后过大（输出过大，疑似压缩炸弹），已拒绝。", "big"
            )
