"""Locate the bundled data directories, both in a checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT_DIR = _PACKAGE_DIR.parent


def _data_dir(name: str) -> Path:
    """Return the bundled directory `name`, preferring a checkout's top-level copy."""
    checkout_copy = _CHECKOUT_DIR / name
    if checkout_copy.is_dir() and (_CHECKOUT_DIR / "pyproject.toml").is_file():
        return checkout_copy
    return _PACKAGE_DIR / "_data" / name


def questionnaire_dir() -> Path:
    """Directory holding the bundled questionnaire catalog."""
    return _data_dir("questionnaires")


def output_templates_dir() -> Path:
    """Directory holding the bundled Word template and its build script."""
    return _data_dir("output_templates")


def examples_dir() -> Path:
    """Directory holding the bundled sample profiles."""
    return _data_dir("examples")


def sample_profile_dir() -> Path:
    """Directory of the bundled sample importer profile (profile.toml plus evidence/)."""
    return examples_dir() / "acme-importer"
