"""Shared fixtures: the mini and bundled catalogues, and temporary copies of profiles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ctpat_tui.catalog import Catalog, load_catalog
from ctpat_tui.private_files import copy_tree
from ctpat_tui.resources import questionnaire_dir, sample_profile_dir

FIXTURES = Path(__file__).parent / "fixtures"
# The day tests judge the bundled sample (and other fixtures with cycle or evidence dates) by, so the suite does not
# turn red on a calendar date: the sample's annual review (due 2027-03-15) is not yet within its 90-day window.
SAMPLE_DAY = dt.date(2026, 12, 1)


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test away from the real user's config (overlay, recent profiles)."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("CTPAT_CATALOG_OVERLAY", str(home / "overlay"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("CTPAT_CACHE_DIR", raising=False)
    monkeypatch.setenv("CTPAT_SOFFICE", "none")   # `ctpat render` lays out with LibreOffice only where a test asks


@pytest.fixture(scope="session")
def mini_catalog() -> Catalog:
    """A small catalogue with eight criteria, for fast and stable rule tests."""
    return load_catalog(FIXTURES / "mini_catalog")


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The bundled catalogue."""
    return load_catalog(questionnaire_dir())


@pytest.fixture
def sample_dir(tmp_path: Path) -> Path:
    """A private copy of the bundled sample profile folder (profile.toml + evidence/)."""
    target = tmp_path / "acme"
    copy_tree(sample_profile_dir(), target)
    return target


@pytest.fixture
def sample_path(sample_dir: Path) -> Path:
    """Path of the private copy of the sample profile."""
    return sample_dir / "profile.toml"
