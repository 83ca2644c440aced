"""Saving when the disk is full or the folder is read-only: one clear message, and the file on disk untouched."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from ctpat_tui.profile import store
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.profile.errors import ProfileError
from tests.conftest import FIXTURES


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    target = tmp_path / "profile.toml"
    shutil.copy(FIXTURES / "profiles" / "hand-edited.toml", target)
    return target


def _leftovers(directory: Path) -> list[str]:
    return [p.name for p in directory.iterdir() if p.name.endswith(".tmp")]


def test_disk_full_while_writing_keeps_the_old_file(profile, monkeypatch):
    before = profile.read_bytes()
    document = ProfileDocument.load(profile)
    document.set_answer_value("7.23", "owner", "CTPAT POC")

    real_fsync = os.fsync

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store.os, "fsync", full_disk)
    with pytest.raises(ProfileError, match="the disk is full; the file on disk is unchanged"):
        document.save()
    monkeypatch.setattr(store.os, "fsync", real_fsync)
    assert profile.read_bytes() == before
    assert _leftovers(profile.parent) == []
    assert document.dirty                      # the edit is still in memory, ready to save elsewhere
    document.save()
    assert 'owner = "CTPAT POC"' in profile.read_text()


def test_read_only_folder_gives_a_plain_message(profile, monkeypatch):
    before = profile.read_bytes()
    document = ProfileDocument.load(profile)
    document.set_answer_value("7.23", "owner", "CTPAT POC")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(store, "temp_file_beside", refuse)
    with pytest.raises(ProfileError, match="permission denied"):
        document.save()
    assert profile.read_bytes() == before


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("mount") is None, reason="needs root to mount a tiny tmpfs")
def test_a_really_full_disk(tmp_path):
    mount_point = Path(tempfile.mkdtemp(prefix="ctpat-full-"))
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount_point)],
                             check=False, capture_output=True).returncode == 0
    if not mounted:
        pytest.skip("tmpfs cannot be mounted here")
    try:
        target = mount_point / "profile.toml"
        shutil.copy(FIXTURES / "profiles" / "hand-edited.toml", target)
        before = target.read_bytes()
        document = ProfileDocument.load(target)
        document.set_answer_value("7.23", "controls", "x" * 200_000)
        with pytest.raises(ProfileError, match="disk is full"):
            document.save()
        assert target.read_bytes() == before
        assert _leftovers(mount_point) == []
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)
        mount_point.rmdir()


def test_a_five_megabyte_field_loads_and_saves(tmp_path):
    document = ProfileDocument.new(tmp_path / "big.toml", "Acme", "importer")
    big = ("A long paragraph with words & symbols <> " * 130_000)[:5_000_000]
    document.set_answer_value("7.23", "controls", big)
    document.save()
    assert ProfileDocument.load(tmp_path / "big.toml").profile.answer("7.23").controls == big


def test_a_read_only_file_is_not_replaced(profile):
    before = profile.read_bytes()
    profile.chmod(0o444)                                    # made read-only on purpose (chmod a-w, Windows attribute)
    document = ProfileDocument.load(profile)
    document.set_answer_value("7.23", "owner", "CTPAT POC")
    with pytest.raises(ProfileError, match="the file is read-only"):
        document.save()
    assert profile.read_bytes() == before and profile.stat().st_mode & 0o777 == 0o444
    assert _leftovers(profile.parent) == []
    assert document.dirty


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("mount") is None, reason="needs root to mount a tmpfs")
def test_a_read_only_file_system(tmp_path):
    mount_point = Path(tempfile.mkdtemp(prefix="ctpat-ro-"))
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)],
                      check=False, capture_output=True).returncode != 0:
        mount_point.rmdir()
        pytest.skip("tmpfs cannot be mounted here")
    try:
        target = mount_point / "profile.toml"
        shutil.copy(FIXTURES / "profiles" / "hand-edited.toml", target)
        before = target.read_bytes()
        document = ProfileDocument.load(target)
        document.set_answer_value("7.23", "owner", "CTPAT POC")
        subprocess.run(["mount", "-o", "remount,ro", str(mount_point)], check=True, capture_output=True)
        with pytest.raises(ProfileError, match="the file system is read-only"):
            document.save()
        assert target.read_bytes() == before
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)
        mount_point.rmdir()
