"""Test-made stand-ins for CBP's MSC PDFs: the same page layouts, with fixture text of our own.

Two layouts are drawn. The 2019/2020 edition (landscape): a title, a note that IDs are not sequential, focus-area
banners, numbered category headings with an introduction, then a four-column table (ID | Criteria | Implementation
Guidance | Must / Should, the last header wrapped over two lines) repeated on every page, with a running
"CTPAT Minimum Security Criteria - <type> | <edition>" line and "Page N". The older booklet (portrait): a cover and
a foreword, banner pages per focus area, category names in capitals, a three-column table whose ID cell carries
the Must/Should word under the ID, a running header and a bare page number. Rows break across pages in both.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
FOCUS_AREAS = {1: "Corporate Security", 5: "Transportation Security", 9: "People and Physical Security"}
ORDINALS = {1: "First", 5: "Second", 9: "Third"}
CATEGORY_NAMES = {
    1: "Security Vision & Responsibility", 2: "Risk Assessment", 3: "Business Partners", 4: "Cybersecurity",
    5: "Conveyance and Instruments of International Traffic Security", 6: "Seal Security",
    7: "Procedural Security", 8: "Agricultural Security", 9: "Physical Security", 10: "Physical Access Controls",
    11: "Personnel Security", 12: "Education, Training and Awareness",
}


@dataclass(frozen=True)
class Row:
    """One criterion as the fixture states it: text and guidance may hold forced line breaks (for hyphenation)."""

    id: str
    level: str  # "Must" or "Should"
    text: str
    guidance: str = ""

    @property
    def clean_text(self) -> str:
        """The text as the importer should recover it (hyphens of forced breaks removed, no ligature glyphs)."""
        return _clean(self.text)

    @property
    def clean_guidance(self) -> str:
        """The guidance as the importer should recover it."""
        return _clean(self.guidance)


def _clean(text: str) -> str:
    joined = text.replace("-\n", "").replace("\n", " ").replace("\ufb01", "fi").replace("\ufb02", "fl")
    return " ".join(joined.split())


@dataclass
class MscSpec:
    """A whole fixture document."""

    entity_title: str  # as the document names the entity type, e.g. "Highway Carriers"
    edition: str  # e.g. "March 2020"
    rows: list[Row]
    layout: str = "2020"  # "2020" (landscape, four columns) or "booklet" (portrait, older)
    ruled: bool = True
    running_header: bool = False  # 2019 edition: the running line at the top instead of the bottom
    centred_headers: bool = False  # column labels centred over their (ruled) columns
    intros: dict[int, str] = field(default_factory=dict)
    split_rows: list[str] = field(default_factory=list)  # filled while drawing: rows that continue on the next page

    def by_category(self) -> dict[int, list[Row]]:
        """Rows grouped by the category number of their ID, in document order."""
        groups: dict[int, list[Row]] = {}
        for row in self.rows:
            groups.setdefault(int(row.id.split(".")[0]), []).append(row)
        return dict(sorted(groups.items()))


_WORDS = {
    1: ("leadership", "security policy", "management review", "program owner", "company culture"),
    2: ("risk map", "threat review", "crisis plan", "scenario exercise", "route risk"),
    3: ("subcontracted carrier", "service provider", "partner screening", "security questionnaire", "audit visit"),
    4: ("user account", "password rule", "software update", "backup copy", "network alert"),
    5: ("tractor", "trailer", "conveyance inspection", "checklist photo", "GPS tracking", "cab storage"),
    6: ("high security seal", "seal log", "bolt seal", "seal verification", "seal stock"),
    7: ("cargo count", "shipping document", "driver log", "discrepancy report", "pickup record"),
    8: ("pest contamination", "wood packaging", "visible soil", "clean floor", "pest sighting"),
    9: ("perimeter fence", "gate", "lighting", "camera", "parking area"),
    10: ("badge", "visitor log", "guard post", "key control", "delivery check"),
    11: ("background check", "hiring record", "code of conduct", "exit procedure", "identity check"),
    12: ("security briefing", "threat awareness course", "refresher class", "training log", "drill"),
}
_VERBS = ("keep written steps for", "check", "record", "review each", "train staff on", "report problems with",
          "assign an owner to", "test", "verify")
_GLUE = ("and keep the result on file.", "at set intervals and after any incident.", "before each trip.",
         "so that a gap is found early.", "with a named person who signs off.", "and correct what falls short.")


def sentence_bank(cid: str, sentences: int, *, seed: str = "") -> str:
    """Deterministic filler in our own words about the category's topics (varies with the ID)."""
    rng = random.Random(f"{cid}:{seed}")
    topics = _WORDS[int(cid.split(".")[0])]
    parts = []
    for _ in range(sentences):
        parts.append(f"Members {rng.choice(_VERBS)} the {rng.choice(topics)} {rng.choice(_GLUE)}")
    return " ".join(parts)


def generated_rows(levels: Iterable[tuple[str, str]], *, guidance_every: int = 2) -> list[Row]:
    """Rows for (ID, Must/Should) pairs, with text of 1-4 sentences and guidance on some of them."""
    rows = []
    for index, (cid, level) in enumerate(levels):
        text = sentence_bank(cid, 1 + index % 4)
        guidance = sentence_bank(cid, 1 + (index * 7) % 6, seed="g") if index % guidance_every == 0 else ""
        rows.append(Row(cid, level, text, guidance))
    return rows


class _Writer:
    """Draws an MSC-like document page by page with fpdf2."""

    def __init__(self, spec: MscSpec) -> None:
        from fpdf import FPDF

        self.spec = spec
        booklet = spec.layout == "booklet"
        self.pdf = FPDF(orientation="P" if booklet else "L", unit="pt", format="letter")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_creator("ctpat-tui test suite")
        self.unicode = (DEJAVU / "DejaVuSans.ttf").is_file()
        if self.unicode:
            self.pdf.add_font("Body", "", str(DEJAVU / "DejaVuSans.ttf"))
            self.pdf.add_font("Body", "B", str(DEJAVU / "DejaVuSans-Bold.ttf"))
            self.family = "Body"
        else:  # pragma: no cover - machines without DejaVu draw with a core font
            self.family = "Helvetica"
        self.width, self.height = self.pdf.w, self.pdf.h
        self.margin = 42.0
        self.bottom = self.height - 60
        self.page_number = 0
        self.size, self.leading = 8.5, 11.0
        usable = self.width - 2 * self.margin
        if booklet:
            widths = [0.13, 0.44, 0.43]
            self.headers = ["ID", "Criteria", "Implementation Guidance"]
        else:
            widths = [0.06, 0.40, 0.44, 0.10]
            self.headers = ["ID", "Criteria", "Implementation Guidance", "Must /\nShould"]
        self.columns: list[tuple[float, float]] = []
        x = self.margin
        for share in widths:
            self.columns.append((x, usable * share))
            x += usable * share
        self.y = 0.0

    def text(self, value: str) -> str:
        if self.unicode:
            return value
        return value.replace("\u2013", "-").replace("\ufb01", "fi").replace("\ufb02", "fl")  # pragma: no cover

    def font(self, size: float, bold: bool = False) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size)

    def lines(self, text: str, width: float) -> list[str]:
        result: list[str] = []
        for paragraph in self.text(text).split("\n"):
            result.extend(self.pdf.multi_cell(width - 8, self.leading, paragraph, dry_run=True, output="LINES")
                          or [""])
        return result

    def new_page(self) -> None:
        if self.page_number:
            self.furniture_bottom()
        self.pdf.add_page()
        self.page_number += 1
        self.y = self.margin + 18
        spec = self.spec
        if spec.layout == "booklet" and self.page_number > 1:
            self.font(7.5)
            self.pdf.text(self.margin, 28, self.text(f"{spec.entity_title.upper()}  |  Minimum Security Criteria Booklet"))
        elif spec.running_header:
            self.font(7.5)
            self.pdf.text(self.margin, 26, self.text(f"CTPAT Minimum Security Criteria \u2013 {spec.entity_title} | {spec.edition}"))
            self.pdf.text(self.margin, 36, f"Page {self.page_number}")

    def furniture_bottom(self) -> None:
        spec = self.spec
        self.font(7.5)
        if spec.layout == "booklet":
            if self.page_number > 1:
                self.pdf.text(self.width / 2, self.height - 24, str(self.page_number))
        elif not spec.running_header:
            self.pdf.text(self.margin, self.height - 34,
                          self.text(f"CTPAT Minimum Security Criteria \u2013 {spec.entity_title} | {spec.edition}"))
            self.pdf.text(self.width - self.margin - 40, self.height - 22, f"Page {self.page_number}")

    def paragraph(self, text: str, size: float, bold: bool = False, gap: float = 6) -> None:
        self.font(size, bold)
        leading = size * 1.3
        for line in self.pdf.multi_cell(self.width - 2 * self.margin, leading, self.text(text), dry_run=True,
                                        output="LINES"):
            if self.y + leading > self.bottom:
                self.new_page()
                self.font(size, bold)
            self.y += leading
            self.pdf.text(self.margin, self.y, line)
        self.y += gap

    def table_header(self) -> None:
        self.font(self.size, bold=True)
        top = self.y
        height = 2 * self.leading + 4
        for (x, width), label in zip(self.columns, self.headers):
            parts = label.split("\n")

            def left(part: str, x: float = x, width: float = width) -> float:
                return x + (width - self.pdf.get_string_width(part)) / 2 if self.spec.centred_headers else x + 4

            if len(parts) == 1:  # one-line labels sit between the two lines of "Must /" over "Should"
                self.pdf.text(left(parts[0]), top + self.leading * 1.5 + 1, parts[0])
            for number, part in enumerate(parts if len(parts) > 1 else []):
                self.pdf.text(left(part), top + self.leading * (number + 1) + 1, part)
        if self.spec.ruled:
            self.pdf.set_fill_color(225, 225, 225)
            self._box(top, top + height)
        self.y = top + height

    def _box(self, top: float, bottom: float) -> None:
        left = self.columns[0][0]
        right = self.columns[-1][0] + self.columns[-1][1]
        self.pdf.line(left, top, right, top)
        self.pdf.line(left, bottom, right, bottom)
        for x, _w in self.columns:
            self.pdf.line(x, top, x, bottom)
        self.pdf.line(right, top, right, bottom)

    def row(self, row: Row) -> None:
        booklet = self.spec.layout == "booklet"
        self.font(self.size)
        cells = [[row.id, row.level] if booklet else [row.id], self.lines(row.text, self.columns[1][1]),
                 self.lines(row.guidance, self.columns[2][1]) if row.guidance else []]
        if not booklet:
            cells.append([row.level])
        count = max(len(c) for c in cells)
        if self.y + self.leading > self.bottom:  # a row starts wherever one line still fits, as Word's rows do
            self.page_break()
            self.font(self.size)
        top = self.y
        for index in range(count):
            if self.y + self.leading > self.bottom:
                if self.spec.ruled:
                    self._box(top, self.y + 3)
                self.spec.split_rows.append(row.id)
                self.page_break()
                self.font(self.size)
                top = self.y
            self.y += self.leading
            for (x, _w), lines in zip(self.columns, cells):
                if index < len(lines) and lines[index]:
                    self.pdf.text(x + 4, self.y, lines[index])
        self.y += 5
        if self.spec.ruled:
            self._box(top, self.y)

    def page_break(self) -> None:
        self.new_page()
        self.table_header()

    def category(self, number: int) -> None:
        spec = self.spec
        intro = spec.intros.get(number) or (
            f"This part of the fixture introduces {CATEGORY_NAMES[number].lower()}: it explains in a sentence or two "
            f"why the {_WORDS[number][0]} and the {_WORDS[number][1]} matter to the member's supply chain."
        )
        if spec.layout == "booklet":
            if number in FOCUS_AREAS:
                self.new_page()
                self.y = self.height / 3
                self.paragraph(FOCUS_AREAS[number].upper(), 26, bold=True, gap=30)
                self.paragraph(f"Focus area of the fixture booklet: {intro}", 10)
                self.new_page()
            elif self.y > self.bottom - 120:
                self.new_page()
            self.paragraph(CATEGORY_NAMES[number].upper(), 14, bold=True, gap=4)
            self.paragraph(intro, 9.5, gap=8)
        else:
            if number in FOCUS_AREAS:
                if self.y > self.bottom - 160:
                    self.new_page()
                self.paragraph(f"{ORDINALS[number]} Focus Area: {FOCUS_AREAS[number]}", 11, bold=True)
            elif self.y > self.bottom - 100:
                self.new_page()
            self.paragraph(f"{number}. {CATEGORY_NAMES[number]} \u2013 {intro}", 9.5, gap=8)
        self.table_header()

    def build(self, path: Path) -> Path:
        spec = self.spec
        self.new_page()
        if spec.layout == "booklet":
            self.y = self.height / 3
            self.paragraph(spec.entity_title.upper(), 30, bold=True, gap=10)
            self.paragraph("Minimum Security Criteria Booklet", 22, bold=True, gap=10)
            self.paragraph(spec.edition, 16)
            self.new_page()
            self.paragraph("FOREWORD", 14, bold=True)
            self.paragraph("This fixture booklet stands in for the printed criteria of one entity type. It is drawn by "
                           "the ctpat-tui test suite so that the importer can be tried on the older booklet layout, "
                           "with a cover, this foreword, banner pages and running headers.", 10)
        else:
            self.paragraph(f"Minimum Security Criteria \u2013 {spec.entity_title}", 16, bold=True, gap=2)
            self.paragraph(spec.edition, 12)
            self.paragraph("Note: Criteria ID numbers may not be sequential. ID numbers not listed are not applicable "
                           f"to {spec.entity_title}.", 9)
        for number, rows in spec.by_category().items():
            self.category(number)
            for row in rows:
                self.row(row)
        self.furniture_bottom()
        path.parent.mkdir(parents=True, exist_ok=True)
        self.pdf.output(str(path))
        return path


def build_msc_pdf(spec: MscSpec, path: Path, *, user_password: str | None = None) -> Path:
    """Draw `spec` as a PDF at `path` (password-protected when `user_password` is given)."""
    writer = _Writer(spec)
    if user_password is not None:
        writer.pdf.set_encryption(owner_password="fixture-owner", user_password=user_password)
    return writer.build(path)


def build_scanned_pdf(path: Path) -> Path:
    """A PDF whose only page is a picture of text (no text layer), as a scanner makes."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    image = Image.new("L", (850, 1100), 255)
    draw = ImageDraw.Draw(image)
    for line in range(30):
        draw.text((60, 60 + line * 30), f"{line + 1}.1  Scanned criterion line {line + 1}  Must", fill=0)
    pdf = FPDF(unit="pt", format="letter")
    pdf.add_page()
    pdf.image(image, x=0, y=0, w=pdf.w, h=pdf.h)
    pdf.output(str(path))
    return path


def build_plain_pdf(path: Path, paragraphs: Iterable[str]) -> Path:
    """An ordinary text PDF that is not an MSC document (an invoice, a letter)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="letter")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 14, paragraph)
        pdf.ln(6)
    pdf.output(str(path))
    return path


# --- the fixture documents the tests use -------------------------------------------------------------------------

HIGHWAY_LEVELS: list[tuple[str, str]] = [
    ("1.1", "Should"), ("1.2", "Should"), ("1.3", "Must"), ("1.4", "Must"),
    ("2.1", "Must"), ("2.2", "Must"), ("2.4", "Should"),
    ("3.1", "Must"), ("3.4", "Must"), ("3.5", "Must"), ("3.8", "Must"),
    ("4.1", "Must"), ("4.2", "Must"), ("4.8", "Must"),
    ("5.1", "Must"), ("5.2", "Must"), ("5.3", "Must"), ("5.4", "Must"), ("5.5", "Should"), ("5.6", "Should"),
    ("5.7", "Should"), ("5.8", "Should"), ("5.9", "Must"), ("5.10", "Should"), ("5.11", "Must"),
    ("5.14", "Should"), ("5.15", "Should"), ("5.16", "Should"), ("5.24", "Should"), ("5.29", "Must"),
    ("6.1", "Must"), ("6.2", "Must"), ("6.3", "Must"), ("6.6", "Must"), ("6.7", "Must"), ("6.10", "Should"),
    ("7.1", "Must"), ("7.2", "Must"), ("7.6", "Must"), ("7.7", "Should"), ("7.23", "Must"), ("7.24", "Must"),
    ("7.27", "Must"), ("7.30", "Should"), ("7.31", "Must"), ("7.37", "Must"),
    ("8.1", "Must"),
    ("9.1", "Must"), ("9.4", "Must"),
    ("10.1", "Must"), ("10.3", "Must"),
    ("11.1", "Must"), ("11.5", "Must"),
    ("12.1", "Must"), ("12.4", "Should"),
]


def _highway_rows(guidance_every: int = 2) -> list[Row]:
    """The highway carrier criteria, with hand-written rows for hyphenation, ligatures and a very long cell."""
    rows = generated_rows(HIGHWAY_LEVELS, guidance_every=guidance_every)
    special = {
        "5.2": Row("5.2", "Must", "Drivers inspect the tractor and the trailer at every pickup, using a written con-\n"
                   "veyance checklist of the places where something could be hidden, and sign it.",
                   "Walk the seven points of the tractor and the eight of the trailer. Note the \ufb01ndings and "
                   "keep \ufb02oor and roof photos where the checklist asks for them."),
        "5.9": Row("5.9", "Must", "Conveyances are tracked during the whole trip and an alert is raised when a truck "
                   "stops where the route plan does not allow it.",
                   "A tracking provider or the dispatcher watches positions; note who answers alerts at night. "
                   * 16),
        "7.31": Row("7.31", "Must", "Drivers report any attempt to stop or board the conveyance on the way; the report "
                    "reaches the security lead the same day.", ""),
    }
    return [special.get(row.id, row) for row in rows]


def highway_carrier_spec(*, ruled: bool = True) -> MscSpec:
    """March 2020 highway carrier document: 55 criteria across all 12 categories, hyphenation and ligatures."""
    return MscSpec("Highway Carriers", "March 2020", _highway_rows(), ruled=ruled)


FM_LEVELS: list[tuple[str, str]] = [
    ("1.1", "Should"), ("1.2", "Should"), ("2.1", "Must"), ("3.1", "Must"), ("3.9", "Should"), ("4.1", "Must"),
    ("5.1", "Should"), ("5.2", "Must"), ("5.3", "Must"), ("5.12", "Should"), ("6.1", "Must"), ("6.2", "Must"),
    ("6.5", "Must"), ("7.2", "Must"), ("7.4", "Must"), ("7.5", "Should"), ("7.8", "Should"), ("7.29", "Should"),
    ("8.1", "Must"), ("9.1", "Must"), ("10.1", "Must"), ("11.1", "Must"), ("12.1", "Must"),
]


def foreign_manufacturer_spec() -> MscSpec:
    """November 2019 foreign manufacturer document, unruled with centred column labels, running line at the top."""
    return MscSpec("Foreign Manufacturers", "November 2019", generated_rows(FM_LEVELS, guidance_every=1),
                   ruled=False, running_header=True, centred_headers=True)


TPL_LEVELS: list[tuple[str, str]] = [
    ("1.1", "Should"), ("2.1", "Must"), ("3.1", "Must"), ("4.1", "Must"), ("5.1", "Should"), ("5.2", "Must"),
    ("5.4", "Must"), ("6.1", "Must"), ("6.3", "Must"), ("7.1", "Must"), ("7.6", "Must"), ("7.27", "Should"),
    ("7.28", "Should"), ("8.1", "Must"), ("9.1", "Must"), ("10.1", "Must"), ("11.1", "Must"), ("12.1", "Must"),
]


def third_party_logistics_spec() -> MscSpec:
    """March 2020 3PL document, ruled, with the column labels centred over their columns."""
    return MscSpec("3PLs", "March 2020", generated_rows(TPL_LEVELS, guidance_every=3), centred_headers=True)


def booklet_spec() -> MscSpec:
    """April 2019 highway carrier booklet (the older layout): the same criteria, unruled, portrait."""
    return MscSpec("Highway Carriers", "April 2019", _highway_rows(guidance_every=3), layout="booklet", ruled=False)
