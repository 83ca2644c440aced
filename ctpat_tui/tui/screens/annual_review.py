"""The annual review screen: every applicable criterion re-affirmed, updated or marked as needing work."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from ctpat_tui.cycle.dates import review_due
from ctpat_tui.cycle.diff import ProfileDiff, diff_since_submission
from ctpat_tui.cycle.annual_review import progress, reaffirm_warnings, review_on_record
from ctpat_tui.cycle.history import Submission, load_history
from ctpat_tui.profile.errors import ProfileError
from ctpat_tui.profile.model import STATUS_LABELS, AnnualReview
from ctpat_tui.tui.session import EditSession
from ctpat_tui.tui.widgets.key_footer import KeyFooter

HELP = """\
How the annual review works
  Once a year every criterion that applies is looked at again and
  marked: 1 re-affirmed (still true as written), 2 updated (you
  changed the answer), 3 needs work; 0 clears the mark. The cursor
  then moves to the next criterion. The top lines say when the
  review is due and how many criteria are done.
  Below the list: the highlighted criterion's changes since the last
  submission (~ after its ID in the list) and its evidence files
  that are old or changed. When there are any, 1 asks you to look
  first and re-affirms on a second 1.
  Enter opens the criterion in the editor to update it (F12 brings
  you back). / shows only the criteria not yet reviewed. When every
  one is marked, ctrl+s signs the review off with your name and the
  date. Marks are saved at once.
"""
COLUMNS = ("Crit", "Status", "Review", "By", "On", "Title")
SHORT_STATES = {"": "-", "reaffirmed": "re-affirmed", "updated": "updated", "needs_work": "needs work"}


class AnnualReviewScreen(Screen[str | None]):
    """Review state per criterion with reviewer and date; re-affirming over aged or changed evidence asks twice."""

    HELP = HELP

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "app.help", "Help", tooltip="Keys and how-to"),
        Binding("1", "mark('reaffirmed')", "Re-affirm", tooltip="Re-affirm the highlighted criterion as it stands"),
        Binding("2", "mark('updated')", "Updated", tooltip="You updated the highlighted criterion's answer"),
        Binding("3", "mark('needs_work')", "Needs work", tooltip="The highlighted criterion needs work"),
        Binding("0", "mark('')", "Clear", show=False, tooltip="Clear the highlighted criterion's review mark"),
        # Listed in F1 and named when signing off too early; shown, the footer would push Sign off and Back out at 80.
        Binding("slash", "filter", "Not yet reviewed", key_display="/", show=False,
                tooltip="Show only the criteria not yet reviewed, or all"),
        Binding("enter", "go", "Edit", tooltip="Edit the highlighted criterion"),
        Binding("ctrl+s", "sign_off", "Sign off", tooltip="Sign the review off"),
        Binding("f12,escape,q", "back", "Back", key_display="Esc", tooltip="Back to the editor"),
    ]

    DEFAULT_CSS = """
    AnnualReviewScreen #annual-table { height: 1fr; }
    AnnualReviewScreen #annual-detail { height: 4; padding: 0 1; background: $panel; }
    AnnualReviewScreen #review-due { width: auto; padding: 0 1; }
    AnnualReviewScreen #review-progress {
        height: 1; padding: 0 1; background: $panel; text-wrap: nowrap; text-overflow: ellipsis;
    }
    """

    def __init__(self, session: EditSession, *, today: dt.date | None = None, reviewer: str = "") -> None:
        super().__init__()
        self.session = session
        self.today = today or dt.date.today()
        self.reviewer = reviewer or session.profile.prepared_by.split(",")[0].strip() or "reviewer"
        self.only_unreviewed = False
        self.shown: list[str] = []
        self.armed = ""  # criterion whose re-affirmation waits for a second press after its warnings were shown
        self.pending = ""  # criterion whose re-affirmation waits for its evidence check (1 pressed before it ended)
        self.submitted: Submission | None = None
        self.changes = ProfileDiff("no submission", first=True)
        self.next_due: dt.date | None = None  # set while a review with work for another due date waits on the check
        self.warnings: dict[str, list[str]] = {}  # what to look at before re-affirming, per criterion (a thread reads)

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static(f"Annual review · {self.session.profile.company}", id="title")
            yield Static("", id="review-due")
        yield Static("", id="review-progress")
        yield DataTable(id="annual-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="annual-detail")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        """Start (or continue) this year's review and fill the table; the submission is read in a thread."""
        profile = self.session.profile
        due = review_due(profile, self.today)
        current = profile.annual_review
        if not self.session.read_only and (current is None or current.due != due):
            if self.session.document.start_annual_review(due, self.reviewer, self.today):
                self._save()
            else:  # marks or a sign-off for another due date: replaced only once a submission is seen to hold them
                self.next_due = due
        elif current is not None and current.reviewer:
            self.reviewer = current.reviewer
        table = self.query_one(DataTable)
        table.focus()
        self.refill()
        self._load_submission()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load_submission(self) -> None:
        profile = self.session.profile
        history = load_history(self.session.path)
        kept = profile.annual_review if self.next_due is not None else None
        on_record = kept is not None and review_on_record(kept, history)
        try:
            changes = diff_since_submission(profile)
        except Exception:  # noqa: BLE001 - a history that cannot be compared only hides the change hints
            changes = ProfileDiff("no submission", first=True)
        self.app.call_from_thread(self._submission_loaded, history.latest, changes, kept, on_record)

    def _submission_loaded(self, submitted: Submission | None, changes: ProfileDiff, kept: AnnualReview | None,
                           on_record: bool) -> None:
        self.submitted = submitted
        self.changes = changes
        self.warnings.clear()
        if self.next_due is not None and kept is not None:
            self._start_next_review(self.next_due, kept, on_record)
        self.refill(keep=self._highlighted_id())
        cid = self._highlighted_id()
        if cid is not None:
            self._check_evidence(cid)

    def _start_next_review(self, due: dt.date | None, kept: AnnualReview, on_record: bool) -> None:
        """Replace the review on file by the one due now only when a submission holds it unchanged; else keep it."""
        self.next_due = None
        current = self.session.profile.annual_review
        old_due = kept.due.isoformat() if kept.due else "no date"
        new_due = due.isoformat() if due else "no date"
        if on_record and current == kept:
            self.session.document.start_annual_review(due, self.reviewer, self.today, replace=True)
            self._save()
            self.notify(f"The review due {old_due} is on record in a submission; the review due {new_due} starts.")
            return
        if current is not None and current.reviewer:
            self.reviewer = current.reviewer
        self.notify(f"The review due {old_due} is kept: no submission holds its marks yet. Finish it and record the "
                    f"submission (render dialog: mark as submitted); then the review due {new_due} starts.",
                    title="Annual review", severity="warning", timeout=15)

    def _save(self) -> None:
        try:
            elsewhere = self.session.flush()
        except ProfileError as error:
            self.notify(str(error), severity="error")
            return
        if elsewhere:
            self.notify(f"The profile changed on disk; your edits are kept in {elsewhere}", severity="error")

    def _ids(self) -> list[str]:
        return [c.id for c, _d in self.session.catalog.applicable(self.session.entity)]

    def refill(self, keep: str | None = None) -> None:
        """Rows for every applicable criterion (or only those not yet reviewed), and the progress line."""
        profile = self.session.profile
        review = profile.annual_review
        marks = review.marks if review else {}
        ids = self._ids()
        self.shown = [cid for cid in ids if not self.only_unreviewed or cid not in marks]
        table = self.query_one(DataTable)
        table.clear(columns=True)  # the columns' widths start again from what the rows hold now
        table.add_columns(*COLUMNS)
        changed = set(self.changes.changed_criteria())
        rows = []
        for cid in self.shown:
            mark = marks.get(cid)
            answer = profile.answer(cid)
            rows.append((cid + ("~" if cid in changed else ""), STATUS_LABELS.get(answer.status, "")[:12],
                         SHORT_STATES[mark.state if mark else ""], (mark.by if mark else "")[:16],
                         mark.on.isoformat() if mark and mark.on else "", self.session.catalog.criteria[cid].title))
        # The title gets what the other columns leave (cut with an ellipsis; the line below shows it whole), so no
        # column is pushed off the right edge.
        used = sum(max([len(str(c.label))] + [len(row[i]) for row in rows]) + 2
                   for i, c in enumerate(table.ordered_columns[:-1]))
        room = (table.size.width or self.app.size.width) - table.styles.scrollbar_size_vertical
        title_width = max(12, room - used - 2)
        for row in rows:
            title = row[-1] if len(row[-1]) <= title_width else row[-1][:title_width - 1] + "…"
            table.add_row(*row[:-1], title)
        done = progress(self.session.catalog, profile)
        due = review.due.isoformat() if review and review.due else "not set"
        signed = f" · signed off {review.signed_off_on.isoformat()}" if review and review.signed_off_on else ""
        self.query_one("#review-due", Static).update(f"due {due}{signed}")
        self.query_one("#review-progress", Static).update(done.line())
        if keep and keep in self.shown:
            table.move_cursor(row=self.shown.index(keep))
        if not self.shown:
            self.query_one("#annual-detail", Static).update("Every criterion is reviewed. ctrl+s: sign the review off.")

    def _highlighted_id(self) -> str | None:
        row = self.query_one(DataTable).cursor_row
        return self.shown[row] if self.shown and row is not None and 0 <= row < len(self.shown) else None

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        cid = self._highlighted_id()
        self.armed = ""
        if cid is None:
            return
        if self.pending != cid:  # moved on before the check ended: the earlier 1 does not follow to another row
            self.pending = ""
        self._show_detail(cid)
        # A key typed ahead of this highlight (down, then 1) already asked to re-affirm: the new check keeps that.
        self._check_evidence(cid, then_reaffirm=self.pending == cid)

    def _show_detail(self, cid: str) -> None:
        self.query_one("#annual-detail", Static).update(Content("\n".join(self.detail_lines(cid))))

    @work(thread=True, exclusive=True, group="evidence", exit_on_error=False)
    def _check_evidence(self, cid: str, then_reaffirm: bool = False) -> None:
        """Age and hashes of the criterion's evidence files, off the UI thread (a newer highlight cancels it)."""
        submitted = self.submitted
        warnings = reaffirm_warnings(self.session.catalog, self.session.profile, cid, self.today, submitted)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._evidence_checked, cid, warnings, submitted, then_reaffirm)

    def _evidence_checked(self, cid: str, warnings: list[str], submitted: Submission | None,
                          then_reaffirm: bool) -> None:
        if submitted is not self.submitted:  # checked against the submission before it was read: a newer check runs
            return
        self.warnings[cid] = warnings
        if cid != self._highlighted_id():
            return
        if then_reaffirm and self.pending == cid:
            self.action_mark("reaffirmed")
        elif self.armed != cid:
            self._show_detail(cid)

    def detail_lines(self, cid: str) -> list[str]:
        """What the reviewer sees for one criterion: its changes since the submission and the evidence warnings."""
        lines = [f"{cid} {self.session.catalog.criteria[cid].title}"]
        changes = self.changes.for_criterion(cid)
        if changes:
            lines += ["Changed since the last submission:"] + [f"  {c.describe()}" for c in changes[:4]]
        warnings = self.warnings.get(cid)
        if warnings is None:
            lines.append("Checking the evidence files...")
        else:
            lines += [f"Check first: {w}" for w in warnings]
        return lines

    def action_mark(self, state: str) -> None:
        """Set the highlighted criterion's review state; re-affirming over warnings needs a second press."""
        cid = self._highlighted_id()
        if cid is None or self.session.read_only:
            return
        if state == "reaffirmed" and self.armed != cid:
            warnings = self.warnings.get(cid)
            if warnings is None:  # not checked yet: re-affirm once the check is back (and has shown nothing)
                self.pending = cid
                self.query_one("#annual-detail", Static).update(f"{cid}: checking the evidence files first...")
                self._check_evidence(cid, then_reaffirm=True)
                return
            if warnings:
                self.armed = cid
                self.query_one("#annual-detail", Static).update(Content("\n".join(
                    [f"{cid}: before re-affirming it unchanged, look at:"] + [f"  - {w}" for w in warnings]
                    + ["Press 1 again to re-affirm anyway, 2 if you updated it, 3 if it needs work."])))
                return
        note = "re-affirmed after seeing: aged or changed evidence" if state == "reaffirmed" and self.armed == cid \
            else ""
        self.armed = ""
        self.pending = ""
        self.session.document.mark_reviewed(cid, state, self.reviewer, self.today, note)
        self._save()
        position = self.shown.index(cid)
        self.refill()
        if self.shown:
            self.query_one(DataTable).move_cursor(row=min(position + (0 if self.only_unreviewed else 1),
                                                          len(self.shown) - 1))

    def profile_reloaded(self) -> None:
        """The profile was read again from disk: show its review marks, keeping the highlighted criterion."""
        self.refill(keep=self._highlighted_id())

    def action_filter(self) -> None:
        """Show only the criteria not yet reviewed, or all."""
        self.only_unreviewed = not self.only_unreviewed
        self.refill(keep=self._highlighted_id())

    def action_sign_off(self) -> None:
        """Sign the review off, once every applicable criterion is reviewed."""
        done = progress(self.session.catalog, self.session.profile)
        if not done.complete:
            self.notify(f"Not yet: {done.applicable - done.reviewed} criteria are not reviewed (/ shows them).",
                        severity="warning")
            return
        self.session.document.sign_off_review(self.reviewer, self.today)
        self._save()
        self.refill(keep=self._highlighted_id())
        self.notify(f"Annual review signed off by {self.reviewer} on {self.today.isoformat()}.")

    def action_go(self) -> None:
        """Back to the editor at the highlighted criterion (to update it)."""
        cid = self._highlighted_id()
        if cid is not None:
            self.dismiss(cid)

    def action_back(self) -> None:
        """Back to the editor."""
        self.dismiss(None)

