"""Rewrite a .docx zip deterministically: fixed timestamps, fixed order, one entry per name."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

FIRST = ("[Content_Types].xml", "_rels/.rels")


def deterministic_zip(data: bytes, stamp: dt.date) -> tuple[bytes, list[str]]:
    """The same package with every entry dated `stamp`, sorted, deduplicated; also the names that were duplicated."""
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
            target.writestr(info, source.read(name), compresslevel=6)
    return out.getvalue(), duplicates
