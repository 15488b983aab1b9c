"""A library phrase: stock wording drawn from a report, generalised so it fits any unit and year.

Phrase text is plain text with two kinds of markup, both defined here and nowhere else:
- placeholders `{单位}` `{自称}` `{地区}` `{年度}` `{下一年度}` `{上一年度}`, and `{级}` `{机关}` for the
  source unit's own level and body (全{级} → 全县, {机关}党组 → 局党组), filled from the draft's Meta;
- example spans `⟦…⟧` around figures and names of the source report (2890件, 95.29%, 5月17日, 山西省)
  that stay visible as examples but must be replaced by the user's own.
`fill_placeholders` turns a phrase into draft text plus the character spans of its examples.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from app.core.admin_level import region_of, unit_level, unit_org
from app.core.model import Meta, Origin, Paragraph, SectionKind, Source

EXAMPLE_OPEN = "⟦"
EXAMPLE_CLOSE = "⟧"

PLACEHOLDERS = ("{单位}", "{自称}", "{地区}", "{年度}", "{下一年度}", "{上一年度}", "{级}", "{机关}")
_TOKENS = re.compile("|".join(map(re.escape, PLACEHOLDERS)) + "|⟦|⟧")
# What a document title borrowed from another unit gets where that unit's name stood: a visible blank.
BLANK = "××"


class PhraseKind(StrEnum):
    HEADING = "heading"  # a section or item heading (（一）强化组织领导)
    SENTENCE = "sentence"  # one sentence
    POINT = "point"  # one point of an enumeration (一是…)
    PARAGRAPH = "paragraph"  # a whole short paragraph
    PREAMBLE = "preamble"  # the report's opening paragraph
    FORMULA = "formula"  # 现将…报告如下：, 特此报告。

    @property
    def label(self) -> str:
        return {
            "heading": "标题",
            "sentence": "句子",
            "point": "要点",
            "paragraph": "段落",
            "preamble": "导语",
            "formula": "套语",
        }[self.value]


@dataclass(frozen=True)
class Provenance:
    """One report a phrase was read in, and where in that report."""

    report: str  # file name of the source report
    section: str = ""  # the section heading as printed (一、…)
    item: str = ""  # the item heading as printed ((一)…), if any


@dataclass
class Phrase:
    """A stock phrase: generalised text, what it is, where it belongs and which reports used it."""

    id: str
    text: str  # with placeholders and example spans
    kind: PhraseKind
    section: SectionKind | None = None
    topics: tuple[str, ...] = ()
    sources: list[Provenance] = field(default_factory=list)
    level: int = 0  # heading level (1–4) for a heading phrase
    shipped: bool = True  # False for a phrase of the user's own library

    @property
    def plain(self) -> str:
        """The text with example marks removed and placeholders left in: what search matches on."""
        return self.text.replace(EXAMPLE_OPEN, "").replace(EXAMPLE_CLOSE, "")

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "text": self.text,
            "kind": self.kind.value,
            "section": self.section.value if self.section else None,
            "topics": list(self.topics),
            "sources": [[s.report, s.section, s.item] for s in self.sources],
            "level": self.level,
        }

    @classmethod
    def from_dict(cls, data: dict, shipped: bool = True) -> Phrase:
        return cls(
            id=str(data["id"]),
            text=str(data["text"]),
            kind=PhraseKind(data["kind"]),
            section=SectionKind(data["section"]) if data.get("section") else None,
            topics=tuple(data.get("topics", ())),
            sources=[Provenance(*s) for s in data.get("sources", [])],
            level=int(data.get("level", 0)),
            shipped=shipped,
        )


def phrase_id(kind: PhraseKind | str, text: str) -> str:
    import hashlib  # OpenSSL loads when a phrase is made, not when the library is read

    return hashlib.sha1(f"{kind}\x00{text}".encode()).hexdigest()[:12]


def _values(meta: Meta) -> dict[str, str]:
    unit = meta.unit_name.strip()
    return {
        "{单位}": unit or "本单位",
        "{自称}": meta.self_ref.strip() or "我局",
        "{地区}": region_of(unit) or "本地",
        "{年度}": str(meta.year),
        "{下一年度}": str(meta.year + 1),
        "{上一年度}": str(meta.year - 1),
        "{级}": unit_level(unit) or BLANK,
        "{机关}": unit_org(unit) or BLANK,
    }


def _title_values(meta: Meta) -> dict[str, str]:
    """Inside a borrowed document title (《晋城市信访事项听证办法》) the source unit's name is not the user's:
    the user's document may not exist or may have another name, so its place is a blank to fill."""
    unit = meta.unit_name.strip()
    return {
        "{地区}": BLANK + unit_level(unit),
        "{单位}": BLANK + (unit_org(unit) or "单位"),
    }


def fill_placeholders(phrase: Phrase | str, meta: Meta) -> tuple[str, list[tuple[int, int]]]:
    """A phrase (or phrase text) for this draft: placeholders filled from `meta`, example marks removed.

    Returns the text and the [start, end) character spans of its example figures in that text.
    """
    text = phrase.text if isinstance(phrase, Phrase) else phrase
    values = _values(meta)
    in_title = {**values, **_title_values(meta)}
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    open_at: int | None = None
    title = False
    pos = 0
    for m in _TOKENS.finditer(text):
        chunk = text[pos : m.start()]
        out.append(chunk)
        length += len(chunk)
        token = m.group(0)
        if token == EXAMPLE_OPEN:
            open_at = length
            title = text.startswith("《", m.end())
        elif token == EXAMPLE_CLOSE:
            if open_at is not None and length > open_at:
                spans.append((open_at, length))
            open_at = None
        else:
            value = (in_title if open_at is not None and title else values)[token]
            out.append(value)
            length += len(value)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), spans


def phrase_paragraph(phrase: Phrase, meta: Meta) -> Paragraph:
    """A draft paragraph made of a phrase: filled for the draft, its examples named in the source."""
    text, spans = fill_placeholders(phrase.text, meta)
    return Paragraph(
        text=text, source=Source(origin=Origin.PHRASE, ref=phrase.id, examples=[text[a:b] for a, b in spans])
    )


def strip_markup(text: str) -> str:
    """Text with placeholders and example marks removed: for comparing phrases with one another."""
    return _TOKENS.sub("", text)
