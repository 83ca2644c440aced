"""Evidence rules: every answer is backed by a dated, titled reference, and the files it names are current."""

from __future__ import annotations

from ctpat_tui.catalog.model import Criterion, Designation
from ctpat_tui.profile.model import Answer, Evidence
from ctpat_tui.review.context import ReviewContext
from ctpat_tui.review.files import inspect, normalise_sha256, resolve, sha256_of
from ctpat_tui.review.finding import Finding
from ctpat_tui.review.rules import Example, Family, Rule, as_date, is_stale, months_ago

_ANSWER = '''[answers."7.23"]
status = "implemented"
controls = "Incidents are reported on form SEC-F-12 to the Security Manager, who notifies our SCSS within 24 hours."
'''

_REF = '''
[[answers."7.23".evidence]]
title = "Security incident reporting procedure"
ref = "SEC-SOP-12 v3"
date = 2026-03-01
portal_section = "Procedural Security"
'''

_SOP_V3 = "SEC-SOP-12 v3 Security incident reporting\n"
_SOP_V3_SHA = "8afd5d188b6fe6c94b6724bff7a91347a9957f20100573a76ce9dbc69eabf379"

EVID001 = Rule(
    "EVID001", "error", "An answer (other than not applicable) has no evidence reference.",
    Example(_ANSWER), Example(_ANSWER + _REF))
EVID002 = Rule(
    "EVID002", "error", "An evidence reference lacks its title, ref (document number or version) or date.",
    Example(_ANSWER + _REF.replace('ref = "SEC-SOP-12 v3"\n', "").replace("date = 2026-03-01\n", "")),
    Example(_ANSWER + _REF))
EVID003 = Rule(
    "EVID003", "error", "A referenced evidence file is missing (or is a broken link).",
    Example(_ANSWER + _REF + 'file = "evidence/sec-sop-12.txt"\n'),
    Example(_ANSWER + _REF + 'file = "evidence/sec-sop-12.txt"\n',
            {"evidence/sec-sop-12.txt": _SOP_V3}))
EVID004 = Rule(
    "EVID004", "warning", "A referenced file no longer matches its recorded sha256: the document changed.",
    Example(_ANSWER + _REF + f'file = "evidence/sec-sop-12.txt"\nsha256 = "{_SOP_V3_SHA}"\n',
            {"evidence/sec-sop-12.txt": _SOP_V3.replace("v3", "v4")}),
    Example(_ANSWER + _REF + f'file = "evidence/sec-sop-12.txt"\nsha256 = "{_SOP_V3_SHA}"\n',
            {"evidence/sec-sop-12.txt": _SOP_V3}))
EVID005 = Rule(
    "EVID005", "warning", "The newest evidence of an answer is older than the criterion's review cycle "
    "(12 months unless the criterion sets its own).",
    Example(_ANSWER + _REF.replace("2026-03-01", "2024-09-30")), Example(_ANSWER + _REF))
EVID006 = Rule(
    "EVID006", "warning", "An evidence date lies in the future (usually a typing slip).",
    Example(_ANSWER + _REF.replace("2026-03-01", "2027-03-01")), Example(_ANSWER + _REF))
EVID007 = Rule(
    "EVID007", "error", "A referenced evidence path is a folder, a device or another special file, or cannot be read.",
    Example(_ANSWER + _REF + 'file = "evidence"\n', {"evidence/sec-sop-12.txt": "SEC-SOP-12 v3\n"}),
    Example(_ANSWER + _REF + 'file = "evidence/sec-sop-12.txt"\n', {"evidence/sec-sop-12.txt": "SEC-SOP-12 v3\n"}))
EVID008 = Rule(
    "EVID008", "info", "A referenced file has no recorded sha256, so later changes to it cannot be noticed.",
    Example(_ANSWER + _REF + 'file = "evidence/sec-sop-12.txt"\n', {"evidence/sec-sop-12.txt": "SEC-SOP-12 v3\n"}),
    Example(_ANSWER + _REF))
EVID009 = Rule(
    "EVID009", "warning", "A 'last ...' date the criterion asks for (last policy review, last audit, contacts last "
    "verified) is older than the criterion's review cycle.",
    Example('[answers."4.6"]\nstatus = "implemented"\nlast_policy_review = 2025-01-15\n'),
    Example('[answers."4.6"]\nstatus = "implemented"\nlast_policy_review = 2026-01-15\n'))

FAMILY = Family(
    "Evidence", "Evidence is missing, incomplete, out of date, or no longer matches the file that was referenced.",
    (EVID001, EVID002, EVID003, EVID004, EVID005, EVID006, EVID007, EVID008, EVID009))


def _label(index: int, item: Evidence) -> str:
    return f"evidence {index + 1}" + (f" ('{item.title}')" if item.title else "")


def _file_findings(ctx: ReviewContext, cid: str, index: int, item: Evidence) -> list[Finding]:
    label = _label(index, item)
    path = resolve(ctx.profile.base_dir, item.file)
    check = inspect(path)
    if check.state == "missing":
        return [EVID003.finding(cid, "evidence", f"{label}: file {item.file} {check.detail}",
                                f"Put the document at {item.file} (relative to the profile's folder) or correct the "
                                "file path; keep the file you will upload next to the profile.")]
    if check.state in ("not_regular", "unreadable"):
        return [EVID007.finding(cid, "evidence", f"{label}: {item.file} {check.detail}",
                                "Point file at the one document you will upload (e.g. evidence/sec-sop-12.pdf), "
                                "not at a folder or device.")]
    if not item.sha256.strip():
        return [EVID008.finding(cid, "evidence", f"{label}: {item.file} has no recorded sha256",
                                "Record the file's sha256 (the app does this when you attach the file) so a changed "
                                "document is noticed before you submit.")]
    actual = sha256_of(path, check)
    if actual is not None and actual != normalise_sha256(item.sha256):
        return [EVID004.finding(cid, "evidence", f"{label}: {item.file} changed since you referenced it "
                                "(sha256 differs)",
                                "Check the new version still proves the answer, update ref and date to the new "
                                "version, and record the new sha256.")]
    return []


def _stale_extra_dates(ctx: ReviewContext, criterion: Criterion, answer: Answer) -> list[Finding]:
    findings = []
    for extra in criterion.fields:
        if extra.type != "date" or "last_" not in extra.name:
            continue
        if "risk_assessment" in criterion.tags and extra.name == "last_reviewed":
            continue
        day = as_date(answer.extra.get(extra.name))
        if day is not None and is_stale(day, ctx.today, criterion.review_cycle_months):
            findings.append(EVID009.finding(
                criterion.id, extra.name,
                f"{extra.label}: {day.isoformat()} is {months_ago(day, ctx.today)} months ago "
                f"(cycle: {criterion.review_cycle_months} months)",
                f"Carry out the review now and enter its date; the cycle for {criterion.id} is "
                f"{criterion.review_cycle_months} months."))
    return findings


def check_answer(ctx: ReviewContext, criterion: Criterion, designation: Designation, answer: Answer) -> list[Finding]:
    """Evidence findings for one answered criterion."""
    if answer.is_blank or answer.status == "not_applicable":
        return []
    cid = criterion.id
    findings = _stale_extra_dates(ctx, criterion, answer)
    if not answer.evidence:
        hint = criterion.evidence_hint or "the procedure, log or record that shows the control works"
        findings.append(EVID001.finding(cid, "evidence", "no evidence reference",
                                        f"Reference the document that proves it, e.g. {hint.rstrip('.')}; "
                                        "give its title, ref/version and date."))
        return findings
    dates = []
    for index, item in enumerate(answer.evidence):
        missing = [name for name, value in (("title", item.title), ("ref", item.ref), ("date", item.date))
                   if not value or (isinstance(value, str) and not value.strip())]
        if missing:
            findings.append(EVID002.finding(cid, "evidence", f"{_label(index, item)} has no {', '.join(missing)}",
                                            "Give every reference a title, a ref (document number and version, "
                                            "e.g. 'SEC-SOP-12 v3') and the document's date."))
        if item.date is not None:
            dates.append(item.date)
            if item.date > ctx.today:
                findings.append(EVID006.finding(cid, "evidence", f"{_label(index, item)} is dated "
                                                f"{item.date.isoformat()}, after today",
                                                "Enter the date of the version you reference (not a planned date)."))
        if item.file.strip():
            findings.extend(_file_findings(ctx, cid, index, item))
    past = [d for d in dates if d <= ctx.today]
    if past and is_stale(max(past), ctx.today, criterion.review_cycle_months):
        newest = max(past)
        findings.append(EVID005.finding(
            cid, "evidence",
            f"newest evidence is dated {newest.isoformat()}, {months_ago(newest, ctx.today)} months ago "
            f"(review cycle: {criterion.review_cycle_months} months)",
            "Review the document and reference its current version, or add a recent record that shows the "
            "control still runs (a log extract, a signed checklist)."))
    return findings
