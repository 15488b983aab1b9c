"""Subcommands of the core: `new` and `render`."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from app.core.draft_file import FILE_SUFFIX, load_draft, save_draft
from app.core.errors import UserError
from app.core.model import Draft, Meta
from app.core.session import ChecklistEntry, roll_forward, save_checklist
from app.render.pack import DEFAULT_PACK, list_packs, load_pack


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("render", help="把草稿生成 DOCX", description="把草稿（.fzbg）生成 GB/T 9704 格式的 DOCX。")
    p.add_argument("draft", type=Path, help="草稿文件 .fzbg")
    p.add_argument("-o", "--output", type=Path, required=True, help="输出的 .docx 文件")
    p.set_defaults(handler=cmd_render)

    p = sub.add_parser("new", help="新建草稿", description="按模板新建一份空草稿。")
    p.add_argument("-o", "--output", type=Path, required=True, help="新草稿的路径（.fzbg）")
    p.add_argument("--unit", default=None, help="单位全称，如 晋城市信访局")
    p.add_argument("--self-ref", default=None, help="单位自称，如 我局、我办（默认为“我局”）")
    p.add_argument("--year", type=int, default=None, help="报告年度（默认为上一年；用 --from 时为去年报告的下一年）")
    p.add_argument("--addressee", default=None, help="主送机关，如 中共XX县委、XX县人民政府")
    p.add_argument("--date", type=_date_arg, default=None, help="成文日期，如 2026-02-20")
    p.add_argument(
        "--pack",
        default=DEFAULT_PACK,
        help="模板包：" + "、".join(f"{pk.id}（{pk.name}）" for pk in list_packs()),
    )
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    source = p.add_mutually_exclusive_group()
    source.add_argument(
        "--from",
        dest="from_last",
        type=Path,
        default=None,
        metavar="去年.fzbg",
        help="以去年的报告为基础新建（与窗口中“以去年报告为基础新建”相同）：标题和各部分标题中的年度顺延，"
        "正文保留并标为沿用，去年的下年安排变为今年的对照清单",
    )
    source.add_argument(
        "--from-library",
        action="store_true",
        help="用短语库生成完整初稿：各部分配上常见小标题和段落，示例数字已标出，需替换为本单位的实际情况",
    )
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
    if args.year is not None and not 1949 <= args.year <= 2200:
        raise UserError(f"报告年度 {args.year} 不合理。")
    checklist: list[ChecklistEntry] = []
    if args.from_last is not None:
        draft, checklist = roll_forward(load_draft(args.from_last), args.year)
        _override_meta(draft.meta, args)
    else:
        draft = _new_draft(args)
    save_draft(draft, out)
    if checklist:
        save_checklist(out, checklist)
    print(out)
    return 0


def _new_draft(args: argparse.Namespace) -> Draft:
    pack = load_pack(args.pack)
    fields = {
        "unit_name": (args.unit or "").strip(),
        "self_ref": (args.self_ref or "").strip() or "我局",
        "year": dt.date.today().year - 1 if args.year is None else args.year,
        "addressee": (args.addressee or "").strip(),
        "date": args.date,
    }
    if args.from_library:
        from app.library import PhraseLibrary
        from app.library.first_draft import draft_from_library

        return draft_from_library(PhraseLibrary().phrases(), pack=pack, **fields)
    return pack.new_draft(**fields)


def _override_meta(meta: Meta, args: argparse.Namespace) -> None:
    """What the command line names explicitly wins over last year's 基本信息."""
    if args.unit is not None:
        meta.unit_name = args.unit.strip()
    if args.self_ref is not None:
        meta.self_ref = args.self_ref.strip() or "我局"
    if args.addressee is not None:
        meta.addressee = args.addressee.strip()
    if args.date is not None:
        meta.date = args.date
