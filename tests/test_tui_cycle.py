"""The annual cycle in the app, keyboard only at 80x24: review every criterion, actions, and marking a submission."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_tui_stories import SIZE, open_main, open_screen, type_text, wait_for
from textual.widgets import Button, DataTable, Input, Select, Static

from ctpat_tui.catalog import Catalog
from ctpat_tui.cli import main as cli_main
from ctpat_tui.cycle.annual_review import reaffirm_warnings
from ctpat_tui.cycle.history import load_history
from ctpat_tui.profile.document import ProfileDocument, read_profile
from ctpat_tui.profile.model import Action
from ctpat_tui.tui.app import CtpatApp
from ctpat_tui.tui.dialogs.cycle import ActionDialog, SubmitDialog
from ctpat_tui.tui.screens import annual_review as annual_review_screen
from ctpat_tui.tui.screens import cycle_keys
from ctpat_tui.tui.screens.annual_review import AnnualReviewScreen
from ctpat_tui.tui.screens.cycle_actions import ActionsScreen

REVIEW_DAY = dt.date(2027, 1, 20)  # the sample's anniversary (2027-03-15) is 54 days away


@pytest.fixture(autouse=True)
def _review_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cycle_keys, "today", lambda: REVIEW_DAY)


async def test_the_annual_review_marks_each_criterion_and_asks_twice_over_aged_evidence(
        catalog: Catalog, sample_path: Path) -> None:
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_main(pilot)
        # said once the editor has settled after its first frame
        await wait_for(pilot, lambda: any("annual profile review is due 2027-03-15" in n.message
                                          for n in app._notifications))
        await pilot.press("f12")
        await wait_for(pilot, lambda: isinstance(app.screen, AnnualReviewScreen))
        screen = app.screen
        assert isinstance(screen, AnnualReviewScreen)
        await wait_for(pilot, lambda: screen.submitted is not None)
        profile = read_profile(sample_path)
        assert profile.annual_review is not None and profile.annual_review.due == dt.date(2027, 3, 15)
        warned = [cid for cid in screen.shown
                  if reaffirm_warnings(catalog, profile, cid, REVIEW_DAY, screen.submitted)]
        clean = next(cid for cid in screen.shown if cid not in warned)
        table = screen.query_one(DataTable)
        table.move_cursor(row=screen.shown.index(clean))
        await pilot.press("1")
        await pilot.pause(0.1)
        marks = read_profile(sample_path).annual_review.marks  # type: ignore[union-attr]
        assert marks[clean].state == "reaffirmed" and marks[clean].on == REVIEW_DAY
        aged = warned[0]
        table.move_cursor(row=screen.shown.index(aged))
        await pilot.press("1")
        await pilot.pause(0.1)
        assert aged not in read_profile(sample_path).annual_review.marks  # type: ignore[union-attr]
        assert "Press 1 again" in str(screen.query_one("#annual-detail", Static).render())
        await pilot.press("1")
        await pilot.pause(0.1)
        mark = read_profile(sample_path).annual_review.marks[aged]  # type: ignore[union-attr]
        assert mark.state == "reaffirmed" and "after seeing" in mark.note
        await pilot.press("slash")
        await pilot.pause(0.1)
        assert clean not in screen.shown and aged not in screen.shown and len(screen.shown) == 91
        assert "2 of 93 reviewed" in str(screen.query_one("#review-progress", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause(0.1)
        assert read_profile(sample_path).annual_review.signed_off_on is None  # type: ignore[union-attr]


async def test_a_partial_answer_becomes_an_action_with_one_key(catalog: Catalog, sample_path: Path) -> None:
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        await main.go_to("12.6")
        await pilot.press("ctrl+y")
        await wait_for(pilot, lambda: isinstance(app.screen, ActionDialog))
        dialog = app.screen
        assert dialog.query_one("#ca-criterion", Input).value == "12.6"
        assert dialog.query_one("#ca-gap", Input).value
        dialog.query_one("#ca-action", Input).focus()
        await type_text(pilot, "Second trainer")
        dialog.query_one("#ca-due", Input).focus()
        await type_text(pilot, "2027-04-30")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, ActionDialog))
        actions = read_profile(sample_path).actions
        assert actions[-1].id == "CA-005" and actions[-1].criterion == "12.6"
        assert actions[-1].due == dt.date(2027, 4, 30) and actions[-1].opened == REVIEW_DAY


async def test_the_actions_screen_filters_overdue_and_edits_one(catalog: Catalog, sample_path: Path) -> None:
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f10", ActionsScreen)
        screen = app.screen
        assert [a.id for a in screen.shown][:1] == ["CA-003"]  # overdue since 2026-12-15, listed first
        await pilot.press("slash", "slash")
        await pilot.pause(0.05)
        assert [a.id for a in screen.shown] == ["CA-003"]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ActionDialog))
        app.screen.query_one("#ca-closure_evidence", Input).focus()
        await type_text(pilot, "Questionnaire SQ-2027-002")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ActionsScreen))
        assert read_profile(sample_path).actions[2].closure_evidence == "Questionnaire SQ-2027-002"


async def test_mark_as_submitted_from_the_render_dialog(catalog: Catalog, sample_path: Path) -> None:
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_main(pilot)
        await pilot.press("ctrl+o")
        await pilot.pause(0.1)
        app.screen.query_one("#mark-submitted").press()
        await wait_for(pilot, lambda: isinstance(app.screen, SubmitDialog))
        date_input = app.screen.query_one("#sub-date", Input)
        assert date_input.value == REVIEW_DAY.isoformat()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, SubmitDialog))
        await pilot.pause(0.1)
    assert read_profile(sample_path).last_submitted == REVIEW_DAY
    assert [s.name for s in load_history(sample_path).submissions] == ["2026-03-10", "2027-01-20"]


async def test_criteria_changed_since_the_submission_are_marked_in_the_list(catalog: Catalog, sample_path: Path) -> None:
    from ctpat_tui.tui.widgets.navigator import Navigator

    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        navigator = main.query_one(Navigator)
        await wait_for(pilot, lambda: navigator.changed == {"4.9", "9.2"})
        assert "9.2~" in str(navigator.row_prompt("9.2")) and "~" not in str(navigator.row_prompt("7.23"))
        await main.go_to("9.2")
        await pilot.press("f11")
        await wait_for(pilot, lambda: "changes since" in str(getattr(app.screen, "title_text", "")))
        assert "status: Planned -> Partially implemented" in app.screen.message


async def test_a_finding_on_the_review_screen_becomes_an_action(catalog: Catalog, sample_path: Path) -> None:
    from ctpat_tui.tui.screens.review import ReviewScreen

    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_main(pilot)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.shown)
        finding = app.screen.shown[0]
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, ActionDialog))
        assert app.screen.query_one("#ca-criterion", Input).value == finding.criterion
        assert app.screen.action_item.rule == finding.rule
        app.screen.query_one("#ca-due", Input).focus()
        await type_text(pilot, "2027-02-15")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, ActionDialog))
    added = read_profile(sample_path).actions[-1]
    assert (added.rule, added.criterion, added.gap) == (finding.rule, finding.criterion, finding.message)


async def test_a_damaged_submission_history_is_reported_and_the_profile_still_opens(
        catalog: Catalog, sample_path: Path) -> None:
    copy = sample_path.parent / "profile.submissions" / "2026-03-10" / "profile.toml"
    copy.chmod(0o600)
    copy.write_text(copy.read_text() + "# edited after submission\n")
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        await wait_for(pilot, lambda: any("changed after it was submitted" in n.message
                                          for n in app._notifications))
        assert main.current is not None


@pytest.mark.parametrize("make", [
    lambda: ActionDialog(Action("CA-001", "7.23", "gap", "", "do it", "QA", None, "open", "", None, None, None),
                         today=REVIEW_DAY),
    lambda: SubmitDialog(today=REVIEW_DAY, last=None),
], ids=["action", "submit"])
@pytest.mark.parametrize("leave", ["escape", "cancel-button"])
async def test_both_cycle_forms_move_on_with_enter_and_cancel_without_a_value(make, leave: str) -> None:
    from textual.app import App

    results: list[object] = []
    app: App[None] = App()
    async with app.run_test(size=SIZE) as pilot:
        dialog = make()
        app.push_screen(dialog, results.append)
        await pilot.pause()
        first = dialog.query(Input).first()
        first.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is not first and isinstance(app.focused, Input | Select)
        if leave == "escape":
            await pilot.press("escape")
        else:
            dialog.query_one("#cancel", Button).press()
        await wait_for(pilot, lambda: app.screen is not dialog)
    assert results == [None]
    # the handlers live once, in the shared form base, not in each dialog
    for handler in ("_save", "_cancel", "_next_field", "action_cancel"):
        assert handler not in type(dialog).__dict__


def _review_on_file(path: Path, catalog: Catalog, due: dt.date, marked: int, on: dt.date, *,
                    sign_off: bool = False, **header: dt.date | None) -> list[str]:
    """Write a review due `due` with `marked` criteria re-affirmed on `on` into the profile; the criteria marked."""
    document = ProfileDocument.load(path)
    for key, value in header.items():
        document.set_header_date(key, value)
    document.start_annual_review(due, "Maria Lopez", on)
    ids = [c.id for c, _d in catalog.applicable(document.profile.entity_type)][:marked]
    for cid in ids:
        document.mark_reviewed(cid, "reaffirmed", "Maria Lopez", on)
    if sign_off:
        document.sign_off_review("Maria Lopez", on)
    document.save()
    return ids


async def _open_review(pilot, app: CtpatApp) -> AnnualReviewScreen:
    await open_screen(pilot, "f12", AnnualReviewScreen)
    screen = app.screen
    assert isinstance(screen, AnnualReviewScreen)
    await wait_for(pilot, lambda: screen.submitted is not None and getattr(screen, "next_due", None) is None)
    await pilot.pause(0.1)
    return screen


async def test_a_review_signed_off_before_a_missed_anniversary_survives_opening_it_the_day_after(
        catalog: Catalog, sample_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # never submitted, certified 2024-05-01: reviewed and signed off on 2025-04-30, opened again on 2025-05-02
    _review_on_file(sample_path, catalog, dt.date(2025, 5, 1), 3, dt.date(2025, 4, 30), sign_off=True,
                    certification_date=dt.date(2024, 5, 1), last_submitted=None)
    before = read_profile(sample_path).annual_review
    monkeypatch.setattr(cycle_keys, "today", lambda: dt.date(2025, 5, 2))
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_review(pilot, app)
        assert "signed off 2025-04-30" in str(screen.query_one("#review-due", Static).render())
    assert read_profile(sample_path).annual_review == before


async def test_a_review_for_an_earlier_due_date_that_no_submission_holds_is_kept(
        catalog: Catalog, sample_path: Path) -> None:
    marked = _review_on_file(sample_path, catalog, dt.date(2026, 3, 15), 2, dt.date(2026, 3, 1))
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_review(pilot, app)
        assert any("review due 2026-03-15 is kept" in n.message for n in app._notifications)
        review = read_profile(sample_path).annual_review
        assert review is not None and review.due == dt.date(2026, 3, 15) and sorted(review.marks) == sorted(marked)
        third = next(cid for cid in screen.shown if cid not in marked)
        screen.query_one(DataTable).move_cursor(row=screen.shown.index(third))
        await pilot.press("3")
        await pilot.pause(0.1)
    review = read_profile(sample_path).annual_review
    assert review is not None and set(review.marks) == {*marked, third}


async def test_a_review_the_last_submission_holds_gives_way_to_the_next_one(
        catalog: Catalog, sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _review_on_file(sample_path, catalog, dt.date(2026, 3, 15), 2, dt.date(2026, 3, 1), sign_off=True)
    assert cli_main(["submit", str(sample_path), "--date", "2026-03-12"]) == 0
    capsys.readouterr()
    submitted = read_profile(load_history(sample_path).latest.profile_file).annual_review  # type: ignore[union-attr]
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        await _open_review(pilot, app)
        assert any("the review due 2027-03-15 starts" in n.message for n in app._notifications)
    review = read_profile(sample_path).annual_review
    assert review is not None and review.due == dt.date(2027, 3, 15) and not review.marks
    assert submitted is not None and submitted.signed_off_on == dt.date(2026, 3, 1) and len(submitted.marks) == 2


async def test_moving_through_the_review_checks_evidence_files_off_the_ui_thread(
        catalog: Catalog, sample_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    threads: list[bool] = []

    def recording(*args: object) -> list[str]:
        threads.append(threading.current_thread() is threading.main_thread())
        return reaffirm_warnings(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(annual_review_screen, "reaffirm_warnings", recording)
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_review(pilot, app)
        profile = read_profile(sample_path)
        aged = next(cid for cid in screen.shown if reaffirm_warnings(catalog, profile, cid, REVIEW_DAY,
                                                                    screen.submitted))
        for _ in range(5):
            await pilot.press("down")
        screen.query_one(DataTable).move_cursor(row=screen.shown.index(aged))
        await pilot.press("1")
        await wait_for(pilot, lambda: "Press 1 again" in str(screen.query_one("#annual-detail", Static).render()))
        assert aged not in read_profile(sample_path).annual_review.marks  # type: ignore[union-attr]
    assert len(threads) >= 6 and not any(threads)
