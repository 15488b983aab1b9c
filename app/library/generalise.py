"""Turning a source report's wording into a phrase any unit can use.

The unit's own names become `{单位}`/`{自称}`, its place names `{地区}`, the report year and its
neighbours `{年度}`/`{下一年度}`/`{上一年度}`; figures, dates and other provinces stay visible as example
spans. A sentence naming a person (安某某同志, 林某书记) is not generalisable and is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.admin_level import level_words, org_words, region_of, unit_level, unit_org
from app.library.phrase import EXAMPLE_CLOSE, EXAMPLE_OPEN

SELF_REFS = ("我局", "我办", "本局", "本办", "我委", "本委", "我厅", "本厅", "我中心", "我单位", "本单位")
_BUREAU_SUFFIXES = ("人民政府信访局", "信访办公室", "信访局", "信访办", "信访室")

PROVINCES = (
    "北京",
    "天津",
    "河北",
    "山西",
    "内蒙古",
    "辽宁",
    "吉林",
    "黑龙江",
    "上海",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "广西",
    "海南",
    "重庆",
    "四川",
    "贵州",
    "云南",
    "西藏",
    "陕西",
    "甘肃",
    "青海",
    "宁夏",
    "新疆",
)
_PROVINCE = re.compile("(?:" + "|".join(PROVINCES) + ")(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)?")

_UNIT_WORDS = "|".join(
    sorted(
        [
            "件次",
            "人次",
            "场次",
            "件",
            "人",
            "次",
            "场",
            "个",
            "份",
            "册",
            "本",
            "条",
            "名",
            "期",
            "篇",
            "户",
            "起",
            "天",
            "小时",
            "万元",
            "元",
            "家",
            "所",
            "批",
            "项",
            "套",
            "周年",
            "届",
        ]
        + [
            f"余{w}"
            for w in [
                "件次",
                "人次",
                "场次",
                "件",
                "人",
                "次",
                "场",
                "个",
                "份",
                "册",
                "本",
                "条",
                "名",
                "项",
                "套",
                "户",
                "起",
            ]
        ]
        + ["余"],
        key=len,
        reverse=True,
    )
)
_FIGURE = re.compile(
    rf"\d+(?:\.\d+)?\s*(?:[%％]|万(?:余)?(?:{_UNIT_WORDS})?|千(?:{_UNIT_WORDS})|(?:{_UNIT_WORDS}))(?:以上|左右)?"
)
_MONTH_DAY = re.compile(r"\d{1,2}月(?:\d{1,2}日)?(?:(?:至|—|-|～)(?:\d{1,2}月)?\d{1,2}日)?(?:份)?")
_YEAR = re.compile(r"(?<![\d—–\-～~])(20\d{2})(?![\d—–\-～~])")
_COMRADE = re.compile(r"([\u4e00-\u9fff]{2,3})同志")
_SECRETARY = re.compile(r"([\u4e00-\u9fff]{2})(?:书记|局长|主任|市长|区长|县长)")
# What stands before 书记 or 同志 without being a name: 总书记, 党组书记, 支部书记, 负责同志, 全体同志 …
_NOT_NAME_END = set("总组委部支副记长任导责体位名党局办处科")


@dataclass(frozen=True)
class UnitNames:
    """How a source report names its own unit, place and year."""

    unit: str = ""
    aliases: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    year: int | None = None
    level: str = ""  # 区: the unit's own level, whose words (全区, 区委) become {级}
    org: str = ""  # 局: the unit's kind of body, whose words (局党组) become {机关}

    @classmethod
    def derive(cls, unit: str, year: int | None, aliases=(), regions=()) -> UnitNames:
        """Names derivable from the full unit name (晋城市信访局 → 市信访局, 晋城市, 晋城) plus the given ones."""
        al = set(aliases)
        rg = set(regions)
        region = region_of(unit)
        if region:
            rg.add(region)
            # Each level of the place name is used alone too (重庆市南岸区 → 重庆市, 南岸区); a city goes
            # without 市 as well (晋城). Districts do not: 解放区 without 区 is the verb 解放.
            for part in re.findall(r".+?(?:自治区|自治州|省|市|区|县|旗|盟)", region):
                rg.add(part)
                if len(part) > 2 and part[-1] == "市":
                    rg.add(part[:-1])
            rest = unit[len(region) :]
            level = region[-1]
            for suffix in _BUREAU_SUFFIXES:
                if rest.endswith(suffix):
                    al.add(level + suffix)
                    al.add(level + suffix.replace("信访办公室", "信访办"))
        if unit:
            al.add(unit)
        return cls(
            unit,
            tuple(sorted(al, key=len, reverse=True)),
            tuple(sorted(rg, key=len, reverse=True)),
            year,
            unit_level(unit),
            unit_org(unit),
        )


def names_a_person(text: str) -> bool:
    """True when the text names a person (安某某同志, 林某书记): such wording is not stock phrasing."""
    for pattern in (_COMRADE, _SECRETARY):
        for m in pattern.finditer(text):
            if m.group(1)[-1] not in _NOT_NAME_END and m.group(1)[:2] not in ("党组", "党委", "支部"):
                return True
    return False


def _mark(text: str, pattern: re.Pattern[str]) -> str:
    """Wraps the pattern's matches outside existing marks and placeholders in example marks."""
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(text):
        if _inside_mark(text, m.start()) or _inside_placeholder(text, m.start()):
            continue
        out.append(text[pos : m.start()])
        out.append(EXAMPLE_OPEN + m.group(0) + EXAMPLE_CLOSE)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def _inside_mark(text: str, index: int) -> bool:
    return text.rfind(EXAMPLE_OPEN, 0, index) > text.rfind(EXAMPLE_CLOSE, 0, index)


def _inside_placeholder(text: str, index: int) -> bool:
    return text.rfind("{", 0, index) > text.rfind("}", 0, index)


def _own_words_to_placeholders(text: str, names: UnitNames) -> str:
    """The source unit's own-level and own-body words (全区, 区委, 局党组) as {级} and {机关}."""
    spots = [(w.at, "{级}") for w in level_words(text, names.level)] if names.level else []
    spots += [(w.at, "{机关}") for w in org_words(text, names.org)] if names.org else []
    for at, placeholder in sorted(spots, reverse=True):
        if not _inside_placeholder(text, at):
            text = text[:at] + placeholder + text[at + 1 :]
    return text


def generalise(text: str, names: UnitNames) -> str | None:
    """The text as a phrase, or None when it names a person and cannot be made general."""
    if names_a_person(text):
        return None
    out = text
    for alias in names.aliases:
        out = out.replace(alias, "{单位}")
    for ref in SELF_REFS:
        out = out.replace(ref, "{自称}")
    for region in names.regions:
        out = re.sub(f"{re.escape(region)}(?![省市区县])" if len(region) <= 2 else re.escape(region), "{地区}", out)
    out = _own_words_to_placeholders(out, names)
    if names.year is not None:
        year = names.year

        def year_repl(m: re.Match[str]) -> str:
            value = int(m.group(1))
            return {year: "{年度}", year + 1: "{下一年度}", year - 1: "{上一年度}"}.get(value, m.group(0))

        out = _YEAR.sub(year_repl, out)
    out = _mark(out, _MONTH_DAY)
    out = _mark(out, _FIGURE)
    out = _mark(out, _PROVINCE)
    # A local document's title (《{地区}…规则》, 《{年度}年全{级}…要点》) may not exist under that name where
    # the user is: an example to replace.
    out = re.sub(
        r"《[^《》⟦⟧]*\{(?:地区|单位|级|机关)\}[^《》⟦⟧]*》", lambda m: EXAMPLE_OPEN + m.group(0) + EXAMPLE_CLOSE, out
    )
    # Adjacent examples (2890件3846人) read as one.
    return out.replace(EXAMPLE_CLOSE + EXAMPLE_OPEN, "")
