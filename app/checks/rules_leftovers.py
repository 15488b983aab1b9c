"""Rule group 3: what a copied or half-filled report leaves behind — placeholders, XX/××/某某, library
example figures never replaced, another bureau's name or place."""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.core.admin_level import LevelWord, level_words, org_words, unit_level, unit_org

from .findings import Finding, Fix, Part, Severity, TextEdit
from .home import same_place
from .registry import CheckContext, rule
from .unitnames import find_units

_PLACEHOLDERS = re.compile(
    r"\{\{[^{}\n]{0,30}\}\}|\{[^{}\n]{1,20}\}"  # {单位} {{ year }}
    r"|【[^】\n]{0,12}(?:填|单位|名称|年度|日期|数字|数据|此处|姓名|XX|某)[^】\n]{0,12}】"
    r"|\[[^\]\n]{0,12}(?:填写|待补|待定)[^\]\n]{0,12}\]"
    r"|(?<![A-Za-z])[XxＸｘ×]{2,}(?![A-Za-z])"  # XX县, ××件
    r"|(?<![A-Za-z0-9.])[XxＸｘ×](?=\s*(?:年|月|日|件|人次|人|次|个|名|场|项|%|％))"  # X月X日, X件
    r"|某某|○○|〇〇|□□|＊＊|\*\*\*"
    r"|(?:此处|请)(?:填写|输入|补充)|待补充|待填写|TODO"
)


@rule("leftover.placeholder", Severity.ERROR, "未填写的占位符")
def placeholders(ctx: CheckContext) -> Iterator[Finding]:
    for f in ctx.fields:
        for m in _PLACEHOLDERS.finditer(f.text):
            yield ctx.finding(
                "leftover.placeholder",
                f"“{m.group(0)}”是没有填写的占位内容，请换成实际的名称、日期或数字。",
                f,
                m.start(),
                m.end(),
            )


@rule("leftover.example", Severity.WARNING, "未修改的示例数字")
def examples(ctx: CheckContext) -> Iterator[Finding]:
    for f in ctx.fields:
        if f.paragraph is None:
            continue
        for example in f.paragraph.source.examples:
            if not example:
                continue
            pos = f.text.find(example)
            if pos != -1:
                yield ctx.finding(
                    "leftover.example",
                    f"“{example}”是常用语库里的示例，还没有换成本单位的实际情况。",
                    f,
                    pos,
                    pos + len(example),
                )


@rule("leftover.foreign-unit", Severity.WARNING, "其他单位的名称")
def foreign_units(ctx: CheckContext) -> Iterator[Finding]:
    home = ctx.home
    reported: set[tuple[object, int]] = set()
    own = ctx.draft.meta.unit_name or "本单位"
    # Names of the library's source reports: certainly not this unit's.
    others = sorted(home.foreign_names(), key=len, reverse=True)
    if others:
        pattern = re.compile("|".join(map(re.escape, others)))
        for f in ctx.fields:
            if f.ref.part is Part.TITLE and not ctx.draft.meta.unit_name:
                continue
            for m in pattern.finditer(f.text):
                if any((f.ref, i) in reported for i in range(m.start(), m.end())):
                    continue
                end = m.end()
                unit = next((u for u in find_units(f.text) if u.start <= m.start() < u.end), None)
                start, end = (unit.start, max(end, unit.end)) if unit else (m.start(), end)
                reported.update((f.ref, i) for i in range(start, end))
                yield ctx.finding(
                    "leftover.foreign-unit",
                    f"“{f.text[start:end]}”是常用语库来源报告中其他单位的名称或地名，与本单位（{own}）不符，像是照抄留下的。",
                    f,
                    start,
                    end,
                    severity=Severity.ERROR,
                )
    if not home.stems or home.level is None:
        return
    for f, u in home.mentions:
        if (f.ref, u.start) in reported:
            continue
        inner = u.inner
        if any(same_place(p.stem, own_stem) for p in u.places for own_stem in home.stems):
            continue
        if inner.level < home.level and home.parents.get(inner.level) == inner.stem:
            continue  # the unit's superior: 河南省 for a district of Henan
        if u.org == "《" and inner.level < home.level:
            continue  # a superior's document (《山西省信访事项听证办法》) binds the unit too
        reported.update((f.ref, i) for i in range(u.start, u.end))
        yield ctx.finding(
            "leftover.foreign-unit",
            f"“{u.text}”与本单位（{own}）不是同一地方，像是照抄其他单位报告留下的；如确需提及请核对。",
            f,
            u.start,
            u.end,
        )


# Levels of the same rank: a 县's report never speaks of its own 区; only 全X/本X of a lower level is wrong above it.
_SAME_RANK = ("区县旗", "市州盟")
_LOWER = {"省": "市州盟区县旗", "市": "区县旗", "州": "区县旗", "盟": "区县旗"}
_OTHER_ORG = {"局": "办", "办": "局"}


def _not_own_words(text: str, level: str, org: str) -> list[tuple[LevelWord, str]]:
    """Own-level and own-body words of another level or body than the unit's, each with what it should be."""
    same = next((rank.replace(level, "") for rank in _SAME_RANK if level and level in rank), "")
    wrong = [(w, level) for w in level_words(text, same)] if same else []
    lower = _LOWER.get(level, "")
    wrong += [(w, level) for w in level_words(text, lower) if w.at > w.start and text[w.start] in "全本"]
    if org in _OTHER_ORG:
        wrong += [(w, org) for w in org_words(text, _OTHER_ORG[org])]
    # Names of other units (南岸区信访办) and titles (《全区…》) are theirs to keep.
    kept = [(u.start, u.end) for u in find_units(text)] + _titles(text)
    return sorted(
        ((w, right) for w, right in wrong if not any(a <= w.at < b for a, b in kept)), key=lambda pair: pair[0].start
    )


def _titles(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"《[^《》]*》", text)]


@rule("leftover.level", Severity.WARNING, "与本单位层级不符的称谓")
def level_words_of_another_unit(ctx: CheckContext) -> Iterator[Finding]:
    unit = ctx.draft.meta.unit_name
    level, org = unit_level(unit), unit_org(unit)
    if not level and not org:
        return
    for f in ctx.fields:
        if f.ref.part in (Part.TITLE, Part.ADDRESSEE, Part.SIGNATURE):
            continue  # names, not prose: the unit-name checks see them
        for word, right in _not_own_words(f.text, level, org):
            wrong = f.text[word.start : word.end]
            fixed = wrong[: word.at - word.start] + right + wrong[word.at - word.start + 1 :]
            yield ctx.finding(
                "leftover.level",
                f"本单位是{unit}，“{wrong}”像是照抄其他{word.char}级或其他机关报告留下的，应为“{fixed}”。",
                f,
                word.start,
                word.end,
                fix=Fix(f"改为“{fixed}”", (TextEdit(f.ref, word.at, word.char, right),)),
            )
