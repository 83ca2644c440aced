"""Business-partner rules: a register of partners, screened on a risk-based cycle, with certification or audit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ctpat_tui.profile.model import Partner, Settings
from ctpat_tui.review.context import ReviewContext
from ctpat_tui.review.finding import Finding
from ctpat_tui.review.rules import Example, Family, Rule, add_months, is_stale, months_ago

_PARTNER = '''[answers."3.1"]
status = "implemented"

[[partners]]
name = "Shenzhen Bright Home Co."
role = "supplier"
country = "CN"
certification = "none"
last_screened = 2026-03-01
risk = "high"
questionnaire = "BP security questionnaire SQ-2026-014 (2026-03-01)"
'''
_CERTIFIED = '''[answers."3.1"]
status = "implemented"

[[partners]]
name = "Gulf Coast Drayage LLC"
role = "highway carrier"
country = "US"
certification = "ctpat"
svi = "12345678"
verified = 2026-05-04
last_screened = 2026-05-04
risk = "medium"
'''

PART001 = Rule("PART001", "error", "A partner in the register has never been screened (no last_screened date).",
               Example(_PARTNER.replace("last_screened = 2026-03-01\n", "")), Example(_PARTNER))
PART002 = Rule("PART002", "warning", "A partner's last screening is older than the cycle for its risk level "
               "(settings.screening_cycle_months: high 12, medium 24, low 36 months by default).",
               Example(_PARTNER.replace("last_screened = 2026-03-01", "last_screened = 2025-08-15")),
               Example(_PARTNER), severity_note="error for a high-risk partner, warning otherwise")
PART003 = Rule("PART003", "warning", "A partner entry lacks its name, role, country or risk level.",
               Example(_PARTNER.replace('risk = "high"\n', "")), Example(_PARTNER))
PART004 = Rule("PART004", "error", "An uncertified partner has no security questionnaire or audit on record.",
               Example(_PARTNER.replace('questionnaire = "BP security questionnaire SQ-2026-014 (2026-03-01)"\n', "")),
               Example(_PARTNER))
PART005 = Rule("PART005", "warning", "A CTPAT- or AEO-certified partner has no recent recorded verification of its "
               "status.", Example(_CERTIFIED.replace("verified = 2026-05-04\n", "")), Example(_CERTIFIED))
PART006 = Rule("PART006", "warning", "A certified partner lacks its SVI number (CTPAT) or its program (AEO/MRA).",
               Example(_CERTIFIED.replace('svi = "12345678"\n', "")), Example(_CERTIFIED))
PART007 = Rule("PART007", "warning", "The profile has no partner register although business-partner criteria "
               "apply to the entity type.", Example('[answers."3.1"]\nstatus = "implemented"\n'),
               Example(_PARTNER))

FAMILY = Family("Business partners", "Business-partner screening and oversight is not documented.",
                (PART001, PART002, PART003, PART004, PART005, PART006, PART007))


def anchor_criterion(ctx: ReviewContext) -> str:
    """The business-partner criterion partner findings are filed under (first in portal order), or ''."""
    tagged = ctx.criteria_tagged("business_partners")
    return tagged[0].id if tagged else ""


def screening_cycle(settings: Settings, partner: Partner) -> int:
    """Months between screenings for the partner's risk level (the shortest cycle when it has none)."""
    cycles = settings.screening_cycle_months
    if partner.risk in cycles:
        return cycles[partner.risk]
    return min(cycles.values()) if cycles else 12


def next_screening_due(settings: Settings, partner: Partner) -> dt.date | None:
    """When the partner must be screened again (None when it was never screened: it is due now)."""
    if partner.last_screened is None:
        return None
    return add_months(partner.last_screened, screening_cycle(settings, partner))


def _cycle(ctx: ReviewContext, partner: Partner) -> int:
    return screening_cycle(ctx.profile.settings, partner)


def _partner_findings(ctx: ReviewContext, cid: str, index: int, partner: Partner) -> list[Finding]:
    who = partner.name or f"partner {index + 1}"
    field = "partners"
    findings = []
    missing = [k for k in ("name", "role", "country", "risk") if not getattr(partner, k).strip()]
    if missing:
        findings.append(PART003.finding(cid, field, f"{who}: no {', '.join(missing)}",
                                        "Fill in name, role (e.g. supplier, highway carrier), country and risk "
                                        "(high, medium or low) from your partner risk assessment."))
    cycle = _cycle(ctx, partner)
    if partner.last_screened is None:
        findings.append(PART001.finding(cid, field, f"{who}: never screened (no Last screened date)",
                                        "Screen the partner (sanctions and denied-party lists, security "
                                        "questionnaire or certification check) and enter the date as Last screened."))
    elif is_stale(partner.last_screened, ctx.today, cycle):
        severity = "error" if partner.risk == "high" else "warning"
        findings.append(PART002.finding(
            cid, field, f"{who}: last screened {partner.last_screened.isoformat()}, "
            f"{months_ago(partner.last_screened, ctx.today)} months ago ({partner.risk or 'unrated'} risk: every "
            f"{cycle} months)", "Screen the partner again now and enter the new date as Last screened.", severity))
    if partner.certification == "none":
        if not partner.questionnaire.strip():
            findings.append(PART004.finding(cid, field, f"{who}: not certified and no questionnaire or audit on "
                                            "record", "Send the security questionnaire (or audit the partner) and "
                                            "record it under Questionnaire/audit, e.g. 'SQ-2026-014 (2026-03-01)'."))
        return findings
    program = "CTPAT" if partner.certification == "ctpat" else "AEO"
    if partner.verified is None or is_stale(partner.verified, ctx.today, cycle):
        when = "never verified" if partner.verified is None else f"last verified {partner.verified.isoformat()}"
        findings.append(PART005.finding(cid, field, f"{who}: {program} status {when}",
                                        f"Check the partner's {program} status (CTPAT: SVI in the portal; AEO: the "
                                        "program's public register) and enter the date as Status verified."))
    if partner.certification == "ctpat" and not partner.svi.strip():
        findings.append(PART006.finding(cid, field, f"{who}: CTPAT certified but no SVI number",
                                        "Ask the partner for its SVI number and enter it as SVI number."))
    if partner.certification == "aeo" and not partner.aeo_programme.strip():
        findings.append(PART006.finding(cid, field, f"{who}: AEO certified but the program is not named",
                                        "Name the AEO program, e.g. 'EU AEO' or 'Mexico OEA (MRA)'."))
    return findings


def check_profile(ctx: ReviewContext) -> Iterable[Finding]:
    """Findings for the partner register, filed under the first business-partner criterion."""
    cid = anchor_criterion(ctx)
    if not cid:
        return
    if not ctx.profile.partners:
        answers = [ctx.profile.answer(c.id) for c in ctx.criteria_tagged("business_partners")]
        if all(a.status == "not_applicable" for a in answers):
            return
        yield PART007.finding(cid, "partners", "no partner register: business-partner screening is not documented",
                              "Add each supplier, carrier and service provider with role, country, certification, "
                              "last screened date and risk: in the app's partner register (F7), from a spreadsheet "
                              "with `ctpat partners import`, or as [[partners]] tables (see docs/profile-format.md).")
        return
    for index, partner in enumerate(ctx.profile.partners):
        yield from _partner_findings(ctx, cid, index, partner)


def partner_indexes(findings: Iterable[Finding], partners: tuple[Partner, ...]) -> list[int | None]:
    """For each finding, the register position of the partner it is about (its message starts with the partner)."""
    position: dict[str, int] = {}
    for index, partner in enumerate(partners):
        position.setdefault(partner.name or f"partner {index + 1}", index)
    return [position.get(f.message.split(":", 1)[0]) if f.rule.startswith("PART") else None for f in findings]


def partner_index_for(finding: Finding, partners: tuple[Partner, ...]) -> int | None:
    """The register position of the partner one PART finding is about, or None."""
    return partner_indexes([finding], partners)[0]
