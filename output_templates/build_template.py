"""Build output_templates/profile-template.docx, the docxtpl Word template of the profile draft.

Run from the repository root:  python output_templates/build_template.py
Each Jinja tag is written as exactly one run so Word's run splitting never breaks a tag. The result is an
ordinary .docx: restyle it in Word (or LibreOffice, saving as "Word 2007-365"), keeping the tags.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor

OUTPUT = Path(__file__).resolve().parent / "profile-template.docx"
FONT = "Arial"
MONO = "Courier New"
NAVY = RGBColor(0x1F, 0x38, 0x64)
BLUE = RGBColor(0x2F, 0x54, 0x96)
GREY = RGBColor(0x59, 0x59, 0x59)
RED = RGBColor(0xC0, 0x00, 0x00)
TEXT_WIDTH = Inches(6.5)
FIXED_DATE = "2026-01-01T00:00:00+00:00"


def _font(style, size: float, *, bold: bool = False, italic: bool = False, color: RGBColor | None = None,
          name: str = FONT) -> None:
    style.font.name = name
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    if color is not None:
        style.font.color.rgb = color
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]


def _paragraph_style(doc, name: str, base: str = "Normal"):
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base] if base else None
    style.quick_style = True
    return style


def _styles(doc) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    _font(normal, 10)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.1

    for name, size, color, before, after in (("Heading 1", 16, NAVY, 18, 6), ("Heading 2", 12, BLUE, 14, 4),
                                            ("Heading 3", 10.5, BLUE, 10, 3)):
        style = styles[name]
        _font(style, size, bold=True, color=color)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.keep_with_next = True
    styles["Heading 1"].paragraph_format.page_break_before = False

    _font(styles["Title"], 28, bold=True, color=NAVY)
    styles["Title"].paragraph_format.space_after = Pt(6)
    _font(styles["Subtitle"], 16, color=BLUE)
    styles["Subtitle"].paragraph_format.space_after = Pt(4)
    _font(styles["Quote"], 10, italic=True, color=GREY)
    styles["Quote"].paragraph_format.left_indent = Inches(0.3)
    for name in ("List Bullet", "List Bullet 2", "List Bullet 3", "List Continue", "List Continue 2",
                 "List Continue 3", "List Number"):
        _font(styles[name], 10)
        styles[name].paragraph_format.space_after = Pt(2)
    for index, name in enumerate(("List Continue", "List Continue 2", "List Continue 3")):
        fmt = styles[name].paragraph_format
        fmt.left_indent = Inches(0.25 * (index + 1))
        fmt.first_line_indent = Inches(-0.25)
        fmt.tab_stops.add_tab_stop(Inches(0.25 * (index + 1)))

    draft = _paragraph_style(doc, "Draft Mark")
    _font(draft, 44, bold=True, color=RED)
    draft.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    draft.paragraph_format.space_before = Pt(60)
    draft.paragraph_format.space_after = Pt(12)

    label = _paragraph_style(doc, "Label")
    _font(label, 8.5, bold=True, color=GREY)
    label.paragraph_format.space_before = Pt(6)
    label.paragraph_format.space_after = Pt(2)
    label.paragraph_format.keep_with_next = True

    response = _paragraph_style(doc, "Response Text")
    _font(response, 10)
    response.paragraph_format.space_after = Pt(6)

    code = _paragraph_style(doc, "Code Block")
    _font(code, 9, name=MONO)
    code.paragraph_format.left_indent = Inches(0.2)
    code.paragraph_format.space_after = Pt(4)

    table_text = _paragraph_style(doc, "Table Text")
    _font(table_text, 9)
    table_text.paragraph_format.space_after = Pt(0)
    table_text.paragraph_format.line_spacing = 1.0

    facts = _paragraph_style(doc, "Criterion Facts")
    _font(facts, 8.5, color=GREY)
    facts.paragraph_format.space_before = Pt(0)
    facts.paragraph_format.space_after = Pt(3)
    facts.paragraph_format.keep_with_next = True

    detail = _paragraph_style(doc, "Detail")
    _font(detail, 9)
    detail.paragraph_format.left_indent = Inches(0.2)
    detail.paragraph_format.space_after = Pt(2)

    small = _paragraph_style(doc, "Note")
    _font(small, 8.5, color=GREY)
    small.paragraph_format.space_before = Pt(4)

    note = _paragraph_style(doc, "Officer Note")
    _font(note, 10, italic=True, color=GREY)
    note.paragraph_format.space_before = Pt(18)

    checklist = _paragraph_style(doc, "Checklist")
    _font(checklist, 9.5)
    checklist.paragraph_format.left_indent = Inches(0.3)
    checklist.paragraph_format.first_line_indent = Inches(-0.3)
    checklist.paragraph_format.space_after = Pt(3)

    toc = _paragraph_style(doc, "toc 1")
    toc.element.set(qn("w:styleId"), "TOC1")
    _font(toc, 10.5)
    toc.paragraph_format.space_after = Pt(3)
    toc.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)

    inline_code = styles.add_style("Inline Code", WD_STYLE_TYPE.CHARACTER)
    _font(inline_code, 9, name=MONO)
    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    link.font.underline = True


def _field(paragraph, instruction: str, cached: str) -> None:
    """A complex field (PAGE, NUMPAGES, ...) with a cached result."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, cached), ("end", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == instruction:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = instruction
            run._r.append(instr)
        else:
            run.text = text


def _tag(doc, text: str, style: str | None = None):
    """A paragraph holding one tag (or text) in one run."""
    paragraph = doc.add_paragraph(style=style)
    paragraph.add_run(text)
    return paragraph


def _shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def _table(doc, widths: list[float], rows: int):
    """A fixed-layout table with light borders and the given column widths (inches) that fits the page."""
    table = doc.add_table(rows=rows, cols=len(widths))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(int(sum(widths) * 1440)))
    width.set(qn("w:type"), "dxa")
    for old in tbl_pr.findall(qn("w:tblW")):
        tbl_pr.remove(old)
    tbl_pr.append(width)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), "BFBFBF")
        borders.append(element)
    tbl_pr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge, size in (("top", 30), ("left", 80), ("bottom", 30), ("right", 80)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(size))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.append(margins)
    for index, column in enumerate(table.columns):
        column.width = Inches(widths[index])
        for cell in column.cells:
            cell.width = Inches(widths[index])
    return table


def _cell(cell, text: str, *, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = "Table Text"
    run = paragraph.add_run(text)
    run.bold = bold


def _row_flag(row, flag: str) -> None:
    """Set a row property such as tblHeader (repeat on each page) or cantSplit (keep the row on one page)."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement(f"w:{flag}"))


def _title_page(doc) -> None:
    _tag(doc, "DRAFT", "Draft Mark")
    _tag(doc, "CTPAT Security Profile", "Title")
    _tag(doc, "{{ company }}", "Subtitle")
    _tag(doc, "{{ entity_type }}")
    doc.add_paragraph()
    table = _table(doc, [1.7, 4.8], 5)
    for row, (label, tag) in zip(table.rows, (("Version", "{{ version }}"), ("Date", "{{ date }}"),
                                               ("Prepared by", "{{ prepared_by }}"),
                                               ("Readiness", "{{ readiness }}"),
                                               ("Catalog coverage", "{{ coverage_plain }}"))):
        _cell(row.cells[0], label, bold=True)
        _shade(row.cells[0], "F2F2F2")
        _cell(row.cells[1], tag)
    _tag(doc, "{{ readiness_definition }}", "Note")
    _tag(doc, "{{ officer_note }}", "Officer Note")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _contents(doc) -> None:
    _tag(doc, "Contents", "TOC Heading")
    _tag(doc, "{%p for entry in toc %}")
    _tag(doc, "{{ entry }}", "toc 1")  # ctpat adds the link and the page number field (PAGEREF) when rendering
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{{ contents_note }}", "Label")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _criteria(doc) -> None:
    _tag(doc, "{%p for s in sections %}")
    _tag(doc, "{%p if s.answered %}")
    _tag(doc, "{{ s.heading }}", "Heading 1")
    _tag(doc, "{{ s.note }}", "Note")
    _tag(doc, "{%p for c in s.answered %}")
    _tag(doc, "{{ c.heading }}", "Heading 2")
    _tag(doc, "{%p if layout == 'full' %}")
    table = _table(doc, [1.5, 5.0], 5)
    _cell(table.rows[0].cells[0], "Status", bold=True)
    _cell(table.rows[0].cells[1], "{{ c.status_label }}")
    _cell(table.rows[1].cells[0], "Portal", bold=True)
    _cell(table.rows[1].cells[1], "{{ c.portal }}")
    _cell(table.rows[2].cells[0], "{%tr for f in c.facts %}")
    _cell(table.rows[3].cells[0], "{{ f.label }}", bold=True)
    _cell(table.rows[3].cells[1], "{{r f.value }}")
    _cell(table.rows[4].cells[0], "{%tr endfor %}")
    for row in (0, 1, 3):
        _shade(table.rows[row].cells[0], "F2F2F2")
        _row_flag(table.rows[row], "cantSplit")
    _tag(doc, "{{ c.response_label }}", "Label")
    _tag(doc, "{%p else %}")
    _tag(doc, "{{ c.meta }}", "Criterion Facts")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{{p c.response }}")
    _tag(doc, "{%p for f in (c.extra_facts if layout != 'full' else []) %}")
    detail = doc.add_paragraph(style="Detail")
    detail.add_run("{{ f.label }}: ").bold = True
    detail.add_run("{{r f.value }}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p for n in c.review_notes %}")
    _tag(doc, "{{ n.line }}", "Note")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p if c.evidence %}")
    _tag(doc, "Evidence", "Label")
    _tag(doc, "{%p for e in c.evidence %}")
    _tag(doc, "{{r e.summary }}", "List Bullet")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p elif c.status != 'not_applicable' %}")
    _tag(doc, "No supporting document named yet.", "Label")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if c.checklist_note %}")
    _tag(doc, "{{ c.checklist_note }}", "Label")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endfor %}")


def _unanswered(doc) -> None:
    _tag(doc, "{%p if unanswered or probably_na %}")
    _tag(doc, "Criteria not yet answered", "Heading 1")
    _tag(doc, "{{ unanswered_summary }}")
    _tag(doc, "The portal asks each of them. The preparer answers each one, or records why it does not apply to "
              "the company; the review checklist does not repeat them.")
    _tag(doc, "{%p if unanswered %}")
    table = _table(doc, [0.65, 2.75, 1.2, 1.9], 4)
    for cell, text in zip(table.rows[0].cells, ("Criterion", "Title", "Designation", "Portal question")):
        _cell(cell, text, bold=True)
        _shade(cell, "D9E2F3")
    _row_flag(table.rows[0], "tblHeader")
    _row_flag(table.rows[2], "cantSplit")
    _cell(table.rows[1].cells[0], "{%tr for u in unanswered %}")
    for cell, text in zip(table.rows[2].cells, ("{{ u.id }}", "{{ u.title }}", "{{ u.designation }}",
                                                "{{ u.portal }}")):
        _cell(cell, text)
    _cell(table.rows[3].cells[0], "{%tr endfor %}")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if probably_na %}")
    _tag(doc, "Probably not applicable (to confirm)", "Heading 2")
    _tag(doc, "These criteria concern cargo, conveyances or sites that a {{ entity_type }} usually does not have. "
              "The preparer confirms each one with the reason offered (or a better one), or answers it.")
    _tag(doc, "{%p if probably_na_reason %}")
    _tag(doc, "The reason offered for each: \u201c{{ probably_na_reason }}\u201d", "Quote")
    table = _table(doc, [0.65, 3.5, 2.35], 4)
    for cell, text in zip(table.rows[0].cells, ("Criterion", "Title", "Portal question")):
        _cell(cell, text, bold=True)
        _shade(cell, "D9E2F3")
    _row_flag(table.rows[0], "tblHeader")
    _row_flag(table.rows[2], "cantSplit")
    _cell(table.rows[1].cells[0], "{%tr for u in probably_na %}")
    for cell, text in zip(table.rows[2].cells, ("{{ u.id }}", "{{ u.title }}", "{{ u.portal }}")):
        _cell(cell, text)
    _cell(table.rows[3].cells[0], "{%tr endfor %}")
    _tag(doc, "{%p else %}")
    table = _table(doc, [0.65, 2.0, 2.35, 1.5], 4)
    for cell, text in zip(table.rows[0].cells, ("Criterion", "Title", "Reason offered", "Portal question")):
        _cell(cell, text, bold=True)
        _shade(cell, "D9E2F3")
    _row_flag(table.rows[0], "tblHeader")
    _row_flag(table.rows[2], "cantSplit")
    _cell(table.rows[1].cells[0], "{%tr for u in probably_na %}")
    for cell, text in zip(table.rows[2].cells, ("{{ u.id }}", "{{ u.title }}", "{{ u.suggested_reason }}",
                                                "{{ u.portal }}")):
        _cell(cell, text)
    _cell(table.rows[3].cells[0], "{%tr endfor %}")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endif %}")


def _manifest(doc) -> None:
    _tag(doc, "Evidence upload manifest", "Heading 1")
    _tag(doc, "Every supporting document named in the answers, the portal section where it is uploaded, and its "
              "file name in the upload folder (one sub-folder per portal section, listed in upload/manifest.csv).")
    _tag(doc, "{%p if evidence %}")
    table = _table(doc, [0.72, 2.03, 0.8, 1.3, 1.65], 4)
    for cell, text in zip(table.rows[0].cells, ("Criterion", "Document", "Date", "Portal section", "Upload as")):
        _cell(cell, text, bold=True)
        _shade(cell, "D9E2F3")
    _row_flag(table.rows[0], "tblHeader")
    _row_flag(table.rows[2], "cantSplit")
    _cell(table.rows[1].cells[0], "{%tr for e in evidence %}")
    for cell, text in zip(table.rows[2].cells, ("{{ e.criterion }}", "{{r e.document }}", "{{ e.date }}",
                                                "{{ e.upload_section }}", "{{r e.upload }}")):
        _cell(cell, text)
    _cell(table.rows[3].cells[0], "{%tr endfor %}")
    _tag(doc, "{%p if evidence_note %}")
    _tag(doc, "{{ evidence_note }}", "Note")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p else %}")
    _tag(doc, "No supporting document is named yet.")
    _tag(doc, "{%p endif %}")


def _partners(doc) -> None:
    _tag(doc, "{%p if partners %}")
    _tag(doc, "Business partner register", "Heading 1")
    _tag(doc, "Every business partner in the screening program: its certification, risk level, when it was last "
              "screened, when the next screening is due, and the questionnaire or audit on record.")
    table = _table(doc, [1.1, 0.8, 0.62, 0.95, 0.62, 0.8, 0.8, 0.81], 4)
    for cell, text in zip(table.rows[0].cells, ("Partner", "Role", "Country", "Certification", "Risk",
                                                "Last screened", "Next due", "Evidence")):
        _cell(cell, text, bold=True)
        _shade(cell, "D9E2F3")
    _row_flag(table.rows[0], "tblHeader")
    _row_flag(table.rows[2], "cantSplit")
    _cell(table.rows[1].cells[0], "{%tr for p in partners %}")
    for cell, text in zip(table.rows[2].cells, ("{{ p.name }}", "{{ p.role }}", "{{ p.country }}",
                                                "{{ p.certification }}", "{{ p.risk }}", "{{ p.last_screened }}",
                                                "{{ p.next_due }}", "{{ p.evidence }}")):
        _cell(cell, text)
    _cell(table.rows[3].cells[0], "{%tr endfor %}")
    _tag(doc, "{%p endif %}")


def _checklist(doc) -> None:
    _tag(doc, "Review checklist", "Heading 1")
    _tag(doc, "What the automatic review found missing or unclear in the answers above, criterion by criterion, "
              "and whom to ask. The preparer updates the profile and prints a new draft; the preparer's detailed "
              "list is in profile.md.")
    _tag(doc, "{%p for f in officer_checklist %}")
    _tag(doc, "{{r f.summary }}", "Checklist")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p if not officer_checklist %}")
    _tag(doc, "Nothing is missing in the answered criteria.")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if accepted_findings %}")
    _tag(doc, "Accepted by the company", "Heading 2")
    _tag(doc, "{%p for f in accepted_findings %}")
    _tag(doc, "{{r f.plain_summary }}", "Checklist")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endif %}")


def _next_steps(doc) -> None:
    _tag(doc, "What happens next", "Heading 1")
    _tag(doc, "{%p for step in next_steps %}")
    _tag(doc, "{{ step }}", "List Number")
    _tag(doc, "{%p endfor %}")


def _cycle_annex(doc) -> None:
    """Annexes of the annual cycle: changes since the last submission, the review sign-off, the action plan; one
    short note instead for a first submission with no review and no actions yet."""
    _tag(doc, "{%p if cycle.quiet %}")
    _tag(doc, "First submission", "Heading 1")
    _tag(doc, "{{ cycle.first_note }}")
    _tag(doc, "{%p elif cycle.shown %}")
    _tag(doc, "Changes since the last submission", "Heading 1")
    _tag(doc, "{%p if cycle.history_note %}")
    _tag(doc, "{{ cycle.history_note }}")
    _tag(doc, "{%p elif cycle.first %}")
    _tag(doc, "No submission is on record: this is the first submission of the profile, so every answer is new.")
    _tag(doc, "{%p elif not cycle.changes %}")
    _tag(doc, "Nothing changed since {{ cycle.base }}.")
    _tag(doc, "{%p else %}")
    _tag(doc, "Compared with {{ cycle.base }}: {{ cycle.changed_count }} criteria changed. Only these portal boxes "
              "need updating. Removed words are shown as [-...-], added words as {+...+}.")
    _tag(doc, "{%p for ch in cycle.changes %}")
    _tag(doc, "{{ ch.heading }}", "Heading 2")
    _tag(doc, "{%p for line in ch.lines %}")
    _tag(doc, "{{ line }}", "List Bullet")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endif %}")
    _tag(doc, "Annual review sign-off", "Heading 1").paragraph_format.page_break_before = True  # a page to sign
    _tag(doc, "{%p if cycle.review_started %}")
    table = _table(doc, [2.0, 4.5], 4)
    for row, (label, tag) in zip(table.rows, (("Review led by", "{{ cycle.reviewer }}"),
                                               ("Review due", "{{ cycle.review_due }}"),
                                               ("Criteria reviewed", "{{ cycle.reviewed }} of {{ cycle.applicable }}"),
                                               ("Signed off", "{{ cycle.signed_off_by }} {{ cycle.signed_off_on }}"))):
        _cell(row.cells[0], label, bold=True)
        _shade(row.cells[0], "D9E2F3")
        _cell(row.cells[1], tag)
    doc.add_paragraph()
    review = _table(doc, [0.7, 2.4, 1.3, 1.2, 0.9], 4)
    for cell, text in zip(review.rows[0].cells, ("Criterion", "Title", "Review", "By", "On")):
        _cell(cell, text, bold=True)
        _shade(cell, "D9E2F3")
    _row_flag(review.rows[0], "tblHeader")
    _row_flag(review.rows[2], "cantSplit")
    _cell(review.rows[1].cells[0], "{%tr for r in cycle.review %}")
    for cell, text in zip(review.rows[2].cells, ("{{ r.criterion }}", "{{ r.title }}", "{{ r.state }}", "{{ r.by }}",
                                                 "{{ r.on }}")):
        _cell(cell, text)
    _cell(review.rows[3].cells[0], "{%tr endfor %}")
    doc.add_paragraph()
    _tag(doc, "Signed for the company: ______________________________    Date: ______________")
    _tag(doc, "{%p else %}")
    _tag(doc, "No annual review is recorded for this cycle yet{{ cycle.review_due_note }}.")
    _tag(doc, "{%p endif %}")
    _tag(doc, "Corrective-action plan", "Heading 1")
    _tag(doc, "{%p if cycle.actions %}")
    plan = _table(doc, [0.65, 0.7, 1.0, 1.2, 0.8, 0.75, 0.6, 0.8], 4)
    for cell, text in zip(plan.rows[0].cells, ("ID", "Criterion", "Gap", "Action", "Owner", "Due", "Status",
                                               "Closure evidence")):
        _cell(cell, text, bold=True)
        _shade(cell, "D9E2F3")
    _row_flag(plan.rows[0], "tblHeader")
    _row_flag(plan.rows[2], "cantSplit")
    _cell(plan.rows[1].cells[0], "{%tr for a in cycle.actions %}")
    for cell, text in zip(plan.rows[2].cells, ("{{ a.id }}", "{{ a.criterion }}", "{{ a.gap }}", "{{ a.action }}",
                                               "{{ a.owner }}", "{{ a.due }}", "{{ a.status }}",
                                               "{{ a.closure_evidence }}")):
        _cell(cell, text)
    _cell(plan.rows[3].cells[0], "{%tr endfor %}")
    _tag(doc, "{%p else %}")
    _tag(doc, "No corrective actions are recorded.")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endif %}")


def _header_footer(doc) -> None:
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.style = doc.styles["Header"]
    run = header.add_run("DRAFT \u00b7 {{ company }} \u00b7 CTPAT Security Profile \u00b7 version {{ version }}")
    run.font.size = Pt(8)
    run.font.color.rgb = GREY
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.style = doc.styles["Footer"] if "Footer" in [s.name for s in doc.styles] else None
    for text in ("Page ",):
        footer.add_run(text).font.size = Pt(8)
    _field(footer, " PAGE ", "1")
    footer.add_run(" of ").font.size = Pt(8)
    _field(footer, " NUMPAGES ", "1")
    for run in footer.runs:
        run.font.size = Pt(8)
        run.font.color.rgb = GREY


def _update_fields_on_open(doc) -> None:
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def _drop_thumbnail(doc) -> None:
    package = doc.part.package
    for r_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package.rels.pop(r_id)


def _core_properties(doc) -> None:
    import datetime as dt

    props = doc.core_properties
    stamp = dt.datetime.fromisoformat(FIXED_DATE)
    props.author = "ctpat-tui"
    props.last_modified_by = "ctpat-tui"
    props.title = "CTPAT Security Profile"
    props.subject = "CTPAT Security Profile draft"
    props.comments = "Template for ctpat-tui (docxtpl)."
    props.created = stamp
    props.modified = stamp
    props.revision = 1


def build() -> bytes:
    """The template as .docx bytes (deterministic: fixed dates and zip timestamps)."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    section.left_margin = section.right_margin = Inches(1)
    section.top_margin = Inches(0.9)
    section.bottom_margin = Inches(0.8)
    section.header_distance = section.footer_distance = Inches(0.4)
    _styles(doc)
    _title_page(doc)
    _contents(doc)
    _criteria(doc)
    _unanswered(doc)
    _checklist(doc)
    _partners(doc)
    _manifest(doc)
    _cycle_annex(doc)
    _next_steps(doc)  # the draft ends with what happens next
    _header_footer(doc)
    _update_fields_on_open(doc)
    _drop_thumbnail(doc)
    _core_properties(doc)
    raw = io.BytesIO()
    doc.save(raw)
    return _fixed_zip(raw.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    names = [info.filename for info in source.infolist()]
    ordered: list[str] = [n for n in ("[Content_Types].xml", "_rels/.rels") if n in names]
    ordered += sorted(n for n in dict.fromkeys(names) if n not in ordered)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()


def main() -> int:
    """Write the template next to this script."""
    OUTPUT.write_bytes(build())
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
