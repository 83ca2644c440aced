"""Each facility's status for the current criterion, in one list (one widget however many sites the company has)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ctpat_tui.profile.model import FACILITY_STATUSES, Facility

FACILITY_LABELS: Mapping[str, str] = {"implemented": "Implemented", "partial": "Partial", "planned": "Planned",
                                      "not_implemented": "Not implemented", "not_applicable": "Not applicable"}
CHOICES: tuple[str, ...] = ("", *FACILITY_STATUSES)
LABEL_WIDTH = 16


def status_prompt(facility: Facility, status: str) -> Content:
    """'Implemented      Laredo DC' (the status first, so that the statuses line up)."""
    label = FACILITY_LABELS.get(status, "not set")
    return Content.assemble((f"{label:<{LABEL_WIDTH}}", "bold" if status else "italic $text-muted"),
                            facility.name or facility.id)


class FacilityStatuses(OptionList):
    """One row per facility; Enter asks for the status, ←/→ step through the statuses of the highlighted row."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "step(-1)", "Previous status", show=False,
                tooltip="The facility's previous status (Enter picks from the list)"),
        Binding("right", "step(1)", "Next status", show=False, tooltip="The facility's next status"),
    ]

    DEFAULT_CSS = """
    FacilityStatuses {
        height: auto;
        margin: 0 0 0 2;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    @dataclass
    class Chosen(Message):
        """The user set a facility's status (empty: not set)."""

        facility_id: str
        status: str

    @dataclass
    class Requested(Message):
        """The user wants to pick a facility's status from the list of statuses."""

        facility: Facility
        status: str

    def __init__(self, facilities: Sequence[Facility], **kwargs: object) -> None:
        super().__init__(compact=True, **kwargs)  # type: ignore[arg-type]
        self.facilities = tuple(facilities)
        self.statuses: dict[str, str] = {facility.id: "" for facility in self.facilities}

    def on_mount(self) -> None:
        """One row per facility, not set until an answer is shown."""
        self.set_options([Option(status_prompt(f, ""), id=f.id) for f in self.facilities])
        if self.facilities:
            self.highlighted = 0

    def show_statuses(self, statuses: Mapping[str, str]) -> None:
        """Show each facility's status, redrawing only the rows that changed."""
        for index, facility in enumerate(self.facilities):
            status = statuses.get(facility.id, "")
            status = status if status in FACILITY_STATUSES else ""
            if status != self.statuses.get(facility.id):
                self.statuses[facility.id] = status
                self.replace_option_prompt_at_index(index, status_prompt(facility, status))

    def set_status(self, facility_id: str, status: str) -> None:
        """Record a status the user chose and tell the pane."""
        self.show_statuses({**self.statuses, facility_id: status})
        self.post_message(self.Chosen(facility_id, status))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        facility = self.facilities[event.option_index]
        self.post_message(self.Requested(facility, self.statuses.get(facility.id, "")))

    def action_step(self, delta: int) -> None:
        """Move the highlighted facility to the previous or next status (not set, implemented, partial, ...)."""
        if self.highlighted is None or not self.facilities or self.disabled:
            return
        facility = self.facilities[self.highlighted]
        current = CHOICES.index(self.statuses.get(facility.id, ""))
        self.set_status(facility.id, CHOICES[(current + delta) % len(CHOICES)])
