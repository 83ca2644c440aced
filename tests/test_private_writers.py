"""Every file the product writes (profile, backups, locks, recovery copies, renders, bundle, overlay, cache, recent
list, demo copy) is its owner's alone under the usual umask, and a team folder shares with its group."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from ctpat_tui.catalog import load_catalog
from ctpat_tui.catalog.parse_cache import ParseCache
from ctpat_tui.cli import main
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.profile.store import ProfileLock
from ctpat_tui.tui.app import prepare_demo
from ctpat_tui.tui.session import EditSession, conflict_path
from ctpat_tui.tui.state import remember_profile
from tests.conftest import FIXTURES, SAMPLE_DAY
from tests.test_private_files import other_gid


@pytest.fixture(params=[0o022, 0o077], ids=["umask022", "umask077"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """The usual shared-server umask, and a strict one."""
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def modes_under(root: Path) -> dict[str, int]:
    """Permission bits of `root` and of everything under it, by path relative to `root`."""
    found = {".": stat.S_IMODE(root.stat().st_mode)}
    for path in root.rglob("*"):
        found[str(path.relative_to(root))] = stat.S_IMODE(path.lstat().st_mode)
    return found


def expect_private(modes: dict[str, int], root: Path) -> dict[str, int]:
    """What `modes` should be if every file is 0600 and every folder 0700."""
    return {name: 0o700 if (root / name).is_dir() else 0o600 for name in modes}


def test_a_new_profile_its_backup_lock_and_recovery_copy_are_private(tmp_path: Path, umask: int, capsys) -> None:
    folder = tmp_path / "acme"
    folder.mkdir(mode=0o700)
    path = folder / "profile.toml"
    assert main(["new", str(path), "--entity", "importer", "--company", "Acme"]) == 0
    lock = ProfileLock(path)
    lock.acquire()
    catalog = load_catalog(FIXTURES / "mini_catalog")
    session = EditSession(catalog, ProfileDocument.load(path), lock=lock)
    session.set_value("7.23", "owner", "CTPAT point of contact")
    assert session.flush() is None
    recovery = session.save_elsewhere(conflict_path(path))
    names = {p.name for p in folder.iterdir()}
    assert {"profile.toml", "profile.toml.bak", ".profile.toml.lock", recovery.name} <= names
    modes = modes_under(folder)
    assert modes == expect_private(modes, folder)
    session.close()


def test_a_render_writes_private_documents_and_bundle(sample_path: Path, tmp_path: Path, umask: int, capsys) -> None:
    out = tmp_path / "shared-area" / "out"
    assert main(["render", str(sample_path), "--out", str(out), "--today", SAMPLE_DAY.isoformat()]) == 0
    modes = modes_under(tmp_path / "shared-area")
    assert {"out/profile.md", "out/portal-responses.txt", "out/profile.docx", "out/upload/manifest.csv"} <= set(modes)
    assert any(name.startswith("out/upload/") and name.endswith(".txt") for name in modes)
    assert modes == expect_private(modes, tmp_path / "shared-area")


def test_a_rerender_keeps_the_modes_the_owner_gave(sample_path: Path, tmp_path: Path, umask: int, capsys) -> None:
    out = tmp_path / "out"
    assert main(["render", str(sample_path), "--out", str(out), "--today", SAMPLE_DAY.isoformat()]) == 0
    for name in ("profile.md", "portal-responses.txt", "profile.docx"):
        os.chmod(out / name, 0o640)
    os.chmod(out / "upload", 0o750)
    assert main(["render", str(sample_path), "--out", str(out), "--today", SAMPLE_DAY.isoformat()]) == 0
    assert [stat.S_IMODE((out / name).stat().st_mode) for name in ("profile.md", "portal-responses.txt",
                                                                      "profile.docx", "upload")] \
        == [0o640, 0o640, 0o640, 0o750]


def test_a_render_into_a_team_folder_gives_the_team_what_it_asks_for(sample_path: Path, tmp_path: Path,
                                                                     capsys) -> None:
    gid = other_gid()
    if gid is None:
        pytest.skip("this user belongs to no second group")
    old = os.umask(0o022)
    try:
        team = tmp_path / "team"
        team.mkdir()
        os.chown(team, -1, gid)
        os.chmod(team, 0o2770)
        (team / ".ctpat.toml").write_text('share = "group"\n', encoding="utf-8")
        assert main(["render", str(sample_path), "--out", str(team / "out"), "--today", SAMPLE_DAY.isoformat()]) == 0
    finally:
        os.umask(old)
    made = [team / "out", *(team / "out").rglob("*")]
    assert {p.stat().st_gid for p in made} == {gid}
    assert {stat.S_IMODE(p.stat().st_mode) for p in made if p.is_dir()} == {0o2770}
    assert {stat.S_IMODE(p.stat().st_mode) for p in made if p.is_file()} == {0o660}


def test_the_catalogue_overlay_is_private_and_a_reimport_keeps_its_mode(tmp_path: Path, monkeypatch, umask: int,
                                                                        capsys) -> None:
    overlay = tmp_path / "config" / "overlay"
    monkeypatch.setenv("CTPAT_CATALOG_OVERLAY", str(overlay))
    table = FIXTURES / "msc_tables" / "highway-clean.csv"
    assert main(["catalog", "import", str(table), "--entity", "highway_carrier"]) == 0
    modes = modes_under(tmp_path / "config")
    assert "overlay/criteria/highway_carrier.toml" in modes
    assert modes == expect_private(modes, tmp_path / "config")
    os.chmod(overlay / "criteria" / "highway_carrier.toml", 0o640)
    assert main(["catalog", "import", str(table), "--entity", "highway_carrier"]) == 0
    assert stat.S_IMODE((overlay / "criteria" / "highway_carrier.toml").stat().st_mode) == 0o640


def test_the_parse_cache_recent_list_and_demo_copy_are_private(tmp_path: Path, umask: int) -> None:
    cache = ParseCache(tmp_path / "cache" / "ctpat-tui" / "catalog-parse-cache.json")
    load_catalog(FIXTURES / "mini_catalog", cache=cache)
    remember_profile(tmp_path / "p.toml", "Acme", "importer", tmp_path / "state" / "ctpat-tui" / "state.json")
    demo = prepare_demo(tmp_path / "demo")
    for root in ("cache", "state", "demo"):
        modes = modes_under(tmp_path / root)
        assert len(modes) > 2
        assert modes == expect_private(modes, tmp_path / root), root
    assert demo.is_file()
    os.chmod(tmp_path / "state" / "ctpat-tui" / "state.json", 0o640)
    remember_profile(tmp_path / "q.toml", "Acme", "importer", tmp_path / "state" / "ctpat-tui" / "state.json")
    assert stat.S_IMODE((tmp_path / "state" / "ctpat-tui" / "state.json").stat().st_mode) == 0o640


def test_a_recorded_submission_is_readable_by_its_owner_alone(tmp_path: Path, umask: int, capsys) -> None:
    folder = tmp_path / "acme"
    folder.mkdir(mode=0o700)
    path = folder / "profile.toml"
    assert main(["new", str(path), "--entity", "importer", "--company", "Acme"]) == 0
    assert main(["submit", str(path), "--date", "2026-12-04"]) == 0
    modes = modes_under(folder)
    assert any(name.startswith("profile.submissions/2026-12-04/") for name in modes)
    assert {name: mode & 0o077 for name, mode in modes.items()} == dict.fromkeys(modes, 0)
