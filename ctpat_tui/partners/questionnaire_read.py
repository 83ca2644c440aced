"""Read a completed partner questionnaire back: who it is from, each answer, and what is missing or too vague."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ctpat_tui.catalog.model import Catalog
from ctpat_tui.catalog.table_reader import TableError
from ctpat_tui.partners.plan import partner_key
from ctpat_tui.partners.questionnaire import FORMAT
from ctpat_tui.partners.questionnaire_xlsx import ANSWER_COLUMN, META_SHEET, PROOF_COLUMN, SHEET, STATUS_COLUMN
from ctpat_tui.partners.values import CellError, cell_date, cell_text
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.profile.model import Action, Partner, Profile

STATUS_WORDS = {"yes": "Yes", "y": "Yes", "partly": "Partly", "partial": "Partly", "no": "No", "n": "No",
                "not applicable": "Not applicable", "n/a": "Not applicable", "na": "Not applicable"}


@dataclass(frozen=True)
class ReturnedAnswer:
    """One answered (or skipped) question and what the review says about it."""

    criterion: str
    topic: str
    status: str
    description: str
    proof: str
    problems: tuple[str, ...] = ()


@dataclass
class ReturnedQuestionnaire:
    """A completed questionnaire as read from the file, matched to a partner of the register."""

    source: Path
    reference: str
    partner_name: str
    country: str
    entity: str
    respondent: dict[str, str]
    completed: dt.date | None
    answers: list[ReturnedAnswer] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    index: int = -1

    def count(self, status: str) -> int:
        """How many answers have `status` ('' for unanswered)."""
        return sum(1 for a in self.answers if a.status == status)

    @property
    def gaps(self) -> list[ReturnedAnswer]:
        """Answers that are No, Partly, missing or too vague to accept."""
        return [a for a in self.answers if a.problems]


def _meta(workbook: Any) -> dict[str, Any]:
    if META_SHEET not in workbook.sheetnames:
        return {}
    return {cell_text(row[0]): row[1] for row in workbook[META_SHEET].iter_rows(values_only=True) if row and row[0]}


_CELL_REFERENCE = re.compile(r"[A-Z]{1,3}[1-9][0-9]{0,6}")


def _damaged(path: Path, what: str) -> TableError:
    return TableError(f"{path}: the questionnaire's hidden record is damaged ({what}); send the partner a new "
                      "questionnaire (nothing written)")


def _answer_cell(path: Path, sheet: Any, reference: Any) -> Any:
    """The value of the single cell the hidden record names; TableError for anything but a cell on the sheet."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    text = cell_text(reference)
    if not _CELL_REFERENCE.fullmatch(text):
        raise _damaged(path, f"{text[:20]!r} is not a cell")
    letters, row = coordinate_from_string(text)
    column = column_index_from_string(letters)
    if row > sheet.max_row or column > sheet.max_column:
        raise _damaged(path, f"cell {text} is outside the questionnaire")
    return sheet.cell(row, column).value


def _header_row(path: Path, sheet: Any, value: Any) -> int:
    text = cell_text(value) or "1"
    if not re.fullmatch(r"[0-9]{1,7}", text) or not 1 <= int(text) <= sheet.max_row:
        raise _damaged(path, f"header row {text[:20]!r}")
    return int(text)


def _problems(catalog: Catalog, entity: str, criterion: str, status: str, description: str) -> tuple[str, ...]:
    from ctpat_tui.review.engine import lint_text

    if not status:
        return ("not answered",)
    if status == "No":
        return ("answered No: the control is not in place",)
    if status == "Not applicable":
        return () if description else ("Not applicable without a reason",)
    found = []
    if status == "Partly":
        found.append("only partly in place")
    if not description:
        return (*found, "no description of what is done")
    for finding in lint_text(description, "narrative", criterion=criterion, entity=entity, catalog=catalog):
        if finding.rule.startswith("SPEC") and finding.severity in ("warning", "error"):
            found.append(f"{finding.rule}: {finding.message}")
    return tuple(found)


def read_questionnaire(path: Path, catalog: Catalog, profile: Profile) -> ReturnedQuestionnaire:
    """The completed questionnaire in `path`; TableError (one line) when it is not one, or names another partner."""
    from openpyxl import load_workbook

    from ctpat_tui.catalog.table_reader import check_sheet_size, check_xlsx

    check_xlsx(path)
    try:
        workbook = load_workbook(path, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise TableError(f"{path}: cannot read as an Excel workbook ({error})") from None
    for each in workbook.worksheets:
        check_sheet_size(path, each)
    meta = _meta(workbook)
    if meta.get("format") != FORMAT or SHEET not in workbook.sheetnames:
        raise TableError(f"{path}: not a partner questionnaire made by `ctpat partners questionnaire`")
    sheet = workbook[SHEET]
    name, country = cell_text(meta.get("partner")), cell_text(meta.get("country"))
    respondent = {key[5:]: cell_text(_answer_cell(path, sheet, value)) for key, value in meta.items()
                  if key.startswith("cell_") and key != "cell_date_completed"}
    completed = None
    if meta.get("cell_date_completed"):
        try:
            completed = cell_date(_answer_cell(path, sheet, meta["cell_date_completed"]))
        except CellError as error:
            completed = None
            respondent["date_note"] = str(error)
    result = ReturnedQuestionnaire(path, cell_text(meta.get("reference")), name, country,
                                   cell_text(meta.get("entity")), respondent, completed)
    key = partner_key(name, country)
    matches = [i for i, p in enumerate(profile.partners) if partner_key(p.name, p.country) == key]
    if not matches:
        raise TableError(f"{path}: the questionnaire is for {name} ({country or 'no country'}), who is not in the "
                         "register of this profile (nothing written)")
    result.index = matches[0]
    signed = respondent.get("company", "")
    if signed and partner_key(signed, "")[0] != key[0]:
        other = [p.name for p in profile.partners if partner_key(p.name, "")[0] == partner_key(signed, "")[0]]
        if other:
            raise TableError(f"{path}: questionnaire {result.reference} was sent to {name} but filled in as "
                             f"{signed}, another partner in the register; ask {name} for its own answers "
                             "(nothing written)")
        result.notes.append(f"filled in under the company name {signed!r} (the register says {name!r}): check that "
                            "it is the same company")
    wanted = cell_text(meta.get("criteria")).split()
    found: dict[str, ReturnedAnswer] = {}
    width = max(PROOF_COLUMN, STATUS_COLUMN, ANSWER_COLUMN, 3)
    for cells in sheet.iter_rows(min_row=_header_row(path, sheet, meta.get("header_row")) + 1, values_only=True):
        row = (*cells, *(None,) * (width - len(cells)))
        cid = cell_text(row[1]) if len(row) > 1 else ""
        if cid not in wanted or cid in found:
            continue
        raw_status = cell_text(row[STATUS_COLUMN - 1]).lower()
        status = STATUS_WORDS.get(raw_status, "")
        if raw_status and not status:
            result.notes.append(f"{cid}: 'In place?' says {row[STATUS_COLUMN - 1]!r}, not Yes, Partly, No or Not "
                                "applicable; read as not answered")
        description = cell_text(row[ANSWER_COLUMN - 1])
        found[cid] = ReturnedAnswer(cid, cell_text(row[2]), status, description, cell_text(row[PROOF_COLUMN - 1]),
                                    _problems(catalog, result.entity, cid, status, description))
    result.answers = [found.get(cid) or ReturnedAnswer(cid, "", "", "", "", ("question missing from the file",))
                      for cid in wanted]
    return result


def _gap_word(answer: ReturnedAnswer) -> str:
    if not answer.status:
        return "not answered"
    return answer.status.lower() if answer.status in ("No", "Partly") else "vague"


def updated_partner(partner: Partner, returned: ReturnedQuestionnaire, reviewed: dt.date, file_ref: str) -> Partner:
    """The partner with the questionnaire on record: last screened, reference, completion date, file, open gaps."""
    completed = returned.completed or reviewed
    issues = partner.open_issues
    if returned.gaps:
        gap = f"{returned.reference}: " + ", ".join(f"{a.criterion} {_gap_word(a)}" for a in returned.gaps)
        issues = f"{issues}; {gap}" if issues and gap not in issues else gap
    return replace(partner, last_screened=reviewed, questionnaire=f"{returned.reference} ({completed.isoformat()})",
                   questionnaire_date=completed, questionnaire_file=file_ref, open_issues=issues)


def gap_actions(returned: ReturnedQuestionnaire, partner: Partner, criterion: str, today: dt.date,
                first_id: int) -> list[Action]:
    """One open corrective action per control the partner does not have (No) or has only partly, due in 90 days."""
    actions: list[Action] = []
    for answer in returned.gaps:
        if answer.status not in ("No", "Partly"):
            continue
        state = "not in place" if answer.status == "No" else "only partly in place"
        actions.append(Action(
            id=f"CA-{first_id + len(actions):03d}", criterion=criterion,
            gap=f"{partner.name}: {answer.criterion} {answer.topic} {state} (questionnaire {returned.reference})",
            action=f"Agree with {partner.name} how and by when it puts {answer.criterion} in place, and get proof",
            due=today + dt.timedelta(days=90), opened=today))
    return actions


def record_gap_actions(document: ProfileDocument, catalog: Catalog, returned: ReturnedQuestionnaire,
                       partner: Partner, today: dt.date) -> list[Action]:
    """Open the gap actions in the document (not yet saved), filed under the business-partner criterion."""
    from ctpat_tui.review.context import make_context
    from ctpat_tui.review.partners import anchor_criterion

    criterion = anchor_criterion(make_context(catalog, document.profile))
    first = int(document.next_action_id().removeprefix("CA-"))
    actions = gap_actions(returned, partner, criterion, today, first)
    for action in actions:
        document.set_action(action)
    return actions


def describe_returned(returned: ReturnedQuestionnaire) -> str:
    """The summary the user reads before confirming."""
    who = returned.respondent.get("completed_by") or "no name given"
    title = returned.respondent.get("job_title")
    done = returned.completed.isoformat() if returned.completed else "no date given"
    lines = [f"{returned.source}: questionnaire {returned.reference} from {returned.partner_name}",
             f"  completed by {who}{', ' + title if title else ''} on {done}",
             f"  {len(returned.answers)} questions: {returned.count('Yes')} yes, {returned.count('Partly')} partly, "
             f"{returned.count('No')} no, {returned.count('Not applicable')} not applicable, "
             f"{returned.count('')} not answered"]
    if returned.respondent.get("certification"):
        lines.append(f"  certification given: {returned.respondent['certification']}")
    gaps = returned.gaps
    lines.append(f"  answers to follow up ({len(gaps)}):" + ("" if gaps else " none"))
    for answer in gaps:
        lines.append(f"    {answer.criterion} {answer.topic}: {'; '.join(answer.problems)}")
    lines += [f"  note: {note}" for note in returned.notes]
    if "date_note" in returned.respondent:
        lines.append(f"  note: date completed: {returned.respondent['date_note']}")
    return "\n".join(lines)
