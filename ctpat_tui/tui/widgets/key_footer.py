"""The footer of key bindings, rebuilt only when the keys it shows change (not on every focus move)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

KeySignature = tuple[tuple[str, str, str, bool, str, str], ...]


def shown_keys(screen: Screen[object]) -> KeySignature:
    """What a Footer would draw for `screen` now: each shown binding's key, action, label, state, tooltip, group."""
    palette_key = screen.app.COMMAND_PALETTE_BINDING
    return tuple(
        (key, binding.action, binding.description, enabled, tooltip or "",
         binding.group.description if binding.group else "")
        for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
        if binding.show or key == palette_key
    )


class KeyFooter(Footer):
    """A Footer that skips its rebuild (removing and mounting every key) when focus moves but the keys stay."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._drawn: KeySignature | None = None

    def compose(self) -> ComposeResult:
        """Footer's keys, each born with the class its `compact` binding gives it: set after mounting, it restyled
        every key one by one (a dozen restyles each time the keys are rebuilt)."""
        for widget in super().compose():
            if self.compact and isinstance(widget, FooterKey):
                widget.add_class("-compact", update=False)  # styled as it mounts
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Rebuild only when the shown keys differ from the ones drawn."""
        if not (screen.app.app_focus and self.is_attached and screen is self.screen):
            super().bindings_changed(screen)
            return
        keys = tuple(sorted(shown_keys(screen)))  # a focused text box reorders F6 (it binds F6 too): same keys
        if keys == self._drawn and self._bindings_ready:
            return
        self._drawn = keys
        super().bindings_changed(screen)
