"""Subcommands for template packs: `pack list` and `pack import`."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.render.pack import list_packs


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("pack", help="模板包", description="列出或安装模板包。")
    psub = p.add_subparsers(dest="pack_command", metavar="操作", required=True)
    q = psub.add_parser("list", help="列出可用的模板包")
    q.set_defaults(handler=cmd_list)
    q = psub.add_parser("import", help="从 zip 安装模板包到用户文件夹")
    q.add_argument("zip", type=Path, help="模板包 .zip")
    q.add_argument("--replace", action="store_true", help="替换同名的已有模板包")
    q.set_defaults(handler=cmd_import)


def cmd_list(args: argparse.Namespace) -> int:
    for pack in list_packs():
        order = "、".join(s.kind.label for s in pack.sections)
        print(f"{pack.id}\t{pack.name}\t{order}\t{pack.folder}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    # this command's own, not loaded to parse the command line: Jinja for the test render, ~0.1 s
    from app.render.pack_import import import_pack_zip

    pack = import_pack_zip(args.zip, replace=args.replace)
    print(f"已安装模板包“{pack.name}”（{pack.id}）：{pack.folder}")
    return 0
