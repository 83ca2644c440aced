"""The editing session's save path: ordered writes, conflicts kept in a sibling file, read-only never writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctpat_tui.catalog import Catalog
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.profile.errors import ExternalChange
from ctpat_tui.profile.store import ProfileLock
from ctpat_tui.tui.session import EditSession


def _session(mini_catalog: Catalog, tmp_path: Path, **kwargs: object) -> EditSession:
    path = tmp_path / "profile.toml"
    ProfileDocument.new(path, "Acme", "importer").save()
    return EditSession(mini_catalog, ProfileDocument.load(path), **kwargs)  # type: ignore[arg-type]


def test_unchanged_values_do_not_count_as_edits(mini_catalog: Catalog, tmp_path: Path) -> None:
    session = _session(mini_catalog, tmp_path)
    assert not session.set_value("7.23", "controls", "")
    assert not session.set_value("2.1", "last_reviewed", None)
    assert not session.has_unsaved_edits
    assert "7.23" not in session.document.dumps()
    assert session.set_value("7.23", "controls", "Call tree")
    assert session.has_unsaved_edits


def test_an_older_snapshot_never_overwrites_a_newer_one(mini_catalog: Catalog, tmp_path: Path) -> None:
    session = _session(mini_catalog, tmp_path)
    session.set_value("7.23", "controls", "first")
    old_revision, old_text = session.snapshot()
    session.set_value("7.23", "controls", "second")
    session.write(*session.snapshot())
    assert not session.write(old_revision, old_text)
    assert 'controls = "second"' in session.path.read_text()
    assert not session.has_unsaved_edits


def test_flush_keeps_edits_in_a_sibling_file_when_the_profile_changed_on_disk(mini_catalog: Catalog,
                                                                              tmp_path: Path) -> None:
    session = _session(mini_catalog, tmp_path)
    session.set_value("7.23", "controls", "mine")
    theirs = session.path.read_text().replace('"Acme"', '"Acme Corp"')
    session.path.write_text(theirs)
    assert session.changed_on_disk()
    with pytest.raises(ExternalChange):
        session.write(*session.snapshot())
    elsewhere = session.flush()
    assert elsewhere is not None and elsewhere.parent == tmp_path and elsewhere.name.startswith("profile.unsaved-")
    assert 'controls = "mine"' in elsewhere.read_text()
    assert session.path.read_text() == theirs


def test_read_only_sessions_never_write(mini_catalog: Catalog, tmp_path: Path) -> None:
    session = _session(mini_catalog, tmp_path, read_only=True)
    before = session.path.read_text()
    assert not session.set_value("7.23", "controls", "x")
    assert session.flush() is None
    assert session.path.read_text() == before


def test_close_saves_and_releases_the_lock(mini_catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    ProfileDocument.new(path, "Acme", "importer").save()
    lock = ProfileLock(path)
    lock.acquire()
    session = EditSession(mini_catalog, ProfileDocument.load(path), lock=lock)
    session.set_value("9.1", "owner", "Security Supervisor")
    assert session.close() is None
    assert 'owner = "Security Supervisor"' in path.read_text()
    assert not lock.path.exists()
