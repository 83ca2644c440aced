"""A first-time user's walk through the annual review and the reviewers' feedback: keys typed ahead are not lost,
and what the screens say can be read whole."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_tui_stories import SIZE, open_main, open_screen, wait_for
from textual.widgets import DataTable

from ctpat_tui.catalog import Catalog
from ctpat_tui.cycle.annual_review import reaffirm_warnings
from ctpat_tui.profile.document import read_profile
from ctpat_tui.tui.app import CtpatApp
from ctpat_tui.tui.screens import cycle_keys
from ctpat_tui.tui.screens.annual_review import AnnualReviewScreen

REVIEW_DAY = dt.date(2027, 1, 20)  # the sample's anniversary (2027-03-15) is 54 days away


@pytest.fixture(autouse=True)
def _review_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cycle_keys, "today", lambda: REVIEW_DAY)


async def test_down_then_1_typed_at_once_re_affirms_the_row_moved_to(catalog: Catalog, sample_path: Path) -> None:
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f12", AnnualReviewScreen)
        screen = app.screen
        assert isinstance(screen, AnnualReviewScreen)
        await wait_for(pilot, lambda: screen.submitted is not None)
        profile = read_profile(sample_path)
        clean = [cid for cid in screen.shown
                 if not reaffirm_warnings(catalog, profile, cid, REVIEW_DAY, screen.submitted)]
        start = next(i for i, cid in enumerate(screen.shown[:-1]) if screen.shown[i + 1] in clean)
        target = screen.shown[start + 1]
        screen.query_one(DataTable).move_cursor(row=start)
        await wait_for(pilot, lambda: screen.shown[start] in screen.warnings)
        assert target not in screen.warnings  # its evidence is not checked yet when 1 arrives
        # Down and 1 arrive together (typed ahead over SSH): 1 runs before the table's highlight message is handled.
        screen.query_one(DataTable).action_cursor_down()
        screen.action_mark("reaffirmed")
        await wait_for(pilot, lambda: target in (read_profile(sample_path).annual_review.marks or {}))
        mark = read_profile(sample_path).annual_review.marks[target]  # type: ignore[union-attr]
        assert mark.state == "reaffirmed"
        assert screen.shown[start] not in read_profile(sample_path).annual_review.marks  # type: ignore[union-attr]


async def test_signing_off_too_early_names_the_key_that_shows_what_is_left(
        catalog: Catalog, sample_path: Path) -> None:
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f12", AnnualReviewScreen)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any("not reviewed" in n.message for n in app._notifications))
        [message] = [n.message for n in app._notifications if "not reviewed" in n.message]
        assert "(/ shows them)" in message
        await pilot.press("slash")
        await pilot.pause(0.1)
        assert app.screen.only_unreviewed  # type: ignore[attr-defined]


async def test_feedback_decisions_show_whole_and_a_file_that_is_no_draft_is_not_called_clean(
        catalog: Catalog, sample_path: Path, tmp_path: Path) -> None:
    from ctpat_tui.tui.screens.feedback import FeedbackScreen
    from ctpat_tui.tui.screens.main import MainScreen
    from tests.feedback_support import bookmark, comment_with_python_docx, render_draft

    draft = render_draft(catalog, read_profile(sample_path), tmp_path / "draft.docx")
    reviewed = comment_with_python_docx(draft, bookmark(draft, "2.1", "narrative"), "Name the auditor.",
                                        "Dana Officer", tmp_path / "reviewed.docx")
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        assert isinstance(main, MainScreen)
        main.action_feedback([tmp_path / "no-such-file.docx"])
        await wait_for(pilot, lambda: isinstance(app.screen, FeedbackScreen))
        await wait_for(pilot, lambda: str(app.screen.query_one("#feedback-text").render()))
        shown = str(app.screen.query_one("#feedback-text").render())
        assert "none of these files is a draft" in shown and "No comments" not in shown
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        main.action_feedback([reviewed])
        await wait_for(pilot, lambda: isinstance(app.screen, FeedbackScreen))
        screen = app.screen
        [row] = [line for line in _table_lines(screen) if "Dana Officer" in line]
        assert "Response (composed from" in row  # the field can be told from the others
        await pilot.press("p")
        await wait_for(pilot, lambda: 0 in screen.decisions)  # type: ignore[attr-defined]
        await pilot.pause(0.1)
        [row] = [line for line in _table_lines(screen) if "Dana Officer" in line]
        assert row.rstrip().endswith("note kept") and len(row) <= 80


def _table_lines(screen) -> list[str]:  # type: ignore[no-untyped-def]
    table = screen.query_one(DataTable)
    return [strip.text for strip in (table.render_line(y) for y in range(table.size.height))]


async def test_fixing_the_overdue_screening_takes_it_off_the_count_at_once(catalog: Catalog, sample_path: Path) -> None:
    from textual.widgets import Input, Static

    from ctpat_tui.tui.screens.partners import PartnersScreen
    from test_tui_stories import type_text

    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f7", PartnersScreen)
        screen = app.screen
        await pilot.pause(0.1)
        title = screen.query_one("#partners-title", Static)

        def due_count() -> int:
            return int(str(title.render()).split(" due now or overdue")[0].rsplit(" ", 1)[-1])

        before = due_count()  # Hanoi (screened 2024) is one of them, whatever day the test runs
        hanoi = [p.name for p in read_profile(sample_path).partners].index("Hanoi Textile Packaging Co.")
        screen.query_one(DataTable).move_cursor(row=screen.shown.index(hanoi))  # type: ignore[attr-defined]
        await pilot.pause(0.1)
        screen.query_one("#pf-last_screened", Input).focus()
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, dt.date.today().isoformat())
        await wait_for(pilot, lambda: due_count() == before - 1)


async def test_esc_on_an_edited_action_form_asks_before_the_typing_is_dropped() -> None:
    from textual.app import App
    from textual.widgets import Input

    from ctpat_tui.profile.model import Action
    from ctpat_tui.tui.dialogs.common import ChoiceDialog
    from ctpat_tui.tui.dialogs.cycle import ActionDialog
    from test_tui_stories import type_text

    results: list[object] = []
    app: App[None] = App()
    async with app.run_test(size=SIZE) as pilot:
        dialog = ActionDialog(Action("CA-001", "7.23", "gap", "", "do it", "QA", None, "open", "", None, None, None),
                              today=REVIEW_DAY)
        app.push_screen(dialog, results.append)
        await pilot.pause()
        owner = dialog.query_one("#ca-owner", Input)
        owner.focus()
        await pilot.press("end")
        await type_text(pilot, " (Anna)")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.press("escape")  # Esc on the question keeps the form
        await wait_for(pilot, lambda: app.screen is dialog)
        assert owner.value == "QA (Anna)" and results == []
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.press("2")
        await wait_for(pilot, lambda: app.screen is not dialog and not isinstance(app.screen, ChoiceDialog))
    assert results == [None]


def test_partner_findings_name_the_register_form_fields_not_file_keys(catalog: Catalog, tmp_path: Path) -> None:
    from test_review_families import PARTNER, TODAY, load

    from ctpat_tui.review import review_answer
    from ctpat_tui.tui.screens.partners import FORM

    body = PARTNER.format(risk="high", screened="2024-10-01").replace('questionnaire = "SQ-2026-02"\n', "")
    for cert, name in (("ctpat", "Rio Bravo Transport"), ("aeo", "Saigon Ceramics")):
        body += (f'\n[[partners]]\nname = "{name}"\nrole = "carrier"\ncountry = "MX"\ncertification = "{cert}"\n'
                 'risk = "high"\n')
    findings = [f for f in review_answer(catalog, load(tmp_path, body), "3.1", today=TODAY) if f.rule.startswith("PART")]
    assert {"PART001", "PART002", "PART004", "PART005", "PART006"} <= {f.rule for f in findings}
    keys = [key for key, _label in FORM if "_" in key or key == "svi"]  # last_screened, aeo_programme, svi ...
    for finding in findings:
        words = f"{finding.message} {finding.suggestion}".replace("(", " ").replace(")", " ").replace(".", " ").split()
        assert not [key for key in keys if key in words], finding
        assert "=" not in finding.suggestion, finding


async def test_the_annual_review_footer_shows_sign_off_and_back_whole_at_80_columns(
        catalog: Catalog, sample_path: Path) -> None:
    from ctpat_tui.tui.widgets.key_footer import KeyFooter

    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f12", AnnualReviewScreen)
        await pilot.pause(0.2)
        footer = app.screen.query_one(KeyFooter)
        line = _screen_line(app, footer.region.y)
        assert "Sign off" in line and "Back" in line and "Commands" in line


def _screen_line(app, y: int) -> str:  # type: ignore[no-untyped-def]
    """Row `y` of the screen as the terminal shows it."""
    return "".join(segment.text for segment in app.screen._compositor.render_strips()[y])


async def test_an_action_for_a_criterion_that_does_not_exist_is_refused_with_one_line(catalog: Catalog) -> None:
    from textual.app import App
    from textual.widgets import Input, Static

    from ctpat_tui.profile.model import Action
    from ctpat_tui.tui.dialogs.cycle import ActionDialog
    from test_tui_stories import type_text

    results: list[object] = []
    app: App[None] = App()
    async with app.run_test(size=SIZE) as pilot:
        dialog = ActionDialog(Action("CA-005", "3.5", "", "", "", "", None, "open", "", None, None, None),
                              today=REVIEW_DAY, criteria=catalog.criteria)
        app.push_screen(dialog, results.append)
        await pilot.pause()
        dialog.query_one("#ca-criterion", Input).focus()
        await pilot.press("end")
        await type_text(pilot, "7.23")  # typed after the criterion filled in for the user: 3.57.23
        dialog.query_one("#ca-gap", Input).value = "No seal log"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog and results == []
        assert "no criterion '3.57.23'" in str(dialog.query_one("#ca-error", Static).render())
        dialog.query_one("#ca-criterion", Input).value = "7.23"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: results)
    [saved] = results
    assert isinstance(saved, Action) and saved.criterion == "7.23"


async def test_two_findings_on_a_partner_both_show_in_the_three_lines_above_the_form(
        catalog: Catalog, sample_path: Path) -> None:
    from textual.widgets import Static

    from ctpat_tui.tui.screens.partners import PartnersScreen

    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f7", PartnersScreen)
        screen = app.screen
        hanoi = [p.name for p in read_profile(sample_path).partners].index("Hanoi Textile Packaging Co.")
        screen.query_one(DataTable).move_cursor(row=screen.shown.index(hanoi))  # type: ignore[attr-defined]
        box = screen.query_one("#partner-findings", Static)
        await wait_for(pilot, lambda: "PART004" in str(box.render()))
        await pilot.pause(0.1)
        shown = "\n".join(_screen_line(app, y) for y in range(box.region.y, box.region.bottom))
        assert "PART002" in shown and "PART004" in shown
        assert str(box.render()).split()[-1] in shown  # the end of what the box says is on screen, not cut off
