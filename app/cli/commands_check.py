"""`fzbg check`: 公文体检 of a draft or a finished report from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.core.draft_file import FILE_SUFFIX, load_draft
from app.core.errors import UserError
from app.core.model import Draft

EXIT_ERRORS = 1
REPORT_SUFFIXES = (".docx", ".txt", ".md")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="检查草稿或报告",
        description="检查草稿（.fzbg）或写好的报告（.docx、.txt）：必备内容、年份、遗留内容、数字、过时表述、"
        "文字格式和照搬照抄。有“错误”级问题时退出码为 1。",
    )
    p.add_argument("path", type=Path, metavar="DRAFT_OR_REPORT", help="草稿 .fzbg 或报告 .docx / .txt")
    p.add_argument("--json", action="store_true", help="以 JSON 列表输出检查结果")
    p.add_argument(
        "--previous", type=Path, default=None, metavar="DRAFT", help="去年的草稿或报告，用于检查照搬去年的文字"
    )
    p.set_defaults(handler=cmd_check)


def _is_report(path: Path) -> bool:
    return path.suffix.lower() in REPORT_SUFFIXES


def _load_any(path: Path) -> Draft:
    if not path.is_file():
        raise UserError(f"找不到文件“{path}”。")
    if path.suffix.lower() == FILE_SUFFIX:
        return load_draft(path)
    if _is_report(path):
        # this command's own, not loaded to parse the command line: the checks and the importer, ~0.1 s (python -X importtime)
        from app.checks.report import import_for_check

        return import_for_check(path)[0]
    raise UserError(f"无法检查“{path.name}”：只支持草稿（{FILE_SUFFIX}）和报告（.docx、.txt、.md）。")


def cmd_check(args: argparse.Namespace) -> int:
    # this command's own, not loaded to parse the command line: the checks, ~90 ms (python -X importtime)
    from app.checks import run_checks
    from app.checks.findings import Severity

    path: Path = args.path
    previous = _load_any(args.previous) if args.previous is not None else None
    if not path.is_file():
        raise UserError(f"找不到文件“{path}”。")
    if _is_report(path):
        # this command's own, not loaded to parse the command line: the checks and the importer, ~0.1 s
        from app.checks.report import check_report

        findings = check_report(path, previous).findings
    else:
        findings = run_checks(_load_any(path), previous)
    if args.json:
        json.dump([f.to_dict() for f in findings], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_human(findings, report=_is_report(path))
    return EXIT_ERRORS if any(f.severity is Severity.ERROR for f in findings) else 0


def _print_human(findings, report: bool = False) -> None:
    if not findings:
        print("没有发现问题。")
        return
    for f in findings:
        where = f.section_heading or ("全文" if f.location is None and f.line is None else "开头部分")
        if f.line is not None:
            where += f"（第{f.line}段）"
        print(f"[{f.severity.label}] {where}：{f.message}")
        if f.excerpt:
            print(f"    原文：{f.excerpt}")
        if f.fix is not None:
            print(f"    {'导入为草稿后' if report else ''}可一键修正：{f.fix.description}")
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.severity.label] = counts.get(f.severity.label, 0) + 1
    print("共 " + "，".join(f"{label} {n} 项" for label, n in counts.items()) + "。")
