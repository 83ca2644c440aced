"""PRIV001: `ctpat check` and the review screen say when other users can open the profile, its evidence or output,
with the exact chmod that closes it, and change nothing themselves."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from ctpat_tui.catalog import Catalog
from ctpat_tui.cli import main
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.review.privacy import file_findings
from ctpat_tui.tui.app import CtpatApp
from ctpat_tui.tui.screens.review import ReviewScreen
from tests.conftest import SAMPLE_DAY
from tests.test_tui_stories import SIZE, open_main, open_screen, wait_for


def check_json(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, list[dict[str, str]]]:
    """Run `ctpat check --json` and return its exit code and PRIV001 findings."""
    code = main(["check", "--json", "--today", SAMPLE_DAY.isoformat(), str(path)])
    findings = json.loads(capsys.readouterr().out)["findings"]
    return code, [f for f in findings if f["rule"] == "PRIV001"]


def test_a_world_readable_profile_gets_a_warning_with_the_fix_and_is_left_alone(
        sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before, none = check_json(capsys, sample_path)
    assert none == []
    os.chmod(sample_path, 0o604)
    code, found = check_json(capsys, sample_path)
    assert [(f["severity"], f["suggestion"]) for f in found] == [("warning", f"chmod 600 {sample_path}")]
    assert "every user of this computer" in found[0]["message"] and "0604" in found[0]["message"]
    assert code == before                                   # a warning: the exit code does not change
    assert stat.S_IMODE(sample_path.stat().st_mode) == 0o604
    assert main(["check", "--today", SAMPLE_DAY.isoformat(), str(sample_path)]) == before
    assert f"chmod 600 {sample_path}" in capsys.readouterr().out


def test_open_evidence_and_output_folders_are_named_with_their_own_fix(
        sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    evidence = sample_path.parent / "evidence"
    output = sample_path.parent / "output"
    output.mkdir()
    os.chmod(evidence, 0o705)
    os.chmod(output, 0o701)
    found = check_json(capsys, sample_path)[1]
    assert [f["suggestion"] for f in found] == [f"chmod 700 {evidence}", f"chmod 700 {output}"]
    assert found[0]["message"].startswith("The evidence folder") and found[1]["message"].startswith("The output")


def test_a_group_that_was_not_invited_is_reported_and_an_invited_one_is_not(
        sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs to give the file a group nobody is named in")
    os.chown(sample_path, -1, 4242)
    os.chmod(sample_path, 0o660)
    found = check_json(capsys, sample_path)[1]
    assert [f["suggestion"] for f in found] == [f"chmod 600 {sample_path}"]
    assert "members of group 4242" in found[0]["message"]
    (sample_path.parent / ".ctpat.toml").write_text('share = "group"\n', encoding="utf-8")
    assert check_json(capsys, sample_path)[1] == []
    os.chmod(sample_path, 0o664)
    assert [f["suggestion"] for f in check_json(capsys, sample_path)[1]] == [f"chmod 660 {sample_path}"]


def test_files_of_another_user_are_not_this_users_to_fix(sample_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to hand the file to another user")
    os.chmod(sample_path, 0o644)
    profile = ProfileDocument.load(sample_path).profile
    assert [f.rule for f in file_findings(profile)] == ["PRIV001"]
    os.chown(sample_path, 65534, -1)
    assert file_findings(profile) == []


def test_a_quoted_fix_for_a_path_with_spaces(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "Acme Imports"
    folder.mkdir()
    path = folder / "profile.toml"
    assert main(["new", str(path), "--entity", "importer", "--company", "Acme"]) == 0
    os.chmod(path, 0o644)
    capsys.readouterr()
    found = check_json(capsys, path)[1]
    assert found[0]["suggestion"].endswith(f"'{path}'")


async def test_the_review_screen_shows_the_warning(catalog: Catalog, sample_path: Path) -> None:
    os.chmod(sample_path, 0o644)
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_main(pilot)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.shown)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        found = [f for f in review.findings if f.rule == "PRIV001"]
        assert [f.suggestion for f in found] == [f"chmod 600 {sample_path}"]
        await pilot.press("w")
        assert found[0] in review.shown


def test_group_bits_for_the_owners_personal_group_share_nothing(sample_path: Path) -> None:
    import grp
    import pwd

    group = grp.getgrgid(os.getegid())
    if group.gr_name != pwd.getpwuid(os.geteuid()).pw_name or group.gr_mem:
        pytest.skip("this user's primary group is not a personal group")
    os.chmod(sample_path, 0o640)
    assert file_findings(ProfileDocument.load(sample_path).profile) == []


def test_rendering_into_a_folder_others_can_read_warns_with_the_chmod_and_a_new_folder_does_not(
        sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shared = tmp_path / "srv" / "ctpat-drafts"
    shared.mkdir(parents=True)
    os.chmod(shared, 0o755)
    today = ["--today", SAMPLE_DAY.isoformat(), "--format", "md"]
    assert main(["render", str(sample_path), "--out", str(shared), *today]) == 0
    err = capsys.readouterr().err
    assert (f"ctpat: warning: PRIV001: The folder rendered into {shared} can be read by every user of this computer "
            f"(mode 0755); to close it: chmod 700 {shared}") in err
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755  # warned about, not changed
    fresh = tmp_path / "srv" / "new-drafts"
    assert main(["render", str(sample_path), "--out", str(fresh), *today]) == 0
    assert "PRIV001" not in capsys.readouterr().err


def test_the_render_dialog_names_an_open_folder_elsewhere_among_its_problems(
        catalog: Catalog, sample_path: Path, tmp_path: Path) -> None:
    from ctpat_tui.profile.document import read_profile
    from ctpat_tui.tui.dialogs.render import run_render

    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)
    outcome = run_render(catalog, read_profile(sample_path), shared, ["md"])
    [warning] = [p for p in outcome.problems if p.startswith("PRIV001")]
    assert "can be read or changed by every user" in warning and warning.endswith(f"chmod 700 {shared}")


async def test_the_render_dialog_shows_the_open_folder_warning_on_screen_at_80x24(
        catalog: Catalog, sample_path: Path, tmp_path: Path) -> None:
    from textual.widgets import Checkbox, Input

    from ctpat_tui.tui.dialogs.render import RenderDialog

    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o755)
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "ctrl+o", RenderDialog)
        dialog = app.screen
        for box in dialog.query(Checkbox):
            box.value = box.id == "fmt-md"
        dialog.query_one("#out-dir", Input).value = str(shared)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "Done:" in str(dialog.query_one("#render-output").render()), timeout=30)

        def shown() -> str:
            return " ".join("".join(s.text for s in strip) for strip in app.screen._compositor.render_strips())

        await wait_for(pilot, lambda: "PRIV001" in shown())
        assert "chmod 700" in shown()
