"""The questionnaire catalogue loads, validates and answers the questions the app asks of it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ctpat_tui.catalog import CatalogError, load_catalog
from ctpat_tui.catalog.loader import parse_designation
from tests.conftest import FIXTURES

# The shared reference data sits beside the main checkout; a worktree elsewhere names it with CTPAT_MSC_DIR.
MSC_DIR = Path(os.environ.get("CTPAT_MSC_DIR") or Path(__file__).resolve().parents[2] / "shared" / "msc")


def _copy_mini(tmp_path: Path) -> Path:
    target = tmp_path / "catalog"
    shutil.copytree(FIXTURES / "mini_catalog", target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1))


def test_bundled_catalogue_has_every_reference_criterion(catalog):
    assert len(catalog.criteria) == 102
    assert len(catalog.categories) == 12
    assert [s.name for s in catalog.portal_sections][:3] == ["Upper Management", "Risk Assessment", "Business Partners"]
    assert len(catalog.portal_sections) == 11
    assert len(catalog.entity_types) == 12


def test_importer_questionnaire_is_complete(catalog):
    applicable = catalog.applicable("importer")
    assert len(applicable) == 93
    for criterion, _designation in applicable:
        assert len(criterion.prompt) > 60, criterion.id
        assert "**A strong answer covers**" in criterion.guidance, criterion.id
        assert criterion.portal_sections, criterion.id


@pytest.mark.skipif(not MSC_DIR.is_dir(), reason="shared/msc reference data not beside the checkout")
def test_designations_match_the_reference_table(catalog):
    import csv

    with open(MSC_DIR / "criteria.tsv", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert {r["id"] for r in rows} == set(catalog.criteria)
    for row in rows:
        raw = row["importer"].strip()
        designation = catalog.designation(row["id"], "importer")
        if raw in ("", "-"):
            assert designation is None, row["id"]
        else:
            assert designation is not None, row["id"]
            assert designation.level == raw.rstrip("?").lower()
            assert designation.confidence == ("assumed" if raw.endswith("?") else "confirmed")


def test_extra_structured_values_are_declared(catalog):
    assert catalog.criteria["2.3"].field("last_reviewed").type == "date"
    assert catalog.criteria["6.2"].field("seal_standard").type == "choice"
    assert catalog.criteria["12.2"].field("refresher_interval_months").type == "number"


def test_portal_order_follows_the_portal_not_the_category(catalog):
    ids = [c.id for c, _d in catalog.applicable("importer")]
    assert ids.index("1.2") < ids.index("1.1")          # portal asks 1.2 first
    assert ids.index("7.10") < ids.index("3.4")         # 7.10 is asked in Business Partners
    assert catalog.criteria["7.10"].portal_sections == ("Business Partners", "Education and Training")


def test_core_categories_are_inherited_as_assumed_for_other_entities(mini_catalog):
    designation = mini_catalog.designation("2.1", "highway_carrier")
    assert designation is not None
    assert designation.confidence == "assumed"
    assert designation.basis == "inherited from importer"
    assert mini_catalog.designation("7.23", "highway_carrier") is None  # category 7 is not inherited


def test_criteria_a_source_excludes_are_left_out(mini_catalog):
    assert mini_catalog.designation("6.3", "importer") is None
    assert mini_catalog.designation("6.3", "highway_carrier").label == "Must"
    assert mini_catalog.criteria["6.3"].portal_section_assumed


@pytest.mark.parametrize(
    ("raw", "level", "confidence"),
    [("must", "must", "confirmed"), ("Should?", "should", "assumed"), ("mixed?", "mixed", "assumed")],
)
def test_designation_strings(raw, level, confidence):
    parsed = parse_designation(raw)
    assert (parsed.level, parsed.confidence) == (level, confidence)


def test_dash_means_not_applicable_and_nonsense_is_an_error():
    assert parse_designation("-") is None
    assert "bad designation" in parse_designation("maybe")


def test_broken_catalogue_reports_every_problem_with_file_criterion_and_key(tmp_path):
    directory = _copy_mini(tmp_path)
    criteria = directory / "criteria" / "mini.toml"
    _edit(criteria, 'id = "2.3"', 'id = "2.1"')                      # duplicate ID
    _edit(criteria, "category = 3", "category = 42")                 # unknown category
    _edit(criteria, 'importer = "must?"', 'importer = "sometimes"')  # bad designation
    _edit(criteria, "[criterion.designations]", '[criterion.designations]\nspaceship_operator = "must"')
    text = criteria.read_text()
    start = text.index('id = "9.1"')
    prompt_at = text.index("prompt = ", start)
    end = text.index('"""', text.index('"""', prompt_at) + 3) + 3
    criteria.write_text(text[:prompt_at] + 'prompt = ""' + text[end:])
    with pytest.raises(CatalogError) as raised:
        load_catalog(directory)
    messages = [str(p) for p in raised.value.problems]
    joined = "\n".join(messages)
    assert "criterion 2.1: id: duplicate criterion ID" in joined
    assert "category: unknown category 42" in joined
    assert "bad designation 'sometimes'" in joined
    assert "designations.spaceship_operator: unknown entity type" in joined
    assert "criterion 9.1: prompt: missing prompt" in joined
    assert all(m.startswith(str(criteria)) for m in messages if "mini.toml" in m)


def test_invalid_toml_names_the_file(tmp_path):
    directory = _copy_mini(tmp_path)
    (directory / "criteria" / "broken.toml").write_text("[[criterion]\nid = 1\n")
    with pytest.raises(CatalogError, match="broken.toml: invalid TOML"):
        load_catalog(directory)


def test_unknown_portal_section_and_field_type_are_reported(tmp_path):
    directory = _copy_mini(tmp_path)
    criteria = directory / "criteria" / "mini.toml"
    _edit(criteria, 'portal_sections = ["Risk Assessment"]', 'portal_sections = ["Risk Assesment"]')
    _edit(criteria, 'type = "date"', 'type = "calendar"')
    with pytest.raises(CatalogError) as raised:
        load_catalog(directory)
    joined = "\n".join(str(p) for p in raised.value.problems)
    assert "unknown portal section 'Risk Assesment'" in joined
    assert "unknown field type 'calendar'" in joined


def test_overlay_changes_designations_without_touching_the_bundle(tmp_path, mini_catalog):
    overlay = tmp_path / "overlay" / "criteria"
    overlay.mkdir(parents=True)
    (overlay / "highway_carrier.toml").write_text(
        '[[criterion]]\nid = "7.23"\n[criterion.designations]\nhighway_carrier = "must"\n'
        '[[criterion]]\nid = "2.3"\n[criterion.designations]\nhighway_carrier = "-"\n'
    )
    combined = load_catalog(FIXTURES / "mini_catalog", tmp_path / "overlay")
    assert combined.designation("7.23", "highway_carrier").label == "Must"
    assert combined.designation("2.3", "highway_carrier") is None
    assert combined.criteria["7.23"].prompt == mini_catalog.criteria["7.23"].prompt
    assert mini_catalog.designation("7.23", "highway_carrier") is None


def test_parse_cache_serves_unchanged_files_and_notices_edits(tmp_path):
    from ctpat_tui.catalog.parse_cache import ParseCache

    directory = _copy_mini(tmp_path)
    cache_file = tmp_path / "cache.json"
    first = load_catalog(directory, cache=ParseCache(cache_file))
    assert cache_file.is_file()
    cached = ParseCache(cache_file)
    second = load_catalog(directory, cache=cached)
    assert second.criteria["7.23"].title == first.criteria["7.23"].title
    assert not cached.changed                      # everything came from the cache
    _edit(directory / "criteria" / "mini.toml", "Security incident reporting procedures", "Incident reporting (edited)")
    third = load_catalog(directory, cache=ParseCache(cache_file))
    assert third.criteria["7.23"].title == "Incident reporting (edited)"


def test_the_parse_cache_forgets_files_that_no_longer_exist(tmp_path):
    import json
    import shutil

    from ctpat_tui.catalog.parse_cache import ParseCache

    cache_file = tmp_path / "cache.json"
    gone = _copy_mini(tmp_path / "gone")
    load_catalog(gone, cache=ParseCache(cache_file))
    shutil.rmtree(gone)                            # e.g. a temporary catalogue of an earlier run
    kept = _copy_mini(tmp_path / "kept")
    load_catalog(kept, cache=ParseCache(cache_file))
    names = json.loads(cache_file.read_text(encoding="utf-8"))["files"]
    assert names and all(name.startswith(str(kept)) for name in names)


def test_a_plausible_range_belongs_to_a_number_field_and_runs_low_to_high(tmp_path):
    directory = _copy_mini(tmp_path)
    criteria = directory / "criteria" / "mini.toml"
    _edit(criteria, 'name = "method"\ntype = "text"\n', 'name = "method"\ntype = "text"\nmin = 1\n')
    _edit(criteria, 'name = "last_reviewed"\ntype = "date"\n',
          'name = "last_reviewed"\ntype = "date"\n[[criterion.fields]]\nname = "interval_months"\ntype = "number"\n'
          'label = "Interval"\nmin = 36\nmax = 1\n[[criterion.fields]]\nname = "other_months"\ntype = "number"\n'
          'label = "Other"\nmin = "one"\n[[criterion.fields]]\nname = "review_months"\ntype = "number"\n'
          'label = "Review"\nmin = 1\nmax = 24\n[[criterion.fields]]\nname = "placeholder"\ntype = "date"\n')
    with pytest.raises(CatalogError) as raised:
        load_catalog(directory)
    joined = "\n".join(str(p) for p in raised.value.problems)
    assert "only a number field can have min and max" in joined
    assert "min 36 is above max 1" in joined
    assert "min and max must be numbers" in joined
    assert joined.count("fields[") == 3  # the well-formed range raises nothing


def test_each_catalogue_folder_has_its_own_parse_cache_so_a_start_reads_only_its_own_entries(tmp_path, monkeypatch):
    import json

    from ctpat_tui.catalog.parse_cache import LEGACY_FILE_NAME, ParseCache, default_cache_file

    monkeypatch.setenv("CTPAT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CTPAT_NO_CACHE", raising=False)
    legacy = tmp_path / "cache" / LEGACY_FILE_NAME
    legacy.parent.mkdir(parents=True)
    legacy.write_text('{"version": 1, "files": {}}', encoding="utf-8")  # the shared file of earlier versions
    one, two = _copy_mini(tmp_path / "one"), _copy_mini(tmp_path / "two")  # e.g. two installs on one server
    for directory in (one, two):
        load_catalog(directory, cache=ParseCache(default_cache_file(directory)))
    files = {directory: default_cache_file(directory) for directory in (one, two)}
    assert files[one] != files[two] and all(file.is_file() for file in files.values())
    for directory, file in files.items():
        names = json.loads(file.read_text(encoding="utf-8"))["files"]
        assert names and all(name.startswith(str(directory)) for name in names)
    assert not legacy.exists()
    cached = ParseCache(files[one])
    assert load_catalog(one, cache=cached).criteria and not cached.changed  # served from its own file
