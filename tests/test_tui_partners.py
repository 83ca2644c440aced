"""Partner register stories in the app at 80x24, keyboard only: add, fix an overdue screening, import, questionnaires"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from test_partners_questionnaire import GOOD, _fill
from test_tui_stories import SIZE, open_main, type_text, wait_for
from textual.widgets import DataTable, Input

from ctpat_tui.catalog import Catalog
from ctpat_tui.profile.document import read_profile
from ctpat_tui.tui.app import CtpatApp
from ctpat_tui.tui.screens.partners import PartnersScreen
from ctpat_tui.tui.screens.review import ReviewScreen


def _names(path: Path) -> list[str]:
    return [p.name for p in read_profile(path).partners]


async def _open_partners(pilot) -> PartnersScreen:  # type: ignore[no-untyped-def]
    await pilot.press("f7")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, PartnersScreen))
    await pilot.pause(0.1)
    return pilot.app.screen  # type: ignore[return-value]


async def _answer_prompt(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause(0.2)
    await type_text(pilot, text)
    await pilot.press("enter")


async def test_adding_a_partner_is_saved_and_reviewed(catalog: Catalog, sample_path: Path) -> None:
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_main(pilot)
        screen = await _open_partners(pilot)
        await pilot.press("insert")
        await pilot.pause(0.1)
        assert screen.focused is screen.query_one("#pf-name", Input)
        await type_text(pilot, "Laredo Cross-Dock Inc.")
        await pilot.press("tab")
        await type_text(pilot, "warehouse")
        await pilot.press("tab")
        await type_text(pilot, "US")
        await wait_for(pilot, lambda: "Laredo Cross-Dock Inc." in _names(sample_path))
        added = next(p for p in read_profile(sample_path).partners if p.name == "Laredo Cross-Dock Inc.")
        assert (added.role, added.country, added.certification) == ("warehouse", "US", "none")
        assert "PART001" in str(screen.query_one("#partner-findings").render())  # never screened yet
        assert "Laredo Cross-Dock Inc." in [str(c) for c in screen.query_one(DataTable).get_column_at(0)]


async def test_an_overdue_screening_found_by_review_is_fixed_at_the_partner(catalog: Catalog,
                                                                            sample_path: Path) -> None:
    app = CtpatApp(catalog, sample_path)
    today = dt.date.today().isoformat()
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.shown)
        review = app.screen
        row = next(i for i, f in enumerate(review.shown) if f.rule == "PART002")
        review.query_one(DataTable).move_cursor(row=row)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PartnersScreen))
        screen = app.screen
        await pilot.pause(0.1)
        hanoi = _names(sample_path).index("Hanoi Textile Packaging Co.")
        assert screen.index == hanoi
        assert "PART002" in str(screen.query_one("#partner-findings").render())
        field = screen.query_one("#pf-last_screened", Input)
        field.focus()
        await pilot.press("ctrl+a", "ctrl+k")  # home, then delete to the end
        await type_text(pilot, today)
        await wait_for(pilot, lambda: read_profile(sample_path).partners[hanoi].last_screened == dt.date.today())
        assert "PART002" not in str(screen.query_one("#partner-findings").render())
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is main)


async def test_forty_partners_come_in_from_a_spreadsheet(catalog: Catalog, sample_path: Path) -> None:
    sheet = sample_path.parent / "suppliers.csv"
    rows = ["Supplier,Country,Risk,Last screened"] + [f"Supplier {n:02d},CN,low,2026-06-01" for n in range(40)]
    sheet.write_text("\n".join(rows) + "\n", encoding="utf-8")
    before = len(_names(sample_path))
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_main(pilot)
        screen = await _open_partners(pilot)
        await pilot.press("f")
        await _answer_prompt(pilot, str(sheet))
        await wait_for(pilot, lambda: app.screen.query(".dialog-message"))
        assert "added (40)" in str(app.screen.query_one(".dialog-message").render())
        await pilot.press("1")
        await wait_for(pilot, lambda: len(_names(sample_path)) == before + 40)
        assert screen.query_one(DataTable).row_count == before + 40


async def test_questionnaires_go_out_to_the_partners_due_and_two_come_back(catalog: Catalog,
                                                                            sample_path: Path) -> None:
    app = CtpatApp(catalog, sample_path)
    folder = sample_path.parent / "partner-questionnaires"
    async with app.run_test(size=SIZE) as pilot:
        await open_main(pilot)
        screen = await _open_partners(pilot)
        await pilot.press("g")
        await pilot.pause(0.2)
        assert "Every partner due for screening (1)" in str(app.screen.query_one("#choice-due").label)
        await pilot.press("1")
        await wait_for(pilot, lambda: folder.is_dir() and any(folder.glob("*.xlsx")))
        books = sorted(folder.glob("*.xlsx"))
        assert [b.name.split("-", 3)[-1] for b in books] == ["Hanoi-Textile-Packaging-Co.xlsx"]
        assert len(list(folder.glob("*.docx"))) == 1
        screen.today = dt.date.today()
        # a second partner's questionnaire, as if sent earlier, comes back too
        from ctpat_tui.partners.questionnaire import build_questionnaire
        from ctpat_tui.partners.questionnaire_xlsx import questionnaire_xlsx

        profile = read_profile(sample_path)
        saigon = [p.name for p in profile.partners].index("Saigon Ceramics JSC")
        q = build_questionnaire(catalog, profile, saigon, dt.date.today(), dt.date.today() + dt.timedelta(days=30))
        second = folder / "saigon.xlsx"
        second.write_bytes(questionnaire_xlsx(q))
        _fill(books[0], "Hanoi Textile Packaging Co.", {"3.5": ("No", "")}, ("Yes", GOOD))
        _fill(second, "Saigon Ceramics JSC", {}, ("Yes", GOOD))
        actions_before = len(read_profile(sample_path).actions)
        for book, choice in ((books[0], "2"), (second, "1")):  # the first with corrective actions for its gaps
            await pilot.press("r")
            await _answer_prompt(pilot, str(book))
            await wait_for(pilot, lambda: app.screen.query(".dialog-message"))
            assert "questionnaire SQ-" in str(app.screen.query_one(".dialog-message").render())
            await pilot.press(choice)
            await pilot.pause(0.2)
        await wait_for(pilot, lambda: all(p.questionnaire_file for p in read_profile(sample_path).partners
                                          if p.name in ("Hanoi Textile Packaging Co.", "Saigon Ceramics JSC")))
        partners = {p.name: p for p in read_profile(sample_path).partners}
        assert partners["Hanoi Textile Packaging Co."].last_screened == dt.date.today()
        assert "3.5 no" in partners["Hanoi Textile Packaging Co."].open_issues
        assert partners["Saigon Ceramics JSC"].questionnaire_file == "partner-questionnaires/saigon.xlsx"
        actions = read_profile(sample_path).actions
        assert len(actions) == actions_before + 1
        assert actions[-1].gap.startswith("Hanoi Textile Packaging Co.: 3.5") and actions[-1].status == "open"


async def test_the_list_puts_overdue_first_and_filters_and_sorts(catalog: Catalog, sample_path: Path) -> None:
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_main(pilot)
        screen = await _open_partners(pilot)
        table = screen.query_one(DataTable)
        first = [str(c) for c in table.get_column_at(0)]
        assert first[0] == "Hanoi Textile Packaging Co."  # the overdue partner leads the default order
        assert "OVERDUE" in str(table.get_row_at(0)[4])  # said in words, not only in colour
        await pilot.press("s")  # by risk: high first, low last
        assert [str(c) for c in table.get_column_at(2)][0] == "high"
        assert [str(c) for c in table.get_column_at(2)][-1] == "low"
        await pilot.press("slash")
        await type_text(pilot, "vn")
        await wait_for(pilot, lambda: table.row_count == 2)
        assert sorted(str(c) for c in table.get_column_at(0)) == ["Hanoi Textile Packaging Co.", "Saigon Ceramics JSC"]
        assert "2 shown" in str(screen.query_one("#partners-title").render())


async def test_fix_on_a_partner_finding_opens_the_partner_it_concerns(catalog: Catalog, sample_path: Path) -> None:
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        await main.go_to("3.1")
        await wait_for(pilot, lambda: any(f.rule.startswith("PART") for f in main.findings_by_id.get("3.1", [])))
        await pilot.pause(0.2)
        main.query_one("#nav").focus()
        await pilot.press("f4")
        await wait_for(pilot, lambda: isinstance(app.screen, PartnersScreen))
        screen = app.screen
        await pilot.pause(0.1)
        first = main.query_one("#findings").first_open()
        assert first is not None and first.rule.startswith("PART")
        assert screen.session.profile.partners[screen.index].name == first.message.split(":")[0]


async def test_file_work_runs_off_the_screen_and_its_errors_are_one_line(catalog: Catalog, sample_path: Path,
                                                                        monkeypatch) -> None:
    """Reading a spreadsheet, writing questionnaires, reading one back: the screen stays live, an error is a line."""
    import threading

    threads: list[str] = []

    def broken(*args: object, **kwargs: object) -> None:
        threads.append(threading.current_thread().name)
        raise ValueError("a library failed\nwith a second line")

    monkeypatch.setattr("ctpat_tui.partners.sheet.read_partner_sheet", broken)
    monkeypatch.setattr("ctpat_tui.partners.questionnaire_xlsx.questionnaire_xlsx", broken)
    monkeypatch.setattr("ctpat_tui.partners.questionnaire_read.read_questionnaire", broken)
    before = sample_path.read_bytes()
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_main(pilot)
        screen = await _open_partners(pilot)
        for keys, prompt, said in (("f", "list.xlsx", "Nothing imported"), ("g", "", "Could not write"),
                                   ("r", "SQ-1.xlsx", "Not read")):
            await pilot.press(keys)
            if prompt:
                await _answer_prompt(pilot, prompt)
            else:
                await pilot.pause(0.2)
                await pilot.press("1")
            await wait_for(pilot, lambda said=said: any(said in str(n.message) for n in app._notifications))
            assert app.is_running and app.screen is screen
        messages = [str(n.message) for n in app._notifications if "a library failed" in str(n.message)]
        assert len(messages) == 3 and all("\n" not in m for m in messages)
        assert "unexpected ValueError (a library failed with a second line)" in messages[0]
    assert len(threads) == 3 and threading.main_thread().name not in threads
    assert sample_path.read_bytes() == before
