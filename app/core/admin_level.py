"""Administrative level words: 全区/区委/依法治区办 in a 区's report, 全县/县委 in a 县's, 局党组 in a 局, 办党组 in a 办.

A phrase borrowed from another unit's report speaks of that unit's own level; in the user's report the same words
must speak of the user's. This module knows which words those are, where they stand in a text, and a unit's level
and kind of body from its name. It is used when phrases are generalised and filled (app.library) and when a
finished text is checked (app.checks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Levels whose own-level words are written with one character: 全区, 区委, 本县, 市政府, 依法治旗办.
LEVELS = "省市区县旗州盟"
# Kinds of body whose own words are written with one character: 局党组, 办党组, 委机关.
ORGS = "局办委厅"

# What follows the level character in an own-level word: 区委, 区人民政府, 区信访联席会议, 区群众来访接待中心 …
# Not 级: 县级干部 is a rank and 市级评查 the superior's, in a report of any level.
_AFTER_LEVEL = (
    "委依法治",
    "委政法委",
    "委办",
    "委",
    "人民政府",
    "政府",
    "人大常委会",
    "人大",
    "政协",
    "纪委监委",
    "纪委",
    "监委",
    "人民法院",
    "法院",
    "人民检察院",
    "检察院",
    "直",
    "属",
    "领导",
    "信访",
    "群众来访",
    "联席会议",
    "矛盾纠纷",
    "矛调中心",
    "社会治理",
    "综治",
    "司法局",
    "公安局",
    "政法委",
    "两办",
)
# Characters that, before the level character, make it part of another word: 社区委员会, 城市政府, 自治区, 各区.
_NOT_BEFORE_LEVEL = {
    "区": "社小园景辖城片新发范能学灾山矿验街库专护地治各省市分",
    "县": "郡州各省市",
    "市": "城都超股楼集夜上门各省",
    "省": "各外",
    "旗": "红国彩锦升降护各",
    "州": "各神九",
    "盟": "联同结各",
}
_AFTER_ORG = ("党组书记", "党组成员", "党组", "党支部", "领导班子", "班子成员", "机关", "领导", "务会议", "务会")
# 举办/督办/交办 …, 大局/格局/布局 …: the character is part of another word there.
_NOT_BEFORE_ORG = {
    "局": "大格布结当时全开平残赌邮书药",
    "办": "举承兼包代督交转查主协合筹创开批申买置",
    "委": "常纪监政军",
    "厅": "大客餐门展",
}


@dataclass(frozen=True)
class LevelWord:
    """An own-level word in a text: text[start:end], whose level character stands at `at`."""

    start: int
    end: int
    at: int
    char: str  # the level or body character as written (区, 局)


def region_of(unit_name: str) -> str:
    """The place part of a unit's name: 晋城市信访局 → 晋城市, 重庆市南岸区信访办公室 → 重庆市南岸区."""
    unit = unit_name.strip()
    best = ""
    for m in re.finditer(r"(?:自治区|自治州|省|市|区|县|旗|盟)", unit):
        rest = unit[m.end() :]
        # 市场监督管理局, 区委 and 县直 use the same characters without being place names.
        if m.end() >= 2 and rest and rest[0] not in "场委直级长属":
            best = unit[: m.end()]
    return best


def unit_level(unit_name: str) -> str:
    """The level character of a unit: 阳城县信访局 → 县, 重庆市南岸区信访办公室 → 区; "" when its name has none."""
    region = region_of(unit_name)
    if region:
        return region[-1] if region[-1] in LEVELS else ""
    name = unit_name.strip()
    # 区信访办, 市信访局: a report that names its unit by level alone.
    return name[0] if len(name) > 1 and name[0] in LEVELS and name[1] not in "级直属" else ""


def unit_org(unit_name: str) -> str:
    """The kind of body of a unit, as its own words write it: 信访局 → 局, 信访办公室 → 办; "" when unknown."""
    name = unit_name.strip()
    if name.endswith("办公室") or name.endswith("办"):
        return "办"
    if name.endswith("委员会"):
        return "委"
    return name[-1] if name and name[-1] in ORGS else ""


def _word_pattern(
    chars: str, after: tuple[str, ...], not_before: dict[str, str], leads: tuple[str, ...], lead_chars: str
) -> re.Pattern:
    follow = "|".join(sorted(map(re.escape, after), key=len, reverse=True))
    alternatives = []
    for ch in chars:
        blocked = not_before.get(ch, "")
        guard = f"(?<![{re.escape(blocked)}])" if blocked else ""
        lead = "|".join(re.escape(w) + f"(?P<l{ord(ch)}_{i}>{ch})" for i, w in enumerate(leads) if ch in lead_chars)
        parts = [f"{guard}(?P<c{ord(ch)}>{ch})(?={follow})"]
        if lead:
            parts.append(lead)
        alternatives.extend(parts)
    return re.compile("|".join(alternatives))


# 全区, 本区 and 依法治区办 stand alone; the others are the level character before a word of _AFTER_LEVEL.
_LEVEL_WORDS = _word_pattern(LEVELS, _AFTER_LEVEL, _NOT_BEFORE_LEVEL, ("全", "本", "依法治"), LEVELS)
# 全办 is the whole office; 全局 is mostly "the overall situation", so only 办 takes the lead word.
_ORG_WORDS = _word_pattern(ORGS, _AFTER_ORG, _NOT_BEFORE_ORG, ("全",), "办")


def _words(pattern: re.Pattern, text: str, chars: str) -> list[LevelWord]:
    out = []
    for m in pattern.finditer(text):
        name = m.lastgroup or ""
        at = m.start(name)
        ch = text[at]
        if ch in chars:
            out.append(LevelWord(m.start(), m.end(), at, ch))
    return out


def level_words(text: str, levels: str = LEVELS) -> list[LevelWord]:
    """Own-level words of the given levels in `text` (全区, 区委, 县政府, 依法治市办 …), in order."""
    return _words(_LEVEL_WORDS, text, levels)


def org_words(text: str, orgs: str = ORGS) -> list[LevelWord]:
    """Own-body words of the given kinds in `text` (局党组, 办机关 …), in order."""
    return _words(_ORG_WORDS, text, orgs)
