"""Portal text rules: the response fits the portal's box and pastes cleanly as plain text."""

from __future__ import annotations

import re
from functools import lru_cache

from ctpat_tui.catalog.model import Criterion, Designation
from ctpat_tui.compose import compose_response
from ctpat_tui.profile.model import Answer
from ctpat_tui.review.context import ReviewContext
from ctpat_tui.review.finding import Finding
from ctpat_tui.review.rules import Example, Family, Rule

TEXT_FIELDS = ("na_reason", "controls", "frequency", "owner", "records", "escalation", "narrative")
_UNPASTEABLE = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\ufeff]")
_MARKDOWN = re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__|^#{1,6} |\[[^\]\n]+\]\([^)\n]+\)|^\s*\|.*\|\s*$|`[^`\n]+`",
                       re.MULTILINE)
_NAMES = {"\t": "tab", "\u200b": "zero-width space", "\ufeff": "byte-order mark", "\u2028": "line separator",
          "\u2029": "paragraph separator"}

_LONG = '''[settings]
portal_char_limit = 120

[answers."7.23"]
status = "implemented"
controls = "Incidents are reported on form SEC-F-12 to the Security Manager, who notifies our SCSS within 24 hours."
'''

TEXT001 = Rule(
    "TEXT001", "warning", "The composed response is longer than settings.portal_char_limit (0 = no limit, the "
    "default: the portal's limit is not published).",
    Example(_LONG + 'frequency = "Every incident; the contact list is checked every quarter"\n'),
    Example(_LONG.replace("120", "2000") + 'frequency = "Every incident; the contact list is checked every quarter"\n'))
TEXT002 = Rule(
    "TEXT002", "info", "A text holds characters that do not paste cleanly into the portal (tabs, control characters, "
    "zero-width spaces).",
    Example('[answers."7.23"]\nstatus = "implemented"\nowner = "Security Manager\\t(Laredo)"\n'),
    Example('[answers."7.23"]\nstatus = "implemented"\nowner = "Security Manager (Laredo)"\n'))
TEXT003 = Rule(
    "TEXT003", "info", "A text uses Markdown (bold, headings, tables, links) that the portal shows as plain "
    "characters.",
    Example('[answers."7.23"]\nstatus = "implemented"\n'
            'narrative = "**Reporting:** staff call the Security Manager."\n'),
    Example('[answers."7.23"]\nstatus = "implemented"\nnarrative = "Reporting: staff call the Security Manager."\n'))

FAMILY = Family("Portal text", "Portal issues: text too long for the box or characters that do not paste cleanly.",
                (TEXT001, TEXT002, TEXT003))


@lru_cache(maxsize=8192)
def text_findings(text: str, field: str, cid: str = "") -> tuple[Finding, ...]:
    """Paste problems in one field's text (shared by the profile review and `ctpat lint`)."""
    findings: list[Finding] = []
    bad = _UNPASTEABLE.findall(text)
    if bad:
        kinds = sorted({_NAMES.get(c, f"U+{ord(c):04X}") for c in bad})
        findings.append(TEXT002.finding(cid, field, f"{field} holds {len(bad)} character(s) that may not paste "
                                        f"cleanly: {', '.join(kinds)}",
                                        "Replace tabs with spaces and delete the invisible characters (often "
                                        "picked up when copying from Word or a PDF)."))
    markup = _MARKDOWN.search(text)
    if markup:
        findings.append(TEXT003.finding(cid, field, f"{field} uses Markdown ('{markup.group(0).strip()[:30]}'), "
                                        "which the portal shows literally",
                                        "Write plain sentences; use a line break instead of bullets or bold."))
    return tuple(findings)


def check_answer(ctx: ReviewContext, criterion: Criterion, designation: Designation, answer: Answer) -> list[Finding]:
    """Portal-text findings for one answered criterion."""
    if answer.is_blank:
        return []
    findings: list[Finding] = []
    for name in TEXT_FIELDS:
        value = getattr(answer, name)
        if value:
            findings.extend(text_findings(value, name, criterion.id))
    limit = ctx.profile.settings.portal_char_limit
    if limit > 0:
        response = compose_response(criterion, answer, ctx.profile.settings.response_style)
        if response.length > limit:
            findings.append(TEXT001.finding(criterion.id, "narrative" if response.source == "narrative" else "",
                                            f"response is {response.length} characters; the portal limit is set "
                                            f"to {limit}",
                                            f"Shorten it by {response.length - limit} characters: keep the "
                                            "mechanism, role, frequency, record and escalation; cut background."))
    return findings
