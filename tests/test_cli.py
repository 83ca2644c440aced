"""The headless commands: creating profiles, inspecting the catalogue, exit codes and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ctpat_tui.cli import main
from ctpat_tui.profile.document import ProfileDocument
from tests.conftest import FIXTURES


def test_new_creates_a_profile_with_facilities(tmp_path, capsys):
    path = tmp_path / "acme.toml"
    code = main(["new", str(path), "--entity", "importer", "--company", "Acme Imports LLC",
                 "--facility", "laredo-dc=Laredo distribution centre", "--facility", "elgin-hq=Elgin HQ"])
    assert code == 0
    assert "93 criteria to answer" in capsys.readouterr().out
    profile = ProfileDocument.load(path).profile
    assert profile.company == "Acme Imports LLC"
    assert [f.id for f in profile.facilities] == ["laredo-dc", "elgin-hq"]


def test_new_refuses_to_overwrite(tmp_path, capsys):
    path = tmp_path / "acme.toml"
    path.write_text("# my work\n")
    assert main(["new", str(path), "--entity", "importer", "--company", "A"]) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and err.count("\n") == 1
    assert path.read_text() == "# my work\n"


def test_unknown_entity_type_is_a_usage_error(tmp_path, capsys):
    assert main(["new", str(tmp_path / "x.toml"), "--entity", "spaceport", "--company", "A"]) == 2
    assert "unknown entity type 'spaceport'" in capsys.readouterr().err


def test_catalog_list_counts_confirmed_and_assumed(capsys):
    assert main(["catalog", "list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    importer = next(row for row in data["entity_types"] if row["slug"] == "importer")
    assert importer["total"] == 93
    assert importer["confirmed"] + importer["assumed"] == 93
    assert data["overlay"] is None
    assert len(data["entity_types"]) == 12


def test_catalog_show_marks_assumed_designations(capsys):
    assert main(["catalog", "show", "highway_carrier"]) == 0
    out = capsys.readouterr().out
    assert "inherited from importer" in out
    assert "6.3    Must" in out


def test_catalog_check_accepts_the_bundle_and_names_problems_in_a_broken_copy(tmp_path, capsys):
    assert main(["catalog", "check", str(FIXTURES / "mini_catalog")]) == 0
    assert "OK (8 criteria" in capsys.readouterr().out
    broken = tmp_path / "broken"
    broken.mkdir()
    assert main(["catalog", "check", str(broken)]) == 2
    assert "categories.toml" in capsys.readouterr().err


def test_catalog_coverage_explains_its_columns(capsys):
    assert main(["catalog", "coverage"]) == 0
    out = capsys.readouterr().out
    assert "confirmed = designation seen in a CBP source" in out
    assert "air_carrier" in out


def test_a_broken_profile_gives_one_line_and_exit_2(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('[profile]\ncompany = "A\n')
    result = subprocess.run([sys.executable, "-m", "ctpat_tui", "render", str(path), "--out", str(tmp_path / "o")],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"ctpat: error: {path}:2")


def test_headless_commands_do_not_import_textual():
    code = ("import sys; from ctpat_tui.cli import main; main(['catalog', 'list']); "
            "print('textual' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().endswith("False")


@pytest.mark.parametrize("argv", [["catalog"], ["render"], ["new", "x.toml"]])
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as raised:
        main(argv)
    assert raised.value.code in (0, 2)
