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
        description="把已完成的报告（.docx、.doc、.wps、.odt、.rtf、.txt、.md）导入为草稿，并把其中的短语加入个人短语库；"
        "加 --into 则把领导改过的文档（修改稿）合并回原草稿。",
    )
    p.add_argument("report", type=Path, help="报告文件")
    p.add_argument("-o", "--output", type=Path, help="导入后保存的草稿（.fzbg）")
    p.add_argument("--outline", action="store_true", help="只打印提纲：层级、对应部分、标题原文")
    p.add_argument("--no-library", action="store_true", help="不把短语加入个人短语库")
    p.add_argument("--force", action="store_true", help="覆盖已存在的草稿")
    p.add_argument(
        "--revisions",
        choices=["accepted", "original"],  # app.importer.docx_text.RevisionState, not imported to parse
        default="accepted",
        help="文档中未处理的修订：accepted 按接受全部修订后的文字导入（默认），original 按修订前的原文导入",
    )
    p.add_argument(
        "--into", type=Path, metavar="DRAFT.fzbg", help="把修改稿（领导改过的报告）合并回这份草稿；不加 -o 只列出修改"
    )
    p.add_argument(
        "--only",
        default=None,
        metavar="1,3",
        help="与 --into 一起用：只应用列表中这些编号的修改（默认全部应用）",
    )
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
    from app.importer import RevisionState, format_outline, import_report

    if args.into is not None:
        return _import_into(args)
    if args.only is not None:
        raise UserError("--only 只能与 --into 一起使用。")
    if not args.outline and args.output is None:
        raise UserError("请用 -o 指定导入后保存的草稿，或用 --outline 只查看提纲。")
    imported = import_report(args.report, RevisionState(args.revisions))
    for line in imported.notes.lines():
        print(line, file=sys.stderr)
    if args.outline:
        print(format_outline(imported.outline))
        if args.output is None:
            return 0
    out = _new_draft_path(args.output, args.force)
    save_draft(imported.draft, out)
    if not args.no_library:
        from app.library.shipped import load_phrases
        from app.library.user import UserLibrary

        with UserLibrary() as user:
            new = user.add_report(imported, known=load_phrases())
        print(f"已加入个人短语库：{new} 条新短语", file=sys.stderr)
    print(out)
    return 0


def _new_draft_path(output: Path, force: bool) -> Path:
    out = output if output.suffix.lower() == FILE_SUFFIX else output.with_name(output.name + FILE_SUFFIX)
    if out.exists() and not force:
        raise UserError(f"“{out}”已存在；如要覆盖，请加 --force。")
    return out


def _import_into(args: argparse.Namespace) -> int:
    """`fzbg import REVISED --into DRAFT [-o NEW]`: the leader's edits, listed, and applied to a new draft."""
    from app.core.draft_file import load_draft
    from app.importer import RevisionState
    from app.importer.revised import compare_file, describe

    if args.outline:
        raise UserError("--outline 不能与 --into 一起使用。")
    draft = load_draft(args.into)
    merge = compare_file(draft, args.report, RevisionState(args.revisions))
    for line in merge.notes.lines():
        print(line, file=sys.stderr)
    print(describe(merge))
    chosen = _chosen_changes(args.only, len(merge.changes))
    if args.output is None:
        print("（只列出了修改；加 -o 新草稿.fzbg 写入合并后的草稿。）", file=sys.stderr)
        return 0
    out = _new_draft_path(args.output, args.force)
    save_draft(merge.apply(chosen), out)
    applied = len(merge.changes) if chosen is None else len(chosen)
    print(f"已应用 {applied} / {len(merge.changes)} 项修改", file=sys.stderr)
    print(out)
    return 0


def _chosen_changes(text: str | None, count: int) -> set[int] | None:
    if text is None:
        return None
    chosen: set[int] = set()
    for piece in text.replace("，", ",").split(","):
        piece = piece.strip()
        if not piece:
            continue
        if not piece.isdigit() or not 1 <= int(piece) <= count:
            raise UserError(f"--only 中的“{piece}”不是列出的修改编号（1–{count}）。")
        chosen.add(int(piece) - 1)
    return chosen


def cmd_library_build(args: argparse.Namespace) -> int:
    from app.library.shipped import SAMPLES, SHIPPED_LIBRARY, build_library

    samples = args.samples or SAMPLES
    if not samples.is_dir():
        raise UserError(f"找不到样本报告文件夹“{samples}”。")
    target = args.output or SHIPPED_LIBRARY
    phrases = build_library(samples, target)
    print(f"{target}：{len(phrases)} 条短语")
    return 0


def cmd_phrases_search(args: argparse.Namespace) -> int:
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
    from app.library.user import UserLibrary

    with UserLibrary() as user:
        phrase = user.add_text(args.text, args.section)
    print(phrase.id)
    return 0


def cmd_phrases_export(args: argparse.Namespace) -> int:
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
    from app.library.exchange import import_phrases
    from app.library.user import UserLibrary

    with UserLibrary() as user:
        new = import_phrases(user, args.file)
    print(f"已加入个人短语库：{new} 条新短语", file=sys.stderr)
    return 0


def _mark(phrase_id: str, action: str, on: bool) -> int:
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
