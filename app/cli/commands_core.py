"""Subcommands of the core: `new` and `render`."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from app.core.draft_file import FILE_SUFFIX, load_draft, save_draft
from app.core.errors import UserError
from app.render.pack import DEFAULT_PACK, list_packs, load_pack


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("render", help="把草稿生成 DOCX", description="把草稿（.fzbg）生成 GB/T 9704 格式的 DOCX。")
    p.add_argument("draft", type=Path, help="草稿文件 .fzbg")
    p.add_argument("-o", "--output", type=Path, required=True, help="输出的 .docx 文件")
    p.set_defaults(handler=cmd_render)

    p = sub.add_parser("new", help="新建草稿", description="按模板新建一份空草稿。")
    p.add_argument("-o", "--output", type=Path, required=True, help="新草稿的路径（.fzbg）")
    p.add_argument("--unit", default="", help="单位全称，如 晋城市信访局")
    p.add_argument("--self-ref", default="我局", help="单位自称，如 我局、我办")
    p.add_argument("--year", type=int, default=dt.date.today().year - 1, help="报告年度（默认为上一年）")
    p.add_argument("--addressee", default="", help="主送机关，如 中共XX县委、XX县人民政府")
    p.add_argument("--date", type=_date_arg, default=None, help="成文日期，如 2026-02-20")
    p.add_argument(
        "--pack",
        default=DEFAULT_PACK,
        help="模板包：" + "、".join(f"{pk.id}（{pk.name}）" for pk in list_packs()),
    )
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    p.set_defaults(handler=cmd_new)


def _date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写成 2026-02-20 的形式，而不是“{text}”") from None


def cmd_render(args: argparse.Namespace) -> int:
    if args.output.suffix.lower() != ".docx":
        raise UserError(f"输出文件应以 .docx 结尾：{args.output}")
    draft = load_draft(args.draft)
    from app.render.docx_writer import render_docx  # python-docx loads only when rendering

    render_docx(draft, args.output)
    print(args.output)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    out: Path = args.output
    if out.suffix.lower() != FILE_SUFFIX:
        out = out.with_name(out.name + FILE_SUFFIX)
    if out.exists() and not args.force:
        raise UserError(f"“{out}”已存在；如要覆盖，请加 --force。")
    if not 1949 <= args.year <= 2200:
        raise UserError(f"报告年度 {args.year} 不合理。")
    pack = load_pack(args.pack)
    draft = pack.new_draft(
        unit_name=args.unit.strip(),
        self_ref=args.self_ref.strip() or "我局",
        year=args.year,
        addressee=args.addressee.strip(),
        date=args.date,
    )
    save_draft(draft, out)
    print(out)
    return 0
