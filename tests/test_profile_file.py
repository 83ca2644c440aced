"""The profile file: round-trip fidelity, atomic saves with a backup, the session lock, and bad files."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
from pathlib import Path

import pytest

from ctpat_tui.profile.document import ProfileDocument, unknown_answer_ids
from ctpat_tui.profile.errors import ExternalChange, LockHeld, ProfileError
from ctpat_tui.profile.model import Evidence
from ctpat_tui.profile.store import ProfileLock, atomic_write_text, backup_path, lock_path
from tests.conftest import FIXTURES

HAND_EDITED = FIXTURES / "profiles" / "hand-edited.toml"


@pytest.fixture
def hand_edited(tmp_path: Path) -> Path:
    target = tmp_path / "profile.toml"
    shutil.copy(HAND_EDITED, target)
    return target


def test_hand_edited_file_survives_load_and_save_byte_for_byte(hand_edited):
    original = hand_edited.read_bytes()
    document = ProfileDocument.load(hand_edited)
    assert document.dumps().encode() == original
    document.save(force=True)
    assert hand_edited.read_bytes() == original


def test_editing_one_value_keeps_comments_order_and_other_values(hand_edited):
    document = ProfileDocument.load(hand_edited)
    document.set_answer_value("7.23", "owner", "Director of Trade Compliance")
    document.save()
    text = hand_edited.read_text()
    assert "# Acme's profile, kept in git.   Edited by hand in vim." in text
    assert 'company   = "Acme Imports LLC"   # legal name' in text
    assert "prepared_by = 'Jane Doe, Compliance Manager'" in text
    assert 'owner = "Director of Trade Compliance"' in text
    assert text.index("[answers.\"7.23\"]") < text.index("[answers.\"99.1\"]")
    assert 'controls = """\nStaff report incidents' in text


def test_answers_for_unknown_criteria_are_kept_and_reported(hand_edited, mini_catalog):
    document = ProfileDocument.load(hand_edited)
    assert unknown_answer_ids(document.profile, mini_catalog.criteria) == ["99.1"]
    document.set_answer_value("7.23", "frequency", "Every incident")
    document.save()
    assert 'controls = "kept as is"' in hand_edited.read_text()


def test_typed_view_follows_edits(tmp_path):
    document = ProfileDocument.new(tmp_path / "p.toml", "Acme", "importer", facilities=[("laredo-dc", "Laredo")])
    document.set_answer_value("2.3", "last_reviewed", dt.date(2026, 2, 10))
    document.set_facility_status("2.3", "laredo-dc", "partial")
    document.set_evidence("2.3", [Evidence("Risk assessment", "RA-2026", dt.date(2026, 2, 10), "Risk Assessment")])
    document.accept_finding("2.3", "RISK002", "Reviewed by the board")
    answer = document.profile.answer("2.3")
    assert answer.extra["last_reviewed"] == dt.date(2026, 2, 10)
    assert answer.facilities == {"laredo-dc": "partial"}
    assert answer.evidence[0].ref == "RA-2026"
    assert answer.accepted == {"RISK002": "Reviewed by the board"}
    reloaded = ProfileDocument.parse(document.dumps(), tmp_path / "p.toml").profile.answer("2.3")
    assert reloaded == answer


def test_multiline_and_hostile_text_round_trips(tmp_path):
    text = 'Line one & <two>\r\n"quoted" \'single\' """ {{ 7*7 }} {% raw %} \\ back\u200f\u05e9\u05dc\u05d5\u05dd 🚚\x07'
    document = ProfileDocument.new(tmp_path / "p.toml", "Acme", "importer")
    document.set_answer_value("7.23", "controls", text)
    document.save()
    loaded = ProfileDocument.load(tmp_path / "p.toml").profile.answer("7.23").controls
    assert loaded == text.replace("\r\n", "\n").replace("\x07", "")


def test_save_is_atomic_and_keeps_the_previous_version(hand_edited):
    before = hand_edited.read_text()
    document = ProfileDocument.load(hand_edited)
    document.set_answer_value("7.23", "owner", "CTPAT POC")
    document.save()
    assert backup_path(hand_edited).read_text() == before
    assert not list(hand_edited.parent.glob(".*.tmp"))


def test_invalid_text_is_never_written(tmp_path):
    target = tmp_path / "p.toml"
    target.write_text('[profile]\ncompany = "x"\n')
    with pytest.raises(ProfileError, match="not valid TOML"):
        atomic_write_text(target, "[profile\n")
    assert target.read_text() == '[profile]\ncompany = "x"\n'


def test_a_change_made_on_disk_by_someone_else_blocks_the_next_save(hand_edited):
    document = ProfileDocument.load(hand_edited)
    document.set_answer_value("7.23", "owner", "mine")
    hand_edited.write_text(hand_edited.read_text() + "\n# their change\n")
    with pytest.raises(ExternalChange):
        document.save()
    assert "# their change" in hand_edited.read_text()
    document.save(force=True)
    assert 'owner = "mine"' in hand_edited.read_text()


def test_loading_does_not_write(hand_edited):
    mtime = hand_edited.stat().st_mtime_ns
    ProfileDocument.load(hand_edited)
    assert hand_edited.stat().st_mtime_ns == mtime
    assert not backup_path(hand_edited).exists()


@pytest.mark.parametrize(
    ("content", "message", "line"),
    [
        (b'[profile]\ncompany = "Acme\nentity_type = "importer"\n', "not valid TOML", 2),
        (b'[profile]\nschema = 7\ncompany = "A"\nentity_type = "importer"\n', "unknown schema version 7", 2),
        (b'[profile]\ncompany = "A"\nentity_type = "importer"\n[answers."7.23"]\nstatus = 3\n',
         "status must be text", 5),
        (b'[profile]\ncompany = "A"\nentity_type = "importer"\n[answers."7.23"]\nstatus = "done"\n',
         "status 'done' is not one of", 5),
        (b'[profile]\ncompany = "A"\nentity_type = "importer"\n\n[answers."7.23"]\nstatus = "planned"\n'
         b'[[answers."7.23".evidence]]\ntitle = "t"\ndate = "last spring"\n', "date must be a date", 9),
        (b"\xff\xfe[profile]", "not UTF-8", 1),
        (b"\x00\x01binary", "binary file", None),
    ],
)
def test_bad_files_get_one_plain_located_message(tmp_path, content, message, line):
    target = tmp_path / "bad.toml"
    target.write_bytes(content)
    with pytest.raises(ProfileError) as raised:
        ProfileDocument.load(target)
    assert message in raised.value.message
    assert raised.value.line == line
    assert target.read_bytes() == content


def test_a_byte_order_mark_from_a_windows_editor_loads(tmp_path):
    target = tmp_path / "bom.toml"
    target.write_bytes(b'\xef\xbb\xbf[profile]\r\ncompany = "A"\r\nentity_type = "importer"\r\n')
    assert ProfileDocument.load(target).profile.company == "A"


def test_directories_and_devices_are_refused(tmp_path):
    with pytest.raises(ProfileError, match="is a directory"):
        ProfileDocument.load(tmp_path)
    with pytest.raises(ProfileError, match="not a regular file"):
        ProfileDocument.load(Path("/dev/zero"))
    with pytest.raises(ProfileError, match="no such file"):
        ProfileDocument.load(tmp_path / "missing.toml")


def test_second_session_is_told_who_holds_the_lock(hand_edited, monkeypatch):
    first = ProfileLock(hand_edited)
    first.acquire()
    monkeypatch.setattr(os, "getpid", lambda: 999_999_999)
    second = ProfileLock(hand_edited)
    monkeypatch.setattr(second, "is_stale", lambda record: False)
    with pytest.raises(LockHeld) as raised:
        second.acquire()
    assert raised.value.host == socket.gethostname()
    assert str(raised.value.pid) in str(raised.value)
    second.acquire(take_over=True)
    assert second.held


def test_a_lock_left_by_a_dead_process_is_cleared(hand_edited):
    lock_path(hand_edited).write_text(
        '{"host": "%s", "pid": 2147483000, "user": "x", "since": "2026-01-01T00:00:00"}' % socket.gethostname()
    )
    lock = ProfileLock(hand_edited)
    lock.acquire()
    assert lock.held
    lock.release()
    assert not lock_path(hand_edited).exists()


def test_read_only_loading_gives_the_same_profile_and_the_same_errors(hand_edited, tmp_path):
    from ctpat_tui.profile.document import read_profile

    assert read_profile(hand_edited) == ProfileDocument.load(hand_edited).profile
    broken = tmp_path / "broken.toml"
    broken.write_text('[profile]\ncompany = "A\n')
    with pytest.raises(ProfileError) as raised:
        read_profile(broken)
    assert raised.value.line == 2


def test_a_new_profile_is_its_owners_alone_and_an_edited_one_keeps_the_mode_its_owner_gave(tmp_path):
    old_umask = os.umask(0o022)
    try:
        document = ProfileDocument.new(tmp_path / "new.toml", "Acme", "importer")
        document.save()
        assert (tmp_path / "new.toml").stat().st_mode & 0o777 == 0o600
        os.chmod(tmp_path / "new.toml", 0o640)
        document.set_answer_value("7.23", "owner", "CTPAT POC")
        document.save()
        assert (tmp_path / "new.toml").stat().st_mode & 0o777 == 0o640
        assert (tmp_path / "new.toml.bak").stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old_umask)


def test_a_locked_change_is_saved_under_the_lock_and_the_lock_is_always_given_back(hand_edited):
    from ctpat_tui.profile.store import locked_save

    document = ProfileDocument.load(hand_edited)
    with locked_save(document):
        assert lock_path(hand_edited).exists()
        document.set_answer_value("7.23", "owner", "Director of Trade Compliance")
    assert not lock_path(hand_edited).exists()
    assert ProfileDocument.load(hand_edited).profile.answers["7.23"].owner == "Director of Trade Compliance"
    before = hand_edited.read_bytes()
    with pytest.raises(RuntimeError), locked_save(document):
        document.set_answer_value("7.23", "owner", "Someone else")
        raise RuntimeError("the change went wrong half way")
    assert hand_edited.read_bytes() == before and not lock_path(hand_edited).exists()


def test_a_locked_change_while_another_session_holds_the_profile_writes_nothing(hand_edited):
    from ctpat_tui.profile.store import locked_save

    lock_path(hand_edited).write_text('{"host": "elsewhere", "pid": 4242, "user": "dana", "since": "2026-12-04"}')
    before = hand_edited.read_bytes()
    document = ProfileDocument.load(hand_edited)
    with pytest.raises(LockHeld), locked_save(document):
        document.set_answer_value("7.23", "owner", "Director of Trade Compliance")
    assert hand_edited.read_bytes() == before and lock_path(hand_edited).exists()
