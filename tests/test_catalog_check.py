"""`ctpat catalog check` refuses a catalogue whose variants, designations and reference data contradict each other."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ctpat_tui.catalog import load_catalog
from ctpat_tui.catalog.consistency import consistency_problems, read_reference
from ctpat_tui.cli import main
from ctpat_tui.resources import questionnaire_dir
from tests.conftest import FIXTURES

BROKEN = FIXTURES / "contradictory_catalog"
BROKEN_REFERENCE = FIXTURES / "contradictory_catalog_reference.tsv"
MSC_DIR = Path(os.environ.get("CTPAT_MSC_DIR") or Path(__file__).resolve().parents[2] / "shared" / "msc")


def _problems() -> dict[tuple[str, str], str]:
    catalog = load_catalog(BROKEN)
    found = consistency_problems(catalog, read_reference(BROKEN_REFERENCE))
    return {(p.criterion, p.key): p.message for p in found}


@pytest.mark.parametrize(("where", "words"), [
    (("5.14", "variant[0].entities"), "never shown"),                        # worded for a type never asked it
    (("6.3", "variant[0].entities"), "'-'"),                                # worded for a type marked '-'
    (("6.3", "variant[2].entities"), "already worded in variant[1]"),       # one type worded twice
    (("6.3", "variant[2]"), "neither a prompt nor guidance"),               # a variant that words nothing
    (("5.30", "designations"), "no entity type is asked"),                  # a criterion nobody sees
    (("2.1", "Business Partners.criteria"), "names only Risk Assessment"),  # portal sections disagree
    (("", "customs_broker.no_cargo_reason"), "needs the reason"),           # no suggested N/A reason
    (("2.1", "designations.importer"), "reference gives Should"),           # level differs from the reference
    (("2.1", "designations.exporter"), "does not apply"),                   # shown though the reference says '-'
    (("6.3", "designations.importer"), "hidden from importer"),             # hidden though the reference names it
    (("6.3", "designations.highway_carrier"), "only has Must?"),            # claims more certainty than the source
    (("9.9", "id"), "not in the catalog"),                                # reference criterion missing
])
def test_each_contradiction_is_reported_with_its_place(where, words):
    problems = _problems()
    assert where in problems, sorted(problems)
    assert words in problems[where]


def test_the_command_fails_and_names_file_criterion_and_key(capsys):
    assert main(["catalog", "check", str(BROKEN)]) == 2
    err = capsys.readouterr().err
    assert "contradictions.toml: criterion 5.14: variant[0].entities: worded for highway_carrier" in err
    assert "reference" not in err       # reference checks only with --reference
    assert main(["catalog", "check", str(BROKEN), "--reference", str(BROKEN_REFERENCE)]) == 2
    assert "9.9: id: in the reference table" in capsys.readouterr().err


def test_an_unreadable_reference_table_is_one_line(tmp_path, capsys):
    bad = tmp_path / "criteria.tsv"
    bad.write_text("not\ta reference\n")
    assert main(["catalog", "check", str(FIXTURES / "mini_catalog"), "--reference", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("ctpat: error: cannot read the reference table") and "\n" not in err


def test_the_bundled_catalogue_has_no_dead_variant_and_passes():
    catalog = load_catalog(questionnaire_dir())
    assert consistency_problems(catalog) == []
    for criterion in catalog.criteria.values():
        for variant in criterion.variants:
            for slug in variant.entities:
                assert catalog.designation(criterion.id, slug) is not None, (criterion.id, slug)


@pytest.mark.skipif(not (MSC_DIR / "criteria.tsv").is_file(), reason="shared/msc reference data not found")
def test_the_bundled_catalogue_agrees_with_the_reference_table(capsys):
    assert main(["catalog", "check", str(questionnaire_dir()), "--reference", str(MSC_DIR)]) == 0
    assert ": OK (" in capsys.readouterr().out


def test_a_carrier_is_asked_what_its_validation_is_about(catalog):
    shown = {c.id: d for c, d in catalog.applicable("highway_carrier")}
    for cid in ("3.8", "5.14", "5.16", "5.24", "6.6", "7.23"):
        assert cid in shown, cid
        assert shown[cid].confidence == "assumed", cid
        assert catalog.criteria[cid].prompt_for("highway_carrier") != "", cid
    assert "drivers" in catalog.criteria["5.24"].prompt_for("highway_carrier")
    # the carrier wording, not the importer's, is what the carrier reads
    assert catalog.criteria["7.23"].prompt_for("highway_carrier") != catalog.criteria["7.23"].prompt_for("importer")
