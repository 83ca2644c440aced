"""A customs broker is offered the cargo criteria as probably not applicable, and scripts set many aside at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ctpat_tui.cli import main
from ctpat_tui.profile.document import read_profile
from ctpat_tui.tui.outline import PROBABLY_NA_KEY, build_groups


def _new(tmp_path: Path, entity: str) -> Path:
    path = tmp_path / f"{entity}.toml"
    assert main(["new", str(path), "--entity", entity, "--company", "Example Co"]) == 0
    return path


def test_a_broker_gets_the_cargo_criteria_in_their_own_group_with_reasons(catalog):
    groups = build_groups(catalog, "customs_broker", "section")
    last = groups[-1]
    assert last.key == PROBABLY_NA_KEY
    shown = [cid for g in groups for cid in g.criterion_ids]
    assert sorted(shown) == sorted(c.id for c, _d in catalog.applicable("customs_broker"))   # nothing hidden
    assert len(shown) == len(set(shown))                                                       # nothing twice
    assert {"9.2", "9.5", "10.3", "10.4", "7.1", "6.2"} <= set(last.criterion_ids)
    assert len(last.criterion_ids) >= 20
    for cid in last.criterion_ids:
        reason = catalog.suggested_na_reason("customs_broker", cid)
        assert cid in reason and catalog.criteria[cid].title in reason
    # what a broker office does meet stays in its section
    assert "10.1" not in last.criterion_ids and "10.2" not in last.criterion_ids
    assert catalog.suggested_na_reason("customs_broker", "10.1") == ""


@pytest.mark.parametrize("entity", ["importer", "highway_carrier", "third_party_logistics"])
def test_entity_types_that_hold_cargo_get_no_such_group(catalog, entity):
    assert all(g.key != PROBABLY_NA_KEY for g in build_groups(catalog, entity, "category"))
    assert not any(catalog.probably_not_applicable(entity, c.id) for c, _d in catalog.applicable(entity))


def test_catalog_show_lists_the_group_after_the_sections(capsys):
    assert main(["catalog", "show", "customs_broker"]) == 0
    out = capsys.readouterr().out
    head, _sep, group = out.partition("Probably not applicable (")
    assert group, out
    assert "  10.4 " in group and "  10.4 " not in head
    assert "never takes physical custody of cargo" in group
    assert main(["catalog", "show", "customs_broker", "--json"]) == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)["criteria"]}
    assert rows["10.4"]["probably_not_applicable"] and "10.4" in rows["10.4"]["suggested_reason"]
    assert not rows["10.1"]["probably_not_applicable"] and rows["10.1"]["suggested_reason"] == ""


def test_a_script_sets_twenty_criteria_aside_in_one_write(tmp_path, catalog, capsys):
    path = _new(tmp_path, "customs_broker")
    ids = [cid for cid in build_groups(catalog, "customs_broker", "section")[-1].criterion_ids][:20]
    assert len(ids) == 20
    argv = ["set-status", str(path), *ids, "--status", "not_applicable", "--reason",
            "We work from offices only and never hold client cargo; carriers and warehouses do."]
    assert main(argv) == 0
    assert "20 criteria set to Not applicable" in capsys.readouterr().out
    profile = read_profile(path)
    for cid in ids:
        assert profile.answer(cid).status == "not_applicable"
        assert profile.answer(cid).na_reason.startswith("We work from offices only")
    assert profile.answer("10.1").status == ""


def test_suggested_reasons_are_filled_in_per_criterion(tmp_path):
    path = _new(tmp_path, "customs_broker")
    assert main(["set-status", str(path), "9.5", "10.4", "--status", "not_applicable", "--suggested-reason"]) == 0
    profile = read_profile(path)
    assert "9.5 (Parking away from cargo)" in profile.answer("9.5").na_reason
    assert "10.4 (Cargo pickup log)" in profile.answer("10.4").na_reason


@pytest.mark.parametrize(("extra", "words"), [
    (["9.5", "99.1", "--status", "not_applicable", "--reason", "r"], "99.1"),          # unknown ID
    (["9.5", "7.35", "--status", "not_applicable", "--reason", "r"], "7.35"),          # a sea carrier's criterion
    (["9.5", "--status", "not_applicable"], "needs --reason"),
    (["9.5", "--status", "implemented", "--reason", "r"], "not_applicable only"),
    (["9.5", "10.1", "--status", "not_applicable", "--suggested-reason"], "10.1 has no suggested reason"),
])
def test_a_bad_request_is_refused_in_one_line_and_writes_nothing(tmp_path, capsys, extra, words):
    path = _new(tmp_path, "customs_broker")
    before = path.read_bytes()
    capsys.readouterr()
    assert main(["set-status", str(path), *extra]) == 2
    err = capsys.readouterr().err.strip()
    assert words in err and "\n" not in err
    assert path.read_bytes() == before


def test_other_statuses_are_set_for_several_criteria(tmp_path):
    path = _new(tmp_path, "highway_carrier")
    assert main(["set-status", str(path), "5.24", "3.8", "--status", "planned"]) == 0
    profile = read_profile(path)
    assert profile.answer("5.24").status == "planned" and profile.answer("3.8").status == "planned"


def test_the_documents_list_undecided_cargo_criteria_as_probably_not_with_the_reason(tmp_path, catalog):
    from ctpat_tui.render.view import build_view

    path = _new(tmp_path, "customs_broker")
    assert main(["set-status", str(path), "9.5", "--status", "not_applicable", "--reason", "No parking at all."]) == 0
    rows = {r.criterion: r for r in build_view(catalog, read_profile(path)).applicability}
    assert rows["10.4"].applies == "Probably not (to confirm)"
    assert rows["10.4"].na_reason.startswith("Suggested: ") and "10.4 (Cargo pickup log)" in rows["10.4"].na_reason
    assert (rows["9.5"].applies, rows["9.5"].na_reason) == ("No (not applicable)", "No parking at all.")
    assert (rows["10.1"].applies, rows["10.1"].na_reason) == ("Yes", "")
