"""The partner register in the app: a filtered, sorted list, a form per partner, its findings, files in and out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Input, Label, Select, Static

from ctpat_tui.partners.countries import country_label, normalize_country
from ctpat_tui.partners.plan import partner_key
from ctpat_tui.partners.values import CellError, cell_date
from ctpat_tui.profile.model import PARTNER_DATE_KEYS, Partner
from ctpat_tui.review.finding import Finding
from ctpat_tui.review.partners import anchor_criterion, next_screening_due, partner_indexes
from ctpat_tui.tui.dialogs.common import ChoiceDialog, TextPromptDialog
from ctpat_tui.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from ctpat_tui.catalog.model import Catalog
    from ctpat_tui.profile.model import Profile
    from ctpat_tui.tui.autosave import Autosaver
    from ctpat_tui.tui.session import EditSession

HELP = """\
How the partner register works
  One row per business partner (supplier, carrier, broker ...), with
  its country, risk, certification and when it is next due for
  screening: OVERDUE when that date has passed, NOW (never) when it
  was never screened. s changes the order, / filters by words.
  Enter on a partner moves into its form; ctrl+l goes back to the
  list. In the list, letters are commands; in the form they are text.
  Every change is saved a moment after you stop typing, and the
  register is checked again: the lines above the form are this
  partner's findings (ctrl+r on the editor lists them all).
  Country: type a name or an ISO 3166 code (Vietnam, Viet Nam, VNM
  or VN). When you leave the field, a country the app knows becomes
  its two-letter code and its name shows beside it; other text is
  kept as you typed it, with a warning.
  Ins adds a partner, Del removes one (after asking). f imports a
  spreadsheet (you see what would change before anything is
  written); g writes security questionnaires (Excel and Word) for
  the partners due or the highlighted one; r reads a returned
  questionnaire back and records the screening.
"""
SORTS = ("due", "risk", "certification", "name")
RISK_ORDER = {"high": 0, "medium": 1, "low": 2, "": 3}
CERT_ORDER = {"none": 0, "aeo": 1, "ctpat": 2}
FORM: tuple[tuple[str, str], ...] = (
    ("name", "Name"), ("role", "Role"), ("country", "Country"), ("certification", "Certification"),
    ("svi", "SVI number"), ("aeo_programme", "AEO program"), ("verified", "Status verified"),
    ("risk", "Risk"), ("risk_reason", "Risk reason"), ("last_screened", "Last screened"),
    ("questionnaire", "Questionnaire/audit"), ("questionnaire_date", "Completed on"),
    ("questionnaire_file", "File"), ("open_issues", "Open issues"),
)
CHOICES: dict[str, list[tuple[str, str]]] = {
    "certification": [("none", "none"), ("CTPAT", "ctpat"), ("AEO / MRA", "aeo")],
    "risk": [("not rated", ""), ("high", "high"), ("medium", "medium"), ("low", "low")],
}
PLACEHOLDERS = {"country": "name or ISO code, e.g. Vietnam or VN"}
FIXED_COLUMNS = 35  # Risk, Cert and Next due at their widest, with each column's padding
COUNTRY_CELL = 22  # the longest country names fit; longer text the app does not know is shown whole in the form
PLAN_LINES = 14
REVIEW_DELAY = 0.3
FILTER_DELAY = 0.15
T = TypeVar("T")


def due_text(partner: Partner, due: dt.date | None, today: dt.date) -> str:
    """The list's 'next due' cell: the date, OVERDUE when it has passed, NOW when never screened."""
    if due is None:
        return "NOW (never)"
    return f"{due.isoformat()} OVERDUE" if due < today else due.isoformat()


def sort_key(kind: str, partner: Partner, due: dt.date | None) -> tuple[Any, ...]:
    """Overdue and never-screened partners first for 'due'; high risk first; uncertified first; or by name."""
    name = partner.name.casefold()
    if kind == "risk":
        return (RISK_ORDER.get(partner.risk, 3), due or dt.date.min, name)
    if kind == "certification":
        return (CERT_ORDER.get(partner.certification, 0), due or dt.date.min, name)
    if kind == "name":
        return (name,)
    return (due or dt.date.min, RISK_ORDER.get(partner.risk, 3), name)


def clip(text: str, width: int) -> str:
    """`text` cut to `width` characters, with an ellipsis when something was cut."""
    return text if len(text) <= width else text[:width - 1] + "…"


def shorten(text: str) -> str:
    """A long report cut to what a dialog at 80x24 can show."""
    lines = text.splitlines()
    if len(lines) <= PLAN_LINES:
        return text
    return "\n".join(lines[:PLAN_LINES] + [f"... and {len(lines) - PLAN_LINES} more lines"])


class PartnersScreen(Screen[None]):
    """Where the partner register is kept: every change is saved like an answer and reviewed at once."""

    HELP = HELP

    DEFAULT_CSS = """
    #partners-title { height: 1; text-style: bold; }
    #partners-bar { height: 1; }
    #partners-filter { width: 1fr; }
    #partners-sort { width: 28; padding: 0 1; }
    #partners-table { height: 9; }
    #partner-findings { height: auto; max-height: 3; }
    #partner-form { height: 1fr; }
    .partner-row { height: 1; }
    .partner-label { width: 20; }
    .partner-row Input, .partner-row Select { width: 1fr; }
    #pf-country-name { width: auto; max-width: 34; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="partners-back", tooltip="Back to the criteria"),
        Binding("f1", "app.help", "Help", show=False, tooltip="Keys and how-to"),
        Binding("insert,plus", "add", "Add", id="partner-add", tooltip="Add a partner"),
        Binding("delete,d", "remove", "Remove", id="partner-remove", show=False,
                tooltip="Remove the highlighted partner (asks first)"),
        Binding("s", "sort", "Sort", id="partner-sort", tooltip="Sort by next due, risk, certification or name, in turn"),
        Binding("slash", "filter", "Filter", id="partner-filter", key_display="/", show=False,
                tooltip="Type to filter the list by name, country, role or risk"),
        Binding("f", "import_sheet", "Import", id="partner-import", tooltip="Import partners from a spreadsheet file"),
        Binding("g", "questionnaires", "Questionnaires", id="partner-questionnaires",
                tooltip="Generate questionnaires for the partners due or the highlighted one"),
        Binding("r", "read_back", "Returned", id="partner-read-back",
                tooltip="Read a returned questionnaire back"),
        Binding("ctrl+l", "focus_navigator", "List", show=False, tooltip="Back to the partner list"),
        Binding("ctrl+s", "save_now", "Save", show=False, tooltip="Save now (saving is automatic)"),
    ]

    def __init__(self, session: EditSession, autosaver: Autosaver, *, select: int | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__()
        self.session = session
        self.autosaver = autosaver
        self.today = today or dt.date.today()
        self.sort = "due"
        self.index: int | None = select
        self.shown: list[int] = []
        self.findings: list[Finding] = []
        self.finding_partner: list[int | None] = []
        self._review_timer: Timer | None = None
        self._filter_timer: Timer | None = None
        self._file_busy = False
        self._selected_key: tuple[str, str] | None = None  # name and country of the selected partner
        self._country_width = 0

    def compose(self) -> ComposeResult:
        yield Static(id="partners-title")
        with Horizontal(id="partners-bar"):
            yield Input(placeholder="Filter by name, country, role, risk", id="partners-filter", compact=True)
            yield Static(id="partners-sort")
        yield DataTable(id="partners-table", cursor_type="row", zebra_stripes=False)
        yield Static(id="partner-findings")
        with VerticalScroll(id="partner-form"):
            for key, label in FORM:
                with Horizontal(classes="partner-row"):
                    yield Label(label, classes="partner-label")
                    if key in CHOICES:
                        yield Select(CHOICES[key], id=f"pf-{key}", allow_blank=False, compact=True,
                                     value=CHOICES[key][0][1])
                    else:
                        hint = "YYYY-MM-DD" if key in PARTNER_DATE_KEYS else PLACEHOLDERS.get(key, "")
                        yield Input(id=f"pf-{key}", placeholder=hint, compact=True, select_on_focus=False)
                        if key == "country":
                            yield Static(id="pf-country-name")
            yield Static(id="partner-form-note")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        """Fill the list, select the partner asked for (or the first), and review the register."""
        table = self.query_one(DataTable)
        table.add_columns("Partner", "Ctry", "Risk", "Cert", "Next due")
        if self.session.read_only:
            for widget in self.query("#partner-form Input, #partner-form Select"):
                widget.disabled = True
        self.refresh_list()
        self.review()
        table.focus()

    # --- the list ----------------------------------------------------------------------------

    def _due(self, partner: Partner) -> dt.date | None:
        return next_screening_due(self.session.profile.settings, partner)

    def refresh_list(self) -> None:
        """Redraw the list with the current filter and sort, keeping the selected partner selected."""
        partners = self.session.profile.partners
        words = self.query_one("#partners-filter", Input).value.casefold().split()
        rows = []
        for index, partner in enumerate(partners):
            text = " ".join((partner.name, partner.country, partner.role, partner.risk, partner.certification))
            if all(word in text.casefold() for word in words):
                rows.append(index)
        rows.sort(key=lambda i: sort_key(self.sort, partners[i], self._due(partners[i])))
        self.shown = rows
        table = self.query_one(DataTable)
        table.clear()
        self._country_width = self._widest_country()
        for index in rows:
            table.add_row(*self.row_cells(partners[index]), key=str(index))
        self.show_title()
        self.query_one("#partners-sort", Static).update(f"Sort: {self.sort} (s)")
        if self.index not in rows:
            self.index = rows[0] if rows else None
        if self.index is not None:
            table.move_cursor(row=rows.index(self.index))
        self.load_form()

    def _widest_country(self) -> int:
        return min(COUNTRY_CELL, max((len(p.country) for p in self.session.profile.partners), default=0))

    def row_cells(self, partner: Partner) -> tuple[str, ...]:
        """The list's cells for a partner: the country whole, the name shortened to what is left of the width."""
        table = self.query_one(DataTable)
        width = (table.size.width or self.app.size.width) - table.styles.scrollbar_size_vertical
        name_width = max(10, width - FIXED_COLUMNS - (max(self._country_width, 4) + 2) - 2)
        cert = {"ctpat": "CTPAT", "aeo": "AEO"}.get(partner.certification, "none")
        return (clip(partner.name or "(no name)", name_width), clip(partner.country, COUNTRY_CELL), partner.risk or "-",
                cert, due_text(partner, self._due(partner), self.today))

    def show_title(self) -> None:
        """The count line: partners in the register, how many are due now, how many the filter shows."""
        partners = self.session.profile.partners
        filtered = bool(self.query_one("#partners-filter", Input).value.split())
        overdue = sum(1 for p in partners if (self._due(p) or dt.date.min) < self.today)
        self.query_one("#partners-title", Static).update(
            f"Business partners: {len(partners)} in the register, {overdue} due now or overdue"
            + (f" · {len(self.shown)} shown" if filtered else "") + (" · read-only" if self.session.read_only else ""))

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        index = int(event.row_key.value) if event.row_key.value is not None else None
        if index != self.index:
            self.index = index
            self.load_form()
            self.show_findings()

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.query_one("#pf-name", Input).focus()

    @on(Input.Changed, "#partners-filter")
    def _filter(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_DELAY, self._apply_filter)  # a long list redraws once per pause

    def _apply_filter(self) -> None:
        self._filter_timer = None
        self.refresh_list()
        self.show_findings()

    def action_focus_navigator(self) -> None:
        """Put the cursor back in the partner list (letters are commands there, text in the form)."""
        self.query_one(DataTable).focus()

    def action_filter(self) -> None:
        """Put the cursor in the filter box."""
        self.query_one("#partners-filter", Input).focus()

    def action_sort(self) -> None:
        """Next sort order: next due (overdue first), risk, certification, name."""
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.refresh_list()

    # --- the form ----------------------------------------------------------------------------

    def load_form(self) -> None:
        """Show the selected partner in the form (an empty, disabled form when nothing is selected)."""
        partner = self.session.profile.partners[self.index] if self.index is not None else Partner("")
        for key, _label in FORM:
            value = getattr(partner, key)
            text = value.isoformat() if isinstance(value, dt.date) else (value or "")
            widget = self.query_one(f"#pf-{key}")
            if isinstance(widget, Select):
                if widget.value != text:
                    widget.value = text
            elif isinstance(widget, Input) and widget.value != text:
                widget.value = text
            widget.disabled = self.index is None or self.session.read_only
        self._selected_key = partner_key(partner.name, partner.country) if self.index is not None else None
        self.show_country_name(partner.country)
        self.query_one("#partner-form-note", Static).update("")

    def show_country_name(self, value: str) -> None:
        """Beside the country field: the country a code stands for, or that the text is not one the app knows."""
        label = country_label(value)
        text = label.split(" · ", 1)[1] if label != value else ("? not a known country" if value.strip() else "")
        self.query_one("#pf-country-name", Static).update(text)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A form field is entered with the cursor at the end of its text: typing adds to it, never replaces it."""
        widget = event.widget
        if isinstance(widget, Input) and widget.id and widget.id.startswith("pf-"):
            widget.cursor_position = len(widget.value)

    @on(Input.Blurred, "#pf-country")
    @on(Input.Submitted, "#pf-country")
    def _country_done(self, event: Input.Blurred | Input.Submitted) -> None:
        """Leaving the country field: a recognized name or code becomes its ISO code; other text stays, warned."""
        if self.index is None or self.session.read_only:
            return
        typed = event.input.value
        result = normalize_country(typed)
        if result.value != typed:
            event.input.value = result.value  # saved through the field's change, like typing
        if result.warning:
            self.notify(result.warning, severity="warning", timeout=8)

    def form_partner(self) -> tuple[Partner | None, list[str]]:
        """The partner as the form shows it, and a note for each date that cannot be read (the old date kept)."""
        if self.index is None:
            return None, []
        current = self.session.profile.partners[self.index]
        values: dict[str, Any] = {}
        problems = []
        for key, label in FORM:
            widget = self.query_one(f"#pf-{key}")
            raw = str(widget.value) if isinstance(widget, (Input, Select)) else ""
            if key in PARTNER_DATE_KEYS:
                try:
                    values[key] = cell_date(raw.strip())
                except CellError as error:
                    values[key] = getattr(current, key)
                    problems.append(f"{label}: {error}")
            else:
                values[key] = raw
        return replace(current, **values), problems

    @on(Input.Changed, "#partner-form Input")
    @on(Select.Changed, "#partner-form Select")
    def _edited(self, event: Input.Changed | Select.Changed) -> None:
        if event.control is not None and event.control.id == "pf-country":
            self.show_country_name(str(event.value))
        partner, problems = self.form_partner()
        self.query_one("#partner-form-note", Static).update("\n".join(problems))
        if partner is None or self.session.set_partner(self.index, partner) is None:
            return
        self._selected_key = partner_key(partner.name, partner.country)
        self.changed()

    def changed(self) -> None:
        """The register changed: save soon, redraw the row, and review the register again."""
        self.autosaver.touch()
        table = self.query_one(DataTable)
        partners = self.session.profile.partners
        if self._widest_country() > self._country_width:  # every name makes room for a longer country
            self._country_width = self._widest_country()
            redraw = self.shown
        else:
            redraw = [self.index] if self.index is not None and self.index in self.shown else []
        for index in redraw:  # cell by cell: rebuilding the table would move its cursor under the user's typing
            for column, value in zip(table.ordered_columns, self.row_cells(partners[index])):
                table.update_cell(str(index), column.key, value, update_width=True)
        self.show_title()  # a date typed in the form can take a partner off (or put it on) the due count
        if self._review_timer is not None:
            self._review_timer.stop()
        self._review_timer = self.set_timer(REVIEW_DELAY, self.review)  # after a pause in typing, as for answers

    def action_add(self) -> None:
        """Add an empty partner and put the cursor in its name."""
        if self.session.read_only:
            self.notify("This profile is open read-only.")
            return
        self.index = self.session.set_partner(None, Partner(""))
        self.query_one("#partners-filter", Input).value = ""
        self.refresh_list()
        self.changed()
        self.query_one("#pf-name", Input).focus()

    @work
    async def action_remove(self) -> None:
        """Remove the selected partner after asking."""
        if self.index is None or self.session.read_only:
            return
        name = self.session.profile.partners[self.index].name or "this partner"
        choice = await self.app.push_screen_wait(ChoiceDialog(
            "Remove partner", f"Remove {name} from the register? Its screening record goes with it.",
            [("remove", "Remove"), ("keep", "Keep")], cancel="keep"))
        if choice == "remove" and self.session.remove_partner(self.index):
            self.index = None
            self.refresh_list()
            self.changed()
            self.query_one(DataTable).focus()

    # --- findings ----------------------------------------------------------------------------

    def review(self) -> None:
        """Review the register (the business-partner findings) and show the selected partner's."""
        from ctpat_tui.review import review_answer

        self._review_timer = None
        cid = anchor_criterion_id(self.session)
        found = review_answer(self.session.catalog, self.session.profile, cid, today=self.today) if cid else []
        self.findings = [f for f in found if f.rule.startswith("PART") and not f.accepted_reason]
        self.finding_partner = partner_indexes(self.findings, self.session.profile.partners)
        self.show_findings()

    def show_findings(self) -> None:
        """The selected partner's findings, one line each, or a line saying there are none."""
        mine = [f for f, index in zip(self.findings, self.finding_partner, strict=True)
                if index == self.index or f.rule == "PART007"]
        # Three lines are free above the form: with several findings each keeps to its message (the review screen,
        # ctrl+r, has the suggestions), so the second one is not cut off.
        lines = [f"{f.rule} {f.severity}: {f.message.split(': ', 1)[-1]}"
                 + ("" if len(mine) > 1 else f". {f.suggestion}") for f in mine[:3]]
        if self.index is not None and not lines:
            lines = ["No findings for this partner."]
        self.query_one("#partner-findings", Static).update("\n".join(lines))

    # --- files: import, questionnaires -------------------------------------------------------

    async def _file_step(self, job: Callable[[], T], failure: str) -> T | None:
        """Run a spreadsheet or Word step in a thread worker (the screen stays live); an error is one notification."""
        from textual.worker import WorkerCancelled, WorkerFailed

        if self._file_busy:
            self.notify("Still working on the previous file; try again in a moment.", timeout=5)
            return None
        self._file_busy = True
        try:
            worker = self.run_worker(job, thread=True, group="partner-files", exit_on_error=False)
            return await worker.wait()
        except WorkerFailed as failed:
            self.notify(f"{failure}: {error_line(failed.error)}", severity="error", timeout=12)
        except WorkerCancelled:
            pass
        finally:
            self._file_busy = False
        return None

    @work
    async def action_import_sheet(self) -> None:
        """Import partners from a spreadsheet: show the plan, write only after confirmation."""
        from ctpat_tui.partners.plan import apply_plan, describe_plan, plan_partner_import
        from ctpat_tui.partners.sheet import read_partner_sheet

        if self.session.read_only:
            return
        text = await self.app.push_screen_wait(TextPromptDialog(
            "Import partners", "The spreadsheet (.xlsx or .csv) with a Name column; Role, Country, Certification, "
            "Risk, Last screened ... are read when present.", placeholder="partners.xlsx"))
        if not text:
            return
        source = self.app.resolve_path(text)  # type: ignore[attr-defined]
        sheet = await self._file_step(lambda: read_partner_sheet(source), "Nothing imported")
        if sheet is None:
            return
        plan = plan_partner_import(self.session.document, sheet)
        if not plan.has_changes:
            self.notify("Nothing to import: the register already holds every partner in the file.", timeout=8)
            return
        choice = await self.app.push_screen_wait(ChoiceDialog(
            "Import partners", shorten(describe_plan(plan)), [("import", "Import"), ("cancel", "Cancel")],
            cancel="cancel"))
        if choice != "import":
            return
        apply_plan(self.session.document, plan)
        self.notify(f"{len(plan.of_kind('added'))} partners added, {len(plan.of_kind('changed'))} changed.")
        self.refresh_list()
        self.changed()

    @work
    async def action_questionnaires(self) -> None:
        """Write questionnaires (XLSX and Word) for the selected partner or every partner due, next to the profile."""
        from ctpat_tui.partners.questionnaire import partners_due

        profile = self.session.profile
        due = partners_due(profile, self.today)
        folder = self.session.path.parent / "partner-questionnaires"
        choices = [("due", f"Every partner due for screening ({len(due)})")] if due else []
        if self.index is not None:
            name = profile.partners[self.index].name or "the selected partner"
            choices.append(("one", f"Only {name}"))
        if not choices:
            self.notify("No partner is due for screening in the next 60 days; select one in the list.")
            return
        choice = await self.app.push_screen_wait(ChoiceDialog(
            "Security questionnaires", f"An Excel file and a Word version per partner, to return within 30 days, "
            f"written to {folder}.", [*choices, ("cancel", "Cancel")], cancel="cancel"))
        if choice not in ("due", "one") or (choice == "one" and self.index is None):
            return
        wanted = due if choice == "due" or self.index is None else [self.index]
        catalog, today = self.session.catalog, self.today
        written = await self._file_step(lambda: write_questionnaires(catalog, profile, wanted, today, folder),
                                        "Could not write the questionnaires")
        if written is not None:
            self.notify(f"{written} questionnaire{'' if written == 1 else 's'} (Excel and Word) written to {folder}.",
                        timeout=10)

    @work
    async def action_read_back(self) -> None:
        """Read a completed questionnaire back: its summary, then the screening recorded after confirmation."""
        from ctpat_tui.partners.plan import partner_key
        from ctpat_tui.partners.questionnaire_read import describe_returned, read_questionnaire, updated_partner

        if self.session.read_only:
            return
        text = await self.app.push_screen_wait(TextPromptDialog(
            "Read a completed questionnaire", "The Excel file the partner returned:", placeholder="SQ-....xlsx"))
        if not text:
            return
        source = self.app.resolve_path(text)  # type: ignore[attr-defined]
        catalog, profile = self.session.catalog, self.session.profile
        returned = await self._file_step(lambda: read_questionnaire(source, catalog, profile), "Not read")
        if returned is None:
            return
        choices = [("record", "Record the screening")]
        if any(a.status in ("No", "Partly") for a in returned.gaps):
            choices.append(("actions", "Record it and open corrective actions for the No/Partly answers"))
        choice = await self.app.push_screen_wait(ChoiceDialog(
            "Completed questionnaire", shorten(describe_returned(returned)), [*choices, ("cancel", "Cancel")],
            cancel="cancel"))
        if choice not in ("record", "actions"):
            return
        key = partner_key(returned.partner_name, returned.country)
        partners = self.session.profile.partners
        index = next((i for i, p in enumerate(partners) if partner_key(p.name, p.country) == key), None)
        if index is None:  # removed from the register while the file was read
            self.notify(f"Not recorded: {returned.partner_name} is no longer in the register.", severity="error")
            return
        returned.index = index
        try:
            file_ref = str(source.relative_to(self.session.path.parent))
        except ValueError:
            file_ref = str(source)
        old = partners[index]
        self.session.set_partner(index, updated_partner(old, returned, self.today, file_ref))
        opened = []
        if choice == "actions":
            from ctpat_tui.partners.questionnaire_read import record_gap_actions

            opened = record_gap_actions(self.session.document, self.session.catalog, returned, old, self.today)
        self.index = index
        self.refresh_list()
        self.changed()
        extra = f"; corrective actions {', '.join(a.id for a in opened)} opened" if opened else ""
        self.notify(f"{old.name}: screening recorded ({returned.reference}){extra}.", timeout=8)

    def profile_reloaded(self) -> None:
        """The profile was read again from disk: show its partners, keeping the same partner selected if it is
        still there."""
        partners = self.session.profile.partners
        keys = [partner_key(p.name, p.country) for p in partners]
        self.index = keys.index(self._selected_key) if self._selected_key in keys else None
        self.refresh_list()
        self.review()

    # --- leaving -----------------------------------------------------------------------------

    def action_save_now(self) -> None:
        """Save now (saving is automatic)."""
        self.autosaver.save_soon()

    def action_back(self) -> None:
        """Back to the criteria."""
        self.dismiss(None)


def error_line(error: BaseException) -> str:
    """What went wrong with a file, in one line for a notification."""
    from ctpat_tui.catalog.table_reader import TableError
    from ctpat_tui.render.files import describe

    if isinstance(error, OSError):
        text = f"{error.filename}: {describe(error)}" if error.filename else describe(error)
    elif isinstance(error, TableError):
        text = str(error)
    else:
        text = f"unexpected {type(error).__name__} ({error})"
    line = " ".join(text.split())
    return line if len(line) <= 300 else line[:297] + "..."


def write_questionnaires(catalog: Catalog, profile: Profile, indexes: list[int], today: dt.date,
                         folder: Path) -> int:
    """Write each partner's questionnaire (XLSX and Word, private files) into `folder`; how many were written."""
    from ctpat_tui import private_files
    from ctpat_tui.partners.questionnaire import build_questionnaire, safe_file_name
    from ctpat_tui.partners.questionnaire_docx import questionnaire_docx
    from ctpat_tui.partners.questionnaire_xlsx import questionnaire_xlsx

    private_files.make_folder(folder)
    for index in indexes:
        q = build_questionnaire(catalog, profile, index, today, today + dt.timedelta(days=30))
        private_files.write_atomic(folder / safe_file_name(q, ".xlsx"), questionnaire_xlsx(q))
        private_files.write_atomic(folder / safe_file_name(q, ".docx"), questionnaire_docx(q))
    return len(indexes)


def anchor_criterion_id(session: EditSession) -> str:
    """The criterion the partner findings are filed under for this profile."""
    from ctpat_tui.review.context import make_context

    return anchor_criterion(make_context(session.catalog, session.profile))
