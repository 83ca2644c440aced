"""The questionnaire as a Word document, for partners who prefer to answer on paper or in Word."""

from __future__ import annotations

import io

from ctpat_tui.partners.questionnaire import RESPONDENT_FIELDS, STATUS_CHOICES, PartnerQuestionnaire, instructions


def _shade(cell, fill: str) -> None:  # type: ignore[no-untyped-def]
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def questionnaire_docx(q: PartnerQuestionnaire) -> bytes:
    """The Word version: the same header, instructions and questions, with boxes to write the answers in."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Arial", Pt(10)
    document.core_properties.title = f"Security questionnaire {q.reference} - {q.partner.name}"
    document.core_properties.author = q.company
    document.add_heading("Business partner security questionnaire", level=0)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    partner = f"{q.partner.name} ({q.partner.country})" if q.partner.country else q.partner.name
    for label, value in (("Partner", partner), ("Requested by", q.company), ("Reference", q.reference),
                         ("Issued", q.issued.isoformat()), ("Please return by", q.due.isoformat())):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
        cells[0].paragraphs[0].runs[0].bold = True
    document.add_heading("How to fill this in", level=1)
    for paragraph in instructions(q)[:-1]:
        document.add_paragraph(paragraph)
    document.add_paragraph(f"Write your answers in the shaded boxes and return the document to {q.company} by "
                           f"{q.due:%d %B %Y}. If you can, answer in the Excel file sent with it instead (the same "
                           "name, .xlsx): its answers are read back automatically.")
    document.add_heading("About you", level=1)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for _key, label in RESPONDENT_FIELDS:
        cells = table.add_row().cells
        cells[0].text = label
        _shade(cells[1], "FFF2CC")
    document.add_heading("Questions", level=1)
    boxes = "    ".join(f"\u2610 {choice}" for choice in STATUS_CHOICES)
    for question in q.questions:
        document.add_heading(f"{question.number}. {question.topic} (MSC {question.criterion}, "
                             f"{question.designation})", level=2)
        document.add_paragraph(question.text)
        document.add_paragraph(f"In place?    {boxes}")
        answer = document.add_table(rows=2, cols=1)
        answer.style = "Table Grid"
        for cell, label in zip(answer.rows, ("How you do it: what, how often, who, records",
                                             "Documents you can send as proof")):
            cell.cells[0].text = label
            cell.cells[0].paragraphs[0].runs[0].italic = True
            for _ in range(3 if label.startswith("How") else 1):
                cell.cells[0].add_paragraph("")
            _shade(cell.cells[0], "FFF2CC")
    section = document.sections[0]
    section.footer.paragraphs[0].text = f"{q.reference} - {q.partner.name}"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
