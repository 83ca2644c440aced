"""Submissions on record: `ctpat submit` snapshots, `ctpat history`, and a damaged store that never blocks the profile."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from ctpat_tui.cli import main
from ctpat_tui.cycle.dates import review_due
from ctpat_tui.cycle.history import load_history, store_for
from ctpat_tui.profile.document import ProfileDocument, read_profile
from tests.conftest import FIXTURES

CYCLE_FILE = FIXTURES / "profiles" / "hand-edited-cycle.toml"


@pytest.fixture
def cycle_file(tmp_path: Path) -> Path:
    target = tmp_path / "acme.toml"
    shutil.copy(CYCLE_FILE, target)
    return target



@pytest.fixture
def sample_path(sample_path):
    """The sample profile without its bundled submission history (these tests build their own)."""
    shutil.rmtree(sample_path.parent / "profile.submissions")
    text = sample_path.read_text().replace("last_submitted = 2026-03-10\n", "")
    sample_path.write_text(text)
    return sample_path

def test_a_hand_edited_action_plan_and_review_round_trip_byte_for_byte(cycle_file):
    original = cycle_file.read_bytes()
    document = ProfileDocument.load(cycle_file)
    assert document.dumps().encode() == original
    profile = document.profile
    assert profile.certification_date == dt.date(2024, 3, 15)
    assert [(a.id, a.status, a.criterion) for a in profile.actions] == [("CA-001", "in_progress", "7.23"),
                                                                         ("CA-002", "verified", "")]
    assert profile.annual_review is not None
    assert profile.annual_review.marks["7.23"].state == "needs_work"
    document.save(force=True)
    assert cycle_file.read_bytes() == original


def test_editing_one_action_keeps_the_comments_and_the_other_action(cycle_file):
    document = ProfileDocument.load(cycle_file)
    from dataclasses import replace

    first = document.profile.actions[0]
    document.set_action(replace(first, status="done", closed=dt.date(2027, 2, 20)))
    text = document.dumps()
    assert 'action = "Tabletop exercise with the 3PL"   # agreed 2026-11-02' in text
    assert 'status = "done"' in text and "closed = 2027-02-20" in text
    assert 'closure_evidence = "WMS seal module go-live record WMS-CR-88"' in text
    assert document.next_action_id() == "CA-003"


def test_a_bad_action_status_is_reported_with_its_line(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(CYCLE_FILE.read_text().replace('status = "in_progress"', 'status = "ongoing"'))
    from ctpat_tui.profile.errors import ProfileError

    with pytest.raises(ProfileError) as caught:
        read_profile(path)
    assert "action status 'ongoing'" in str(caught.value) and ":21" in str(caught.value)


def test_submit_keeps_an_exact_read_only_copy_and_records_the_date(sample_path, capsys):
    before = sample_path.read_bytes()
    assert main(["submit", str(sample_path), "--date", "2026-02-10", "--portal-ref", "PR-1", "--note",
                 "first annual update"]) == 0
    snapshot = store_for(sample_path) / "2026-02-10"
    assert (snapshot / "profile.toml").read_bytes() == before
    assert not (snapshot / "profile.toml").stat().st_mode & 0o222
    assert (snapshot.stat().st_mode & 0o777) == 0o700
    assert read_profile(sample_path).last_submitted == dt.date(2026, 2, 10)
    history = load_history(sample_path)
    assert [s.name for s in history.submissions] == ["2026-02-10"]
    latest = history.latest
    assert latest is not None and latest.portal_ref == "PR-1" and latest.ok
    assert latest.evidence and all(len(e.sha256) == 64 for e in latest.evidence if e.state == "ok")
    capsys.readouterr()
    assert main(["history", str(sample_path)]) == 0
    out = capsys.readouterr().out
    assert "2026-02-10" in out and "PR-1" in out and "first annual update" in out


def test_a_second_submission_never_rewrites_the_first(sample_path):
    assert main(["submit", str(sample_path), "--date", "2026-02-10"]) == 0
    first = (store_for(sample_path) / "2026-02-10" / "submission.toml").read_bytes()
    document = ProfileDocument.load(sample_path)
    document.set_answer_value("7.23", "owner", "Head of Security")
    document.save()
    assert main(["submit", str(sample_path), "--date", "2026-02-10"]) == 0
    assert (store_for(sample_path) / "2026-02-10" / "submission.toml").read_bytes() == first
    assert [s.name for s in load_history(sample_path).submissions] == ["2026-02-10", "2026-02-10.2"]


def test_a_submission_date_in_the_future_is_refused_with_one_line(sample_path, capsys):
    before = sample_path.read_bytes()
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    assert main(["submit", str(sample_path), "--date", tomorrow]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "in the future" in err
    assert sample_path.read_bytes() == before and not store_for(sample_path).exists()


def test_a_tampered_snapshot_is_reported_and_the_profile_still_opens(sample_path, capsys):
    assert main(["submit", str(sample_path), "--date", "2026-02-10"]) == 0
    copy = store_for(sample_path) / "2026-02-10" / "profile.toml"
    copy.chmod(0o600)
    copy.write_text(copy.read_text().replace("Acme", "Acne"))
    history = load_history(sample_path)
    assert history.latest is None
    assert "changed after it was submitted" in history.messages()[0]
    capsys.readouterr()
    assert main(["history", str(sample_path)]) == 2
    assert "DAMAGED" in capsys.readouterr().out
    assert read_profile(sample_path).company == "Acme Imports LLC"


def test_a_store_that_is_a_file_is_reported_not_fatal(sample_path, capsys):
    store_for(sample_path).write_text("oops")
    assert "is not a folder" in load_history(sample_path).messages()[0]
    assert main(["submit", str(sample_path), "--date", "2026-02-10"]) == 2
    assert "is not a folder" in capsys.readouterr().err
    assert ProfileDocument.load(sample_path).profile.company == "Acme Imports LLC"


def test_check_on_a_folder_does_not_review_the_snapshots(sample_path, capsys):
    assert main(["submit", str(sample_path), "--date", "2026-02-10"]) == 0
    capsys.readouterr()
    main(["check", str(sample_path.parent), "--json", "--today", "2026-12-01"])
    out = capsys.readouterr().out
    assert "submissions" not in out


@pytest.mark.parametrize(("submitted", "today", "due"), [
    (dt.date(2026, 2, 10), dt.date(2026, 12, 1), dt.date(2027, 3, 15)),   # a month early covers that anniversary
    (dt.date(2025, 11, 1), dt.date(2025, 12, 1), dt.date(2026, 3, 15)),   # four months early does not
    (None, dt.date(2024, 12, 1), dt.date(2025, 3, 15)),                   # never submitted: the first anniversary
    (None, dt.date(2025, 3, 14), dt.date(2025, 3, 15)),
    (None, dt.date(2025, 3, 16), dt.date(2025, 3, 15)),                   # ... stays due once it is missed
    (None, dt.date(2026, 3, 14), dt.date(2025, 3, 15)),
    (None, dt.date(2026, 12, 1), dt.date(2026, 3, 15)),                   # the latest missed anniversary
])
def test_the_annual_review_falls_on_the_anniversary_the_last_submission_did_not_cover(submitted, today, due):
    from ctpat_tui.profile.model import Profile

    profile = Profile("Acme", "importer", certification_date=dt.date(2024, 3, 15), last_submitted=submitted)
    assert review_due(profile, today) == due


def test_a_missing_store_is_reported_when_the_profile_says_it_was_submitted(sample_path, capsys):
    document = ProfileDocument.load(sample_path)
    document.set_header_date("last_submitted", dt.date(2026, 3, 10))
    document.save()
    assert main(["history", str(sample_path)]) == 2
    assert "no snapshot is on record" in capsys.readouterr().out


def test_starting_the_next_review_never_drops_marks_or_a_sign_off_unless_told(sample_path):
    document = ProfileDocument.load(sample_path)
    document.start_annual_review(dt.date(2026, 3, 15), "Maria Lopez", dt.date(2026, 3, 1))
    document.mark_reviewed("7.23", "updated", "Maria Lopez", dt.date(2026, 3, 2))
    assert document.start_annual_review(dt.date(2027, 3, 15), "Maria Lopez", dt.date(2027, 1, 5)) is False
    kept = document.profile.annual_review
    assert kept is not None and kept.due == dt.date(2026, 3, 15) and "7.23" in kept.marks
    assert document.start_annual_review(dt.date(2027, 3, 15), "Maria Lopez", dt.date(2027, 1, 5), replace=True)
    fresh = document.profile.annual_review
    assert fresh is not None and fresh.due == dt.date(2027, 3, 15) and not fresh.marks


def test_a_bad_submission_date_is_the_one_usage_error_and_today_follows_the_injected_date(sample_path, capsys):
    import argparse

    from ctpat_tui.cycle import commands
    from ctpat_tui.errors import UsageError

    args = argparse.Namespace(path=str(sample_path), date="10/02/2026", portal_ref="", note="", today="2026-12-01")
    with pytest.raises(UsageError, match="--date '10/02/2026' is not a date"):
        commands.run_submit(args)
    assert main(["submit", str(sample_path), "--date", "today", "--today", "2026-12-01"]) == 0
    assert read_profile(sample_path).last_submitted == dt.date(2026, 12, 1)
    assert main(["history", str(sample_path), "--today", "1 Dec"]) == 2
    assert "--today '1 Dec' is not a date" in capsys.readouterr().err


def test_the_command_line_date_parser():
    from ctpat_tui.errors import UsageError, cli_date

    day = dt.date(2026, 12, 1)
    assert cli_date(" 2026-02-10 ", "--date") == dt.date(2026, 2, 10)
    assert cli_date("Today", "--date", today=day) == day
    assert cli_date("", "--return-by", default=day) == cli_date(None, "--return-by", default=day) == day
    with pytest.raises(UsageError, match="--date: give a date"):
        cli_date(None, "--date")
    with pytest.raises(UsageError, match="--return-by '2026-13-01' is not a date"):
        cli_date("2026-13-01", "--return-by")
