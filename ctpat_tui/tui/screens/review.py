"""The review screen: readiness per portal section with progress bars, and every finding in a sortable table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ctpat_tui.catalog.coverage import entity_coverage
from ctpat_tui.catalog.msc_documents import where_to_get
from ctpat_tui.catalog.model import Catalog
from ctpat_tui.profile.model import Profile
from ctpat_tui.review import review_profile
from ctpat_tui.review.engine import with_file_findings
from ctpat_tui.review.finding import SEVERITY_RANK, Finding
from ctpat_tui.tui import outline
from ctpat_tui.tui.screens.findings_actions import app_today
from ctpat_tui.tui.widgets.key_footer import KeyFooter

FILTERS = {"e": ("error",), "w": ("error", "warning"), "i": ("error", "warning", "info")}
SORTS = ("severity", "criterion", "rule")
ACTION_PREFIX = "action:"  # dismissed as (criterion, "action:", finding): make that finding a corrective action


def bar(done: int, total: int, width: int = 12) -> str:
    """A text progress bar that reads without color: '███████░░░░░'."""
    filled = round(width * done / total) if total else width
    return "█" * filled + "░" * (width - filled)


@dataclass(frozen=True)
class SectionReadiness:
    """Ready criteria, applicable criteria and open errors of one portal section."""

    name: str
    ready: int
    total: int
    errors: int


def readiness_rows(catalog: Catalog, profile: Profile, findings: Sequence[Finding],
                   readiness: object = None) -> tuple[list[SectionReadiness], SectionReadiness, int]:
    """Per-section rows, the overall row and the percentage (the review engine's Readiness when it has one)."""
    by_section = getattr(readiness, "by_section", None)
    if by_section is not None:
        rows = [SectionReadiness(name, c.ready, c.applicable, c.errors) for name, c in by_section.items()
                if c.applicable]
        overall = readiness.overall  # type: ignore[attr-defined]
        return rows, SectionReadiness("Overall", overall.ready, overall.applicable, overall.errors), \
            int(readiness.percent)  # type: ignore[attr-defined]
    grouped = outline.group_findings(findings)
    states = outline.all_states(catalog, profile, grouped)
    rows = []
    for group in outline.build_groups(catalog, profile.entity_type, "section"):
        done = outline.progress(group.criterion_ids, states)
        errors = sum(len(outline.open_errors(grouped.get(cid, []))) for cid in group.criterion_ids)
        rows.append(SectionReadiness(group.title, done.done, done.total, errors))
    total = outline.progress(states, states)
    errors = sum(r.errors for r in rows)
    percent = 100 * total.done // total.total if total.total else 100
    return rows, SectionReadiness("Overall", total.done, total.total, errors), percent


def coverage_line(catalog: Catalog, entity: str) -> str:
    """How sure the designations are for this entity type, and how to confirm them."""
    row = entity_coverage(catalog, entity)
    text = f"Coverage: {row.confirmed} of {row.total} designations confirmed by a CBP source, {row.assumed} assumed"
    return f"{text}. {where_to_get(entity)}" if row.assumed else f"{text}."


def readiness_lines(rows: Sequence[SectionReadiness], overall: SectionReadiness, percent: int,
                    width: int) -> list[str]:
    """Sections with text progress bars, two columns when the terminal is narrow, then the overall line."""
    columns = 2 if width < 110 else 1
    name_width, bar_width = (18, 8) if columns == 2 else (26, 16)

    def cell(row: SectionReadiness) -> str:
        name = row.name if len(row.name) <= name_width else row.name[: name_width - 1] + "…"
        errors = f"!{row.errors}" if row.errors else ""
        return f"{name:<{name_width}} {bar(row.ready, row.total, bar_width)} {row.ready:>2}/{row.total:<2} {errors:<3}"

    cells = [cell(row) for row in rows]
    half = (len(cells) + 1) // 2 if columns == 2 else len(cells)
    lines = [" ".join(pair) for pair in zip(cells[:half], cells[half:] + [""] * half)] if columns == 2 else cells
    lines.append(f"Overall: {overall.ready} of {overall.total} criteria ready ({percent}%), "
                 f"{overall.errors} open error(s). !n = open errors in that section. Ready: complete, with "
                 "evidence, no open error or warning.")
    return lines


def sort_key(finding: Finding, order: str) -> tuple[object, ...]:
    """Sort by severity, criterion or rule (then the others)."""
    criterion = tuple(int(p) if p.isdigit() else 10_000 for p in finding.criterion.split("."))
    severity = SEVERITY_RANK.get(finding.severity, 9)
    if order == "criterion":
        return (criterion, severity, finding.rule)
    if order == "rule":
        return (finding.rule, criterion)
    return (finding.accepted, severity, criterion, finding.rule)


class ReviewScreen(Screen[tuple[str, str, Finding] | None]):
    """Readiness and findings; Enter goes to the criterion and field of the highlighted finding."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "app.help", "Help", tooltip="Keys and how-to"),
        Binding("enter", "go", "Go to", tooltip="Go to the highlighted finding's criterion and field"),
        Binding("e", "filter('e')", "Errors", tooltip="Show errors only"),
        Binding("w", "filter('w')", "+Warnings", tooltip="Show errors and warnings"),
        Binding("i", "filter('i')", "+Info", tooltip="Show everything, information too"),
        Binding("s", "sort", "Sort", tooltip="Sort by severity, criterion or rule, in turn"),
        Binding("v", "toggle_accepted", "Accepted", tooltip="Show or hide the findings you accepted"),
        Binding("c", "make_action", "Corrective action", show=False,
                tooltip="Make the highlighted finding a corrective action (owner, due date)"),
        Binding("ctrl+r,escape,q", "back", "Back", key_display="^r", tooltip="Back to the editor"),
    ]

    def __init__(self, catalog: Catalog, profile: Profile, order: Sequence[str]) -> None:
        super().__init__()
        self.catalog = catalog
        self.profile = profile
        self.findings: list[Finding] = []
        self.shown: list[Finding] = []
        self.severities = FILTERS["w"]
        self.finding_sort = "severity"
        self.show_accepted = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static(f"Review · {self.profile.company}", id="title")
            yield Static("checking…", id="review-summary")
        yield Static("", id="readiness")
        yield DataTable(id="findings-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="finding-detail")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        """Start the review in a thread; the table fills when it is done."""
        table = self.query_one(DataTable)
        table.add_columns("Sev", "Crit", "Rule", "Field", "Message")
        table.focus()
        self._run_review()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _run_review(self) -> None:
        review = with_file_findings(review_profile(self.catalog, self.profile, today=app_today()), self.profile)
        self.app.call_from_thread(self.show_review, list(review.findings), review.readiness)

    def show_review(self, findings: list[Finding], readiness: object = None) -> None:
        """Show readiness and the findings."""
        self.findings = findings
        rows, overall, percent = readiness_rows(self.catalog, self.profile, findings, readiness)
        lines = readiness_lines(rows, overall, percent, self.size.width)
        lines.append(coverage_line(self.catalog, self.profile.entity_type))
        self.query_one("#readiness", Static).update(Content("\n".join(lines)))
        self.refill()

    def refill(self) -> None:
        """Apply filter and sort to the table."""
        shown = [f for f in self.findings if f.severity in self.severities and (self.show_accepted or not f.accepted)]
        self.shown = sorted(shown, key=lambda f: sort_key(f, self.finding_sort))
        table = self.query_one(DataTable)
        table.clear()
        for finding in self.shown:
            severity = "accepted" if finding.accepted else finding.severity
            message = finding.message + (f" → {finding.suggestion}" if finding.suggestion else "")
            field = finding.field if len(finding.field) <= 14 else finding.field[:13] + "…"
            table.add_row(severity, finding.criterion, finding.rule, field or "-", message)
        names = {"e": "errors", "w": "errors and warnings", "i": "all"}
        chosen = next(k for k, v in FILTERS.items() if v == self.severities)
        accepted = " + accepted" if self.show_accepted else ""
        self.query_one("#review-summary", Static).update(
            f"{len(self.shown)} of {len(self.findings)} shown ({names[chosen]}{accepted}) · sorted by {self.finding_sort}")

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        detail = self.query_one("#finding-detail", Static)
        if not 0 <= event.cursor_row < len(self.shown):
            detail.update("")
            return
        finding = self.shown[event.cursor_row]
        where = f"{finding.criterion} {finding.field}".strip()
        text = f"{finding.rule} ({where}): {finding.message}"
        if finding.suggestion:
            text += f"\n→ {finding.suggestion}"
        if finding.accepted:
            text += f"\nAccepted: {finding.accepted_reason}"
        detail.update(Content(text))

    def action_filter(self, key: str) -> None:
        """Show only errors (e), errors and warnings (w), or all, information too (i)."""
        self.severities = FILTERS[key]
        self.refill()

    def action_sort(self) -> None:
        """Cycle the sort order: severity, criterion, rule."""
        self.finding_sort = SORTS[(SORTS.index(self.finding_sort) + 1) % len(SORTS)]
        self.refill()

    def action_toggle_accepted(self) -> None:
        """Show or hide findings the user accepted."""
        self.show_accepted = not self.show_accepted
        self.refill()

    def action_go(self) -> None:
        """Go back to the editor at the highlighted finding's criterion and field (a partner's, for PART findings)."""
        table = self.query_one(DataTable)
        if not self.shown or table.cursor_row is None or table.cursor_row >= len(self.shown):
            return
        finding = self.shown[table.cursor_row]
        self.dismiss((finding.criterion, finding.field, finding))

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_go()

    def action_make_action(self) -> None:
        """Back to the editor, with the action form filled from the highlighted finding."""
        table = self.query_one(DataTable)
        if not self.shown or table.cursor_row is None or table.cursor_row >= len(self.shown):
            return
        finding = self.shown[table.cursor_row]
        self.dismiss((finding.criterion, ACTION_PREFIX, finding))

    def action_back(self) -> None:
        """Back to the editor."""
        self.dismiss(None)
