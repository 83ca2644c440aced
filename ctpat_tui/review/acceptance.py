"""Accepted findings: a finding the user accepted with a written reason stays visible but no longer blocks."""

from __future__ import annotations

from dataclasses import replace

from ctpat_tui.profile.model import Answer
from ctpat_tui.review.finding import Finding
from ctpat_tui.review.rules import Example, Family, Rule

_NA = '''[answers."9.1"]
status = "not_applicable"
na_reason = "Does not apply to us."
'''

ACC001 = Rule(
    "ACC001", "warning", "A finding is accepted without a written reason, so the acceptance is ignored.",
    Example(_NA + 'accepted = { "ALIGN005" = "" }\n'),
    Example(_NA + 'accepted = { "ALIGN005" = "Office-only importer; CBP SCSS agreed on the 2026-05-12 call." }\n'))
ACC002 = Rule(
    "ACC002", "info", "An accepted finding no longer occurs, so its acceptance can be removed.",
    Example(_NA.replace("Does not apply to us.", "We own no warehouse or yard: all goods move from the supplier to "
                        "our customers through our CTPAT-certified 3PL, Gulf Logistics (SVI 12345678).")
            + 'accepted = { "ALIGN004" = "Reason to follow." }\n'),
    Example(_NA + 'accepted = { "ALIGN005" = "Office-only importer; CBP SCSS agreed on the 2026-05-12 call." }\n'))

FAMILY = Family("Accepted findings", "Keeps accepted findings honest: each one carries a reason and still applies.",
                (ACC001, ACC002))


def apply_acceptance(answer: Answer, findings: list[Finding]) -> list[Finding]:
    """Mark findings the answer accepts, and report acceptances without reason or without a finding."""
    if not answer.accepted:
        return findings
    cid = answer.criterion_id
    result = []
    fired = {f.rule for f in findings}
    for finding in findings:
        reason = answer.accepted.get(finding.rule, "").strip()
        result.append(replace(finding, accepted_reason=reason) if reason else finding)
    for rule, reason in answer.accepted.items():
        if not reason.strip():
            result.append(ACC001.finding(cid, "accepted", f"{rule} is accepted without a reason, so it still counts",
                                         f"Write why {rule} is acceptable here (e.g. what the reviewer agreed), "
                                         "or remove the acceptance."))
        elif rule not in fired:
            result.append(ACC002.finding(cid, "accepted", f"accepted {rule} no longer occurs",
                                         f"Remove {rule} from accepted for {cid}."))
    return result
