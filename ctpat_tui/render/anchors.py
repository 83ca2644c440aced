"""Anchors that let a reviewed Word draft be read back: a bookmark around every answer field, and the profile's
identity, version and field fingerprints in the document's custom properties (docProps/custom.xml).

Bookmarks, not content controls: LibreOffice 7.4 keeps bookmarks through an open-and-save but drops the tag of a
content control (tests/test_feedback.py checks both)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from docxtpl import RichText, RichTextParagraph

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PREFIX = "ctpat_f"
FIRST_ID = 70000
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
PROPERTY_PREFIX = "ctpat."
FIELDS_PROPERTY = "ctpat.fields"
_SPACE = re.compile(r"\s+")
_BULLET = re.compile(r"^List ?Bullet", re.IGNORECASE)


def fingerprint(text: str) -> str:
    """A short hash of `text` with whitespace runs collapsed (Word and LibreOffice re-space text freely)."""
    return hashlib.sha256(_SPACE.sub(" ", text).strip().encode("utf-8")).hexdigest()[:16]


def profile_id(path: Path | None) -> str:
    """A stable id of the profile file (its resolved path, hashed so the draft does not reveal the folder)."""
    return hashlib.sha256(str(path.resolve() if path else "").encode("utf-8")).hexdigest()[:16] if path else ""


@dataclass
class Field:
    """One anchored answer field: which criterion and profile value it shows, and the text it was drawn from."""

    name: str
    criterion: str
    field: str  # the profile value an accepted change goes to: narrative, na_reason, owner, ... or an extra's name
    label: str
    source: str  # the text the view held for the field when the draft was made


@dataclass
class Anchors:
    """Hands out bookmark names while the context is built; the ones that reach the document are kept."""

    fields: dict[str, Field] = field(default_factory=dict)

    def _next(self, criterion: str, target: str, label: str, source: str) -> tuple[str, int]:
        number = len(self.fields) + 1
        name = f"{PREFIX}{number:04d}"
        self.fields[name] = Field(name, criterion, target, label, source)
        return name, FIRST_ID + number

    def paragraphs(self, value: RichTextParagraph, criterion: str, target: str, label: str,
                   source: str) -> RichTextParagraph:
        """`value` with a bookmark from its first paragraph's start to its last paragraph's end."""
        name, number = self._next(criterion, target, label, source)
        xml = value.xml
        head = xml.find("</w:pPr>")
        head = head + len("</w:pPr>") if head >= 0 else xml.find("<w:p>") + len("<w:p>")
        tail = xml.rfind("</w:p>")
        value.xml = (xml[:head] + _start(name, number) + xml[head:tail] + _end(number) + xml[tail:])
        return value

    def runs(self, value: RichText, criterion: str, target: str, label: str, source: str) -> RichText:
        """`value` (runs inside one paragraph) wrapped in a bookmark."""
        name, number = self._next(criterion, target, label, source)
        value.xml = _start(name, number) + value.xml + _end(number)
        return value


def _start(name: str, number: int) -> str:
    return f'<w:bookmarkStart w:id="{number}" w:name="{name}"/>'


def _end(number: int) -> str:
    return f'<w:bookmarkEnd w:id="{number}"/>'


def _style(paragraph: Any) -> str:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val", "") if style is not None else ""


def walk_text(element: Any, *, deleted: bool = False, inserted: bool = False) -> Iterator[tuple[str, str, Any]]:
    """('text'|'mark', text, element) in document order below `element`; text marked inserted/deleted by
    tracked changes comes as ('ins'|'del', text, element)."""
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        local = tag.rsplit("}", 1)[-1]
        if local in ("ins", "moveTo"):
            yield from walk_text(child, deleted=deleted, inserted=True)
        elif local in ("del", "moveFrom"):
            yield from walk_text(child, deleted=True, inserted=inserted)
        elif local in ("t", "delText"):
            kind = "del" if deleted or local == "delText" else "ins" if inserted else "text"
            yield kind, child.text or "", child
        elif local in ("br", "cr"):
            yield ("del" if deleted else "ins" if inserted else "text"), "\n", child
        elif local == "tab" and tag.startswith(W) and child.getparent() is not None \
                and child.getparent().tag == f"{W}r":
            yield ("del" if deleted else "ins" if inserted else "text"), "\t", child
        elif local in ("bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd", "commentReference"):
            yield "mark", "", child
        elif local in ("pPr", "rPr", "instrText", "fldChar", "sectPr", "tblPr", "trPr", "tcPr"):
            continue
        else:
            yield from walk_text(child, deleted=deleted, inserted=inserted)


def paragraph_prefix(paragraph: Any) -> str:
    """'- ' for a bulleted paragraph (so an accepted text keeps its bullets), else ''."""
    return "- " if _BULLET.match(_style(paragraph)) else ""


def shown_texts(body: Any) -> dict[str, str]:
    """The text each anchored field shows (bookmark start to the end of the paragraph holding its end)."""
    open_fields: dict[str, list[str]] = {}
    ids: dict[str, str] = {}
    done: dict[str, str] = {}
    for paragraph in body.iter(f"{W}p"):
        closing: list[str] = []
        prefix = paragraph_prefix(paragraph)
        for name in open_fields:
            open_fields[name].append(prefix)
        for kind, text, element in walk_text(paragraph):
            if kind == "mark":
                local = element.tag.rsplit("}", 1)[-1]
                if local == "bookmarkStart" and (element.get(f"{W}name") or "").startswith(PREFIX):
                    name = element.get(f"{W}name")
                    open_fields[name] = [prefix]
                    ids[element.get(f"{W}id") or ""] = name
                elif local == "bookmarkEnd" and ids.get(element.get(f"{W}id") or "") in open_fields:
                    closing.append(ids[element.get(f"{W}id") or ""])
            elif kind in ("text", "del"):
                for name in open_fields:
                    open_fields[name].append(text)
        for name in closing:
            done[name] = "".join(open_fields.pop(name)).strip()
        for name in open_fields:
            open_fields[name].append("\n\n")
    done.update({name: "".join(parts).strip() for name, parts in open_fields.items()})
    return done


def properties_xml(properties: dict[str, str]) -> bytes:
    """docProps/custom.xml holding `properties` as text values."""
    items = "".join(f'<property fmtid="{FMTID}" pid="{pid}" name="{xml_escape(name, {chr(34): "&quot;"})}">'
                    f"<vt:lpwstr>{xml_escape(value)}</vt:lpwstr></property>"
                    for pid, (name, value) in enumerate(properties.items(), 2))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="{CUSTOM_NS}" '
            f'xmlns:vt="{VT_NS}">{items}</Properties>').encode("utf-8")


def draft_properties(identity: dict[str, str], anchors: Anchors, body: Any) -> dict[str, str]:
    """The custom properties of a draft: identity and version, and per rendered field its target and fingerprints
    (of the text it was drawn from, to spot local changes; of the text shown, to spot untracked edits)."""
    shown = shown_texts(body)
    fields = {name: [f.criterion, f.field, f.label, fingerprint(f.source), fingerprint(shown[name])]
              for name, f in anchors.fields.items() if name in shown}
    return {**{PROPERTY_PREFIX + key: value for key, value in identity.items()},
            FIELDS_PROPERTY: json.dumps(fields, separators=(",", ":"), ensure_ascii=False)}


def add_custom_part(document: Any, properties: dict[str, str]) -> None:
    """Attach docProps/custom.xml to the python-docx `document`'s package (replacing one the template had)."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document.part.package
    for rel in list(package.rels.values()):
        if rel.reltype == CUSTOM_REL:
            rel.target_part._blob = properties_xml(properties)  # noqa: SLF001 - python-docx has no setter
            return
    part = Part(PackURI("/docProps/custom.xml"), CUSTOM_TYPE, properties_xml(properties), package)
    package.relate_to(part, CUSTOM_REL)
