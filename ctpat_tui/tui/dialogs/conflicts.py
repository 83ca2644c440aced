"""The questions asked when another session holds the profile or someone else changed the file."""

from __future__ import annotations

from ctpat_tui.profile.errors import LockHeld
from ctpat_tui.tui.dialogs.common import ChoiceDialog


def lock_held_dialog(error: LockHeld) -> ChoiceDialog:
    """Another session holds the lock: open read-only (default), take over, or go back."""
    who = f"user {error.user or '?'} on {error.host}, process {error.pid}, since {error.since}"
    message = (f"This profile is open in another session ({who}).\n\n"
               "Read-only lets you look without risk. Take over only if that session is gone or its owner "
               "agreed: their unsaved typing could be overwritten.")
    return ChoiceDialog("Profile in use", message,
                        [("read_only", "Open read-only"), ("take_over", "Take over and edit"), ("quit", "Go back")],
                        cancel="read_only")


def external_change_dialog(path: str, unsaved: bool) -> ChoiceDialog:
    """The file changed on disk: reload theirs, overwrite with mine, or save mine elsewhere."""
    mine = "Your unsaved edits are still here." if unsaved else "You have no unsaved edits."
    message = (f"{path} was changed by someone else (another program or person) since you opened it. {mine}\n"
               "Nothing is written until you choose.")
    return ChoiceDialog("File changed on disk", message,
                        [("reload", "Reload theirs (drop my unsaved edits)"),
                         ("overwrite", "Overwrite with mine"),
                         ("elsewhere", "Save mine as another file, then reload theirs")])
