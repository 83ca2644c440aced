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


def test_a_carrier_typing_the_entity_type_with_hyphens_gets_the_slug_saved(tmp_path, capsys):
    path = tmp_path / "carrier.toml"
    assert main(["new", str(path), "--entity", "Highway-Carrier", "--company", "Rio Freight"]) == 0
    assert ProfileDocument.load(path).profile.entity_type == "highway_carrier"
    assert main(["catalog", "show", "highway carrier"]) == 0


def test_a_misspelt_entity_type_gets_a_did_you_mean(tmp_path, capsys):
    assert main(["new", str(tmp_path / "x.toml"), "--entity", "highway-carier", "--company", "A"]) == 2
    err = capsys.readouterr().err
    assert "did you mean highway_carrier?" in err and err.count("\n") == 1
    assert main(["lint", "--entity", "custom-broker"]) == 2
    assert "did you mean customs_broker?" in capsys.readouterr().err


def test_facilities_given_by_name_get_the_ids_the_app_form_would_make(tmp_path, capsys):
    from ctpat_tui.profile.model import parse_facilities

    path = tmp_path / "carrier.toml"
    assert main(["new", str(path), "--entity", "highway_carrier", "--company", "Rio Freight",
                 "--facility", "Laredo  Yard", "--facility", "hq=Head office", "--facility", "Laredo Yard"]) == 0
    facilities = ProfileDocument.load(path).profile.facilities
    assert [(f.id, f.name) for f in facilities] == parse_facilities("Laredo Yard\nhq=Head office\nLaredo Yard")
    assert [f.id for f in facilities] == ["laredo-yard", "hq", "laredo-yard-2"]
    assert "facility laredo-yard: Laredo Yard" in capsys.readouterr().out
    assert main(["new", str(tmp_path / "y.toml"), "--entity", "importer", "--company", "A", "--facility", "hq="]) == 2
    assert "give a name" in capsys.readouterr().err
    assert not (tmp_path / "y.toml").exists()


def test_lint_help_describes_every_option(capsys):
    with pytest.raises(SystemExit):
        main(["lint", "--help"])
    out = capsys.readouterr().out
    for option in ("--field", "--criterion", "--entity", "--json"):
        described = out.split(option)[-1].split("\n")[0] + out.split(option)[-1].split("\n")[1]
        assert len(described.split()) >= 3, f"{option} is not described"
    assert "standard input" in out and "Exit code" in out


@pytest.mark.parametrize(
    ("text", "expected", "line"),
    [
        ('[profile]\ncompany = "Rio Freight\nentity_type = "highway_carrier"\n',
         'a closing quote (") is probably missing at the end of line 2', 2),
        ('[profile]\ncompany = "Rio"\nentity_type = "highway_carrier"\n[answers."1.1"]\ncontrols = """We check\n',
         'the long text that starts with """ on line 5 is never closed', 5),
        ('[profile]\ncompany = "Rio"\ncompany = "Rio Freight"\n', "'company' is written twice", 3),
    ],
)
def test_a_hand_edited_profile_with_a_typo_is_explained_in_plain_words(tmp_path, capsys, text, expected, line):
    path = tmp_path / "carrier.toml"
    path.write_text(text)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert expected in err and f"{path}:{line}" in err
    assert "no backup copy" in err and "Control characters" not in err
    (tmp_path / "carrier.toml.bak").write_text('[profile]\ncompany = "Rio"\nentity_type = "highway_carrier"\n')
    assert main(["check", str(path)]) == 2
    assert f"{path}.bak" in capsys.readouterr().err


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


def test_the_readme_coverage_figures_are_what_catalog_coverage_shows(capsys):
    import re

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    claimed = re.search(r"for the\s+importer: (\d+) known, (\d+) confirmed, (\d+) assumed", readme)
    assert claimed, "README no longer states the importer's coverage"
    assert main(["catalog", "coverage", "--json"]) == 0
    importer = next(row for row in json.loads(capsys.readouterr().out) if row["slug"] == "importer")
    assert tuple(int(n) for n in claimed.groups()) == (importer["total"], importer["confirmed"], importer["assumed"])
    assert "complete only for the importer" not in readme


def test_a_command_parses_and_helps_the_same_with_only_its_own_arguments_built(capsys) -> None:
    """`main` builds only the arguments of the command it runs (a faster start); each command's help, and so its
    options, must be those of the whole parser."""
    from ctpat_tui.cli import _CATALOG_COMMANDS, _COMMANDS, build_parser

    def sub_help(parser, name: str) -> str:  # type: ignore[no-untyped-def]
        action = next(a for a in parser._subparsers._group_actions)  # noqa: SLF001
        return action.choices[name].format_help()

    whole = build_parser()
    for name in _COMMANDS:
        assert sub_help(build_parser(name), name) == sub_help(whole, name), name
    catalog = next(iter(whole._subparsers._group_actions)).choices["catalog"]  # noqa: SLF001
    for name in _CATALOG_COMMANDS:
        alone = next(iter(build_parser("catalog", name)._subparsers._group_actions)).choices["catalog"]  # noqa: SLF001
        assert sub_help(alone, name) == sub_help(catalog, name), name
    assert list(next(iter(whole._subparsers._group_actions)).choices) == list(_COMMANDS)  # noqa: SLF001


@pytest.mark.parametrize("columns", [None, "60", "132", "0", "wide"])
def test_every_help_reads_as_argparse_lays_it_out(monkeypatch: pytest.MonkeyPatch, columns: str | None) -> None:
    """The parsers find the terminal's width without importing shutil (a faster start); every command's help must
    still be laid out exactly as argparse's own formatter lays it out at that width."""
    import argparse
    import shutil

    from ctpat_tui.cli import _help_width, build_parser

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert _help_width() == shutil.get_terminal_size().columns - 2

    def parsers(parser: argparse.ArgumentParser):  # type: ignore[no-untyped-def]
        yield parser
        for action in parser._actions:  # noqa: SLF001
            if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
                for sub in action.choices.values():
                    yield from parsers(sub)

    seen = 0
    for parser in parsers(build_parser()):
        ours = (parser.format_help(), parser.format_usage())
        parser.formatter_class = parser.formatter_class.__mro__[2]  # argparse's class, under the width mix-in
        assert parser.formatter_class.__module__ == "argparse"
        assert (parser.format_help(), parser.format_usage()) == ours, parser.prog
        seen += 1
    assert seen > 20
