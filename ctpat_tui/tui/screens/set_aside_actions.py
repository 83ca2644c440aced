"""Setting several criteria aside as not applicable in one step, and undoing it (part of the main screen)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.screen import Screen

from ctpat_tui.tui.widgets.navigator import Navigator

if TYPE_CHECKING:
    from ctpat_tui.tui.session import EditSession


@dataclass(frozen=True)
class Before:
    """A criterion's status and reason before it was set aside."""

    criterion_id: str
    status: str
    na_reason: str


class SetAsideActions(Screen[None]):
    """Bulk not-applicable for the screen that owns `session` and the navigator."""

    session: EditSession
    current: str | None
    last_na_reason: str = ""
    _set_aside_undo: tuple[Before, ...] = ()

    def answer_changed(self, criterion_id: str) -> None:  # pragma: no cover - provided by the screen
        raise NotImplementedError

    def review_whole_profile(self) -> None:  # pragma: no cover - provided by the screen
        raise NotImplementedError

    def offered_na_reason(self, ids: Sequence[str]) -> tuple[str, str]:
        """The reason to pre-fill for `ids` (last one given, else the suggestion) and where it comes from."""
        from ctpat_tui.tui.dialogs.set_aside import offered_reason  # the dialog's module: not before the first frame

        return offered_reason(self.session.catalog, self.session.entity, ids, self.last_na_reason)

    def probably_na_note(self, criterion_id: str) -> str:
        """For a probably-not-applicable criterion whose status is not set: what to do about it ('' otherwise)."""
        session = self.session
        if session.answer(criterion_id).status or not session.catalog.suggested_na_reason(session.entity, criterion_id):
            return ""
        return ("Probably not applicable: your entity type never holds cargo. Set the status to Not applicable "
                "to confirm the suggested reason (n in the list), or answer it if it does apply to you.")

    @on(Navigator.SetAside)
    def _set_aside_requested(self, event: Navigator.SetAside) -> None:
        if self.session.read_only:
            self.notify("This profile is open read-only.")
            return
        self._set_aside(event.criterion_ids)

    @work(exclusive=True, group="set-aside")
    async def _set_aside(self, ids: tuple[str, ...]) -> None:
        from ctpat_tui.tui.dialogs.set_aside import SetAsideDialog

        reason, note = self.offered_na_reason(ids)
        text = await self.app.push_screen_wait(SetAsideDialog(ids, reason, note))
        if text is None:
            return
        self.set_aside(ids, text)

    def set_aside(self, ids: Sequence[str], text: str) -> None:
        """Mark `ids` not applicable with `text` (or each one's own suggestion, see reasons_for); undoable."""
        from ctpat_tui.tui.dialogs.set_aside import reasons_for

        session = self.session
        reasons = reasons_for(session.catalog, session.entity, list(ids), text)
        before = tuple(Before(cid, session.answer(cid).status, session.answer(cid).na_reason) for cid in ids)
        for cid in ids:
            session.set_value(cid, "status", "not_applicable")
            session.set_value(cid, "na_reason", reasons[cid])
        self._set_aside_undo = before
        self.last_na_reason = text
        navigator = self.query_one(Navigator)
        navigator.set_marked(set())
        self._refresh_after(ids)
        count = len(ids)
        self.notify(f"{count} {'criterion' if count == 1 else 'criteria'} set aside as not applicable. "
                    "Press u in the list to undo.", timeout=6)

    @on(Navigator.UndoSetAside)
    def undo_set_aside(self) -> None:
        """Put each criterion of the last set-aside back as it was (status and reason)."""
        before, self._set_aside_undo = self._set_aside_undo, ()
        if not before or self.session.read_only:
            self.notify("Nothing to undo.")
            return
        for item in before:
            self.session.set_value(item.criterion_id, "status", item.status)
            self.session.set_value(item.criterion_id, "na_reason", item.na_reason)
        self._refresh_after([item.criterion_id for item in before])
        self.notify(f"Put {len(before)} back as they were.")

    def _refresh_after(self, ids: Sequence[str]) -> None:
        for cid in ids:
            self.answer_changed(cid)
        self.review_whole_profile()   # at once: the marks of every criterion touched, not only the current one
        if self.current in ids:
            current, self.current = self.current, None
            self.call_later(self.go_to, current)  # type: ignore[attr-defined]
