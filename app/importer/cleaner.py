"""Real-world report text → clean lines, one paragraph each.

Published reports reach a clerk through PDF converters, web pages and Word: Markdown markers, web-page
junk, `[bookmark: …]` artefacts, half-width punctuation in Chinese text, stray spaces inside words and
paragraphs broken mid-sentence all occur in the sample corpus. The cleaner undoes them; what it returns
is "the cleaned source text" the importer's round trip is measured against.
"""

from __future__ import annotations

import html
import re

from app.core.text import clean_text
from app.importer.blocks import RawBlock
from app.importer.patterns import CJK, is_date_line, match_heading, starts_enumeration

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]", re.IGNORECASE)
_MD_HEADING = re.compile(r"^(#{1,6})\s*")
_MD_BULLET = re.compile(r"^(?:[-*+•·]|\d+\))\s+")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_MD_QUOTE = re.compile(r"^>\s*")

# Lines a web page puts around the report: search widgets, publication data, share buttons.
_JUNK_LINES = re.compile(
    r"^(?:搜索位置|匹配度|排序|分享到?[:：]?.*|打印(?:本页)?|关闭(?:窗口|本页)?|返回顶部|【?字[体号][:：]?\s*[大中小\s]+】?|"
    r"(?:发布日期|发布时间|发布机构|来源|浏览次数|访问量|索引号|信息来源|点击数)[:：].*|"
    r"(?:上一篇|下一篇)[:：].*|扫一扫.*|当前位置[:：].*|首页\s*[>＞].*|【(?:打印|关闭)[^】]*】.*|"
    # page numbers a PDF conversion leaves between paragraphs: — 3 —, - 3 -, 第3页 共9页, 3/9
    r"[-—–－\s]*\d{1,3}[-—–－\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d{1,3}\s*/\s*\d{1,3})$"
)

_SPACES = "[ \t\u00a0\u3000\u2002\u2003\u2009]+"
_CJK_OR_PUNCT = CJK + "，。、；：？！“”‘’（）《》【】—…"
# Spaces next to a Chinese character or Chinese punctuation are converter artefacts (宣 传, 2023 年).
_SPACE_AFTER_CJK = re.compile(f'(?<=[{_CJK_OR_PUNCT}]){_SPACES}(?=[{_CJK_OR_PUNCT}0-9A-Za-z%("])')
_SPACE_BEFORE_CJK = re.compile(f'(?<=[0-9A-Za-z%),.:;"]){_SPACES}(?=[{_CJK_OR_PUNCT}])')

_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_TERMINAL = "。！？；：…”’）)》」"


def _fix_punctuation(line: str) -> str:
    """Half-width punctuation beside Chinese text becomes full width; 1,000 and 10:30 stay as they are."""
    if not re.search(f"[{CJK}]", line):
        return line
    out: list[str] = []
    n = len(line)
    for i, ch in enumerate(line):
        prev = line[i - 1] if i else ""
        nxt = line[i + 1] if i + 1 < n else ""
        if ch in _HALF_TO_FULL:
            if prev.isdigit() and nxt.isdigit():
                out.append(ch)
            elif prev.isascii() and prev.isalpha() and ((nxt.isascii() and nxt.isalpha()) or nxt == "/"):
                out.append(ch)  # http://, a Latin phrase
            else:
                out.append(_HALF_TO_FULL[ch])
        elif ch == "." and prev and re.match(f"[{CJK}）”]", prev) and (not nxt or re.match(f"[{CJK}“]", nxt)):
            out.append("。")
        else:
            out.append(ch)
    text = "".join(out)
    text = _fix_parentheses(text)
    text = _fix_quotes(text, '"', "“", "”")
    return _fix_quotes(text, "'", "‘", "’")


def _fix_parentheses(text: str) -> str:
    # A half-width pair around or beside Chinese text, such as (一) or (2021—2025年), becomes full width.
    def repl(m: re.Match[str]) -> str:
        inner = m.group(1)
        before = text[max(0, m.start() - 1) : m.start()]
        after = text[m.end() : m.end() + 1]
        chinese = re.search(f"[{CJK}]", inner + before + after)
        return f"（{inner}）" if chinese else m.group(0)

    return re.sub(r"\(([^()]*)\)", repl, text)


def _fix_quotes(text: str, ascii_quote: str, opening: str, closing: str) -> str:
    if text.count(ascii_quote) % 2:
        return text  # unbalanced: leave rather than guess
    parts = text.split(ascii_quote)
    out = [parts[0]]
    for i, part in enumerate(parts[1:]):
        out.append(opening if i % 2 == 0 else closing)
        out.append(part)
    return "".join(out)


def clean_line(text: str) -> tuple[str, int | None]:
    """One line without markup and artefacts, and the Markdown heading level it carried (if any)."""
    if "&" in text and ";" in text:
        text = html.unescape(text)  # &nbsp; &ldquo; … from a web page's source
    line = _BOOKMARK.sub("", clean_text(text)).strip(" \t\u00a0\u3000\ufeff")
    level = None
    m = _MD_HEADING.match(line)
    if m:
        level = len(m.group(1))
        line = line[m.end() :]
    line = _MD_QUOTE.sub("", line)
    line = _MD_BULLET.sub("", line)
    line = _MD_EMPHASIS.sub(r"\2", line)
    line = _fix_punctuation(line)
    line = _SPACE_AFTER_CJK.sub("", line)
    line = _SPACE_BEFORE_CJK.sub("", line)
    line = re.sub(_SPACES, " ", line).strip()
    return line, level


def is_junk(line: str) -> bool:
    return bool(_JUNK_LINES.match(line))


def clean_blocks(blocks: list[RawBlock]) -> list[RawBlock]:
    """The report's paragraphs, cleaned: artefacts gone, broken paragraphs joined, repeated front matter dropped."""
    out: list[RawBlock] = []
    for block in blocks:
        if block.table is not None:
            rows = [[clean_line(cell)[0] for cell in row] for row in block.table]
            if any(any(cell for cell in row) for row in rows):
                out.append(RawBlock(table=rows))
            continue
        # A soft break (or a newline in a text file's paragraph) separates paragraphs.
        for part in clean_text(block.text).split("\n"):
            # Markdown heading marks are dropped, not trusted: converters set them at random levels
            # (the title as #, sections as ## to ####); the printed numbers decide.
            line, _md_level = clean_line(part)
            if not line or is_junk(line):
                continue
            out.append(RawBlock(text=line, level_hint=block.level_hint, auto_number=block.auto_number))
    out = _drop_repeated_front_matter(out)
    return _join_broken_lines(out)


def _body_start(blocks: list[RawBlock]) -> int:
    """Index of the first line of running text or the first heading: what precedes it is front matter."""
    for i, block in enumerate(blocks):
        if block.table is not None or block.level_hint or match_heading(block.text):
            return i
        if block.text.endswith(tuple(_TERMINAL)):
            return i
        if len(block.text) > 60:
            return i
    return len(blocks)


def _drop_repeated_front_matter(blocks: list[RawBlock]) -> list[RawBlock]:
    # A web page shows unit and title in its header and again above the text: keep the last copy.
    start = _body_start(blocks)
    front = blocks[:start]
    kept = [b for i, b in enumerate(front) if all(b.text != later.text for later in front[i + 1 :])]
    return kept + blocks[start:]


def _is_standalone_heading(text: str) -> bool:
    m = match_heading(text)
    return m is not None and "。" not in m.rest


def _joinable_end(block: RawBlock) -> bool:
    text = block.text
    if block.table is None and not block.level_hint and text.endswith(("，", "、", "“", "《", "（")):
        return True  # a line cannot end a paragraph there
    if block.table is not None or block.level_hint or len(text) < 15 or text.endswith(tuple(_TERMINAL)):
        return False
    return not _is_standalone_heading(text)


def _joinable_start(block: RawBlock) -> bool:
    text = block.text
    if block.table is not None or block.level_hint or block.auto_number or match_heading(text) or is_date_line(text):
        return False
    return not starts_enumeration(text)


def _join_broken_lines(blocks: list[RawBlock]) -> list[RawBlock]:
    """Joins a paragraph a converter broke mid-sentence (`…同时在信访接` / `待大厅摆放…`)."""
    start = _body_start(blocks)
    out: list[RawBlock] = list(blocks[:start])
    for block in blocks[start:]:
        if out and len(out) > start and _joinable_end(out[-1]) and _joinable_start(block):
            prev = out[-1]
            out[-1] = RawBlock(text=prev.text + block.text, level_hint=prev.level_hint, auto_number=prev.auto_number)
        else:
            out.append(block)
    return out


def cleaned_text(blocks: list[RawBlock]) -> str:
    """The cleaned report as text, one paragraph a line; tables as tab-separated rows."""
    lines: list[str] = []
    for block in blocks:
        if block.table is not None:
            lines.extend("\t".join(row) for row in block.table)
        else:
            lines.append(block.text)
    return "\n".join(lines)
