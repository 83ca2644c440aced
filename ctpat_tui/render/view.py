"""The one view of a profile that every renderer reads: cleaned text, portal order, designations, findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from ctpat_tui.catalog.coverage import entity_coverage
from ctpat_tui.catalog.model import Catalog, Criterion, Designation
from ctpat_tui.compose import compose_response, value_text
from ctpat_tui.profile.model import STATUS_LABELS, Answer, Partner, Profile, ReviewNote
from ctpat_tui.render.anchors import profile_id
from ctpat_tui.render.cycle_view import CycleView
from ctpat_tui.render.evidence import EvidenceItem, plan_evidence
from ctpat_tui.render.text_clean import TextCleaner

SOURCE_LABELS: Mapping[str, str] = {
    "narrative": "the company's own text",
    "composed": "composed from the detail fields",
    "not_applicable": "not applicable",
    "empty": "no response yet",
}
FACILITY_LABELS: Mapping[str, str] = {
    "implemented": "Implemented", "partial": "Partially implemented", "planned": "Planned",
    "not_implemented": "Not implemented", "not_applicable": "Not applicable", "": "not set",
}
DETAIL_NAMES = ("controls", "frequency", "owner", "records", "escalation", "narrative")
UNPLACED_SECTION = "Portal section not set"
FACILITIES_LABEL = "Facilities"
IMPORT_COMMAND = "ctpat catalog import"
IMPORT_HINT = f"import the official MSC table with {IMPORT_COMMAND}"


@dataclass(frozen=True)
class Fact:
    """One row of a criterion's compact table: a label and the (cleaned) text shown for it."""

    label: str
    value: str
    field: str = ""  # the answer value it shows (owner, frequency, an extra's name), '' when not one


@dataclass(frozen=True)
class FindingView:
    """A review finding with cleaned text, ready to print."""

    criterion: str
    rule: str
    severity: str
    field: str
    message: str
    suggestion: str
    accepted_reason: str = ""


@dataclass(frozen=True)
class ChecklistItem:
    """One line of the reviewers' checklist: a finding, or one info rule grouped over many criteria."""

    finding: FindingView
    criteria: tuple[str, ...] = ()

    @property
    def grouped(self) -> bool:
        """True when the line stands for the same info rule on several criteria."""
        return len(self.criteria) > 1


def checklist(findings: tuple[FindingView, ...]) -> tuple[ChecklistItem, ...]:
    """Errors and warnings one per line; info findings of one rule grouped into a single line."""
    items: list[ChecklistItem] = []
    info: dict[str, list[FindingView]] = {}
    for finding in findings:
        if finding.severity == "info":
            info.setdefault(finding.rule, []).append(finding)
        else:
            items.append(ChecklistItem(finding, (finding.criterion,)))
    for group in info.values():
        items.append(ChecklistItem(group[0], tuple(f.criterion for f in group)))
    return tuple(items)


def findings_note(findings: tuple[FindingView, ...]) -> str:
    """'1 error, 2 warnings in the review checklist' (info findings not counted; '' when none)."""
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = sum(1 for f in findings if f.severity == "warning")
    parts = [f"{errors} error{'s' if errors != 1 else ''}" if errors else "",
             f"{warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""]
    text = " and ".join(p for p in parts if p)
    return f"{text} in the review checklist" if text else ""


@dataclass(frozen=True)
class CriterionView:
    """One applicable criterion with everything the outputs show for it."""

    id: str
    title: str
    section: str
    section_assumed: bool
    designation: Designation
    status: str
    status_label: str
    na_reason: str
    response: str
    response_source: str
    details: Mapping[str, str]
    facts: tuple[Fact, ...]
    evidence: tuple[EvidenceItem, ...]
    findings: tuple[FindingView, ...]
    over_limit: bool = False
    portal: str = ""  # where to paste: 'Procedural Security Q50, 51'
    suggested_na: str = ""  # the reason offered when the criterion is probably not applicable and undecided
    review_notes: tuple[ReviewNote, ...] = ()  # reviewers' notes kept on the answer and not yet resolved

    @property
    def unanswered(self) -> bool:
        """True when there is nothing to show yet: no response text, not marked not applicable, no evidence and
        no facility status (a criterion with any of these is shown in full, so nothing typed is hidden)."""
        return (not self.response and self.status != "not_applicable" and not self.evidence
                and not any(f.label == FACILITIES_LABEL for f in self.facts))

    @property
    def designation_label(self) -> str:
        """'Must', 'Should (assumed)' ..."""
        return self.designation.label

    @property
    def assumed(self) -> bool:
        """True when the designation for this entity type is not confirmed by a CBP source."""
        return self.designation.confidence == "assumed"

    @property
    def source_label(self) -> str:
        """Where the response text came from, in words."""
        return SOURCE_LABELS.get(self.response_source, self.response_source)

    @property
    def length(self) -> int:
        """Characters in the response as it will be pasted."""
        return len(self.response)

    @property
    def findings_note(self) -> str:
        """'1 error and 2 warnings in the review checklist', or ''."""
        return findings_note(self.findings)


@dataclass(frozen=True)
class SectionView:
    """A portal section with its applicable criteria, in portal order."""

    order: int
    name: str
    criteria: tuple[CriterionView, ...]
    readiness: str = ""

    @property
    def letter(self) -> str:
        """The section's letter in the documents ('D' for the 4th portal section; '' when not set).

        Letters, not numbers: a reader must not take '4. Procedural Security' for MSC category 4."""
        return section_letter(self.order) if self.name != UNPLACED_SECTION else ""

    @property
    def heading(self) -> str:
        """'D. Procedural Security' (or the plain name when the section is not set)."""
        return f"{self.letter}. {self.name}" if self.letter else self.name

    @property
    def answered(self) -> tuple[CriterionView, ...]:
        """The criteria with a response or a not-applicable status, in portal order."""
        return tuple(c for c in self.criteria if not c.unanswered)

    @property
    def unanswered(self) -> tuple[CriterionView, ...]:
        """The criteria with nothing to paste yet, in portal order."""
        return tuple(c for c in self.criteria if c.unanswered)


def section_letter(order: int) -> str:
    """A, B, ... Z, AA, AB ... for portal section 1, 2, ... ('' for 0)."""
    letters = ""
    while order > 0:
        order, rest = divmod(order - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True)
class ApplicabilityRow:
    """Whether a criterion applies, as the applicability table shows it."""

    criterion: str
    title: str
    designation: str
    applies: str
    na_reason: str


@dataclass(frozen=True)
class PartnerRow:
    """One business partner as the register table shows it."""

    name: str
    role: str
    country: str
    certification: str
    risk: str
    last_screened: str
    next_due: str
    evidence: str


def _partner_row(partner: Partner, profile: Profile, today: dt.date, clean: TextCleaner) -> PartnerRow:
    from ctpat_tui.review.partners import next_screening_due

    label = f"partner {partner.name}"
    if partner.certification == "ctpat":
        certification = f"CTPAT (SVI {partner.svi})" if partner.svi else "CTPAT"
    elif partner.certification == "aeo":
        certification = f"AEO: {partner.aeo_programme}" if partner.aeo_programme else "AEO"
    else:
        certification = "None"
    if partner.certification != "none":
        certification += f", verified {partner.verified.isoformat()}" if partner.verified else ", not verified"
    due = next_screening_due(profile.settings, partner)
    if due is None:
        next_due = "now (never screened)"
    else:
        next_due = due.isoformat() + (" (overdue)" if due < today else "")
    evidence = [partner.questionnaire or ("certification status check" if partner.verified and
                                          partner.certification != "none" else "")]
    if partner.questionnaire_date and partner.questionnaire_date.isoformat() not in partner.questionnaire:
        evidence.append(f"completed {partner.questionnaire_date.isoformat()}")
    if partner.questionnaire_file:
        evidence.append(f"file {partner.questionnaire_file}")
    if partner.open_issues:
        evidence.append(f"open issues: {partner.open_issues}")
    return PartnerRow(
        name=clean(partner.name, label), role=clean(partner.role, label), country=clean(partner.country, label),
        certification=clean(certification, label), risk=partner.risk.capitalize() or "Not rated",
        last_screened=partner.last_screened.isoformat() if partner.last_screened else "never",
        next_due=next_due, evidence=clean("; ".join(e for e in evidence if e.strip()), label) or "none on record")


@dataclass(frozen=True)
class ProfileView:
    """Everything the renderers need, computed once from catalog, profile and review."""

    company: str
    entity_slug: str
    entity_name: str
    prepared_by: str
    version: str
    date: dt.date
    readiness: str
    readiness_definition: str
    coverage: str
    sections: tuple[SectionView, ...]
    applicability: tuple[ApplicabilityRow, ...]
    open_findings: tuple[FindingView, ...]
    accepted_findings: tuple[FindingView, ...]
    evidence: tuple[EvidenceItem, ...]
    char_limit: int = 0
    problems: tuple[str, ...] = field(default=())
    word_layout: str = "compact"
    cycle: CycleView | None = None  # the annual cycle (changes, review sign-off, CAP); set by render.view_for
    partners: tuple[PartnerRow, ...] = ()
    profile_id: str = ""  # a hash of the profile file's path (the Word draft's custom properties)
    profile_name: str = ""  # the profile file's name

    @property
    def criteria(self) -> tuple[CriterionView, ...]:
        """All criteria in portal order."""
        return tuple(c for s in self.sections for c in s.criteria)

    @property
    def checklist(self) -> tuple[ChecklistItem, ...]:
        """The open findings as checklist lines (info findings grouped per rule)."""
        return checklist(self.open_findings)

    @property
    def unanswered(self) -> tuple[CriterionView, ...]:
        """Every criterion with nothing to paste yet, in portal order."""
        return tuple(c for c in self.criteria if c.unanswered)


def _first_number(obj: Any, names: Sequence[str]) -> float | None:
    for name in names:
        value = obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)
        if callable(value):
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    return None


def readiness_percent(readiness: Any) -> float | None:
    """The overall readiness percentage, whatever shape the review's readiness object has (None if absent)."""
    if readiness is None:
        return None
    names = ("percent", "overall_percent", "percentage", "score", "ready_percent")
    value = _first_number(readiness, names)
    if value is None:
        overall = readiness.get("overall") if isinstance(readiness, Mapping) else getattr(readiness, "overall", None)
        if overall is not None and not callable(overall):
            if isinstance(overall, (int, float)) and not isinstance(overall, bool):
                value = float(overall)
            else:
                value = _first_number(overall, names)
    if value is not None and 0 < value <= 1 and isinstance(value, float) and value != int(value):
        value *= 100
    return value


def _member(obj: Any, name: str) -> Any:
    value = obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)
    return None if callable(value) else value


def section_readiness(review: Any, section: str) -> str:
    """'7 of 9 criteria ready' for a portal section, when the review's readiness has per-section counts."""
    by_section = _member(_member(review, "readiness"), "by_section") if review is not None else None
    counts = by_section.get(section) if isinstance(by_section, Mapping) else None
    ready, applicable = _member(counts, "ready"), _member(counts, "applicable")
    if isinstance(ready, int) and isinstance(applicable, int) and applicable:
        return f"{ready} of {applicable} criteria ready"
    return ""


def readiness_line(review: Any) -> str:
    """One line: overall readiness and the open findings by severity."""
    if review is None:
        return "not reviewed"
    findings = tuple(getattr(review, "findings", ()) or ())
    open_findings = [f for f in findings if not getattr(f, "accepted_reason", "")]
    errors = sum(1 for f in open_findings if f.severity == "error")
    warnings = sum(1 for f in open_findings if f.severity == "warning")
    accepted = len(findings) - len(open_findings)
    parts = []
    percent = readiness_percent(getattr(review, "readiness", None))
    if percent is not None:
        parts.append(f"{percent:.0f}% ready")
    counts = f"{errors} error{'s' if errors != 1 else ''} and {warnings} warning{'s' if warnings != 1 else ''} open"
    if accepted:
        counts += f", {accepted} accepted"
    parts.append(counts)
    return "; ".join(parts)


def coverage_line(catalog: Catalog, entity_slug: str) -> str:
    """How many designations for this entity type are confirmed, how many assumed, and how to confirm them."""
    row = entity_coverage(catalog, entity_slug)
    if row.assumed == 0:
        return f"All {row.total} designations for {row.name} are confirmed by a CBP source."
    return (f"Designations for {row.name}: {row.confirmed} of {row.total} confirmed by a CBP source, "
            f"{row.assumed} assumed (marked \u201cassumed\u201d); {IMPORT_HINT} to confirm them.")


def default_date(profile: Profile) -> dt.date:
    """The draft date: the day the profile file was last saved, so the same file always renders the same."""
    if profile.path is not None:
        try:
            stamp = profile.path.stat().st_mtime
        except OSError:
            pass
        else:
            return dt.datetime.fromtimestamp(stamp, dt.UTC).date()
    return dt.date.today()


def _findings(review: Any, clean: TextCleaner) -> list[FindingView]:
    views = []
    for finding in tuple(getattr(review, "findings", ()) or ()):
        where = f"finding {finding.rule} {finding.criterion}".strip()
        views.append(FindingView(
            criterion=str(finding.criterion or ""), rule=str(finding.rule), severity=str(finding.severity),
            field=str(finding.field or ""), message=clean(finding.message, where),
            suggestion=clean(getattr(finding, "suggestion", ""), where),
            accepted_reason=clean(getattr(finding, "accepted_reason", ""), where),
        ))
    return views


def _clean_answer(answer: Answer, clean: TextCleaner) -> Answer:
    """The answer with every text cleaned once (so the composed response needs no second cleaning)."""
    cid = answer.criterion_id
    texts = {name: clean(answer.detail(name), f"{cid} {name}") for name in DETAIL_NAMES}
    extra = {key: clean(value, f"{cid} {key}") if isinstance(value, str) else value
             for key, value in answer.extra.items()}
    return replace(answer, na_reason=clean(answer.na_reason, f"{cid} N/A reason"), extra=MappingProxyType(extra),
                   controls=texts["controls"], frequency=texts["frequency"], owner=texts["owner"],
                   records=texts["records"], escalation=texts["escalation"], narrative=texts["narrative"])


def _facts(criterion: Criterion, designation: Designation, answer: Answer, details: Mapping[str, str],
           facilities: Sequence[tuple[str, str]]) -> tuple[Fact, ...]:
    facts = [Fact("Status", STATUS_LABELS.get(answer.status, answer.status)),
             Fact("Designation", designation.label)]
    for name, label in (("owner", "Owner"), ("frequency", "Frequency"), ("records", "Records"),
                        ("escalation", "Escalation")):
        facts.append(Fact(label, details[name], name))
    for extra in criterion.fields:
        value = answer.extra.get(extra.name)
        if value not in (None, ""):
            facts.append(Fact(extra.label, value_text(value), extra.name if isinstance(value, str) else ""))
    statuses = "; ".join(f"{name}: {FACILITY_LABELS[answer.facilities[facility_id]]}"
                         for facility_id, name in facilities
                         if answer.facilities.get(facility_id, "") in FACILITY_LABELS
                         and answer.facilities.get(facility_id))
    if statuses:  # facilities nobody has set a status for stay out of the documents
        facts.append(Fact(FACILITIES_LABEL, statuses))
    return tuple(facts)


def build_view(catalog: Catalog, profile: Profile, *, review: Any = None, generated: dt.date | None = None,
               evidence: Sequence[EvidenceItem] | None = None, clean: TextCleaner | None = None) -> ProfileView:
    """Build the render view; `evidence` are checked items (planned, unchecked ones when None)."""
    clean = clean or TextCleaner()
    entity = catalog.entity(profile.entity_type)
    company = clean(profile.company, "company")
    prepared_by = clean(profile.prepared_by, "prepared_by")
    version = clean(profile.version, "version")
    facilities = [(f.id, clean(f.name, f"facility {f.id}") or f.id) for f in profile.facilities]
    items = list(evidence) if evidence is not None else plan_evidence(catalog, profile, clean)
    by_criterion: dict[str, list[EvidenceItem]] = {}
    for item in items:
        by_criterion.setdefault(item.criterion, []).append(item)
    findings = _findings(review, clean)
    open_by_criterion: dict[str, list[FindingView]] = {}
    for finding in findings:
        if not finding.accepted_reason:
            open_by_criterion.setdefault(finding.criterion, []).append(finding)
    limit = profile.settings.portal_char_limit
    sections: list[SectionView] = []
    rows: list[ApplicabilityRow] = []
    order_of = {s.name: s.order for s in catalog.portal_sections}
    for criterion, designation in catalog.applicable(profile.entity_type):
        answer = _clean_answer(profile.answer(criterion.id), clean)
        details = {name: answer.detail(name) for name in DETAIL_NAMES}
        composed = compose_response(criterion, answer, profile.settings.response_style)
        response = clean(composed.text, f"{criterion.id} response")
        na_reason = answer.na_reason
        section = criterion.primary_section if criterion.primary_section in order_of else UNPLACED_SECTION
        view = CriterionView(
            id=criterion.id, title=criterion.title, section=section,
            section_assumed=criterion.portal_section_assumed, designation=designation, status=answer.status,
            status_label=STATUS_LABELS.get(answer.status, answer.status), na_reason=na_reason, response=response,
            response_source=composed.source, details=details,
            facts=_facts(criterion, designation, answer, details, facilities),
            evidence=tuple(by_criterion.get(criterion.id, ())),
            findings=tuple(open_by_criterion.get(criterion.id, ())),
            over_limit=bool(limit) and len(response) > limit, portal=criterion.portal_label,
            suggested_na="" if answer.status else clean(catalog.suggested_na_reason(profile.entity_type, criterion.id),
                                                         f"{criterion.id} suggested reason"),
            review_notes=tuple(replace(n, text=clean(n.text, f"{criterion.id} review note"),
                                       author=clean(n.author, f"{criterion.id} review note"))
                               for n in answer.open_review_notes),
        )
        if sections and sections[-1].name == section:
            sections[-1] = replace(sections[-1], criteria=sections[-1].criteria + (view,))
        else:
            sections.append(SectionView(order_of.get(section, 0), section, (view,),
                                        section_readiness(review, section)))
        applies = "No (not applicable)" if answer.status == "not_applicable" else "Yes"
        row_reason = na_reason
        if view.suggested_na:
            # offered as probably not applicable and not yet decided: say so, with the reason to confirm
            applies = "Probably not (to confirm)"
            row_reason = f"Suggested: {view.suggested_na}"
        rows.append(ApplicabilityRow(criterion.id, criterion.title, designation.label, applies, row_reason))
    position = {c.id: i for i, (c, _d) in enumerate(catalog.applicable(profile.entity_type))}
    rank = {"error": 0, "warning": 1, "info": 2}
    ordered = sorted(findings, key=lambda f: (position.get(f.criterion, -1), rank.get(f.severity, 3)))
    return ProfileView(
        company=company, entity_slug=profile.entity_type, entity_name=entity.name, prepared_by=prepared_by,
        version=version,
        date=generated or default_date(profile), readiness=readiness_line(review),
        readiness_definition=str(_member(_member(review, "readiness"), "definition") or ""),
        coverage=coverage_line(catalog, profile.entity_type), sections=tuple(sections), applicability=tuple(rows),
        open_findings=tuple(f for f in ordered if not f.accepted_reason),
        accepted_findings=tuple(f for f in ordered if f.accepted_reason),
        evidence=tuple(items), char_limit=limit, problems=tuple(clean.problems()),
        word_layout=profile.settings.word_layout,
        partners=tuple(_partner_row(p, profile, generated or default_date(profile), clean) for p in profile.partners),
        profile_id=profile_id(profile.path), profile_name=profile.path.name if profile.path else "",
    )
