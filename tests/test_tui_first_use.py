"""A new user's first use of the app: the places first-time users went wrong, driven with the keyboard at 80x24."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select

from ctpat_tui.catalog import Catalog
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.tui.app import CtpatApp
from ctpat_tui.tui.dialogs.common import ConfirmDialog
from ctpat_tui.tui.screens.new_profile import NewProfileScreen
from tests.test_tui_stories import SIZE, open_main, type_text, wait_for


async def test_the_new_profile_form_offers_to_create_a_missing_folder(mini_catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "ctpat" / "2026" / "rio.toml"
    app = CtpatApp(mini_catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, NewProfileScreen))
        form = app.screen
        await type_text(pilot, "Rio")
        form.query_one("#np-entity", Select).value = "importer"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert str(path.parent) in str(app.screen.query_one(".dialog-message").render())
        await pilot.press("n")  # a typo in the path: nothing is created, the user is told how to go on
        await wait_for(pilot, lambda: app.screen is form)
        assert not path.parent.exists()
        assert "ctrl+s again" in str(form.query_one("#np-error").render())
        assert form.focused is form.query_one("#np-path", Input)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await open_main(pilot)
    assert ProfileDocument.load(path).profile.company == "Rio"
    assert (path.parent.stat().st_mode & 0o777) == 0o700
