"""The whole year, as a compliance manager lives it: draft, submit, a year passes, review, fix a gap, resubmit.

Dates are injected, so the story runs the same on any day.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from render_support import convert, soffice

from ctpat_tui.catalog import Catalog
from ctpat_tui.cli import main
from ctpat_tui.cycle.dates import review_due
from ctpat_tui.cycle.diff import diff_since_submission
from ctpat_tui.cycle.history import load_history, submit_profile
from ctpat_tui.cycle.annual_review import not_yet_reviewed, offer_review, progress, reaffirm_warnings
from ctpat_tui.profile.document import ProfileDocument, read_profile
from ctpat_tui.profile.model import Action, Evidence
from ctpat_tui.render import render_profile
from ctpat_tui.review import review_profile

CERTIFIED = dt.date(2024, 2, 15)
FIRST_SUBMISSION = dt.date(2025, 2, 3)
A_YEAR_LATER = dt.date(2026, 1, 12)
UPDATED = ("5.2", "7.23", "9.2")  # the partial answer closed by an action, a new procedure version, a reworded answer


def _answer_everything(catalog: Catalog, document: ProfileDocument, folder: Path) -> None:
    (folder / "evidence").mkdir()
    for criterion, _designation in catalog.applicable(document.profile.entity_type):
        cid = criterion.id
        document.set_answer_value(cid, "status", "partial" if cid == "9.2" else "implemented")
        document.set_answer_value(cid, "controls", f"Control for {criterion.title}: written procedure SOP-{cid} "
                                                   "followed by the named owner, checked by the Security Manager.")
        document.set_answer_value(cid, "frequency", "Every shipment, and reviewed every year in January")
        document.set_answer_value(cid, "owner", "Security Manager")
        document.set_answer_value(cid, "records", f"Checklist SOP-{cid}-F1 kept 5 years in SharePoint")
        document.set_answer_value(cid, "escalation", "Deviations go to the Director of Trade Compliance within "
                                                     "24 hours and are tracked to closure")
        name = f"evidence/sop-{cid}.txt"
        (folder / name).write_text(f"SOP-{cid} version 1\n")
        document.set_evidence(cid, [Evidence(f"Procedure SOP-{cid}", f"SOP-{cid} v1", dt.date(2025, 1, 20),
                                             criterion.primary_section, name)])


@pytest.mark.slow
def test_a_whole_year_of_the_cycle(catalog: Catalog, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "acme.toml"
    assert main(["new", str(path), "--entity", "importer", "--company", "Acme Imports LLC"]) == 0
    document = ProfileDocument.load(path)
    document.set_header_date("certification_date", CERTIFIED)
    _answer_everything(catalog, document, tmp_path)
    document.save()

    # January 2025: the partial fence answer needs a corrective action; the finding becomes one.
    review = review_profile(catalog, read_profile(path), today=FIRST_SUBMISSION)
    (finding,) = [f for f in review.open_findings() if f.rule == "CAP001"]
    assert finding.criterion == "9.2"
    document = ProfileDocument.load(path)
    action = Action(document.next_action_id(), finding.criterion, f"{finding.message}", finding.rule,
                    "Fence the Elgin dock apron", "Facilities Manager", dt.date(2025, 9, 30), "open",
                    opened=FIRST_SUBMISSION)
    document.set_action(action)
    document.save()
    assert not [f for f in review_profile(catalog, read_profile(path), today=FIRST_SUBMISSION).open_findings()
                if f.rule == "CAP001"]

    # February 2025: entered into the portal and recorded.
    submit_profile(path, FIRST_SUBMISSION, portal_ref="2025 update", today=FIRST_SUBMISSION)
    assert read_profile(path).last_submitted == FIRST_SUBMISSION
    assert offer_review(read_profile(path), FIRST_SUBMISSION) is False

    # A year passes: the anniversary is 34 days away, so the review is offered and a rule warns.
    profile = read_profile(path)
    assert review_due(profile, A_YEAR_LATER) == dt.date(2026, 2, 15)
    assert offer_review(profile, A_YEAR_LATER)
    assert any(f.rule == "CYC001" for f in review_profile(catalog, profile, today=A_YEAR_LATER).findings)

    # The fence was built: the action is done and verified with closure evidence, the answer is now implemented.
    document = ProfileDocument.load(path)
    document.start_annual_review(review_due(profile, A_YEAR_LATER), "Maria Lopez", A_YEAR_LATER)
    document.set_action(replace(document.profile.actions[0], status="verified", closed=dt.date(2025, 9, 20),
                                verified=dt.date(2025, 9, 25), closure_evidence="Fence completion certificate FC-88"))
    document.set_answer_value("9.2", "status", "implemented")
    # A new version of the 7.23 procedure: re-affirming it unchanged is not silent.
    (tmp_path / "evidence" / "sop-7.23.txt").write_text("SOP-7.23 version 2\n")
    submitted = load_history(path).latest
    warnings = reaffirm_warnings(catalog, document.profile, "7.23", A_YEAR_LATER, submitted)
    assert warnings == ["evidence/sop-7.23.txt changed since it was submitted"]
    evidence = document.profile.answer("7.23").evidence[0]
    document.set_evidence("7.23", [replace(evidence, ref="SOP-7.23 v2", date=dt.date(2026, 1, 5))])
    document.set_answer_value("5.2", "owner", "Security Manager, with the IT Manager as deputy")
    for cid in UPDATED:
        document.mark_reviewed(cid, "updated", "Maria Lopez", A_YEAR_LATER)
    seen = 0
    for cid in not_yet_reviewed(catalog, document.profile):
        shown = reaffirm_warnings(catalog, document.profile, cid, A_YEAR_LATER, submitted)
        short_cycle = catalog.criteria[cid].review_cycle_months < 12  # 11-month-old evidence is aged for these
        assert bool(shown) == short_cycle and all("months ago" in w for w in shown), cid
        seen += bool(shown)
        note = "aged evidence seen; a new record follows with the next cycle" if shown else ""
        document.mark_reviewed(cid, "reaffirmed", "Maria Lopez", A_YEAR_LATER, note)
    assert seen
    done = progress(catalog, document.profile)
    assert done.complete and (done.updated, done.reaffirmed) == (3, done.applicable - 3)
    document.sign_off_review("Maria Lopez", A_YEAR_LATER)
    document.save()
    profile = read_profile(path)
    found = review_profile(catalog, profile, today=A_YEAR_LATER).open_findings()
    assert not [f for f in found if f.rule.startswith("CAP") or f.rule == "CYC005"]

    # What changed: exactly the three criteria, in the diff and in the changed-only paste pack.
    assert diff_since_submission(profile).changed_criteria() == UPDATED
    capsys.readouterr()
    assert main(["diff", str(path)]) == 0
    assert "3 criteria changed (5.2, 7.23, 9.2)" in capsys.readouterr().out
    out = tmp_path / "out"
    result = render_profile(catalog, profile, out, ["txt", "md", "docx"], generated=A_YEAR_LATER,
                            review=review_profile(catalog, profile, today=A_YEAR_LATER))
    assert (out / "profile.docx") in result.files
    assert main(["render", str(path), "--out", str(out), "--changed-only", "--today", A_YEAR_LATER.isoformat()]) == 0
    pack = (out / "portal-responses-changed.txt").read_text(encoding="utf-8")
    assert sorted(re.findall(r"^\[([0-9.]+)\] ", pack, re.MULTILINE)) == sorted(UPDATED)

    # The Word draft, looked at as PDF pages: the changes annex, the sign-off and the action plan.
    if soffice() is None:
        pytest.skip("LibreOffice is not installed: the PDF pages cannot be looked at")
    pdf = convert(out / "profile.docx", "pdf", out)
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    annex = next(i for i, page in enumerate(pages) if "Changes since the last submission" in page
                 and "criteria changed" in page)
    text = "\n".join(pages[annex:])
    assert "Compared with the submission of 2025-02-03: 3 criteria changed" in " ".join(text.split())
    for cid in UPDATED:
        assert re.search(rf"^\s*{re.escape(cid)} ", text, re.MULTILINE)
    assert "Annual review sign-off" in text and "93 of 93" in text and "Maria Lopez 2026-01-12" in text
    assert "Corrective-action plan" in text and "CA-001" in text and "FC-88" in text and "Verified" in text
