"""Finding Chinese unit and place names in report text: 晋城市信访局, 重庆市南岸区信访办公室,
《天津市信访工作若干规定》 … — to tell the draft's own unit from another bureau's name left by copying.

No gazetteer: a place is two to four characters before a level suffix (省 市 区 县 …), read backwards from
an organisation word so that the start of the name can be found where Chinese has no word boundaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .textutil import is_han

# Level suffixes, longest first; 1 = province, 2 = prefecture, 3 = county.
LEVELS: tuple[tuple[str, int], ...] = (
    ("特别行政区", 1),
    ("自治区", 1),
    ("自治州", 2),
    ("自治县", 3),
    ("地区", 2),
    ("新区", 3),
    ("省", 1),
    ("市", 2),
    ("州", 2),
    ("盟", 2),
    ("区", 3),
    ("县", 3),
    ("旗", 3),
)
ORGS = (
    "信访局",
    "信访办公室",
    "信访办",
    "信访工作联席会议",
    "信访联席会议",
    "人民政府",
    "政府",
    "委员会",
    "党委",
    "委",
    "人大常委会",
    "政协",
    "人民法院",
    "人民检察院",
    "公安局",
    "司法局",
    "依法治区办",
    "依法治市办",
    "依法治县办",
    "法治政府建设",
    "信访",
)
_ORG = re.compile("|".join(sorted(map(re.escape, ORGS), key=len, reverse=True)))
# Characters after which a name may start: punctuation, function words, the end of another place.
_FUNCTION = set("在向对由与和及经为将把被从给到以按据同赴至于是的了共")
_BOUNDARY = _FUNCTION | set("、，。；：“”‘’《》（）()[]【】 \n\t市省区县州旗盟") | {""}
# Characters no place name of this kind contains; they mark 全市, 本区, 局领导市… as not places.
_NOT_IN_NAME = set("全本各我该外此每其局办委府厅部院会导员访好治入")
# Words that end a clause before 市委, 省委, 区政府 … (贯彻省委, 参加市委); no place name contains them.
_VERBS = re.compile(
    "落实|贯彻|按照|根据|依据|参加|参与|规范|组织|认真|严格|继续|积极|全面|深入|推动|推进|加强|围绕|结合|配合|协调|"
    "联合|召开|举办|印发|制定|学习|传达|督促|报送|提请|经过|通过|服务|联系|向|报告|要求|部署|领导|指导|支持|带领|"
    "请示|汇报|各级|上级|下级|所属|牵头|会同|协助|成立|设立|作为|坚持|对照|对标|落地|发挥|调整|完善|负责|统一|"
    "开展|列入|纳入|出席|列席|主持|接受|服从|听取|反映|提交|上报|呈报|抄送|抄报|办理|转交|交办|转办|督办|会议|文件|精神"
)


@dataclass(frozen=True)
class Place:
    name: str  # 南岸区
    stem: str  # 南岸
    level: int
    start: int
    end: int


@dataclass(frozen=True)
class UnitMention:
    places: tuple[Place, ...]  # outermost first: 重庆市, 南岸区
    org: str  # 信访办公室; "《" for a document named after the place
    start: int
    end: int

    @property
    def text(self) -> str:
        return "".join(p.name for p in self.places) + ("" if self.org == "《" else self.org)

    @property
    def inner(self) -> Place:
        return self.places[-1]


def _place_ending_at(text: str, end: int) -> Place | None:
    """The place name whose level suffix ends at `end`, if one does."""
    for suffix, level in LEVELS:
        s = end - len(suffix)
        if s < 2 or text[s:end] != suffix:
            continue
        for length in (2, 3, 4):
            start = s - length
            if start < 0:
                break
            stem = text[start:s]
            if (
                not all(is_han(ch) for ch in stem)
                or any(ch in _NOT_IN_NAME for ch in stem)
                or stem[-1] in _FUNCTION
                or _VERBS.search(stem)
            ):
                break
            before = text[start - 1] if start > 0 else ""
            if before in _BOUNDARY:
                return Place(stem + suffix, stem, level, start, end)
        # No clear start: most place names have two characters (设立榆次区 → 榆次区).
        stem = text[s - 2 : s]
        if all(is_han(ch) and ch not in _BOUNDARY and ch not in _NOT_IN_NAME for ch in stem) and not _VERBS.search(
            stem
        ):
            return Place(stem + suffix, stem, level, s - 2, end)
        return None
    return None


def _chain_ending_at(text: str, end: int) -> tuple[Place, ...]:
    places: list[Place] = []
    while (place := _place_ending_at(text, end)) is not None:
        places.insert(0, place)
        end = place.start
    return tuple(places)


def find_units(text: str) -> list[UnitMention]:
    """Unit names (place + organisation) and documents named after a place (《XX市…》) in `text`."""
    out: list[UnitMention] = []
    for m in _ORG.finditer(text):
        chain = _chain_ending_at(text, m.start())
        if chain:
            out.append(UnitMention(chain, m.group(0), chain[0].start, m.end()))
    for m in re.finditer("《", text):
        # 《天津市信访工作若干规定》: the longest chain of places right after the bracket.
        best: tuple[Place, ...] = ()
        for end in range(m.end() + 3, min(len(text), m.end() + 14) + 1):
            chain = _chain_ending_at(text, end)
            if chain and chain[0].start == m.end():
                best = chain
        if best:
            out.append(UnitMention(best, "《", m.end(), best[-1].end))
    out.sort(key=lambda u: u.start)
    return out


def places_in(text: str) -> list[Place]:
    """Every place of a unit name in `text` (for a unit's own name: 重庆市南岸区信访办公室 → 重庆市, 南岸区)."""
    out: list[Place] = []
    for u in find_units(text):
        out.extend(u.places)
    if not out:
        # A name with no organisation word, such as a bare region 焦作市解放区.
        for end in range(len(text), 2, -1):
            chain = _chain_ending_at(text, end)
            if chain:
                out.extend(chain)
                break
    return out
