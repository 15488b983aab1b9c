"""以去年报告为基础: last year's draft as the start of this year's, and the checklist of last year's plans
kept beside the draft in the user data folder."""

from __future__ import annotations

import contextlib
import copy
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.atomic import write_bytes_atomic
from app.core.errors import UserError
from app.core.model import Draft, Origin, Section, SectionKind, Source, walk_items
from app.core.session.user_data import data_dir
from app.core.text import clean_text
from app.core.years import shift_report_years


@dataclass
class ChecklistEntry:
    """One of last year's plans, to tick off while writing this year's 举措成效."""

    text: str
    done: bool = False


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[。；;])", text.strip(), maxsplit=1)[0]


def plans_checklist(draft: Draft) -> list[ChecklistEntry]:
    """Last year's 下年安排 as a checklist: each item's heading, or the first sentence of its text (of each
    opening paragraph where the part has no items)."""
    out: list[ChecklistEntry] = []
    for section in draft.sections:
        if section.kind is not SectionKind.PLANS:
            continue
        for _, item in walk_items(section.items):
            text = item.heading.strip().rstrip("。")
            if not text and item.paragraphs:
                text = _first_sentence(item.paragraphs[0].text)
            if text:
                out.append(ChecklistEntry(text))
        if not section.items:
            out.extend(ChecklistEntry(_first_sentence(p.text)) for p in section.preamble if p.text.strip())
    return out


def roll_forward(last: Draft, year: int | None = None) -> tuple[Draft, list[ChecklistEntry]]:
    """Last year's draft as the start of this year's: years moved on, plans turned into a checklist.

    Headings, title and the report year move on one year; body text is kept as written but marked
    CARRIED so that the checks and the clerk see what still speaks of last year. Last year's plans are
    not this year's plans: the 下年安排 section starts empty and its items become the checklist.
    `year` is the new report year, the year after last's by default.
    """
    draft = copy.deepcopy(last)
    checklist = plans_checklist(last)
    meta = draft.meta
    meta.year = last.meta.year + 1 if year is None else year
    meta.title = shift_report_years(meta.title, last.meta.year, meta.year)
    meta.date = None
    for para in draft.all_paragraphs():
        if para.text.strip() or para.table:
            para.source = Source(Origin.CARRIED, ref=str(last.meta.year))
    for section in draft.sections:
        move_section_years(section, last.meta.year, meta.year)
        if section.kind is SectionKind.PLANS:
            section.items = []
            section.preamble = []
    return draft, checklist


def move_section_years(section: Section, old_year: int, new_year: int) -> None:
    """The report year in a part's heading and its items' headings moved (and next year's, in the plans part)."""
    plans = section.kind is SectionKind.PLANS
    section.heading = shift_report_years(section.heading, old_year, new_year, next_year_too=plans)
    for _, item in walk_items(section.items):
        item.heading = shift_report_years(item.heading, old_year, new_year, next_year_too=plans)


def checklist_path(draft_path: Path, base: Path | None = None) -> Path:
    """Where the roll-forward checklist of a draft is kept: the user data folder, one file per draft path.

    It is the wizard's working state, not part of the report, so the .fzbg format stays as it is.
    """
    import hashlib  # OpenSSL loads when a draft is saved, not when the window opens

    digest = hashlib.sha1(str(Path(draft_path).resolve()).encode("utf-8")).hexdigest()[:16]
    return (base or data_dir()) / "checklists" / f"{digest}.json"


def checklist_data(entries: list[ChecklistEntry]) -> list[dict[str, Any]]:
    return [{"text": e.text, "done": e.done} for e in entries]


def checklist_from(raw: Any) -> list[ChecklistEntry]:
    if not isinstance(raw, list):
        return []
    return [
        ChecklistEntry(clean_text(str(e["text"])), bool(e.get("done")))
        for e in raw
        if isinstance(e, dict) and isinstance(e.get("text"), str)
    ]


def load_checklist(draft_path: Path, base: Path | None = None) -> list[ChecklistEntry]:
    try:
        return checklist_from(json.loads(checklist_path(draft_path, base).read_text("utf-8")))
    except (OSError, ValueError):
        return []


def save_checklist(draft_path: Path, entries: list[ChecklistEntry], base: Path | None = None) -> None:
    """Best effort: losing the checklist must never stop the draft itself from being saved."""
    target = checklist_path(draft_path, base)
    with contextlib.suppress(UserError, OSError):
        if entries:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(target, json.dumps(checklist_data(entries), ensure_ascii=False).encode("utf-8"))
        else:
            target.unlink(missing_ok=True)
