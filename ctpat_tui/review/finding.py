"""The Finding record every review rule returns."""

from __future__ import annotations

from ctpat_tui.records import record

SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


@record
class Finding:
    """One problem a reviewer would raise: stable rule code, severity, where, what, and how to fix it."""

    rule: str
    severity: str
    criterion: str
    field: str
    message: str
    suggestion: str = ""
    accepted_reason: str = ""

    @property
    def accepted(self) -> bool:
        """True when the user accepted this finding with a written reason."""
        return bool(self.accepted_reason)

    def as_dict(self) -> dict[str, object]:
        """The JSON shape used by `ctpat check --json` and `ctpat lint --json`."""
        data: dict[str, object] = {
            "rule": self.rule,
            "severity": self.severity,
            "criterion": self.criterion,
            "field": self.field,
            "message": self.message,
            "suggestion": self.suggestion,
        }
        if self.accepted_reason:
            data["accepted"] = self.accepted_reason
        return data
