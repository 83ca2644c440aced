"""Read a reviewed Word draft (untrusted, read only): its custom properties, anchored fields, comments and
tracked changes, with every size capped and no DTD or entity ever expanded."""

from __future__ import annotations

import dataclasses
import json
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from ctpat_tui.render.anchors import FIELDS_PROPERTY, PREFIX, PROPERTY_PREFIX, W, paragraph_prefix, walk_text

MAX_FILE = 50 * 1024 * 1024
MAX_PART = 40 * 1024 * 1024
MAX_TOTAL = 150 * 1024 * 1024
MAX_ENTRIES = 5000
MAX_RATIO = 150
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_HEADING_ID = re.compile(r"^(\S+)\s")


class DraftError(Exception):
    """A .docx that cannot be read safely: one line saying why."""


@dataclass
class Change:
    """A tracked insertion or deletion."""

    kind: str  # 'insertion' | 'deletion'
    author: str
    date: str
    text: str


@dataclass
class Comment:
    """A reviewer's comment, with the words it is attached to and its replies."""

    id: str
    author: str
    date: str
    text: str
    anchored: str = ""
    criterion: str = ""
    field: str = ""  # the bookmark name of the field it sits in, '' when outside every field
    replies: list[Comment] = dataclasses.field(default_factory=list)
    done: bool = False
    parent: str = ""  # the id of the comment this one replies to


@dataclass
class FieldReading:
    """What an anchored field holds now: its text before the tracked changes, after them, and the changes."""

    name: str
    original: str = ""
    result: str = ""
    changes: list[Change] = dataclasses.field(default_factory=list)


@dataclass
class DraftReading:
    """Everything read from one reviewed draft."""

    path: Path
    properties: dict[str, str]
    anchors: dict[str, list[str]]  # bookmark name -> [criterion, field, label, source fp, shown fp]
    fields: dict[str, FieldReading]
    comments: list[Comment]
    loose_changes: list[tuple[str, Change]]  # (criterion, change) for tracked changes outside every field

    @property
    def is_draft(self) -> bool:
        """True when the document says it is a ctpat draft."""
        return self.properties.get(PROPERTY_PREFIX + "draft") == "1"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                           dtd_validation=False, remove_comments=True, remove_pis=True)


def _read_part(archive: zipfile.ZipFile, name: str, budget: list[int]) -> Any:
    """The parsed part `name` (None when absent); refuses oversized parts, bombs and DTDs."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART:
        raise DraftError(f"{name} is {info.file_size:,} bytes unpacked (more than {MAX_PART:,}): refused")
    if info.compress_size and info.file_size > 1024 * 1024 and info.file_size / info.compress_size > MAX_RATIO:
        raise DraftError(f"{name} unpacks {info.file_size // max(info.compress_size, 1)} times its size (a zip bomb?): "
                         "refused")
    try:
        with archive.open(info) as handle:
            data = handle.read(MAX_PART + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError) as error:
        raise DraftError(f"{name} cannot be unpacked ({error}): the file is damaged or encrypted") from None
    if len(data) > MAX_PART:
        raise DraftError(f"{name} unpacks to more than {MAX_PART:,} bytes: refused")
    budget[0] += len(data)
    if budget[0] > MAX_TOTAL:
        raise DraftError(f"the document unpacks to more than {MAX_TOTAL:,} bytes: refused")
    if _DTD.search(data):
        raise DraftError(f"{name} declares a DTD or entities, which a Word document never needs: refused")
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        raise DraftError(f"{name} is not well-formed XML ({error.msg})") from None


def _properties(root: Any) -> dict[str, str]:
    if root is None:
        return {}
    found: dict[str, str] = {}
    for prop in root.iter(f"{CUSTOM}property"):
        name = prop.get("name") or ""
        if name.startswith(PROPERTY_PREFIX):
            found[name] = "".join(prop.itertext())
    return found


def _paragraphs_text(element: Any) -> str:
    texts = []
    for paragraph in element.iter(f"{W}p"):
        texts.append("".join(t for kind, t, _e in walk_text(paragraph) if kind in ("text", "ins")))
    return "\n".join(texts).strip()


def _comments(comments: Any, extended: Any) -> dict[str, Comment]:
    if comments is None:
        return {}
    found: dict[str, Comment] = {}
    para_of: dict[str, str] = {}
    for element in comments.iter(f"{W}comment"):
        cid = element.get(f"{W}id") or ""
        found[cid] = Comment(cid, element.get(f"{W}author") or "", element.get(f"{W}date") or "",
                             _paragraphs_text(element))
        paragraphs = element.findall(f"{W}p")
        if paragraphs:
            para_of[cid] = paragraphs[-1].get(f"{W14}paraId") or ""
    if extended is not None:
        by_para = {para: cid for cid, para in para_of.items() if para}
        for entry in extended.iter(f"{W15}commentEx"):
            cid = by_para.get(entry.get(f"{W15}paraId") or "")
            parent = by_para.get(entry.get(f"{W15}paraIdParent") or "")
            if cid is None:
                continue
            found[cid].done = entry.get(f"{W15}done") == "1"
            if parent is not None and parent != cid:
                found[parent].replies.append(found[cid])
                found[cid].parent = parent
    return found


def _style(paragraph: Any) -> str:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val", "") if style is not None else ""


def _change_of(element: Any) -> Any:
    node = element.getparent()
    while node is not None and node.tag not in (f"{W}ins", f"{W}del", f"{W}moveTo", f"{W}moveFrom"):
        node = node.getparent()
    return node


def _walk_body(body: Any, anchors: dict[str, list[str]], comments: dict[str, Comment]
               ) -> tuple[dict[str, FieldReading], list[tuple[str, Change]]]:
    criteria = {entry[0] for entry in anchors.values()}
    fields: dict[str, FieldReading] = {}
    open_fields: dict[str, FieldReading] = {}
    ids: dict[str, str] = {}
    collecting: dict[str, list[str]] = {}
    loose: list[tuple[str, Change]] = []
    criterion = ""
    last_change: Any = None
    for paragraph in body.iter(f"{W}p"):
        style = _style(paragraph).lower()
        text = "".join(t for kind, t, _e in walk_text(paragraph) if kind in ("text", "ins")).strip()
        if "heading" in style or style.startswith("berschrift"):
            match = _HEADING_ID.match(text + " ")
            criterion = match.group(1) if match and match.group(1) in criteria else ""
        closing: list[str] = []
        prefix = paragraph_prefix(paragraph)
        for reading in open_fields.values():
            reading.original += prefix
            reading.result += prefix
        for kind, piece, element in walk_text(paragraph):
            if kind == "mark":
                local = element.tag.rsplit("}", 1)[-1]
                mark_id = element.get(f"{W}id") or ""
                if local == "bookmarkStart" and (element.get(f"{W}name") or "") in anchors:
                    name = element.get(f"{W}name")
                    open_fields[name] = fields.setdefault(name, FieldReading(name, prefix, prefix))
                    ids[mark_id] = name
                    criterion = anchors[name][0]
                elif local == "bookmarkEnd" and ids.get(mark_id) in open_fields:
                    closing.append(ids[mark_id])
                elif local == "commentRangeStart" and mark_id in comments:
                    comment = comments[mark_id]
                    comment.criterion = comment.criterion or criterion
                    comment.field = comment.field or next(iter(open_fields), "")
                    collecting[mark_id] = []
                elif local == "commentRangeEnd":
                    words = collecting.pop(mark_id, None)
                    if words is not None and mark_id in comments:
                        comments[mark_id].anchored = "".join(words).strip()
                elif local == "commentReference" and mark_id in comments:
                    comment = comments[mark_id]
                    if not comment.criterion:
                        comment.criterion = criterion
                        comment.field = comment.field or next(iter(open_fields), "")
                continue
            for words in collecting.values():
                words.append(piece)
            if kind in ("text", "del"):
                for reading in open_fields.values():
                    reading.original += piece
            if kind in ("text", "ins"):
                for reading in open_fields.values():
                    reading.result += piece
            if kind in ("ins", "del"):
                node = _change_of(element)
                change_kind = "insertion" if kind == "ins" else "deletion"
                author = node.get(f"{W}author", "") if node is not None else ""
                date = node.get(f"{W}date", "") if node is not None else ""
                targets = [r.changes for r in open_fields.values()] or [None]
                same = (last_change is not None and last_change[0] is node and last_change[1].kind == change_kind)
                if same:
                    last_change[1].text += piece
                    continue
                change = Change(change_kind, author, date, piece)
                for target in targets:
                    if target is None:
                        loose.append((criterion, change))
                    else:
                        target.append(change)
                last_change = (node, change)
            else:
                last_change = None
        for name in closing:
            open_fields.pop(name, None)
        for reading in open_fields.values():
            reading.original += "\n\n"
            reading.result += "\n\n"
        for words in collecting.values():
            words.append("\n")
    for reading in fields.values():
        reading.original = reading.original.strip()
        reading.result = reading.result.strip()
    return fields, loose


def read_draft(path: Path) -> DraftReading:
    """Read `path` without changing it; raises DraftError with one line when it cannot be read safely."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise DraftError(f"cannot read it ({error.strerror or error})") from None
    if size > MAX_FILE:
        raise DraftError(f"it is {size:,} bytes (more than {MAX_FILE:,}): refused")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise DraftError("it is not a Word .docx file") from None
    with archive:
        if len(archive.infolist()) > MAX_ENTRIES:
            raise DraftError(f"it holds more than {MAX_ENTRIES} parts: refused")
        budget = [0]
        document = _read_part(archive, "word/document.xml", budget)
        if document is None:
            raise DraftError("it is not a Word .docx file (no word/document.xml)")
        properties = _properties(_read_part(archive, "docProps/custom.xml", budget))
        comments = _comments(_read_part(archive, "word/comments.xml", budget),
                             _read_part(archive, "word/commentsExtended.xml", budget))
    try:
        anchors = json.loads(properties.get(FIELDS_PROPERTY, "{}"))
    except ValueError:
        anchors = {}
    if not isinstance(anchors, dict):
        anchors = {}
    anchors = {k: [str(x) for x in v] for k, v in anchors.items()
               if isinstance(k, str) and k.startswith(PREFIX) and isinstance(v, list) and len(v) == 5}
    body = document.find(f"{W}body")
    fields, loose = _walk_body(body if body is not None else document, anchors, comments)
    top = [c for c in comments.values() if not c.parent]
    return DraftReading(path, properties, anchors, fields, top, loose)
