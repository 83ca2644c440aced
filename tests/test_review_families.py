"""Alignment, risk assessment, facilities, partners and portal text: each rejection reason is caught, and only then."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ctpat_tui.catalog import Catalog
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.profile.model import Profile
from ctpat_tui.review import Finding, review_answer, review_profile

TODAY = dt.date(2026, 11, 29)
HEADER = '[profile]\nschema = 1\ncompany = "Example Imports"\nentity_type = "{entity}"\n'
SITES = ('[[facilities]]\nid = "laredo-dc"\nname = "Laredo distribution centre"\n\n'
         '[[facilities]]\nid = "elgin-hq"\nname = "Elgin headquarters"\n')
RA = ('[answers."2.1"]\nstatus = "implemented"\ncontrols = "CBP five-step process; every high risk has a mitigation '
      'with a named owner and a due date in register RA-2026."\nmethod = "CBP five-step"\nlast_reviewed = {date}\n')
PARTNER = ('[answers."3.1"]\nstatus = "implemented"\n\n[[partners]]\nname = "Hanoi Packaging"\nrole = "supplier"\n'
           'country = "VN"\ncertification = "none"\nrisk = "{risk}"\nlast_screened = {screened}\n'
           'questionnaire = "SQ-2026-02"\n')


def load(tmp_path: Path, body: str, entity: str = "importer") -> Profile:
    text = HEADER.format(entity=entity) + "\n" + body
    path = tmp_path / "profile.toml"
    path.write_text(text, encoding="utf-8")
    return ProfileDocument.parse(text, path).profile


def found(catalog: Catalog, profile: Profile, cid: str, today: dt.date = TODAY) -> dict[str, Finding]:
    return {f.rule: f for f in review_answer(catalog, profile, cid, today=today)}


# --- entity alignment ---------------------------------------------------------------------------------------------

def test_an_unanswered_must_is_an_error_and_an_unanswered_should_a_warning(catalog: Catalog, tmp_path: Path) -> None:
    profile = load(tmp_path, "")
    review = review_profile(catalog, profile, today=TODAY)
    unanswered = {f.criterion: f.severity for f in review.findings if f.rule == "ALIGN001"}
    for criterion, designation in catalog.applicable("importer"):
        expected = "error" if designation.required else "warning"
        assert unanswered[criterion.id] == expected


def test_answers_to_criteria_outside_the_entity_type_are_flagged(catalog: Catalog, tmp_path: Path) -> None:
    body = ('[answers."6.3"]\nstatus = "implemented"\ncontrols = "High-security padlocks on LTL pickups."\n\n'
            '[answers."7.230"]\nstatus = "implemented"\ncontrols = "Typo in the ID."\n\n'
            '[answers."6.4"]\nstatus = "not_applicable"\nna_reason = "We do not fly cargo."\n')
    profile = load(tmp_path, body)
    rules = {(f.rule, f.criterion) for f in review_profile(catalog, profile, today=TODAY).findings}
    assert ("ALIGN002", "6.3") in rules and ("ALIGN003", "7.230") in rules
    assert not any(cid == "6.4" for _, cid in rules)
    assert "ALIGN002" not in found(catalog, load(tmp_path, body, "highway_carrier"), "6.3")


def test_not_applicable_needs_a_reason_and_a_must_needs_a_real_one(catalog: Catalog, tmp_path: Path) -> None:
    assert found(catalog, load(tmp_path, '[answers."9.1"]\nstatus = "not_applicable"\n'), "9.1")["ALIGN004"]
    thin = load(tmp_path, '[answers."9.1"]\nstatus = "not_applicable"\nna_reason = "N/A for us."\n')
    assert found(catalog, thin, "9.1")["ALIGN005"].severity == "warning"
    solid = load(tmp_path, '[answers."9.1"]\nstatus = "not_applicable"\nna_reason = "We own no warehouse or yard; '
                           'goods go from the supplier to customers through our certified 3PL Gulf Logistics."\n')
    assert not {"ALIGN004", "ALIGN005"} & set(found(catalog, solid, "9.1"))


def test_assumed_designations_are_info_and_confirmed_ones_are_silent(catalog: Catalog, tmp_path: Path) -> None:
    assumed = found(catalog, load(tmp_path, "", "exporter"), "1.1")["ALIGN007"]
    assert assumed.severity == "info" and "assumed" in assumed.message
    assert "ALIGN007" not in found(catalog, load(tmp_path, "", "foreign_manufacturer"), "6.2")


@pytest.mark.parametrize(("cid", "status", "severity"), [
    ("9.1", "planned", "error"), ("9.1", "partial", "warning"), ("12.6", "planned", "warning"),
    ("12.6", "partial", "info"),
])
def test_partial_and_planned_answers(catalog: Catalog, tmp_path: Path, cid: str, status: str, severity: str) -> None:
    profile = load(tmp_path, f'[answers."{cid}"]\nstatus = "{status}"\ncontrols = "Plan PRJ-7 with dates."\n')
    assert found(catalog, profile, cid)["ALIGN008"].severity == severity


def test_text_without_a_status(catalog: Catalog, tmp_path: Path) -> None:
    profile = load(tmp_path, '[answers."7.23"]\ncontrols = "Form SEC-F-12 to the Security Manager."\n')
    assert found(catalog, profile, "7.23")["ALIGN006"].field == "status"


# --- risk assessment ----------------------------------------------------------------------------------------------

def test_a_current_risk_assessment_with_method_and_owners_passes(catalog: Catalog, tmp_path: Path) -> None:
    profile = load(tmp_path, RA.format(date="2026-02-10"))
    assert not [r for r in found(catalog, profile, "2.1") if r.startswith("RISK")]


def test_the_same_review_date_goes_stale_after_twelve_months(catalog: Catalog, tmp_path: Path) -> None:
    profile = load(tmp_path, RA.format(date="2026-02-10"))
    assert "RISK002" not in found(catalog, profile, "2.1", dt.date(2027, 2, 10))
    stale = found(catalog, profile, "2.1", dt.date(2027, 2, 11))["RISK002"]
    assert stale.severity == "error" and "2026-02-10" in stale.message


def test_missing_date_method_or_mitigation_owners_are_errors(catalog: Catalog, tmp_path: Path) -> None:
    bare = load(tmp_path, '[answers."2.1"]\nstatus = "implemented"\ncontrols = "We assess risks every year."\n')
    rules = found(catalog, bare, "2.1")
    assert {rules[r].severity for r in ("RISK001", "RISK003", "RISK004")} == {"error"}
    future = load(tmp_path, RA.format(date="2027-05-01"))
    assert found(catalog, future, "2.1")["RISK005"].severity == "warning"


def test_mitigation_owners_named_in_another_risk_answer_count(catalog: Catalog, tmp_path: Path) -> None:
    body = ('[answers."2.1"]\nstatus = "implemented"\ncontrols = "CBP five-step method, scored 1-5."\n'
            'method = "CBP five-step"\nlast_reviewed = 2026-02-10\n\n[answers."2.2"]\nstatus = "implemented"\n'
            'controls = "Each countermeasure is assigned to an owner by role with a due date."\n')
    assert "RISK004" not in found(catalog, load(tmp_path, body), "2.1")


# --- facilities ---------------------------------------------------------------------------------------------------

def test_implemented_while_a_facility_is_partial_is_an_error(catalog: Catalog, tmp_path: Path) -> None:
    body = SITES + '\n[answers."9.1"]\nstatus = "implemented"\nfacilities = { "laredo-dc" = "partial", ' \
                   '"elgin-hq" = "implemented" }\n'
    finding = found(catalog, load(tmp_path, body), "9.1")["FAC001"]
    assert finding.severity == "error"
    assert finding.message == "profile says implemented; Laredo distribution centre says partial"


def test_facility_statuses_missing_unknown_or_inconsistent(catalog: Catalog, tmp_path: Path) -> None:
    body = SITES + '\n[answers."9.1"]\nstatus = "partial"\nfacilities = { "laredo-dc" = "implemented", ' \
                   '"houston" = "implemented" }\n'
    rules = found(catalog, load(tmp_path, body), "9.1")
    assert "Elgin headquarters" in rules["FAC002"].message and "houston" in rules["FAC003"].message
    assert "FAC004" in rules
    office = SITES + '\n[answers."1.1"]\nstatus = "implemented"\ncontrols = "Signed statement."\n'
    assert "FAC002" not in found(catalog, load(tmp_path, office), "1.1")


# --- business partners --------------------------------------------------------------------------------------------

def test_screening_follows_the_cycle_for_the_risk_level(catalog: Catalog, tmp_path: Path) -> None:
    high = load(tmp_path, PARTNER.format(risk="high", screened="2025-10-01"))
    assert found(catalog, high, "3.1")["PART002"].severity == "error"
    low = load(tmp_path, PARTNER.format(risk="low", screened="2025-10-01"))
    assert "PART002" not in found(catalog, low, "3.1")
    strict = load(tmp_path, "[settings]\nscreening_cycle_months = { low = 6 }\n\n"
                  + PARTNER.format(risk="low", screened="2026-04-01"))
    assert found(catalog, strict, "3.1")["PART002"].severity == "warning"


def test_uncertified_needs_questionnaire_and_certified_needs_verification(catalog: Catalog, tmp_path: Path) -> None:
    body = PARTNER.format(risk="medium", screened="2026-03-01").replace('questionnaire = "SQ-2026-02"\n', "")
    body += ('\n[[partners]]\nname = "Rio Bravo Transport"\nrole = "carrier"\ncountry = "MX"\ncertification = "ctpat"\n'
             'risk = "high"\nlast_screened = 2026-08-04\n')
    rules = {f.rule: f for f in review_answer(catalog, load(tmp_path, body), "3.1", today=TODAY)}
    assert "Hanoi Packaging" in rules["PART004"].message
    assert "Rio Bravo Transport" in rules["PART005"].message and "PART006" in rules
    assert "PART001" in found(catalog, load(tmp_path, body.replace("last_screened = 2026-03-01\n", "")), "3.1")


def test_no_partner_register_means_screening_is_undocumented(catalog: Catalog, tmp_path: Path) -> None:
    finding = found(catalog, load(tmp_path, '[answers."3.1"]\nstatus = "implemented"\n'), "3.1")["PART007"]
    assert finding.field == "partners"
    assert "PART007" not in found(catalog, load(tmp_path, PARTNER.format(risk="low", screened="2026-03-01")), "3.1")


# --- portal text --------------------------------------------------------------------------------------------------

def test_the_length_limit_is_off_by_default_and_warns_when_set(catalog: Catalog, tmp_path: Path) -> None:
    body = '[answers."7.23"]\nstatus = "implemented"\nnarrative = "' + "Staff call the Security Manager. " * 20 + '"\n'
    assert "TEXT001" not in found(catalog, load(tmp_path, body), "7.23")
    limited = found(catalog, load(tmp_path, "[settings]\nportal_char_limit = 300\n\n" + body), "7.23")["TEXT001"]
    assert limited.severity == "warning" and "limit is set to 300" in limited.message


def test_tabs_and_control_characters_are_info(catalog: Catalog, tmp_path: Path) -> None:
    profile = load(tmp_path, '[answers."7.23"]\nstatus = "implemented"\nowner = "Security\\tManager\\u200b"\n')
    finding = found(catalog, profile, "7.23")["TEXT002"]
    assert finding.severity == "info" and "tab" in finding.message and "zero-width space" in finding.message


def test_a_narrative_must_name_the_method_itself(catalog: Catalog, tmp_path: Path) -> None:
    narrative = ('narrative = "The Director of Trade Compliance reviews supplier lanes each January; every mitigation '
                 'has an owner by role and a due date."\n')
    silent = load(tmp_path, RA.format(date="2026-02-10") + narrative)
    finding = found(catalog, silent, "2.1")["RISK003"]
    assert finding.field == "narrative" and "CBP five-step" in finding.message
    named = load(tmp_path, RA.format(date="2026-02-10") + narrative.replace("reviews", "applies the CBP five-step "
                                                                            "process to"))
    assert "RISK003" not in found(catalog, named, "2.1")
