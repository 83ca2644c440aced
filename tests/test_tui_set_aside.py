"""A customs broker sets twenty cargo criteria aside in one step, undoes it, and reuses a reason; the status list
takes type-ahead. Keyboard only, at 80x24."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select

from ctpat_tui.catalog import Catalog
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.tui.app import CtpatApp
from ctpat_tui.tui.dialogs.set_aside import SetAsideDialog
from ctpat_tui.tui.outline import PROBABLY_NA_KEY
from ctpat_tui.tui.widgets.criterion_pane import CriterionPane
from ctpat_tui.tui.widgets.navigator import Navigator
from tests.test_tui_stories import SIZE, open_main, saved_text, type_text, wait_for


def broker_profile(tmp_path: Path) -> Path:
    path = tmp_path / "broker.toml"
    ProfileDocument.new(path, "Border Brokers Inc", "customs_broker", prepared_by="Ana Ruiz").save()
    return path


async def test_twenty_cargo_criteria_set_aside_in_one_step_and_undone(catalog: Catalog, tmp_path: Path) -> None:
    path = broker_profile(tmp_path)
    app = CtpatApp(catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        nav = main.query_one(Navigator)
        group = next(g for g in nav.groups if g.key == PROBABLY_NA_KEY)
        assert group is nav.groups[-1] and len(group.criterion_ids) == 20
        await pilot.press("end")                       # last criterion: in the probably-not-applicable group
        await wait_for(pilot, lambda: main.current == group.criterion_ids[-1])
        assert "Probably not applicable" in str(main.query_one("#crit-meta").render())
        await pilot.press("a")                         # mark the whole group
        assert nav.marked == set(group.criterion_ids)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, SetAsideDialog))
        offered = app.screen.query_one("#set-aside-reason", Input).value
        assert offered == catalog.suggested_na_reason("customs_broker", group.criterion_ids[0])
        await pilot.press("enter")                     # confirm the suggested reasons
        await wait_for(pilot, lambda: all(main.states[cid] == "na" for cid in group.criterion_ids))
        assert nav.marked == set()
        for cid in group.criterion_ids:
            answer = main.session.answer(cid)
            assert answer.status == "not_applicable"
            assert answer.na_reason == catalog.suggested_na_reason("customs_broker", cid)   # its own ID and title
        await wait_for(pilot, lambda: saved_text(path).count('status = "not_applicable"') == 20)

        await pilot.press("u")                         # undo: each back as it was
        await wait_for(pilot, lambda: all(main.states[cid] == "empty" for cid in group.criterion_ids))
        assert all(main.session.answer(cid).status == "" for cid in group.criterion_ids)
        await wait_for(pilot, lambda: 'status = "not_applicable"' not in saved_text(path))


async def test_the_same_reason_is_offered_for_the_next_one(catalog: Catalog, tmp_path: Path) -> None:
    path = broker_profile(tmp_path)
    app = CtpatApp(catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        nav = main.query_one(Navigator)
        first = main.current
        await pilot.press("space", "space")          # mark two, moving down
        marked = sorted(nav.marked)
        assert len(marked) == 2 and first in marked
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, SetAsideDialog))
        assert app.screen.query_one("#set-aside-reason", Input).value == ""   # nothing suggested for these
        await pilot.press("enter")                    # empty: refused, the dialog stays
        assert isinstance(app.screen, SetAsideDialog)
        await type_text(pilot, "Handled by our landlord")
        await pilot.press("enter")
        await wait_for(pilot, lambda: all(main.session.answer(cid).na_reason == "Handled by our landlord"
                                          for cid in marked))
        await pilot.press("down", "n")                # the next one, no marks: this criterion alone
        await wait_for(pilot, lambda: isinstance(app.screen, SetAsideDialog))
        assert app.screen.query_one("#set-aside-reason", Input).value == "Handled by our landlord"
        await pilot.press("enter")
        await wait_for(pilot, lambda: main.session.answer(main.current).na_reason == "Handled by our landlord")
        assert main.session.answer(main.current).status == "not_applicable"


async def test_the_status_list_takes_type_ahead(catalog: Catalog, tmp_path: Path) -> None:
    path = broker_profile(tmp_path)
    app = CtpatApp(catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        cid = main.current
        await pilot.press("enter")                     # into the status field
        status = main.query_one(CriterionPane).query_one("#field-status", Select)
        await wait_for(pilot, lambda: status.has_focus)
        await pilot.press("n", "o")
        await wait_for(pilot, lambda: status.expanded)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is not main)   # not applicable asks for the reason
        await type_text(pilot, "We never hold cargo")
        await pilot.press("enter")
        await wait_for(pilot, lambda: main.session.answer(cid).status == "not_applicable")
        await wait_for(pilot, lambda: app.screen is main)
        await pilot.pause(0.1)
        status.focus()
        await pilot.pause(0.05)
        await pilot.press("p", "l", "enter")           # 'pl' is Planned, not Partial
        await wait_for(pilot, lambda: main.session.answer(cid).status == "planned")
