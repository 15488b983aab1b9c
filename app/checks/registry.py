"""The rule registry: each rule is a function of a CheckContext yielding Findings, under an id."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from app.core.facts import Facts, load_facts
from app.core.model import Draft

from .fields import Field, iter_fields, section_label
from .findings import Finding, Fix, Severity, Span
from .home import Home
from .sources import SourceReport, load_sources

RuleFunc = Callable[["CheckContext"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str  # group.name: required.shortcomings, year.next-year, form.halfwidth-punct
    severity: Severity  # the usual severity; a finding may carry another
    title: str  # Chinese, for the wizard's list of checks
    func: RuleFunc

    @property
    def group(self) -> str:
        return self.id.split(".", 1)[0]


RULES: dict[str, Rule] = {}

GROUP_LABELS = {
    "required": "必备内容",
    "year": "年份与日期",
    "leftover": "遗留内容",
    "figures": "数字核对",
    "stale": "过时表述",
    "form": "文字格式",
    "copy": "照搬照抄",
}


def rule(rule_id: str, severity: Severity, title: str) -> Callable[[RuleFunc], RuleFunc]:
    def register(func: RuleFunc) -> RuleFunc:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        RULES[rule_id] = Rule(rule_id, severity, title, func)
        return func

    return register


@dataclass
class CheckContext:
    """What rules look at: the draft, and what it may be compared against."""

    draft: Draft
    previous: Draft | None = None  # last year's draft, for copy.previous
    facts: Facts = field(default_factory=load_facts)
    # The phrase library's source reports; None: those in resources/samples.
    sources: tuple[SourceReport, ...] | None = None

    @cached_property
    def fields(self) -> list[Field]:
        return list(iter_fields(self.draft))

    @cached_property
    def source_reports(self) -> tuple[SourceReport, ...]:
        return load_sources() if self.sources is None else self.sources

    @cached_property
    def home(self) -> Home:
        return Home(self.draft, self.fields, self.source_reports)

    @property
    def year(self) -> int:
        return self.draft.meta.year

    def finding(
        self,
        rule_id: str,
        message: str,
        field_: Field | None = None,
        start: int = 0,
        end: int | None = None,
        *,
        severity: Severity | None = None,
        excerpt: str | None = None,
        fix: Fix | None = None,
        section: int | None = None,
        marks: tuple[Span, ...] = (),
    ) -> Finding:
        """A finding of rule `rule_id`, located at [start, end) of `field_` (the whole field if end is None)."""
        location = None
        if field_ is not None:
            stop = len(field_.text) if end is None else end
            location = Span(field_.ref, start, stop)
            if excerpt is None:
                excerpt = field_.text[start:stop]
            if section is None:
                section = field_.section
        return Finding(
            rule=rule_id,
            severity=severity or RULES[rule_id].severity,
            message=message,
            excerpt=excerpt or "",
            location=location,
            section=section,
            section_heading=section_label(self.draft, section),
            section_id=self.draft.sections[section].id if section is not None else None,
            fix=fix,
            marks=marks,
        )


def rules_in_order() -> list[Rule]:
    """The rules grouped as the issue lists them: required content first, copying last."""
    groups = list(GROUP_LABELS)
    return sorted(RULES.values(), key=lambda r: groups.index(r.group) if r.group in groups else len(groups))


def run_rules(ctx: CheckContext, only: Iterable[str] | None = None) -> Iterator[Finding]:
    wanted = set(only) if only is not None else None
    for r in rules_in_order():
        rule_id = r.id
        if wanted is not None and rule_id not in wanted and r.group not in wanted:
            continue
        yield from r.func(ctx)
