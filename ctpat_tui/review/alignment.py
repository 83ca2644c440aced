"""Entity alignment rules: the profile answers exactly the MSC of its entity type, Musts first."""

from __future__ import annotations

from ctpat_tui.catalog.model import Criterion, Designation
from ctpat_tui.catalog.msc_documents import where_to_get
from ctpat_tui.profile.model import Answer
from ctpat_tui.review.context import ReviewContext
from ctpat_tui.review.finding import Finding
from ctpat_tui.review.rules import Example, Family, Rule
from ctpat_tui.review.vagueness import content_words

NA_REASON_MIN_WORDS = 8

_STRONG = '''[answers."7.23"]
status = "implemented"
controls = "Incidents are reported on form SEC-F-12 to the Security Manager, who notifies our SCSS within 24 hours."
'''

ALIGN001 = Rule(
    "ALIGN001", "error", "A criterion that applies to the entity type is not answered.",
    Example("", criterion="7.23"), Example(_STRONG),
    severity_note="error for a Must (or partly Must) criterion, warning for a Should")
ALIGN002 = Rule(
    "ALIGN002", "warning", "An answer is given for a criterion that does not apply to the profile's entity type.",
    Example('[answers."6.3"]\nstatus = "implemented"\ncontrols = "LTL pickups use high-security padlocks."\n'),
    Example('[answers."6.3"]\nstatus = "implemented"\ncontrols = "LTL pickups use high-security padlocks."\n',
            entity="highway_carrier"))
ALIGN003 = Rule(
    "ALIGN003", "warning", "An answer is filed under a criterion ID the catalog does not know (often a typo).",
    Example(_STRONG.replace('"7.23"', '"7.230"')), Example(_STRONG))
ALIGN004 = Rule(
    "ALIGN004", "error", "A criterion is marked not applicable without a reason.",
    Example('[answers."9.1"]\nstatus = "not_applicable"\n'),
    Example('[answers."9.1"]\nstatus = "not_applicable"\nna_reason = "We own no warehouse or yard: all goods move '
            'from the supplier to our customers through our CTPAT-certified 3PL, Gulf Logistics (SVI 12345678)."\n'))
ALIGN005 = Rule(
    "ALIGN005", "warning", "A Must criterion is marked not applicable with a reason too thin for a reviewer to accept.",
    Example('[answers."9.1"]\nstatus = "not_applicable"\nna_reason = "Does not apply to us."\n'),
    Example('[answers."9.1"]\nstatus = "not_applicable"\nna_reason = "We own no warehouse or yard: all goods move '
            'from the supplier to our customers through our CTPAT-certified 3PL, Gulf Logistics (SVI 12345678)."\n'))
ALIGN006 = Rule(
    "ALIGN006", "warning", "An answer has text but no status (implemented, partial, planned or not applicable).",
    Example('[answers."7.23"]\ncontrols = "Incidents are reported on form SEC-F-12 to the Security Manager."\n'),
    Example(_STRONG))
ALIGN007 = Rule(
    "ALIGN007", "info", "The criterion's designation for this entity type is assumed, not confirmed by a CBP source.",
    Example("", criterion="1.1", entity="exporter"), Example("", criterion="6.2", entity="foreign_manufacturer"))
ALIGN008 = Rule(
    "ALIGN008", "warning", "A criterion is only partly implemented or planned.",
    Example(_STRONG.replace('"implemented"', '"planned"')), Example(_STRONG),
    severity_note="planned: error on a Must, warning on a Should; partial: warning on a Must, info on a Should")

FAMILY = Family(
    "Entity alignment", "Answers do not match the Minimum Security Criteria of the company's entity type.",
    (ALIGN001, ALIGN002, ALIGN003, ALIGN004, ALIGN005, ALIGN006, ALIGN007, ALIGN008))


def _assumed(criterion: Criterion, designation: Designation, entity: str) -> Finding:
    return ALIGN007.finding(
        criterion.id, "", f"designation '{designation.label}' for {entity} is assumed ({designation.basis})",
        f"Confirm it against CBP's MSC for your entity type: {where_to_get(entity)}")


def check_answer(ctx: ReviewContext, criterion: Criterion, designation: Designation, answer: Answer) -> list[Finding]:
    """Alignment findings for one applicable criterion."""
    cid = criterion.id
    findings: list[Finding] = []
    if designation.confidence == "assumed":
        findings.append(_assumed(criterion, designation, ctx.entity))
    kind = "Must" if designation.required else "Should" if designation.level == "should" else "Optional or unknown"
    if answer.is_blank:
        severity = "error" if designation.required else "warning"
        findings.append(ALIGN001.finding(cid, "status", f"{kind} criterion not answered yet",
                                         f"Answer {cid} ({criterion.title}), or mark it not applicable with the "
                                         "reason it does not fit your operation.", severity))
        return findings
    if not answer.status:
        findings.append(ALIGN006.finding(cid, "status", "no status set",
                                         "Set status to implemented, partial, planned or not_applicable."))
    elif answer.status == "not_applicable":
        findings.extend(_not_applicable(cid, designation, answer))
    elif answer.status in ("partial", "planned"):
        severity = _progress_severity(designation, answer.status)
        label = "planned" if answer.status == "planned" else "only partly implemented"
        findings.append(ALIGN008.finding(cid, "status", f"{kind} criterion is {label}",
                                         "Give the date it will be in place and who drives it (e.g. 'in place by "
                                         "2027-02-28, owner: Director of Trade Compliance'), and update the status "
                                         "once it runs.", severity))
    return findings


def _progress_severity(designation: Designation, status: str) -> str:
    if designation.required:
        return "error" if status == "planned" else "warning"
    return "warning" if status == "planned" else "info"


def _not_applicable(cid: str, designation: Designation, answer: Answer) -> list[Finding]:
    reason = answer.na_reason.strip()
    if not reason:
        return [ALIGN004.finding(cid, "na_reason", "marked not applicable without a reason",
                                 "Say why it does not fit your operation, e.g. 'We own no warehouse: goods move "
                                 "from the supplier straight to our certified 3PL'.")]
    if not designation.required:
        return []
    if len(content_words(reason)) < NA_REASON_MIN_WORDS:
        return [ALIGN005.finding(cid, "na_reason", "Must criterion marked not applicable with a thin reason",
                                 "Explain the fact that makes it not apply (what you do not own or handle, and who "
                                 "does it instead); the reviewer decides whether to accept it.")]
    return []


def check_inapplicable(ctx: ReviewContext, cid: str, answer: Answer) -> list[Finding]:
    """Findings for an answer to a criterion that is unknown or does not apply to this entity type."""
    if answer.is_blank:
        return []
    if cid not in ctx.catalog.criteria:
        return [ALIGN003.finding(cid, "", f"answer filed under {cid}, which is not a criterion in the catalog",
                                 "Check the ID (e.g. '7.23'); move the text to the right criterion or delete it.")]
    if answer.status == "not_applicable":
        return []
    return [ALIGN002.finding(cid, "", f"{cid} does not apply to entity type {ctx.entity}, but it is answered",
                             "Remove the answer, or check entity_type in [profile] if the company is a different "
                             "kind of CTPAT partner.")]
