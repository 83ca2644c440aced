"""Make reviewed copies of a Word draft the way reviewers do: comments, tracked changes, untracked edits."""

from __future__ import annotations

import copy
import io
import json
import zipfile
from pathlib import Path

from docx import Document
from docx.text.paragraph import Paragraph
from lxml import etree

from ctpat_tui.render import view_for
from ctpat_tui.render.docx import render_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DATE = "2026-11-20T10:00:00Z"


def render_draft(catalog, profile, target: Path, layout: str = "compact") -> Path:  # type: ignore[no-untyped-def]
    """Render the profile's Word draft to `target`."""
    from dataclasses import replace

    view = replace(view_for(catalog, profile, check_files=False), word_layout=layout)
    data, _problems = render_docx(view)
    target.write_bytes(data)
    return target


def anchors(path: Path) -> dict[str, list[str]]:
    """bookmark name -> [criterion, field, label, source fp, shown fp] from the draft's custom properties."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("docProps/custom.xml"))
    for prop in root:
        if prop.get("name") == "ctpat.fields":
            return json.loads("".join(prop.itertext()))
    return {}


def bookmark(path: Path, criterion: str, field: str) -> str:
    """The bookmark name of one field."""
    return next(name for name, entry in anchors(path).items() if entry[0] == criterion and entry[1] == field)


def _start(body, name: str):  # type: ignore[no-untyped-def]
    return next(b for b in body.iter(f"{W}bookmarkStart") if b.get(f"{W}name") == name)


def comment_with_python_docx(path: Path, name: str, text: str, author: str, target: Path) -> Path:
    """A comment on the first paragraph of the field `name`, added with python-docx's own API."""
    document = Document(str(path))
    paragraph = Paragraph(_start(document.element.body, name).getparent(), document._body)  # noqa: SLF001
    document.add_comment(paragraph.runs, text=text, author=author, initials=author[:2])
    document.save(str(target))
    return target


def _rewrite(path: Path, target: Path, change) -> Path:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(path) as source:
        entries = {info.filename: source.read(info.filename) for info in source.infolist()}
    root = etree.fromstring(entries["word/document.xml"])
    change(root.find(f"{W}body"))
    entries["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    target.write_bytes(out.getvalue())
    return target


def _run_with(paragraph, words: str):  # type: ignore[no-untyped-def]
    for run in paragraph.iter(f"{W}r"):
        t = run.find(f"{W}t")
        if t is not None and t.text and words in t.text:
            return run, t
    raise AssertionError(f"no run holds {words!r}")


def tracked_replace(path: Path, name: str, old: str, new: str, author: str, target: Path) -> Path:
    """Replace `old` by `new` in the field `name` as Word does with Track Changes on (raw WordprocessingML)."""

    def change(body) -> None:  # type: ignore[no-untyped-def]
        start = _start(body, name)
        paragraph = start.getparent()
        run, t = _run_with(paragraph, old)
        before, after = t.text.split(old, 1)
        parent = run.getparent()
        index = parent.index(run)
        pieces = []
        if before:
            pieces.append(_plain_run(run, before))
        deleted = etree.Element(f"{W}del", {f"{W}id": "901", f"{W}author": author, f"{W}date": DATE})
        dead = _plain_run(run, old)
        dead.find(f"{W}t").tag = f"{W}delText"
        deleted.append(dead)
        pieces.append(deleted)
        inserted = etree.Element(f"{W}ins", {f"{W}id": "902", f"{W}author": author, f"{W}date": DATE})
        inserted.append(_plain_run(run, new))
        pieces.append(inserted)
        if after:
            pieces.append(_plain_run(run, after))
        parent.remove(run)
        for offset, piece in enumerate(pieces):
            parent.insert(index + offset, piece)

    return _rewrite(path, target, change)


def _plain_run(model, text: str):  # type: ignore[no-untyped-def]
    run = etree.Element(f"{W}r")
    properties = model.find(f"{W}rPr")
    if properties is not None:
        run.append(copy.deepcopy(properties))
    t = etree.SubElement(run, f"{W}t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


def untracked_replace(path: Path, name: str, old: str, new: str, target: Path) -> Path:
    """Change text in the field `name` with Track Changes off."""

    def change(body) -> None:  # type: ignore[no-untyped-def]
        paragraph = _start(body, name).getparent()
        _run, t = _run_with(paragraph, old)
        t.text = t.text.replace(old, new, 1)

    return _rewrite(path, target, change)


def drop_bookmark(path: Path, name: str, target: Path) -> Path:
    """Delete a field's bookmark, as a reviewer who retypes a whole paragraph may."""

    def change(body) -> None:  # type: ignore[no-untyped-def]
        start = _start(body, name)
        mark = start.get(f"{W}id")
        start.getparent().remove(start)
        for end in list(body.iter(f"{W}bookmarkEnd")):
            if end.get(f"{W}id") == mark:
                end.getparent().remove(end)

    return _rewrite(path, target, change)


def field_text(path: Path, name: str) -> str:
    """The text of the first paragraph of a field."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    paragraph = _start(root.find(f"{W}body"), name).getparent()
    return "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
