"""Taking a revised report (the DOCX a leader edited in Word or WPS) back into the draft it came from.

The revised document is imported like any report, then matched to the draft: parts (一、) by heading
and text, items (（一）, 1., （1）) within them the same way at each level, paragraphs by difflib's
alignment. Parts and items may have been reordered, renamed, split, merged, added or deleted. The
result is shown as one `Change` per part (and one for the title, 导语 and signature), each applied or
not; what is applied takes the revised text, and everything unchanged stays the draft's own: section
ids and kinds, the report year and template, item kinds, and each paragraph's source (a phrase's id and
its example figures still standing, an imported file's name).
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from app.core.errors import UserError
from app.core.model import Draft, Item, Origin, Paragraph, Section, Source
from app.core.text import clean_text
from app.importer.docx_text import DocxNotes, RevisionState
from app.importer.segmenter import ImportedReport

MATCH_FLOOR = 0.45
LINE_FLOOR = 0.5  # a replaced line is shown as edited (not deleted and added) when this alike
CONTEXT_CHARS = 15  # similarity under which two parts or items are not the same one edited
_WIDTH = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！"})

T = TypeVar("T")


def normalise(text: str) -> str:
    """Text as compared: no white space, punctuation in full width."""
    return "".join(clean_text(text).split()).translate(_WIDTH)


def _ratio(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


# -- the text of the draft's pieces, as compared


def _paragraph_text(p: Paragraph) -> str:
    if p.table is not None:
        return "\n".join("\t".join(row) for row in p.table)
    return p.text


def _item_own_text(item: Item) -> str:
    return normalise(item.heading + "".join(_paragraph_text(p) for p in item.paragraphs))


def _item_text(item: Item) -> str:
    return _item_own_text(item) + "".join(_item_text(child) for child in item.children)


def _section_text(section: Section) -> str:
    return "".join(normalise(_paragraph_text(p)) for p in section.preamble) + "".join(
        _item_text(i) for i in section.items
    )


def _item_similarity(a: Item, b: Item) -> float:
    heading = _ratio(normalise(a.heading), normalise(b.heading))
    return max(heading, _ratio(_item_text(a), _item_text(b)))


def _section_similarity(a: Section, b: Section) -> float:
    heading = _ratio(normalise(a.heading), normalise(b.heading))
    return max(heading * 0.9, _ratio(_section_text(a), _section_text(b)))


def match(old: Sequence[T], new: Sequence[T], similarity: Callable[[T, T], float]) -> dict[int, int]:
    """new index → old index: each new piece paired with the old one it most resembles (over MATCH_FLOOR),
    the most alike pairs first, so a reordered or renamed piece still finds itself."""
    pairs = sorted(
        ((similarity(o, n), i, j) for i, o in enumerate(old) for j, n in enumerate(new)),
        key=lambda pair: (-pair[0], abs(pair[1] - pair[2])),
    )
    used_old: set[int] = set()
    out: dict[int, int] = {}
    for score, i, j in pairs:
        if score < MATCH_FLOOR:
            break
        if i in used_old or j in out:
            continue
        out[j] = i
        used_old.add(i)
    return out


# -- merging: the revised text, with the draft's own objects where nothing changed


def _kept_source(old: Source, text: str) -> Source:
    """A paragraph's source after an edit: still the phrase or file it came from; the example figures
    the edit replaced are no longer examples."""
    return Source(origin=old.origin, ref=old.ref, examples=[e for e in old.examples if e in text])


def merge_paragraphs(old: list[Paragraph], new: list[Paragraph], ref: str) -> list[Paragraph]:
    """The revised paragraphs; an unchanged one is the draft's own, a changed one keeps its source."""
    a = [normalise(_paragraph_text(p)) for p in old]
    b = [normalise(_paragraph_text(p)) for p in new]
    out: list[Paragraph] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.extend(copy.deepcopy(old[i1:i2]))
            continue
        for k, j in enumerate(range(j1, j2)):
            revised = new[j]
            if tag == "replace" and i1 + k < i2:
                source = _kept_source(old[i1 + k].source, revised.text)
            else:
                source = Source(origin=Origin.IMPORTED, ref=ref)
            out.append(Paragraph(text=revised.text, table=copy.deepcopy(revised.table), source=source))
    return out


def merge_items(old: list[Item], new: list[Item], ref: str) -> list[Item]:
    pairs = match(old, new, _item_similarity)
    out: list[Item] = []
    for j, revised in enumerate(new):
        i = pairs.get(j)
        if i is None:
            out.append(_imported_item(revised, ref))
            continue
        draft_item = old[i]
        if _item_own_text(draft_item) == _item_own_text(revised):
            item = copy.copy(draft_item)  # heading, run-in form and paragraphs exactly as the draft keeps them
            item.paragraphs = copy.deepcopy(draft_item.paragraphs)
        else:
            item = Item(
                heading=revised.heading,
                paragraphs=merge_paragraphs(draft_item.paragraphs, revised.paragraphs, ref),
                run_in=revised.run_in,
                kind=draft_item.kind,
            )
        item.children = merge_items(draft_item.children, revised.children, ref)
        out.append(item)
    return out


def _imported_item(item: Item, ref: str) -> Item:
    fresh = copy.deepcopy(item)
    for p in _all_item_paragraphs(fresh):
        p.source = Source(origin=Origin.IMPORTED, ref=ref)
    return fresh


def _all_item_paragraphs(item: Item) -> list[Paragraph]:
    return item.paragraphs + [p for child in item.children for p in _all_item_paragraphs(child)]


# -- what changed, for the user


@dataclass
class TextChange:
    """One changed piece of text: `before` → `after` ("" for added or deleted); `moved` when the same
    text left one place and arrived at another."""

    where: str
    before: str
    after: str
    moved: bool = False

    @property
    def label(self) -> str:
        if self.moved:
            return "移动"
        if not self.before:
            return "新增"
        if not self.after:
            return "删除"
        return "修改"

    def segments(self) -> list[tuple[str, str]]:
        """(op, text) pieces for showing the change inline: op is "=", "-" or "+"."""
        out: list[tuple[str, str]] = []
        matcher = difflib.SequenceMatcher(None, self.before, self.after, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                out.append(("=", self.before[i1:i2]))
                continue
            if i2 > i1:
                out.append(("-", self.before[i1:i2]))
            if j2 > j1:
                out.append(("+", self.after[j1:j2]))
        return out

    def short_segments(self, context: int = CONTEXT_CHARS) -> list[tuple[str, str]]:
        """`segments` with long unchanged stretches cut to `context` characters each side of a change."""
        pieces = self.segments()
        out: list[tuple[str, str]] = []
        for n, (op, text) in enumerate(pieces):
            if op == "=" and len(text) > 2 * context + 1:
                head = text[:context] if n > 0 else ""
                tail = text[-context:] if n < len(pieces) - 1 else ""
                text = head + "…" + tail
            out.append((op, text))
        return out

    def text(self) -> str:
        """The change as one line: [-deleted-]{+inserted+} (as wdiff shows it) for an edit, else the text."""
        if self.moved or not (self.before and self.after):
            return _shorten(self.after or self.before)
        marks = {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}"}
        return "".join(marks[op].format(text) for op, text in self.short_segments())


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Change:
    """One part of the report as the revised document has it, to apply or not."""

    kind: str  # "front" (title, 导语, closing, signature), "part" (a matched part), "added", "deleted", "order"
    title: str
    texts: list[TextChange] = field(default_factory=list)
    draft_index: int | None = None  # the draft's section
    revised_index: int | None = None  # the revised document's section

    @property
    def summary(self) -> str:
        counts: dict[str, int] = {}
        for text in self.texts:
            counts[text.label] = counts.get(text.label, 0) + 1
        return "、".join(f"{label} {n} 处" for label, n in counts.items())


def _lines(section_or_items: Section | list[Item], number: str = "") -> list[tuple[str, str]]:
    """(where, text) of a part's pieces in reading order, for the diff."""
    out: list[tuple[str, str]] = []
    if isinstance(section_or_items, Section):
        out.append(("标题", section_or_items.heading))
        out.extend(("导语", _paragraph_text(p)) for p in section_or_items.preamble)
        items = section_or_items.items
    else:
        items = section_or_items
    for n, item in enumerate(items, 1):
        where = f"{number}{n}"
        out.append((f"第 {where} 项标题", item.heading))
        out.extend((f"第 {where} 项", _paragraph_text(p)) for p in item.paragraphs)
        out.extend(_lines(item.children, where + "."))
    return out


def diff_lines(before: list[tuple[str, str]], after: list[tuple[str, str]]) -> list[TextChange]:
    """The changed lines between two reading-order lists: edited lines paired when alike, a line that
    left one place for another shown once as moved."""
    a = [normalise(text) for _, text in before]
    b = [normalise(text) for _, text in after]
    out: list[TextChange] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        j = j1
        for i in range(i1, i2):
            alike = next((k for k in range(j, j2) if _ratio(a[i], b[k]) >= LINE_FLOOR), None)
            if alike is None:
                out.append(TextChange(before[i][0], before[i][1], ""))
                continue
            out.extend(TextChange(after[k][0], "", after[k][1]) for k in range(j, alike))
            out.append(TextChange(after[alike][0], before[i][1], after[alike][1]))
            j = alike + 1
        out.extend(TextChange(after[k][0], "", after[k][1]) for k in range(j, j2))
    return _moves(out)


def _moves(changes: list[TextChange]) -> list[TextChange]:
    """A deleted line whose text was added elsewhere is one move, listed where it first appears."""
    added: dict[str, list[int]] = {}
    for n, c in enumerate(changes):
        if c.after and not c.before:
            added.setdefault(normalise(c.after), []).append(n)
    pair_of: dict[int, int] = {}
    for n, c in enumerate(changes):
        if c.before and not c.after and added.get(normalise(c.before)):
            m = added[normalise(c.before)].pop(0)
            pair_of[n], pair_of[m] = m, n
    out: list[TextChange] = []
    for n, c in enumerate(changes):
        if n not in pair_of:
            out.append(c)
        elif n < pair_of[n]:
            gone, arrived = (c, changes[pair_of[n]]) if c.before else (changes[pair_of[n]], c)
            out.append(TextChange(f"{gone.where} → {arrived.where}", gone.before, arrived.after, moved=True))
    return out


@dataclass
class _Front:
    title: str
    addressee: str
    preamble: list[Paragraph]
    closing: list[Paragraph]
    signature: str
    date: str


def _front_lines(front: _Front) -> list[tuple[str, str]]:
    out = [("标题", front.title), ("主送机关", front.addressee)]
    out += [("导语", _paragraph_text(p)) for p in front.preamble]
    out += [("结束语", _paragraph_text(p)) for p in front.closing]
    return [*out, ("落款", front.signature), ("日期", front.date)]


# -- the whole merge


@dataclass
class RevisionMerge:
    """A draft and its revised document, matched; `apply` makes the new draft."""

    draft: Draft
    revised: ImportedReport
    ref: str
    changes: list[Change]
    section_pairs: dict[int, int]  # revised section → draft section

    @property
    def notes(self) -> DocxNotes:
        return self.revised.notes

    def apply(self, chosen: set[int] | None = None) -> Draft:
        """A new draft with the changes whose indexes are in `chosen` (all when None) applied."""
        chosen = set(range(len(self.changes))) if chosen is None else chosen
        taken = [c for n, c in enumerate(self.changes) if n in chosen]
        result = copy.deepcopy(self.draft)
        revised = self.revised.draft
        sections: dict[str, Section] = {s.id: s for s in result.sections}
        ids = [s.id for s in result.sections]  # the draft's sections by index

        for change in taken:
            if change.kind == "front":
                self._apply_front(result)
            elif change.kind == "part":
                assert change.draft_index is not None and change.revised_index is not None
                section = sections[ids[change.draft_index]]
                new = revised.sections[change.revised_index]
                kept_preamble = merge_paragraphs(section.preamble, new.preamble, self.ref)
                section.items = merge_items(section.items, new.items, self.ref)
                section.preamble = kept_preamble
                section.heading = new.heading

        deleted = {ids[c.draft_index] for c in taken if c.kind == "deleted" and c.draft_index is not None}
        added = {c.revised_index for c in taken if c.kind == "added"}
        reorder = any(c.kind == "order" for c in taken)
        fresh: dict[int, Section] = {}
        for j in added:
            assert j is not None
            section = copy.deepcopy(revised.sections[j])
            for p in section.preamble:
                p.source = Source(origin=Origin.IMPORTED, ref=self.ref)
            section.items = [_imported_item(item, self.ref) for item in section.items]
            fresh[j] = section

        # The order: the revised document's if its reordering is taken, else the draft's; an added part
        # goes after the part it follows in the revised document, a kept one after its draft neighbour.
        order: list[str] = []
        if reorder:
            order = [ids[self.section_pairs[j]] for j in range(len(revised.sections)) if j in self.section_pairs]
            for i, sid in enumerate(ids):
                if sid not in order:
                    before = ids[i - 1] if i else None
                    order.insert(order.index(before) + 1 if before in order else 0, sid)
        else:
            order = list(ids)
        order = [sid for sid in order if sid not in deleted]
        anchors: dict[int, str | None] = {}
        for j in sorted(fresh):
            previous = None
            for k in range(j - 1, -1, -1):
                if k in self.section_pairs and ids[self.section_pairs[k]] in order:
                    previous = ids[self.section_pairs[k]]
                    break
                if k in fresh:
                    previous = fresh[k].id
                    break
            anchors[j] = previous
        for j in sorted(fresh):
            sections[fresh[j].id] = fresh[j]
            anchor = anchors[j]
            order.insert(order.index(anchor) + 1 if anchor in order else 0, fresh[j].id)
        result.sections = [sections[sid] for sid in order]
        return result

    def _apply_front(self, result: Draft) -> None:
        revised = self.revised.draft
        meta, new = result.meta, revised.meta
        if normalise(new.title) != normalise(_rendered_title(self.draft)):
            meta.title = new.title
        meta.addressee = new.addressee
        if normalise(new.signature) != normalise(self.draft.meta.signature or self.draft.meta.unit_name):
            meta.signature = new.signature
        if new.date is not None:
            meta.date = new.date
        result.preamble = merge_paragraphs(result.preamble, revised.preamble, self.ref)
        result.closing = merge_paragraphs(result.closing, revised.closing, self.ref)


def _rendered_title(draft: Draft) -> str:
    if draft.meta.title.strip():
        return draft.meta.title
    from app.render.pack import load_pack

    try:
        return load_pack(draft.meta.template_pack).default_title(draft.meta)
    except Exception:  # a missing or broken pack: then the title cannot have been the pack's
        return ""


def _front(draft: Draft, title: str, signature: str) -> _Front:
    date = f"{draft.meta.date.year}年{draft.meta.date.month}月{draft.meta.date.day}日" if draft.meta.date else ""
    return _Front(title, draft.meta.addressee, draft.preamble, draft.closing, signature, date)


def compare(draft: Draft, revised: ImportedReport, ref: str) -> RevisionMerge:
    """The draft and the revised document matched part by part, with the changes listed."""
    new = revised.draft
    pairs = match(draft.sections, new.sections, _section_similarity)
    if draft.sections and not pairs:
        raise UserError(f"“{ref}”与这份草稿没有一个部分相符，不像是它的修改稿；请确认选择的文件。")
    changes: list[Change] = []

    before = _front(draft, _rendered_title(draft), draft.meta.signature or draft.meta.unit_name)
    after = _front(new, new.meta.title, new.meta.signature or draft.meta.signature or draft.meta.unit_name)
    if new.meta.date is None:
        after.date = before.date  # a document without a date line leaves the draft's date alone
    front = diff_lines(_front_lines(before), _front_lines(after))
    if front:
        changes.append(Change("front", "标题、导语和落款", front))

    for j, section in enumerate(new.sections):
        i = pairs.get(j)
        if i is None:
            texts = [TextChange(where, "", text) for where, text in _lines(section)]
            changes.append(Change("added", f"新增部分：{section.heading}", texts, revised_index=j))
            continue
        texts = diff_lines(_lines(draft.sections[i]), _lines(section))
        if texts:
            changes.append(Change("part", section.heading, texts, draft_index=i, revised_index=j))
    for i, section in enumerate(draft.sections):
        if i not in pairs.values():
            texts = [TextChange(where, text, "") for where, text in _lines(section)]
            changes.append(Change("deleted", f"删除部分：{section.heading}", texts, draft_index=i))
    matched_order = [pairs[j] for j in sorted(pairs)]
    if matched_order != sorted(matched_order):
        names = "、".join(draft.sections[i].heading for i in matched_order)
        changes.append(Change("order", "调整部分顺序", [TextChange("顺序", "", names)]))
    return RevisionMerge(draft=draft, revised=revised, ref=ref, changes=changes, section_pairs=pairs)


def compare_file(draft: Draft, path: Path, state: RevisionState = RevisionState.ACCEPTED) -> RevisionMerge:
    """The revised document at `path` (any format the importer reads) against the draft."""
    from app.importer import import_report

    path = Path(path)
    return compare(draft, import_report(path, state), path.name)


def describe(merge: RevisionMerge) -> str:
    """The changes as text, one numbered block per part: what `fzbg import --into` prints."""
    if not merge.changes:
        return "修改稿与草稿内容一致，没有需要合并的修改。"
    lines: list[str] = []
    for n, change in enumerate(merge.changes, 1):
        lines.append(f"[{n}] {change.title}（{change.summary}）")
        for text in change.texts:
            lines.append(f"    {text.label} {text.where}：{text.text()}")
    return "\n".join(lines)
