"""Composed responses read as a careful person wrote them, however the detail fields were filled in."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctpat_tui.compose import compose_response
from ctpat_tui.profile.model import Answer

# (field, what the user typed, the sentence the portal gets). Read it: every row must be good English.
TABLE = [
    ("frequency", "quarterly meetings", "Frequency: quarterly meetings."),
    ("frequency", "Quarterly meetings", "Frequency: Quarterly meetings."),
    ("frequency", "Quarterly", "This is done quarterly."),
    ("frequency", "every October", "This is done every October."),
    ("frequency", "Every load", "This is done for every load."),
    ("frequency", "each shift", "This is done each shift."),
    ("frequency", "each visitor", "This is done for each visitor."),
    ("frequency", "Every 2 hours, around the clock", "This is done every 2 hours, around the clock."),
    ("frequency", "Yearly, plus within 30 days of a trigger event",
     "This is done yearly, plus within 30 days of a trigger event."),
    ("frequency", "At onboarding and every 12 months", "This is done at onboarding and every 12 months."),
    ("frequency", "January and July", "This is done in January and July."),
    ("frequency", "2 times a year", "This is done 2 times a year."),
    ("frequency", "Reviewed yearly with the risk assessment", "This is reviewed yearly with the risk assessment."),
    ("frequency", "Re-signed every 2 years and whenever the CEO changes; postings checked monthly",
     "Frequency: Re-signed every 2 years and whenever the CEO changes; postings checked monthly."),
    ("frequency", "full self-audit every October; quarterly spot checks of seal and visitor logs",
     "Frequency: full self-audit every October; quarterly spot checks of seal and visitor logs."),
    ("frequency", "We test the alarm on the first Monday of each month.",
     "We test the alarm on the first Monday of each month."),
    ("frequency", "The guard checks the seal log at 06:00. The manager signs it weekly",
     "The guard checks the seal log at 06:00. The manager signs it weekly."),
    ("frequency", "- at hire\n- every January", "Frequency:\n- at hire\n- every January"),
    ("frequency", "Tabletop exercise yearly", "Frequency: Tabletop exercise yearly."),
    ("owner", "Director of Trade Compliance", "Responsibility rests with the Director of Trade Compliance."),
    ("owner", "Management", "Responsibility rests with Management."),
    ("owner", "Maria Lopez, Security Manager", "Responsibility rests with Maria Lopez, Security Manager."),
    ("owner", "IT Manager", "Responsibility rests with the IT Manager."),
    ("owner", "the shipping supervisor", "Responsibility rests with the shipping supervisor."),
    ("owner", "security manager", "Responsibility rests with the security manager."),
    ("owner", "Security Manager (Laredo); Shipping Supervisor for the Elgin cage",
     "Responsibility rests with the Security Manager (Laredo) and with the Shipping Supervisor for the Elgin cage."),
    ("owner", "Security Manager; procedure approved by the Director",
     "Owner: Security Manager; procedure approved by the Director."),
    ("owner", "The HR Manager owns the procedure and the guard lead runs it daily.",
     "The HR Manager owns the procedure and the guard lead runs it daily."),
    ("records", "Meeting minutes in SharePoint, kept 3 years",
     "Records kept: Meeting minutes in SharePoint, kept 3 years."),
    ("records", "SAP change log, kept 2 years", "Records kept: SAP change log, kept 2 years."),
    ("records", "kept in the CTPAT binder for 5 years", "Records are kept in the CTPAT binder for 5 years."),
    ("records", "Seal log in SharePoint; photos in SAP; both kept 5 years",
     "Records kept: Seal log in SharePoint; photos in SAP; both kept 5 years."),
    ("records", "Certificates in the vendor file, kept 5 years after the seal model is retired",
     "Records kept: Certificates in the vendor file, kept 5 years after the seal model is retired."),
    ("records", "Course completions and test scores, to be kept 5 years",
     "Records kept: Course completions and test scores, to be kept 5 years."),
    ("records", "Minutes are filed in SharePoint and kept 5 years.",
     "Minutes are filed in SharePoint and kept 5 years."),
    ("escalation", "New high risks go to the COO within 5 working days",
     "New high risks go to the COO within 5 working days."),
    ("escalation", "If a seal is broken, the load is held and CBP is called.",
     "If a seal is broken, the load is held and CBP is called."),
    ("escalation", "reported to the Security Manager within 1 hour",
     "When a problem is found, it is reported to the Security Manager within 1 hour."),
    ("escalation", "corrective action report to the COO", "Escalation: corrective action report to the COO."),
    ("escalation", "High-rated findings reported to the COO; overdue actions reviewed quarterly",
     "Escalation: High-rated findings reported to the COO; overdue actions reviewed quarterly."),
    ("controls", "We seal every trailer with an ISO 17712 bolt seal",
     "We seal every trailer with an ISO 17712 bolt seal."),
    ("controls", "Firewall rules", "Controls in place: Firewall rules."),
    ("controls", "All employees receive training on security", "All employees receive training on security."),
    ("escalation", "Altered hardware: the unit is not sealed and the Security Manager is called",
     "Altered hardware: the unit is not sealed and the Security Manager is called."),
    ("escalation", "If ID is missing, expired or does not match, the truck stays outside the gate",
     "If ID is missing, expired or does not match, the truck stays outside the gate."),
    ("escalation", "Confirmed misuse goes to the HR Manager within 2 business days",
     "Confirmed misuse goes to the HR Manager within 2 business days."),
    ("escalation", "Inspectors who find pests stop work and call the Security Manager",
     "Inspectors who find pests stop work and call the Security Manager."),
    ("frequency", "Each seal application and each handoff: pickup, gate entry, and before the seal is cut",
     "This is done for each seal application and each handoff: pickup, gate entry, and before the seal is cut."),
    ("controls", "VVTT seal check; photo of the seal; ASN with seal number",
     "Controls in place: VVTT seal check; photo of the seal; ASN with seal number."),
]


@pytest.mark.parametrize(("field", "typed", "expected"), TABLE, ids=[f"{r[0]}:{r[1][:30]}" for r in TABLE])
def test_each_way_of_filling_a_field_reads_as_written_by_a_person(field, typed, expected):
    response = compose_response(None, Answer("7.23", status="implemented", **{field: typed}))
    assert response.text == expected


def test_a_whole_answer_in_the_labeled_style_has_one_line_per_field():
    answer = Answer("7.23", status="implemented", controls="We seal every trailer.", frequency="Every load",
                    owner="Shipping Supervisor", records="Seal log, kept 5 years",
                    escalation="- hold the load\n- call the Security Manager")
    assert compose_response(None, answer, style="labeled").text == (
        "What: We seal every trailer.\n\nHow often: Every load\n\nWho: Shipping Supervisor\n\n"
        "Records: Seal log, kept 5 years\n\nEscalation:\n- hold the load\n- call the Security Manager")


def test_the_users_narrative_and_not_applicable_are_the_same_in_both_styles():
    own = Answer("7.23", status="implemented", narrative="Our own words.", frequency="Every load")
    na = Answer("9.5", status="not_applicable", na_reason="no parking on site")
    for style in ("prose", "labeled"):
        assert compose_response(None, own, style=style).text == "Our own words."
        assert compose_response(None, na, style=style).text == "Not applicable. No parking on site."


# --- property: every user word survives in order, and no glue pattern appears -------------------------------

_NOUNS = ["seal", "log", "trailer", "container", "badge", "visitor", "camera", "checklist", "report", "audit",
          "SAP", "CTPAT", "VVTT", "Laredo", "ServiceNow", "meeting", "minutes", "inspection", "drill", "ISO"]
_ADJECTIVES = ["quarterly", "full", "random", "signed", "spot", "outbound", "annual", "bolt"]
_TIMES = ["every October", "each shift", "every 2 hours", "at onboarding", "before loading", "within 30 days",
          "yearly", "monthly", "Daily", "at hire and every 12 months", "twice a year", "every load"]
_ROLES = ["Security Manager", "Director of Trade Compliance", "IT Manager", "shipping supervisor", "Maria Lopez",
          "Management", "HR"]
_PARTICIPLES = ["reviewed", "checked", "updated", "kept", "reported", "Re-signed", "tested"]

noun_phrase = st.builds(lambda a, n, m: " ".join(w for w in (a, n, m) if w),
                        st.sampled_from(_ADJECTIVES + [""]), st.sampled_from(_NOUNS), st.sampled_from(_NOUNS + [""]))
time_phrase = st.sampled_from(_TIMES)
sentence = st.builds(lambda s, v, o, t: f"{s} {v} the {o} {t}.", st.sampled_from(["We", "The guard", "Our team"]),
                     st.sampled_from(["checks", "reviews", "signs", "is told about"]), noun_phrase, time_phrase)
participle = st.builds(lambda p, t: f"{p} {t}", st.sampled_from(_PARTICIPLES), time_phrase)
semicolon_list = st.lists(st.one_of(noun_phrase, st.builds(lambda n, t: f"{n} {t}", noun_phrase, time_phrase)),
                          min_size=2, max_size=4).map("; ".join)
bullets = st.lists(noun_phrase, min_size=2, max_size=3).map(lambda items: "\n".join(f"- {i}" for i in items))
several = st.lists(sentence, min_size=2, max_size=3).map(" ".join)
any_style = st.one_of(noun_phrase, time_phrase, sentence, several, participle, semicolon_list, bullets,
                      st.builds(lambda n, t: f"{n} {t}", noun_phrase, time_phrase))
owner = st.one_of(st.sampled_from(_ROLES), sentence, st.lists(st.sampled_from(_ROLES[:3]), min_size=2,
                                                               max_size=3).map("; ".join))
maybe = lambda strategy: st.one_of(st.just(""), strategy)  # noqa: E731

_TIME_START = (r"(?:for|every|each|at|before|after|within|on|in|as|yearly|monthly|daily|twice|quarterly|regularly|"
               r"periodically|\d)")
GLUE = [
    re.compile(rf"\bThis is done (?!{_TIME_START}\b)"),  # "This is done quarterly meetings", "done Re-signed"
    re.compile(r"\bThis is (?!done\b|kept\b)(?![a-z-]+ed\b)"),  # "This is" + anything but a participle
    re.compile(r"\brests with the (?:(?:the|our|a|an)\b|(?:Maria|Management|HR)[.,;])"),
    re.compile(r"\brests with (?:We|the guard checks)\b"),
    re.compile(r"When a problem is found, (?:if|when|we|the guard)\b", re.IGNORECASE),
    re.compile(r"[,;:]\.|\.\.|\.;"),
]
DOUBLED = re.compile(r"\b(\w+) \1\b", re.IGNORECASE)


def _words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[A-Za-z0-9]+(?:[-'][A-Za-z0-9]+)*", text)]


def _in_order(needle: list[str], haystack: list[str]) -> bool:
    rest = iter(haystack)
    return all(word in rest for word in needle)


def _kept_capitals(typed: str) -> list[str]:
    """Acronyms and names: words with a capital after the first letter, or capitalised after the first word."""
    tokens = re.findall(r"[A-Za-z][A-Za-z0-9-]*", typed)
    return [t for i, t in enumerate(tokens) if any(c.isupper() for c in t[1:]) or (i > 0 and t[0].isupper())]


@settings(max_examples=300, deadline=None)
@given(controls=maybe(any_style), frequency=maybe(any_style), owner=maybe(owner), records=maybe(any_style),
       escalation=maybe(any_style), style=st.sampled_from(["prose", "labeled"]))
def test_composed_text_keeps_every_word_in_order_and_never_glues(controls, frequency, owner, records, escalation,
                                                                  style):
    answer = Answer("7.23", status="implemented", controls=controls, frequency=frequency, owner=owner,
                    records=records, escalation=escalation)
    text = compose_response(None, answer, style=style).text
    typed = [controls, frequency, owner, records, escalation]
    assert _in_order(_words(" ".join(typed)), _words(text))
    for value in typed:
        for word in _kept_capitals(value):
            assert re.search(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", text), (word, text)
    for pattern in GLUE:
        assert not pattern.search(text), (pattern.pattern, text)
    doubled = {m.group(0).lower() for m in DOUBLED.finditer(text)}
    assert doubled <= {m.group(0).lower() for m in DOUBLED.finditer(" ".join(typed))}, text


# --- the profile's style setting reaches every output -------------------------------------------------------


def _with_settings(sample_path, lines: str):  # type: ignore[no-untyped-def]
    text = sample_path.read_text(encoding="utf-8")
    sample_path.write_text(text.replace("[settings]\n", "[settings]\n" + lines, 1), encoding="utf-8")


def test_a_reviewer_who_prefers_labeled_lines_gets_them_in_md_txt_and_docx(sample_path, catalog, tmp_path):
    from render_support import DATE, docx_paragraph_texts

    from ctpat_tui.profile.document import ProfileDocument
    from ctpat_tui.render import render_profile

    _with_settings(sample_path, 'response_style = "labeled"\n')
    profile = ProfileDocument.load(sample_path).profile
    assert profile.settings.response_style == "labeled"
    render_profile(catalog, profile, tmp_path, ["md", "txt", "docx"], generated=DATE)
    owner_line = "Who: Director of Trade Compliance (CTPAT POC)"
    assert owner_line in (tmp_path / "profile.md").read_text(encoding="utf-8")
    assert owner_line in (tmp_path / "portal-responses.txt").read_text(encoding="utf-8")
    assert owner_line in docx_paragraph_texts(tmp_path / "profile.docx")
    assert "Responsibility rests with" not in (tmp_path / "portal-responses.txt").read_text(encoding="utf-8")


def test_an_unknown_response_style_is_refused_with_its_key(sample_path):
    from ctpat_tui.profile.document import ProfileDocument
    from ctpat_tui.profile.errors import ProfileError

    _with_settings(sample_path, 'response_style = "bullets"\n')
    with pytest.raises(ProfileError, match="response_style"):
        ProfileDocument.load(sample_path)


def test_the_samples_paste_pack_has_none_of_the_glue_that_gave_machines_away(sample_path, catalog):
    from ctpat_tui.profile.document import ProfileDocument
    from ctpat_tui.render import render_paste_text, view_for

    view = view_for(catalog, ProfileDocument.load(sample_path).profile, check_files=False)
    composed = [c for c in view.criteria if c.response_source == "composed"]
    assert len(composed) > 50
    pack = render_paste_text(view)
    for pattern in GLUE + [re.compile(r"When a problem is found, [A-Z]"), re.compile(r"rests with the Management")]:
        assert not pattern.search(pack), pattern.pattern
    for criterion in composed:
        answer = ProfileDocument.load(sample_path).profile.answer(criterion.id)
        typed = " ".join(answer.detail(n) for n in ("controls", "frequency", "owner", "records", "escalation"))
        assert _in_order(_words(typed), _words(criterion.response)), criterion.id
