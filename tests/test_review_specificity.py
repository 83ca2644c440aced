"""Specificity: vague detail fields, generic claims, restated criteria, short answers and copied text are caught."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from ctpat_tui.catalog import Catalog
from ctpat_tui.cli import main
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.profile.model import Profile
from ctpat_tui.review import lint_text, review_answer

TODAY = dt.date(2026, 11, 29)
TEST_SET = tomllib.loads((Path(__file__).parent / "data" / "specificity_answers.toml").read_text("utf-8"))["answer"]
FIELD_RULES = {"frequency": "SPEC002", "owner": "SPEC003", "records": "SPEC004", "escalation": "SPEC005",
               "controls": "SPEC006", "narrative": "SPEC007"}
STRONG = {
    "controls": "Incidents are reported on form SEC-F-12 to the Security Manager, who notifies our SCSS and the "
                "nearest port within 24 hours.",
    "frequency": "Every incident; contact list checked every quarter",
    "owner": "Security Manager (Laredo)",
    "records": "Incident log in ServiceNow, kept 5 years",
    "escalation": "The Security Manager informs the Director of Trade Compliance within 1 hour and CBP within 24 "
                  "hours.",
}


def profile_with(tmp_path: Path, answers: dict[str, dict[str, str]]) -> Profile:
    """An importer profile with the given answers (status implemented unless set)."""
    lines = ['[profile]', 'schema = 1', 'company = "Example Imports"', 'entity_type = "importer"']
    for cid, fields in answers.items():
        lines.append(f'\n[answers."{cid}"]')
        lines.append(f'status = "{fields.get("status", "implemented")}"')
        for key, value in fields.items():
            if key != "status":
                lines.append(f"{key} = {value!r}".replace("'", '"') if '"' not in value else f"{key} = '''{value}'''")
    path = tmp_path / "profile.toml"
    text = "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8")
    return ProfileDocument.parse(text, path).profile


def rules_for(catalog: Catalog, profile: Profile, cid: str) -> set[str]:
    return {f.rule for f in review_answer(catalog, profile, cid, today=TODAY)}


VAGUENESS_RULES = {*FIELD_RULES.values(), "SPEC008"}


def flagged(item: dict[str, str], catalog: Catalog, rules: set[str] = VAGUENESS_RULES) -> bool:
    """True when linting the test-set text as its field raises one of `rules` (default: the vagueness rules)."""
    found = lint_text(item["text"], item["field"], criterion=item["criterion"], entity="importer", catalog=catalog)
    return any(f.rule in rules for f in found)


def test_the_test_set_is_large_balanced_and_covers_every_field() -> None:
    generic = [a for a in TEST_SET if a["kind"] == "generic"]
    specific = [a for a in TEST_SET if a["kind"] == "specific"]
    assert len(TEST_SET) >= 60 and len(generic) == len(specific)
    assert {a["field"] for a in generic} == {a["field"] for a in specific} == set(FIELD_RULES)
    assert len({a["criterion"] for a in TEST_SET}) >= 15


def test_detection_rates_on_the_test_set(catalog: Catalog, capsys: pytest.CaptureFixture[str]) -> None:
    generic = [a for a in TEST_SET if a["kind"] == "generic"]
    specific = [a for a in TEST_SET if a["kind"] == "specific"]
    caught = [a for a in generic if flagged(a, catalog)]
    false_alarms = [a for a in specific if flagged(a, catalog)]
    too_short = [a for a in specific if flagged(a, catalog, {"SPEC009"})]
    with capsys.disabled():
        print(f"\nspecificity test set: {len(caught)}/{len(generic)} generic flagged, "
              f"{len(false_alarms)}/{len(specific)} specific flagged as vague "
              f"({len(too_short)} specific narratives also called too short by SPEC009)")
    assert len(caught) / len(generic) >= 0.90, [a["text"] for a in generic if a not in caught]
    assert len(false_alarms) / len(specific) <= 0.10, [a["text"] for a in false_alarms]


@pytest.mark.parametrize(("field", "text", "rule"), [
    ("escalation", "Issues are handled", "SPEC005"),
    ("frequency", "As needed", "SPEC002"),
    ("owner", "Everyone", "SPEC003"),
    ("records", "Records are kept", "SPEC004"),
    ("controls", "We maintain security and appropriate measures are in place.", "SPEC006"),
])
def test_an_importer_answering_7_23_vaguely_gets_the_field_rule(catalog: Catalog, tmp_path: Path, field: str,
                                                                  text: str, rule: str) -> None:
    profile = profile_with(tmp_path, {"7.23": {**STRONG, field: text}})
    found = review_answer(catalog, profile, "7.23", today=TODAY)
    hits = [f for f in found if f.rule == rule]
    assert hits and hits[0].field == field and hits[0].suggestion
    assert not ({f.rule for f in found} & (set(FIELD_RULES.values()) - {rule}))


def test_a_strong_five_field_answer_gets_no_specificity_finding(catalog: Catalog, tmp_path: Path) -> None:
    profile = profile_with(tmp_path, {"7.23": {**STRONG, "contacts_last_verified": "2026-10-01"}})
    assert not {r for r in rules_for(catalog, profile, "7.23") if r.startswith("SPEC")}


def test_an_empty_field_is_an_error_unless_a_narrative_may_cover_it(catalog: Catalog, tmp_path: Path) -> None:
    bare = profile_with(tmp_path, {"7.23": {**STRONG, "records": ""}})
    [empty] = [f for f in review_answer(catalog, bare, "7.23", today=TODAY) if f.rule == "SPEC001"]
    assert (empty.severity, empty.field) == ("error", "records")
    narrative = ("Staff report incidents on form SEC-F-12 to the Security Manager, who logs them in ServiceNow for 5 "
                 "years and notifies our SCSS and the Laredo port within 24 hours; the contact list is checked every "
                 "quarter.")
    covered = profile_with(tmp_path, {"7.23": {**STRONG, "records": "", "narrative": narrative}})
    [soft] = [f for f in review_answer(catalog, covered, "7.23", today=TODAY) if f.rule == "SPEC001"]
    assert soft.severity == "warning"


def test_an_answer_that_restates_the_criterion_is_flagged(catalog: Catalog, tmp_path: Path) -> None:
    restated = "We have security incident reporting procedures."
    profile = profile_with(tmp_path, {"7.23": {**STRONG, "controls": restated}})
    assert "SPEC008" in rules_for(catalog, profile, "7.23")


def test_five_terse_fields_are_too_short(catalog: Catalog, tmp_path: Path) -> None:
    terse = {"controls": "Form SEC-F-12", "frequency": "Each incident", "owner": "Security Manager",
             "records": "ServiceNow", "escalation": "Call CFO within 1 hour"}
    assert "SPEC009" in rules_for(catalog, profile_with(tmp_path, {"7.23": terse}), "7.23")


def test_template_text_copied_to_criteria_it_fits_equally_is_flagged_on_both(catalog: Catalog, tmp_path: Path) -> None:
    template = ("Our company has implemented strict security procedures that are reviewed by the security team and "
                "all employees follow them to protect our supply chain at all times.")
    profile = profile_with(tmp_path, {"9.1": {**STRONG, "controls": template},
                                      "10.2": {**STRONG, "controls": template}})
    assert "SPEC010" in rules_for(catalog, profile, "9.1")
    assert "SPEC010" in rules_for(catalog, profile, "10.2")


def test_copied_text_is_flagged_where_it_fits_worse_not_at_its_original(catalog: Catalog, tmp_path: Path) -> None:
    incident = STRONG["controls"]
    profile = profile_with(tmp_path, {"7.23": STRONG, "9.1": {**STRONG, "controls": incident}})
    assert "SPEC010" in rules_for(catalog, profile, "9.1")
    assert "SPEC010" not in rules_for(catalog, profile, "7.23")


def test_similar_but_distinct_answers_are_not_reuse(catalog: Catalog, tmp_path: Path) -> None:
    fence = ("An 8-foot fence with barbed wire encloses the Laredo yard; the patrol guard walks the fence line twice "
             "per shift and logs gaps in the patrol app.")
    gate = ("Fence damage is reported by the patrol guard to the Security Manager within 1 hour and fixed within 48 "
            "hours.")
    profile = profile_with(tmp_path, {"7.23": STRONG, "9.1": {**STRONG, "controls": fence, "escalation": gate}})
    assert "SPEC010" not in rules_for(catalog, profile, "9.1")


_NEAR_COPIES = '''
from ctpat_tui.review.context import jaccard, shingles, sketch
first = ("Every outbound trailer is sealed with an ISO 17712 high security bolt seal by the shipping lead, who "
         "records the seal number, trailer number and time on the dispatch sheet before the driver leaves the yard")
second = first.replace("shipping lead", "dock supervisor").replace("before the driver", "as the driver")
print(sketch(first), sketch(second), round(jaccard(shingles(first), shingles(second)), 3))
'''


def test_which_texts_count_as_copies_is_the_same_in_every_run() -> None:
    """The reuse check's fingerprints of a text must not depend on the process's hash seed: a `ctpat check` in CI
    and the editor must flag the same copied answers every time."""
    outputs = {subprocess.run([sys.executable, "-c", _NEAR_COPIES], capture_output=True, text=True, check=True,
                              env={**__import__("os").environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("0", "1", "11", "4242")}
    assert len(outputs) == 1, outputs


def test_placeholders_and_required_extra_values(catalog: Catalog, tmp_path: Path) -> None:
    profile = profile_with(tmp_path, {"7.23": {**STRONG, "owner": "TBD"}, "12.1": STRONG})
    assert "SPEC013" in rules_for(catalog, profile, "7.23")
    assert "SPEC011" in rules_for(catalog, profile, "12.1")


def test_lint_text_uses_the_criterion_and_reports_paste_problems(catalog: Catalog) -> None:
    found = lint_text("We have security incident reporting procedures.", "controls", criterion="7.23",
                      catalog=catalog)
    assert {f.rule for f in found} >= {"SPEC008"} and all(f.criterion == "7.23" for f in found)
    assert [f.rule for f in lint_text("Security\tManager", "owner")] == ["TEXT002"]
    assert [f.rule for f in lint_text("", "records")] == ["SPEC001"]
    assert lint_text("Seal log in SAP, kept 2 years", "records") == ()


def test_held_out_answers_written_after_tuning(catalog: Catalog, capsys: pytest.CaptureFixture[str]) -> None:
    held_out = [a for a in TEST_SET if a.get("set") == "holdout"]
    generic = [a for a in held_out if a["kind"] == "generic"]
    specific = [a for a in held_out if a["kind"] == "specific"]
    caught = sum(flagged(a, catalog) for a in generic)
    false_alarms = sum(flagged(a, catalog) for a in specific)
    with capsys.disabled():
        print(f"\nheld-out answers: {caught}/{len(generic)} generic flagged, {false_alarms}/{len(specific)} specific")
    assert len(held_out) >= 24
    assert caught / len(generic) >= 0.90 and false_alarms / len(specific) <= 0.10


# --- the independently written corpus (issue 18) -------------------------------------------------------------------

CORPUS_DIR = Path(__file__).parent / "data" / "specificity_corpus"
CORPUS_FIELDS = ("controls", "frequency", "owner", "records", "escalation")


def corpus_rates(part: str) -> dict[str, tuple[int, int, int, int]]:
    """Per field: (vague flagged, vague, specific flagged, specific) when each answer is linted as its field."""
    items = tomllib.loads((CORPUS_DIR / f"{part}.toml").read_text("utf-8"))["answer"]
    rates = {}
    for field in CORPUS_FIELDS:
        rows = [a for a in items if a["field"] == field]
        vague = [a for a in rows if a["label"] == "vague"]
        specific = [a for a in rows if a["label"] == "specific"]
        flag = {a["text"]: any(f.rule in VAGUENESS_RULES for f in lint_text(a["text"], field, entity=a["entity"]))
                for a in rows}
        rates[field] = (sum(flag[a["text"]] for a in vague), len(vague),
                        sum(flag[a["text"]] for a in specific), len(specific))
    return rates


def assert_issue_bar(part: str | tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    parts = (part,) if isinstance(part, str) else part
    rates: dict[str, tuple[int, int, int, int]] = {}
    for one in parts:
        for field, counts in corpus_rates(one).items():
            rates[field] = tuple(a + b for a, b in zip(rates.get(field, (0, 0, 0, 0)), counts))  # type: ignore[assignment]
    with capsys.disabled():
        print(f"\nspecificity corpus, {'+'.join(parts)} part: " + "; ".join(
            f"{field} {c}/{v} vague flagged, {f}/{s} specific flagged" for field, (c, v, f, s) in rates.items()))
    for field, (caught, vague, false_alarms, specific) in rates.items():
        assert vague >= 20 and specific >= 20, field
        assert caught / vague >= 0.95, f"{field}: only {caught}/{vague} vague answers flagged"
        assert false_alarms / specific <= 0.05, f"{field}: {false_alarms}/{specific} specific answers flagged"


def test_development_part_of_the_corpus_meets_the_bar_in_every_field(capsys: pytest.CaptureFixture[str]) -> None:
    assert_issue_bar("dev", capsys)


def test_development_part_b_of_the_corpus_meets_the_bar_in_every_field(capsys: pytest.CaptureFixture[str]) -> None:
    assert_issue_bar("dev-b", capsys)


def test_development_part_c_of_the_corpus_meets_the_bar_in_every_field(capsys: pytest.CaptureFixture[str]) -> None:
    assert_issue_bar("dev-c", capsys)


def test_development_part_d_of_the_corpus_meets_the_bar_in_every_field(capsys: pytest.CaptureFixture[str]) -> None:
    assert_issue_bar("dev-d", capsys)


def test_development_part_e_of_the_corpus_meets_the_bar_in_every_field(capsys: pytest.CaptureFixture[str]) -> None:
    assert_issue_bar("dev-e", capsys)


def test_development_part_f_of_the_corpus_meets_the_bar_in_every_field(capsys: pytest.CaptureFixture[str]) -> None:
    assert_issue_bar("dev-f", capsys)


def test_development_part_g_of_the_corpus_meets_the_bar_in_every_field(capsys: pytest.CaptureFixture[str]) -> None:
    assert_issue_bar("dev-g", capsys)


def test_development_part_h_of_the_corpus_meets_the_bar_in_every_field(capsys: pytest.CaptureFixture[str]) -> None:
    assert_issue_bar("dev-h", capsys)


def test_development_part_i_of_the_corpus_meets_the_bar_in_every_field(capsys: pytest.CaptureFixture[str]) -> None:
    assert_issue_bar("dev-i", capsys)


def test_development_part_j_of_the_corpus_meets_the_bar_in_every_field(capsys: pytest.CaptureFixture[str]) -> None:
    assert_issue_bar("dev-j", capsys)


def test_development_part_k_of_the_corpus_meets_the_bar_in_every_field(capsys: pytest.CaptureFixture[str]) -> None:
    assert_issue_bar("dev-k", capsys)


def test_development_part_l_of_the_corpus_meets_the_bar_in_every_field(capsys: pytest.CaptureFixture[str]) -> None:
    assert_issue_bar("dev-l", capsys)


def test_development_parts_m_n_o_of_the_corpus_meet_the_bar_in_every_field(capsys: pytest.CaptureFixture[str]) -> None:
    # 16 answers of each label per field in each of these parts (once held-out part 5a, 5b, 5c), too few to judge
    # one part alone at 95% / 5%: judged together, as when they were held out
    assert_issue_bar(("dev-m", "dev-n", "dev-o"), capsys)


def test_development_parts_p_q_of_the_corpus_meet_the_bar_in_every_field(capsys: pytest.CaptureFixture[str]) -> None:
    # 16 answers of each label per field in each of these parts (once held-out part 6a and 6d): judged together,
    # as when they were held out
    assert_issue_bar(("dev-p", "dev-q"), capsys)


def test_development_parts_r_s_t_u_of_the_corpus_meet_the_bar_in_every_field(
        capsys: pytest.CaptureFixture[str]) -> None:
    # 16 answers of each label per field in each of these parts (once held-out part 7: 6b, 7a, 7b, 7c): judged
    # together, as when they were held out
    assert_issue_bar(("dev-r", "dev-s", "dev-t", "dev-u"), capsys)


# The held-out test part: every corpus file named test-*.toml, written by authors the scorer's developers never saw
# and evaluated once with the scorer of the day. Session 3's parts A, B and C became tuning data in session 4
# (dev-g, dev-h, dev-i); held-out part 4 (4a, 4b, 4c) became tuning data in round 5 (dev-j, dev-k, dev-l) after its
# one evaluation with the scorer of b36905a (vague flagged / specific flagged, of 60 each): controls 56 and 0,
# frequency 57 and 0, owner 60 and 0, records 60 and 1, escalation 58 and 3. Held-out part 5 (5a, 5b, 5c) became
# tuning data in round 6 (dev-m, dev-n, dev-o) after its one evaluation with the scorer of c6e6c5b (of 48 each):
# controls 45 and 1, frequency 46 and 1, owner 47 and 1, records 47 and 1, escalation 48 and 1; only controls missed
# the bar (46/48), so this test was a strict xfail. Held-out part 6 (6a, 6d; two new authors) became tuning data in
# round 7 (dev-p, dev-q) after its one evaluation with the scorer of d97c6ff (of 32 each): controls 31 and 0,
# frequency 30 and 0, owner 29 and 0, records 32 and 0, escalation 32 and 1 (bar 31/32 at this size): frequency and
# owner missed it, so this test was a strict xfail. Held-out part 7 (6b, 7a, 7b, 7c; four new authors, 640 answers)
# became tuning data in round 8 (dev-r, dev-s, dev-t, dev-u) after its one evaluation with the scorer of e51d785
# (vague flagged / specific flagged, of 64 each): controls 61 and 2, frequency 60 and 0, owner 64 and 1, records 64
# and 1, escalation 63 and 1 (bar 61/64 and at most 3/64): frequency missed it, so this test was a strict xfail. The
# current held-out part is part 8 (8a, 8b, 8c, 9a, 9b; five new authors, 800 answers), evaluated once with the
# scorer of d2bb1b9 (of 80 each): controls 78 and 1, frequency 76 and 2, owner 78 and 1, records 80 and 1,
# escalation 80 and 1: the bar is met in every field. Never tune on it; the next round makes it tuning data and
# judges a new part written by new authors (mark this test strict xfail if that part misses the bar).
TEST_PARTS = tuple(sorted(path.stem for path in CORPUS_DIR.glob("test-*.toml")))
NO_TEST_PART = "no held-out test part yet (tests/data/specificity_corpus/test-*.toml): the lead adds the next one"


def test_the_held_out_test_part_is_balanced_and_large_enough_to_judge_each_field() -> None:
    if not TEST_PARTS:
        pytest.skip(NO_TEST_PART)
    items = [a for part in TEST_PARTS for a in tomllib.loads((CORPUS_DIR / f"{part}.toml").read_text("utf-8"))["answer"]]
    for field in CORPUS_FIELDS:
        labels = [a["label"] for a in items if a["field"] == field]
        assert labels.count("vague") == labels.count("specific") >= 16, field  # 16: one miss is already 93.8%
    for part in TEST_PARTS:  # no answer twice within a part; two authors may write the same plain words, alike
        texts = [a["text"] for a in tomllib.loads((CORPUS_DIR / f"{part}.toml").read_text("utf-8"))["answer"]]
        assert len(set(texts)) == len(texts), part
    labels_of: dict[tuple[str, str], set[str]] = {}
    for a in items:
        labels_of.setdefault((a["field"], a["text"]), set()).add(a["label"])
    assert all(len(labels) == 1 for labels in labels_of.values())


def test_the_held_out_test_part_meets_the_bar_in_every_field(capsys: pytest.CaptureFixture[str]) -> None:
    if not TEST_PARTS:
        pytest.skip(NO_TEST_PART)
    rates: dict[str, tuple[int, int, int, int]] = {}
    for part in TEST_PARTS:
        for field, counts in corpus_rates(part).items():
            rates[field] = tuple(a + b for a, b in zip(rates.get(field, (0, 0, 0, 0)), counts))  # type: ignore[assignment]
    with capsys.disabled():
        print("\nspecificity corpus, held-out test part: " + "; ".join(
            f"{field} {c}/{v} vague flagged, {f}/{s} specific flagged" for field, (c, v, f, s) in rates.items()))
    for field, (caught, vague, false_alarms, specific) in rates.items():
        assert caught / vague >= 0.95, f"{field}: only {caught}/{vague} vague answers flagged"
        assert false_alarms / specific <= 0.05, f"{field}: {false_alarms}/{specific} specific answers flagged"


CARRIER_NOTES = {
    "controls": "7-pt tractor insp + 17-pt trailer insp on form TI-17 at yard exit, drvr signs, yard lead countersigns",
    "frequency": "each trailer, before hookup",
    "owner": "Yard Jockey lead, 2nd shft",
    "records": "TI-17 sheets scanned to Samsara per trip, kept 2 yrs",
    "escalation": "seal # off -> drvr holds trailer, calls Dispatch Supv w/in 15 min; Supv tells CBP same shift",
}
CONSULTANT = {
    "controls": "Our organisation maintains a robust, multi-layered approach to conveyance security, fully aligned "
                "with the WCO SAFE Framework and industry best practice, ensuring continuous improvement.",
    "frequency": "Inspections are carried out at onboarding, with refresher reviews conducted over time as the "
                 "risk landscape evolves.",
    "owner": "The nominated focal point for each process, supported by management.",
    "records": "Evidence is archived following our standard document-control rules and is available upon request.",
    "escalation": "Exceptions are flagged the same day to the parties involved and resolved appropriately.",
}


@pytest.mark.parametrize("field", CORPUS_FIELDS)
def test_a_carriers_terse_precise_notes_raise_nothing(field: str, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(CARRIER_NOTES[field]))
    assert main(["lint", "--field", field, "--entity", "highway_carrier"]) == 0
    assert capsys.readouterr().out.strip() == f"{field}: no findings"


@pytest.mark.parametrize(("field", "missing"), [
    ("controls", "is a claim, not a mechanism"), ("frequency", "'over time' leaves the interval open"),
    ("owner", "is not a role"), ("records", "names no record"), ("escalation", "names no recipient"),
])
def test_a_consultants_template_paragraph_is_told_what_is_missing(field: str, missing: str,
                                                                  capsys: pytest.CaptureFixture[str],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(CONSULTANT[field]))
    assert main(["lint", "--field", field, "--entity", "importer"]) == 1
    out = capsys.readouterr().out
    assert "warning" in out and missing in out and "->" in out


def test_explain_prints_the_question_the_verdict_and_the_signals(capsys: pytest.CaptureFixture[str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("tell sup asap"))
    assert main(["lint", "--field", "escalation", "--explain"]) == 1
    out = capsys.readouterr().out
    assert "escalation asks how problems are escalated" in out
    assert "verdict: vague: 'asap' is not a time limit" in out
    assert "+ recipient: 'sup'" in out and "- not a time limit: 'asap'" in out
    assert "model: score" in out and "weighing most toward vague" in out
    monkeypatch.setattr("sys.stdin", io.StringIO("Whse Supv."))
    assert main(["lint", "--field", "owner", "--explain", "--json"]) == 0
    explained = json.loads(capsys.readouterr().out)["explain"]
    assert explained["vague"] is False and any("Whse Supv" in s for s in explained["signals"])
    # a system named where the notice goes: the explanation says why it is no recipient
    monkeypatch.setattr("sys.stdin", io.StringIO("exceptions flagged in RailTrak w/in 24h"))
    assert main(["lint", "--field", "escalation", "--explain"]) == 1
    out = capsys.readouterr().out
    assert "names no recipient" in out and "- a system where it is entered, not a recipient: 'RailTrak'" in out


@pytest.mark.parametrize(("field", "text"), [
    ("frequency", "at hire, with refreshers periodically"),       # a bounded part and an open one
    ("frequency", "Every shift, plus spot checks"),               # the spot-check interval is open
    ("owner", "whoever leads the shift concerned"),               # 'leads' is a verb, not a role
    ("owner", "Upper Management"),                                # capitals do not make a collective a unit
    ("controls", "99.9% of shipments pass our integrity review"), # a result, not a mechanism
    ("controls", "Aligned with WCO SAFE and ISO 28000."),         # a standard, not how it is met
    ("records", "Training records are retained."),                # a record, but not where or how long
    ("escalation", "Escalated to the Security Manager promptly."),  # 'promptly' is not a time limit
    ("frequency", "Vulnerability scans run in proportion to how much the network changes."),  # no bound
    ("frequency", "Before each departure and at other times as the supervisor deems fit."),  # a discretion
    ("frequency", "Access rights are reviewed on a continuous basis."),  # 'continuous' is not an interval
    ("owner", "la que este en turno"),                            # Spanish 'whoever is on shift'
    ("owner", "Mr. Garza knows all about it"),                    # a person with no role
    ("owner", "The Company shall appoint competent individuals."),  # a promise to name someone
    ("records", "A robust records management approach ensures audit readiness."),  # 'records' modifies a noun
    ("records", "Shipping data lives in the ERP under our retention policy."),  # a policy, no record
    ("escalation", "Candado roto: avisar pronto, unidad al patio."),  # a device is not a recipient
    ("frequency", "At hire. Refresher courses are offered."),       # the refresher interval is open
    ("frequency", "On a cadence agreed with the customer."),         # a cadence with no interval
    ("owner", "Operational owners across the network."),             # a pseudo-role in the plural
    ("frequency", "Quarterly or as business conditions change."),    # the bound is reopened
    ("frequency", "Yearly (subject to resources)."),                 # a bound made conditional
    ("frequency", "2x - 3x"),                                        # a count with no period
    ("owner", "a person assigned by the GM as needed"),              # the GM picks; who owns it is open
    ("records", "We use a state-of-the-art document system."),       # 'document' modifies 'system'
    ("owner", "Dept. heads"),                                        # a group, not a role
    ("frequency", "a couple times a yr maybe"),                       # a hedged interval
    ("frequency", "Kept in tandem with the annual budgeting process."),  # an interval borrowed, not stated
    ("frequency", "Revisited if headcount grows substantially."),      # a trigger only a judgement fires
    ("frequency", "Yard gets hosed down when it seems dirty"),         # an appearance, not a trigger
    ("controls", "crew knows the routine, nothing leaves w/o a pretty good check"),  # know-how, not a check
    ("controls", "guards r gr8, l8r shift double checks 2day"),        # phone shorthand is not a code
    ("escalation", "Door-forced notices are routed to the GSOC within 2 minutes."),  # the notice moves, no one acts
    ("frequency", "if there are spare hands on the day"),             # capacity, not an interval
    ("frequency", "Once the site lead reckons it is due"),            # a judgement fires it
    ("frequency", "every several weeks"),                             # a count left open
    ("frequency", "cada que se necesita"),                            # Spanish 'whenever it is needed'
    ("frequency", "Handled on an as-warranted basis"),                # a basis, not an interval
    ("frequency", "Patrols keep to a steady tempo"),                  # a pace, not an interval
    ("escalation", "driver lets somebody on duty know within 10 min"),  # the driver reports; no one receives
    ("owner", "every area manager for their own zone"),               # a role spread over every unit
    ("owner", "TBC by the working group"),                            # a gap is not a named unit
    ("owner", "The shift manager for the relevant location"),         # a role spread over every location
    ("frequency", "Monthly in winter, less during quiet seasons"),    # the second bound is open
    ("frequency", "cada semana mas o menos"),                         # Spanish 'more or less'
    ("frequency", "Induction on day one, reinforced through team briefings"),  # the reinforcement has no interval
    ("frequency", "Checked on arrival and subsequently as operationally needed"),
    ("frequency", "Monthly when there is enough budget"),             # a condition only money fulfils
    ("frequency", "Whenever a new risk arises."),                     # a judgement, not an event anyone can see
    ("frequency", "Daily for the main gate, at a reduced rate elsewhere"),
    ("frequency", "Access reviews every quarter, plus on role changes where notified"),
    ("frequency", "Scans are scheduled based on each server's criticality."),
    ("controls", "Vetting programme established per company policy"),  # a programme said to exist, cited to a rule
    ("owner", "Yard folks on every shift"),                           # a collective of a place
    ("records", "Files retained per ISO 28000 clause 4"),             # a standard cited, not where or how long
    ("frequency", "de vez en cuando, si hay tiempo"),                 # Spanish hedges read as written
    ("records", "ACE entry records - on hand"),                       # the name says which record, not where
    ("escalation", "Thefts shall be reported to the Plant Manager within two (2) hours."),  # a report, no correction
    ("escalation", "Door alarms from the dock sensors page the duty guard within 3 minutes."),  # the notice travels
    ("escalation", "guard stays with the box, reports within 10 min"),  # the guard acts; to whom is open
    ("escalation", "Deviations shall be corrected within 14 days."),  # 'Deviations' is not a recipient
    ("frequency", "Las cajas se revisan casi siempre antes de cargar"),  # 'almost always' hedges the trigger
    ("frequency", "la revision se hace cuando el chofer considera necesario"),  # a judgement fires it
    ("frequency", "yard sweep with the normal rounds, no fixed schedule"),
    ("records", "everything in the TMS, 3 yrs"),                     # everything is not a named record
    ("controls", "trailers get looked over real good before they leave"),  # an informal appraisal
    # each element of an escalation found for real: a vague action next to a message passed on is no action
    ("escalation", "The supervisor handles it within one shift and informs the Plant Manager."),
    ("escalation", "Findings are escalated to the Logistics Director within 5 days, who decides next steps."),
    ("escalation", "The driver takes the necessary steps and notifies the terminal manager within an hour."),
    ("escalation", "The dock lead acts on it within 30 min and informs the site leadership."),  # 'lead' is no recipient
    ("escalation", "El guardia toma las medidas necesarias y avisa al gerente en 1 hora."),
    ("records", "Records are kept in SAP for 5 years."),              # where and how long, but which record?
    ("owner", "The assigned lead."),                                  # assigned by whom, which lead?
    ("owner", "La persona encargada del área."),                      # 'the person in charge' is a pseudo-role
    ("frequency", "Inspections each trailer, audits when the auditor is in town."),  # a visit fires the audits
    ("frequency", "Every shift, plus extra rounds during high-risk periods."),  # who marks a high-risk period?
    ("frequency", "Annual, unless the business is too busy."),
    ("frequency", "Risk assessment annually; the partner list is refreshed continually."),  # the refresh is unbounded
    ("frequency", "at hire + whenever HR remembers"),
    ("frequency", "On a risk-adjusted frequency calibrated to each lane."),
    ("escalation", "The guard contacts the on-duty supervisor immediately for further guidance."),  # asks, acts not
    ("records", "We keep copies of what matters for at least 5 years."),  # 'keep copies' names no record
    ("frequency", "seal audit on most trailers"),                   # a share left open
    ("frequency", "Footage is reviewed whenever conditions so require."),
    ("frequency", "Revisamos las licencias al contratar y luego cuando es necesario."),
    ("escalation", "Dock crew stops the load and the problem is reported within 10 minutes."),  # the crew acts; told?
    ("escalation", "If a seal photo is missing we sort it out with the carrier the same day."),  # 'seal' is a noun
    ("escalation", "guard stops truck and calls Management within 10 min"),  # 'Management' is no recipient
    ("escalation", "Reported to the Security Director within 1 business day for review."),  # a passive notice only
    ("frequency", "Each container before stuffing; deeper inspections when intelligence suggests."),
    ("frequency", "Pre-hire check for all; re-investigation according to position sensitivity over the years."),
    ("frequency", "Pre-trip inspections by drivers when operational bandwidth allows."),
    # apparent bounds: a range with no rule to choose in it, a rule of thumb, an opportunity or a state noticed
    ("frequency", "Trailer sweeps every 2-4 weeks."), ("frequency", "Seal inventory reviewed every one to three months."),
    ("frequency", "As a rule, the fence is walked weekly."), ("frequency", "We reorder seals whenever we run low."),
    ("frequency", "Dock swept whenever the yard crew can."), ("frequency", "Policy re-read whenever something changes."),
    ("frequency", "We re-train people every year or two."), ("frequency", "Fence walked weekly, weather permitting."),
    ("frequency", "Inventory of seals whenever the box looks empty."), ("frequency", "Whenever the boss asks."),
    # apparent places and periods: a store described in common words, a hedged period, records listed as if a place
    ("records", "Inspection sheets are kept on file centrally for the statutory retention period."),
    ("records", "Checklists live in a secure cloud-based document repository."),
    ("records", "Seal logs are retained typically two to four years."),
    ("records", "Audit reports, CARs and vendor certificates are securely archived."),
    # the writer's own title introduces the answer; the owner named after it is a collective
    ("owner", "Dock Supervisor here: the whole warehouse crew looks after it."),
    ("owner", "Every team member owns seal integrity."),
    ("owner", "Shift leads together with the broader operations team."),  # plural roles beside a collective
    # an appraisal by eye or experience, a custom cited: no check an auditor could ask to see
    ("controls", "Our yard lead can tell a bad seal by eye, twenty years on the job."),
    ("controls", "Trailers are inspected using accepted industry methods."),
    # a need or an opportunity as the trigger, in other words
    ("frequency", "Perimeter walk whenever reasonably practicable."), ("frequency", "Seal inventory any time it's needed."),
    ("frequency", "Fence check when the guard has a spare minute."),
    ("frequency", "Training at onboarding and whenever HR finds it useful."),
    ("frequency", "vehicle checks when there's a gap in the schedule"), ("frequency", "Audits at management's convenience."),
    # a standard, a regulation, a rate or an adverb of care instead of a mechanism
    ("controls", "Seal handling follows ISO 17712 and ASTM F1157, with a 99.5% integrity rate last year."),
    ("controls", "We are certified against SA8000 and BSCI, embedding ethical sourcing across tier-1 suppliers."),
    ("controls", "Appropriate vetting is in place per applicable laws and regulations."),
    ("controls", "keys looked after diligently and kept secure"),
    # a system named as the recipient receives nobody; a corrective-action record overseen by a collective
    ("escalation", "discrepancies logged into SAP within 2 hours and closed"),
    ("escalation", "Tamper alarms trigger an RCA overseen by management, closed within 10 days."),
    # awareness, an expectation, a manner, someone else's requirements or abstract technology beside weak evidence
    ("controls", "Drivers are made aware of the importance of checking the seal at each stop."),
    ("controls", "Yard staff are expected to follow company standards when locking trailers."),
    ("controls", "Supervisor: containers are sealed suitably before dispatch, to the shipper's requirements."),
    ("controls", "CCTV footage is reviewed through machine learning and AI-powered analytics."),
    # an approximation of the bound, or a workload that lets it happen
    ("frequency", "we sweep n check for bugs pretty much daily"), ("frequency", "Yard walk kinda weekly."),
    ("frequency", "Seal audit whenever the workload permits us."),
    # a fiscal period is no record
    ("records", "Training completion is tracked and reported, with 100% completion achieved in FY25."),
    # an opportunity fires it, or a claim word stands where the bound should be, beside a bound of another kind
    ("frequency", "Hold inspections on each voyage leg, as the port rotation permits."),
    ("frequency", "Fence walks every shift, plus extra rounds as opportunities arise."),
    ("frequency", "Perimeter reviews at a suitable cadence, guided by 24/7 risk intelligence."),
    ("frequency", "Badge audits on a risk-appropriate schedule across all sites."),
    ("frequency", "Rondas cada turno y cuando el trabajo lo permita."),
    # a collective with a place or a unit code, a pseudo-role of abstract nouns, a system as the owner
    ("owner", "los compas del almacen GDL-2"), ("owner", "the lads at the SLC cross-dock"),
    ("owner", "Suitably authorised business functions, per our RACI."),
    ("owner", "Dedicated resources within Operations"),
    ("owner", "The YMS schedules the moves; nobody in particular."), ("owner", "System-generated, handled by workflow"),
    ("owner", "ServiceNow routes it"), ("owner", "the dispatch scheduler bot"), ("owner", "Owned by the night shift"),
    ("owner", "data stewards"), ("frequency", "Fence inspections during downtime."),
    # conformity claimed instead of a mechanism
    ("controls", "Trailer checks at dispatch use our established protocols, meeting or exceeding every TAPA requirement."),
    ("controls", "Container inspections at the dock are in full compliance with ISO 28000."),
    ("controls", "AEO-certified security processes cover every load at stuffing."),
    ("controls", "Dock freight is secured IAW company stds, zero incidents FY25."),
    ("controls", "Every pallet is screened by licensed professionals before the flight, meeting each TSA expectation."),
    ("controls", "Revision final antes de cruzar, conforme a nuestro sistema de seguridad certificado."),
    ("records", "Audit results are monitored and shared with leadership each Q3-2024 review."),
    ("owner", "El personal encargado de cada turno."), ("owner", "Todo el personal responsable del almacén."),
    # round 8, frequency: a second time with no interval, availability as the trigger, a share of the cases, a
    # frequency word made casual
    ("frequency", "Trained at hire, and again at some point after that."),
    ("frequency", "Inductions for new starters, again down the road."),
    ("frequency", "Capacitamos al ingresar y otra vez mas adelante."),
    ("frequency", "Seal checks as staff are available"), ("frequency", "yard walk typ. at shift start, else when avail"),
    ("frequency", "Seals checked at loading subject to crew availability"),
    ("frequency", "Nearly all trailers get the 7-point check before loading"),
    ("frequency", "Se revisan la mayoria de los contenedores antes de cargar"),
    ("frequency", "Most of the loads get a second look at the gate"),
    ("frequency", "Door photos on 98%+ of outbound trailers, audited quarterly"),
    ("frequency", "Fence walk at least once a month, more often if there are break-ins nearby."),
    ("frequency", "Annual review, sooner should the customer ask."),
    ("controls", "Locks and alarms are installed throughout the warehouse to protect the safety of goods."),
    ("frequency", "Every shift, as per the customer."), ("frequency", "Weekly: yard walk. Refreshers: as needed."),
    ("frequency", "Extra patrols if needed during peak season"), ("frequency", "Seal checks as needed, and after any alarm"),
    ("frequency", "Inspections happen fairly often on the yard"), ("frequency", "We check the fence, pretty regular"),
    # round 8, controls: an outcome instead of the check, an unnamed standard, a device praised, attention idioms
    ("controls", "trailers fine, everything ok per the usual, no problems"),
    ("controls", "seals good, containers checked per standard, no issues"),
    ("controls", "Floor leads keep eyes on the pallets from staging to door close."),
    ("controls", "Dock doors checked by the book, all good."),
    ("controls", "solid seals and decent cameras at the yard, the guys are on it"),
    ("controls", "The shipping leads keep their eyes on every container until the doors shut."),
    ("controls", "Los supervisores le echan ojo a la carga hasta que sale."),
    ("controls", "Gate staff receive thorough training so each truck at the gate is handled."),
    ("controls", "Los operadores están bien capacitados y saben qué revisar en la unidad."),
    # near misses of all parts: trust, familiarity and a clean record, care as a manner, tightness, a philosophy
    ("controls", "We only load for shippers we know and trust, been running it like this for 25 years."),
    ("controls", "Nuestros choferes son de confianza y tienen mucha experiencia, revisan bien el remolque."),
    ("controls", "Yard gate run tight, the guards know the drivers, odd trucks get a second look."),
    ("controls", "Seal custody follows a layered-trust philosophy; zero losses in FY24."),
    ("controls", "The dock crew is very careful with the seals and nothing has ever gone missing."),
    ("controls", "candados buenos en todas las cajas, sin problema"),
    # escalation: the next steps left to a later agreement after a bare notice
    ("escalation", "The guard notifies the Security Manager at once; next steps are then decided as appropriate."),
    ("escalation", "Dispatcher informs the Ops Manager within 1 hour and further actions are determined by them."),
    # an outside provider named only by its kind; a bare plural record kind in a system kind
    ("owner", "Our MSP."), ("owner", "the 3PL"), ("records", "Logs are retained in the SIEM."),
    ("records", "Reports are saved in the TMS."),
    # the field's label is not the role: 'Owner: management'
    ("owner", "Owner: management"), ("owner", "Responsable: la gerencia"), ("owner", "Owned by - all staff"),
    # escalation: a limit kept as a habit
    ("escalation", "Broken seal: guard holds the trailer and calls the Security Mgr, typically within 30 min"),
    ("escalation", "Seal cut: driver holds the unit and calls Dispatch within 2 hrs or so"),
    ("escalation", "Seal mismatch: truck held at the gate, Security Supervisor told, normally same shift"),
])
def test_vague_answers_dressed_as_specific_are_flagged(field: str, text: str) -> None:
    assert {f.rule for f in lint_text(text, field)} & VAGUENESS_RULES, (field, text)


@pytest.mark.parametrize(("field", "text"), [
    ("owner", "Sr. Compl. Anlst"), ("owner", "Gate Clerk II"), ("owner", "Claims & Damage"),
    ("owner", "Safety/HSE"), ("owner", "Jefe de Seguridad"), ("owner", "Maria Lopez, Traffic Manager"),
    ("frequency", "on hire and every 12 months"), ("frequency", "cada turno"), ("frequency", "evry wk (mon)"),
    ("records", "signed SQ-01 forms in the Compliance SharePoint folder"),
    ("escalation", "dock lead stops loading, calls Security Mgr w/in 30 min"),
    ("controls", "guard pulls + twists the bolt seal, checks # vs BOL"),
    ("frequency", "cam review q24h, door alarm test q1wk"), ("owner", "Master of the vessel"),
    ("frequency", "2x/shift (0600, 1800)"), ("frequency", "c/ embarque"),
    ("escalation", "Jefe de Seguridad avisado en menos de 1 hora, detiene el embarque"),
    ("owner", "Mi papá, el dueño"),
    ("owner", "Mr. Garza, Plant Manager"), ("records", "Visitor book at the front desk, kept 3 years"),
    ("records", "pics of the seal + BOL in the booking folder on the S: drive, 2 yrs"),
    ("records", "CTPAT binder, shelf 2 of the compliance office"),
    ("records", "tir slips in the dispatch binder, kept 1 yr"),
    ("escalation", "Guard calls the Shift Supervisor inside an hour and holds the truck."),
    ("controls", "Caseta revisa candado y llaves de la puerta trasera; foto en bitacora."),
    ("frequency", "Perimeter walk at 06:00 and 18:00"),                # clock times are a daily schedule
    ("frequency", "seal stock counted 0700/1900, at each watch handover"),
    ("frequency", "A drill within thirty (30) days of each crew change."),  # a number written twice
    ("escalation", "wrong seal: hold box, Terminal Supv paged <15m, re-seal before the vessel cut-off"),
    ("controls", "Weighbridge at gate 2 weighs each truck; variance >1.5% is held for a recount"),  # a threshold
    ("frequency", "Badges renewed on each change of role and every 2 years"),
    ("frequency", "Screening at hire, repeated every thirty-six (36) months thereafter"),
    ("owner", "yardmaster, nights"),                                  # a trade compound title
    ("escalation", "Jefa de Patio bloquea la caja y comunica al Gerente de Seguridad en menos de 1 hora"),
    ("escalation", "if the seal is wrong the unit no cruza: el operador llama al Despachador en 15 min"),
    ("controls", "Guard refuses any truck without a booking number on the TMS screen"),  # a pass/fail rule
    ("records", "pallet sheets in the shop drawer, binned after one year"),
    ("frequency", "every 2-4 weeks depending on lane: border lanes every 2 weeks, others every 4"),  # each case bounded
    ("frequency", "weekly on Friday, the yard lead counts the spare seals"),  # the sole activity takes the bound
    ("owner", "The Port Facility Security Officer designated under the PFSP"),  # a statutory title
    ("frequency", "fence walk Tue/Thu/Sat 0600"),                      # a list of days is a weekly schedule
    ("frequency", "Lunes, miércoles y viernes a las 7"),
    ("escalation", "O motorista para o caminhão e liga para a Central em até 15 minutos."),  # Portuguese stop + call
    ("records", "All BOLs scanned to SharePoint, kept 5 years"),
    ("controls", "We turn away any driver whose CDL does not match the appointment in the YMS."),
    ("escalation", "A late seal change is escalated by the dock lead to the Shift Manager within 30 minutes."),
    ("controls", "yard fenced and alarmed, one gate with a card reader and a guard booth"),
    ("controls", "We turn back any trailer arriving from the border crossing without the seal photo."),
    ("controls", "Código de Conducta rev. 4, firmado al ingreso; section 9 sanctions cargo tampering."),  # numbered
    ("frequency", "Every delivery of pallets, we look at the stamps when the truck comes in."),  # an arrival
    ("frequency", "Seal checked each time a container comes in at the gate."),
    ("records", "Seal numbers are written on our copy of the bill of lading, kept in the filing cabinet by year."),
    ("escalation", "If the container is damaged we refuse it and call the line's booking desk the same morning for a swap."),
    ("escalation", "Broken seal: the guard holds the truck and phones the carrier's dispatch desk within 20 minutes."),
    ("owner", "People & Culture (Ana Reyes, HRBP)"),                   # a named HR unit with a person and title
    ("controls", "Security Manual, revision 7, chapter 3 sets the key log; every guard signs it at hire."),
    ("escalation", "The Security Manager is told within 1 hour and holds the shipment until CBP clears it."),
    ("frequency", "7-point check on every container; supervisor re-check on 1 in 10 containers"),  # a sampling rate
    ("escalation", "Guard stops the truck, calls the Security Mgr within 10 min, who follows up with the carrier."),
    ("escalation", "Failed audit findings go to the QA Director, who issues a CAPA with a 30-day due date."),
    ("frequency", "Background checks pre-hire; re-checks for drivers every 3 yrs or after any accident."),
    ("owner", "dock boss"),
    ("frequency", "random footage review 1 hr/camera weekly + full review any alarm"),  # 'per camera', 'after any'
    ("records", "Entry packet with commercial invoice, in the broker's fireproof cabinet, 5 years"),
    ("escalation", "HR Manager revokes the badge on the last day and notifies IT within 2 hours."),
    ("escalation", "The HR Director suspends the badge within 1 hour and opens a case file."),  # she acts, no one told
    ("escalation", "A forged document: the file is frozen and referred to the Compliance Manager the same day; if it "
                   "is not resolved within 48 hours the Compliance Manager reports it to CBP."),
    ("frequency", "Seal stock counted when it drops below 40 seals."),  # a measured threshold, not a feeling
    ("owner", "Maria Lopez here - I am the Compliance Manager and I own it."),
    ("owner", "Security Coordinator here, and yes, I own it."),  # the writer's title is the answer when alone
    ("frequency", "Seal audit: 1 in 20 loads per shift, plus a full audit within 24 h of any seal alarm"),  # a heading
    ("frequency", "Awareness refresher within 12 calendar months of the last one"),
    ("records", "Gate logs archived centrally in Kronos, 2 yrs"),
    ("records", "Signed SQ-07 checklists are archived to the QMS library on SharePoint."),
    ("records", "Visitor logs in the guardhouse binder, 1 to 3 years by site"),
    ("records", "Seal records, approximately 3 years, in the dispatch office"),  # the place answers where
    ("frequency", "Every container when it is empty, before stuffing."),  # an empty box is an event, not a feeling
    ("frequency", "Each trailer before it leaves the yard; seal stock counted every Friday."),
    ("controls", "Seals per ISO 17712 (H class), 7-point inspection on form CI-7 before each stuffing, photos to WMS"),
    ("controls", "Trailer check per SOP-TR-05 on form TI-17, signed by the driver and the yard lead"),  # own procedure
    ("controls", "CFS lead: 3 photos per box uploaded to the CargoWise job before gate-out."),  # 'per box' cites nothing
    ("controls", "Cameras are in place at all 12 dock doors, recording to the NVR for 90 days"),  # a device in place
    ("controls", "Keys kept safe in lockbox LB-2, key log signed"),
    ("escalation", "Unknown person at the gate: guard refuses entry and calls the police there and then."),  # immediacy
    ("escalation", "Adverse result: HR Manager told within 1 day; badge withheld pending the Security Manager's review."),
    ("escalation", "Any tamper: trailer not released until the Security Manager inspects it; SM tells the customer "
                   "within 4 hours"),  # holding the trailer is the action
    ("escalation", "sello roto: chofer para la unidad y avisa a sup patio en 15 min"),  # a Spanish role, abbreviated
    ("escalation", "chofer avisa al jefe de trafico al momento y no se mueve la unidad"),  # Spanish immediacy
    ("escalation", "Any seal discrepancy goes to the Gate Supervisor within 10 minutes; the trailer stays in the yard "
                   "until he clears it."),  # the trailer held until someone acts
    ("frequency", "Every 90 days (Jan, Apr, Jul, Oct), usually the first Monday."),
    ("records", "Seal pictures go in the shared Dropbox folder called Containers, by date, never deleted."),  # photos
    ("records", "Driver files archived in the HR vault (Tenstreet)."),  # 'archived' beside a named place and record
    ("frequency", "Guard has the time sheet signed each shift"),  # a time sheet is no spare time
    ("frequency", "Driver gets a break every 4 hrs and checks the seal at each stop"),
    ("frequency", "Training at hire and every 12 months, usually in January."),  # the hedge places it in the year
    ("frequency", "Every pallet is scanned when it comes in the door."),  # a pallet arriving is an event, not a visit
    ("frequency", "cuando llegan las cajas"), ("frequency", "todas las semanas, el lunes"), ("frequency", "dos veces por turno"), ("frequency", "bi-wkly (thu)"),
    # a time or a period written short: business hours, a unit glued to its number, 'bus.' and 'biz' for business
    ("escalation", "Mismatch: ticket to the Data Integrity Lead, fixed within 4 business hrs, else to the Ops Director"),
    ("escalation", "Broken seal: guard holds the trailer and tells the Security Mgr within 1 bus. day"),
    ("escalation", "Seal off: driver holds, calls Dispatch Supv, CBP told within 48h"),
    ("escalation", "Audit gap: Compliance Mgr opens a CAPA and tells the Plant Mgr within 3 biz days"),
    ("frequency", "every 48h while in the yard"), ("frequency", "every 2wks (Mon)"),
    ("frequency", "every 4 working hrs on the night shift"),
    ("records", "Seal log in the WMS, kept 90d"),
    ("escalation", "Seal cut: guard holds the trailer, calls the Security Mgr by COB"),
    ("escalation", "sello roto: guardia detiene la unidad y avisa al Jefe de Seguridad dentro de 1 dia habil"),
    ("escalation", "sello roto: guardia detiene la unidad y avisa al Jefe de Seguridad mismo turno"),
    ("escalation", "Seal cut: guard holds the trailer, calls the Security Mgr inside of 1 hr"),
    ("frequency", "seal audit 2/yr + at each new hire"), ("frequency", "yard sweep M/W/F, gate log check Mon-Fri"),
    ("frequency", "fence walk every 2nd wk"), ("frequency", "badge audit semi-ann"), ("frequency", "rondas lun-vie"),
    # a stated interval after a claim-like word, a system beside the owner, conformity beside a mechanism
    ("owner", "Shift Supervisor, the night shift"), ("owner", "Ch/Off; the OOW runs the gangway watch."),
    ("owner", "Supervisor de patio del turno de noche"), ("owner", "Loss Prevention handles it"),
    ("frequency", "Seal audits at the agreed interval of 30 days"), ("frequency", "Checks at a set frequency: every 4 hours"),
    ("owner", "Maintenance Planner; the CMMS schedules the work orders"), ("owner", "Gate Clerk II, the gate system only logs it"),
    ("controls", "Seals compliant with ISO 17712, VVTT at the gate, number logged on the BOL"),
    ("owner", "HR Manager; the WMS handles the badge list"), ("owner", "Human Resources (Ana Ruiz, HRBP)"),
    ("controls", "Bolt seals meeting ISO 17712 H; number checked against the BOL at the gate, logged on form GS-3"),
    ("controls", "Lockout per protocol SP-12: yard lead tags the trailer, keys in lockbox LB-1, log signed"),
    ("frequency", "Refresher 12 months later on the anniversary of hire"),
    ("frequency", "Every trailer at the gate, again 30 minutes later on departure"),
    ("frequency", "Cada viaje y otra vez después de cada parada"),
    ("controls", "Each container is photographed at 0%, 50% and 100% loaded, seal number visible in the last photo."),
    ("owner", "Our MSP (Netgain), account lead R. Diaz"), ("records", "Logs in Splunk, 1 yr"),
    ("records", "Seal logs are retained in the TMS for 3 years."),
    ("owner", "Owner: Ops Manager (Site 2)"), ("owner", "Responsable: Jefe de Patio"),
    ("escalation", "Recipient: Security Mgr. Limit: 1 hr. Action: hold the unit, photograph it, open an IR form."),
    ("escalation", "Seal cut: yard lead holds the trailer and calls the Terminal Mgr, SLA 30 min."),
    # activities labelled by their interval in a list; one's own numbered procedure cited beside the bound
    ("frequency", "- daily: gate log review\n- weekly: seal inventory\n- yearly: full risk assessment"),
    ("frequency", "Key audit - monthly; badge review - quarterly"),
    ("frequency", "As per SOP-7: every shift change and every 2 hours in between."),
    ("frequency", "Reviews in line with policy P-3 every quarter"),
    # a need hedge closed by the trigger right after it
    ("frequency", "Monthly on the first Monday; extra checks as needed after any alarm."),
    ("frequency", "Seal checks as required at each stop"),
    # round 8: a check described by what it is compared with and who signs it; a Spanish check in the first person
    ("controls", "Each pallet count is tallied against the packing list by a second clerk, who initials the tallysheet."),
    ("controls", "Validamos cada transportista en el portal SVI y guardamos la captura en su expediente."),
    ("controls", "Seal number cross-checked with the BOL at the gate and written on the gatebook."),
    ("controls", "Code of Conduct HR-COC-02 signed on the hire form in Workday, so that the rules stay clear to everyone."),
    # owner: a title held by appointment; escalation: a person's title, a staffed post, a same-week limit
    ("controls", "Driver's CDL photo vs face and plate vs the appt in the YMS at the in-gate"),
    ("controls", "dock lead checks each carton label against the ASN, no label = carton held"),
    ("controls", "Every pallet must carry the IPPC mark; no mark, no unloading"),
    ("owner", "C/O (designated SSO); the OOW keeps the gangway log."), ("owner", "The designated Security Officer"),
    ("owner", "nominated DPA in the Hamburg office"),
    ("escalation", "Harassment reports go to the HR Business Partner within 1 working day; case closed within 30 days."),
    ("escalation", "Seal cut: trailer held, driver radios the gate within 5 min"),
    ("escalation", "sello roto: el operador detiene la unidad y avisa a trafico en 15 min"),
    ("escalation", "Audit gap: the Compliance Manager stops orders the same week and gives the vendor 30 days to fix it."),
    # records: Spanish record nouns, a place named after its noun, an acronym that ends the sentence
    ("records", "Hoja de revision de 17 puntos, en la libreta de la caseta, 2 anos"),
    ("records", "Informe de inventario firmado, en carpeta fisica en oficina CFS."),
    ("records", "Seal log kept 3 years in SAP."), ("records", "Reporte de inspeccion firmado, en carpeta en oficina CFS."),
])
def test_terse_or_unusual_specific_answers_pass(field: str, text: str) -> None:
    assert not [f for f in lint_text(text, field) if f.severity != "info"], (field, text)


def test_word_rarity_patterns_and_model_are_loaded_on_first_use_not_at_import() -> None:
    code = ("import ctpat_tui.review, ctpat_tui.review.signals as s; assert not s._RARITY; "
            "assert s.PERIOD._compiled is None and s.ACTION._compiled is None and not s._MODELS; "
            "s.judge('seal log in Samsara', 'records'); assert s._RARITY; "
            "s.judge('every shift', 'frequency'); assert s.PERIOD._compiled is not None and s._MODELS")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parent.parent)


def test_the_model_never_clears_a_flag_the_rules_raised_and_flags_over_them_only_when_confident() -> None:
    from ctpat_tui.review import signals

    sure_specific = [-3.0, -1.0]
    assert signals.decide(True, -4.0, sure_specific, 0.5)  # the rules' flag stands whatever the model says
    assert not signals.decide(False, 0.4, [1.2], 0.5)  # below the threshold
    assert not signals.decide(False, 0.7, [0.4, 0.3], 0.5)  # above the threshold but on too little named support
    assert signals.decide(False, 1.5, [1.2, 0.5], 0.5)


def test_a_flag_the_model_raises_over_the_rules_says_which_signal_decided(monkeypatch: pytest.MonkeyPatch) -> None:
    from ctpat_tui.review import signals

    text = "Security Manager, with the team"
    signals.judge.cache_clear()
    assert not signals.judge(text, "owner").vague  # the rules: a role is named
    confident = signals._Model(bias=0.5, threshold=0.0, weights={"- collective or pseudo-role": 3.0})
    monkeypatch.setattr(signals, "_MODELS", {"owner": confident})
    signals.judge.cache_clear()
    verdict = signals.judge(text, "owner")
    signals.judge.cache_clear()
    assert verdict.vague and "collective or pseudo-role: 'the team'" in verdict.problem
    assert any("the model overrides the hand-set rules: vague" in s for s in verdict.signals)


@pytest.mark.parametrize("text", [
    "We only load for shippers we know and trust, been running it like this for 25 years.",
    "Nuestros choferes son de confianza y tienen mucha experiencia, revisan bien el remolque.",
    "Yard gate run tight, the guards know the drivers, odd trucks get a second look.",
    "The dock crew is very careful with the seals and nothing has ever gone missing.",
    "candados buenos en todas las cajas, sin problema",
])
def test_trust_care_and_a_clean_record_are_named_as_claims_not_only_outscored(text: str) -> None:
    # these were flagged by one point of mechanism score (part 7's near misses): the claim itself is now the reason
    from ctpat_tui.review.signals import judge
    verdict = judge(text, "controls")
    assert verdict.vague and any(s.startswith("- claim without a mechanism") for s in verdict.signals), verdict


@pytest.mark.parametrize(("text", "signal"), [
    ("Driver's CDL photo vs face and plate vs the appt in the YMS at the in-gate", "+ check against a reference"),
    ("dock lead checks each carton label against the ASN, no label = carton held", "+ pass/fail rule"),
    ("Every pallet must carry the IPPC mark; no mark, no unloading", "+ pass/fail rule"),
])
def test_a_check_against_a_reference_and_a_short_pass_fail_rule_count_as_mechanism(text: str, signal: str) -> None:
    from ctpat_tui.review.signals import judge
    verdict = judge(text, "controls")
    assert not verdict.vague and any(s.startswith(signal) for s in verdict.signals), verdict


@pytest.mark.parametrize(("field", "text"), [
    # a law, a standard or a cipher named where the place should be, and a kind of system instead of one: the
    # hand-set rules flag these themselves (the model alone caught them in parts l, m, r, s, u)
    ("records", "Payroll records are retained in accordance with FLSA and applicable state laws."),
    ("records", "HR files are kept in compliance with GDPR requirements."),
    ("records", "Access logs are retained in line with PCI DSS expectations."),
    ("records", "Customer data is stored in our cloud environment, encrypted with AES-256."),
    ("records", "Visitor records are maintained in HR tooling as required."),
    ("records", "Evidence is held in the compliance platform per the retention matrix."),
    ("owner", "personal encargado de cada area"),
])
def test_a_rule_or_a_cipher_is_no_place_and_personal_is_staff_for_the_rules_alone(
        field: str, text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from ctpat_tui.review import signals
    monkeypatch.setattr(signals, "USE_MODEL", False)
    signals.judge.cache_clear()
    try:
        assert signals.judge(text, field).vague, (field, text)
    finally:
        signals.judge.cache_clear()


@pytest.mark.parametrize(("field", "text"), [
    ("records", "Backups encrypted with AES-256 on the Veeam repository VR-2, kept 90 days."),
    ("records", "Payroll files in ADP Workforce Now, kept 7 years in line with IRS rules."),
    ("records", "Disposal certificates kept 7 yrs in Snipe-IT, per the retention schedule RS-2"),
    ("owner", "Personal encargado: Jefe de Patio (Luis Mora)"),
])
def test_a_named_store_beside_a_cited_rule_still_answers(field: str, text: str) -> None:
    assert not [f for f in lint_text(text, field) if f.severity != "info"], (field, text)


@pytest.mark.parametrize(("field", "text", "vague"), [
    # writers who think in French or Portuguese: their plain specific notes raise nothing, their hedges still do
    ("frequency", "Chaque remorque avant le départ; inventaire des scellés chaque mois.", False),
    ("records", "Registre de contrôle des plombs au quai 2, conservé 2 ans.", False),
    ("controls", "Lacre conferido contra o BL na portaria e registrado na planilha de lacres.", False),
    ("escalation", "Lacre rompido: motorista para o caminhão e liga para o Coordenador de Segurança em até 15 min.",
     False),
    ("escalation", "Scellé cassé: le gardien bloque la remorque et appelle le Chef de quai sous 10 minutes.", False),
    ("frequency", "Les inspections sont faites selon les besoins.", True),
    ("frequency", "Vistorias de tempos em tempos nas docas.", True),
    ("frequency", "Mensalmente na matriz; nas filiais conforme a demanda.", True),
    ("frequency", "Jeden LKW vor der Abfahrt, Plomben-Inventur monatlich.", False),
    ("records", "Torbuch an der Pforte, 3 Jahre aufbewahrt.", False),
    ("frequency", "Kontrollen erfolgen regelmäßig und bei Bedarf.", True),
])
def test_french_and_portuguese_words_are_read(field: str, text: str, vague: bool) -> None:
    found = {f.rule for f in lint_text(text, field)} & VAGUENESS_RULES
    assert bool(found) == vague, (field, text, found)


@pytest.mark.slow
@pytest.mark.parametrize("run", ["1/ ", "Q1/Q2/", "1.1.", "A/B/", "A B "])
def test_a_long_pasted_run_of_short_tokens_is_linted_without_holding_the_app(run: str) -> None:
    """20 KB of '1/ 1/ 1/' or 'Q1/Q2/' once took 7-30 s per field (patterns and lookups that grew with the square of
    the length); now each field takes well under a second. The guard here is a generous hang limit, not a timing
    goal (the benchmark measures lint speed)."""
    import time

    text = (run * (20_000 // len(run) + 1))[:20_000]
    for field in CORPUS_FIELDS:
        started = time.monotonic()
        lint_text(text, field)
        assert time.monotonic() - started < 5, field
