"""Read CBP's MSC document (PDF) into the same rows the CSV/XLSX reader gives, from the text and its positions."""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ctpat_tui.catalog.msc_documents import entity_from_name
from ctpat_tui.catalog.table_reader import TableError, TableRow

_ID = re.compile(r"^\d{1,2}\.\d{1,3}$")
_CATEGORY_HEADING = re.compile(r"^(\d{1,2})\.$")
_FOCUS_AREA = re.compile(r"^(first|second|third|fourth|fifth)\s+focus\s+area\b", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,3}(\s*(of|/)\s*\d{1,3})?$", re.IGNORECASE)
_LEVEL_WORD = re.compile(r"^(must|should|must/should|/)$", re.IGNORECASE)
_TITLE = re.compile(r"minimum\s+(security\s+)?criteria\s*[-–—:]\s*(?P<name>[^|]+)", re.IGNORECASE)
_NOT_APPLICABLE = re.compile(r"not\s+applicable\s+to\s+(?P<name>[^.]+)\.", re.IGNORECASE)
_BOOKLET = re.compile(r"^(?P<name>.+?)\s*(\|\s*)?minimum\s+security\s+criteria\s+(booklet|workbook)", re.IGNORECASE)
_BOOKLET_FOR = re.compile(r"(booklet|workbook)\s+for\s+(?P<name>.+)$", re.IGNORECASE)
# Second halves of words that keep their hyphen when a line breaks after it ("department-" / "based").
_COMPOUND_TAILS = frozenset({"based", "related", "party", "term", "time", "level", "specific", "wide", "up", "in",
                             "out", "off", "free", "only", "owned", "site", "house", "made", "to", "of"})
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st",
              "\ufb06": "st"}


@dataclass
class _Line:
    page: int
    top: float
    bottom: float
    words: list[dict[str, Any]]

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)

    @property
    def size(self) -> float:
        return max(float(w.get("size") or 0) for w in self.words)

    @property
    def x0(self) -> float:
        return float(self.words[0]["x0"])


@dataclass
class _Header:
    """Where the table's columns start on one page: criteria, guidance and (when present) Must/Should."""

    criteria: float
    guidance: float | None
    level: float | None
    lines: frozenset[int]

    def column(self, word: dict[str, Any]) -> str:
        x = float(word["x0"]) + 2
        if self.level is not None and x >= self.level:
            return "designation"
        if self.guidance is not None and x >= self.guidance:
            return "guidance"
        return "text" if x >= self.criteria else "id"


@dataclass
class _Cell:
    fragments: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        if text:
            self.fragments.append(text)

    def joined(self) -> str:
        result = ""
        for fragment in self.fragments:
            if not result:
                result = fragment
            elif result.endswith("-") and len(result) > 1 and result[-2].isalpha() and fragment[:1].isalnum():
                tail = re.split(r"\W", fragment, maxsplit=1)[0]
                hyphenated = fragment[:1].islower() and tail not in _COMPOUND_TAILS
                result = (result[:-1] if hyphenated else result) + fragment
            else:
                result = f"{result} {fragment}"
        return result.strip()


@dataclass
class MscDocument:
    """What the PDF says: its rows, the entity type it names, and its category introductions."""

    rows: list[TableRow]
    entity_name: str | None
    entity_slug: str | None
    pages: int
    intros: dict[int, str] = field(default_factory=dict)


def _plain(text: str) -> str:
    for ligature, letters in _LIGATURES.items():
        text = text.replace(ligature, letters)
    return text


def _open(path: Path) -> Any:
    """The parsed PDF document (pdfminer.six), or one clear line saying why it cannot be read."""
    try:
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfparser import PDFParser
    except ImportError:  # pragma: no cover - a declared dependency
        raise TableError("reading a PDF needs the pdfminer.six package (pip install pdfminer.six)") from None
    if not path.is_file():
        raise TableError(f"{path}: no such file")
    try:
        return PDFDocument(PDFParser(io.BytesIO(path.read_bytes())))
    except Exception as error:  # pdfminer raises many kinds for a damaged or locked file
        name = type(error).__name__
        if "Password" in name or "Encrypt" in name:
            raise TableError(f"{path}: the PDF is password-protected; save an unprotected copy (or download CBP's "
                             "original again) and import that") from None
        raise TableError(f"{path}: cannot read it as a PDF ({error or name})") from None


def _words(chars: list[Any], height: float) -> list[dict[str, Any]]:
    """Group one page's characters into words with their box (top measured from the top of the page) and size."""
    words: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    ordered = sorted(chars, key=lambda c: (round(height - c.y1), c.x0))
    for char in ordered:
        text = char.get_text()
        top, bottom = height - char.y1, height - char.y0
        if current is not None:
            same_line = abs(top - current["top"]) <= 2.0
            gap = char.x0 - current["x1"]
            if not same_line or gap > 0.25 * max(char.size, 1.0) or gap < -char.size or not text.strip():
                words.append(current)
                current = None
        if not text.strip():
            continue
        if current is None:
            current = {"text": "", "x0": char.x0, "x1": char.x1, "top": top, "bottom": bottom, "size": char.size}
        current["text"] += _plain(text)
        current["x1"] = char.x1
        current["bottom"] = max(current["bottom"], bottom)
        current["size"] = max(current["size"], char.size)
    if current is not None:
        words.append(current)
    return words


def _vertical_rules(items: list[Any], height: float) -> list[tuple[float, float, float]]:
    """The table's vertical rules on a page as (x, top, bottom): thin lines and the sides of drawn boxes."""
    from pdfminer.layout import LTCurve

    rules = []
    for item in items:
        if not isinstance(item, LTCurve) or item.height < 4:  # LTLine and LTRect are curves too
            continue
        top, bottom = height - item.y1, height - item.y0
        if item.width < 2:
            rules.append(((item.x0 + item.x1) / 2, top, bottom))
        elif type(item).__name__ == "LTRect":
            rules.extend([(item.x0, top, bottom), (item.x1, top, bottom)])
    return rules


def _lines(document: Any) -> tuple[list[_Line], dict[int, float], int, dict[int, list[tuple[float, float, float]]]]:
    """Every text line of the document, each page's height, the number of characters with text, and the rules."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    resources = PDFResourceManager(caching=True)
    device = PDFPageAggregator(resources, laparams=None)
    interpreter = PDFPageInterpreter(resources, device)
    lines: list[_Line] = []
    heights: dict[int, float] = {}
    rules: dict[int, list[tuple[float, float, float]]] = {}
    chars = 0
    for number, page in enumerate(PDFPage.create_pages(document), start=1):
        interpreter.process_page(page)
        layout = device.get_result()
        heights[number] = float(layout.height)
        items = list(layout)
        page_chars = [item for item in items if isinstance(item, LTChar)]
        rules[number] = _vertical_rules(items, layout.height)
        chars += sum(1 for c in page_chars if c.get_text().strip())
        current: _Line | None = None
        for word in _words(page_chars, layout.height):
            if current is not None and abs(word["top"] - current.top) <= 2.0:
                current.words.append(word)
                current.bottom = max(current.bottom, word["bottom"])
            else:
                current = _Line(number, word["top"], word["bottom"], [word])
                lines.append(current)
    return lines, heights, chars, rules


def _furniture(lines: list[_Line], heights: dict[int, float]) -> set[int]:
    """Indexes of running headers, footers and page numbers (near the top or bottom edge of a page)."""
    result = set()
    for index, line in enumerate(lines):
        height = heights[line.page]
        near_edge = line.top < height * 0.09 or line.bottom > height * 0.91
        if not near_edge:
            continue
        text = line.text.strip()
        lowered = text.lower()
        if _PAGE_NUMBER.match(text) or "minimum security criteria" in lowered or "|" in text:
            result.add(index)
    return result


def _text_edges(lines: list[_Line]) -> list[float]:
    """The x positions where many runs of text start (column left edges), found from the words that follow a gap."""
    counts: Counter[float] = Counter()
    for line in lines:
        previous_x1: float | None = None
        for word in line.words:
            if previous_x1 is None or float(word["x0"]) - previous_x1 > float(word["size"] or 8):
                counts[round(float(word["x0"]))] += 1
            previous_x1 = float(word["x1"])
    return sorted(x for x, count in counts.items() if count >= 3)


def _column_start(label: dict[str, Any], previous: dict[str, Any], rules: list[tuple[float, float, float]],
                  top: float, edges: list[float]) -> float:
    """Where the column of a header label starts (labels may be centred): the rule just left of it, else the text
    edge just left of it, else the label itself."""
    low, high = float(previous["x1"]), float(label["x0"]) + 1
    between = [x for x, rule_top, rule_bottom in rules if rule_top - 2 <= top <= rule_bottom + 2 and low <= x <= high]
    if between:
        return max(between)
    edge = [x - 1 for x in edges if low < x <= high]
    return max(edge) if edge else float(label["x0"]) - 2


def _header_at(lines: list[_Line], index: int, rules: list[tuple[float, float, float]],
               edges: list[float]) -> _Header | None:
    """The table header whose 'ID ... Criteria' line is lines[index], with its wrapped Must/Should parts."""
    line = lines[index]
    texts = [w["text"].lower() for w in line.words]
    if not texts or texts[0] not in ("id", "id#", "no.") or "criteria" not in texts[1:3]:
        return None
    criteria_word = line.words[texts.index("criteria", 1)]
    guidance_words = [w for w in line.words if w["text"].lower() in ("implementation", "guidance")]
    parts = {index}
    level_words = [w for w in line.words if _LEVEL_WORD.match(w["text"])]
    for other in (index - 1, index + 1):
        if 0 <= other < len(lines) and lines[other].page == line.page and abs(lines[other].top - line.top) < 2.5 * line.size:
            if all(_LEVEL_WORD.match(w["text"]) for w in lines[other].words):
                parts.add(other)
                level_words.extend(lines[other].words)
    criteria = _column_start(criteria_word, line.words[0], rules, line.top, edges)
    guidance = _column_start(guidance_words[0], criteria_word, rules, line.top, edges) if guidance_words else None
    level = None
    if level_words:
        first_level = min(level_words, key=lambda w: float(w["x0"]))
        level = _column_start(first_level, (guidance_words or [criteria_word])[-1], rules, line.top, edges)
    return _Header(criteria, guidance, level, frozenset(parts))


def _entity_name(lines: list[_Line]) -> str | None:
    """The entity type the document is for, as it names itself (title, running line, note or booklet cover)."""
    candidates: list[str] = []
    first_pages = [line for line in lines if line.page <= 3]
    for line in lines[:400]:
        text = " ".join(line.text.split())
        for pattern in (_TITLE, _BOOKLET, _BOOKLET_FOR, _NOT_APPLICABLE):
            match = pattern.search(text)
            if match:
                candidates.append(match.group("name").strip(" -–|"))
    cover = [line.text for line in first_pages if line.page == 1]
    if cover and any("booklet" in text.lower() or "workbook" in text.lower() for text in cover):
        candidates.extend(cover)
    for name in candidates:
        if entity_from_name(name):
            return name
    return candidates[0] if candidates else None


def read_msc_pdf(path: Path) -> MscDocument:
    """Recover every criterion row (ID, text, guidance, Must/Should) of an MSC PDF, page breaks and all."""
    document = _open(path)
    try:
        lines, heights, chars, rules = _lines(document)
    except TableError:
        raise
    except Exception as error:  # a damaged content stream or a page that forbids extraction
        name = type(error).__name__
        raise TableError(f"{path}: cannot read the PDF's text ({error or name})") from None
    pages = len(heights)
    if chars == 0:
        raise TableError(f"{path}: the PDF has no text layer (it looks like a scan); use CBP's original PDF, "
                         "or run it through OCR first")
    body = [line for line in lines if line.words]
    sizes = [float(w.get("size") or 0) for line in body for w in line.words]
    body_size = statistics.median(sizes) if sizes else 0.0
    skip = _furniture(body, heights)
    entity_name = _entity_name(body)

    rows: list[TableRow] = []
    intros: dict[int, str] = {}
    header: _Header | None = None
    mode = "outside"
    category: int | None = None
    intro = _Cell()
    current: dict[str, Any] | None = None

    def close_row() -> None:
        nonlocal current
        if current is not None:
            rows.append(TableRow(number=current["page"], id=current["id"], text=current["text"].joined(),
                                 guidance=current["guidance"].joined(), designation=current["designation"].joined(),
                                 category=str(category or ""), location=f"page {current['page']}"))
        current = None

    def close_intro() -> None:
        nonlocal intro
        if category is not None and intro.fragments and category not in intros:
            intros[category] = intro.joined()
        intro = _Cell()

    found_headers = {index: found for index in range(len(body))
                     if (found := _header_at(body, index, rules.get(body[index].page, []), [])) is not None}
    header_parts = {part for found in found_headers.values() for part in found.lines}
    edges = _text_edges([line for index, line in enumerate(body) if index not in skip and index not in header_parts])
    headers = {index: columns for index in found_headers
               if (columns := _header_at(body, index, rules.get(body[index].page, []), edges)) is not None}
    for index, line in enumerate(body):
        if index in headers:
            if mode == "intro":
                close_intro()
            header, mode = headers[index], "table"
            continue
        if index in skip or index in header_parts:
            continue
        words = line.words
        first = words[0]["text"]
        in_id_column = header is None or float(words[0]["x0"]) < header.criteria
        heading = None
        if _FOCUS_AREA.match(line.text):
            heading = "focus"
        elif _CATEGORY_HEADING.match(first) and in_id_column and len(words) > 1:
            heading = "category"
        elif body_size and line.size >= body_size * 1.25 and any(c.isalpha() for c in line.text):
            heading = "banner"
        if heading is not None:
            close_row()
            close_intro()
            mode = "intro" if heading == "category" or (heading == "banner" and line.text.isupper()) else "outside"
            category = None
            if heading == "category":
                category = int(first.rstrip("."))
                intro.add(" ".join(w["text"] for w in words[1:]))
            continue
        if mode == "intro":
            intro.add(line.text)
        elif mode == "table" and header is not None:
            cells: dict[str, list[str]] = {"id": [], "text": [], "guidance": [], "designation": []}
            for word in words:
                cells[header.column(word)].append(word["text"])
            starts_row = bool(cells["id"]) and _ID.match(cells["id"][0].rstrip(".")) is not None
            if starts_row:
                close_row()
                cid = cells["id"].pop(0).rstrip(".")
                current = {"id": cid, "page": line.page, "text": _Cell(), "guidance": _Cell(), "designation": _Cell()}
                if int(cid.split(".")[0]) != category:
                    category = int(cid.split(".")[0])
            if current is not None:
                current["designation"].add(" ".join(cells["id"] + cells["designation"]))
                current["text"].add(" ".join(cells["text"]))
                current["guidance"].add(" ".join(cells["guidance"]))
    close_row()
    close_intro()
    if not rows:
        raise TableError(f"{path}: not a CTPAT Minimum Security Criteria document (no table of criterion IDs with "
                         "Must/Should was found)")
    return MscDocument(rows, entity_name, entity_from_name(entity_name) if entity_name else None, pages, intros)
