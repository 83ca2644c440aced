"""Adding, editing and removing evidence references of the current criterion (part of the main screen)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from ctpat_tui.profile.model import Evidence
from ctpat_tui.tui.dialogs.common import ConfirmDialog
from ctpat_tui.tui.dialogs.evidence import EvidenceDialog

if TYPE_CHECKING:
    from ctpat_tui.tui.session import EditSession


class EvidenceActions:
    """Evidence dialogs for the screen that owns `session` and `current`."""

    session: EditSession
    current: str | None

    def answer_changed(self, criterion_id: str) -> None:  # pragma: no cover - provided by the screen
        raise NotImplementedError

    def action_add_evidence(self) -> None:
        """Add an evidence reference to the current criterion."""
        self.evidence_request("add", -1)

    def evidence_request(self, action: str, index: int) -> None:
        """Run the add / edit / remove dialog for evidence item `index` of the current criterion."""
        if self.current is None:
            return
        if self.session.read_only:
            self.notify("This profile is open read-only.")  # type: ignore[attr-defined]
            return
        self._evidence_dialog(self.current, action, index)

    @work
    async def _evidence_dialog(self, criterion_id: str, action: str, index: int) -> None:
        session = self.session
        items = list(session.answer(criterion_id).evidence)
        criterion = session.criterion(criterion_id)
        app = self.app  # type: ignore[attr-defined]
        if action == "remove":
            if not 0 <= index < len(items):
                return
            item = items[index]
            if not await app.push_screen_wait(ConfirmDialog(
                    "Remove evidence?", f"Remove '{item.ref or item.title}' from {criterion_id}?", yes="Remove")):
                return
            del items[index]
        else:
            existing: Evidence | None = items[index] if action == "edit" and 0 <= index < len(items) else None
            sections = [s.name for s in session.catalog.portal_sections]
            result = await app.push_screen_wait(EvidenceDialog(
                existing, criterion_label=f"{criterion_id} {criterion.title}", sections=sections,
                default_section=criterion.primary_section, base_dir=session.path.parent))
            if result is None:
                return
            if existing is not None:
                items[index] = result
            else:
                items.append(result)
        if session.set_evidence(criterion_id, items):
            self.answer_changed(criterion_id)
