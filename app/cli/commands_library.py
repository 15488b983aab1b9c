"""Subcommands of the importer and the phrase library: `import`, `library build`, `phrases search/add/export/import …`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.core.draft_file import FILE_SUFFIX, save_draft
from app.core.errors import UserError
from app.core.model import SectionKind


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import",
        help="导入已完成的报告",
        description="把已完成的报告（.txt、.md、.docx）导入为草稿，并把其中的短语加入个人短语库。",
    )
    p.add_argument("report", type=Path, help="报告文件")
    p.add_argument("-o", "--output", type=Path, help="导入后保存的草稿（.fzbg）")
    p.add_argument("--outline", action="store_true", help="只打印提纲：层级、对应部分、标题原文")
    p.add_argument("--no-library", action="store_true", help="不把短语加入个人短语库")
    p.add_argument("--force", action="store_true", help="覆盖已存在的草稿")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("library", help="短语库维护", description="维护随程序提供的短语库。")
    lsub = p.add_subparsers(dest="library_command", metavar="操作", required=True)
    b = lsub.add_parser(
        "build", help="从样本报告重新生成短语库", description="从 resources/samples/ 的样本报告生成短语库。"
    )
    b.add_argument("--samples", type=Path, default=None, help="样本报告文件夹（默认 resources/samples）")
    b.add_argument("-o", "--output", type=Path, default=None, help="输出文件（默认 resources/phrases.json）")
    b.set_defaults(handler=cmd_library_build)

    p = sub.add_parser(
        "phrases", help="短语：查找、添加、收藏、隐藏", description="查找短语，添加自己的短语，收藏或隐藏短语。"
    )
    psub = p.add_subparsers(dest="phrases_command", metavar="操作", required=True)
    s = psub.add_parser(
        "search", help="查找短语", description="按关键词查找短语，按相关度、所在部分、收藏和使用次数排序。"
    )
    s.add_argument("text", help="关键词，如 法律顾问")
    s.add_argument(
        "--section", type=_kind_arg, default=None, help="所在部分：举措成效、第一责任人、不足原因、下年安排、其他"
    )
    s.add_argument("--heading", default="", help="当前小标题，用于排序")
    s.add_argument("--limit", type=int, default=20, help="最多显示多少条（默认 20）")
    s.add_argument("--json", action="store_true", help="以 JSON 输出")
    s.set_defaults(handler=cmd_phrases_search)

    a = psub.add_parser("add", help="添加自己的短语", description="把一句自己的常用表述加入个人短语库。")
    a.add_argument("text", help="短语，可写占位符 {单位} {自称} {地区} {年度} {下一年度}")
    a.add_argument("--section", type=_kind_arg, default=None, help="所在部分")
    a.set_defaults(handler=cmd_phrases_add)
    e = psub.add_parser(
        "export", help="导出个人短语库", description="把个人短语库中的短语导出为一个文件，交给同事导入。"
    )
    e.add_argument("-o", "--output", type=Path, required=True, help="导出的文件（.json）")
    e.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    e.set_defaults(handler=cmd_phrases_export)
    i = psub.add_parser(
        "import", help="导入同事导出的短语", description="把“fzbg phrases export”导出的文件中的短语加入个人短语库。"
    )
    i.add_argument("file", type=Path, help="导出的文件（.json）")
    i.set_defaults(handler=cmd_phrases_import)
    for name, helptext, handler in (
        ("star", "收藏短语", cmd_phrases_star),
        ("unstar", "取消收藏", cmd_phrases_unstar),
        ("hide", "隐藏短语（不再出现在查找结果中）", cmd_phrases_hide),
        ("unhide", "取消隐藏", cmd_phrases_unhide),
    ):
        m = psub.add_parser(name, help=helptext, description=helptext + "。")
        m.add_argument("id", help="短语编号（查找结果第一列）")
        m.set_defaults(handler=handler)


def _kind_arg(text: str) -> SectionKind:
    try:
        return SectionKind.from_label(text)
    except ValueError:
        labels = "、".join(k.label for k in SectionKind)
        raise argparse.ArgumentTypeError(f"未知的部分“{text}”，可选：{labels}") from None


def cmd_import(args: argparse.Namespace) -> int:
    # this command's own, not loaded to parse the command line: the importer, ~85 ms (python -X importtime)
    from app.importer import format_outline, import_report

    if not args.outline and args.output is None:
        raise UserError("请用 -o 指定导入后保存的草稿，或用 --outline 只查看提纲。")
    imported = import_report(args.report)
    if args.outline:
        print(format_outline(imported.outline))
        if args.output is None:
            return 0
    out: Path = args.output
    if out.suffix.lower() != FILE_SUFFIX:
        out = out.with_name(out.name + FILE_SUFFIX)
    if out.exists() and not args.force:
        raise UserError(f"“{out}”已存在；如要覆盖，请加 --force。")
    save_draft(imported.draft, out)
    if not args.no_library:
        # this command's own, not loaded to parse the command line: the library, ~90 ms
        from app.library.shipped import load_phrases
        from app.library.user import UserLibrary

        with UserLibrary() as user:
            new = user.add_report(imported, known=load_phrases())
        print(f"已加入个人短语库：{new} 条新短语", file=sys.stderr)
    print(out)
    return 0


def cmd_library_build(args: argparse.Namespace) -> int:
    # this command's own, not loaded to parse the command line: the library builder, ~90 ms
    from app.library.shipped import SAMPLES, SHIPPED_LIBRARY, build_library

    samples = args.samples or SAMPLES
    if not samples.is_dir():
        raise UserError(f"找不到样本报告文件夹“{samples}”。")
    target = args.output or SHIPPED_LIBRARY
    phrases = build_library(samples, target)
    print(f"{target}：{len(phrases)} 条短语")
    return 0


def cmd_phrases_search(args: argparse.Namespace) -> int:
    # this command's own, not loaded to parse the command line: the phrase library, ~85 ms (python -X importtime)
    from app.library import PhraseLibrary

    if args.limit < 1:
        raise UserError("--limit 至少为 1。")
    library = PhraseLibrary()
    hits = library.search(args.text, section=args.section, item_heading=args.heading, limit=args.limit)
    if args.json:
        data = [
            {
                **hit.phrase.to_dict(),
                "score": hit.score,
                "starred": hit.starred,
                "uses": hit.uses,
                "shipped": hit.phrase.shipped,
            }
            for hit in hits
        ]
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    if not hits:
        print("没有找到匹配的短语。", file=sys.stderr)
        return 0
    for hit in hits:
        p = hit.phrase
        section = p.section.label if p.section else "-"
        star = "★" if hit.starred else ""
        print(f"{p.id}\t{section}\t{p.kind.label}\t{star}{p.text}")
    return 0


def cmd_phrases_add(args: argparse.Namespace) -> int:
    # this command's own, not loaded to parse the command line: the user library, ~75 ms (python -X importtime)
    from app.library.user import UserLibrary

    with UserLibrary() as user:
        phrase = user.add_text(args.text, args.section)
    print(phrase.id)
    return 0


def cmd_phrases_export(args: argparse.Namespace) -> int:
    # this command's own, not loaded to parse the command line: phrase exchange, ~0.1 s (python -X importtime)
    from app.library.exchange import export_phrases
    from app.library.user import UserLibrary

    if args.output.exists() and not args.force:
        raise UserError(f"“{args.output}”已存在；如要覆盖，请加 --force。")
    with UserLibrary() as user:
        count = export_phrases(user, args.output)
    print(f"已导出 {count} 条短语：{args.output}", file=sys.stderr)
    print(args.output)
    return 0


def cmd_phrases_import(args: argparse.Namespace) -> int:
    # this command's own, not loaded to parse the command line: phrase exchange, ~0.1 s (python -X importtime)
    from app.library.exchange import import_phrases
    from app.library.user import UserLibrary

    with UserLibrary() as user:
        new = import_phrases(user, args.file)
    print(f"已加入个人短语库：{new} 条新短语", file=sys.stderr)
    return 0


def _mark(phrase_id: str, action: str, on: bool) -> int:
    # this command's own, not loaded to parse the command line: the phrase library, ~85 ms (python -X importtime)
    from app.library import PhraseLibrary

    library = PhraseLibrary()
    if phrase_id not in {p.id for p in library.phrases()}:
        raise UserError(f"没有编号为“{phrase_id}”的短语。")
    getattr(library, action)(phrase_id, on)
    return 0


def cmd_phrases_star(args: argparse.Namespace) -> int:
    return _mark(args.id, "star", True)


def cmd_phrases_unstar(args: argparse.Namespace) -> int:
    return _mark(args.id, "star", False)


def cmd_phrases_hide(args: argparse.Namespace) -> int:
    return _mark(args.id, "hide", True)


def cmd_phrases_unhide(args: argparse.Namespace) -> int:
    return _mark(args.id, "hide", False)
