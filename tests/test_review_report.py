"""`ctpat check` and `ctpat lint` from the command line: human report, JSON, portfolios, exit codes."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from ctpat_tui.cli import main
from tests.conftest import SAMPLE_DAY

FINDING_KEYS = {"rule", "severity", "criterion", "field", "message", "suggestion"}
CLEAN = ('[profile]\nschema = 1\ncompany = "Tiny Broker LLC"\nentity_type = "customs_broker"\n')


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line; `check` judges dates as of SAMPLE_DAY, not the real date."""
    code = main([*argv, "--today", SAMPLE_DAY.isoformat()] if argv[:1] == ("check",) else list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_groups_findings_by_portal_section(sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", str(sample_path))
    assert code == 1 and err == ""
    assert out.index("\nRisk Assessment\n") < out.index("\nBusiness Partners\n") < out.index("\nCybersecurity\n")
    assert "RISK002" in out and "-> Review the risk assessment now" in out
    assert "ALIGN007" not in out.split("info findings not shown")[0]
    assert "info findings not shown (ALIGN007 x" in out
    assert "Readiness " in out and "Overall" in out


def test_verbose_lists_info_findings(sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", "--verbose", str(sample_path))
    assert " info     ALIGN007" in out and "not shown" not in out


def test_check_json_has_the_documented_shape(sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--json", str(sample_path))
    data = json.loads(out)
    assert code == 1 and set(data) == {"profile", "readiness", "findings"}
    assert data["profile"] == str(sample_path)
    assert {"percent", "definition", "overall", "sections", "categories"} <= set(data["readiness"])
    assert all(set(f) - {"accepted"} == FINDING_KEYS for f in data["findings"])
    assert any(f["severity"] == "info" for f in data["findings"])


PLANNED = ('\n[answers."12.6"]\nstatus = "planned"\ncontrols = "A 45-minute KnowBe4 module on trade-based money '
           'laundering red flags for the 6 staff in Accounts Payable and Logistics, with a 10-question test."\n'
           'frequency = "First session 2027-02-15, then every 12 months"\nowner = "Director of Trade Compliance"\n'
           'records = "KnowBe4 completions and test scores, kept 5 years"\nescalation = "Red flags go to the '
           'Director of Trade Compliance within 1 business day; the payment is held until reviewed."\n'
           'evidence = [{ title = "TBML training plan", ref = "TC-PLN-2026-03", date = 2026-10-20, '
           'portal_section = "Education and Training" }]\n')


def test_fail_on_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broker.toml"
    path.write_text(CLEAN + PLANNED, encoding="utf-8")
    review = json.loads(run(capsys, "check", "--json", str(path))[1])
    errors = [f for f in review["findings"] if f["severity"] == "error"]
    assert errors and {f["rule"] for f in errors} == {"ALIGN001"}
    accepted = "".join(f'\n[answers."{f["criterion"]}"]\naccepted = {{ "ALIGN001" = "agreed with our SCSS" }}\n'
                       for f in errors)
    path.write_text(CLEAN + PLANNED + accepted, encoding="utf-8")
    assert run(capsys, "check", str(path))[0] == 0
    assert run(capsys, "check", "--fail-on", "warning", str(path))[0] == 1


def test_a_portfolio_folder_is_checked_profile_by_profile(sample_dir: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    portfolio = tmp_path / "clients"
    shutil.copytree(sample_dir, portfolio / "acme")
    (portfolio / "broker").mkdir()
    (portfolio / "broker" / "profile.toml").write_text(CLEAN, encoding="utf-8")
    (portfolio / "broker" / "notes.toml").write_text('title = "not a profile"\n', encoding="utf-8")
    (portfolio / ".git").mkdir()
    (portfolio / ".git" / "old.toml").write_text(CLEAN, encoding="utf-8")
    code, out, err = run(capsys, "check", "--json", str(portfolio))
    data = json.loads(out)
    assert code == 1 and err == ""
    assert [Path(item["profile"]).parent.name for item in data] == ["acme", "broker"]
    code, out, _ = run(capsys, "check", str(portfolio))
    assert "Acme Imports LLC" in out and "Tiny Broker LLC" in out


def test_a_broken_profile_is_one_line_and_exit_2(sample_path: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('[profile]\ncompany = "X"\nentity_type = "importer"\n[answers."7.23"]\nstatus = "done"\n',
                      encoding="utf-8")
    code, out, err = run(capsys, "check", str(broken), str(sample_path))
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("ctpat: error: ") and "broken.toml:5" in err
    assert "Acme Imports LLC" in out
    code, out, err = run(capsys, "check", "--json", str(broken))
    assert (code, out) == (2, "") and "Traceback" not in err


def test_missing_paths_unknown_entity_and_empty_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", str(tmp_path / "nope.toml"))
    assert code == 2 and "no such file or folder" in err
    code, _, err = run(capsys, "check", str(tmp_path))
    assert code == 2 and "no profile found" in err
    odd = tmp_path / "odd.toml"
    odd.write_text(CLEAN.replace("customs_broker", "space_port"), encoding="utf-8")
    code, _, err = run(capsys, "check", str(odd))
    assert code == 2 and "space_port" in err and err.count("\n") == 1


def test_lint_reads_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Issues are handled\n"))
    code, out, _ = run(capsys, "lint", "--field", "escalation", "--criterion", "7.23", "--json")
    data = json.loads(out)
    assert code == 1 and set(data) == {"findings"}
    assert [f["rule"] for f in data["findings"]] == ["SPEC005"]
    assert set(data["findings"][0]) == FINDING_KEYS and data["findings"][0]["criterion"] == "7.23"
    monkeypatch.setattr("sys.stdin", io.StringIO("Security Manager (Laredo)\n"))
    code, out, _ = run(capsys, "lint", "--field", "owner")
    assert code == 0 and "no findings" in out


def test_lint_default_field_is_narrative_and_bad_options_exit_2(capsys: pytest.CaptureFixture[str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("We take security seriously.\n"))
    code, out, _ = run(capsys, "lint")
    assert code == 1 and "SPEC007" in out
    monkeypatch.setattr("sys.stdin", io.StringIO("text"))
    assert run(capsys, "lint", "--criterion", "99.9")[0] == 2
    assert run(capsys, "lint", "--entity", "space_port")[0] == 2
