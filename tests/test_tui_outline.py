"""Pure parts of the app: navigator outline and marks, theme choice, recent profiles, path completion, wizard input."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ctpat_tui.catalog import Catalog
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.profile.model import Answer, Evidence
from ctpat_tui.review.finding import Finding
from ctpat_tui.tui import outline
from ctpat_tui.tui.dialogs.evidence import complete_path, stored_path
from ctpat_tui.profile.model import parse_facilities
from ctpat_tui.tui.state import load_state, remember_profile, remember_theme, state_file
from ctpat_tui.tui.theme import ANSI_THEME, FULL_THEME, default_theme

FULL = {"status": "implemented", "controls": "Seals checked by the dock lead", "frequency": "every load",
        "owner": "Shipping Supervisor", "records": "seal log SL-1, kept 3 years",
        "escalation": "Security Manager told within 1 hour"}


def _answer(**values: object) -> Answer:
    return Answer("7.23", **values)  # type: ignore[arg-type]


def test_marks_never_rely_on_colour_and_fall_back_to_ascii_on_the_linux_console() -> None:
    assert set(outline.UNICODE_MARKS) == set(outline.STATES)
    assert len(set(outline.UNICODE_MARKS.values())) == len(outline.STATES)
    assert outline.status_marks({"TERM": "linux"}) == outline.ASCII_MARKS
    assert outline.status_marks({"TERM": "xterm-256color"}) == outline.UNICODE_MARKS


def test_answer_state_moves_from_empty_to_partial_to_complete(mini_catalog: Catalog) -> None:
    criterion = mini_catalog.criteria["7.23"]
    evidence = (Evidence("Incident SOP", "SEC-SOP-12", dt.date(2026, 3, 1), "Procedural Security"),)
    assert outline.answer_state(criterion, _answer(), []) == "empty"
    assert outline.answer_state(criterion, _answer(controls="x"), []) == "partial"
    assert outline.answer_state(criterion, _answer(**FULL), []) == "partial"  # no evidence yet
    complete = _answer(**FULL, evidence=evidence)
    assert outline.answer_state(criterion, complete, []) == "complete"
    vague = Finding("SPEC002", "error", "7.23", "frequency", "no period")
    assert outline.answer_state(criterion, complete, [vague]) == "errors"
    accepted = Finding("SPEC002", "error", "7.23", "frequency", "no period", accepted_reason="agreed with CBP")
    assert outline.answer_state(criterion, complete, [accepted]) == "complete"


def test_not_applicable_needs_a_reason(mini_catalog: Catalog) -> None:
    criterion = mini_catalog.criteria["7.23"]
    assert outline.answer_state(criterion, _answer(status="not_applicable"), []) == "partial"
    assert outline.answer_state(criterion, _answer(status="not_applicable", na_reason="no cargo"), []) == "na"


def test_required_extra_values_count_as_missing(mini_catalog: Catalog) -> None:
    criterion = mini_catalog.criteria["2.1"]
    answer = Answer("2.1", **FULL, evidence=(Evidence("RA", "RA-1", dt.date(2026, 1, 1)),))  # type: ignore[arg-type]
    assert outline.missing_parts(criterion, answer) == ["method", "last_reviewed"]


def test_groups_follow_portal_order_or_category_order(mini_catalog: Catalog) -> None:
    by_section = outline.build_groups(mini_catalog, "importer", "section")
    assert [g.title for g in by_section][:2] == ["Risk Assessment", "Business Partners"]
    assert outline.ordered_ids(by_section) == ["2.1", "2.3", "3.1", "7.23", "6.2", "9.1", "12.1"]
    by_category = outline.build_groups(mini_catalog, "importer", "category")
    assert outline.ordered_ids(by_category) == ["2.1", "2.3", "3.1", "6.2", "7.23", "9.1", "12.1"]
    assert by_category[0].title == "2. Risk Assessment"


def test_next_matching_wraps_round_and_step_clamps() -> None:
    order = ["a", "b", "c", "d"]
    assert outline.next_matching(order, "c", ["a", "b"]) == "a"
    assert outline.next_matching(order, "a", ["a"]) == "a"
    assert outline.next_matching(order, "a", []) is None
    assert outline.step(order, "d", 1) == "d"
    assert outline.step(order, "a", -1) == "a"
    assert outline.step(order, "b", 1) == "c"


def test_progress_counts_complete_and_not_applicable() -> None:
    states = {"a": "complete", "b": "na", "c": "errors", "d": "empty"}
    assert outline.progress(states, states).label == "2/4"


def test_theme_defaults_to_terminal_colours_on_poor_terminals() -> None:
    assert default_theme({"TERM": "xterm-256color"}) == ANSI_THEME  # COLORTERM is not forwarded over SSH
    assert default_theme({"TERM": "xterm-256color", "COLORTERM": "truecolor"}) == FULL_THEME
    assert default_theme({"TERM": "linux", "COLORTERM": "truecolor"}) == ANSI_THEME
    assert default_theme({"NO_COLOR": "1", "COLORTERM": "truecolor"}) == ANSI_THEME
    assert default_theme({"COLORTERM": "truecolor"}, saved="ansi-light") == "ansi-light"
    assert default_theme({"TEXTUAL_THEME": "nord", "COLORTERM": "truecolor"}, saved="ansi-light") == "nord"


def test_recent_profiles_are_kept_newest_first_in_the_user_state_dir(tmp_path: Path) -> None:
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.write_text("")
    second.write_text("")
    remember_profile(first, "A Co", "importer")
    remember_profile(second, "B Co", "exporter")
    remember_profile(first, "A Co", "importer")
    remember_theme("ansi-light")
    state = load_state()
    assert [r.path for r in state.recent] == [str(first.resolve()), str(second.resolve())]
    assert state.theme == "ansi-light"
    assert state_file().parent == Path(os.environ["XDG_STATE_HOME"]) / "ctpat-tui"


def test_a_damaged_state_file_is_ignored() -> None:
    path = state_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    assert load_state().recent == []


def test_path_completion_extends_to_the_longest_unambiguous_prefix(tmp_path: Path) -> None:
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "seal-log-2026.pdf").write_text("x")
    (tmp_path / "evidence" / "seal-audit.pdf").write_text("x")
    assert complete_path(tmp_path, "ev") == "evidence/"
    assert complete_path(tmp_path, "evidence/se") == "evidence/seal-"
    assert complete_path(tmp_path, "evidence/seal-l") == "evidence/seal-log-2026.pdf"
    assert complete_path(tmp_path, "nothing") is None
    stored, resolved = stored_path(tmp_path, "evidence/seal-audit.pdf")
    assert stored == "evidence/seal-audit.pdf" and resolved.is_file()


def test_facility_lines_become_unique_ids() -> None:
    assert parse_facilities("Laredo DC\nlaredo-dc=Laredo annex\n\nElgin, IL") == [
        ("laredo-dc", "Laredo DC"), ("laredo-dc-2", "Laredo annex"), ("elgin-il", "Elgin, IL")]


def test_states_for_a_whole_profile(mini_catalog: Catalog, tmp_path: Path) -> None:
    document = ProfileDocument.new(tmp_path / "p.toml", "Acme", "importer")
    document.set_answer_value("3.1", "controls", "Screening SOP")
    states = outline.all_states(mini_catalog, document.profile, {})
    assert states["3.1"] == "partial" and states["7.23"] == "empty" and "6.3" not in states


def test_on_the_linux_console_a_status_mark_never_looks_like_a_mark_after_the_id() -> None:
    """'*' after an ID means marked and '~' changed since submission: no status mark may use either."""
    assert not {"*", "~"} & set(outline.ASCII_MARKS.values())
    assert len(set(outline.ASCII_MARKS.values())) == len(outline.ASCII_MARKS)
