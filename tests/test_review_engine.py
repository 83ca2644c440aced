"""The engine: accepted findings, one review for the app and the CLI, readiness, and the live check's speed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import MappingProxyType

from hypothesis import given, settings
from hypothesis import strategies as st

from ctpat_tui.catalog import Catalog
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.profile.model import Answer, Profile
from ctpat_tui.review import READINESS_DEFINITION, lint_text, review_answer, review_profile

TODAY = dt.date(2026, 11, 29)
GOOD = ('status = "implemented"\ncontrols = "Staff report incidents on form SEC-F-12 to the Security Manager, who '
        'notifies our SCSS within 24 hours."\nfrequency = "Every incident; contact list checked every quarter"\n'
        'owner = "Security Manager (Laredo)"\nrecords = "Incident log in ServiceNow, kept 5 years"\n'
        'escalation = "The Security Manager informs the Director of Trade Compliance within 1 hour."\n'
        'evidence = [{ title = "Incident SOP", ref = "SEC-SOP-12 v3", date = 2026-03-01, '
        'portal_section = "Procedural Security" }]\n')


def load(tmp_path: Path, body: str) -> Profile:
    text = '[profile]\nschema = 1\ncompany = "Example"\nentity_type = "importer"\n\n' + body
    path = tmp_path / "profile.toml"
    path.write_text(text, encoding="utf-8")
    return ProfileDocument.parse(text, path).profile


def test_an_accepted_finding_stays_visible_but_stops_counting(mini_catalog: Catalog, tmp_path: Path) -> None:
    body = '[answers."7.23"]\n' + GOOD.replace("Security Manager (Laredo)", "Management") + \
           'accepted = { "SPEC003" = "Two-person company: the owner is management." }\n'
    review = review_profile(mini_catalog, load(tmp_path, body), today=TODAY)
    [spec] = [f for f in review.findings if f.rule == "SPEC003"]
    assert spec.accepted and spec.accepted_reason.startswith("Two-person")
    assert spec.as_dict()["accepted"] == spec.accepted_reason
    assert spec not in review.open_findings() and spec not in review.blocking("warning")
    assert review.readiness.by_section["Procedural Security"].warnings == 0


def test_an_acceptance_without_reason_or_without_finding_is_reported(mini_catalog: Catalog, tmp_path: Path) -> None:
    body = '[answers."7.23"]\n' + GOOD + 'accepted = { "SPEC002" = "old reason", "EVID001" = "" }\n'
    rules = {f.rule: f for f in review_answer(mini_catalog, load(tmp_path, body), "7.23", today=TODAY)}
    assert rules["ACC001"].severity == "warning" and "EVID001" in rules["ACC001"].message
    assert rules["ACC002"].severity == "info" and "SPEC002" in rules["ACC002"].message


def test_the_live_check_and_the_full_review_agree(catalog: Catalog, sample_path: Path) -> None:
    profile = ProfileDocument.load(sample_path).profile
    review = review_profile(catalog, profile, today=TODAY)
    for criterion, _ in catalog.applicable(profile.entity_type):
        assert review_answer(catalog, profile, criterion.id, today=TODAY) == review.for_criterion(criterion.id)


def test_today_decides_what_is_stale(mini_catalog: Catalog, tmp_path: Path) -> None:
    profile = load(tmp_path, '[answers."7.23"]\n' + GOOD)
    assert "EVID005" not in {f.rule for f in review_answer(mini_catalog, profile, "7.23", today=TODAY)}
    later = {f.rule for f in review_answer(mini_catalog, profile, "7.23", today=dt.date(2027, 3, 2))}
    assert "EVID005" in later


def test_readiness_counts_and_percentage(mini_catalog: Catalog, tmp_path: Path) -> None:
    body = ('[answers."7.23"]\n' + GOOD + '\n[answers."9.1"]\nstatus = "implemented"\ncontrols = "Fence."\n\n'
            '[answers."12.1"]\nstatus = "not_applicable"\nna_reason = "No staff: a one-person trading company."\n')
    readiness = review_profile(mini_catalog, load(tmp_path, body), today=TODAY).readiness
    overall = readiness.overall
    assert (overall.applicable, overall.answered, overall.complete, overall.with_evidence) == (7, 3, 2, 1)
    # 12.1's reason for not applicable is thin (an open ALIGN005 warning): it needs attention, it is not ready
    assert overall.ready == 1 and readiness.percent == 100 * 1 // 7
    assert overall.musts == 7 and overall.musts_covered == 2
    assert readiness.by_section["Procedural Security"].ready == 1
    accepted = body + 'accepted = { "ALIGN005" = "CBP agreed: no employees, the owner trades alone." }\n'
    assert review_profile(mini_catalog, load(tmp_path, accepted), today=TODAY).readiness.overall.ready == 2
    assert readiness.by_category["Physical Security"].errors >= 2
    data = readiness.as_dict()
    assert data["percent"] == readiness.percent and data["definition"] == READINESS_DEFINITION
    assert set(data) == {"percent", "definition", "overall", "categories", "sections"}


def test_an_empty_profile_is_not_ready(mini_catalog: Catalog, tmp_path: Path) -> None:
    review = review_profile(mini_catalog, load(tmp_path, ""), today=TODAY)
    assert review.readiness.percent == 0 and review.count("error") == 7


FIELDS = ("controls", "frequency", "owner", "records", "escalation", "narrative")


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(st.text(max_size=300), min_size=len(FIELDS), max_size=len(FIELDS)),
       status=st.sampled_from(("", "implemented", "partial", "planned", "not_applicable")))
def test_any_text_in_any_field_gives_findings_not_crashes(mini_catalog: Catalog, texts: list[str],
                                                          status: str) -> None:
    answer = Answer("7.23", status=status, **dict(zip(FIELDS, texts, strict=True)))
    profile = Profile("Example", "importer", answers=MappingProxyType({"7.23": answer, "9.1": answer}))
    found = review_answer(mini_catalog, profile, "7.23", today=TODAY)
    assert all(f.severity in ("error", "warning", "info") and f.message for f in found)
    for field, text in zip(FIELDS, texts, strict=True):
        assert all(f.suggestion for f in lint_text(text, field, criterion="7.23", catalog=mini_catalog))
