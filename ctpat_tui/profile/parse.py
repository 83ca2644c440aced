"""Turn the plain data of a profile file into the typed Profile, reporting bad values with their line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ctpat_tui.profile.errors import ProfileError
from ctpat_tui.profile.locate import locate
from ctpat_tui.profile.model import (
    ACTION_STATUSES,
    CERTIFICATIONS,
    REVIEW_STATES,
    FACILITY_STATUSES,
    RESPONSE_STYLES,
    RISK_LEVELS,
    SCHEMA_VERSION,
    STATUSES,
    WORD_LAYOUTS,
    Action,
    AnnualReview,
    Answer,
    Evidence,
    Facility,
    Partner,
    Profile,
    ReviewMark,
    ReviewNote,
    Settings,
)

ANSWER_TEXT_KEYS = ("status", "na_reason", "controls", "frequency", "owner", "records", "escalation", "narrative")
ANSWER_STRUCTURE_KEYS = frozenset({"facilities", "evidence", "accepted", "review_notes"})


class _Context:
    """Raises ProfileErrors that point at the offending line of the source text."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text

    def fail(self, message: str, table: tuple[str, ...], key: str | None = None, index: int = 0) -> ProfileError:
        return ProfileError(self.path, message, locate(self.text, table, key, index))


def _as_text(ctx: _Context, value: Any, table: tuple[str, ...], key: str, index: int = 0) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    raise ctx.fail(f"{key} must be text in quotes, not {type(value).__name__} {value!r}", table, key, index)


def as_date(value: object) -> dt.date | None:
    """A date from a profile value (TOML date, datetime or ISO text); None when it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _as_date(ctx: _Context, value: Any, table: tuple[str, ...], key: str, index: int = 0) -> dt.date | None:
    if value is None or value == "":
        return None
    parsed = as_date(value)
    if parsed is None:
        raise ctx.fail(f"{key} must be a date like 2026-03-01, not {value!r}", table, key, index)
    return parsed


def _parse_evidence(ctx: _Context, cid: str, rows: Any) -> tuple[Evidence, ...]:
    table = ("answers", cid, "evidence")
    if rows is None:
        return ()
    if not isinstance(rows, list):
        raise ctx.fail("evidence must be a list of [[answers.\"ID\".evidence]] tables", ("answers", cid), "evidence")
    items = []
    for index, row in enumerate(rows):
        if not isinstance(row, Mapping):
            raise ctx.fail("each evidence entry must be a table", table, None, index)
        items.append(
            Evidence(
                title=_as_text(ctx, row.get("title"), table, "title", index),
                ref=_as_text(ctx, row.get("ref"), table, "ref", index),
                date=_as_date(ctx, row.get("date"), table, "date", index),
                portal_section=_as_text(ctx, row.get("portal_section"), table, "portal_section", index),
                file=_as_text(ctx, row.get("file"), table, "file", index),
                sha256=_as_text(ctx, row.get("sha256"), table, "sha256", index),
            )
        )
    return tuple(items)


def _parse_review_notes(ctx: _Context, cid: str, rows: Any) -> tuple[ReviewNote, ...]:
    table = ("answers", cid, "review_notes")
    if rows is None:
        return ()
    if not isinstance(rows, list):
        raise ctx.fail("review_notes must be a list of [[answers.\"ID\".review_notes]] tables", ("answers", cid),
                       "review_notes")
    notes = []
    for index, row in enumerate(rows):
        if not isinstance(row, Mapping):
            raise ctx.fail("each review note must be a table", table, None, index)
        resolved = row.get("resolved", False)
        if not isinstance(resolved, bool):
            raise ctx.fail("resolved must be true or false", table, "resolved", index)
        notes.append(ReviewNote(**{key: _as_text(ctx, row.get(key), table, key, index)
                                   for key in ("text", "author", "date", "source")}, resolved=resolved))
    return tuple(notes)


def _string_map(ctx: _Context, value: Any, table: tuple[str, ...], key: str) -> Mapping[str, str]:
    if value is None:
        return MappingProxyType({})
    if not isinstance(value, Mapping):
        raise ctx.fail(f"{key} must be a table of name = \"text\"", table, key)
    result = {}
    for name, item in value.items():
        if not isinstance(item, str):
            raise ctx.fail(f"{key}.{name} must be text in quotes, not {item!r}", table, key)
        result[str(name)] = item
    return MappingProxyType(result)


def parse_answer(ctx: _Context, cid: str, raw: Any) -> Answer:
    """Build one Answer from its plain table."""
    table = ("answers", cid)
    if not isinstance(raw, Mapping):
        raise ctx.fail(f"answers.\"{cid}\" must be a table", ("answers",), cid)
    texts = {key: _as_text(ctx, raw.get(key), table, key) for key in ANSWER_TEXT_KEYS}
    if texts["status"] and texts["status"] not in STATUSES:
        raise ctx.fail(f"status {texts['status']!r} is not one of {', '.join(STATUSES)}", table, "status")
    facilities = _string_map(ctx, raw.get("facilities"), table, "facilities")
    for facility_id, status in facilities.items():
        if status and status not in FACILITY_STATUSES:
            raise ctx.fail(f"facility status {status!r} for {facility_id} is not one of {', '.join(FACILITY_STATUSES)}",
                           table, "facilities")
    extra = {k: v for k, v in raw.items() if k not in ANSWER_TEXT_KEYS and k not in ANSWER_STRUCTURE_KEYS}
    return Answer(
        criterion_id=cid,
        facilities=facilities,
        extra=MappingProxyType(extra),
        evidence=_parse_evidence(ctx, cid, raw.get("evidence")),
        accepted=_string_map(ctx, raw.get("accepted"), table, "accepted"),
        review_notes=_parse_review_notes(ctx, cid, raw.get("review_notes")),
        **texts,
    )


def _parse_partners(ctx: _Context, rows: Any) -> tuple[Partner, ...]:
    if rows is None:
        return ()
    if not isinstance(rows, list):
        raise ctx.fail("partners must be a list of [[partners]] tables", (), "partners")
    partners = []
    table = ("partners",)
    for index, row in enumerate(rows):
        if not isinstance(row, Mapping):
            raise ctx.fail("each partner must be a table", table, None, index)
        certification = _as_text(ctx, row.get("certification", "none"), table, "certification", index).lower() or "none"
        if certification not in CERTIFICATIONS:
            raise ctx.fail(f"certification {certification!r} is not one of {', '.join(CERTIFICATIONS)}",
                           table, "certification", index)
        risk = _as_text(ctx, row.get("risk"), table, "risk", index).lower()
        if risk and risk not in RISK_LEVELS:
            raise ctx.fail(f"risk {risk!r} is not one of {', '.join(RISK_LEVELS)}", table, "risk", index)
        partners.append(
            Partner(
                name=_as_text(ctx, row.get("name"), table, "name", index),
                role=_as_text(ctx, row.get("role"), table, "role", index),
                country=_as_text(ctx, row.get("country"), table, "country", index),
                certification=certification,
                svi=_as_text(ctx, row.get("svi"), table, "svi", index),
                aeo_programme=_as_text(ctx, row.get("aeo_programme"), table, "aeo_programme", index),
                verified=_as_date(ctx, row.get("verified"), table, "verified", index),
                last_screened=_as_date(ctx, row.get("last_screened"), table, "last_screened", index),
                risk=risk,
                risk_reason=_as_text(ctx, row.get("risk_reason"), table, "risk_reason", index),
                questionnaire=_as_text(ctx, row.get("questionnaire"), table, "questionnaire", index),
                questionnaire_date=_as_date(ctx, row.get("questionnaire_date"), table, "questionnaire_date", index),
                questionnaire_file=_as_text(ctx, row.get("questionnaire_file"), table, "questionnaire_file", index),
                open_issues=_as_text(ctx, row.get("open_issues"), table, "open_issues", index),
            )
        )
    return tuple(partners)


def _parse_actions(ctx: _Context, rows: Any) -> tuple[Action, ...]:
    if rows is None:
        return ()
    if not isinstance(rows, list):
        raise ctx.fail("actions must be a list of [[actions]] tables", (), "actions")
    table = ("actions",)
    actions: list[Action] = []
    seen: set[str] = set()
    for index, row in enumerate(rows):
        if not isinstance(row, Mapping):
            raise ctx.fail("each action must be a table", table, None, index)
        action_id = _as_text(ctx, row.get("id"), table, "id", index).strip()
        if not action_id or action_id in seen:
            raise ctx.fail(f"action id {action_id!r} is missing or repeated", table, "id", index)
        seen.add(action_id)
        status = _as_text(ctx, row.get("status", "open"), table, "status", index) or "open"
        if status not in ACTION_STATUSES:
            raise ctx.fail(f"action status {status!r} is not one of {', '.join(ACTION_STATUSES)}", table, "status",
                           index)
        texts = {key: _as_text(ctx, row.get(key), table, key, index)
                 for key in ("criterion", "gap", "rule", "action", "owner", "closure_evidence")}
        dates = {key: _as_date(ctx, row.get(key), table, key, index) for key in ("due", "opened", "closed", "verified")}
        actions.append(Action(id=action_id, status=status, **texts, **dates))
    return tuple(actions)


def _parse_annual_review(ctx: _Context, raw: Any) -> AnnualReview | None:
    if raw is None:
        return None
    table = ("annual_review",)
    if not isinstance(raw, Mapping):
        raise ctx.fail("annual_review must be a table", (), "annual_review")
    raw_marks = raw.get("criteria", {})
    if not isinstance(raw_marks, Mapping):
        raise ctx.fail('annual_review.criteria must be a table like "7.23" = { state = "reaffirmed" }', table,
                       "criteria")
    marks: dict[str, ReviewMark] = {}
    for cid, item in raw_marks.items():
        where = ("annual_review", "criteria")
        if not isinstance(item, Mapping):
            raise ctx.fail(f'annual_review.criteria."{cid}" must be a table like {{ state = "reaffirmed" }}', where,
                           str(cid))
        state = _as_text(ctx, item.get("state"), where, str(cid))
        if state not in REVIEW_STATES:
            raise ctx.fail(f"review state {state!r} for {cid} is not one of {', '.join(REVIEW_STATES)}", where,
                           str(cid))
        marks[str(cid)] = ReviewMark(str(cid), state, _as_text(ctx, item.get("by"), where, str(cid)),
                                     _as_date(ctx, item.get("on"), where, str(cid)),
                                     _as_text(ctx, item.get("note"), where, str(cid)))
    return AnnualReview(
        due=_as_date(ctx, raw.get("due"), table, "due"),
        reviewer=_as_text(ctx, raw.get("reviewer"), table, "reviewer"),
        started=_as_date(ctx, raw.get("started"), table, "started"),
        signed_off_by=_as_text(ctx, raw.get("signed_off_by"), table, "signed_off_by"),
        signed_off_on=_as_date(ctx, raw.get("signed_off_on"), table, "signed_off_on"),
        marks=MappingProxyType(marks),
    )


def _parse_settings(ctx: _Context, raw: Any) -> Settings:
    if raw is None:
        return Settings()
    if not isinstance(raw, Mapping):
        raise ctx.fail("settings must be a table", (), "settings")
    limit = raw.get("portal_char_limit", 0)
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 0:
        raise ctx.fail("portal_char_limit must be a whole number (0 = off)", ("settings",), "portal_char_limit")
    cycles = dict(Settings().screening_cycle_months)
    raw_cycles = raw.get("screening_cycle_months", {})
    if not isinstance(raw_cycles, Mapping):
        raise ctx.fail("screening_cycle_months must be a table like { high = 12 }", ("settings",), "screening_cycle_months")
    for level, months in raw_cycles.items():
        if not isinstance(months, int) or months <= 0:
            raise ctx.fail(f"screening_cycle_months.{level} must be a positive number of months", ("settings",),
                           "screening_cycle_months")
        cycles[str(level)] = months
    style = raw.get("response_style", "prose")
    style = "labeled" if style == "labeled" else style  # the British spelling is understood too
    if style not in RESPONSE_STYLES:
        raise ctx.fail(f"response_style must be one of {', '.join(RESPONSE_STYLES)}", ("settings",),
                       "response_style")
    spelling = raw.get("spelling", True)
    if not isinstance(spelling, bool):
        raise ctx.fail("spelling must be true or false", ("settings",), "spelling")
    words = raw.get("spelling_words", [])
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise ctx.fail('spelling_words must be a list of words like ["Genetec", "SecureTrack"]', ("settings",),
                       "spelling_words")
    layout = raw.get("word_layout", "compact")
    if layout not in WORD_LAYOUTS:
        raise ctx.fail(f"word_layout must be one of {', '.join(repr(w) for w in WORD_LAYOUTS)}", ("settings",),
                       "word_layout")
    return Settings(limit, MappingProxyType(cycles), style, spelling,
                    frozenset(w.strip() for w in words if w.strip()), word_layout=layout)


def profile_from_data(data: Mapping[str, Any], path: Path | str, text: str = "") -> Profile:
    """Validate plain profile data (as tomllib or tomlkit.unwrap gives it) into a Profile."""
    ctx = _Context(str(path), text)
    head = data.get("profile")
    if not isinstance(head, Mapping):
        raise ctx.fail("missing [profile] table (company, entity_type, schema)", ())
    schema = head.get("schema", SCHEMA_VERSION)
    if schema != SCHEMA_VERSION:
        raise ctx.fail(f"unknown schema version {schema!r}: this ctpat-tui reads schema {SCHEMA_VERSION}; "
                       "use a newer ctpat-tui", ("profile",), "schema")
    company = _as_text(ctx, head.get("company"), ("profile",), "company")
    entity_type = _as_text(ctx, head.get("entity_type"), ("profile",), "entity_type")
    if not entity_type:
        raise ctx.fail("entity_type is missing", ("profile",), "entity_type")
    facilities = []
    raw_facilities = data.get("facilities", [])
    if not isinstance(raw_facilities, list):
        raise ctx.fail("facilities must be a list of [[facilities]] tables", (), "facilities")
    seen: set[str] = set()
    for index, row in enumerate(raw_facilities):
        if not isinstance(row, Mapping):
            raise ctx.fail("each facility must be a table", ("facilities",), None, index)
        facility_id = _as_text(ctx, row.get("id"), ("facilities",), "id", index)
        if not facility_id or facility_id in seen:
            raise ctx.fail(f"facility id {facility_id!r} is missing or repeated", ("facilities",), "id", index)
        seen.add(facility_id)
        facilities.append(Facility(facility_id, _as_text(ctx, row.get("name"), ("facilities",), "name", index)))
    raw_answers = data.get("answers", {})
    if not isinstance(raw_answers, Mapping):
        raise ctx.fail("answers must be tables like [answers.\"7.23\"]", (), "answers")
    answers = {str(cid): parse_answer(ctx, str(cid), raw) for cid, raw in raw_answers.items()}
    return Profile(
        company=company,
        entity_type=entity_type,
        prepared_by=_as_text(ctx, head.get("prepared_by"), ("profile",), "prepared_by"),
        schema=SCHEMA_VERSION,
        version=str(head.get("version", "")),
        facilities=tuple(facilities),
        answers=MappingProxyType(answers),
        partners=_parse_partners(ctx, data.get("partners")),
        settings=_parse_settings(ctx, data.get("settings")),
        path=Path(path),
        certification_date=_as_date(ctx, head.get("certification_date"), ("profile",), "certification_date"),
        last_submitted=_as_date(ctx, head.get("last_submitted"), ("profile",), "last_submitted"),
        actions=_parse_actions(ctx, data.get("actions")),
        annual_review=_parse_annual_review(ctx, data.get("annual_review")),
    )


def parse_partners(ctx: _Context, rows: Any) -> tuple[Partner, ...]:
    """Partner rows read on their own (used by incremental updates of the register)."""
    return _parse_partners(ctx, rows)


def make_context(path: str, text: str) -> _Context:
    """A context for parsing single answers out of `text` (used by incremental updates)."""
    return _Context(path, text)


def fast_data(text: str, path: Path) -> dict[str, Any]:
    """Profile text read by the fast stdlib parser (a syntax error is located by tomlkit)."""
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        from ctpat_tui.profile.document import ProfileDocument

        ProfileDocument.parse(text, path)  # re-parse with tomlkit for its line and column in the message
        raise ProfileError(str(path), f"not valid TOML: {error}") from None


def fast_profile(text: str, path: Path) -> Profile:
    """The typed view of profile text from the fast stdlib parser (a syntax error is located by tomlkit)."""
    return profile_from_data(fast_data(text, path), path, text)


def read_profile(path: Path | str) -> Profile:
    """Read a profile for viewing only (check, render): the fast stdlib parser, same checks and messages; tomlkit
    is not imported unless the file is not valid TOML."""
    from ctpat_tui.profile.store import read_profile_text

    path = Path(path)
    return fast_profile(read_profile_text(path), path)
