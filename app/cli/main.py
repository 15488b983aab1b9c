"""`fzbg`: the assistant's one entry point. No arguments (or a draft path) opens the window;
a subcommand works headless. Bad input ends with one sentence on stderr and exit code 2."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from app.core.errors import UserError

if TYPE_CHECKING:
    import argparse

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3  # 1 is `fzbg check`'s "errors found"

# Each module contributes subcommands through register(subparsers); keeps this file small
# and lets each part of the program own its command line. They are imported only when a command line is
# parsed, so opening the window does not pay for the checks, the library or the print layout.
COMMAND_MODULES = [
    "app.cli.commands_core",
    "app.cli.commands_pack",
    "app.cli.commands_library",
    "app.cli.commands_check",
    "app.cli.commands_print",
]


def build_parser() -> argparse.ArgumentParser:
    import argparse  # not needed to open the window

    parser = argparse.ArgumentParser(
        prog="fzbg",
        description="法治报告助手：起草年度法治政府建设情况报告，生成符合 GB/T 9704 的 DOCX。"
        "不带参数运行时打开图形界面。",
    )
    sub = parser.add_subparsers(dest="command", metavar="命令")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (len(args_list) == 1 and not args_list[0].startswith("-") and _is_file_arg(args_list[0])):
        return _run_gui(args_list)
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command is None:
        parser.print_help()
        return EXIT_BAD_INPUT
    try:
        return int(args.handler(args) or EXIT_OK)
    except UserError as exc:
        print(f"fzbg: {exc.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("fzbg: 已中断。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`fzbg … | head`): not an error of ours.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # a bug, not bad input: say so in one line and keep the details in a log
        log = _log_internal_error()
        print(f"fzbg: 程序内部错误（{type(exc).__name__}: {exc}）。详细信息已写入 {log}", file=sys.stderr)
        return EXIT_INTERNAL


def _log_internal_error() -> str:
    # only after a crash
    import traceback

    from platformdirs import user_log_path

    path = user_log_path("fzbg", appauthor=False) / "errors.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(traceback.format_exc() + "\n")
    except OSError:
        return "（日志无法写入）"
    return str(path)


def _is_file_arg(arg: str) -> bool:
    # `fzbg path.fzbg` opens the draft in the window; a subcommand name never has a suffix.
    return "." in arg.rsplit("/", 1)[-1] or "/" in arg or "\\" in arg


def _run_gui(args: list[str]) -> int:
    # PySide6 for the window only, not for the command line (~0.2 s)
    from app.ui.launch import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
