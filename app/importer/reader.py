"""Reading a finished report (.txt, .md, .docx; .doc, .wps, .odt, .rtf through LibreOffice) into raw blocks.

.docx goes through python-docx objects only: its XML parser does not expand entities, and the zip is
checked for declared sizes before anything is decompressed, so a zip bomb is refused unread.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from app.core.errors import UserError
from app.importer.blocks import RawBlock
from app.importer.docx_text import DocxNotes, DocxTextReader, RevisionState
from app.importer.patterns import CN_DIGITS

MAX_TEXT_BYTES = 20 * 1024 * 1024
MAX_DOCX_BYTES = 50 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200  # a real DOCX part compresses ten- or twentyfold, a bomb a thousandfold

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
CONVERTIBLE_SUFFIXES = (".doc", ".wps", ".odt", ".rtf")  # through LibreOffice (app.importer.convert)


class ReportFormatError(UserError):
    """A file the importer cannot read as a report."""


def read_report(path: Path, state: RevisionState = RevisionState.ACCEPTED) -> list[RawBlock]:
    return read_report_with_notes(path, state)[0]


def read_report_with_notes(
    path: Path, state: RevisionState = RevisionState.ACCEPTED
) -> tuple[list[RawBlock], DocxNotes]:
    """The report's blocks, and what the user must be told about the file (revisions, comments, skipped text)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ReportFormatError(f"找不到文件“{path}”。")
    if suffix == ".docx":
        return read_docx_with_notes(path, state)
    if suffix in TEXT_SUFFIXES:
        return read_text(path), DocxNotes(state=state)
    if suffix in CONVERTIBLE_SUFFIXES:
        from app.importer.convert import converted_to_docx

        with converted_to_docx(path) as converted:
            blocks, notes = read_docx_with_notes(converted, state, name=path.name)
        if not _looks_like_text("".join(b.text for b in blocks)):
            # LibreOffice opens an unrecognised file as raw text rather than failing.
            raise ReportFormatError(
                f"“{path.name}”不是可读的文字处理文档（文件可能已损坏或加密），无法导入。请在 Word/WPS 中打开并另存为 .docx 后再导入。"
            )
        return blocks, notes
    if suffix == ".pdf":
        raise ReportFormatError("不能直接导入 PDF：请在 Word/WPS 中打开原文档，另存为 .docx 或 .txt 后再导入。")
    raise ReportFormatError(f"无法导入“{path.name}”：只支持 .docx、.doc、.wps、.odt、.rtf、.txt 和 .md 文件。")


def decode_text(data: bytes, name: str) -> str:
    """Text of a report file: UTF-8 (with or without BOM), UTF-16 with BOM, or legacy GB18030/GBK."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ReportFormatError(f"“{name}”不是可读的文本文件。") from None
        if not _looks_like_text(text):
            raise ReportFormatError(f"“{name}”不是文本文件（含有二进制内容），无法导入。")
        return text
    if b"\x00" in data:
        raise ReportFormatError(f"“{name}”不是文本文件（含有二进制内容），无法导入。")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text
    raise ReportFormatError(f"“{name}”的文字编码无法识别（既不是 UTF-8 也不是 GB18030），请另存为 UTF-8 文本后再导入。")


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    private = sum(1 for ch in text if 0xE000 <= ord(ch) <= 0xF8FF)
    return (controls + private) / len(text) < 0.01


def read_text(path: Path) -> list[RawBlock]:
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise ReportFormatError(f"“{path.name}”过大（{size // 1024 // 1024} MB），不像是一份报告。")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportFormatError(f"无法读取“{path}”：{exc.strerror or exc}。") from exc
    text = decode_text(data, path.name)
    return _text_blocks(text.splitlines())


_MD_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_MD_TABLE_RULE = re.compile(r"^\s*\|?[\s:|-]+\|?\s*$")


def _text_blocks(lines: list[str]) -> list[RawBlock]:
    """Lines as paragraphs; a run of Markdown table rows (| a | b |) as one table."""
    blocks: list[RawBlock] = []
    rows: list[list[str]] = []
    for line in [*lines, ""]:
        if _MD_TABLE_ROW.match(line):
            if not _MD_TABLE_RULE.match(line):
                rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
            continue
        if rows:
            blocks.append(RawBlock(table=rows))
            rows = []
        blocks.append(RawBlock(text=line))
    return blocks[:-1]


def _check_zip(path: Path, name: str) -> None:
    if path.stat().st_size > MAX_DOCX_BYTES:
        raise ReportFormatError(f"“{name}”过大，不像是一份报告。")
    if not zipfile.is_zipfile(path):
        raise ReportFormatError(f"“{name}”不是有效的 .docx 文件（文件已损坏或并非 Word 文档）。")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {info.filename for info in infos}
            total = 0
            for info in infos:
                total += info.file_size
                if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                    raise ReportFormatError(f"“{name}”内容异常（压缩比过高），为安全起见拒绝导入。")
            if total > MAX_UNZIPPED_BYTES:
                raise ReportFormatError(f"“{name}”解压后过大，为安全起见拒绝导入。")
    except zipfile.BadZipFile as exc:
        raise ReportFormatError(f"“{name}”不是有效的 .docx 文件（文件已损坏）。") from exc
    if "word/document.xml" not in names:
        raise ReportFormatError(f"“{name}”不是 Word 文档（缺少正文部分）。")


def read_docx(path: Path, state: RevisionState = RevisionState.ACCEPTED) -> list[RawBlock]:
    return read_docx_with_notes(path, state)[0]


def read_docx_with_notes(
    path: Path, state: RevisionState = RevisionState.ACCEPTED, name: str | None = None
) -> tuple[list[RawBlock], DocxNotes]:
    """The body's paragraphs and tables as Word shows them in `state`, and what the user must be told."""
    name = name or path.name
    _check_zip(path, name)
    import docx  # python-docx is loaded only for .docx files
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ReportFormatError(f"“{name}”不是有效的 .docx 文件，无法打开。") from exc
    except Exception as exc:  # lxml raises its own syntax errors for a corrupt part
        raise ReportFormatError(f"“{name}”内容已损坏，无法读取：{type(exc).__name__}。") from exc

    text_reader = DocxTextReader(state)
    numbering = _AutoNumbering(document)
    blocks: list[RawBlock] = []
    joined: RawBlock | None = None  # a paragraph whose mark is gone (or a style separator): the next continues it
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if tag == "p":
            paragraph = Paragraph(child, document)
            text = text_reader.paragraph_text(child)
            continues = text_reader.mark_removed(child) or _is_style_separator(child)
            if joined is not None:
                joined.text += text
                block = joined
            else:
                number = numbering.number_for(paragraph)
                block = RawBlock(text=number + text, level_hint=_style_level(paragraph), auto_number=number)
            joined = block if continues else None
            if continues:
                continue
            if block.text.strip():
                blocks.append(block)
        elif tag == "tbl":
            if joined is not None and joined.text.strip():
                blocks.append(joined)
            joined = None
            table = Table(child, document)
            rows = [
                ["\n".join(text_reader.paragraph_text(p._p) for p in cell.paragraphs) for cell in row.cells]
                for row in table.rows
            ]
            blocks.append(RawBlock(table=rows))
    if joined is not None and joined.text.strip():
        blocks.append(joined)
    text_reader.read_comments(document)
    return blocks, text_reader.notes


def _is_style_separator(p) -> bool:
    """A paragraph whose mark is hidden (Word's style separator, `w:specVanish`): it runs into the next one.

    This is how Word keeps a run-in heading in its own Heading-styled paragraph (for the navigation pane)
    while printing it on one line with the text after it.
    """
    rpr = p.find(f"{_w('pPr')}/{_w('rPr')}")
    return rpr is not None and rpr.find(_w("specVanish")) is not None


_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)


def _style_level(paragraph) -> int | None:
    style = paragraph.style
    while style is not None:
        m = _HEADING_STYLE.match((style.name or "").strip())
        if m:
            return int(m.group(1))
        style = style.base_style
    return None


def _w(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag


class _AutoNumbering:
    """The numbers Word shows for paragraphs with automatic numbering (w:numPr), counted as Word counts them."""

    def __init__(self, document) -> None:
        self._abstract_of: dict[str, str] = {}
        self._start_override: dict[tuple[str, int], int] = {}
        self._levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self._counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for abstract in root.iterchildren(_w("abstractNum")):
            aid = abstract.get(_w("abstractNumId"))
            for lvl in abstract.iterchildren(_w("lvl")):
                ilvl = int(lvl.get(_w("ilvl"), "0"))
                fmt = _child_val(lvl, "numFmt") or "decimal"
                text = _child_val(lvl, "lvlText") or ""
                start = int(_child_val(lvl, "start") or "1")
                self._levels[(aid, ilvl)] = (fmt, text, start)
        for num in root.iterchildren(_w("num")):
            nid = num.get(_w("numId"))
            self._abstract_of[nid] = _child_val(num, "abstractNumId") or ""
            for override in num.iterchildren(_w("lvlOverride")):
                start = _child_val(override, "startOverride")
                if start is not None:
                    self._start_override[(nid, int(override.get(_w("ilvl"), "0")))] = int(start)

    def number_for(self, paragraph) -> str:
        num_id, ilvl = _num_pr(paragraph)
        if num_id is None or num_id == "0":
            return ""
        aid = self._abstract_of.get(num_id)
        if aid is None or (aid, ilvl) not in self._levels:
            return ""
        counters = self._counters.setdefault(aid, [0] * 9)
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        start = self._start_override.get((num_id, ilvl), self._levels[(aid, ilvl)][2])
        counters[ilvl] = start if counters[ilvl] == 0 else counters[ilvl] + 1
        fmt, text, _ = self._levels[(aid, ilvl)]
        if fmt in ("none", "bullet"):
            return ""

        def level_value(m: re.Match[str]) -> str:
            lvl = int(m.group(1)) - 1
            lfmt = self._levels.get((aid, lvl), (fmt, "", 1))[0]
            value = counters[lvl] or self._levels.get((aid, lvl), ("", "", 1))[2]
            return _format_number(value, lfmt)

        return re.sub(r"%([1-9])", level_value, text)


def _child_val(element, tag: str) -> str | None:
    child = element.find(_w(tag))
    return None if child is None else child.get(_w("val"))


def _num_pr(paragraph) -> tuple[str | None, int]:
    """numId and level of the paragraph's numbering: its own, or its style's (Word's heading numbering)."""
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None and ppr.numPr.numId is not None:
        ilvl = ppr.numPr.ilvl.val if ppr.numPr.ilvl is not None else 0
        return str(ppr.numPr.numId.val), int(ilvl)
    style = paragraph.style
    while style is not None:
        spr = style.element.pPr
        if spr is not None and spr.numPr is not None and spr.numPr.numId is not None:
            ilvl = spr.numPr.ilvl.val if spr.numPr.ilvl is not None else 0
            return str(spr.numPr.numId.val), int(ilvl)
        style = style.base_style
    return None, 0


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional"):
        return _cn_number(value)
    if fmt == "decimalFullWidth":
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalEnclosedCircle" and 1 <= value <= 20:
        return chr(0x2460 + value - 1)
    if fmt == "lowerLetter":
        return chr(ord("a") + (value - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (value - 1) % 26)
    return str(value)


def _cn_number(value: int) -> str:
    if value <= 10:
        return "〇" + CN_DIGITS if value == 0 else CN_DIGITS[value - 1]
    tens, ones = divmod(value, 10)
    return ("" if tens == 1 else CN_DIGITS[tens - 1]) + "十" + (CN_DIGITS[ones - 1] if ones else "")
