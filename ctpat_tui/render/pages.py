"""How many pages the Word draft has, and on which page each part starts: measured with LibreOffice, or estimated.

A .docx does not carry its own page count (Word lays it out when it opens it; docProps/app.xml holds whatever the
last program to save it wrote). So the count is either *measured*, by letting headless LibreOffice lay the file out
once, as a PDF that gives the page count and, with a named destination per Word bookmark, the page each contents
entry points to; or *estimated* from the amount of text, and always reported as which of the two it is. (A LibreOffice
too old to take the PDF export option writes no destinations: then the page numbers it puts into the contents' PAGEREF
fields, in a second conversion back to .docx, give the heading pages.)
"""

from __future__ import annotations

import io
import math
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TIMEOUT = 180
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
_PAGEREF = re.compile(r"PAGEREF\s+(\S+)")
# one named destination per Word bookmark, so the PDF alone says on which page each contents entry lands
PDF_WITH_DESTINATIONS = ('pdf:writer_pdf_Export:{"ExportBookmarksToPDFDestination":'
                         '{"type":"boolean","value":"true"}}')
_OBJECT_REF = re.compile(rb"(\d+)\s+0\s+R")
_DESTINATION = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*\[\s*(\d+)\s+0\s+R")


@dataclass(frozen=True)
class Layout:
    """The draft's page count and where its contents entries land, and how that was found out."""

    pages: int
    measured: bool
    heading_pages: dict[str, int] = field(default_factory=dict)  # bookmark name -> page
    how: str = ""

    def describe(self) -> str:
        """'8 pages (laid out by LibreOffice)' or 'about 9 pages (estimate: ...)'."""
        noun = "page" if self.pages == 1 else "pages"
        return f"{self.pages} {noun} ({self.how})" if self.measured else f"about {self.pages} {noun} ({self.how})"


def soffice() -> str | None:
    """The LibreOffice program, when installed (CTPAT_SOFFICE names another one; CTPAT_SOFFICE=none turns it off)."""
    chosen = os.environ.get("CTPAT_SOFFICE", "").strip()
    if chosen.lower() in ("none", "off", "0"):
        return None
    if chosen:
        return shutil.which(chosen)
    return shutil.which("soffice") or shutil.which("libreoffice")


def _convert(binary: str, source: Path, target: str, work: Path) -> Path | None:
    out_dir = work / target.split(":")[0]
    out_dir.mkdir(exist_ok=True)
    env = {**os.environ, "HOME": str(work)}
    try:
        subprocess.run([binary, f"-env:UserInstallation={(work / 'lo-profile').as_uri()}", "--headless",
                        "--norestore", "--convert-to", target, "--outdir", str(out_dir), str(source)],
                       check=False, capture_output=True, timeout=TIMEOUT, env=env, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    result = out_dir / (source.stem + "." + target.split(":")[0])
    return result if result.is_file() and result.stat().st_size > 0 else None  # soffice exits 0 on failure too


def pdf_page_count(data: bytes) -> int:
    """Pages of a PDF as LibreOffice writes it (one '/Type /Page' object per page)."""
    return len(_PAGE_OBJECT.findall(data))


def pageref_results(docx: bytes) -> dict[str, int]:
    """The page numbers a program wrote into the PAGEREF fields of a .docx: bookmark name -> page."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    found: dict[str, int] = {}
    state, name, result = "", "", ""
    for element in root.iter(f"{W}fldChar", f"{W}instrText", f"{W}t", f"{W}fldSimple"):
        tag = etree.QName(element).localname
        if tag == "fldSimple":
            match = _PAGEREF.search(element.get(f"{W}instr", ""))
            text = "".join(t.text or "" for t in element.iter(f"{W}t")).strip()
            if match and text.isdigit():
                found[match.group(1)] = int(text)
        elif tag == "fldChar":
            kind = element.get(f"{W}fldCharType")
            if kind == "begin":
                state, name, result = "instr", "", ""
            elif kind == "separate" and state == "instr":
                state = "result"
            elif kind == "end":
                if name and result.strip().isdigit():
                    found[name] = int(result.strip())
                state, name = "", ""
        elif tag == "instrText" and state == "instr":
            match = _PAGEREF.search(element.text or "")
            if match:
                name = match.group(1)
        elif tag == "t" and state == "result":
            result += element.text or ""
    return found


def _pdf_object(data: bytes, number: int) -> bytes:
    """The body of object `number` of an uncompressed-structure PDF (as LibreOffice writes it); b'' if absent."""
    match = re.search(rb"(?:^|[\r\n])%d\s+0\s+obj\b(.*?)\bendobj" % number, data, re.DOTALL)
    return match.group(1) if match else b""


def _pdf_pages(data: bytes, number: int, depth: int = 0) -> list[int]:
    """Object numbers of the pages under page-tree node `number`, in reading order."""
    body = _pdf_object(data, number)
    kids = re.search(rb"/Kids\s*\[([^\]]*)\]", body)
    if kids is None or depth > 8:
        return [number]
    return [page for kid in _OBJECT_REF.findall(kids.group(1))
            for page in _pdf_pages(data, int(kid), depth + 1)]


def _pdf_name(name: str, escape: str) -> str:
    return "".join(c if c.isascii() and c.isalnum() else f"{escape}{ord(c):02X}" for c in name)


def pdf_destination_pages(data: bytes, names: list[str]) -> dict[str, int]:
    """The page (1-based) of each named destination of a LibreOffice PDF that is in `names` (Word bookmark names;
    LibreOffice writes them hex-escaped, with or without the '#' of PDF names)."""
    catalog = re.search(rb"/Dests\s+(\d+)\s+0\s+R", data)
    root = re.search(rb"/Type\s*/Catalog\b.*?/Pages\s+(\d+)\s+0\s+R", data, re.DOTALL) or \
        re.search(rb"/Pages\s+(\d+)\s+0\s+R", data)
    if catalog is None or root is None:
        return {}
    page_of = {page: index for index, page in enumerate(_pdf_pages(data, int(root.group(1))), start=1)}
    written = {name.decode("latin-1"): int(page)
               for name, page in _DESTINATION.findall(_pdf_object(data, int(catalog.group(1))))}
    found: dict[str, int] = {}
    for name in names:
        for spelling in (name, _pdf_name(name, ""), _pdf_name(name, "#")):
            if written.get(spelling) in page_of:
                found[name] = page_of[written[spelling]]
                break
    return found


def pageref_names(docx: bytes) -> list[str]:
    """The bookmark names the PAGEREF fields of a .docx point to (the contents entries), in order."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        xml = package.read("word/document.xml").decode("utf-8", "replace")
    return list(dict.fromkeys(_PAGEREF.findall(xml)))


def measure(docx: bytes, binary: str | None = None) -> Layout | None:
    """Let LibreOffice lay the draft out once: page count and heading pages from one PDF.

    None when LibreOffice is not installed or could not read the file."""
    binary = binary or soffice()
    if binary is None:
        return None
    try:
        names = pageref_names(docx)
    except (zipfile.BadZipFile, KeyError):
        names = []
    with tempfile.TemporaryDirectory(prefix="ctpat-layout-") as folder:
        work = Path(folder)
        os.chmod(work, 0o700)
        source = work / "profile.docx"
        source.write_bytes(docx)
        pdf = _convert(binary, source, PDF_WITH_DESTINATIONS, work)
        if pdf is None:
            return None
        data = pdf.read_bytes()
        pages = pdf_page_count(data)
        if pages < 1:
            return None
        headings = pdf_destination_pages(data, names)
        if names and not headings:  # no destinations (an older LibreOffice): read its PAGEREF results instead
            laid_out = _convert(binary, source, "docx:MS Word 2007 XML", work)
            try:
                headings = pageref_results(laid_out.read_bytes()) if laid_out is not None else {}
            except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError):
                headings = {}
    return Layout(pages, True, headings, "laid out by LibreOffice")


# --- estimate --------------------------------------------------------------------------------------

CHARS_PER_LINE = 110         # 10 pt Arial on a 6.5 in line (fitted to LibreOffice layouts of the sample and a broker draft)
LINES_PER_PAGE = 48
LINE = 1.0
SPACING = 0.2
_STYLE_LINES = {"Heading1": 3.2, "Heading2": 2.4, "Title": 3.0, "DraftMark": 6.0}


def _lines(paragraph: etree._Element, width: float = 1.0) -> float:
    text = "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    name = style.get(f"{W}val") if style is not None else ""
    breaks = len(paragraph.findall(f".//{W}br"))
    per_line = max(12, int(CHARS_PER_LINE * width * (1.1 if name in ("TableText", "Note", "Label") else 1.0)))
    lines = max(1, math.ceil(len(text) / per_line)) + breaks
    return lines * LINE + (0 if name.startswith("Table") else SPACING) + _STYLE_LINES.get(name, 0)


def estimate(docx: bytes) -> Layout:
    """A page count from the amount of text (no layout engine): lines per paragraph and table row, page breaks."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        body = etree.fromstring(package.read("word/document.xml")).find(f"{W}body")
    pages, lines = 1, 0.0
    for block in body if body is not None else ():
        tag = etree.QName(block).localname
        if tag == "p":
            if block.find(f".//{W}br[@{W}type='page']") is not None:
                pages, lines = pages + 1, 0.0
                continue
            lines += _lines(block)
        elif tag == "tbl":
            for row in block.iter(f"{W}tr"):
                cells = row.findall(f"{W}tc")
                share = 1.0 / max(1, len(cells)) * 1.6
                lines += max((sum(_lines(p, share) for p in cell.iter(f"{W}p")) for cell in cells), default=1) * 0.85
        while lines > LINES_PER_PAGE:
            pages, lines = pages + 1, lines - LINES_PER_PAGE
    return Layout(pages, False, {}, "estimate from the amount of text; install LibreOffice to count them")
