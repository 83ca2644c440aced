"""Everything the product creates is its owner's alone, whatever the umask, unless the owner shares with a group."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from ctpat_tui import private_files
from ctpat_tui.private_files import (
    current_umask,
    make_folder,
    open_new,
    sharing,
    temp_file_beside,
    temp_folder,
    write_atomic,
)


def mode_of(path: Path) -> int:
    """The permission bits of `path` (setgid included)."""
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o022, 0o077], ids=["umask022", "umask077"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """Run the test under the usual shared-server umask and under a strict one."""
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def other_gid() -> int | None:
    """A group this process may give files that is not its own primary group (None when there is none)."""
    if os.geteuid() == 0:
        return 4242
    extra = [g for g in os.getgroups() if g != os.getegid()]
    return extra[0] if extra else None


@pytest.fixture
def team_folder(tmp_path: Path) -> Path:
    """A group-shared folder as a team sets it up: setgid, group rwx, another group, and share = "group"."""
    gid = other_gid()
    if gid is None:
        pytest.skip("this user belongs to no second group")
    folder = tmp_path / "team"
    folder.mkdir()
    os.chown(folder, -1, gid)
    os.chmod(folder, 0o2770)
    (folder / ".ctpat.toml").write_text('share = "group"\n', encoding="utf-8")
    return folder


def test_new_files_and_folders_are_private_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    folder = make_folder(tmp_path / "out" / "upload" / "10 Physical Security")
    with open_new(folder / "seal-log.pdf") as handle:
        handle.write(b"%PDF")
    written = write_atomic(tmp_path / "out" / "profile.md", b"# Acme\n")
    scratch = temp_folder(tmp_path / "out", ".upload.tmp-")
    fd, temp = temp_file_beside(tmp_path / "out" / "profile.docx")
    os.close(fd)
    assert [mode_of(tmp_path / "out"), mode_of(tmp_path / "out" / "upload"), mode_of(folder), mode_of(scratch)] \
        == [0o700] * 4
    assert [mode_of(folder / "seal-log.pdf"), mode_of(written), mode_of(Path(temp))] == [0o600] * 3


def test_a_rewrite_keeps_the_mode_its_owner_gave(tmp_path: Path, umask: int) -> None:
    target = tmp_path / "profile.md"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    write_atomic(target, b"new")
    assert (target.read_bytes(), mode_of(target)) == (b"new", 0o640)


def test_an_existing_folder_is_left_as_its_owner_set_it(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    make_folder(folder)
    make_folder(folder / "upload")
    assert (mode_of(folder), mode_of(folder / "upload")) == (0o755, 0o700)


def test_a_team_folder_gives_its_group_read_and_write_and_nobody_else(team_folder: Path, umask: int) -> None:
    gid = team_folder.stat().st_gid
    sub = make_folder(team_folder / "out" / "upload")
    written = write_atomic(sub / "manifest.csv", b"criterion\r\n")
    with open_new(team_folder / "out" / "profile.md") as handle:
        handle.write(b"# Acme\n")
    assert sharing(team_folder / "out") == "group"
    assert [mode_of(team_folder / "out"), mode_of(sub)] == [0o2770, 0o2770]
    assert [mode_of(written), mode_of(team_folder / "out" / "profile.md")] == [0o660, 0o660]
    assert {p.stat().st_gid for p in (team_folder / "out", sub, written, team_folder / "out" / "profile.md")} \
        == {gid}


def test_the_group_a_file_was_given_is_kept_on_rewrite(tmp_path: Path) -> None:
    gid = other_gid()
    if gid is None:
        pytest.skip("this user belongs to no second group")
    target = tmp_path / "profile.toml"
    target.write_bytes(b"old")
    os.chown(target, -1, gid)
    os.chmod(target, 0o640)
    write_atomic(target, b"new")
    assert (target.stat().st_gid, mode_of(target)) == (gid, 0o640)


def test_the_users_own_configuration_can_share_with_the_group(tmp_path: Path, umask: int) -> None:
    settings = private_files.user_settings_file()
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text('share = "group"\n', encoding="utf-8")
    assert mode_of(write_atomic(tmp_path / "profile.md", b"x")) == 0o660
    (tmp_path / ".ctpat.toml").write_text('share = "private"\n', encoding="utf-8")
    assert mode_of(write_atomic(tmp_path / "other.md", b"x")) == 0o600


def test_a_settings_file_anyone_could_have_written_is_ignored(tmp_path: Path) -> None:
    public = tmp_path / "public"
    public.mkdir()
    os.chmod(public, 0o1777)
    (public / ".ctpat.toml").write_text('share = "group"\n', encoding="utf-8")
    assert sharing(public / "mine") == "private"
    assert mode_of(write_atomic(public / "profile.md", b"x")) == 0o600


def test_a_mistyped_share_value_stays_private(tmp_path: Path) -> None:
    (tmp_path / ".ctpat.toml").write_text('share = "everyone"\n', encoding="utf-8")
    assert sharing(tmp_path) == "private"


def test_the_umask_is_read_without_changing_it() -> None:
    old = os.umask(0o027)
    try:
        assert current_umask() == 0o027
        assert os.umask(0o027) == 0o027
    finally:
        os.umask(old)


def test_writing_never_touches_the_process_umask(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_toggling(_mask: int) -> int:
        raise AssertionError("os.umask changed while another thread may be creating files")

    monkeypatch.setattr(os, "umask", no_toggling)
    folder = make_folder(tmp_path / "out" / "upload")
    write_atomic(folder / "manifest.csv", b"x")
    with open_new(folder / "a.pdf") as handle:
        handle.write(b"x")
    temp_folder(folder, ".tmp-")
    assert current_umask() in range(0o1000)


def _temp_left(folder: Path, name: str, age: float) -> Path:
    path = folder / name
    path.write_bytes(b"half a write")
    old = path.stat().st_mtime - age
    os.utime(path, (old, old))
    return path


def test_temp_files_a_killed_writer_left_are_swept_but_a_writer_at_work_keeps_its_own(tmp_path: Path) -> None:
    stale = _temp_left(tmp_path, ".entry.json.abc123.tmp", age=2 * private_files.STALE_TEMP_SECONDS)
    fresh = _temp_left(tmp_path, ".entry.json.def456.tmp", age=5)
    kept = [_temp_left(tmp_path, name, age=2 * private_files.STALE_TEMP_SECONDS)
            for name in ("entry.json", ".ctpat.toml", "notes.tmp")]
    (tmp_path / ".linked.tmp").symlink_to(stale)
    assert private_files.remove_stale_temp_files(tmp_path) == 1
    assert not stale.exists() and fresh.exists() and all(path.exists() for path in kept)
    assert (tmp_path / ".linked.tmp").is_symlink()
    assert private_files.remove_stale_temp_files(tmp_path / "missing") == 0
