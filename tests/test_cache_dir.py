"""The user's config and cache folders are where platformdirs puts them, whether or not platformdirs is asked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from ctpat_tui.cache_dir import cache_directory, user_directory
from ctpat_tui.catalog.overlay import default_overlay_dir

VARIABLES = ("XDG_CONFIG_HOME", "XDG_CACHE_HOME")
XDG_VALUES = (None, "", "  ", "/xdg/home", "/xdg/home/", "/", "relative/xdg", " /leading-space", "/trailing ")
HOMES = (None, "/home/maria", "/home/maria/", "/", "relative-home", "")


@pytest.mark.parametrize("home", HOMES)
@pytest.mark.parametrize("xdg", XDG_VALUES)
def test_the_folders_are_the_ones_platformdirs_gives(monkeypatch: pytest.MonkeyPatch, xdg: str | None,
                                                     home: str | None) -> None:
    for name, value in (*((v, xdg) for v in VARIABLES), ("HOME", home)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    monkeypatch.delenv("CTPAT_CACHE_DIR", raising=False)
    monkeypatch.delenv("CTPAT_NO_CACHE", raising=False)
    monkeypatch.delenv("CTPAT_CATALOG_OVERLAY", raising=False)
    expected = {}
    for kind, ask in (("config", platformdirs.user_config_dir), ("cache", platformdirs.user_cache_dir)):
        try:
            expected[kind] = ask("ctpat-tui")
        except RuntimeError:  # platformdirs cannot tell without a home: neither can we
            with pytest.raises(RuntimeError):
                user_directory(kind)
            continue
        assert user_directory(kind) == expected[kind]
    if "cache" in expected:
        assert cache_directory() == expected["cache"]
    if "config" in expected:
        assert default_overlay_dir() == Path(expected["config"]) / "catalog-overlay"


def test_the_cache_settings_still_decide(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CTPAT_CACHE_DIR", str(tmp_path))
    assert cache_directory() == str(tmp_path)
    monkeypatch.setenv("CTPAT_NO_CACHE", "1")
    assert cache_directory() is None


def test_listing_the_catalogue_does_not_import_platformdirs(tmp_path: Path) -> None:
    code = ("import sys, io, contextlib; from ctpat_tui.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()): main(['catalog', 'list'])\n"
            "print('platformdirs' in sys.modules)")
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env,
                            cwd=Path(__file__).resolve().parents[1])
    assert result.stdout.strip() == "False"
