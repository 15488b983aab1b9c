"""Every DOCX the program writes is valid Office Open XML: checked by openxml-audit, a port of the Open XML SDK's
validator (its schema constraints are the SDK's, generated from the ECMA-376 / ISO 29500 transitional schemas
plus Office's extensions, and its semantic checks), with Office 2019 as the target. Not one error is allowed. With FZBG_OOXML_SCHEMAS naming a folder of the
ECMA-376-4 transitional XSDs, every file is also validated against them by lxml (scripts/validate_xsd.py).

What is checked: both packs' reference.docx, the examples rendered with both packs, a 120-page draft, drafts
with tables, and hostile drafts (the strategy of tests/test_hostile_render.py). A control proves the validator
sees a fault the issue found (table properties out of order).
"""

from __future__ import annotations

import importlib.util
import io
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from app.core.draft_file import load_draft
from app.core.errors import UserError
from app.core.model import Paragraph, Section, SectionKind
from app.render.docx_writer import render_docx
from app.render.pack import load_pack
from tests.test_hostile_render import hostile_drafts

openxml_audit = pytest.importorskip("openxml_audit")

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((REPO / "examples").glob("*.fzbg"))
PACKS = ["regulation", "responsibility-first"]  # the built-in packs


@pytest.fixture(scope="module")
def validator():
    return openxml_audit.OpenXmlValidator(file_format=openxml_audit.FileFormat.OFFICE_2019)


def _xsd_validate():
    """scripts/validate_xsd.py's check, when FZBG_OOXML_SCHEMAS names a folder of the transitional schemas."""
    folder = os.environ.get("FZBG_OOXML_SCHEMAS")
    if not folder:
        return None
    spec = importlib.util.spec_from_file_location("validate_xsd", REPO / "scripts" / "validate_xsd.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return lambda docx: module.validate(Path(folder), docx)


XSD_VALIDATE = _xsd_validate()


def _errors(validator, path: Path) -> list[str]:
    xsd_errors = XSD_VALIDATE(path) if XSD_VALIDATE else []
    result = validator.validate(str(path))
    audit = [
        f"{e.severity.value}: {e.description} ({getattr(e, 'part', '')} {getattr(e, 'path', '')})"
        for e in result.errors
    ]
    return audit + xsd_errors


@pytest.mark.parametrize("pack", PACKS)
def test_the_reference_docx_is_valid(validator, pack: str) -> None:
    assert _errors(validator, load_pack(pack).reference_path) == []


@pytest.mark.parametrize("pack", PACKS)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_renders_valid_in_every_pack(validator, tmp_path: Path, path: Path, pack: str) -> None:
    draft = load_draft(path)
    draft.meta.template_pack = pack
    target = tmp_path / "out.docx"
    render_docx(draft, target)
    assert _errors(validator, target) == []


def test_a_120_page_draft_with_tables_renders_valid(validator, tmp_path: Path) -> None:
    from bench.drafts import draft_of_pages

    draft = draft_of_pages(120)
    rows = [["项目", "件数", "同比"], ["来信", "120", "+3%"], ["来访 & <网上>", "86", "—"]]
    draft.sections[1].items[0].paragraphs.append(Paragraph(table=rows))
    draft.sections.append(Section(SectionKind.CUSTOM, "附表", [Paragraph(table=[["一格"]]), Paragraph("表后正文。")]))
    target = tmp_path / "long.docx"
    render_docx(draft, target)
    with zipfile.ZipFile(target) as z:
        assert z.read("word/document.xml").count(b"<w:tbl>") == 2
    assert _errors(validator, target) == []


@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(draft=hostile_drafts())
def test_hostile_drafts_render_valid_or_not_at_all(validator, tmp_path_factory, draft) -> None:
    target = tmp_path_factory.mktemp("hostile") / "out.docx"
    try:
        render_docx(draft, target)
    except UserError:
        assert not target.exists()
        return
    assert _errors(validator, target) == []


def _with_part_edited(source: Path, target: Path, part: str, old: bytes, new: bytes) -> None:
    with zipfile.ZipFile(source) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    assert old in parts[part]
    parts[part] = parts[part].replace(old, new)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    target.write_bytes(buffer.getvalue())


def test_the_validator_finds_what_the_audit_found(validator, tmp_path: Path) -> None:
    draft = load_draft(EXAMPLES[0])
    draft.sections.append(Section(SectionKind.CUSTOM, "附表", [Paragraph(table=[["甲", "乙"]])]))
    good = tmp_path / "good.docx"
    render_docx(draft, good)
    assert _errors(validator, good) == []
    swapped = tmp_path / "table.docx"
    borders_first = b"<w:tblBorders>"
    with zipfile.ZipFile(good) as z:
        xml = z.read("word/document.xml")
    start, end = xml.index(borders_first), xml.index(b"</w:tblBorders>") + len(b"</w:tblBorders>")
    borders = xml[start:end]
    layout = b'<w:tblLayout w:type="fixed"/>'
    _with_part_edited(good, swapped, "word/document.xml", borders + layout, layout + borders)
    assert _errors(validator, swapped)


def test_zoom_has_the_percent_the_transitional_schema_requires(tmp_path: Path) -> None:
    # CT_Zoom's w:percent is use="required" in ISO 29500-4's wml.xsd; the SDK's constraints leave it optional.
    for pack in PACKS:
        with zipfile.ZipFile(load_pack(pack).reference_path) as z:
            settings_xml = z.read("word/settings.xml")
        assert b'<w:zoom w:val="bestFit" w:percent="100"/>' in settings_xml
