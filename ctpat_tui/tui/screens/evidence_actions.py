"""Adding, editing and removing evidence references of the current criterion: a collaborator of the main screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from ctpat_tui.profile.model import Evidence

if TYPE_CHECKING:
    from textual.app import App
    from textual.worker import Worker

    from ctpat_tui.tui.session import EditSession


class EvidenceOwner(Protocol):
    """What the editor needs from the screen that owns it."""

    session: EditSession
    current: str | None

    @property
    def app(self) -> App[object]: ...

    def notify(self, message: str) -> None: ...

    def run_worker(self, work: object) -> Worker[None]: ...

    def answer_changed(self, criterion_id: str) -> None: ...


class EvidenceEditor:
    """Runs the add / edit / remove dialogs for the evidence of the owner's current criterion and stores the
    result in the owner's session (the owner is told which answer changed)."""

    def __init__(self, owner: EvidenceOwner) -> None:
        self.owner = owner

    def request(self, action: str, index: int = -1) -> None:
        """Add (`index` -1), edit or remove evidence item `index` of the current criterion, through a dialog."""
        owner = self.owner
        if owner.current is None:
            return
        if owner.session.read_only:
            owner.notify("This profile is open read-only.")
            return
        owner.run_worker(self._dialog(owner.current, action, index))

    async def _dialog(self, criterion_id: str, action: str, index: int) -> None:
        from ctpat_tui.tui.dialogs.common import ConfirmDialog  # the dialogs: imported when the first is opened

        session = self.owner.session
        items = list(session.answer(criterion_id).evidence)
        criterion = session.criterion(criterion_id)
        if action == "remove":
            if not 0 <= index < len(items):
                return
            item = items[index]
            if not await self.owner.app.push_screen_wait(ConfirmDialog(
                    "Remove evidence?", f"Remove '{item.ref or item.title}' from {criterion_id}?", yes="Remove")):
                return
            del items[index]
        else:
            from ctpat_tui.tui.dialogs.evidence import EvidenceDialog  # with its file hashing: not needed at start

            existing: Evidence | None = items[index] if action == "edit" and 0 <= index < len(items) else None
            sections = [s.name for s in session.catalog.portal_sections]
            result = await self.owner.app.push_screen_wait(EvidenceDialog(
                existing, criterion_label=f"{criterion_id} {criterion.title}", sections=sections,
                default_section=criterion.primary_section, base_dir=session.path.parent))
            if result is None:
                return
            if existing is not None:
                items[index] = result
            else:
                items.append(result)
        if session.set_evidence(criterion_id, items):
            self.owner.answer_changed(criterion_id)
