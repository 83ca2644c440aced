"""The paste pack (portal-responses.txt): per criterion, in portal order, exactly the text for the portal box."""

from __future__ import annotations

from ctpat_tui.render.usertext import plain_text
from ctpat_tui.render.view import CriterionView, ProfileView

WIDTH = 78
BEGIN = "-" * 30 + " paste from here " + "-" * 31
END = "-" * 31 + " paste up to here " + "-" * 29


def _block(view: CriterionView, text: str, limit: int) -> list[str]:
    meta = [view.designation_label, view.status_label or "status not set", f"response: {view.source_label}"]
    if text:
        size = f"{len(text):,} characters"
        if limit:
            size += f" (portal limit {limit:,}{': TOO LONG' if len(text) > limit else ''})"
        meta.append(size)
    lines = [f"[{view.id}] {view.title}"]
    if view.portal:
        lines.append(f"Portal: {view.portal}")
    lines.append(" · ".join(meta))
    for item in view.evidence:
        label = item.ref or item.title or item.file
        upload = f" -> upload {item.upload_path}" if item.upload_path else ""
        if item.is_problem:
            upload += f" ({item.status_text.upper()})"
        lines.append(f"Evidence: {label}{upload}")
    lines += _open_findings(view)
    lines += [BEGIN, text if text else "(no response yet)", END, ""]
    return lines


def _open_findings(view: CriterionView) -> list[str]:
    """Above the paste lines, never inside them: the criterion's open errors and warnings (it is not ready)."""
    found = [f for f in view.findings if f.severity in ("error", "warning") and not f.accepted_reason]
    if not found:
        return []
    lines = [f"NOT READY: {view.findings_note.replace(' in the review checklist', '')} open (fix, or accept "
             "with a written reason):"]
    lines += [f"  {f.severity}: {f.field + ': ' if f.field else ''}{f.message} [{f.rule}]" for f in found]
    return lines


def response_plain(view: CriterionView) -> str:
    """The criterion's response as it goes into the portal box (plain text, Markdown marks removed)."""
    return plain_text(view.response)


def render_paste_text(view: ProfileView, *, changed_only: bool = False) -> str:
    """All responses (or with `changed_only`, those changed since the last submission) as plain text blocks."""
    only: set[str] | None = None
    intro: list[str] = []
    if changed_only and view.cycle is not None and not view.cycle.first_submission:
        only = set(view.cycle.changed_ids)
        intro = [f"Changed since {view.cycle.base}: {len(only)} portal boxes to update"
                 + (f" ({', '.join(view.cycle.changed_ids)})" if only else "; nothing to update") + ".",
                 "Every other box in the portal stays as it was submitted.", ""]
    elif changed_only:
        intro = ["No submission is on record, so every box is new: this pack holds them all.", ""]
    lines = ["CTPAT Security Profile: portal responses" + (" (changed boxes only)" if only is not None else ""),
             f"Company: {view.company or 'not set'}",
             f"Entity type: {view.entity_name}",
             f"Version: {view.version or 'not set'} · Date: {view.date.isoformat()}",
             f"Readiness: {view.readiness}",
             f"Catalog coverage: {view.coverage}",
             "",
             "Paste the text between the 'paste' lines into the portal box of each criterion.",
             "DRAFT: the Company Officer reviews and submits the profile in the CTPAT Portal.",
             "", *intro]
    for section in view.sections:
        shown = [c for c in section.criteria if only is None or c.id in only]
        if not shown:
            continue
        lines += ["=" * WIDTH, section.heading.upper(), "=" * WIDTH, ""]
        for criterion in shown:
            lines += _block(criterion, response_plain(criterion), view.char_limit)
    return "\n".join(lines).rstrip("\n") + "\n"
