"""Preamble (导语) formulas for a report year, with the session and the rules that year's report cites."""

from __future__ import annotations

from app.core.facts import Facts
from app.core.model import Meta


def spirit_phrase(facts: Facts, year: int) -> str:
    """党的二十大和二十届三中全会精神 — the congress and the latest plenary held by the end of the year."""
    latest = facts.latest_plenary(year)
    congress = facts.latest_congress(year)
    if latest is None:
        return ""
    if congress is None or congress == latest:
        return f"{latest.name}精神"
    return f"{congress.name}和{latest.name}精神"


def rules_phrase(facts: Facts, year: int) -> str:
    return "和".join(f"《{r.name}》" for r in facts.rules_in_force(year))


def preamble_formulas(meta: Meta, facts: Facts) -> list[str]:
    """Opening paragraphs to choose from, each ending 报告如下：, correct for the report year."""
    year, me = meta.year, meta.self_ref or "我局"
    spirit = spirit_phrase(facts, year)
    rules = rules_phrase(facts, year)
    study = f"深入学习贯彻{spirit}，" if spirit else ""
    follow = f"全面贯彻落实{rules}，" if rules else ""
    return [
        f"{year}年，{me}坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻习近平法治思想，{study}{follow}"
        f"扎实推进法治政府建设各项工作，取得了积极成效。现将{year}年度法治政府建设情况报告如下：",
        f"{year}年，在市委、市政府的坚强领导下，{me}{study}{follow}坚持依法行政、依法办理信访事项，"
        f"推进信访工作法治化。现将有关情况报告如下：",
        f"{year}年以来，{me}以习近平法治思想为根本遵循，{study}紧紧围绕法治政府建设目标任务，"
        f"{follow}不断提升依法行政能力和水平。现将{year}年法治政府建设工作情况汇报如下：",
    ]
