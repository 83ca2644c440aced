"""Live findings for the current criterion: one list, each finding with its suggestion; Enter goes to the field."""

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

from ctpat_tui.review.finding import SEVERITY_RANK, Finding

SEVERITY_MARKS: Mapping[str, str] = {"error": "!", "warning": "?", "info": "i"}
SEVERITY_STYLES: Mapping[str, str] = {"error": "bold $text-error", "warning": "bold $text-warning", "info": "$text-primary"}


def finding_prompt(finding: Finding) -> Content:
    """'! SPEC012 frequency: no period or trigger' and an indented '→ suggestion' line."""
    where = f"{finding.field}: " if finding.field else ""
    head = Content.assemble((f"{SEVERITY_MARKS.get(finding.severity, '?')} {finding.severity.upper():<7}",
                             SEVERITY_STYLES.get(finding.severity, "")), f" {finding.rule} {where}{finding.message}")
    if finding.accepted:
        head = Content.assemble(head, ("  (accepted: ", "italic"), (finding.accepted_reason, "italic"), (")", "italic"))
    if finding.suggestion and not finding.accepted:
        return Content.assemble(head, "\n  → ", (finding.suggestion, "italic"))
    return head


FIELD_ORDER = ("status", "na_reason", "controls", "frequency", "owner", "records", "escalation", "facilities",
               "evidence", "narrative")


def sort_findings(findings: Sequence[Finding]) -> list[Finding]:
    """Open findings first, by severity, then in the order the fields appear in the form; accepted ones last."""
    def key(finding: Finding) -> tuple[bool, int, int]:
        field = finding.field.split(":")[0].split("[")[0]
        position = FIELD_ORDER.index(field) if field in FIELD_ORDER else (7 if field else -1)
        return (finding.accepted, SEVERITY_RANK.get(finding.severity, 9), position)

    return sorted(findings, key=key)


def summary(findings: Sequence[Finding]) -> str:
    """'2 errors, 1 warning' (or 'no findings')."""
    open_findings = [f for f in findings if not f.accepted]
    counts = {s: sum(1 for f in open_findings if f.severity == s) for s in ("error", "warning", "info")}
    parts = [f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n]
    accepted = len(findings) - len(open_findings)
    if accepted:
        parts.append(f"{accepted} accepted")
    return ", ".join(parts) or "no findings"


class FindingsPanel(OptionList):
    """The findings of the current criterion; `enter` jumps to the field, `x` accepts one with a reason, `k` keeps a
    spelling finding's words to the profile's spelling words."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "accept", "Accept", show=True,
                tooltip="Accept the highlighted finding with a written reason (Enter goes to its field)"),
        Binding("k", "add_words", "Keep spelling", show=False,
                tooltip="On a spelling finding: keep the spelling, adding its words to the profile's spelling words"),
    ]

    DEFAULT_CSS = """
    FindingsPanel {
        height: auto;
        max-height: 25%;
        min-height: 1;
        &:focus { max-height: 60%; }
    }
    """

    @dataclass
    class Jump(Message):
        """Go to the field a finding concerns."""

        finding: Finding

    @dataclass
    class Accept(Message):
        """The user wants to accept a finding with a written reason."""

        finding: Finding

    @dataclass
    class AddWords(Message):
        """The words of a spelling finding are right: add them to the profile's own spelling words."""

        finding: Finding

    def __init__(self, **kwargs: object) -> None:
        super().__init__(compact=True, **kwargs)  # type: ignore[arg-type]
        self.findings: list[Finding] = []
        self.summary_line = ""
        self._shown = False

    def show_findings(self, findings: Sequence[Finding]) -> bool:
        """Replace the list (kept in a stable order so the cursor does not jump around while typing); True when
        it changed, and with it `summary_line`."""
        ordered = sort_findings(findings)
        if ordered == self.findings and self._shown:
            return False
        self._shown = True
        keep = self.highlighted
        self.findings = ordered
        self.set_options([Option(finding_prompt(f)) for f in ordered])
        self.display = bool(ordered)
        hint = " · F4 goes to the first" if self.first_open() else ""
        self.summary_line = f"Findings: {summary(ordered)}{hint}"
        if ordered:
            self.highlighted = min(keep or 0, len(ordered) - 1)
        return True

    def first_open(self) -> Finding | None:
        """The most severe error or warning the user has not accepted (info needs no fixing)."""
        return next((f for f in self.findings if not f.accepted and f.severity != "info"), None)

    @on(OptionList.OptionSelected)
    def _jump(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.findings):
            self.post_message(self.Jump(self.findings[event.option_index]))

    def action_add_words(self) -> None:
        """Add the highlighted spelling finding's words to the profile's spelling words."""
        if self.highlighted is not None and self.highlighted < len(self.findings):
            finding = self.findings[self.highlighted]
            if finding.rule == "SPELL001":
                self.post_message(self.AddWords(finding))

    def action_accept(self) -> None:
        """Ask for a reason to accept the highlighted finding."""
        if self.highlighted is not None and self.highlighted < len(self.findings):
            self.post_message(self.Accept(self.findings[self.highlighted]))
