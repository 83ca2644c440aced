"""The Markdown document (profile.md): title block, portal sections, applicability, review checklist, manifest."""

from __future__ import annotations

import re

from ctpat_tui.render.cycle_view import FIRST_SUBMISSION_HEADING, CycleView
from ctpat_tui.render.evidence import EvidenceItem
from ctpat_tui.render.usertext import markdown_source, md_inline
from ctpat_tui.render.view import IMPORT_COMMAND, CriterionView, FindingView, ProfileView


def _cell(text: str) -> str:
    """Text safe inside a pipe-table cell (line breaks become <br>)."""
    return md_inline(text, breaks="<br>") if text else ""


def _heading(text: str) -> str:
    """Text safe as a one-line ATX heading (a trailing '#' would otherwise be dropped)."""
    return md_inline(text.replace("\n", " ")).replace("#", "\\#")


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    return lines


def _evidence_line(item: EvidenceItem) -> str:
    parts = [f"**{md_inline(item.title or item.ref or 'Untitled document')}**"]
    if item.ref and item.title:
        parts.append(f"ref {md_inline(item.ref)}")
    if item.date:
        parts.append(item.date)
    if item.portal_section:
        parts.append(f"portal section: {md_inline(item.portal_section)}")
    if item.upload_path:
        parts.append(f"upload as `{item.upload_path}`")
    if item.status not in ("ok", "not checked"):
        parts.append(f"**{item.status_text}**")
    return "- " + " · ".join(parts)


def _criterion(view: CriterionView) -> list[str]:
    lines = [f"### {view.id} {_heading(view.title)}", ""]
    meta = [f"**{view.designation_label}**", view.status_label or "status not set",
            f"response: {view.source_label}"]
    if view.response:
        meta.append(f"{view.length:,} characters" + (" (over the portal limit)" if view.over_limit else ""))
    if view.findings_note:
        meta.append(view.findings_note)
    if view.portal:
        lines += [f"Portal: **{md_inline(view.portal)}**", ""]
    lines += [" · ".join(meta), ""]
    if view.response:
        lines += [markdown_source(view.response), ""]
    else:
        lines += ["*No response yet.*", ""]
    if view.evidence:
        lines += ["Evidence:", ""] + [_evidence_line(item) for item in view.evidence] + [""]
    elif view.status != "not_applicable":
        lines += ["*No evidence referenced.*", ""]
    return lines


def _finding_line(finding: FindingView, checked: bool, criteria: tuple[str, ...] = ()) -> str:
    if len(criteria) > 1:
        shown = ", ".join(criteria[:8]) + (", …" if len(criteria) > 8 else "")
        where = f"**{len(criteria)} criteria** ({shown}) "
    else:
        where = f"**{finding.criterion}** " if finding.criterion else ""
    field = f", {finding.field}" if finding.field and len(criteria) <= 1 else ""
    text = f"- [{'x' if checked else ' '}] {where}`{finding.rule}` ({finding.severity}{field}): "
    text += _one_line(finding.message if len(criteria) <= 1 else _generic(finding))
    if finding.suggestion:
        text += f" — {_one_line(finding.suggestion)}"
    if finding.accepted_reason:
        text += f" — accepted: {md_inline(finding.accepted_reason)}"
    return text


def _one_line(text: str) -> str:
    """Review text (which may use `code` marks) as one safe Markdown line."""
    return markdown_source(text.replace("\n", " "))


def _generic(finding: FindingView) -> str:
    """The message of a grouped finding without the one criterion's details in quotes."""
    return re.sub(r"'[^']*'", "…", finding.message)


def cycle_markdown(cycle: CycleView) -> list[str]:
    """The annual-cycle annexes: changes since the last submission, the review sign-off, the corrective-action plan
    (one short 'First submission' note instead when none of them has anything to show)."""
    if cycle.nothing_yet:
        return ["", f"## {FIRST_SUBMISSION_HEADING}", "", md_inline(cycle.first_note)]
    lines = ["", "## Changes since the last submission", ""]
    if cycle.history_note:
        lines.append(md_inline(cycle.history_note))
    elif cycle.first_submission:
        lines.append("No submission is on record: this is the first submission of the profile, so every answer is new.")
    elif not cycle.changes:
        lines.append(f"Nothing changed since {md_inline(cycle.base)}.")
    else:
        lines += [f"Compared with {md_inline(cycle.base)}: {len(cycle.changed_ids)} criteria changed. "
                  "Removed words are shown as [-...-], added words as {+...+}.", ""]
        for row in cycle.changes:
            lines.append(f"- **{md_inline(row.criterion)} {md_inline(row.title)}**".replace("**  ", "**"))
            lines += [f"  - {md_inline(line)}" for line in row.lines]
    lines += ["", "## Annual review sign-off", ""]
    if not cycle.review_started:
        due = f" (due {cycle.review_due})" if cycle.review_due else ""
        lines.append(f"No annual review is recorded for this cycle yet{due}.")
    else:
        state = "complete" if cycle.review_complete else "in progress"
        lines += [f"- Review led by: {md_inline(cycle.reviewer) or 'not set'}",
                  f"- Due: {cycle.review_due or 'not set'}",
                  f"- Reviewed: {cycle.reviewed} of {cycle.applicable} criteria ({state})",
                  f"- Signed off: {md_inline(cycle.signed_off_by) + ', ' + cycle.signed_off_on if cycle.signed_off_on else 'not yet'}",
                  ""]
        lines += _table(("Criterion", "Title", "Review", "By", "On", "Note"),
                        [(r.criterion, r.title, r.state, r.by, r.on, r.note) for r in cycle.review])
    lines += ["", "## Corrective-action plan", ""]
    if cycle.actions:
        lines += _table(("ID", "Criterion", "Gap", "Action", "Owner", "Due", "Status", "Closure evidence"),
                        [(a.id, a.criterion, a.gap, a.action, a.owner, a.due + (" (overdue)" if a.overdue else ""),
                          a.status, a.closure_evidence) for a in cycle.actions])
    else:
        lines.append("No corrective actions are recorded.")
    return lines


def render_markdown(view: ProfileView) -> str:
    """The whole profile as CommonMark (with GitHub-style tables and task lists), deterministic for a given view."""
    title = _heading(view.company) or "Company name not set"
    lines = [f"# CTPAT Security Profile: {title}", "",
             "**DRAFT for internal review.** The Company Officer reviews and submits the profile in the CTPAT Portal.",
             "",
             f"- Company: {md_inline(view.company)}",
             f"- Entity type: {md_inline(view.entity_name)}",
             f"- Version: {md_inline(view.version) or 'not set'}",
             f"- Date: {view.date.isoformat()}",
             f"- Prepared by: {md_inline(view.prepared_by) or 'not set'}",
             f"- Readiness: {md_inline(view.readiness)}",
             f"- Catalog coverage: {md_inline(view.coverage).replace(IMPORT_COMMAND, f'`{IMPORT_COMMAND}`')}", ""]
    if view.readiness_definition:
        lines += [f"*{md_inline(view.readiness_definition)}*", ""]
    for section in view.sections:
        lines += [f"## {_heading(section.heading)}", ""]
        if section.readiness:
            lines += [f"*{section.readiness}.*", ""]
        for criterion in section.criteria:
            lines += _criterion(criterion)
    lines += ["## Applicability", ""]
    lines += _table(("Criterion", "Title", "Designation", "Applies", "N/A reason"),
                    [(r.criterion, r.title, r.designation, r.applies, r.na_reason) for r in view.applicability])
    if view.partners:
        lines += ["", "## Business partner register", ""]
        lines += _table(("Partner", "Role", "Country", "Certification", "Risk", "Last screened", "Next due",
                         "Evidence"),
                        [(r.name, r.role, r.country, r.certification, r.risk, r.last_screened, r.next_due,
                          r.evidence) for r in view.partners])
    lines += ["", "## Review checklist", ""]
    if view.checklist:
        lines += [_finding_line(item.finding, False, item.criteria) for item in view.checklist]
    else:
        lines.append("No open findings.")
    if view.accepted_findings:
        lines += ["", "Accepted by the company (with reason):", ""]
        lines += [_finding_line(f, True) for f in view.accepted_findings]
    lines += ["", "## Evidence upload manifest", ""]
    if view.evidence:
        lines += _table(("Criterion", "Title", "Ref", "Date", "Portal section", "Original path", "Bundled name",
                         "Status"),
                        [(e.criterion, e.title, e.ref, e.date, e.portal_section, e.file, e.upload_path,
                          e.status_text) for e in view.evidence])
    else:
        lines.append("No evidence referenced.")
    if view.cycle is not None:
        lines += cycle_markdown(view.cycle)
    return "\n".join(lines).rstrip("\n") + "\n"
