"""Immutable model of the MSC catalog: categories, portal sections, entity types and criteria."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ctpat_tui.records import field, record

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (about 2 ms of every command's start)
if TYPE_CHECKING:
    from typing import Literal

    Level = Literal["must", "should", "mixed", "unknown"]
    Confidence = Literal["confirmed", "assumed"]
    FieldType = Literal["date", "text", "choice", "number"]

CARGO_CUSTODY_TAG = "cargo_custody"
LEVELS: tuple[Level, ...] = ("must", "should", "mixed", "unknown")
FIELD_TYPES: tuple[FieldType, ...] = ("date", "text", "choice", "number")
DETAIL_FIELDS: tuple[str, ...] = ("controls", "frequency", "owner", "records", "escalation")
DETAIL_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "controls": "Controls in place",
        "frequency": "How often / trigger",
        "owner": "Responsible role",
        "records": "Records kept",
        "escalation": "Escalation and correction",
        "narrative": "Own response text",
    }
)


def entity_slug_spelling(text: str) -> str:
    """An entity type as typed ('Highway-Carrier', 'highway carrier') spelled as a slug ('highway_carrier')."""
    return "_".join(text.strip().lower().replace("-", " ").split())


@record
class Category:
    """One of the 12 MSC categories."""

    number: int
    name: str
    focus_area: str
    default_portal_section: str = ""
    guidance: str = ""


@record
class PortalSection:
    """A section of the portal's Security Profile, with the MSC IDs it asks in portal order."""

    order: int
    name: str
    criteria: tuple[str, ...]


@record
class EntityType:
    """A CTPAT entity type; core categories may inherit the importer's criteria as assumed."""

    slug: str
    name: str
    notes: str = ""
    inherit_from: str | None = None
    inherit_categories: tuple[int, ...] = ()
    handles_cargo: bool = True
    no_cargo_reason: str = ""


@record
class Designation:
    """How a criterion applies to one entity type, and how sure we are of it."""

    level: Level
    confidence: Confidence
    basis: str = "reference data"

    @property
    def required(self) -> bool:
        """True when leaving the criterion unanswered blocks submission (Must, or partly Must)."""
        return self.level in ("must", "mixed")

    @property
    def label(self) -> str:
        """Short human label, e.g. 'Must' or 'Should (assumed)'."""
        text = {"must": "Must", "should": "Should", "mixed": "Must/Should", "unknown": "Must/Should unknown"}[self.level]
        if self.level == "unknown":
            return text
        return text if self.confidence == "confirmed" else f"{text} (assumed)"


@record
class ExtraField:
    """A structured value a criterion asks for beyond the five detail fields."""

    name: str
    type: FieldType
    label: str
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None

    def out_of_range(self, value: object) -> str:
        """'' when a number lies within the field's plausible range, otherwise what is wrong, in words."""
        if self.type != "number" or not isinstance(value, int | float) or isinstance(value, bool):
            return ""
        if (self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum):
            shown = int(value) if float(value).is_integer() else value
            return f"{shown} is outside the plausible range {self.range_text()}"
        return ""

    def range_text(self) -> str:
        """'1 to 60' (or 'at least 1', 'at most 60'; '' without a range)."""
        low, high = self.minimum, self.maximum
        if low is not None and high is not None:
            return f"{low:g} to {high:g}"
        if low is not None:
            return f"at least {low:g}"
        return f"at most {high:g}" if high is not None else ""


@record
class PortalQuestion:
    """One numbered sub-question of the portal that asks (part of) a criterion."""

    section: str
    number: int
    label: str
    designation: str


@record
class Variant:
    """Entity-specific wording of a criterion's prompt and guidance."""

    entities: frozenset[str]
    prompt: str | None = None
    guidance: str | None = None


@record
class Criterion:
    """One Minimum Security Criterion with the questionnaire text the user sees."""

    id: str
    category: int
    title: str
    prompt: str
    guidance: str
    evidence_hint: str
    portal_sections: tuple[str, ...]
    summary: str = ""
    portal_section_assumed: bool = False
    profile_questions: tuple[int, ...] = ()
    tags: frozenset[str] = frozenset()
    sources: str = ""
    designations: Mapping[str, Designation] = field(default_factory=lambda: MappingProxyType({}))
    excluded: frozenset[str] = frozenset()
    portal_questions: tuple[PortalQuestion, ...] = ()
    fields: tuple[ExtraField, ...] = ()
    variants: tuple[Variant, ...] = ()
    review_cycle_months: int = 12
    official_texts: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    official_guidances: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    source_file: str = field(default="", compare=False)

    def official_text_for(self, entity: str) -> str:
        """CBP's own wording of the criterion for `entity`, when the user imported it (else '')."""
        return self.official_texts.get(entity, "")

    @property
    def portal_label(self) -> str:
        """Where to paste in the portal: 'Procedural Security Q50, 51, 52' (sections alone when numbers are unknown)."""
        numbers = sorted({q.number for q in self.portal_questions})
        sections = ", ".join(self.portal_sections) or "portal section unknown"
        if self.portal_section_assumed:
            sections += " (assumed)"
        if not numbers:
            return sections
        return f"{sections} Q{', '.join(str(n) for n in numbers)}"

    def official_guidance_for(self, entity: str) -> str:
        """CBP's implementation guidance for `entity`, when the user imported it (else '')."""
        return self.official_guidances.get(entity, "")

    def _variant_for(self, entity: str) -> Variant | None:
        return next((v for v in self.variants if entity in v.entities), None)

    def prompt_for(self, entity: str) -> str:
        """The prompt worded for `entity`."""
        variant = self._variant_for(entity)
        return variant.prompt if variant and variant.prompt else self.prompt

    def guidance_for(self, entity: str) -> str:
        """The Markdown guidance worded for `entity`."""
        variant = self._variant_for(entity)
        return variant.guidance if variant and variant.guidance else self.guidance

    @property
    def primary_section(self) -> str:
        """The portal section under which the criterion is listed first."""
        return self.portal_sections[0] if self.portal_sections else ""

    def field(self, name: str) -> ExtraField | None:
        """The extra field called `name`, if the criterion declares it."""
        return next((f for f in self.fields if f.name == name), None)


@record
class Catalog:
    """The validated questionnaire catalog, indexed for the lookups the app needs."""

    categories: tuple[Category, ...]
    portal_sections: tuple[PortalSection, ...]
    entity_types: tuple[EntityType, ...]
    criteria: Mapping[str, Criterion]
    source_dir: str = ""
    overlay_dir: str | None = None
    _applicable_cache: dict[str, tuple[tuple[Criterion, Designation], ...]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def entity(self, slug: str) -> EntityType:
        """The entity type `slug`; KeyError names the known slugs."""
        for entity in self.entity_types:
            if entity.slug == slug:
                return entity
        import difflib

        known = [e.slug for e in self.entity_types]
        close = difflib.get_close_matches(entity_slug_spelling(slug), known, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]}? " if close else ""
        raise KeyError(f"unknown entity type {slug!r} ({hint}known: {', '.join(known)})")

    def category(self, number: int) -> Category:
        """The category with this number."""
        return next(c for c in self.categories if c.number == number)

    def section(self, name: str) -> PortalSection | None:
        """The portal section called `name`."""
        return next((s for s in self.portal_sections if s.name == name), None)

    def designation(self, criterion_id: str, entity: str) -> Designation | None:
        """How `criterion_id` applies to `entity`, or None when it does not (or is unknown)."""
        criterion = self.criteria.get(criterion_id)
        if criterion is None or entity in criterion.excluded:
            return None
        direct = criterion.designations.get(entity)
        if direct is not None:
            return direct
        entity_type = next((e for e in self.entity_types if e.slug == entity), None)
        if entity_type is None or entity_type.inherit_from is None:
            return None
        if criterion.category not in entity_type.inherit_categories:
            return None
        parent = criterion.designations.get(entity_type.inherit_from)
        if parent is None:
            return None
        return Designation(parent.level, "assumed", f"inherited from {entity_type.inherit_from}")

    def probably_not_applicable(self, entity: str, criterion_id: str) -> bool:
        """True when `entity` never handles cargo and the criterion can only be met by a party holding cargo.

        Such criteria stay in the questionnaire (the member's own MSC decides); they are offered in their own
        group with a suggested reason the user confirms or edits.
        """
        criterion = self.criteria.get(criterion_id)
        entity_type = next((e for e in self.entity_types if e.slug == entity), None)
        if criterion is None or entity_type is None or entity_type.handles_cargo:
            return False
        return CARGO_CUSTODY_TAG in criterion.tags and self.designation(criterion_id, entity) is not None

    def suggested_na_reason(self, entity: str, criterion_id: str) -> str:
        """The not-applicable reason suggested for a probably-not-applicable criterion ('' for any other)."""
        if not self.probably_not_applicable(entity, criterion_id):
            return ""
        template = self.entity(entity).no_cargo_reason
        return template.replace("{title}", self.criteria[criterion_id].title).replace("{id}", criterion_id)

    def applicable(self, entity: str) -> tuple[tuple[Criterion, Designation], ...]:
        """Criteria that apply to `entity`, in portal order, with their designation."""
        cached = self._applicable_cache.get(entity)
        if cached is not None:
            return cached
        result = []
        for criterion in self.in_portal_order():
            designation = self.designation(criterion.id, entity)
            if designation is not None:
                result.append((criterion, designation))
        value = tuple(result)
        self._applicable_cache[entity] = value
        return value

    def in_portal_order(self) -> tuple[Criterion, ...]:
        """All criteria, ordered by their first portal section and the order the portal asks them."""
        position: dict[str, tuple[int, int]] = {}
        for section in self.portal_sections:
            for index, cid in enumerate(section.criteria):
                position.setdefault(cid, (section.order, index))
        section_order = {s.name: s.order for s in self.portal_sections}

        def key(criterion: Criterion) -> tuple[int, int, tuple[int, ...]]:
            if criterion.id in position:
                order, index = position[criterion.id]
                return (order, index, ())
            order = section_order.get(criterion.primary_section, 99)
            return (order, 10_000, tuple(int(p) for p in criterion.id.split(".")))

        return tuple(sorted(self.criteria.values(), key=key))


def criterion_sort_key(criterion_id: str) -> tuple[int, ...]:
    """Numeric sort key for IDs like '7.23' (unparseable parts sort last)."""
    parts = []
    for part in criterion_id.split("."):
        parts.append(int(part) if part.isdigit() else 10_000)
    return tuple(parts)
