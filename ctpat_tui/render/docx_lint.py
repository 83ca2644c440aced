"""Structural checks for a generated .docx: the things Word refuses even when LibreOffice and python-docx accept them."""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections import Counter

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
NS = {"w": W, "r": R, "wp": WP}
BLOCKS = (f"{{{W}}}p", f"{{{W}}}tbl")


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _check_tables(part: str, root: etree._Element) -> list[str]:
    problems = []
    for number, table in enumerate(root.iter(f"{{{W}}}tbl"), 1):
        rows = table.findall("w:tr", NS)
        if not rows:
            problems.append(f"{part}: table {number} has no rows")
        for row in rows:
            if not row.findall("w:tc", NS):
                problems.append(f"{part}: table {number} has a row without cells")
        grid = table.find("w:tblGrid", NS)
        columns = len(grid.findall("w:gridCol", NS)) if grid is not None else 0
        for row in rows:
            span = sum(int(tc.find("w:tcPr/w:gridSpan", NS).get(f"{{{W}}}val", "1"))
                       if tc.find("w:tcPr/w:gridSpan", NS) is not None else 1 for tc in row.findall("w:tc", NS))
            if columns and span != columns:
                problems.append(f"{part}: table {number} has a row of {span} cells in a {columns}-column grid")
                break
    for cell in root.iter(f"{{{W}}}tc"):
        blocks = [child for child in cell if child.tag in BLOCKS]
        if not blocks or blocks[-1].tag != f"{{{W}}}p":
            problems.append(f"{part}: a table cell does not end with a paragraph")
            break
    return problems


def _check_nesting(part: str, root: etree._Element) -> list[str]:
    problems = []
    for paragraph in root.iter(f"{{{W}}}p"):
        nested = paragraph.find(".//w:p", NS) is not None or paragraph.find(".//w:tbl", NS) is not None
        if nested and paragraph.find(".//w:txbxContent", NS) is None:
            problems.append(f"{part}: a paragraph contains a paragraph or table")
            break
    for text in root.iter(f"{{{W}}}t"):
        if len(text):
            problems.append(f"{part}: a w:t text element contains elements (RichText without {{{{r }}}}?)")
            break
    return problems


def _check_ids(part: str, root: etree._Element, rel_ids: set[str] | None) -> list[str]:
    problems = []
    drawing_ids = Counter(e.get("id") for e in root.iter(f"{{{WP}}}docPr"))
    if any(count > 1 for count in drawing_ids.values()):
        problems.append(f"{part}: repeated drawing ids")
    bookmarks = Counter(e.get(f"{{{W}}}id") for e in root.iter(f"{{{W}}}bookmarkStart"))
    if any(count > 1 for count in bookmarks.values()):
        problems.append(f"{part}: repeated bookmark ids")
    if rel_ids is not None:
        used = {value for element in root.iter() for key, value in element.attrib.items()
                if key.startswith(f"{{{R}}}")}
        missing = sorted(used - rel_ids)
        if missing:
            problems.append(f"{part}: relationship ids without a target: {', '.join(missing)}")
    return problems


def lint_docx(data: bytes) -> list[str]:
    """Every structural problem found in the .docx bytes (empty list when the file is sound)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return ["not a zip file"]
    names = [info.filename for info in archive.infolist()]
    problems = [f"duplicate zip entry {name}" for name, count in Counter(names).items() if count > 1]
    for required in ("[Content_Types].xml", "_rels/.rels", "word/document.xml"):
        if required not in names:
            problems.append(f"missing {required}")
    parser = etree.XMLParser(recover=False, resolve_entities=False, huge_tree=True)
    for name in dict.fromkeys(names):
        if not name.endswith((".xml", ".rels")):
            continue
        try:
            root = etree.fromstring(archive.read(name), parser)
        except etree.XMLSyntaxError as error:
            problems.append(f"{name}: not well-formed XML ({error})")
            continue
        if not name.startswith("word/") or name.endswith(".rels"):
            continue
        rel_ids = None
        if _rels_name(name) in names:
            rels = etree.fromstring(archive.read(_rels_name(name)), parser)
            rel_ids = {rel.get("Id") for rel in rels}
        problems += _check_tables(name, root) + _check_nesting(name, root) + _check_ids(name, root, rel_ids)
        if name == "word/document.xml":
            body = root.find("w:body", NS)
            if body is None or len(body) == 0 or body[-1].tag != f"{{{W}}}sectPr":
                problems.append(f"{name}: the body does not end with its section properties")
    return problems
