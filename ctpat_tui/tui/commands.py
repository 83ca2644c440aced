"""Command palette: jump to a criterion by ID or title words, and run the app's commands by name."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ctpat_tui.tui.theme import THEME_CHOICES

Command = tuple[str, Callable[[], object], str]


def criterion_score(query: str, criterion_id: str, fuzzy: float) -> float:
    """A score in [0, 1]: the exact ID first, then IDs starting with the query (2.1, 2.10, 2.11 ...), then words.

    Textual's fuzzy scores are unbounded (a '10.4 ...' label can outscore '1.4' for the query '1.4'), so they are
    squeezed below every ID match.
    """
    text = query.strip().lower()
    if text == criterion_id:
        return 1.0
    parts = [int(p) if p.isdigit() else 99 for p in criterion_id.split(".")][:2] + [0]
    in_id_order = (parts[0] * 100 + parts[1]) / 1_000_000  # ties are listed in ID order: 12.1 before 12.10
    if text[:1].isdigit() and criterion_id.startswith(text):
        return 0.95 - in_id_order
    score = word_score(fuzzy, 0.8)
    return score - in_id_order / 100 if score else 0.0


def word_score(fuzzy: float, ceiling: float) -> float:
    """A fuzzy match score squeezed into [0, ceiling)."""
    return ceiling * fuzzy / (fuzzy + 1.0) if fuzzy > 0 else 0.0


class CtpatCommands(Provider):
    """Criteria of the open profile and the editor's commands, in 'group: action' form."""

    def _main(self):  # type: ignore[no-untyped-def]
        from ctpat_tui.tui.screens.main import MainScreen

        screen = self.screen
        return screen if isinstance(screen, MainScreen) else None

    def _commands(self) -> list[Command]:
        app = self.app
        commands: list[Command] = []
        main = self._main()
        if main is not None:
            commands += [
                ("check: review readiness and all findings", main.action_review, "ctrl+r"),
                ("render: write the documents (Markdown, text, Word, bundle)", main.action_render, "ctrl+o"),
                ("go: next unanswered criterion", main.action_next_unanswered, "F2 or ctrl+f"),
                ("go: next criterion with errors", main.action_next_errors, "F3 or ctrl+t"),
                ("go: field of the first finding", main.action_fix, "F4"),
                ("view: group by portal section", partial(main.set_grouping, "section"), "portal order"),
                ("view: group by MSC category", partial(main.set_grouping, "category"), "categories 1-12"),
                ("evidence: add to this criterion", main.action_add_evidence, "F5"),
                ("partners: the business-partner register (import, questionnaires)", main.action_partners, "F7"),
                ("cycle: annual review of every criterion", main.action_annual_review, "F12"),
                ("cycle: corrective actions (the action plan)", main.action_actions, "F10"),
                ("cycle: new corrective action for this criterion", main.action_new_action, "ctrl+y"),
                ("cycle: changes in this criterion since the last submission", main.action_changes, "F11"),
                ("cycle: mark the profile as submitted in the portal", main.action_mark_submitted, "records a snapshot"),
                ("feedback: reviewers' comments and changes from Word drafts", main.action_feedback,
                 "accept, reject or keep as a note"),
                ("feedback: resolve this criterion's review notes", main.action_resolve_notes,
                 "they stay in the file, marked resolved"),
                ("save: now", main.action_save_now, "ctrl+s (saving is automatic)"),
                ("profile: open another profile", app.action_start, "back to the start screen"),  # type: ignore[attr-defined]
            ]
        for name, help_text in THEME_CHOICES.items():
            commands.append((f"theme: {name}", partial(app.choose_theme, name), help_text))  # type: ignore[attr-defined]
        commands.append(("help: keys and how-to", app.action_help, "F1"))  # type: ignore[attr-defined]
        return commands

    def _criteria(self) -> list[tuple[str, str, Callable[[], object]]]:
        main = self._main()
        if main is None:
            return []
        session = main.session
        rows: list[tuple[str, str, Callable[[], object]]] = []
        for criterion, _designation in session.catalog.applicable(session.entity):
            label = f"{criterion.id} {criterion.title}"
            rows.append((criterion.id, label, partial(main.go_to_from_palette, criterion.id)))
        return rows

    async def search(self, query: str) -> Hits:
        """Criteria by ID or words, then commands by name."""
        matcher = self.matcher(query)
        for criterion_id, label, callback in self._criteria():
            score = criterion_score(query, criterion_id, matcher.match(label))
            if score > 0:
                yield Hit(score, matcher.highlight(label), callback, text=label, help="go to this criterion")
        for name, callback, help_text in self._commands():
            score = word_score(matcher.match(name), 0.85)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, text=name, help=help_text)

    async def discover(self) -> Hits:
        """The commands, shown before anything is typed."""
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, text=name, help=help_text)
