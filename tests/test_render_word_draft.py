"""The Word draft as its reader meets it: the compact layout, unanswered criteria once, the officer's checklist."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document
from render_support import DATE, write_profile

from ctpat_tui.catalog import Catalog
from ctpat_tui.profile.errors import ProfileError
from ctpat_tui.profile.model import Action
from ctpat_tui.render import render_profile, view_for
from ctpat_tui.render.docx import adds_something, render_docx
from ctpat_tui.review import review_profile
from tests.conftest import SAMPLE_DAY

RULE_CODE = re.compile(r"\b[A-Z]{3,5}\d{3}\b")


def _broker_like(directory: Path) -> dict:
    """An importer profile (mini catalogue) with a few answers of each kind and the rest unanswered."""
    return {
        "profile": {"schema": 1, "company": "Gulf Coast Brokerage", "entity_type": "importer",
                    "prepared_by": "Dana Whitfield, Compliance Manager", "version": "0.1"},
        "answers": {
            "2.1": {"status": "implemented", "controls": "We assess risk with the CBP five-step method.",
                    "frequency": "every March", "owner": "Compliance Manager",
                    "records": "risk register RA-2026 on the file server",
                    "escalation": "High risks go to the President within 2 business days",
                    "method": "CBP five-step"},
            "2.3": {"status": "implemented",
                    "narrative": "The risk assessment is reviewed each year by the compliance team.",
                    "owner": "Compliance Manager", "records": "review minutes in the compliance folder"},
        },
    }


@pytest.fixture
def drafts(tmp_path: Path, mini_catalog: Catalog):  # type: ignore[no-untyped-def]
    profile = write_profile(tmp_path / "p", _broker_like(tmp_path))
    view = view_for(mini_catalog, profile, review=review_profile(mini_catalog, profile), generated=DATE)
    compact, problems = render_docx(view)
    assert problems == []
    full, problems = render_docx(replace(view, word_layout="full"))
    assert problems == []
    return view, Document(io.BytesIO(compact)), Document(io.BytesIO(full))


def _paragraphs(document) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for p in document.paragraphs]


def _cells(document) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for t in document.tables for row in t.rows for cell in row.cells for p in cell.paragraphs]


def test_compact_shows_each_response_once_without_the_detail_table(drafts) -> None:
    view, compact, full = drafts
    response = next(c.response for c in view.criteria if c.id == "2.1")
    assert sum(response in p for p in _paragraphs(compact)) == 1
    assert "Compliance Manager" not in _cells(compact)           # no table of detail fields
    assert "Compliance Manager" in _cells(full)                  # the full layout keeps it
    assert len(full.tables) > len(compact.tables)


def test_compact_adds_a_detail_line_only_when_the_response_does_not_say_it(drafts) -> None:
    _view, compact, _full = drafts
    texts = _paragraphs(compact)
    # 2.3 has its own narrative, which names neither owner nor records: both are shown once as detail lines
    assert "Owner: Compliance Manager" in texts
    assert "Records: review minutes in the compliance folder" in texts
    # 2.1 is composed from the fields: nothing is repeated
    assert not any(t.startswith("Frequency:") for t in texts)


def test_a_detail_adds_something_only_when_its_words_are_not_in_the_response() -> None:
    response = "Seals are checked every shift by the Shipping Supervisor. Records kept: seal log, kept 3 years."
    assert not adds_something("Shipping Supervisor", response)
    assert not adds_something("seal log, kept 3 years", response)
    assert adds_something("Security Manager", response)
    assert adds_something("kept 3 years seal log", response)    # the words must come in the same order


def test_unanswered_criteria_are_listed_once_in_one_table(drafts, mini_catalog: Catalog) -> None:
    view, compact, _full = drafts
    missing = [c.id for c in view.criteria if c.unanswered]
    assert missing and "2.1" not in missing
    texts = _paragraphs(compact)
    assert "Criteria not yet answered" in texts
    assert not any(t.startswith(f"{cid}  ") for cid in missing for t in texts)   # no heading per criterion
    cells = _cells(compact)
    assert all(cells.count(cid) == 1 for cid in missing)
    assert "\u2014" not in cells                                 # no table of dashes
    summary = next(t for t in texts if "not answered yet" in t)
    assert summary.startswith(f"{len(missing)} criteria are not answered yet")


def test_each_criterion_names_its_portal_section_and_question(drafts, mini_catalog: Catalog) -> None:
    _view, compact, full = drafts
    criterion = mini_catalog.criteria["2.1"]
    numbers = ", ".join(str(n) for n in sorted({q.number for q in criterion.portal_questions}))
    where = f"{criterion.portal_sections[0]}" + (f" Q{numbers}" if numbers else "")
    meta = next(t for t in _paragraphs(compact) if t.startswith(("Must", "Should")) and "Portal:" in t)
    assert f"Portal: {where}" in meta
    assert where in _cells(full)


def test_document_sections_are_lettered_so_they_are_not_read_as_msc_categories(drafts) -> None:
    _view, compact, _full = drafts
    headings = [p.text for p in compact.paragraphs if p.style.name == "Heading 1"]
    sections = [h for h in headings if re.match(r"^[A-Z]\. ", h)]
    assert sections and sections[0] == "B. Risk Assessment"
    assert not any(re.match(r"^\d+\. ", h) for h in headings)


def test_the_review_checklist_speaks_the_officers_language(drafts) -> None:
    view, compact, _full = drafts
    texts = _paragraphs(compact)
    start = len(texts) - 1 - texts[::-1].index("Review checklist")          # the heading, not the contents line
    end = len(texts) - 1 - texts[::-1].index("Evidence upload manifest")
    checklist = [t for t in texts[start + 1:end] if t.startswith("\u2610")]
    assert checklist
    assert view.open_findings and any(RULE_CODE.search(f.rule) for f in view.open_findings)
    joined = "\n".join(texts[start:end])
    assert not RULE_CODE.search(joined)
    assert not re.search(r"\[\[|`|\bctpat \w|\w+_\w+ *=|\.toml\b", joined)
    line = next(t for t in checklist if t.startswith("\u2610 2.3 "))
    assert "Needed before submitting: name a document that proves it" in line
    assert "Worth improving:" in line and "say who is told when something goes wrong" in line
    assert line.endswith("Ask: Compliance Manager.")
    assert not any("answer it, or say why" in t for t in checklist)    # not repeated from their own table
    partners = next(t for t in checklist if t.startswith("\u2610 3.1 "))  # unanswered, yet its other finding stays
    assert "list the business partners" in partners


def test_the_draft_ends_with_what_happens_next_and_who_submits(drafts) -> None:
    _view, compact, _full = drafts
    texts = [t for t in _paragraphs(compact) if t.strip()]
    start = len(texts) - 1 - texts[::-1].index("What happens next")
    steps = texts[start + 1:]
    assert len(steps) >= 3
    assert steps[0].startswith("The preparer (Dana Whitfield, Compliance Manager) answers the")
    assert any("Company Officer signs in to the CTPAT Portal and submits" in s for s in steps)


def test_a_first_submission_ends_with_one_short_note_instead_of_three_empty_annexes(
        drafts, tmp_path: Path, mini_catalog: Catalog) -> None:
    _view, compact, _full = drafts
    texts = [t for t in _paragraphs(compact) if t.strip()]
    annexes = ("Changes since the last submission", "Annual review sign-off", "Corrective-action plan")
    note = texts.index("First submission")
    assert texts[note + 1].startswith("This is the first submission of the profile")
    assert texts[note + 2] == "What happens next" and not set(annexes) & set(texts)
    profile = replace(write_profile(tmp_path / "q", _broker_like(tmp_path)), actions=(Action("CA-001", "2.1", gap="no seal log", owner="Shipping"),))
    data, problems = render_docx(view_for(mini_catalog, profile, review=review_profile(mini_catalog, profile),
                                          generated=DATE))
    assert problems == []
    texts = [t for t in _paragraphs(Document(io.BytesIO(data))) if t.strip()]
    assert "First submission" not in texts and all(heading in texts for heading in annexes)


def test_the_manifest_says_once_which_documents_have_no_file(tmp_path: Path, mini_catalog: Catalog) -> None:
    data = _broker_like(tmp_path)
    data["answers"]["2.1"]["evidence"] = [{"title": f"Document {n}", "ref": f"D-{n}", "date": DATE}
                                          for n in range(1, 11)]
    profile = write_profile(tmp_path / "p", data)
    render_profile(mini_catalog, profile, tmp_path / "out", ["docx"], generated=DATE)
    document = Document(str(tmp_path / "out" / "profile.docx"))
    everything = "\n".join(_paragraphs(document) + _cells(document))
    assert "no file named" not in everything
    assert everything.count("name no file in the profile") == 1
    assert "All 10 documents name no file in the profile" in everything


def test_the_layout_comes_from_the_profile_and_the_command_line_overrides_it(tmp_path: Path,
                                                                             mini_catalog: Catalog) -> None:
    data = _broker_like(tmp_path)
    data["settings"] = {"word_layout": "full"}
    profile = write_profile(tmp_path / "p", data)
    assert view_for(mini_catalog, profile, generated=DATE).word_layout == "full"
    render_profile(mini_catalog, profile, tmp_path / "a", ["docx"], generated=DATE)
    render_profile(mini_catalog, profile, tmp_path / "b", ["docx"], generated=DATE, layout="compact")
    assert len(Document(str(tmp_path / "a" / "profile.docx")).tables) > \
        len(Document(str(tmp_path / "b" / "profile.docx")).tables)
    with pytest.raises(ValueError, match="unknown Word layout"):
        render_profile(mini_catalog, profile, tmp_path / "c", ["docx"], generated=DATE, layout="tiny")
    data["settings"] = {"word_layout": "tiny"}
    with pytest.raises(ProfileError, match="word_layout must be one of 'compact', 'full'"):
        write_profile(tmp_path / "q", data)


def test_ctpat_render_takes_a_layout_flag(tmp_path: Path, sample_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "ctpat_tui", "render", str(sample_path), "--out", str(tmp_path),
                          "--format", "docx", "--layout", "full", "--today", SAMPLE_DAY.isoformat()],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert len(Document(str(tmp_path / "profile.docx")).tables) > 50
    bad = subprocess.run([sys.executable, "-m", "ctpat_tui", "render", str(sample_path), "--out", str(tmp_path),
                          "--layout", "tiny"], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "invalid choice: 'tiny'" in bad.stderr


def test_the_render_dialog_counts_files_in_good_english(tmp_path: Path) -> None:
    from ctpat_tui.tui.dialogs.render import summarise_files

    files = [tmp_path / "profile.docx", tmp_path / "upload" / "manifest.csv"]
    assert summarise_files(files, tmp_path) == ["profile.docx", "upload/ (1 file)"]
    files.append(tmp_path / "upload" / "01 Upper Management" / "a.pdf")
    assert summarise_files(files, tmp_path)[-1] == "upload/ (2 files)"


def test_a_brokers_probably_not_applicable_criteria_are_a_group_of_their_own(tmp_path: Path, catalog: Catalog) -> None:
    profile = write_profile(tmp_path / "b", {
        "profile": {"schema": 1, "company": "Gulf Coast Brokerage", "entity_type": "customs_broker"},
        "answers": {"1.1": {"status": "implemented", "controls": "Our President signs the security policy."}}})
    likely = [c.id for c, _d in catalog.applicable("customs_broker")
              if catalog.suggested_na_reason("customs_broker", c.id)]
    assert likely
    render_profile(catalog, profile, tmp_path / "out", ["docx"], generated=DATE)
    document = Document(str(tmp_path / "out" / "profile.docx"))
    texts, cells = _paragraphs(document), _cells(document)
    assert "Probably not applicable (to confirm)" in texts
    assert all(cells.count(cid) == 1 for cid in likely)
    reasons = [t for t in texts if t.startswith("The reason offered for each:")]
    assert len(reasons) == 1 and "never takes physical custody of cargo" in reasons[0]
    assert sum("never takes physical custody" in t for t in texts + cells) == 1   # the reason once, not per row
    summary = next(t for t in texts if "not answered yet" in t)
    assert f"{len(likely)} more are probably not applicable to a Licensed U.S. Customs Broker" in summary


def test_the_officer_reads_plain_words_from_the_title_page_to_the_last_step(tmp_path: Path, catalog: Catalog) -> None:
    profile = write_profile(tmp_path / "b", {
        "profile": {"schema": 1, "company": "Gulf Coast Brokerage", "entity_type": "customs_broker",
                    "prepared_by": "Dana Whitfield"},
        "answers": {"1.1": {"status": "implemented", "controls": "Our President signs the security policy.",
                            "evidence": [{"title": "Security policy", "ref": "POL-01", "date": DATE}]}}})
    render_profile(catalog, profile, tmp_path / "out", ["docx"], review=review_profile(catalog, profile),
                   generated=DATE)
    document = Document(str(tmp_path / "out" / "profile.docx"))
    texts, cells = _paragraphs(document), _cells(document)
    everything = "\n".join(texts + cells)
    assert "ctpat " not in everything.replace("ctpat-tui", "")              # no command for the officer to type
    assert any("the preparer confirms them from CBP's official criteria" in c for c in cells)
    note = next(t for t in texts if t.startswith("Review checklist: "))      # under the criterion, in checklist words
    assert re.fullmatch(r"Review checklist: \d+ things? needed before submitting(, \d+ worth improving)?\.", note)
    assert "Upper Management (from its criterion)" in cells                 # the manifest says where it goes
    first_step = texts[len(texts) - 1 - texts[::-1].index("What happens next") + 1]
    assert re.match(r"The preparer \(Dana Whitfield\) answers the \d+ criteria not yet answered, confirms the \d+ "
                    r"criteria that probably do not apply and deals with each line of the review checklist", first_step)


def test_the_apps_render_dialog_reports_the_page_count_too(tmp_path: Path, mini_catalog: Catalog) -> None:
    from ctpat_tui.tui.dialogs.render import run_render

    profile = write_profile(tmp_path / "p", _broker_like(tmp_path))
    outcome = run_render(mini_catalog, profile, tmp_path / "out", ["docx"])
    assert not outcome.failed
    assert re.fullmatch(r"profile\.docx: about \d+ pages? \(estimate from the amount of text; install LibreOffice "
                        r"to count them\)", outcome.pages)               # no LibreOffice in the tests (conftest)
    assert run_render(mini_catalog, profile, tmp_path / "out2", ["md"]).pages == ""
