"""Spelling: common misspellings are flagged with suggestions; trade words and the company's own names are not."""

from __future__ import annotations

import pytest

from ctpat_tui.catalog import Catalog
from ctpat_tui.profile.model import Answer, Profile, Settings
from ctpat_tui.review import review_answer
from ctpat_tui.review.spelling import misspelt

FLAGGED = [
    ("Guards recieve the seal log at the gate.", "recieve", "receive"),
    ("Each trailor is inspected before loading.", "trailor", "trailer"),
    ("The seperate visitor log is kept for 3 years.", "seperate", "separate"),
    ("Secuirty staff check every badge.", "Secuirty", "security"),
    ("We maintain a written proceedure for seals.", "proceedure", "procedure"),
    ("Access is granted only after a backround check.", "backround", "background"),
    ("Seals are verifyed against the bill of lading.", "verifyed", "verified"),
    ("Containers are inspected imediately on arrival.", "imediately", "immediately"),
    ("The comittee reviews the risk assessment.", "comittee", "committee"),
    ("Records are kept in the security programme folder.", "programme", "program"),
    ("The alarm centre calls the manager.", "centre", "center"),
]

NOT_FLAGGED = [
    "We apply an ISO 17712 high security bolt seal and do the VVTT check on every container.",
    "The drayage carrier signs the bill of lading; the NVOCC files the ISF before loading.",
    "Onboarding includes phishing and ransomware training; passphrases and MFA protect every login.",
    "The seven-point IIT covers the kingpin, hasps and reefer unit; geofencing alerts the dispatcher.",
    "Our CTPAT POC reviews the SVI of each partner; AEO and OEA certificates are kept in SharePoint.",
    "Units are transloaded at the crossdock and palletized cargo is shrinkwrapped by the 3PL.",
    "Maria Lopez and the Laredo team check the Genetec footage monthly (see https://example.com/sop-12).",
    "Files are stored in \\\\fileserver\\security\\SEC-SOP-04.pdf and `seal_log.xlsx`.",
]


@pytest.mark.parametrize(("text", "word", "suggestion"), FLAGGED, ids=[w for _t, w, _s in FLAGGED])
def test_a_common_misspelling_is_flagged_with_the_right_suggestion(mini_catalog: Catalog, text, word, suggestion):
    assert misspelt(text) == [word]
    profile = Profile("Acme", "importer", answers={"7.23": Answer("7.23", status="implemented", controls=text)})
    findings = [f for f in review_answer(mini_catalog, profile, "7.23") if f.rule == "SPELL001"]
    assert len(findings) == 1 and findings[0].severity == "info" and findings[0].field == "controls"
    assert f"'{word}'" in findings[0].message and f"'{suggestion}'" in findings[0].message


@pytest.mark.parametrize("text", NOT_FLAGGED)
def test_correct_trade_and_security_words_are_not_flagged(text):
    assert misspelt(text) == []


def test_a_sentence_starting_name_is_flagged_until_the_company_adds_it_to_its_own_words(mini_catalog: Catalog):
    text = "Genetec records every dock door. Veeam backs up the footage."
    answers = {"7.23": Answer("7.23", status="implemented", controls=text)}
    plain = Profile("Acme", "importer", answers=answers)
    assert [f.rule for f in review_answer(mini_catalog, plain, "7.23")].count("SPELL001") == 1
    own = Profile("Acme", "importer", answers=answers,
                  settings=Settings(spelling_words=frozenset({"genetec", "Veeam"})))
    assert "SPELL001" not in [f.rule for f in review_answer(mini_catalog, own, "7.23")]
    off = Profile("Acme", "importer", answers=answers, settings=Settings(spelling=False))
    assert "SPELL001" not in [f.rule for f in review_answer(mini_catalog, off, "7.23")]


def test_ctpat_lint_reports_spelling_too(capsys):
    from ctpat_tui.review import lint_text

    findings = lint_text("Guards recieve the seal log.", "controls")
    assert [f.rule for f in findings if f.rule == "SPELL001"] == ["SPELL001"]


async def test_the_app_shows_a_misspelling_as_an_info_finding_with_its_suggestion(mini_catalog: Catalog,
                                                                                    tmp_path) -> None:
    from test_tui_stories import SIZE, new_profile, open_main, type_text, wait_for
    from textual.widgets import TextArea

    from ctpat_tui.tui.app import CtpatApp
    from ctpat_tui.tui.widgets.criterion_pane import CriterionPane
    from ctpat_tui.tui.widgets.findings import FindingsPanel

    app = CtpatApp(mini_catalog, new_profile(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        await pilot.press("ctrl+g")
        await type_text(pilot, "7.23")
        await pilot.press("enter")
        await wait_for(pilot, lambda: main.current == "7.23")
        main.query_one(CriterionPane).query_one("#field-controls", TextArea).focus()
        await type_text(pilot, "Guards recieve the seal log")
        findings = main.query_one(FindingsPanel)

        def spelling() -> list[str]:
            return [f.message for f in findings.findings if f.rule == "SPELL001"]

        await wait_for(pilot, spelling, timeout=15)
        assert "'recieve'" in spelling()[0] and "'receive'" in spelling()[0]


def test_adding_words_creates_the_setting_and_leaves_the_rest_of_the_file_as_it_was(tmp_path) -> None:
    from ctpat_tui.profile.document import ProfileDocument

    path = tmp_path / "profile.toml"
    original = ('[profile]\nschema = 1\ncompany = "Acme"   # our name\nentity_type = "importer"\n\n'
                '[answers."7.23"]\nstatus = "implemented"\ncontrols = "Genetec records every door."\n')
    path.write_text(original, encoding="utf-8")
    document = ProfileDocument.load(path)
    assert document.add_spelling_words(["Genetec", "genetec", " "]) == ["Genetec"]
    assert document.add_spelling_words(["GENETEC"]) == []
    text = document.dumps()
    assert text.startswith(original)
    assert document.profile.settings.spelling_words == frozenset({"Genetec"})
    assert ProfileDocument.parse(text, path).profile.settings.spelling_words == frozenset({"Genetec"})


async def test_a_in_the_findings_adds_the_flagged_word_to_the_profile_and_the_finding_goes(mini_catalog: Catalog,
                                                                                           tmp_path) -> None:
    from test_tui_stories import SIZE, new_profile, open_main, type_text, wait_for
    from textual.widgets import TextArea

    from ctpat_tui.profile.document import ProfileDocument
    from ctpat_tui.tui.app import CtpatApp
    from ctpat_tui.tui.widgets.criterion_pane import CriterionPane
    from ctpat_tui.tui.widgets.findings import FindingsPanel

    path = new_profile(tmp_path)
    app = CtpatApp(mini_catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_main(pilot)
        await pilot.press("ctrl+g")
        await type_text(pilot, "7.23")
        await pilot.press("enter")
        await wait_for(pilot, lambda: main.current == "7.23")
        main.query_one(CriterionPane).query_one("#field-controls", TextArea).focus()
        await type_text(pilot, "Frobozz cameras watch the dock")
        findings = main.query_one(FindingsPanel)

        def spelling() -> list[int]:
            return [i for i, f in enumerate(findings.findings) if f.rule == "SPELL001"]

        await wait_for(pilot, spelling, timeout=15)
        findings.focus()
        findings.highlighted = spelling()[0]
        await pilot.press("k")
        await wait_for(pilot, lambda: not spelling(), timeout=15)
        await pilot.press("ctrl+q")
    assert ProfileDocument.load(path).profile.settings.spelling_words == frozenset({"Frobozz"})


def test_a_cached_dictionary_gives_the_same_words_and_a_broken_one_is_ignored(tmp_path, monkeypatch):
    """The second process loads the compact copy in the user cache; a damaged or stale copy falls back silently."""
    from spellchecker import SpellChecker

    from ctpat_tui.review import spelling

    monkeypatch.setenv("CTPAT_CACHE_DIR", str(tmp_path / "cache"))
    fresh = SpellChecker(distance=1)
    fresh.word_frequency.load_words(spelling.vocabulary())
    spelling._save_cached(fresh)
    cache = tmp_path / "cache" / "spelling-en.bin"
    assert cache.stat().st_mode & 0o777 == 0o600
    cached = spelling._load_cached(SpellChecker)
    assert cached is not None
    assert cached.word_frequency.dictionary == fresh.word_frequency.dictionary
    assert cached.word_frequency.letters == fresh.word_frequency.letters
    assert cached.candidates("trailor") == fresh.candidates("trailor")
    whole = cache.read_bytes()
    for damaged in (whole[: len(whole) // 2], b"rubbish", whole.replace(b"CTPAT-SPELLING", b"CTPAT-SPELLINX", 1)):
        cache.write_bytes(damaged)
        assert spelling._load_cached(SpellChecker) is None
