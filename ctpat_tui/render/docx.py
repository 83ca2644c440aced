"""The Word draft (profile.docx): docxtpl context from the view, rendered in a sandbox with autoescape."""

from __future__ import annotations

import datetime as dt
import io
import re
import traceback
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate, RichText
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from lxml.etree import XMLSyntaxError
from markupsafe import escape

from ctpat_tui import __version__
from ctpat_tui.render.docx_lint import lint_docx
from ctpat_tui.render.errors import RenderError
from ctpat_tui.render.evidence import EvidenceItem
from ctpat_tui.render.md_to_word import to_paragraphs, to_runs
from ctpat_tui.render.usertext import plain_text
from ctpat_tui.render.view import CriterionView, FindingView, ProfileView
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


def _evidence(item: EvidenceItem, link_id: LinkId) -> dict[str, Any]:
    summary = RichText()
    summary.add(item.title or item.ref or "Untitled document", bold=True)
    details = [f"ref {item.ref}" if item.ref and item.title else "", item.date,
               f"portal section: {item.portal_section}" if item.portal_section else "",
               f"upload as {item.upload_path}" if item.upload_path else ""]
    text = " \u00b7 ".join(d for d in details if d)
    if text:
        summary.add(f" \u00b7 {text}")
    if item.is_problem or item.status == "no file":
        summary.add(f" \u00b7 {item.status_text}", bold=item.is_problem, color=PROBLEM_COLOR if item.is_problem else None)
    document = RichText()
    document.add(item.title or "Untitled document", bold=True)
    if item.ref:
        document.add(f"\n{item.ref}")
    upload = RichText()
    if item.upload_path:
        upload.add(item.bundled_name)
    if item.status not in ("ok", "not checked"):
        upload.add(("\n" if item.upload_path else "") + item.status_text, bold=item.is_problem,
                   color=PROBLEM_COLOR if item.is_problem else None, italic=not item.is_problem)
    return {
        "criterion": item.criterion, "criterion_title": item.criterion_title, "title": item.title, "ref": item.ref,
        "date": item.date, "portal_section": item.portal_section, "file": item.file,
        "bundled_name": item.bundled_name, "bundled_path": item.upload_path, "status": item.status,
        "status_text": item.status_text, "problem": item.is_problem, "sha256": item.sha256,
        "recorded_sha256": item.recorded_sha256, "summary": summary, "document": document, "upload": upload,
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
    return {
        "criterion": finding.criterion, "rule": finding.rule, "severity": finding.severity, "field": finding.field,
        "message": finding.message, "suggestion": finding.suggestion, "accepted_reason": finding.accepted_reason,
        "criteria": list(criteria or (finding.criterion,)), "summary": summary,
    }


def _criterion(view: CriterionView, link_id: LinkId) -> dict[str, Any]:
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
        "response": to_paragraphs(view.response, link_id, empty="No response yet."),
        "response_text": plain_text(view.response), "response_source": view.response_source,
        "response_source_label": view.source_label, "response_label": label, "response_length": view.length,
        "over_limit": view.over_limit,
        **{name: view.details[name] for name in ("controls", "frequency", "owner", "records", "escalation",
                                                  "narrative")},
        "facts": [{"label": f.label, "text": f.value, "value": to_runs(f.value, link_id)} for f in view.facts[1:]],
        "evidence": [_evidence(item, link_id) for item in view.evidence],
        "findings": [_finding(f) for f in view.findings],
        "findings_note": view.findings_note,
    }


def build_context(view: ProfileView, link_id: LinkId) -> dict[str, Any]:
    """The documented template variables (see output_templates/README.md): plain data and RichText only."""
    sections = [{"number": s.order, "name": s.name, "heading": s.heading, "readiness": s.readiness,
                 "criteria": [_criterion(c, link_id) for c in s.criteria]} for s in view.sections]
    toc = [s["heading"] for s in sections] + ["Evidence upload manifest", "Review checklist"]
    return {
        "company": view.company or "Company name not set", "entity_type": view.entity_name, "entity_slug": view.entity_slug,
        "prepared_by": view.prepared_by or "not set", "version": view.version or "not set",
        "date": view.date.isoformat(), "readiness": view.readiness,
        "readiness_definition": view.readiness_definition, "coverage": view.coverage,
        "officer_note": OFFICER_NOTE, "toc": toc, "sections": sections,
        "evidence": [_evidence(item, link_id) for item in view.evidence],
        "findings": [_finding(f) for f in view.open_findings],
        "checklist": [_finding(item.finding, item.criteria) for item in view.checklist],
        "accepted_findings": [_finding(f) for f in view.accepted_findings],
        "applicability": [{"criterion": r.criterion, "title": r.title, "designation": r.designation,
                           "applies": r.applies, "na_reason": r.na_reason} for r in view.applicability],
        "char_limit": view.char_limit, "generator": f"ctpat-tui {__version__}",
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


def render_docx(view: ProfileView, template: Path | None = None) -> tuple[bytes, list[str]]:
    """The Word draft as bytes (deterministic for a given view) and the structural problems found in it."""
    path = template or default_template()
    tpl = _load(path)
    context = build_context(view, tpl.build_url_id)
    try:
        tpl.render(context, jinja_env=sandbox(), autoescape=True)
    except (TemplateError, XMLSyntaxError) as error:
        raise RenderError(str(path), describe_template_error(path, error)) from None
    except Exception as error:  # noqa: BLE001 - a broken template must never print a traceback
        raise RenderError(str(path), f"could not render the template ({type(error).__name__}: {error})") from None
    _set_properties(tpl, view)
    raw = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # duplicate zip names are repaired and reported below
        tpl.save(raw)
    data, duplicates = deterministic_zip(raw.getvalue(), view.date)
    problems = [f"template {path.name} produced duplicate zip entries ({', '.join(duplicates)}; typical of "
                "LibreOffice's 'Word 2010-365' format): repaired; save the template as 'Word 2007-365' instead"
                for _ in duplicates[:1]]
    problems += [f"profile.docx: {p}" for p in lint_docx(data)]
    return data, problems
