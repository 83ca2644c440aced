"""The error a render raises when a file it was given (template, output folder) cannot be used."""

from __future__ import annotations

from dataclasses import dataclass

from ctpat_tui.profile.errors import ProfileError


@dataclass
class RenderError(ProfileError):
    """A template or output folder could not be used; printed as one line, nothing half-written is left behind."""
