"""docs/rules.md is generated from the rules, and every rule's failing and passing example behaves as documented."""

from __future__ import annotations

import pytest

from ctpat_tui.catalog import Catalog
from ctpat_tui.review import FAMILIES, all_rules
from ctpat_tui.review.docs import DEFAULT_OUT, main, render_rules_markdown, rule_findings

RULES = all_rules()


def test_rule_codes_are_unique_and_prefixed_by_family() -> None:
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes))
    prefixes = {"Evidence": "EVID", "Entity alignment": "ALIGN", "Specificity": "SPEC", "Portal placement": "PLACE",
                "Risk assessment": "RISK", "Facilities": "FAC", "Business partners": "PART", "Portal text": "TEXT", "Spelling": "SPELL",
                "Accepted findings": "ACC", "Annual cycle": ("CYC", "CAP"), "Privacy": "PRIV"}
    for family in FAMILIES:
        assert all(rule.code.startswith(prefixes[family.name]) for rule in family.rules), family.name
        assert all(rule.severity in ("error", "warning", "info") for rule in family.rules)


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_the_failing_example_of_each_rule_is_caught(catalog: Catalog, rule) -> None:  # type: ignore[no-untyped-def]
    found = rule_findings(catalog, rule, rule.failing)
    assert found, f"{rule.code}: failing example not flagged"
    assert all(f.suggestion for f in found)


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_the_passing_example_of_each_rule_passes(catalog: Catalog, rule) -> None:  # type: ignore[no-untyped-def]
    assert rule_findings(catalog, rule, rule.passing) == ()


def test_committed_rules_md_is_up_to_date(catalog: Catalog) -> None:
    expected = render_rules_markdown(catalog)
    current = DEFAULT_OUT.read_text(encoding="utf-8")
    assert current == expected, "docs/rules.md is out of date: run `python -m ctpat_tui.review.docs`"


def test_rules_md_documents_every_rule_and_the_readiness_definition(catalog: Catalog) -> None:
    text = render_rules_markdown(catalog)
    for rule in RULES:
        assert f"### {rule.code}" in text
    assert "Readiness is the share" in text


def test_check_mode_reports_a_stale_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    stale = tmp_path / "rules.md"
    stale.write_text("# old\n", encoding="utf-8")
    assert main(["--check", "--out", str(stale)]) == 1
    assert main(["--out", str(stale)]) == 0
    assert main(["--check", "--out", str(stale)]) == 0
