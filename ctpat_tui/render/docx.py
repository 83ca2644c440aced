"""The Word draft (profile.docx): docxtpl context from the view, rendered in a sandbox with autoescape."""

from __future__ import annotations

import datetime as dt
import io
import re
import traceback
import warnings
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate, RichText
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from lxml import etree
from lxml.etree import XMLSyntaxError
from markupsafe import escape

from ctpat_tui import __version__
from ctpat_tui.render.anchors import Anchors, add_custom_part, draft_properties
from ctpat_tui.render.cycle_view import FIRST_SUBMISSION_HEADING
from ctpat_tui.render.docx_lint import lint_docx
from ctpat_tui.render.errors import RenderError
from ctpat_tui.render.evidence import EvidenceItem
from ctpat_tui.render.md_to_word import to_paragraphs, to_runs
from ctpat_tui.render.pages import Layout
from ctpat_tui.render.officer import OfficerLine, officer_checklist, officer_phrase, plain_words, unanswered_summary
from ctpat_tui.render.usertext import plain_text
from ctpat_tui.render.view import IMPORT_HINT, CriterionView, FindingView, ProfileView, SectionView
from ctpat_tui.render.zipfix import deterministic_zip
from ctpat_tui.resources import output_templates_dir

LinkId = Callable[[str], str]
OFFICER_NOTE = ("This is a draft for internal review, not a submission. The Company Officer reviews it and submits "
                "the Security Profile in the CTPAT Portal.")
PROBLEM_COLOR = "C00000"
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_AUTOESCAPE_TAG = re.compile(r"\{%[-+]?\s*autoescape\b")


def default_template() -> Path:
    """The bundled Word template."""
    return output_templates_dir() / "profile-template.docx"


class WordSandbox(ImmutableSandboxedEnvironment):
    """A sandbox whose autoescape a template cannot switch off (unescaped text silently vanishes from a .docx)."""

    def preprocess(self, source: str, name: str | None = None, filename: str | None = None) -> str:
        """Refuse {% autoescape %} blocks before parsing."""
        found = _AUTOESCAPE_TAG.search(source)
        if found:
            raise TemplateSyntaxError("{% autoescape %} is not allowed in a Word template (values must stay escaped)",
                                      source.count("\n", 0, found.start()) + 1, name, filename)
        return super().preprocess(source, name, filename)


def sandbox() -> ImmutableSandboxedEnvironment:
    """The Jinja environment for Word templates: no code, no files, autoescaped, undefined names are errors."""
    environment = WordSandbox(autoescape=True, undefined=StrictUndefined)
    environment.filters["safe"] = escape  # `|safe` still shows the value as typed instead of reading it as XML
    return environment


def _folder_section(folder: str) -> str:
    """'Upper Management (its criterion's)' from the bundle folder '01 Upper Management'."""
    name = folder.split(" ", 1)[1] if " " in folder and folder[:2].isdigit() else folder
    return f"{name} (from its criterion)" if name and not folder.startswith("00") else ""


def _evidence(item: EvidenceItem, link_id: LinkId, section: str = "") -> dict[str, Any]:
    summary = RichText()
    summary.add(item.title or item.ref or "Untitled document", bold=True)
    details = [f"ref {item.ref}" if item.ref and item.title else "", item.date,
               f"portal section: {item.portal_section}" if item.portal_section and
               item.portal_section != section else "",
               f"upload as {item.upload_path}" if item.upload_path else ""]
    text = " \u00b7 ".join(d for d in details if d)
    if text:
        summary.add(f" \u00b7 {text}")
    if item.is_problem:
        summary.add(f" \u00b7 {item.status_text}", bold=item.is_problem, color=PROBLEM_COLOR if item.is_problem else None)
    document = RichText()
    document.add(item.title or "Untitled document", bold=True)
    if item.ref:
        document.add(f"\n{item.ref}")
    upload = RichText()
    if item.upload_path:
        upload.add(item.bundled_name)
    if item.status not in ("ok", "not checked", "no file"):
        upload.add(("\n" if item.upload_path else "") + item.status_text, bold=item.is_problem,
                   color=PROBLEM_COLOR if item.is_problem else None, italic=not item.is_problem)
    return {
        "criterion": item.criterion, "criterion_title": item.criterion_title, "title": item.title, "ref": item.ref,
        "date": item.date, "portal_section": item.portal_section, "file": item.file,
        "bundled_name": item.bundled_name, "bundled_path": item.upload_path, "status": item.status,
        "status_text": item.status_text, "problem": item.is_problem, "sha256": item.sha256,
        "recorded_sha256": item.recorded_sha256, "summary": summary, "document": document, "upload": upload,
        "upload_section": item.portal_section or _folder_section(item.folder),
    }


def _finding(finding: FindingView, criteria: tuple[str, ...] = ()) -> dict[str, Any]:
    summary = RichText()
    summary.add("\u2610 " if not finding.accepted_reason else "\u2612 ")
    if len(criteria) > 1:
        shown = ", ".join(criteria[:12]) + (", \u2026" if len(criteria) > 12 else "")
        summary.add(f"{finding.rule} on {len(criteria)} criteria", bold=True)
        summary.add(f" ({finding.severity}; {shown}): ")
        to_runs(re.sub(r"'[^']*'", "\u2026", finding.message), rich=summary)
    else:
        where = f"{finding.criterion} " if finding.criterion else ""
        summary.add(f"{where}{finding.rule}", bold=True)
        field = f", {finding.field}" if finding.field else ""
        summary.add(f" ({finding.severity}{field}): ")
        to_runs(finding.message, rich=summary)
    if finding.suggestion:
        summary.add(" \u2014 ")
        to_runs(finding.suggestion, italic=True, rich=summary)
    if finding.accepted_reason:
        summary.add(f" \u2014 accepted: {finding.accepted_reason}")
    plain = RichText()
    plain.add("\u2612 " if finding.accepted_reason else "\u2610 ")
    plain.add(f"{finding.criterion} " if finding.criterion else "", bold=True)
    plain.add(officer_phrase(finding) or plain_words(finding.message))
    if finding.accepted_reason:
        plain.add(f" \u2014 accepted: {finding.accepted_reason}", italic=True)
    return {
        "plain_summary": plain,
        "criterion": finding.criterion, "rule": finding.rule, "severity": finding.severity, "field": finding.field,
        "message": finding.message, "suggestion": finding.suggestion, "accepted_reason": finding.accepted_reason,
        "criteria": list(criteria or (finding.criterion,)), "summary": summary,
    }


_WORD = re.compile(r"[^\W_]+")


def adds_something(value: str, response: str) -> bool:
    """True when `value` says something the response does not: its words do not all appear there, in order."""
    words = iter(w.lower() for w in _WORD.findall(response))
    return not all(any(w == word for w in words) for word in (v.lower() for v in _WORD.findall(value)))


def _meta(view: CriterionView) -> str:
    parts = [view.designation_label, view.status_label or "status not set"]
    if view.portal:
        parts.append(f"Portal: {view.portal}")
    if view.over_limit:
        parts.append(f"{view.length:,} characters, over the portal limit")
    return " \u00b7 ".join(parts)


RESPONSE_TARGETS = {"not_applicable": "na_reason"}


def _fact(view: CriterionView, fact: Any, link_id: LinkId, anchors: Anchors | None) -> dict[str, Any]:
    value = to_runs(fact.value, link_id)
    if anchors is not None and fact.field:
        value = anchors.runs(value, view.id, fact.field, fact.label, fact.value)
    return {"label": fact.label, "text": fact.value, "value": value}


def _criterion(view: CriterionView, link_id: LinkId, anchors: Anchors | None = None) -> dict[str, Any]:
    response = to_paragraphs(view.response, link_id, empty="No response yet.")
    if anchors is not None:
        response = anchors.paragraphs(response, view.id, RESPONSE_TARGETS.get(view.response_source, "narrative"),
                                      f"Response ({view.source_label})", view.response)
    label = f"Response ({view.source_label}"
    if view.response:
        label += f", {view.length:,} characters"
        if view.over_limit:
            label += ", over the portal limit"
    label += ")"
    return {
        "id": view.id, "title": view.title, "heading": f"{view.id}  {view.title}", "section": view.section,
        "section_assumed": view.section_assumed, "designation": view.designation_label,
        "level": view.designation.level, "confidence": view.designation.confidence, "assumed": view.assumed,
        "basis": view.designation.basis, "required": view.designation.required, "status": view.status,
        "status_label": view.status_label or "not set", "na_reason": view.na_reason,
        "response": response,
        "response_text": plain_text(view.response), "response_source": view.response_source,
        "response_source_label": view.source_label, "response_label": label, "response_length": view.length,
        "over_limit": view.over_limit,
        **{name: view.details[name] for name in ("controls", "frequency", "owner", "records", "escalation",
                                                  "narrative")},
        "facts": [_fact(view, f, link_id, anchors) for f in view.facts[1:]],
        "extra_facts": [_fact(view, f, link_id, anchors)
                        for f in view.facts[2:] if f.value.strip() and view.status != "not_applicable"
                        and adds_something(f.value, view.response)],
        "portal": view.portal, "meta": _meta(view), "unanswered": view.unanswered,
        "evidence": [_evidence(item, link_id, view.section) for item in view.evidence],
        "findings": [_finding(f) for f in view.findings],
        "findings_note": view.findings_note,
        "review_notes": [{"author": n.author, "date": n.date, "text": n.text,
                          "line": f"Review note ({', '.join(p for p in (n.author, n.date) if p) or 'reviewer'}): "
                                  f"{n.text}"} for n in view.review_notes],
    }


def _officer_line(line: OfficerLine) -> dict[str, Any]:
    summary = RichText()
    summary.add("\u2610 ")
    summary.add(f"{line.criterion} {line.title}".strip(), bold=True)
    if line.designation:
        summary.add(f" \u00b7 {line.designation.replace(' (assumed)', '')} \u00b7 {line.status.lower()}")
    summary.add(".")
    if line.before_submitting:
        summary.add(" Needed before submitting: ", bold=True)
        summary.add("; ".join(line.before_submitting) + ".")
    if line.worth_improving:
        summary.add(" Worth improving: ", bold=True)
        summary.add("; ".join(line.worth_improving) + ".")
    if line.ask:
        summary.add(f" Ask: {line.ask}.", italic=True)
    return {"criterion": line.criterion, "title": line.title, "before_submitting": list(line.before_submitting),
            "worth_improving": list(line.worth_improving), "ask": line.ask, "summary": summary}


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"


def next_steps(view: ProfileView) -> list[str]:
    """What happens after this draft, and who submits in the portal."""
    preparer = f"The preparer ({view.prepared_by.splitlines()[0]})" if view.prepared_by.strip() else "The preparer"
    company = view.company or "the company"
    missing = sum(1 for c in view.unanswered if not c.suggested_na)
    likely_na = len(view.unanswered) - missing
    work = []
    if missing:
        work.append(f"answers the {_plural(missing, 'criterion', 'criteria')} not yet answered")
    if likely_na:
        work.append(f"confirms the {_plural(likely_na, 'criterion', 'criteria')} that probably do"
                    f"{'es' if likely_na == 1 else ''} not apply")
    if view.open_findings:
        work.append("deals with each line of the review checklist")
    joined = ", ".join(work[:-1]) + (" and " if len(work) > 1 else "") + work[-1] if work else ""
    first = (f"{preparer} {joined}, then prints a new draft." if work else
             f"{preparer} makes any changes the Company Officer asks for and prints the final draft.")
    return [
        first,
        f"The Company Officer reads the draft and confirms that every response is true for {company} today.",
        "The Company Officer signs in to the CTPAT Portal and submits the Security Profile: CBP requires the "
        "Company Officer to do this, not the preparer or a consultant. Each response is pasted into the portal "
        "question named beside its criterion (the same text is in portal-responses.txt), and the documents in the "
        "evidence upload manifest are uploaded to the portal sections it names (they are in the upload folder).",
        "CBP's Supply Chain Security Specialist reviews the profile and may ask questions through the portal; the "
        "Company Officer answers them there.",
        "Each year the profile is reviewed again in the portal (the annual review window opens 90 days before the "
        "company's CTPAT anniversary date); rendering a new draft from the same profile file is the starting point.",
    ]


def _evidence_note(view: ProfileView) -> str:
    without = sum(1 for item in view.evidence if item.status == "no file")
    if not without:
        return ""
    total = len(view.evidence)
    names = "names no file" if without == 1 else "name no file"
    whole = "The document" if total == 1 else ("All " + str(total) + " documents" if without == total
                                               else f"{without} of the {total} documents")
    return (f"{whole} {names} in the profile, so the upload folder cannot carry "
            f"{'it' if without == 1 else 'them'}: upload {'it' if without == 1 else 'them'} from the company's "
            "own records, or add the file to the profile.")


def _section_note(section: SectionView) -> str:
    """'Portal section · 1 of 4 criteria ready · 3 not yet answered (listed under ...)'."""
    parts = ["Portal section"]
    if section.readiness:
        parts.append(section.readiness)
    missing = len(section.unanswered)
    if missing:
        parts.append(f"{missing} not yet answered (listed under \u201cCriteria not yet answered\u201d)")
    return " \u00b7 ".join(parts)


CYCLE_HEADINGS = ("Changes since the last submission", "Annual review sign-off", "Corrective-action plan")


def cycle_context(view: ProfileView) -> dict[str, Any]:
    """The `cycle` template variable: the annexes on changes, the annual-review sign-off and the action plan."""
    cycle = view.cycle
    if cycle is None:
        return {"shown": False, "quiet": False, "first_note": "", "first": True, "history_note": "", "base": "", "changed_count": 0, "changes": [], "review_started": False,
                "reviewer": "", "review_due": "", "review_due_note": "", "reviewed": 0, "applicable": 0,
                "complete": False, "signed_off_by": "", "signed_off_on": "", "review": [], "actions": []}
    return {
        "shown": True, "quiet": cycle.nothing_yet, "first_note": cycle.first_note, "first": cycle.first_submission, "history_note": cycle.history_note, "base": cycle.base, "changed_count": len(cycle.changed_ids),
        "changes": [{"heading": f"{row.criterion} {row.title}".strip(), "lines": list(row.lines)}
                    for row in cycle.changes],
        "review_started": cycle.review_started, "reviewer": cycle.reviewer or "not set",
        "review_due": cycle.review_due or "not set",
        "review_due_note": f" (due {cycle.review_due})" if cycle.review_due else "",
        "reviewed": cycle.reviewed, "applicable": cycle.applicable, "complete": cycle.review_complete,
        "signed_off_by": cycle.signed_off_by or "not yet signed off", "signed_off_on": cycle.signed_off_on,
        "review": [{"criterion": r.criterion, "title": r.title, "state": r.state, "by": r.by, "on": r.on,
                    "note": r.note} for r in cycle.review],
        "actions": [{"id": a.id, "criterion": a.criterion or "-", "gap": a.gap, "action": a.action, "owner": a.owner,
                     "due": a.due + (" (overdue)" if a.overdue else ""), "status": a.status,
                     "closure_evidence": a.closure_evidence} for a in cycle.actions],
    }


def _checklist_note(line: OfficerLine | None) -> str:
    """'Review checklist: 2 things needed before submitting, 1 worth improving.' ('' when none)."""
    if line is None:
        return ""
    parts = [f"{_plural(len(line.before_submitting), 'thing')} needed before submitting"
             if line.before_submitting else "",
             f"{len(line.worth_improving)} worth improving" if line.worth_improving else ""]
    return "Review checklist: " + ", ".join(p for p in parts if p) + "."


def build_context(view: ProfileView, link_id: LinkId, anchors: Anchors | None = None) -> dict[str, Any]:
    """The documented template variables (see output_templates/README.md): plain data and RichText only.

    With `anchors`, every answer field carries a bookmark so that a reviewed copy can be read back."""
    officer = officer_checklist(view)
    by_criterion = {line.criterion: line for line in officer}
    sections = []
    for s in view.sections:
        criteria = [_criterion(c, link_id, anchors) for c in s.criteria]
        for criterion in criteria:
            criterion["checklist_note"] = _checklist_note(by_criterion.get(criterion["id"]))
        sections.append({"number": s.order, "letter": s.letter, "name": s.name, "heading": s.heading,
                         "readiness": s.readiness, "criteria": criteria,
                         "answered": [c for c in criteria if not c["unanswered"]],
                         "unanswered_count": sum(1 for c in criteria if c["unanswered"]),
                         "note": _section_note(s)})
    rows = [{"id": c.id, "title": c.title, "designation": c.designation_label, "portal": c.portal,
             "section": c.section, "status_label": c.status_label, "suggested_reason": c.suggested_na}
            for c in view.unanswered]
    unanswered = [row for row in rows if not row["suggested_reason"]]
    probably_na = [row for row in rows if row["suggested_reason"]]
    shared = {row["suggested_reason"].replace(f"{row['id']} ({row['title']})", "the criterion")
              for row in probably_na}
    toc = [s["heading"] for s in sections if s["answered"]]
    toc += ["Criteria not yet answered"] if rows else []
    toc += ["Review checklist"] + (["Business partner register"] if view.partners else [])
    toc += ["Evidence upload manifest"]
    if view.cycle is not None:
        toc += [FIRST_SUBMISSION_HEADING] if view.cycle.nothing_yet else list(CYCLE_HEADINGS)
    toc += ["What happens next"]
    return {
        "company": view.company or "Company name not set", "entity_type": view.entity_name, "entity_slug": view.entity_slug,
        "prepared_by": view.prepared_by or "not set", "version": view.version or "not set",
        "date": view.date.isoformat(), "readiness": view.readiness,
        "coverage_plain": view.coverage.replace(IMPORT_HINT, "the preparer confirms them from CBP's official "
                                                              "criteria for this entity type"),
        "readiness_definition": view.readiness_definition, "coverage": view.coverage,
        "officer_note": OFFICER_NOTE, "toc": toc, "sections": sections, "layout": view.word_layout,
        "unanswered": unanswered, "probably_na": probably_na,
        "probably_na_reason": shared.pop() if len(shared) == 1 else "", "unanswered_summary": unanswered_summary(view),
        "officer_checklist": [_officer_line(line) for line in officer],
        "next_steps": next_steps(view), "evidence_note": _evidence_note(view),
        "contents_note": contents_note(False),
        "evidence": [_evidence(item, link_id) for item in view.evidence],
        "findings": [_finding(f) for f in view.open_findings],
        "checklist": [_finding(item.finding, item.criteria) for item in view.checklist],
        "accepted_findings": [_finding(f) for f in view.accepted_findings],
        "applicability": [{"criterion": r.criterion, "title": r.title, "designation": r.designation,
                           "applies": r.applies, "na_reason": r.na_reason} for r in view.applicability],
        "partners": [asdict(row) for row in view.partners],
        "char_limit": view.char_limit, "generator": f"ctpat-tui {__version__}", "cycle": cycle_context(view),
    }


def _template_tags(template: Path) -> list[tuple[int, str]]:
    """(line, tag) for every Jinja tag of the template as docxtpl sees it (body, then headers and footers)."""
    tags: list[tuple[int, str]] = []
    try:
        fresh = DocxTemplate(str(template))
        fresh.init_docx()
        parts = [fresh.get_xml()]
        for uri in (fresh.HEADER_URI, fresh.FOOTER_URI):
            parts += [fresh.get_part_xml(part) for _key, part in fresh.get_headers_footers(uri)]
    except Exception:  # noqa: BLE001 - only used to point at a tag in an error message
        return tags
    for xml in parts:
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", fresh.patch_xml(xml))
        for number, line in enumerate(source.split("\n"), 1):
            text = re.sub(r"<[^>]+>", "", line)
            tags += [(number, tag) for tag in _TAG.findall(text)]
    return tags


def _error_line(error: Exception) -> int | None:
    if isinstance(error, TemplateSyntaxError) and error.lineno:
        return error.lineno
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == "<template>"]
    return frames[-1].lineno if frames else None


def describe_template_error(template: Path, error: Exception) -> str:
    """'template error in {{ tag }}: what went wrong' without a traceback."""
    message = str(getattr(error, "message", None) or error).replace("'dict object' has no attribute", "no variable")
    names = re.findall(r"'([^']+)'", message)
    line = _error_line(error)
    tags = _template_tags(template)
    candidates = [tag for number, tag in tags if number == line] if line else []
    named = [tag for tag in (candidates or [t for _n, t in tags]) if any(n in tag for n in names)]
    chosen = (named or candidates)[:1]
    where = f" in {chosen[0]}" if chosen else ""
    return f"template error{where}: {message}"


def _load(template: Path) -> DocxTemplate:
    if not template.is_file():
        raise RenderError(str(template), "no such Word template")
    try:
        tpl = DocxTemplate(str(template))
        tpl.init_docx()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError):
        raise RenderError(str(template), "is not a Word .docx file") from None
    return tpl


def _set_properties(tpl: DocxTemplate, view: ProfileView) -> None:
    props = tpl.docx.core_properties
    stamp = dt.datetime.combine(view.date, dt.time(0, 0), dt.UTC)
    props.title = f"CTPAT Security Profile: {view.company}".replace("\n", " ")
    props.subject = "CTPAT Security Profile draft"
    props.author = view.prepared_by.replace("\n", " ")
    props.last_modified_by = view.prepared_by.replace("\n", " ")
    props.keywords = "CTPAT; Security Profile; draft"
    props.comments = f"Draft generated by ctpat-tui from the profile; not a submission. Version {view.version}."
    props.category = view.entity_name
    props.created = stamp
    props.modified = stamp
    props.revision = 1
    if props.last_printed is not None:
        props.last_printed = stamp


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BOOKMARK = "_TocCtpat{:03d}"
CONTENTS_STYLE = "TOC1"


def _style_id(paragraph: Any) -> str:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val", "") if style is not None else ""


def _text(paragraph: Any) -> str:
    return "".join(t.text or "" for t in paragraph.iter(f"{W}t"))


def _run(paragraph: Any, child: str, text: str = "", **attrs: str) -> None:
    run = etree.SubElement(paragraph, f"{W}r")
    element = etree.SubElement(run, f"{W}{child}")
    for key, value in attrs.items():
        element.set(f"{W}{key}", value)
    if text:
        element.text = text
        element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def link_contents(body: Any, pages: Mapping[str, int] | None = None) -> int:
    """Give each Heading 1 a bookmark, and each contents entry (style 'toc 1') with the same text a link to it and
    a PAGEREF field for its page. The field's shown value is the page LibreOffice found (`pages`), or empty:
    LibreOffice always shows the live number, Word shows the stored one until the field is updated (F9).
    Returns the number of entries linked."""
    used = [int(b.get(f"{W}id")) for b in body.iter(f"{W}bookmarkStart") if (b.get(f"{W}id") or "").isdigit()]
    next_id = max(used, default=0) + 1
    targets: dict[str, list[str]] = {}
    for index, heading in enumerate(p for p in body.iter(f"{W}p") if _style_id(p) == "Heading1"):
        name = BOOKMARK.format(index + 1)
        start = etree.Element(f"{W}bookmarkStart")
        start.set(f"{W}id", str(next_id))
        start.set(f"{W}name", name)
        end = etree.Element(f"{W}bookmarkEnd")
        end.set(f"{W}id", str(next_id))
        properties = heading.find(f"{W}pPr")
        heading.insert(heading.index(properties) + 1 if properties is not None else 0, start)
        heading.append(end)
        next_id += 1
        targets.setdefault(_text(heading).strip(), []).append(name)
    linked = 0
    for entry in [p for p in body.iter(f"{W}p") if _style_id(p) == CONTENTS_STYLE]:
        names = targets.get(_text(entry).strip())
        if not names or entry.find(f".//{W}fldChar") is not None:
            continue
        name = names.pop(0)
        link = etree.Element(f"{W}hyperlink")
        link.set(f"{W}anchor", name)
        link.set(f"{W}history", "1")
        for run in entry.findall(f"{W}r"):
            link.append(run)
        entry.append(link)
        _run(entry, "tab")
        _run(entry, "fldChar", fldCharType="begin")
        _run(entry, "instrText", f" PAGEREF {name} \\h ")
        _run(entry, "fldChar", fldCharType="separate")
        _run(entry, "t", str((pages or {}).get(name, "")) or " ")
        _run(entry, "fldChar", fldCharType="end")
        linked += 1
    return linked


def _app_properties(data: bytes, pages: int | None) -> bytes:
    """docProps/app.xml naming ctpat-tui, with the page count only when it was measured (no stale template value)."""
    root = etree.fromstring(data)
    namespace = etree.QName(root).namespace
    for name in ("Pages", "Words", "Characters", "CharactersWithSpaces", "Lines", "Paragraphs", "TotalTime"):
        for element in root.findall(f"{{{namespace}}}{name}"):
            root.remove(element)
    application = root.find(f"{{{namespace}}}Application")
    if application is None:
        application = etree.SubElement(root, f"{{{namespace}}}Application")
    application.text = f"ctpat-tui {__version__}"
    if pages:
        element = etree.Element(f"{{{namespace}}}Pages")
        element.text = str(pages)
        root.insert(0, element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def identity(view: ProfileView) -> dict[str, str]:
    """What a reviewed draft tells about the profile it was made from (docProps/custom.xml, prefix 'ctpat.')."""
    return {"draft": "1", "company": view.company, "entity_type": view.entity_slug, "version": view.version,
            "profile_id": view.profile_id, "profile_name": view.profile_name, "generated": view.date.isoformat(),
            "generator": f"ctpat-tui {__version__}"}


def contents_note(measured: bool) -> str:
    """How the contents page gets its page numbers, in the reader's words."""
    if measured:
        return ("Page numbers as LibreOffice laid out this draft. Word keeps them unless its own layout moves a "
                "heading: to refresh them there, select the contents and press F9.")
    return ("LibreOffice shows the page numbers when it opens this file. In Word they appear when you answer Yes "
            "to updating fields on opening, or after selecting the contents and pressing F9.")


def render_docx(view: ProfileView, template: Path | None = None, *,
                layout: Layout | None = None) -> tuple[bytes, list[str]]:
    """The Word draft as bytes (deterministic for a given view) and the structural problems found in it.

    With a measured `layout`, the contents show its page numbers and docProps/app.xml its page count."""
    path = template or default_template()
    tpl = _load(path)
    anchors = Anchors()
    context = build_context(view, tpl.build_url_id, anchors)
    context["contents_note"] = contents_note(layout is not None and layout.measured)
    try:
        tpl.render(context, jinja_env=sandbox(), autoescape=True)
    except (TemplateError, XMLSyntaxError) as error:
        raise RenderError(str(path), describe_template_error(path, error)) from None
    except Exception as error:  # noqa: BLE001 - a broken template must never print a traceback
        raise RenderError(str(path), f"could not render the template ({type(error).__name__}: {error})") from None
    _set_properties(tpl, view)
    add_custom_part(tpl.docx, draft_properties(identity(view), anchors, tpl.docx.element.body))
    measured = layout if layout is not None and layout.measured else None
    link_contents(tpl.docx.element.body, measured.heading_pages if measured else None)
    if measured is not None and measured.heading_pages:
        for update in tpl.docx.settings.element.findall(f"{W}updateFields"):
            update.getparent().remove(update)  # the numbers are there: no question about updating on opening
    raw = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # duplicate zip names are repaired and reported below
        tpl.save(raw)
    data, duplicates = deterministic_zip(raw.getvalue(), view.date, {
        "docProps/app.xml": lambda xml: _app_properties(xml, measured.pages if measured else None)})
    problems = [f"template {path.name} produced duplicate zip entries ({', '.join(duplicates)}; typical of "
                "LibreOffice's 'Word 2010-365' format): repaired; save the template as 'Word 2007-365' instead"
                for _ in duplicates[:1]]
    problems += [f"profile.docx: {p}" for p in lint_docx(data)]
    return data, problems
