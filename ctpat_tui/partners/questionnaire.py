"""A partner security questionnaire: the MSC criteria of the partner's role, as questions the partner answers."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ctpat_tui.catalog.model import Catalog
from ctpat_tui.profile.model import Partner, Profile
from ctpat_tui.review.partners import next_screening_due

FORMAT = "ctpat-partner-questionnaire 1"
STATUS_CHOICES = ("Yes", "Partly", "No", "Not applicable")
# Words in a partner's role and the entity type whose criteria it is asked (first match wins).
ROLE_ENTITY: tuple[tuple[str, str], ...] = (
    ("mexican long haul", "mexican_long_haul_carrier"), ("long haul", "mexican_long_haul_carrier"),
    ("rail", "rail_carrier"), ("sea carrier", "sea_carrier"), ("ocean carrier", "sea_carrier"),
    ("shipping line", "sea_carrier"), ("vessel", "sea_carrier"), ("air carrier", "air_carrier"),
    ("airline", "air_carrier"), ("customs broker", "customs_broker"), ("broker", "customs_broker"),
    ("consolidator", "consolidator"), ("nvocc", "consolidator"), ("forwarder", "consolidator"),
    ("oti", "consolidator"), ("terminal", "mpto"), ("port operator", "mpto"), ("3pl", "third_party_logistics"),
    ("third party logistics", "third_party_logistics"), ("third-party logistics", "third_party_logistics"),
    ("warehouse", "third_party_logistics"), ("logistics", "third_party_logistics"),
    ("highway", "highway_carrier"), ("truck", "highway_carrier"), ("drayage", "highway_carrier"),
    ("haul", "highway_carrier"), ("carrier", "highway_carrier"), ("transport", "highway_carrier"),
    ("exporter", "exporter"), ("supplier", "foreign_manufacturer"), ("manufacturer", "foreign_manufacturer"),
    ("factory", "foreign_manufacturer"), ("vendor", "foreign_manufacturer"), ("packag", "foreign_manufacturer"),
)
DEFAULT_ENTITY = "foreign_manufacturer"


@dataclass(frozen=True)
class Question:
    """One question: the MSC criterion it comes from, its topic and wording, and what proof would show it."""

    number: int
    criterion: str
    topic: str
    text: str
    designation: str
    evidence_hint: str


@dataclass(frozen=True)
class PartnerQuestionnaire:
    """Everything one generated questionnaire holds; the same data makes the XLSX and the Word version."""

    reference: str
    company: str
    partner: Partner
    entity_slug: str
    entity_name: str
    issued: dt.date
    due: dt.date
    questions: tuple[Question, ...]
    role_matched: bool = True


def entity_for_role(role: str) -> tuple[str, bool]:
    """The entity type whose criteria fit a partner's role, and whether the role named one (else the default)."""
    text = f" {role.lower()} "
    for words, slug in ROLE_ENTITY:
        if re.search(rf"\b{re.escape(words)}", text):
            return slug, True
    return DEFAULT_ENTITY, False


def partners_due(profile: Profile, today: dt.date, within_days: int = 60) -> list[int]:
    """Indexes of the partners never screened or due for screening within `within_days` days."""
    horizon = today + dt.timedelta(days=within_days)
    due = []
    for index, partner in enumerate(profile.partners):
        next_due = next_screening_due(profile.settings, partner)
        if next_due is None or next_due <= horizon:
            due.append(index)
    return due


def reference_for(index: int, issued: dt.date) -> str:
    """A reference the questionnaire carries and the register records: SQ-YYYYMMDD-NN (NN: register position)."""
    return f"SQ-{issued:%Y%m%d}-{index + 1:02d}"


def build_questionnaire(catalog: Catalog, profile: Profile, index: int, issued: dt.date, due: dt.date, *,
                        entity: str | None = None, include_should: bool = False) -> PartnerQuestionnaire:
    """The questionnaire for the partner at `index`: the Must criteria of its role's entity type (and Shoulds)."""
    partner = profile.partners[index]
    matched = True
    if entity is None:
        entity, matched = entity_for_role(partner.role)
    entity_type = catalog.entity(entity)
    questions: list[Question] = []
    for criterion, designation in catalog.applicable(entity):
        if catalog.probably_not_applicable(entity, criterion.id):
            continue
        if not designation.required and not include_should:
            continue
        questions.append(Question(len(questions) + 1, criterion.id, criterion.title, criterion.prompt_for(entity),
                                  "Must" if designation.required else "Should", criterion.evidence_hint))
    return PartnerQuestionnaire(reference_for(index, issued), profile.company, partner, entity_type.slug,
                                entity_type.name, issued, due, tuple(questions), matched)


def instructions(q: PartnerQuestionnaire) -> tuple[str, ...]:
    """The instructions printed at the top of both versions, in plain words for the partner."""
    return (
        f"{q.company} takes part in CTPAT, the U.S. Customs and Border Protection supply chain security program, "
        f"and must confirm that its business partners protect the goods and information they handle. These "
        f"questions follow CBP's Minimum Security Criteria for a {q.entity_name}.",
        "For each question, choose Yes, Partly, No or Not applicable, then describe what you actually do: what is "
        "done, how often, who is responsible, and where it is recorded. Name the documents you can send as proof "
        "(procedure numbers, logs, certificates). A short, specific answer is better than a general statement.",
        "If you hold a CTPAT, AEO or other MRA certification, give its number under 'About you'; the questions "
        "still apply. Rows can be made taller to fit longer answers.",
        f"Only the yellow cells can be changed. Please return the completed file to {q.company} by "
        f"{q.due:%d %B %Y}, keeping its name and format (.xlsx). Questions: reply to the person who sent it.",
    )


RESPONDENT_FIELDS: tuple[tuple[str, str], ...] = (
    ("company", "Your company's legal name"), ("completed_by", "Completed by (name)"), ("job_title", "Job title"),
    ("email", "Email"), ("date_completed", "Date completed"), ("certification", "Certification no. (SVI/AEO)"),
)


def safe_file_name(q: PartnerQuestionnaire, suffix: str) -> str:
    """A file name for the questionnaire: reference and partner name, no characters file systems refuse."""
    name = re.sub(r"[^\w.-]+", "-", q.partner.name, flags=re.ASCII).strip("-.")[:60] or "partner"
    return f"{q.reference}-{name}{suffix}"
