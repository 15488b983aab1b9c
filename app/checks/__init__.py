"""公文体检: checks that find what reviewers send an annual report back for.

The wizard and the command line call:
- `run_checks(draft, previous=None) -> list[Finding]`, sorted by severity then by place;
- `apply_fix(draft, finding.fix) -> Fix` (the returned fix undoes it: `apply_fix(draft, undo)`);
- `fix_all(draft, rule_ids) -> list[Fix]`, applying every certain fix of those rules;
- `Finding.location` (a `Span`: `Location` + character span) to jump to the paragraph.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.core.location import get_text, set_text
from app.core.model import Draft

from . import (  # noqa: F401  (importing registers the rules)
    rules_copying,
    rules_figures,
    rules_form,
    rules_leftovers,
    rules_required,
    rules_stale,
    rules_text_faults,
    rules_years,
)
from .edits import FixConflict, apply_fix, apply_fixes
from .fields import iter_fields
from .findings import Finding, Fix, Location, Part, Severity, Span, TextEdit
from .registry import GROUP_LABELS, RULES, CheckContext, Rule, rules_in_order, run_rules
from .sources import SourceReport, load_sources

# Fixes safe to apply in one go without reading them one by one.
SAFE_FIX_RULES = (
    "form.halfwidth-punct",
    "form.stray-space",
    "form.quotes",
    "form.numbering",
    "form.date-format",
    "year.title",
    "year.heading",
    "year.next-year",
)


def run_checks(
    draft: Draft,
    previous: Draft | None = None,
    *,
    only: Iterable[str] | None = None,
    sources: tuple[SourceReport, ...] | None = None,
) -> list[Finding]:
    """Every finding of the rules (or of `only`: rule ids or group names) on `draft`; the draft is not changed."""
    ctx = CheckContext(draft=draft, previous=previous, sources=sources)
    findings = list(run_rules(ctx, only))
    order = {f.ref: i for i, f in enumerate(ctx.fields)}
    return sorted(
        findings,
        key=lambda f: (
            f.severity.rank,
            order.get(f.location.ref, -1) if f.location else -1,
            f.location.start if f.location else 0,
        ),
    )


def fix_all(draft: Draft, rules: Iterable[str] = SAFE_FIX_RULES, max_rounds: int = 5) -> list[Fix]:
    """Applies the certain fixes of `rules` until none is left; returns the undo fixes, latest last
    (undo by applying them in reverse order). Each round re-checks, so overlapping fixes stay correct."""
    wanted = list(rules)
    undo: list[Fix] = []
    for _ in range(max_rounds):
        fixes = [f.fix for f in run_checks(draft, only=wanted, sources=()) if f.fix is not None]
        if not fixes:
            break
        applied = apply_fixes(draft, fixes)
        if not applied:
            break
        undo.extend(applied)
    return undo


__all__ = [
    "GROUP_LABELS",
    "RULES",
    "SAFE_FIX_RULES",
    "CheckContext",
    "Finding",
    "Fix",
    "FixConflict",
    "Location",
    "Part",
    "Rule",
    "Severity",
    "SourceReport",
    "Span",
    "TextEdit",
    "apply_fix",
    "apply_fixes",
    "fix_all",
    "get_text",
    "iter_fields",
    "load_sources",
    "rules_in_order",
    "run_checks",
    "set_text",
]
