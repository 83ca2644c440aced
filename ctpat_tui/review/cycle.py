"""Annual-cycle and corrective-action rules: the review deadline, what is not yet submitted, and the action plan."""

from __future__ import annotations

from collections.abc import Iterable

from ctpat_tui.catalog.model import Criterion, Designation
from ctpat_tui.cycle.dates import REVIEW_WINDOW_DAYS, review_due
from ctpat_tui.profile.model import Action, Answer
from ctpat_tui.review.context import ReviewContext
from ctpat_tui.review.finding import Finding
from ctpat_tui.review.rules import Example, Family, Rule

_SUBMITTED = "# [profile] table, continued\ncertification_date = 2024-06-15\nlast_submitted = 2026-06-01\n"
_ANSWER = '''
[answers."7.23"]
status = "implemented"
controls = "Incidents are reported on form SEC-F-12 to the Security Manager, who notifies our SCSS within 24 hours."

[[answers."7.23".evidence]]
title = "Security incident reporting procedure"
ref = "SEC-SOP-12 v3"
date = 2026-03-01
portal_section = "Procedural Security"
'''
_PARTIAL = '''
[answers."7.23"]
status = "partial"
controls = "Incidents are reported on form SEC-F-12; the escalation to CBP is not yet written down."
'''
_ACTION = '''
[[actions]]
id = "CA-001"
criterion = "7.23"
gap = "Escalation of incidents to CBP is not written down"
action = "Add the CBP notification step to SEC-SOP-12 and train the shift leads"
owner = "Security Manager"
due = 2027-01-31
status = "open"
'''
_VERIFIED = _ACTION.replace('status = "open"', 'status = "verified"\nverified = 2026-11-02\n'
                            'closure_evidence = "SEC-SOP-12 v4 (2026-10-28) and training log TR-2026-31"')

CYC001 = Rule("CYC001", "warning", "The annual profile review is due within 90 days (the certification anniversary "
              "that the last submission does not cover).",
              Example("# [profile] table, continued\ncertification_date = 2024-01-15\nlast_submitted = 2026-01-10\n"), Example(_SUBMITTED))
CYC002 = Rule("CYC002", "error", "The annual profile review is overdue: the anniversary passed without a submission.",
              Example("# [profile] table, continued\ncertification_date = 2024-06-15\nlast_submitted = 2025-06-01\n"), Example(_SUBMITTED))
CYC003 = Rule("CYC003", "info", "The profile has a certification date but no submission on record (`ctpat submit` "
              "records one).", Example("# [profile] table, continued\ncertification_date = 2024-06-15\n"), Example(_SUBMITTED))
CYC004 = Rule("CYC004", "info", "Evidence is dated after the last submission, so the portal still shows the older "
              "version.", Example(_SUBMITTED + _ANSWER.replace("2026-03-01", "2026-09-01")),
              Example(_SUBMITTED + _ANSWER))
CYC005 = Rule("CYC005", "info", "This year's annual review is under way and some applicable criteria are not yet "
              "reviewed.", Example(_SUBMITTED + '\n[annual_review]\ndue = 2027-06-15\nreviewer = "Maria Lopez"\n'),
              Example(_SUBMITTED))
CAP001 = Rule("CAP001", "warning", "A partially implemented or planned answer has no open corrective action with an "
              "owner and a due date.", Example(_PARTIAL), Example(_PARTIAL + _ACTION))
CAP002 = Rule("CAP002", "warning", "A corrective action is still open after its due date.",
              Example(_PARTIAL + _ACTION.replace("2027-01-31", "2026-10-31")), Example(_PARTIAL + _ACTION))
CAP003 = Rule("CAP003", "error", "A corrective action is marked verified but names no closure evidence.",
              Example(_ANSWER + _VERIFIED.replace('closure_evidence = "SEC-SOP-12 v4 (2026-10-28) and training log '
                                                  'TR-2026-31"', "")),
              Example(_ANSWER + _VERIFIED))

FAMILY = Family("Annual cycle", "The profile must be reviewed and resubmitted every year, and its gaps closed by a "
                "corrective-action plan with owners and dates.",
                (CYC001, CYC002, CYC003, CYC004, CYC005, CAP001, CAP002, CAP003))


def _action_findings(ctx: ReviewContext, cid: str, action: Action) -> list[Finding]:
    findings = []
    if action.overdue(ctx.today):
        assert action.due is not None
        days = (ctx.today - action.due).days
        findings.append(CAP002.finding(cid, "actions", f"{action.id} ({action.owner or 'no owner'}) was due "
                                       f"{action.due.isoformat()}, {days} days ago, and is still "
                                       f"{action.status.replace('_', ' ')}",
                                       f"Close {action.id}, or agree a new due date with {action.owner or 'its owner'} "
                                       "and record why it moved."))
    if action.status == "verified" and not action.closure_evidence.strip():
        findings.append(CAP003.finding(cid, "actions", f"{action.id} is verified but names no closure evidence",
                                       "Name the document or record that shows the gap is closed (e.g. the new "
                                       "procedure version or the training log) as closure_evidence."))
    return findings


def check_answer(ctx: ReviewContext, criterion: Criterion, designation: Designation, answer: Answer) -> list[Finding]:
    """A partial or planned answer's action, the actions filed under the criterion, and evidence newer than submitted."""
    cid = criterion.id
    findings: list[Finding] = []
    linked = [a for a in ctx.profile.actions if a.criterion == cid]
    if answer.status in ("partial", "planned"):
        covered = [a for a in linked if a.is_open and a.owner.strip() and a.due is not None]
        if not covered:
            findings.append(CAP001.finding(cid, "status", f"{answer.status} but no open corrective action with an "
                                           "owner and a due date", "Create a corrective action for the gap (what "
                                           "will be done, who owns it, by when) so the plan shows how it closes."))
    for action in linked:
        findings.extend(_action_findings(ctx, cid, action))
    submitted = ctx.profile.last_submitted
    if submitted is not None and answer.status != "not_applicable":
        for item in answer.evidence:
            if item.date is not None and submitted < item.date <= ctx.today:
                findings.append(CYC004.finding(cid, "evidence", f"'{item.title or item.ref}' is dated "
                                               f"{item.date.isoformat()}, after the last submission "
                                               f"({submitted.isoformat()})", "Upload it and update the answer in the "
                                               "portal at the next submission (the annual review is the usual time)."))
    return findings


def check_profile(ctx: ReviewContext) -> Iterable[Finding]:
    """Profile-wide findings: the review deadline, no submission yet, an unfinished review, and loose actions."""
    profile = ctx.profile
    applicable = {c.id for c, _ in ctx.catalog.applicable(profile.entity_type)}
    for action in profile.actions:
        if action.criterion not in applicable:
            yield from _action_findings(ctx, "", action)
    due = review_due(profile, ctx.today)
    if due is not None:
        days = (due - ctx.today).days
        if days < 0:
            yield CYC002.finding("", "profile", f"the annual review was due {due.isoformat()} ({-days} days ago)",
                                 "Review every criterion now, update the profile in the portal and record the "
                                 "submission with `ctpat submit`.")
        elif days <= REVIEW_WINDOW_DAYS:
            yield CYC001.finding("", "profile", f"the annual review is due {due.isoformat()} (in {days} days)",
                                 "Start the annual review: re-affirm or update each criterion, then submit the "
                                 "profile in the portal before the anniversary.")
    if profile.certification_date is not None and profile.last_submitted is None:
        yield CYC003.finding("", "profile", "no submission on record", "After entering the profile in the portal, "
                             "record it with `ctpat submit PATH --date YYYY-MM-DD` (or the app's render dialog).")
    review = profile.annual_review
    if review is not None and review.signed_off_on is None:
        missing = [cid for cid in applicable if cid not in review.marks]
        if missing:
            yield CYC005.finding("", "annual_review", f"{len(missing)} of {len(applicable)} criteria not yet "
                                 "reviewed", "Continue the annual review in the app (criteria not yet reviewed "
                                 "are listed first).")
