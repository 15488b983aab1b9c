"""Checking a finished report (.docx, .txt, .md) rather than a draft: it goes through the importer, and
what the importer's cleaner silently repairs (half-width punctuation, stray spaces) is checked on the
file's own paragraphs, so the clerk hears about it. Excerpts quote the file as it stands."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from app.core.location import get_text
from app.core.model import Draft
from app.importer import import_report
from app.importer.cleaner import is_junk
from app.importer.patterns import match_heading
from app.importer.reader import read_report

from . import run_checks
from .fields import iter_fields, section_label
from .findings import Finding, Part, Severity
from .punctuation import halfwidth, odd_straight_quotes, stray_spaces
from .rules_form import MIXED_QUOTES_MESSAGE, describe_halfwidth, describe_spaces, mixed_quotes_at
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
    """The report as a draft, and the file's paragraphs as it holds them (a table as an empty one)."""
    draft, raw, _ = _import(path)
    return draft, raw


def _import(path: Path) -> tuple[Draft, list[str], list[str]]:
    """Draft, the file's paragraphs, and its headings as printed (with their numbers)."""
    raw = [b.text if b.table is None else "" for b in read_report(path)]  # a table keeps its number
    imported = import_report(path)
    return imported.draft, raw, [entry.text for entry in imported.outline]


def check_report(path: Path, previous: Draft | None = None) -> ReportCheck:
    draft, raw, headings = _import(path)
    # The importer takes the year from the title; where the body clearly speaks of another year, the
    # title is what is wrong, and the checks should say so once rather than flag every other year.
    year = body_year(draft)
    if year is not None and year != draft.meta.year:
        draft.meta.year = year
    findings = [_quote_file(f, raw, draft) for f in run_checks(draft, previous)]
    findings.extend(_raw_findings(draft, raw))
    findings.extend(_quote_file(f, raw) for f in heading_numbers(headings))
    findings = [_with_section(f, draft, raw) for f in findings]
    findings.sort(key=lambda f: (f.severity.rank, f.line or 0))
    return ReportCheck(draft, findings)


def _normalise(text: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Text with spaces dropped and punctuation of either width made alike; each char's (line, offset)."""
    chars, where = [], []
    for n, line in enumerate(text):
        for i, ch in enumerate(line):
            if ch.isspace():
                continue
            chars.append(ch.translate(_TO_COMMON))
            where.append((n, i))
    return "".join(chars), where


def _quote_file(finding: Finding, raw: list[str], draft: Draft | None = None) -> Finding:
    """The finding with its excerpt as the file writes it (2023 年, half-width commas) and its line.

    The excerpt is looked up with the text around it in the draft, so that a short excerpt (2024) is
    placed where it stands and not at its first occurrence in the file."""
    if not finding.excerpt:
        return finding
    norm_raw, where = _normalise(raw)
    norm_ex, _ = _normalise([finding.excerpt])
    if not norm_ex:
        return finding
    k = -1
    context = _context(finding, draft)
    if context is not None:
        before, after = (_normalise([part])[0] for part in context)
        at = norm_raw.find(before + norm_ex + after)
        if at != -1:
            k = at + len(before)
    if k == -1:
        k = norm_raw.find(norm_ex)
    if k == -1:
        return finding
    (l1, a), (l2, b) = where[k], where[k + len(norm_ex) - 1]
    excerpt = raw[l1][a : b + 1] if l1 == l2 else "\n".join([raw[l1][a:], *raw[l1 + 1 : l2], raw[l2][: b + 1]])
    return dataclasses.replace(finding, excerpt=excerpt, line=l1 + 1)


def _context(finding: Finding, draft: Draft | None) -> tuple[str, str] | None:
    """Up to 12 characters of the draft's text on either side of the finding's span."""
    loc = finding.location
    if draft is None or loc is None or loc.ref.part is Part.DATE:
        return None
    try:
        text = get_text(draft, loc.ref)
    except LookupError:
        return None
    return text[max(0, loc.start - 12) : loc.start], text[loc.end : loc.end + 12]


def _with_section(finding: Finding, draft: Draft, raw: list[str]) -> Finding:
    if finding.section is not None and finding.section_id is None:
        return dataclasses.replace(finding, section_id=draft.sections[finding.section].id)
    if finding.section is not None or finding.line is None:
        return finding
    section = _section_of(raw[finding.line - 1], _section_texts(draft))
    if section is None:
        return finding
    return dataclasses.replace(
        finding, section=section, section_heading=section_label(draft, section), section_id=draft.sections[section].id
    )


def _section_texts(draft: Draft) -> dict[int, str]:
    sections: dict[int, str] = {}
    for f in iter_fields(draft):
        if f.section is not None:
            sections[f.section] = sections.get(f.section, "") + _normalise([f.text])[0]
    return sections


def _raw_findings(draft: Draft, raw: list[str]) -> list[Finding]:
    sections = _section_texts(draft)
    out: list[Finding] = []
    kept = [n for n, line in enumerate(raw) if line.strip() and not is_junk(line.strip())]
    at = mixed_quotes_at([raw[n] for n in kept])
    if at is not None:
        n, pos = kept[at[0]], at[1]
        a, b = window(raw[n], pos, pos + 1)
        section = _section_of(raw[n], sections)
        out.append(
            Finding(
                "form.quotes",
                Severity.WARNING,
                MIXED_QUOTES_MESSAGE,
                raw[n][a:b],
                None,
                section,
                section_label(draft, section),
                line=n + 1,
            )
        )
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


def heading_numbers(headings: list[str]) -> list[Finding]:
    """Numbering faults of the headings as printed, which the draft no longer holds (it numbers by
    position): 一、二、四、 skipping 三, （二） twice, 1. before any （一） in a part, 1、 for 1."""
    out: list[Finding] = []
    last: dict[int, tuple[int, str]] = {}
    first_sub_level: int | None = None
    enumerated_with_dun: list[str] = []
    for text in headings:
        m = match_heading(text)
        if m is None:
            continue
        level, number, value = m.level, m.number, m.value
        for deeper in [k for k in last if k > level]:
            del last[deeper]
        if level == 1:
            first_sub_level = None
        previous, previous_number = last.get(level, (0, ""))
        if value != previous + 1:
            if value == previous:
                what = f"“{number}”重复"
            elif value > previous + 1 and previous:
                what = f"“{previous_number}”之后直接跳到了“{number}”"
            elif value > previous + 1:
                what = f"这一层从“{number}”开始，前面缺少序号"
            else:
                what = f"“{number}”出现在“{previous_number}”之后，顺序颠倒"
            out.append(Finding("form.numbering", Severity.WARNING, f"标题序号不连续：{what}。", text))
        last[level] = (value, number)
        if level > 1:
            if first_sub_level is None:
                first_sub_level = level
            elif level < first_sub_level:
                out.append(
                    Finding(
                        "form.heading-level",
                        Severity.WARNING,
                        f"标题“{number}”的层级高于它前面的标题，层级顺序颠倒（应依次为 一、（一）1.（1））。",
                        text,
                    )
                )
        if re.match(r"^\d+、", number):
            enumerated_with_dun.append(number)
    if enumerated_with_dun:
        first = enumerated_with_dun[0]
        out.append(
            Finding(
                "form.numbering-style",
                Severity.SUGGESTION,
                f"第三层序号应写作“{first[:-1]}.”而不是“{first}”（GB/T 9704：一、（一）1.（1）），"
                f"共{len(enumerated_with_dun)}处。",
                first,
            )
        )
    return out
