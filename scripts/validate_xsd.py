"""Validates DOCX files against the ECMA-376 Part 4 / ISO/IEC 29500-4 transitional XML schemas, with lxml.

    uv run python scripts/validate_xsd.py SCHEMA_DIR report.docx [more.docx …]

SCHEMA_DIR holds the transitional schemas (wml.xsd, dml-main.xsd, shared-*.xsd …) as Ecma publishes them in
ECMA-376-4 (5th edition, `OfficeOpenXML-XMLSchema-Transitional.zip`). They are not shipped here: their
copyright notice would have to travel with them. tests/test_docx_valid.py runs this when FZBG_OOXML_SCHEMAS
names such a folder; openxml-audit (a port of the Open XML SDK's validator) runs there in every case.

XSD 1.0 cannot express Markup Compatibility, so, as the Open XML SDK does before validating, what a part
declares ignorable (its mc:Ignorable prefixes: w14, w15 … and the mc attributes themselves) is removed first.
The package parts (relationships, content types, core properties) are OPC's, checked by openxml-audit.
Exit code 1 when a part is invalid, 2 on bad arguments.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from lxml import etree

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# Root namespace of a part → the schema that defines it.
SCHEMA_OF = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "wml.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "dml-main.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties": "shared-documentPropertiesExtended.xsd",
}


def _namespace(name: str) -> str:
    return name[1:].split("}", 1)[0] if name.startswith("{") else ""


def without_ignorables(root: etree._Element) -> etree._Element:
    """The part as a consumer that understands none of its ignorable extensions reads it (ECMA-376-3)."""
    ignorable = {
        root.nsmap.get(prefix)
        for el in root.iter()
        if isinstance(el.tag, str)
        for prefix in el.get(f"{{{MC}}}Ignorable", "").split()
    }
    ignorable.discard(None)
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        if _namespace(el.tag) in ignorable and el.getparent() is not None:
            el.getparent().remove(el)
            continue
        for attr in list(el.attrib):
            if _namespace(attr) in ignorable | {MC}:
                del el.attrib[attr]
    return root


def validate(schema_dir: Path, docx: Path) -> list[str]:
    """Errors of every part that has a transitional schema, as "part:line: message"."""
    schemas: dict[str, etree.XMLSchema] = {}
    errors: list[str] = []
    with zipfile.ZipFile(docx) as package:
        for name in package.namelist():
            if not name.endswith(".xml") or name.startswith("["):
                continue
            root = etree.fromstring(package.read(name))
            schema_file = SCHEMA_OF.get(_namespace(root.tag))
            if schema_file is None:
                continue
            if schema_file not in schemas:
                schemas[schema_file] = etree.XMLSchema(etree.parse(str(schema_dir / schema_file)))
            schema = schemas[schema_file]
            if not schema.validate(etree.ElementTree(without_ignorables(root))):
                errors += [f"{name}:{e.line}: {e.message}" for e in schema.error_log]
    return errors


def main(argv: list[str]) -> int:
    if len(argv) < 2 or not (Path(argv[0]) / "wml.xsd").is_file():
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    failed = 0
    for docx in argv[1:]:
        errors = validate(Path(argv[0]), Path(docx))
        failed += bool(errors)
        print(f"{docx}: {'valid' if not errors else f'{len(errors)} errors'}")
        for error in errors:
            print(f"  {error}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
