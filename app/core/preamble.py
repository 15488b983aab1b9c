"""Preamble (导语) formulas for a report year, citing the sessions and the rules that year's report cites.

The year-dependent names come from the editable facts table (`app.core.facts`), never from code.
"""

from __future__ import annotations

import datetime as dt

from app.core.facts import Facts
from app.core.model import Meta


def spirit_phrase(facts: Facts, year: int) -> str:
    """党的二十大和二十届三中全会精神 — the last congress and the major sessions after it, by year end."""
    sessions = facts.latest_major_sessions(year)
    if not sessions:
        return ""
    head, plenaries = sessions[0].name, [s.name for s in sessions[1:]]
    if not plenaries:
        return f"{head}精神"
    if len(plenaries) == 1:
        return f"{head}和{plenaries[0]}精神"
    # 党的十九大和十九届四中、五中、六中全会: one term prefix, the sessions listed, one 全会.
    term = plenaries[0].split("届")[0] + "届" if "届" in plenaries[0] else ""
    cores = [n.removeprefix(term).removesuffix("全会") for n in plenaries]
    return f"{head}和{term}{'、'.join(cores)}全会精神"


def rules_in_force(facts: Facts, year: int) -> list[str]:
    """Names of the regulations and the plan in force at the end of the report year (without 《》)."""
    end = dt.date(year, 12, 31)
    out = [
        r.name
        for r in facts.regulations
        if (r.in_force_from is None or r.in_force_from <= end) and (r.replaced_on is None or r.replaced_on > end)
    ]
    plan = facts.plan_for_year(year)
    if plan is not None:
        out.append(plan.name)
    return out


def rules_phrase(facts: Facts, year: int) -> str:
    return "和".join(f"《{name}》" for name in rules_in_force(facts, year))


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
        f"{year}年，在上级党委、政府的坚强领导下，{me}{study}{follow}坚持依法行政、依法办理信访事项，"
        f"推进信访工作法治化。现将有关情况报告如下：",
        f"{year}年以来，{me}以习近平法治思想为根本遵循，{study}紧紧围绕法治政府建设目标任务，"
        f"{follow}不断提升依法行政能力和水平。现将{year}年法治政府建设工作情况汇报如下：",
    ]
