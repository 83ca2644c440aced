"""Rewrite a .docx zip deterministically: fixed timestamps, fixed order, one entry per name."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Mapping

from lxml import etree

FIRST = ("[Content_Types].xml", "_rels/.rels")
CORE_TYPE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def single_core_relationship(rels: bytes) -> bytes:
    """Package relationships with one core-properties relationship (LibreOffice's variant type dropped)."""
    root = etree.fromstring(rels)
    links = [r for r in root.iter(RELS) if r.get("Type", "").endswith("/metadata/core-properties")]
    if len(links) < 2 or not any(r.get("Type") == CORE_TYPE for r in links):
        return rels
    for link in links:
        if link.get("Type") != CORE_TYPE:
            root.remove(link)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def deterministic_zip(data: bytes, stamp: dt.date, rewrite: Mapping[str, Callable[[bytes], bytes]] | None = None
                      ) -> tuple[bytes, list[str]]:
    """The same package with every entry dated `stamp`, sorted, deduplicated; also the names that were duplicated.

    `rewrite` maps entry names to functions that change their content."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = [info.filename for info in source.infolist()]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    unique = list(dict.fromkeys(names))
    ordered = [name for name in FIRST if name in unique]
    ordered += sorted(name for name in unique if name not in ordered)
    date_time = (max(stamp.year, 1980), stamp.month, stamp.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            content = source.read(name)
            if name == "_rels/.rels" and "docProps/core.xml" in duplicates:
                content = single_core_relationship(content)
            if rewrite and name in rewrite:
                content = rewrite[name](content)
            target.writestr(info, content, compresslevel=6)
    return out.getvalue(), duplicates
