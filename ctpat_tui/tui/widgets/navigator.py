"""The navigator: every applicable criterion in one OptionList, grouped, with status marks and progress."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from ctpat_tui.catalog.model import Catalog, Criterion
from ctpat_tui.tui.outline import Group, level_tag, progress


def header_prompt(group: Group, states: Mapping[str, str]) -> Content:
    """'Risk Assessment  2/5' for a group heading."""
    return Content.assemble((group.title, "bold"), " ", (progress(group.criterion_ids, states).label, "italic"))


class Navigator(OptionList):
    """One list widget for the whole profile (cheap however many criteria there are)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "open", "Edit", show=False, tooltip="Edit the highlighted criterion (also Enter)"),
        Binding("space,m", "toggle_mark", "Mark", id="mark", show=False, tooltip="Mark or unmark this criterion (for N/A)"),
        Binding("a", "mark_group", "Mark group", id="mark-group", show=False,
                tooltip="Mark or unmark every criterion of this group"),
        Binding("n", "set_aside", "N/A", id="set-aside", show=False,
                tooltip="Mark the marked criteria (or this one) not applicable, with one reason"),
        Binding("u", "undo_set_aside", "Undo N/A", id="undo-set-aside", show=False,
                tooltip="Put the criteria last set aside back as they were"),
        Binding("o", "toggle_order", "Order", show=False, id="order",
                tooltip="Switch the list between portal order and MSC-ID order"),
    ]

    DEFAULT_CSS = """
    Navigator {
        height: 1fr;
        max-height: 100%;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        & > .option-list--option-disabled {
            color: $text-accent;
            text-style: bold;
        }
    }
    """

    highlighted: reactive[int | None] = reactive(None, repaint=False)
    """The cursor row; moving it redraws the two rows concerned, not the whole list (OptionList redraws all)."""

    @dataclass
    class SetAside(Message):
        """The user asks to mark `criterion_ids` not applicable (the marked ones, or the highlighted one)."""

        criterion_ids: tuple[str, ...]

    class UndoSetAside(Message):
        """The user asks to undo the last set-aside."""

    @dataclass
    class Chosen(Message):
        """The user moved to a criterion in the list (`enter` also asks to edit it)."""

        criterion_id: str
        edit: bool = False

    class OrderToggled(Message):
        """The user asked for the other order (portal order or MSC-ID order)."""

    def __init__(self, catalog: Catalog, entity: str, marks: Mapping[str, str], **kwargs: object) -> None:
        super().__init__(compact=True, **kwargs)  # type: ignore[arg-type]
        self.catalog = catalog
        self.entity = entity
        self.marks = marks
        self.groups: tuple[Group, ...] = ()
        self.states: dict[str, str] = {}
        self._group_of: dict[str, Group] = {}
        self._placed: str | None = None
        self.marked: set[str] = set()
        self.changed: set[str] = set()  # changed since the last submission: '~' after the ID
        self.portal_numbers = True
        self._id_width = 5  # the longest ID in the list (set by show)
        self._q_width = 4  # the longest portal question number in the list, 0 when not shown

    def row_prompt(self, criterion_id: str) -> Content:
        """'✓7.23  Q95 M Security incident reporting' for one criterion (the portal question number in portal
        order, so the order explains itself). The ID and Q# columns are only as wide as the longest in the list,
        so the title keeps its room at 80 columns."""
        criterion = self.catalog.criteria[criterion_id]
        designation = self.catalog.designation(criterion_id, self.entity)
        tag = level_tag(designation) if designation else " "
        mark = self.marks[self.states.get(criterion_id, "empty")]
        mark_style = {"errors": "bold $text-error", "attention": "bold $text-warning",
                      "complete": "$text-success"}.get(
            self.states.get(criterion_id, ""), "")
        question = (f"{portal_number(criterion):<{self._q_width}} ", "dim") if self._q_width else ""
        pad = " " * (self._id_width - len(criterion_id))
        if criterion_id in self.marked:   # '*' after the ID: visible without color, no width lost
            return Content.assemble((mark, mark_style), (f"{criterion_id}*", "bold reverse"), pad,
                                    question, f"{tag} ", criterion.title)
        after = "~" if criterion_id in self.changed else " "
        return Content.assemble((mark, mark_style), f"{criterion_id}{after}{pad}", question, f"{tag} ",
                                criterion.title)

    def show(self, groups: Sequence[Group], states: Mapping[str, str], current: str | None, *,
             portal_numbers: bool = True) -> None:
        """Fill the list (grouping changed or profile loaded) and highlight `current` without announcing it."""
        self.portal_numbers = portal_numbers
        self.groups = tuple(groups)
        self.states = dict(states)
        self._group_of = {cid: g for g in self.groups for cid in g.criterion_ids}
        self.marked &= set(self._group_of)
        listed = [self.catalog.criteria[cid] for cid in self._group_of]
        self._id_width = max((len(c.id) for c in listed), default=0)
        self._q_width = max((len(portal_number(c)) for c in listed), default=0) if portal_numbers else 0
        options: list[Option] = []
        for group in self.groups:
            options.append(Option(header_prompt(group, self.states), id=group.key, disabled=True))
            options.extend(Option(self.row_prompt(cid), id=cid) for cid in group.criterion_ids)
        self.set_options(options)
        self.highlight(current)

    def highlight(self, criterion_id: str | None) -> None:
        """Move the cursor to `criterion_id` without posting Chosen."""
        if criterion_id is None:
            return
        try:
            index = self.get_option_index(criterion_id)
        except OptionDoesNotExist:
            return
        self._placed = criterion_id
        if self.highlighted != index:
            self.highlighted = index

    def _watch_highlighted(self, previous: int | None, highlighted: int | None) -> None:
        lines = self._line_cache.index_to_line
        for index in (previous, highlighted):
            if index is None or index not in lines:
                self.refresh()
                return
            self.refresh_lines(lines[index], self._line_cache.heights.get(index, 1))

    def set_changed(self, criterion_ids: set[str]) -> None:
        """Mark the criteria changed since the last submission ('~' after the ID) and unmark the others."""
        flipped = (criterion_ids ^ self.changed) & set(self._group_of)
        self.changed = set(criterion_ids)
        for cid in flipped:
            self.replace_option_prompt(cid, self.row_prompt(cid))

    def set_states(self, states: Mapping[str, str]) -> None:
        """Refresh the marks and headings whose state changed."""
        changed = {cid for cid, state in states.items() if self.states.get(cid) != state}
        if not changed:
            return
        self.states.update(states)
        for cid in changed:
            if cid in self._group_of:
                self.replace_option_prompt(cid, self.row_prompt(cid))
        for group in {self._group_of[cid].key: self._group_of[cid] for cid in changed if cid in self._group_of}.values():
            self.replace_option_prompt(group.key, header_prompt(group, self.states))

    @on(OptionList.OptionHighlighted)
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_index != self.highlighted or event.option.id == self._placed:
            return  # the echo of a programmatic move (or a stale one): not the user's choice
        if event.option.id and event.option.id in self._group_of:
            self.post_message(self.Chosen(event.option.id))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id in self._group_of:
            self.post_message(self.Chosen(event.option.id, edit=True))

    def action_open(self) -> None:
        """Move into the criterion pane to edit the highlighted criterion."""
        self.action_select()

    # --- marking several criteria --------------------------------------------------------------

    @property
    def highlighted_id(self) -> str | None:
        """The criterion under the cursor."""
        if self.highlighted is None:
            return None
        option_id = self.get_option_at_index(self.highlighted).id
        return option_id if option_id in self._group_of else None

    def set_marked(self, criterion_ids: set[str]) -> None:
        """Mark exactly `criterion_ids` (redrawing the rows that changed)."""
        wanted = set(criterion_ids) & set(self._group_of)
        changed = wanted ^ self.marked
        self.marked = wanted
        for cid in changed:
            self.replace_option_prompt(cid, self.row_prompt(cid))

    def action_toggle_mark(self) -> None:
        """Mark or unmark the highlighted criterion, then move down (so space, space, space marks a run)."""
        cid = self.highlighted_id
        if cid is None:
            return
        self.set_marked(self.marked ^ {cid})
        self.action_cursor_down()

    def action_mark_group(self) -> None:
        """Mark every criterion of the highlighted one's group, or unmark them when all are marked."""
        cid = self.highlighted_id
        if cid is None:
            return
        members = set(self._group_of[cid].criterion_ids)
        self.set_marked(self.marked - members if members <= self.marked else self.marked | members)

    def action_set_aside(self) -> None:
        """Ask to mark the marked criteria (or the highlighted one) not applicable."""
        order = [cid for g in self.groups for cid in g.criterion_ids]
        ids = tuple(cid for cid in order if cid in self.marked)
        if not ids and self.highlighted_id is not None:
            ids = (self.highlighted_id,)
        if ids:
            self.post_message(self.SetAside(ids))

    def action_undo_set_aside(self) -> None:
        """Ask to undo the last set-aside."""
        self.post_message(self.UndoSetAside())

    def action_toggle_order(self) -> None:
        """Ask the screen for the other order."""
        self.post_message(self.OrderToggled())


def portal_number(criterion: Criterion) -> str:
    """'Q95': the number of the portal question that asks the criterion in its own section ('' when unknown)."""
    numbers = [q.number for q in criterion.portal_questions if q.section == criterion.primary_section] or \
        [q.number for q in criterion.portal_questions]
    return f"Q{min(numbers)}" if numbers else ""
