"""The evidence editor on its own: a collaborator of the editing screen, driven here through a stand-in owner."""

from __future__ import annotations

from pathlib import Path

from ctpat_tui.catalog import Catalog
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.tui.screens.evidence_actions import EvidenceEditor
from ctpat_tui.tui.session import EditSession
from tests.test_tui_stories import new_profile


class Owner:
    """Records what the editor asks of its screen."""

    def __init__(self, session: EditSession, current: str | None) -> None:
        self.session = session
        self.current = current
        self.notes: list[str] = []
        self.work: list[object] = []
        self.changed: list[str] = []

    @property
    def app(self) -> object:
        raise AssertionError("no dialog expected")

    def notify(self, message: str) -> None:
        self.notes.append(message)

    def run_worker(self, work: object) -> None:
        self.work.append(work)

    def answer_changed(self, criterion_id: str) -> None:
        self.changed.append(criterion_id)


def test_a_read_only_profile_or_no_criterion_opens_no_evidence_dialog(mini_catalog: Catalog, tmp_path: Path) -> None:
    document = ProfileDocument.load(new_profile(tmp_path))
    read_only = Owner(EditSession(mini_catalog, document, read_only=True), "2.1")
    EvidenceEditor(read_only).request("add")  # type: ignore[arg-type]
    assert read_only.notes == ["This profile is open read-only."] and not read_only.work
    nothing_shown = Owner(EditSession(mini_catalog, document), None)
    EvidenceEditor(nothing_shown).request("remove", 0)  # type: ignore[arg-type]
    assert not nothing_shown.notes and not nothing_shown.work


async def test_removing_an_item_that_is_not_there_changes_nothing(mini_catalog: Catalog, tmp_path: Path) -> None:
    document = ProfileDocument.load(new_profile(tmp_path))
    owner = Owner(EditSession(mini_catalog, document), "2.1")
    EvidenceEditor(owner).request("remove", 3)  # type: ignore[arg-type]
    assert len(owner.work) == 1
    await owner.work[0]  # type: ignore[misc]
    assert not owner.changed and document.profile.answer("2.1").evidence == ()
