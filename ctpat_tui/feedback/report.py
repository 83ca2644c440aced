"""Compare reviewed drafts with the profile: per criterion and field, the comments, tracked changes, untracked
edits and conflicts with local changes, merged over several reviewed copies."""

from __future__ import annotations

import re
import dataclasses
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ctpat_tui.catalog.model import Catalog
from ctpat_tui.feedback.reader import Change, Comment, DraftError, DraftReading, read_draft
from ctpat_tui.profile.model import Profile
from ctpat_tui.render.anchors import PROPERTY_PREFIX, fingerprint, profile_id
from ctpat_tui.render.view import ProfileView, build_view

_NA = re.compile(r"^\s*not applicable\.?\s*", re.IGNORECASE)


@dataclass
class Item:
    """One thing a reviewer did to one criterion: a proposed text (from tracked changes or an untracked edit) or a
    comment."""

    kind: str  # 'change' | 'edit' | 'comment'
    criterion: str
    field: str  # the profile value it concerns (narrative, na_reason, owner, ...), '' for a comment on the heading
    label: str
    authors: list[str]
    date: str
    draft: str  # the reviewed file's name
    text: str = ""  # the comment's text, or a summary of the tracked changes
    anchored: str = ""  # the words a comment is attached to
    before: str = ""  # the field's value in the profile now
    after: str = ""  # the text the reviewer proposes for the field
    conflict: bool = False  # the profile's field changed since the draft was made
    replies: list[dict[str, str]] = dataclasses.field(default_factory=list)
    changes: list[dict[str, str]] = dataclasses.field(default_factory=list)

    @property
    def key(self) -> str:
        """A stable key for the user's decision on this item."""
        return f"{self.draft}|{self.kind}|{self.criterion}|{self.field}|{self.date}|{self.text[:40]}"


@dataclass
class DraftSummary:
    """What one reviewed file is: a draft of this profile (which version), of another one, or of none."""

    path: str
    status: str  # 'this profile' | 'other profile' | 'not a draft' | 'unreadable'
    message: str
    version: str = ""
    generated: str = ""
    unread: list[str] = dataclasses.field(default_factory=list)  # fields whose anchors the reviewer deleted


@dataclass
class Feedback:
    """Reviewed drafts of one profile, their items merged by criterion."""

    drafts: list[DraftSummary]
    items: list[Item]

    def by_criterion(self) -> dict[str, list[Item]]:
        """Items grouped by criterion, in the order they came."""
        grouped: dict[str, list[Item]] = {}
        for item in self.items:
            grouped.setdefault(item.criterion, []).append(item)
        return grouped

    def as_json(self) -> dict[str, Any]:
        """Plain data for --json."""
        return {"drafts": [asdict(d) for d in self.drafts],
                "criteria": [{"criterion": c, "items": [asdict(i) for i in items]}
                             for c, items in self.by_criterion().items()]}


def current_texts(view: ProfileView) -> dict[tuple[str, str], str]:
    """(criterion, field) -> the text a draft made now would show for it (response targets and fact fields)."""
    texts: dict[tuple[str, str], str] = {}
    for criterion in view.criteria:
        target = "na_reason" if criterion.response_source == "not_applicable" else "narrative"
        texts[(criterion.id, target)] = criterion.response
        for fact in criterion.facts:
            if fact.field:
                texts[(criterion.id, fact.field)] = fact.value
    return texts


def profile_value(profile: Profile, criterion: str, name: str) -> str:
    """The profile's own value of one answer field (what an accepted change replaces)."""
    answer = profile.answer(criterion)
    value = answer.detail(name) if name in ("narrative", "controls", "frequency", "owner", "records", "escalation") \
        else answer.na_reason if name == "na_reason" else answer.extra.get(name, "")
    return value if isinstance(value, str) else str(value)


def proposed_value(name: str, text: str) -> str:
    """The value an accepted text gives the field ('Not applicable.' dropped from a reason)."""
    return _NA.sub("", text, count=1).strip() if name == "na_reason" else text.strip()


def _summary(reading: DraftReading, profile: Profile) -> DraftSummary:
    props = reading.properties
    version = props.get(PROPERTY_PREFIX + "version", "")
    generated = props.get(PROPERTY_PREFIX + "generated", "")
    name = reading.path.name
    if not reading.is_draft:
        return DraftSummary(str(reading.path), "not a draft",
                            f"{name}: not a Word draft made by ctpat (no ctpat properties); its comments are listed "
                            "without criteria", version, generated)
    company = props.get(PROPERTY_PREFIX + "company", "")
    entity = props.get(PROPERTY_PREFIX + "entity_type", "")
    same_file = props.get(PROPERTY_PREFIX + "profile_id", "") == profile_id(profile.path)
    if not same_file and (company != profile.company.strip() or entity != profile.entity_type):
        return DraftSummary(str(reading.path), "other profile",
                            f"{name}: a draft of another profile ({company or 'no company'}, {entity}), not of "
                            f"{profile.company or 'this profile'}: nothing from it is offered", version, generated)
    return DraftSummary(str(reading.path), "this profile",
                        f"{name}: draft of version {version or 'not set'} made {generated or 'on an unknown date'}"
                        + ("" if same_file else " (from a profile file at another path)"), version, generated)


def _comment_item(comment: Comment, criterion: str, field_name: str, label: str, draft: str) -> Item:
    return Item("comment", criterion, field_name, label, [comment.author], comment.date, draft, text=comment.text,
                anchored=comment.anchored,
                replies=[{"author": r.author, "date": r.date, "text": r.text} for r in comment.replies])


def items_from(reading: DraftReading, profile: Profile, current: dict[tuple[str, str], str],
               summary: DraftSummary) -> list[Item]:
    """The items of one reviewed draft."""
    draft = reading.path.name
    items: list[Item] = []
    if summary.status == "other profile":
        return items
    for name, (criterion, target, label, source_fp, shown_fp) in reading.anchors.items():
        reading_field = reading.fields.get(name)
        if reading_field is None:
            summary.unread.append(f"{criterion} {label}")
            continue
        tracked = reading_field.changes
        untracked = fingerprint(reading_field.original) != shown_fp
        if not tracked and not untracked:
            continue
        if fingerprint(reading_field.result) == fingerprint(reading_field.original) and not untracked:
            continue
        now = current.get((criterion, target))
        conflict = now is not None and fingerprint(now) != source_fp
        authors = list(dict.fromkeys(c.author for c in tracked if c.author)) or ["(untracked edit)"]
        dates = sorted(c.date for c in tracked if c.date)
        text = "; ".join(f"{'inserted' if c.kind == 'insertion' else 'deleted'} \u201c{c.text.strip()}\u201d"
                         for c in tracked) if tracked else "edited without tracking changes"
        items.append(Item("change" if tracked else "edit", criterion, target, label, authors,
                          dates[-1] if dates else "", draft, text=text,
                          before=profile_value(profile, criterion, target) or (now or ""),
                          after=proposed_value(target, reading_field.result), conflict=conflict,
                          changes=[{"kind": c.kind, "author": c.author, "date": c.date, "text": c.text}
                                   for c in tracked]))
    labels = {name: entry[2] for name, entry in reading.anchors.items()}
    targets = {name: entry[1] for name, entry in reading.anchors.items()}
    for comment in reading.comments:
        items.append(_comment_item(comment, comment.criterion, targets.get(comment.field, ""),
                                   labels.get(comment.field, "heading" if comment.criterion else ""), draft))
    for criterion, change in reading.loose_changes:
        items.append(_loose(criterion, change, draft))
    return items


def _loose(criterion: str, change: Change, draft: str) -> Item:
    verb = "inserted" if change.kind == "insertion" else "deleted"
    return Item("comment", criterion, "", "tracked change outside the answers", [change.author], change.date, draft,
                text=f"{verb} \u201c{change.text.strip()}\u201d (not in an answer field: noted, not applied)")


def _merge(items: list[Item], new: list[Item]) -> list[Item]:
    """`items` plus `new`, where an item already there (a copy passed on with an earlier reviewer's comments or
    changes) only adds its file's name."""
    seen = {(i.kind, i.criterion, i.field, tuple(i.authors), i.date, i.text, i.after): i for i in items}
    for item in new:
        twin = seen.get((item.kind, item.criterion, item.field, tuple(item.authors), item.date, item.text, item.after))
        if twin is not None:
            twin.draft = f"{twin.draft}, {item.draft}"
        else:
            items.append(item)
    return items


def load_feedback(catalog: Catalog, profile: Profile, drafts: list[Path]) -> Feedback:
    """Read every reviewed copy and merge their items by criterion (in the profile's criterion order)."""
    view = build_view(catalog, profile)
    current = current_texts(view)
    summaries: list[DraftSummary] = []
    items: list[Item] = []
    for path in drafts:
        try:
            reading = read_draft(path)
        except DraftError as error:
            summaries.append(DraftSummary(str(path), "unreadable", f"{path.name}: {error}"))
            continue
        summary = _summary(reading, profile)
        items = _merge(items, items_from(reading, profile, current, summary))
        summaries.append(summary)
    order = {c.id: i for i, c in enumerate(view.criteria)}
    items.sort(key=lambda i: (order.get(i.criterion, len(order)), i.field == "", i.kind != "comment"))
    return Feedback(summaries, items)


def describe(feedback: Feedback) -> list[str]:
    """The report as text lines, criterion by criterion."""
    lines = [d.message for d in feedback.drafts]
    for draft in feedback.drafts:
        if draft.unread:
            lines.append(f"{Path(draft.path).name}: could not read back (anchors deleted): {', '.join(draft.unread)}")
    grouped = feedback.by_criterion()
    if not grouped:
        lines.append("No comments or changes found.")
    for criterion, items in grouped.items():
        lines.append("")
        lines.append(criterion or "(not under a criterion)")
        for item in items:
            who = ", ".join(item.authors)
            where = f" on {item.label}" if item.label else ""
            when = f" {item.date[:10]}" if item.date else ""
            if item.kind == "comment":
                anchored = f" [on \u201c{_short(item.anchored)}\u201d]" if item.anchored else ""
                lines.append(f"  comment{where} by {who}{when}{anchored}: {item.text}")
                lines += [f"    reply by {r['author']}: {r['text']}" for r in item.replies]
            else:
                flag = "  CONFLICT: the profile's text changed since this draft" if item.conflict else ""
                lines.append(f"  {'tracked change' if item.kind == 'change' else 'direct edit'}{where} ({item.field}) "
                             f"by {who}{when}: {item.text}{flag}")
                lines.append(f"    now:      {_short(item.before, 200)}")
                lines.append(f"    proposed: {_short(item.after, 200)}")
    return lines


def _short(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "\u2026"
