"""The preparer takes a reviewer round back into the profile from the app: two changes accepted, one rejected, a
comment kept as a note; the profile on disk holds exactly that and the next draft shows it, one version on."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from ctpat_tui.catalog import Catalog
from ctpat_tui.feedback.report import load_feedback
from ctpat_tui.profile.document import read_profile
from ctpat_tui.tui.app import CtpatApp
from ctpat_tui.tui.screens.feedback import FeedbackScreen
from ctpat_tui.tui.screens.main import MainScreen
from tests.feedback_support import (anchors, bookmark, comment_with_python_docx, field_text, render_draft,
                                    tracked_replace)
from tests.render_support import docx_paragraph_texts
from tests.test_tui_stories import SIZE, open_main, wait_for


def _words(draft: Path, name: str, count: int = 2) -> str:
    return " ".join(field_text(draft, name).split()[:count])


async def test_accept_two_reject_one_and_keep_a_comment_as_a_note(catalog: Catalog, sample_path: Path,
                                                                   tmp_path: Path) -> None:
    before = read_profile(sample_path)
    draft = render_draft(catalog, before, tmp_path / "draft.docx")
    first, second, third = (bookmark(draft, cid, "narrative") for cid in ("1.2", "2.1", "1.3"))
    legal = tracked_replace(draft, first, _words(draft, first), "Our company", "Legal", tmp_path / "legal.docx")
    legal = tracked_replace(legal, second, _words(draft, second), "Every year we", "Legal", tmp_path / "legal2.docx")
    ops = tracked_replace(draft, third, _words(draft, third), "Nobody", "Ops", tmp_path / "ops.docx")
    ops = comment_with_python_docx(ops, second, "Name the auditor.", "Dana", tmp_path / "ops2.docx")
    expected = {item.criterion: item.after for item in load_feedback(catalog, before, [legal]).items}

    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        assert isinstance(main, MainScreen)
        main.action_feedback([legal, ops])
        await wait_for(pilot, lambda: isinstance(app.screen, FeedbackScreen))
        screen = app.screen
        assert isinstance(screen, FeedbackScreen)
        table = screen.query_one(DataTable)
        plan = {("change", "1.2"): "x", ("change", "2.1"): "x", ("change", "1.3"): "l", ("comment", "2.1"): "p"}
        assert {(i.kind, i.criterion) for i in screen.items} == set(plan)
        for index, item in enumerate(screen.items):
            table.move_cursor(row=index)
            await pilot.pause()
            if item.kind == "change":
                shown = str(screen.query_one("#feedback-text").render())
                assert "Now:" in shown and "Proposed:" in shown
            await pilot.press(plan[(item.kind, item.criterion)])
            await wait_for(pilot, lambda index=index: index in screen.decisions)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        await wait_for(pilot, lambda: read_profile(sample_path).version == "0.4" and
                       read_profile(sample_path).answer("2.1").review_notes != ())

    after = read_profile(sample_path)
    assert after.answer("1.2").narrative == expected["1.2"]
    assert after.answer("2.1").narrative == expected["2.1"]
    assert after.answer("1.3") == before.answer("1.3")
    [note] = after.answer("2.1").review_notes
    assert (note.author, note.source, note.resolved) == ("Dana", "ops2.docx", False)
    assert note.text.startswith("Name the auditor.")
    untouched = {cid for cid in before.answers if cid not in ("1.2", "2.1")}
    assert all(after.answer(cid) == before.answer(cid) for cid in untouched)
    backup = read_profile(sample_path.with_name(sample_path.name + ".bak"))  # the normal save keeps the one before
    assert backup.answer("1.3") == before.answer("1.3")

    next_draft = render_draft(catalog, after, tmp_path / "next.docx")
    text = "\n".join(docx_paragraph_texts(next_draft))
    assert expected["1.2"].split("\n")[0][:60] in text
    assert "Review note (Dana" in text and "Name the auditor." in text
    assert anchors(next_draft)
    feedback = load_feedback(catalog, after, [next_draft])
    assert "version 0.4" in feedback.drafts[0].message and feedback.items == []


async def test_an_open_review_note_shows_above_its_criterion_until_resolved(catalog: Catalog, sample_path: Path) -> None:
    from ctpat_tui.profile.document import ProfileDocument
    from ctpat_tui.profile.model import ReviewNote
    from ctpat_tui.tui.dialogs.common import ChoiceDialog

    document = ProfileDocument.load(sample_path)
    document.set_review_notes("2.1", [ReviewNote("Name the auditor.", "Dana", "2026-11-20", "ops.docx")])
    document.save()
    app = CtpatApp(catalog, sample_path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        await main.go_to("2.1")
        await wait_for(pilot, lambda: main.current == "2.1")
        notes = main.query_one("#review-notes")
        await wait_for(pilot, lambda: notes.display)
        assert "Review note (Dana, 2026-11-20): Name the auditor." in str(notes.render())
        main.action_resolve_notes()
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.press("enter")
        await wait_for(pilot, lambda: not notes.display)
        await wait_for(pilot, lambda: read_profile(sample_path).answer("2.1").review_notes[0].resolved)
    assert read_profile(sample_path).answer("2.1").open_review_notes == ()
