"""Checking a finished report (.docx, .txt, .md) rather than a draft: it goes through the importer, and
what the importer's cleaner silently repairs (half-width punctuation, stray spaces) is checked on the
file's own paragraphs, so the clerk hears about it. Excerpts quote the file as it stands."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import UserError
from app.core.model import Draft

from . import run_checks
from .findings import Finding, Severity
from .punctuation import halfwidth, odd_straight_quotes, stray_spaces
from .rules_form import describe_halfwidth, describe_spaces
from .rules_years import body_year
from .textutil import window

_TO_COMMON = str.maketrans(
    {
        ",": "，",
        ";": "；",
        ":": "：",
        "?": "？",
        "!": "！",
        "(": "（",
        ")": "）",
        "。": ".",
        '"': "“",
        "”": "“",
        "'": "‘",
        "’": "‘",
    }
)


_LEADING_NUMBER = re.compile(r"^[#\-*]*(?:（[一二三四五六七八九十\d]+）|[一二三四五六七八九十]+、|\d+[.、．])?")


@dataclass
class ReportCheck:
    draft: Draft  # the report as the importer reads it
    findings: list[Finding]


def import_for_check(path: Path) -> tuple[Draft, list[str]]:
    """The report as a draft, and the file's paragraphs as it holds them (tables left out)."""
    try:
        from app.importer import import_report
        from app.importer.reader import read_report
    except ModuleNotFoundError:  # the importer ships separately from the checks
        raise UserError("这个版本没有报告导入功能，只能检查草稿（.fzbg）。") from None

    raw = [b.text for b in read_report(path) if b.table is None]
    return import_report(path).draft, raw


def check_report(path: Path, previous: Draft | None = None) -> ReportCheck:
    draft, raw = import_for_check(path)
    # The importer takes the year from the title; where the body clearly speaks of another year, the
    # title is what is wrong, and the checks should say so once rather than flag every other year.
    year = body_year(draft)
    if year is not None and year != draft.meta.year:
        draft.meta.year = year
    findings = [_quote_file(f, raw) for f in run_checks(draft, previous)]
    findings.extend(_raw_findings(draft, raw))
    findings.sort(key=lambda f: (f.severity.rank, f.line or 0))
    return ReportCheck(draft, findings)


def _normalise(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Text with spaces dropped and punctuation of either width made alike; each char's (line, offset)."""
    chars, where = [], []
    for n, line in enumerate(text):
        for i, ch in enumerate(line):
            if ch.isspace():
                continue
            chars.append(ch.translate(_TO_COMMON))
            where.append((n, i))
    return "".join(chars), where


def _quote_file(finding: Finding, raw: list[str]) -> Finding:
    """The finding with its excerpt as the file writes it (2023 年, half-width commas) and its line."""
    if not finding.excerpt:
        return finding
    norm_raw, where = _normalise(raw)
    norm_ex, _ = _normalise([finding.excerpt])
    if not norm_ex:
        return finding
    k = norm_raw.find(norm_ex)
    if k == -1:
        return finding
    (l1, a), (l2, b) = where[k], where[k + len(norm_ex) - 1]
    excerpt = raw[l1][a : b + 1] if l1 == l2 else "\n".join([raw[l1][a:], *raw[l1 + 1 : l2], raw[l2][: b + 1]])
    return dataclasses.replace(finding, excerpt=excerpt, line=l1 + 1)


def _raw_findings(draft: Draft, raw: list[str]) -> list[Finding]:
    from app.importer.cleaner import is_junk

    from .fields import iter_fields, section_label

    sections: dict[int, str] = {}
    for f in iter_fields(draft):
        if f.section is not None:
            sections[f.section] = sections.get(f.section, "") + _normalise([f.text])[0]
    out: list[Finding] = []
    for n, line in enumerate(raw):
        if not line.strip() or is_junk(line.strip()):
            continue
        section = _section_of(line, sections)
        label = section_label(draft, section)
        for rule_id, reps, message in (
            ("form.halfwidth-punct", halfwidth(line), describe_halfwidth),
            ("form.stray-space", stray_spaces(line), describe_spaces),
        ):
            if reps:
                a, b = window(line, reps[0].start, reps[0].end, 6, 6)
                out.append(
                    Finding(rule_id, Severity.WARNING, message(reps), line[a:b], None, section, label, line=n + 1)
                )
        odd = odd_straight_quotes(line)
        if odd:
            a, b = window(line, odd[0], odd[0] + 1)
            out.append(
                Finding(
                    "form.halfwidth-punct",
                    Severity.WARNING,
                    "有不成对的半角引号，中文正文应使用全角引号“”。",
                    line[a:b],
                    None,
                    section,
                    label,
                    line=n + 1,
                )
            )
    return out


def _section_of(line: str, sections: dict[int, str]) -> int | None:
    norm, _ = _normalise([line])
    probe = _LEADING_NUMBER.sub("", norm)[:10]
    if len(probe) < 4:
        return None
    return next((s for s, text in sections.items() if probe in text), None)
