"""What the wizard's 检查与生成 step lists: its own notes on what is unfinished, then the 公文体检 findings.

One `Finding` type for both (the checks'), each belonging to the wizard step where it is fixed. Headless:
the checks' worker thread runs `checks_findings` on a copy of the draft.
"""

from __future__ import annotations

from app.core.location import INFO, Location, Part, Step, step_of
from app.core.model import Draft
from app.core.session import Session
from app.render.numbering import heading_number

from . import run_checks
from .findings import Finding, Severity, Span

WIZARD = "wizard."  # the rule group of the wizard's own notes: shown without a severity label


def wizard_findings(session: Session) -> list[Finding]:
    """What the wizard itself can tell is unfinished and no check reports: 单位全称, 导语, items without text.

    Missing dates, empty parts, example figures and last year's text are the checks' to report.
    """
    draft = session.draft
    out: list[Finding] = []
    if not draft.meta.unit_name.strip():
        out.append(_note("unit-name", "还没有填写单位全称。", Part.UNIT_NAME))
    if not any(p.text.strip() for p in draft.preamble):
        out.append(_note("preamble", "还没有写导语。", Part.PREAMBLE))
    for i, section in enumerate(draft.sections):
        if session.section_status(i) == "partial":
            name = f"{heading_number(1, i + 1)}{section.heading}"
            out.append(
                Finding(
                    WIZARD + "partial",
                    Severity.INFO,
                    f"“{name}”中有小项还没有正文。",
                    location=Span(Location(Part.SECTION_HEADING, i)),
                    section=i,
                    section_id=section.id,
                )
            )
    return out


def _note(rule: str, message: str, part: Part) -> Finding:
    return Finding(WIZARD + rule, Severity.WARNING, message, location=Span(Location(part)))


def checks_findings(draft: Draft, previous: Draft | None = None) -> list[Finding]:
    """The 公文体检 (last year's draft given when the report was rolled forward): what the worker runs.

    Touches nothing but its arguments, so it can run on a snapshot of the draft in another thread.
    """
    return run_checks(draft, previous=previous)


def finding_step(draft: Draft, finding: Finding) -> Step:
    """The wizard step where a finding is fixed."""
    if finding.section_id:
        return Step.section(finding.section_id)
    if finding.rule.startswith("year.date"):
        return INFO  # the date has no text field of its own: it is set on 基本信息
    return step_of(draft, finding.location.ref if finding.location else None)


def marks_step(finding: Finding) -> bool:
    """Whether a finding marks its step in the step list (errors and warnings do; notes do not)."""
    return finding.severity in (Severity.ERROR, Severity.WARNING)


def finding_label(finding: Finding) -> str:
    """错误/警告/提示/建议 for the checks' findings; the wizard's own notes go without."""
    return "" if finding.rule.startswith(WIZARD) else finding.severity.label


def finding_text(finding: Finding) -> str:
    """One line of the 检查与生成 list: where, what, and the offending text when the message does not quote it."""
    excerpt = f"（“{finding.excerpt[:24]}”）" if finding.excerpt and finding.excerpt not in finding.message else ""
    where = f"{finding.section_heading}：" if finding.section_heading else ""
    label = finding_label(finding)
    text = f"{where}{finding.message}{excerpt}"
    return f"【{label}】{text}" if label else text
