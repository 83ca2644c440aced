"""The editing screen's reviews on their own (screens/findings_actions.Reviews): when they run, which findings are
kept and shown, and when the owner is told a criterion's state changed. No app is started: a stand-in owner
records what the reviews ask of the screen."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from ctpat_tui.catalog import Catalog
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.review.finding import Finding
from ctpat_tui.tui.screens import findings_actions
from ctpat_tui.tui.screens.findings_actions import FULL_REVIEW_QUIET, FullReview, LiveFindings, Reviews
from ctpat_tui.tui.session import EditSession


class StandInTimer:
    """A timer that fires only when the test says so."""

    def __init__(self, delay: float, callback: Callable[[], object]) -> None:
        self.delay = delay
        self.callback = callback
        self.stopped = False
        self.resets = 0

    def stop(self) -> None:
        self.stopped = True

    def reset(self) -> None:
        self.resets += 1

    def fire(self) -> None:
        assert not self.stopped, "a stopped timer fired"
        self.callback()


class StandInScreen:
    """What the reviews need from the screen, recorded: timers, workers run at once, messages kept."""

    def __init__(self, session: EditSession) -> None:
        self.session = session
        self.current: str | None = None
        self.timers: list[StandInTimer] = []
        self.messages: list[object] = []
        self.shown: list[list[Finding]] = []
        self.changed: list[dict[str, str]] = []
        self.previews = 0
        self.settled = 0

    def set_timer(self, delay: float, callback: Callable[[], object]) -> StandInTimer:
        timer = StandInTimer(delay, callback)
        self.timers.append(timer)
        return timer

    def run_worker(self, work: Callable[[], object], **options: Any) -> None:
        assert options["thread"] and options["exclusive"]
        work()

    def post_message(self, message: object) -> bool:
        self.messages.append(message)
        return True

    def refresh_stale_preview(self) -> None:
        self.previews += 1

    def show_findings(self, findings: Sequence[Finding]) -> None:
        self.shown.append(list(findings))

    def states_changed(self, states: Mapping[str, str]) -> None:
        self.changed.append(dict(states))

    def settle_heap(self) -> None:
        self.settled += 1


@pytest.fixture
def screen(catalog: Catalog, sample_path: Path) -> StandInScreen:
    return StandInScreen(EditSession(catalog, ProfileDocument.open(sample_path)))


def test_only_the_last_of_several_edits_starts_a_live_review_and_its_findings_are_shown(screen: StandInScreen) -> None:
    reviews = Reviews(screen)
    reviews.reset_states()
    screen.current = "7.23"
    reviews.schedule_live(0.3)
    reviews.schedule_live(0.3)           # typing again restarts the wait
    first, last = screen.timers
    assert first.stopped and not last.stopped and last.delay == 0.3
    last.fire()
    assert screen.previews == 1          # a preview left stale while typing is drawn before the review
    [message] = screen.messages
    assert isinstance(message, LiveFindings) and message.criterion_id == "7.23"
    expected = list(findings_actions.review_answer(screen.session.catalog, screen.session.profile, "7.23"))
    assert list(message.findings) == expected and expected
    reviews.live_findings(message)
    assert screen.shown == [expected]
    assert reviews.findings_by_id["7.23"] == expected


def test_findings_for_a_criterion_the_user_has_left_are_kept_but_not_shown(screen: StandInScreen) -> None:
    reviews = Reviews(screen)
    reviews.reset_states()
    screen.current = "7.23"
    reviews.schedule_live(0.0)
    screen.timers[-1].fire()
    screen.current = "1.1"               # moved on before the findings came back
    reviews.live_findings(screen.messages[-1])
    assert screen.shown == []
    assert "7.23" in reviews.findings_by_id


def test_no_live_review_without_a_current_criterion_or_once_cancelled(screen: StandInScreen) -> None:
    reviews = Reviews(screen)
    reviews.schedule_live(0.0)
    screen.timers[-1].fire()
    assert screen.messages == []
    screen.current = "7.23"
    reviews.schedule_live(0.0)
    reviews.cancel_live()
    assert screen.timers[-1].stopped


def test_the_owner_hears_of_a_state_only_when_it_changes(screen: StandInScreen) -> None:
    reviews = Reviews(screen)
    reviews.reset_states()
    assert screen.changed == [reviews.states]          # every mark drawn once at the start
    assert reviews.states["1.1"] == "complete"
    screen.session.set_value("1.1", "owner", "")                  # a required part gone: no longer complete
    reviews.recompute("1.1")
    assert screen.changed[-1] == {"1.1": "partial"} and reviews.states["1.1"] == "partial"
    reviews.recompute("1.1")
    reviews.recompute("no-such-criterion")
    assert len(screen.changed) == 2


def test_the_whole_profile_review_waits_for_a_pause_and_replaces_every_finding_and_state(
        screen: StandInScreen) -> None:
    reviews = Reviews(screen)
    reviews.reset_states()
    screen.current = "7.23"
    reviews.findings_by_id["7.23"] = []
    reviews.full_soon()
    timer = screen.timers[-1]
    assert timer.delay == FULL_REVIEW_QUIET
    reviews.postpone_full()              # an edit meanwhile: the wait starts again
    assert timer.resets == 1
    timer.fire()
    [message] = screen.messages
    assert isinstance(message, FullReview)
    reviews.full_review(message)
    assert set(reviews.findings_by_id) == set(reviews.states)
    assert screen.shown[-1] == reviews.findings_by_id["7.23"] != []
    assert screen.changed[-1] == reviews.states and screen.settled == 1
    assert "done" in reviews.progress_line()
