"""A wheel install carries every code package and the data directories."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_code_package_is_listed_for_the_wheel():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "ctpat_tui").rglob("__init__.py")}
    assert on_disk <= listed, f"add to [tool.setuptools] packages: {sorted(on_disk - listed)}"


def test_data_directories_are_mapped_into_the_package():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert config["package-dir"] == {
        "ctpat_tui._data.questionnaires": "questionnaires",
        "ctpat_tui._data.output_templates": "output_templates",
        "ctpat_tui._data.examples": "examples",
    }
    assert "criteria/*.toml" in config["package-data"]["ctpat_tui._data.questionnaires"]
    assert "*/evidence/*" in config["package-data"]["ctpat_tui._data.examples"]
