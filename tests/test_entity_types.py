"""Every entity type gets a usable questionnaire: a new profile for each renders, with honest coverage shown."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from ctpat_tui.catalog import load_catalog
from ctpat_tui.cli import main
from ctpat_tui.profile.document import read_profile
from ctpat_tui.render import render_profile
from ctpat_tui.resources import questionnaire_dir

ENTITY_SLUGS = [e.slug for e in load_catalog(questionnaire_dir()).entity_types]


def test_there_are_twelve_entity_types():
    assert len(ENTITY_SLUGS) == 12


@pytest.mark.parametrize("slug", ENTITY_SLUGS)
def test_each_entity_type_has_a_questionnaire_that_renders_with_its_coverage(slug, catalog, tmp_path):
    applicable = catalog.applicable(slug)
    assert len(applicable) >= 60
    assert all(criterion.prompt_for(slug) and criterion.guidance_for(slug) for criterion, _d in applicable)
    path = tmp_path / f"{slug}.toml"
    assert main(["new", str(path), "--entity", slug, "--company", "Example Co"]) == 0
    result = render_profile(catalog, read_profile(path), tmp_path / "out", ("md", "txt", "docx"))
    markdown = (tmp_path / "out" / "profile.md").read_text(encoding="utf-8")
    MarkdownIt("commonmark").parse(markdown)
    assert catalog.entity(slug).name in markdown
    assert "ctpat catalog import" in markdown
    assert (tmp_path / "out" / "profile.docx").stat().st_size > 10_000
    assert result.files


def test_carriers_see_carrier_wording_and_brokers_a_way_to_explain_non_applicability(catalog):
    seal = catalog.criteria["6.2"]
    assert seal.prompt_for("highway_carrier") != seal.prompt_for("importer")
    assert "N/A reason" in catalog.criteria["10.3"].guidance_for("customs_broker")


def test_entity_only_criteria_appear_only_for_their_entity(catalog):
    assert catalog.designation("7.35", "sea_carrier").label == "Must"
    assert catalog.designation("7.35", "importer") is None
    assert catalog.designation("6.4", "air_carrier").label == "Must/Should unknown"
    assert catalog.designation("7.3", "air_carrier") is not None
