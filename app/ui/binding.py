"""Two start-up costs of the PySide6 binding, and how the window avoids them.

- After each import PySide6 reads the new module's whole source (see `skip_feature_scan`).
- The first use of the `Qt` namespace makes all its ~90 enums as Python enums: 15 ms, more than the
  whole of a bare window's construction. The modules of the first page therefore do not touch `Qt`
  before the window is ready: enum properties are set by name (`set_by_name`), item data roles are plain
  numbers, and later pages, event handlers and the preview import `Qt` where they use it.
  tests/test_startup.py checks that `Qt` is still unmade when the window reports ready.
"""

from __future__ import annotations

import builtins

from PySide6.QtCore import QObject

USER_ROLE = 0x0100  # Qt.ItemDataRole.UserRole: the first role free for the program's own data


def skip_feature_scan() -> bool:
    """Stops PySide6 reading the source of every module imported after it; returns whether it did.

    PySide6 puts its own `__import__` in front of Python's for `from __feature__ import snake_case`, and
    after each import reads the new module's source (`inspect.getsource`) to see whether it mentions
    PySide6: 9-12 ms for the 89 modules the window imports, on every start. The program uses no
    `__feature__`, so the import PySide6 wrapped (its lazy one, `__orig_import__`) is put back.
    A binding without that attribute is left as it is.
    """
    wrapped = getattr(builtins, "__orig_import__", None)
    if wrapped is None or builtins.__import__ is wrapped:
        return False
    builtins.__import__ = wrapped
    return True


def set_by_name(obj: QObject, prop: str, value: str) -> None:
    """Sets an enum or flag property by the name of its value, as Qt Designer's .ui files do:
    `set_by_name(view, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")`."""
    if not obj.setProperty(prop, value):
        raise ValueError(f"{type(obj).__name__} has no property {prop} taking {value!r}")
