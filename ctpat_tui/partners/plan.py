"""What importing a partner list would do to the register: added, changed, unchanged, and how each row matched."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Any

from ctpat_tui.partners.countries import find_country, normalize_country
from ctpat_tui.partners.sheet import COLUMN_TITLES, NOT_READ, PartnerSheet
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.profile.model import Partner


def partner_key(name: str, country: str) -> tuple[str, str]:
    """Name and country as compared for matching: case, punctuation and spacing ignored, a country the app knows
    by its ISO code ('Vietnam' is 'VN')."""
    def plain(text: str) -> str:
        return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())
    known = find_country(country)
    return plain(name), known.code.casefold() if known is not None else plain(country)


@dataclass(frozen=True)
class PlannedPartner:
    """One row of the file and what it does: add a partner, change one (field, old, new), or nothing."""

    row: int
    kind: str  # added | changed | unchanged
    partner: Partner
    index: int | None = None
    matched: str = ""
    changes: tuple[tuple[str, str, str], ...] = ()


@dataclass
class PartnerPlan:
    """The whole import: one entry per partner row, plus notes about the file."""

    sheet: PartnerSheet
    entries: list[PlannedPartner] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[PlannedPartner]:
        """The entries that add, change or leave a partner unchanged."""
        return [e for e in self.entries if e.kind == kind]

    @property
    def has_changes(self) -> bool:
        """True when confirming would write something."""
        return any(e.kind != "unchanged" for e in self.entries)


def _shown(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value) if value else "(empty)"


def _label(partner: Partner) -> str:
    return f"{partner.name} ({partner.country})" if partner.country else partner.name


def _match(partners: tuple[Partner, ...], by_name: dict[str, list[int]],
           values: dict[str, Any]) -> tuple[int | None, str, str]:
    """Index of the register partner a row is, how it matched, and a note when a near match was not taken."""
    name, country = partner_key(values.get("name", ""), values.get("country", ""))
    same_name = by_name.get(name, [])
    for i in same_name:
        if partner_key("", partners[i].country)[1] == country:
            exact = partners[i].name == values.get("name") and partners[i].country == values.get("country", "")
            return i, "name and country" if exact else "name and country (ignoring case and punctuation)", ""
    blank = [i for i in same_name if not partners[i].country.strip()]
    if country and len(blank) == 1:
        return blank[0], "name (the register has no country for it)", ""
    if not country and len(same_name) == 1:
        return same_name[0], "name (the file gives no country)", ""
    if same_name:
        where = ", ".join(partners[i].country or "no country" for i in same_name)
        return None, "", (f"{values['name']}: the register has this name in {where}; added as a separate partner "
                          "(if it is the same company, correct the country in the file or the register)")
    return None, "", ""


def plan_partner_import(document: ProfileDocument, sheet: PartnerSheet) -> PartnerPlan:
    """Match every row to the register by name and country; a partner repeated in the file is used once."""
    plan = PartnerPlan(sheet, notes=list(sheet.notes))
    register = document.profile.partners
    seen: dict[tuple[str, str], int] = {}
    claimed: dict[int, int] = {}
    by_name: dict[str, list[int]] = {}
    for i, partner in enumerate(register):
        by_name.setdefault(partner_key(partner.name, "")[0], []).append(i)
    for row in sheet.rows:
        key = partner_key(row.values["name"], row.values.get("country", ""))
        if key in seen:
            plan.notes.append(f"row {row.number}: {row.values['name']} is already on row {seen[key]}; row ignored")
            continue
        seen[key] = row.number
        values = dict(row.values)
        if values.get("country"):
            country = normalize_country(str(values["country"]))
            values["country"] = country.value
            if country.warning:
                plan.notes.append(f"row {row.number}: {country.warning}")
        index, matched, note = _match(register, by_name, values)
        if note:
            plan.notes.append(f"row {row.number}: {note}")
        if index is not None and index in claimed:
            plan.notes.append(f"row {row.number}: {values['name']} matches the same register partner as row "
                              f"{claimed[index]}; row ignored")
            continue
        if index is None:
            fields = {k: v for k, v in values.items() if k in Partner.__dataclass_fields__}
            plan.entries.append(PlannedPartner(row.number, "added", Partner(**fields)))
            continue
        claimed[index] = row.number
        old = register[index]
        updates = {k: v for k, v in values.items() if k in Partner.__dataclass_fields__ and k != "name"}
        if partner_key("", updates.get("country", ""))[1] == partner_key("", old.country)[1]:
            updates.pop("country", None)  # 'cn' in the file is the register's 'CN': keep how the register spells it
        new = replace(old, **updates)
        changes = tuple((COLUMN_TITLES[k].lower(), _shown(getattr(old, k)), _shown(getattr(new, k)))
                        for k in Partner.__dataclass_fields__ if getattr(old, k) != getattr(new, k))
        plan.entries.append(PlannedPartner(row.number, "changed" if changes else "unchanged", new, index, matched,
                                           changes))
    return plan


def apply_plan(document: ProfileDocument, plan: PartnerPlan) -> None:
    """Write the plan's added and changed partners into the document (not yet saved)."""
    document.set_partners([(e.index if e.kind == "changed" else None, e.partner) for e in plan.entries
                           if e.kind != "unchanged"])


def describe_plan(plan: PartnerPlan) -> str:
    """The plan as the user reads it before confirming."""
    sheet = plan.sheet
    where = f" (sheet {sheet.sheet!r})" if sheet.sheet else ""
    columns = ", ".join(COLUMN_TITLES[k] for k in sorted(sheet.columns, key=sheet.columns.__getitem__)
                        if k not in NOT_READ)
    lines = [f"{sheet.source}{where}: {len(sheet.rows)} partner rows; columns read: {columns}"]
    added, changed = plan.of_kind("added"), plan.of_kind("changed")
    lines.append(f"  added ({len(added)}):" + ("" if added else " none"))
    lines += [f"    row {e.row}: {_label(e.partner)}" for e in added]
    lines.append(f"  changed ({len(changed)}):" + ("" if changed else " none"))
    for e in changed:
        lines.append(f"    row {e.row}: {_label(e.partner)}, matched by {e.matched}")
        lines += [f"      {name}: {old} -> {new}" for name, old, new in e.changes]
    unchanged = plan.of_kind("unchanged")
    lines.append(f"  unchanged ({len(unchanged)})" + (": " + ", ".join(_label(e.partner) for e in unchanged[:8])
                                                    + (", ..." if len(unchanged) > 8 else "") if unchanged else ""))
    lines += [f"  note: {note}" for note in plan.notes]
    if changed:
        lines.append("  empty cells never erase what the register holds")
    return "\n".join(lines)
