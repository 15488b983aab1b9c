"""Subcommand `pdf`: the draft as a PDF laid out like the DOCX, without Word and without a display."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.core.draft_file import load_draft
from app.core.errors import UserError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "pdf",
        help="把草稿生成 PDF",
        description="把草稿（.fzbg）按 GB/T 9704 版式生成 PDF（与打印和打印预览相同，字体嵌入），不需要 Word。",
    )
    p.add_argument("draft", type=Path, help="草稿文件 .fzbg")
    p.add_argument("-o", "--output", type=Path, required=True, help="输出的 .pdf 文件")
    p.set_defaults(handler=cmd_pdf)

    p = sub.add_parser(
        "fonts",
        help="检查本机字体",
        description="列出 GB/T 9704 规定的字体在本机是否安装，以及预览、打印和 PDF 用什么字体代替。",
    )
    p.set_defaults(handler=cmd_fonts)


def cmd_pdf(args: argparse.Namespace) -> int:
    if args.output.suffix.lower() != ".pdf":
        raise UserError(f"输出文件应以 .pdf 结尾：{args.output}")
    if args.output.is_dir():
        raise UserError(f"“{args.output}”是一个文件夹，请给出 PDF 文件的路径。")
    draft = load_draft(args.draft)
    # Qt loads only for this command; the offscreen platform is chosen when there is no display.
    from app.render.fonts import substitution_notices
    from app.render.pdf import render_pdf

    pages = render_pdf(draft, args.output)
    for notice in substitution_notices():
        print(f"提示：{notice}", file=sys.stderr)
    print(f"{args.output}（{pages} 页）")
    return 0


def cmd_fonts(args: argparse.Namespace) -> int:
    # this command's own, not loaded to parse the command line: QtGui, ~0.1 s (python -X importtime)
    from app.render.fonts import chosen_faces, missing_standard_faces

    missing = set(missing_standard_faces())
    for face, choice in chosen_faces().items():
        if face.value not in missing:
            print(f"{face.value}：已安装（{choice.family}）")
        else:
            print(f"{face.value}：本机缺少，预览和打印使用 {choice.described()}；Word 打开 DOCX 时也会替换")
    return 0
