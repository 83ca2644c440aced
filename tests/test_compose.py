"""How a structured answer becomes the response text pasted into the portal."""

from __future__ import annotations

import datetime as dt

from ctpat_tui.compose import compose_response
from ctpat_tui.profile.model import Answer


def test_fields_become_prose_not_labels(mini_catalog):
    answer = Answer("2.3", status="implemented",
                    controls="The risk assessment is reviewed by the CTPAT team using the five-step method",
                    frequency="Every January and after any security incident", owner="Director of Trade Compliance",
                    records="Review minutes in SharePoint, kept 5 years",
                    escalation="New high risks go to the COO within 5 working days",
                    extra={"last_reviewed": dt.date(2026, 1, 20)})
    response = compose_response(mini_catalog.criteria["2.3"], answer)
    assert response.source == "composed"
    assert response.text == (
        "The risk assessment is reviewed by the CTPAT team using the five-step method. "
        "This is done every January and after any security incident. "
        "Responsibility rests with the Director of Trade Compliance. "
        "Records kept: Review minutes in SharePoint, kept 5 years. "
        "New high risks go to the COO within 5 working days. "
        "Date of the last annual risk assessment review: 2026-01-20."
    )


def test_the_users_own_narrative_wins():
    answer = Answer("7.23", controls="ignored", narrative="  Our own words.  ")
    response = compose_response(None, answer)
    assert (response.text, response.source) == ("Our own words.", "narrative")


def test_not_applicable_gives_the_reason():
    answer = Answer("9.5", status="not_applicable", na_reason="we have no parking on site")
    assert compose_response(None, answer).text == "Not applicable. We have no parking on site."


def test_a_list_in_controls_keeps_the_following_sentences_out_of_it():
    answer = Answer("7.23", controls="We check:\n- seals\n- locks", frequency="Every load", owner="Shipping Supervisor")
    text = compose_response(None, answer).text
    assert text.startswith("We check:\n- seals\n- locks\n\nThis is done for every load.")


def test_acronyms_and_names_keep_their_capitals():
    answer = Answer("4.1", controls="Firewall rules", frequency="Quarterly", owner="IT Manager",
                    records="SAP change log, kept 2 years", escalation="CTPAT POC is told within 1 day")
    text = compose_response(None, answer).text
    assert "Records kept: SAP change log" in text
    assert "CTPAT POC is told within 1 day." in text
