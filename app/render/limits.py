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
from collections.abc import Callable, Iterable, Iterator, MappingView
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from types import BuiltinMethodType, FunctionType, MethodType
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.filters import FILTERS
from jinja2.runtime import Namespace, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

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
            stack.extend((x, depth + 1) for x in obj)
        elif isinstance(obj, Namespace):
            stack.append((obj._Namespace__attrs, depth + 1))  # type: ignore[attr-defined]
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


# --- before an operator, a method or a filter runs ----------------------------------------------------


def _check_binop(budget: _Budget, op: str, left: Any, right: Any) -> None:
    if op == "*":
        for seq, n in ((left, right), (right, left)):
            size = _sized(seq)
            if size is not None and isinstance(n, int):
                _check_made(budget, seq, size * max(n, 0))
                return
        if _is_int(left) and _is_int(right) and left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise budget.too_big(f"一个数超过 {MAX_INT_BITS} 个二进制位")
    elif op == "**" and _is_int(left) and _is_int(right) and right > 0 and abs(left) > 1:
        # At least (bits - 1) * right bits: refused before Python starts on 9 ** (9 ** 9).
        if (abs(left).bit_length() - 1) * right > MAX_INT_BITS:
            raise budget.too_big(f"一个数超过 {MAX_INT_BITS} 个二进制位")
    elif op == "+":
        a, b = _sized(left), _sized(right)
        if a is not None and b is not None:
            _check_made(budget, left, a + b)
    elif op == "%" and isinstance(left, (str, bytes)):
        args = right if isinstance(right, tuple) else (right,)
        template = left if isinstance(left, str) else left.decode("latin-1")  # b'%999999999d' has widths too
        budget.check_text(format_size(template, _format_args(args, {}), budget))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_made(budget: _Budget, like: Any, size: int) -> None:
    if isinstance(like, (str, bytes, bytearray)):
        budget.check_text(size)
    else:
        budget.check_items(size)


def _arg(args: tuple[Any, ...], kwargs: dict[str, Any], index: int, name: str, default: Any) -> Any:
    if len(args) > index:
        return args[index]
    return kwargs.get(name, default)


def _check_width(budget: _Budget, width: Any) -> None:
    if isinstance(width, int) and width > MAX_TEXT_CHARS:
        budget.check_text(width)


def _replace_size(text: Any, old: Any, new: Any, count: Any) -> int:
    n, new_n = len(text), len(new) if isinstance(new, (str, bytes)) else 0
    places = n + 1 if not old else n // max(len(old), 1)
    if isinstance(count, int) and count >= 0:
        places = min(places, count)
    return n + places * new_n


def _join_size(separator: Any, items: list[Any], budget: _Budget) -> int:
    total = len(separator) * max(len(items) - 1, 0)
    for item in items:
        total += text_size(item, budget)
        if total > MAX_TEXT_CHARS:
            break
    return total


def _check_method(budget: _Budget, name: str, text: Any, args: tuple, kwargs: dict) -> tuple:
    """The methods of a string or number that can make one far larger than itself, sized before they run;
    returns the arguments to call it with (join's iterable, read once to size it, as a list)."""
    if isinstance(text, int):
        if name == "to_bytes":
            raise SecurityError("to_bytes() is not available to template packs")
        return args
    if name in ("center", "ljust", "rjust", "zfill"):
        _check_width(budget, _arg(args, kwargs, 0, "width", 0))
    elif name == "replace":
        old, new, count = (
            _arg(args, kwargs, 0, "old", ""),
            _arg(args, kwargs, 1, "new", ""),
            _arg(args, kwargs, 2, "count", -1),
        )
        if isinstance(old, (str, bytes)):
            budget.check_text(_replace_size(text, old, new, count))
    elif name == "expandtabs":
        size = _arg(args, kwargs, 0, "tabsize", 8)
        if isinstance(size, int):
            budget.check_text(len(text) + text.count("\t" if isinstance(text, str) else b"\t") * max(size, 0))
    elif name == "join" and args:
        items = list(_guarded_iterator(iter(args[0]), budget))
        budget.check_items(len(items))
        budget.check_text(_join_size(text, items, budget))
        return (items, *args[1:])
    elif name in ("split", "rsplit", "splitlines"):
        budget.check_items(_pieces(text, name, args, kwargs))
    elif name in ("translate", "maketrans"):
        raise SecurityError(f"{name}() is not available to template packs")
    return args


_LINE_BREAKS = ("\n", "\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


def _pieces(text: Any, name: str, args: tuple, kwargs: dict) -> int:
    """At most how many strings split() or splitlines() makes of `text` (each a new object of its own)."""
    if len(text) <= MAX_ITEMS:
        return 0
    if name == "splitlines":
        breaks = _LINE_BREAKS if isinstance(text, str) else (b"\n", b"\r")
        return sum(text.count(b) for b in breaks) + 1
    sep, maxsplit = _arg(args, kwargs, 0, "sep", None), _arg(args, kwargs, 1, "maxsplit", -1)
    pieces = text.count(sep) + 1 if isinstance(sep, (str, bytes)) and sep else (len(text) + 1) // 2
    return min(pieces, maxsplit + 1) if isinstance(maxsplit, int) and maxsplit >= 0 else pieces


def _check_format(budget: _Budget, wrapper: Any, args: tuple, kwargs: dict) -> None:
    """`'…'.format(…)`: the sandbox hands it over wrapped, the string's method underneath."""
    method = getattr(wrapper, "__wrapped__", None)
    template = getattr(method, "__self__", None)
    if isinstance(template, str):
        budget.check_text(format_size(template, _format_args(args, kwargs), budget))


def _check_text_args(budget: _Budget, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """A filter that turns its arguments into text: none of them may print larger than the limit."""
    for value in (*args, *kwargs.values()):
        if not isinstance(value, (str, int, float)) and value is not None:
            budget.check_text(text_size(value, budget))


def _filter_checks() -> dict[str, Callable[[_Budget, tuple, dict], tuple | None]]:
    """The filters a pack may use and what each is checked for before it runs (args without the value's
    pass_arg: args[0] is the value; a check may return the args to call with instead). Filters not listed
    are not available."""

    def text(budget: _Budget, args: tuple, kwargs: dict) -> None:
        _check_text_args(budget, args, kwargs)

    def center(budget: _Budget, args: tuple, kwargs: dict) -> None:
        text(budget, args, kwargs)
        _check_width(budget, _arg(args, kwargs, 1, "width", 80))

    def indent(budget: _Budget, args: tuple, kwargs: dict) -> None:
        text(budget, args, kwargs)
        value, width = str(args[0]) if args else "", _arg(args, kwargs, 1, "width", 4)
        per_line = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
        budget.check_text(len(value) + (value.count("\n") + 1) * max(per_line, 0))

    def replace(budget: _Budget, args: tuple, kwargs: dict) -> None:
        text(budget, args, kwargs)
        value = str(args[0]) if args else ""
        old, new = _arg(args, kwargs, 1, "old", ""), _arg(args, kwargs, 2, "new", "")
        budget.check_text(_replace_size(value, str(old), str(new), _arg(args, kwargs, 3, "count", None)))

    def format_(budget: _Budget, args: tuple, kwargs: dict) -> None:
        text(budget, args, kwargs)
        if args and isinstance(args[0], str):
            budget.check_text(format_size(args[0], _format_args(args[1:], kwargs), budget))

    def join(budget: _Budget, args: tuple, kwargs: dict) -> tuple:
        if not args:
            return args
        items = args[0] if isinstance(args[0], (list, tuple)) else list(_guarded_iterator(iter(args[0]), budget))
        budget.check_items(len(items))
        budget.check_text(_join_size(str(_arg(args, kwargs, 1, "d", "")), items, budget))
        return (items, *args[1:])  # a generator is read once, to size it; join gets the list

    def counted(name: str, index: int) -> Callable[[_Budget, tuple, dict], None]:
        def check(budget: _Budget, args: tuple, kwargs: dict) -> None:
            n = _arg(args, kwargs, index, name, 0)
            if isinstance(n, int) and n > MAX_ITEMS:
                budget.check_items(n)

        return check

    def items(budget: _Budget, args: tuple, kwargs: dict) -> None:
        # list('中' * 4_000_000) makes four million objects before its length could be checked.
        if args and isinstance(args[0], (str, bytes)):
            budget.check_items(len(args[0]))

    def tojson(budget: _Budget, args: tuple, kwargs: dict) -> None:
        text(budget, args, kwargs)
        indent = _arg(args, kwargs, 1, "indent", None)
        if isinstance(indent, int) and args:  # every item on a line of its own, indented by its depth
            budget.check_text(text_size(args[0], budget) * (1 + max(indent, 0) * MAX_CALL_DEPTH))

    def sum_(budget: _Budget, args: tuple, kwargs: dict) -> None:
        start = _arg(args, kwargs, 2, "start", 0)
        if not isinstance(start, (int, float)):
            raise SecurityError("sum() of a template pack adds numbers only")  # lists would add in O(n²)

    def none(budget: _Budget, args: tuple, kwargs: dict) -> None:
        return None

    checks: dict[str, Callable[[_Budget, tuple, dict], tuple | None]] = {}
    # Not listed: striptags (its regular expression takes quadratic time on '<' * n, in C, past every
    # clock), wordwrap (textwrap, long in pure Python between two looks at the clock), pprint, urlize, xmlattr.
    for name in ("capitalize", "e", "escape", "forceescape", "lower", "upper", "title", "trim",
                 "string", "truncate", "wordcount", "safe", "urlencode"):  # fmt: skip
        checks[name] = text
    for name in ("abs", "attr", "count", "d", "default", "dictsort", "first", "last", "float", "groupby", "int",
                 "items", "length", "map", "max", "min", "reject", "rejectattr", "reverse", "round",
                 "select", "selectattr", "random"):  # fmt: skip
        checks[name] = none
    for name in ("list", "sort", "unique"):
        checks[name] = items
    checks.update(center=center, indent=indent, replace=replace, format=format_, join=join, tojson=tojson)
    checks.update(batch=counted("linecount", 1), slice=counted("slices", 1), sum=sum_)
    return checks


_FILTER_CHECKS = _filter_checks()


def _guarded_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    check = _FILTER_CHECKS[name]
    passes = getattr(func, "jinja_pass_arg", None) is not None  # context, eval context or environment first

    def guarded(*args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        budget.check_time()
        checked = check(budget, args[1:] if passes else args, kwargs)
        if checked is not None:
            args = (*args[:1], *checked) if passes else checked
        return _count(budget, func(*args, **kwargs))

    guarded.__name__ = func.__name__
    guarded.__wrapped__ = func  # type: ignore[attr-defined]
    if passes:
        guarded.jinja_pass_arg = func.jinja_pass_arg  # type: ignore[attr-defined]
    return guarded


# --- the environment ----------------------------------------------------------------------------------


class _GuardedCodeGenerator(CodeGenerator):
    """Jinja's code generator with the changes the guards need: every `{% for %}` loops through
    `environment.guard_loop(...)`, `~` joins through `environment.guarded_concat(...)`, a slice is
    taken by `environment.guarded_slice(...)` and `in` looks at the clock first."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Ids of the nodes a {% for %} loops over (Jinja allows no new node types to mark them with).
        self._loop_iterables: set[int] = set()

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        self._loop_iterables.add(id(node.iter))
        super().visit_For(node, frame)

    def visit(self, node: nodes.Node, *args: Any, **kwargs: Any) -> Any:
        key = id(node)
        if key not in self._loop_iterables:
            return super().visit(node, *args, **kwargs)
        self._loop_iterables.discard(key)
        self.write("environment.guard_loop(")
        super().visit(node, *args, **kwargs)
        self.write(")")
        self._loop_iterables.add(key)  # a recursive loop visits its iterable a second time
        return None

    def visit_Getitem(self, node: nodes.Getitem, frame: Frame) -> None:
        if not isinstance(node.arg, nodes.Slice):
            super().visit_Getitem(node, frame)
            return
        # Jinja writes slices as Python slices, past the sandbox: s[i:] in a loop copies without limit.
        self.write("environment.guarded_slice(")
        self.visit(node.node, frame)
        for part in (node.arg.start, node.arg.stop, node.arg.step):
            self.write(", ")
            if part is None:
                self.write("None")
            else:
                self.visit(part, frame)
        self.write(")")

    def visit_Operand(self, node: nodes.Operand, frame: Frame) -> None:
        if node.op not in ("in", "notin"):
            super().visit_Operand(node, frame)
            return
        # A search through a long text takes milliseconds; written line after line, without a loop or
        # a call, such lines would otherwise pass no clock.
        self.write(" in " if node.op == "in" else " not in ")
        self.write("environment.clock_checked(")
        self.visit(node.expr, frame)
        self.write(")")

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.guarded_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("), context.eval_ctx.autoescape)")


class GuardedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox every template of a pack runs in, with the limits of this module."""

    code_generator_class = _GuardedCodeGenerator
    intercepted_binops = frozenset({"+", "*", "%", "**"})

    def __init__(self, **options: Any) -> None:
        options.setdefault("undefined", StrictUndefined)
        options["finalize"] = _finalize
        super().__init__(**options)
        self.filters = {name: _guarded_filter(name, FILTERS[name]) for name in _FILTER_CHECKS}
        test_in = self.tests["in"]
        self.tests["in"] = lambda value, seq: test_in(value, self.clock_checked(seq))
        for name in ("lipsum", "cycler", "joiner"):  # lipsum(10**6) writes as much as it is asked
            self.globals.pop(name, None)

    # Jinja's own hooks: every join of output and buffers, operators, calls, subscripts.

    @staticmethod
    def concat(parts: Iterable[str]) -> str:  # type: ignore[override]
        budget = _budget()
        if isinstance(parts, list):
            total = sum(map(len, parts))
        else:
            collected, total = [], 0
            for n, part in enumerate(parts, 1):
                total += len(part)
                collected.append(part)
                if n % _CHECK_EVERY == 0:
                    budget.check_time()
                    budget.check_text(total)
            parts = collected
        budget.check_text(total)
        budget.spend(total)
        return "".join(parts)

    def guarded_concat(self, parts: tuple[Any, ...], autoescape: bool) -> str:
        budget = _current.get() or _COMPILING
        total = 0
        for part in parts:
            kind = part.__class__
            total += len(part) if kind is str else 20 if kind is int and part < 10**19 else text_size(part, budget)
        if total > MAX_TEXT_CHARS:
            budget.check_text(total)
        budget.produced += total
        if budget.produced > MAX_PRODUCED:
            budget.spend(0)
        return (markup_join if autoescape else str_join)(parts)

    def clock_checked(self, value: Any) -> Any:
        """`value`, after a look at the clock."""
        budget = _current.get() or _COMPILING
        if budget.limited and time.monotonic() > budget.deadline:
            raise budget.too_slow()
        return value

    def guard_loop(self, iterable: Any) -> Any:
        budget = _current.get() or _COMPILING
        if not budget.limited:
            return iterable
        if time.monotonic() > budget.deadline:
            raise budget.too_slow()
        if iterable.__class__ in _SHORT_LOOPABLE and len(iterable) <= _CHECK_EVERY:
            return iterable  # the clock was read as it starts: a short loop needs no more looks
        return _GuardedIterable(iterable, budget)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "+" and left.__class__ is int and right.__class__ is int:
            return left + right  # one bit longer at most: level + 1, i + 1
        budget = _budget()
        _check_binop(budget, operator, left, right)
        return _count(budget, super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        kind = __obj.__class__
        budget = _current.get() or _COMPILING
        if kind is MethodType and not getattr(__obj.__func__, "__dict__", True):
            # emit(), para(), the draft's methods: a plain method, with no flag the sandbox or Jinja reads
            # (unsafe_callable, alters_data, jinja_pass_arg), is called as Jinja would, without its two
            # frames; the loops around it read the clock.
            kwargs.pop("_loop_vars", None)  # what Jinja passes for pass_context functions only
            kwargs.pop("_block_vars", None)
            try:
                result = __obj(*args, **kwargs)
            except StopIteration:
                return __self.undefined("value was undefined because a callable raised a StopIteration exception")
            if result.__class__ is str and not result:
                return result  # what emit() and para() return, hundreds of times a render
            return _count(budget, result)
        if budget.limited and time.monotonic() > budget.deadline:
            raise budget.too_slow()
        if kind is BuiltinMethodType:  # a method of a str, bytes or int may make far more than itself
            if isinstance(__obj.__self__, (str, bytes, int)):
                args = _check_method(budget, __obj.__name__, __obj.__self__, args, kwargs)
            return _count(budget, super().call(__context, __obj, *args, **kwargs))
        # Macros, loop(), blocks, caller(): calls that run template code, and so can recurse.
        if kind is FunctionType and __obj.__name__ in ("format", "format_map"):
            _check_format(budget, __obj, args, kwargs)
        budget.depth += 1
        try:
            if budget.depth > MAX_CALL_DEPTH and budget.limited:
                raise budget.too_deep(f"调用超过 {MAX_CALL_DEPTH} 层")
            result = super().call(__context, __obj, *args, **kwargs)
        finally:
            budget.depth -= 1
        return _count(budget, result)

    def guarded_slice(self, obj: Any, start: Any, stop: Any, step: Any) -> Any:
        return _count(_budget(), obj[start:stop:step])

    def get_template(self, name: Any, parent: str | None = None, globals: Any = None) -> Any:
        _budget().count_load()
        return super().get_template(name, parent, globals)

    def select_template(self, names: Any, parent: str | None = None, globals: Any = None) -> Any:
        _budget().count_load()
        return super().select_template(names, parent, globals)


def _finalize(value: Any) -> Any:
    """Before `{{ value }}` is printed: a value that would print larger than the limit is refused unprinted."""
    if not isinstance(value, str):
        budget = _budget()
        budget.check_text(text_size(value, budget))
    return value


class PackLoader(FileSystemLoader):
    """Loads templates from the pack's own folder only, none larger than MAX_TEMPLATE_BYTES."""

    def get_source(self, environment: Any, template: str) -> tuple[str, str | None, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        if len(source) > MAX_TEMPLATE_BYTES:
            pack = Path(self.searchpath[0]).name
            raise TemplateError(f"模板“{pack}”的文件“{template}”过大（超过 {MAX_TEMPLATE_BYTES // 1024} KB），已拒绝。")
        return source, filename, uptodate


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
