"""The text Word shows for a paragraph, with pending revisions, fields, comments and text boxes handled.

python-docx's `Paragraph.text` reads only the runs directly under a paragraph: text inside `w:ins`
(a leader's tracked insertion), `w:moveTo` and `w:fldSimple` is lost without a word. This module walks
the paragraph XML in document order instead:

- revisions: the accepted state by default (insertions and moved-to text kept, deletions and moved-from
  text dropped, a deleted paragraph mark joins the paragraph to the next); the original state on request;
- fields: the result Word displays is kept, the field code (`w:instrText`) is not;
- comments (批注): collected with the text they are anchored to, so the user sees them;
- text boxes, footnotes and endnotes, which the report's body does not take, are reported, never dropped
  silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_SNIPPET = 30  # characters of skipped or commented text quoted to the user


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


class RevisionState(StrEnum):
    """Which text of a document with tracked changes is imported."""

    ACCEPTED = "accepted"  # as if every revision were accepted: Word's 无标记 view
    ORIGINAL = "original"  # as if every revision were rejected: Word's 原始状态 view

    @property
    def label(self) -> str:
        return "接受全部修订后的文字" if self is RevisionState.ACCEPTED else "拒绝全部修订（修订前的原文）"


@dataclass
class Revisions:
    insertions: int = 0
    deletions: int = 0
    moves: int = 0
    formatting: int = 0

    @property
    def text_changes(self) -> int:
        return self.insertions + self.deletions + self.moves

    def __bool__(self) -> bool:
        return bool(self.text_changes or self.formatting)

    def counts(self) -> str:
        parts = [
            f"{name} {n} 处"
            for name, n in (
                ("插入", self.insertions),
                ("删除", self.deletions),
                ("移动", self.moves),
                ("格式修改", self.formatting),
            )
            if n
        ]
        return "、".join(parts)


@dataclass
class Comment:
    author: str
    text: str
    anchor: str  # the document text the comment is attached to

    def line(self) -> str:
        who = f"{self.author}：" if self.author else ""
        where = f"（批在“{_snippet(self.anchor)}”处）" if self.anchor.strip() else ""
        return f"批注 {who}{self.text}{where}"


@dataclass
class DocxNotes:
    """What the user must be told about a DOCX beyond its body text."""

    state: RevisionState = RevisionState.ACCEPTED
    revisions: Revisions = field(default_factory=Revisions)
    comments: list[Comment] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # text the importer does not take, described

    def lines(self) -> list[str]:
        """Sentences for the import message, `fzbg import` and `--outline`."""
        out: list[str] = []
        if self.revisions:
            out.append(f"文档中有未处理的修订（{self.revisions.counts()}），已按“{self.state.label}”导入。")
        if self.comments:
            out.append(f"文档中有 {len(self.comments)} 条批注，正文中未保留，内容如下：")
            out.extend("  " + comment.line() for comment in self.comments)
        if self.skipped:
            out.append("以下内容不属于报告正文，没有导入，请核对：")
            out.extend("  " + item for item in self.skipped)
        return out


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SNIPPET else text[:_SNIPPET] + "…"


class DocxTextReader:
    """Reads paragraphs of one document in order; holds the state that spans paragraphs (fields, comments)."""

    def __init__(self, state: RevisionState = RevisionState.ACCEPTED) -> None:
        self.notes = DocxNotes(state=RevisionState(state))
        self._fields: list[bool] = []  # one per open complex field: True while in its result part
        self._anchors: dict[str, list[str]] = {}  # open comment ranges → text seen inside them
        self._anchor_text: dict[str, str] = {}
        self._textboxes: list[str] = []

    @property
    def accepted(self) -> bool:
        return self.notes.state is RevisionState.ACCEPTED

    def paragraph_text(self, p) -> str:
        out: list[str] = []
        self._walk(p, out)
        return "".join(out)

    def mark_removed(self, p) -> bool:
        """True when the paragraph mark does not exist in the imported state: join with the next paragraph.

        A deleted mark (`w:pPr/w:rPr/w:del`) is gone once accepted; an inserted one is gone in the original.
        """
        rpr = p.find(f"{_w('pPr')}/{_w('rPr')}")
        if rpr is None:
            return False
        deleted = rpr.find(_w("del")) is not None
        inserted = rpr.find(_w("ins")) is not None
        if deleted:
            self.notes.revisions.deletions += 1
        if inserted:
            self.notes.revisions.insertions += 1
        return deleted if self.accepted else inserted

    def _walk(self, element, out: list[str]) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if not isinstance(tag, str):
                continue  # comments and processing instructions
            name = tag.rsplit("}", 1)[-1]
            if tag.startswith(f"{{{MC_NS}}}"):
                if name == "AlternateContent":
                    choice = child.find(f"{{{MC_NS}}}Choice")
                    self._walk(choice if choice is not None else child, out)
                continue
            if tag in (_w("del"), _w("moveFrom")):
                self._count(name)
                if not self.accepted:
                    self._walk(child, out)
            elif tag in (_w("ins"), _w("moveTo")):
                self._count(name)
                if self.accepted:
                    self._walk(child, out)
            elif tag in (_w("t"), _w("delText")):
                if not (self._fields and not self._fields[-1]):
                    self._emit(child.text or "", out)
            elif tag == _w("tab"):
                self._emit("\t", out)
            elif tag in (_w("br"), _w("cr")):
                if child.get(_w("type")) in (None, "textWrapping"):
                    self._emit("\n", out)
            elif tag == _w("noBreakHyphen"):
                self._emit("-", out)
            elif tag == _w("fldChar"):
                kind = child.get(_w("fldCharType"))
                if kind == "begin":
                    self._fields.append(False)
                elif kind == "separate" and self._fields:
                    self._fields[-1] = True
                elif kind == "end" and self._fields:
                    self._fields.pop()
            elif tag == _w("txbxContent"):
                text = "".join(self.paragraph_text(p) for p in child.iter(_w("p")))
                if text.strip():
                    self.notes.skipped.append(f"文本框：“{_snippet(text)}”")
            elif tag in (_w("footnoteReference"), _w("endnoteReference")):
                what = "脚注" if name == "footnoteReference" else "尾注"
                self.notes.skipped.append(f"{what}（第 {child.get(_w('id'))} 号，附在“{_snippet(''.join(out))}”后）")
            elif tag == _w("commentRangeStart"):
                self._anchors[child.get(_w("id"), "")] = []
            elif tag == _w("commentRangeEnd"):
                cid = child.get(_w("id"), "")
                self._anchor_text[cid] = "".join(self._anchors.pop(cid, []))
            elif tag in (_w("pPr"), _w("rPr")):
                self._walk_properties(child)
            elif tag in (_w("instrText"), _w("delInstrText"), _w("sectPr")):
                continue
            else:
                self._walk(child, out)

    def _walk_properties(self, element) -> None:
        """Formatting revisions hide inside properties; nothing there is text."""
        for change in ("pPrChange", "rPrChange"):
            self.notes.revisions.formatting += len(element.findall(_w(change)))

    def _emit(self, text: str, out: list[str]) -> None:
        out.append(text)
        for anchor in self._anchors.values():
            anchor.append(text)

    def _count(self, name: str) -> None:
        if name == "ins":
            self.notes.revisions.insertions += 1
        elif name == "del":
            self.notes.revisions.deletions += 1
        else:
            self.notes.revisions.moves += name == "moveTo"  # a move is a moveFrom/moveTo pair: count once

    def read_comments(self, document) -> None:
        """The comments part's comments, each with the text it is anchored to."""
        from docx.oxml import parse_xml

        for rel in document.part.rels.values():
            if rel.is_external or not rel.reltype.endswith("/comments"):
                continue
            root = parse_xml(rel.target_part.blob)
            for comment in root.iterchildren(_w("comment")):
                text = "".join(t.text or "" for t in comment.iter(_w("t")))
                cid = comment.get(_w("id"), "")
                self.notes.comments.append(
                    Comment(
                        author=comment.get(_w("author"), ""), text=text.strip(), anchor=self._anchor_text.get(cid, "")
                    )
                )
