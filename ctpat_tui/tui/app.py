"""The Textual app: opens profiles (lock, wizard, read-only), owns the session, saves on quit and on signals."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.filter import Monochrome, NoColor
from textual.screen import Screen

from ctpat_tui.catalog.model import Catalog
from ctpat_tui.private_files import copy_tree
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.profile.errors import LockHeld, ProfileError
from ctpat_tui.profile.store import ProfileLock
from ctpat_tui.tui import signals
from ctpat_tui.tui.commands import CtpatCommands
from ctpat_tui.tui.outline import status_marks
from ctpat_tui.tui.session import EditSession
from ctpat_tui.tui.state import DEMO_PREFIX, load_state, remember_profile, remember_theme
from ctpat_tui.tui.theme import default_theme


SCREENS_CSS = Path(__file__).with_name("screens.tcss")
"""The rules of every screen but the editor, parsed when the first of them is shown (see `_load_screen_css`)."""


class CtpatApp(App[int]):
    """ctpat-tui: draft a CTPAT Security Profile from the keyboard."""

    CSS_PATH = "app.tcss"
    TITLE = "ctpat-tui"
    COMMANDS = App.COMMANDS | {CtpatCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="quit", show=False, tooltip="Save and quit"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, priority=True, id="palette",
                tooltip="Command palette: every command by name (and criteria by ID or words)"),
        Binding("ctrl+g", "go_to", "Go to", show=False, priority=True, id="go-to",
                tooltip="Go to a criterion: type its ID (1.4) or words (seal)"),
        Binding("f1", "help", "Help", show=False, id="help"),
        # Priority: moving focus must happen before the next key is handed to a field, or a fast typist's (or a
        # batched SSH packet's) next characters land in the field being left.
        Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True),
    ]

    def __init__(self, catalog: Catalog, path: Path | None = None, *, take_over: bool = False,
                 read_only: bool = False, notice: str = "", opened: ProfileDocument | None = None) -> None:
        super().__init__()
        self.opened = opened  # `path` as the command line already read it (used once, for the first screen)
        self.catalog = catalog
        self.start_path = path
        self.take_over = take_over
        self.force_read_only = read_only
        self.start_notice = notice
        self.session: EditSession | None = None
        self.exit_message = ""
        self.closed_document: ProfileDocument | None = None  # the last profile closed cleanly (see run_app)
        self._signals: list[int] = []
        if "TEXTUAL_ANIMATIONS" not in os.environ:
            self.animation_level = "none"
        self._start_with_theme(default_theme(saved=load_state().theme))
        if self.no_color:
            self.add_class("-mono")
            if self.native_ansi_color:
                self._filters = [NoColor() if isinstance(f, Monochrome) else f for f in self._filters]

    def _start_with_theme(self, name: str) -> None:
        """Set the theme before the stylesheet is first parsed, so that it is parsed once: setting `theme` the usual
        way queues a second full parse of every stylesheet (20-40 ms of the start) once the app runs."""
        if name not in self.available_themes:
            self.theme = name  # Textual's own error for an unknown theme
            return
        self.set_reactive(CtpatApp.theme, name)
        dark = self.current_theme.dark
        classes = {old: False for old in self.classes if old.startswith("-theme-")}
        classes.update({f"-theme-{name}": True, "-dark-mode": dark, "-light-mode": not dark})
        self.update_classes(classes, update=False)
        self._refresh_truecolor_filter(self.ansi_theme)
        self.stylesheet.set_variables(self.get_css_variables())

    def _load_screen_css(self, screen: Screen) -> None:
        """Before a screen is first shown: the other screens' rules join the stylesheet with the first screen
        that is neither the app's blank base screen nor the editor. Added as widgets add their default CSS (parsed
        on its own, when next needed), not as Textual loads a screen's CSS (a new parse of every rule of the app
        and a restyle of every screen)."""
        super()._load_screen_css(screen)
        if type(screen) is Screen or getattr(screen, "OWN_RULES_ONLY", False):
            return
        source = str(SCREENS_CSS)
        if not self.stylesheet.has_source(source, ""):
            self.stylesheet.add_source(SCREENS_CSS.read_text(encoding="utf-8"), read_from=(source, ""),
                                       is_default_css=False)

    async def action_focus_next(self) -> None:
        """Tab: the next field, once the form being moved through is all there."""
        await self._complete_forms()
        self.screen.focus_next()

    async def action_focus_previous(self) -> None:
        """Shift+Tab: the previous field, once the form being moved through is all there."""
        await self._complete_forms()
        self.screen.focus_previous()

    async def _complete_forms(self) -> None:
        """The editor mounts the lower part of its form just after its first frame; a Tab (or shift+Tab) typed
        before that part is there waits for it (the keys after it wait too, in order), so it goes where it would
        go in the whole form instead of past the form's end."""
        from ctpat_tui.tui.widgets.criterion_pane import CriterionPane

        for pane in self.screen.query(CriterionPane):
            if not pane.form.complete:
                await pane.complete_form()

    def get_key_display(self, binding: Binding) -> str:
        """Function keys as F1..F12, control keys as ^x, Enter and Esc in words (no glyphs a console lacks)."""
        named = {"enter": "Enter", "escape": "Esc", "delete": "Del", "insert": "Ins"}
        if binding.key in named and not binding.key_display:
            return named[binding.key]
        display = super().get_key_display(binding)
        return display.upper() if display[:1] == "f" and display[1:].isdigit() else display

    def on_mount(self) -> None:
        """Install the signal handlers and open the profile (or the start screen)."""
        from ctpat_tui.tui.heap import START_GC_PAUSE_LIMIT, resume_gc

        self.set_timer(START_GC_PAUSE_LIMIT, resume_gc)  # the main screen resumes it sooner, once settled
        self._signals = signals.install_flush_handlers(self.on_signal)
        if self.start_path is not None:
            self.open_profile(self.start_path, take_over=self.take_over, read_only=self.force_read_only,
                              notice=self.start_notice)
        else:
            self.action_start()

    # --- opening ---------------------------------------------------------------------------

    def resolve_path(self, text: str) -> Path:
        """A typed path made absolute (~ expanded, relative to the current folder)."""
        return Path(os.path.expanduser(text.strip() or ".")).absolute()

    @work(exclusive=True, group="open")
    async def open_profile(self, path: Path, *, take_over: bool = False, read_only: bool = False,
                           notice: str = "") -> None:
        """Open `path` for editing: offer the wizard when it is missing, ask when another session holds it.
        The dialogs and the wizard are imported where they are shown: none is needed to open a profile."""
        from ctpat_tui.tui.screens.main import MainScreen

        if not path.exists() and not path.is_symlink():  # a link to a missing file is not replaced by a new one
            from ctpat_tui.tui.screens.new_profile import NewProfileScreen

            await self._show(NewProfileScreen(path))
            self.notify(f"{path} does not exist yet: fill this form to create it.", timeout=8)
            return
        try:
            opened, self.opened = self.opened, None
            if opened is not None and opened.path == path:
                document = opened
            else:
                document = ProfileDocument.open(path)  # the editable document is parsed once the screen is drawn
            self.catalog.entity(document.profile.entity_type)
        except (ProfileError, KeyError) as error:
            from ctpat_tui.tui.dialogs.common import ChoiceDialog

            message = str(error) if isinstance(error, ProfileError) else f"{path}: {error.args[0]}"
            await self.push_screen_wait(ChoiceDialog("Cannot open the profile", message, [("ok", "Back")],
                                                     cancel="ok"))
            if self.session is None:
                self.action_start()
            return
        lock: ProfileLock | None = None
        if not read_only:
            lock = ProfileLock(path)
            try:
                lock.acquire(take_over=take_over)
            except LockHeld as held:
                from ctpat_tui.tui.dialogs.conflicts import lock_held_dialog

                choice = await self.push_screen_wait(lock_held_dialog(held))
                if choice == "quit":
                    if self.session is None:
                        self.action_start()
                    return
                read_only = choice == "read_only"
                if not read_only:
                    lock.acquire(take_over=True)
            if read_only:
                lock = None
        self.close_session()
        self.session = EditSession(self.catalog, document, lock=lock, read_only=read_only)
        profile = document.profile
        if read_only:
            notice = (notice + " " if notice else "") + "Opened read-only: nothing you do here is saved."
        await self._show(MainScreen(self.session, notice=notice))
        # The recent-profiles list (a small file, written atomically with fsync): once the editor is drawn.
        self.call_after_refresh(self._remember_profile, path, profile.company, profile.entity_type)

    @work(thread=True, group="recent", exit_on_error=False)
    def _remember_profile(self, path: Path, company: str, entity_type: str) -> None:
        remember_profile(path, company, entity_type)

    async def _show(self, screen) -> None:  # type: ignore[no-untyped-def]
        """Replace whatever screen is on top of the base screen with `screen`."""
        while len(self.screen_stack) > 2:
            await self.pop_screen()
        if len(self.screen_stack) == 2:
            await self.switch_screen(screen)
        else:
            await self.push_screen(screen)

    def action_start(self) -> None:
        """Close the current profile and show the start screen."""
        from ctpat_tui.tui.screens.start import StartScreen

        self.close_session()
        self.run_worker(self._show(StartScreen()), group="start", exclusive=True)

    def open_demo(self) -> None:
        """Copy the bundled sample to a new temporary folder and open it."""
        target = prepare_demo(None)
        self.open_profile(target, notice=f"This is a demo copy in {target.parent}; change anything you like.")

    # --- leaving ---------------------------------------------------------------------------

    def close_session(self) -> None:
        """Save pending edits synchronously and release the lock."""
        session, self.session = self.session, None
        if session is None:
            return
        try:
            elsewhere = session.close()
        except ProfileError as error:
            self.exit_message = f"ctpat: could not save {session.path}: {error.message}"
            return
        if elsewhere is not None:
            self.exit_message = (f"ctpat: {session.path} was changed by someone else; your edits were saved "
                                 f"to {elsewhere}")
        else:
            self.closed_document = session.document

    async def action_quit(self) -> None:
        """Save and quit."""
        self.close_session()
        self.exit(0)

    def on_signal(self, signum: int) -> None:
        """SIGHUP or SIGTERM: flush what was typed, release the lock, and exit (forcibly if shutdown hangs)."""
        self.close_session()
        signals.exit_soon_anyway(128 + signum)
        self.exit(return_code=128 + signum)

    def on_unmount(self) -> None:
        """Last chance to save (normal exits have already done so)."""
        from ctpat_tui.review import spelling

        spelling.defer_loading(False)
        self.close_session()
        signals.remove_flush_handlers(self._signals)

    # --- app-wide actions ------------------------------------------------------------------

    def action_help(self) -> None:
        """Show the keys of the current screen and a short how-to."""
        from ctpat_tui.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen, dict(status_marks())))

    def action_go_to(self) -> None:
        """The palette, asking for a criterion: an exact ID first, then IDs starting with it, then words."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette",
                                            placeholder="Go to: a criterion ID (e.g. 1.4) or words (e.g. seal)"))

    def choose_theme(self, name: str) -> None:
        """Switch theme and remember the choice for next time."""
        self.theme = name
        remember_theme(name)


def prepare_demo(directory: Path | None) -> Path:
    """Copy the bundled sample (profile.toml + evidence/) to `directory` or a new temp folder; returns the profile."""
    from ctpat_tui.resources import sample_profile_dir

    source = sample_profile_dir()
    if directory is None:
        target = Path(tempfile.mkdtemp(prefix=DEMO_PREFIX)) / source.name
    else:
        directory = directory.expanduser().absolute()
        if (directory / "profile.toml").exists():
            raise ProfileError(str(directory), "already holds a profile.toml; open it with `ctpat edit` instead")
        target = directory if not directory.exists() or not any(directory.iterdir()) else directory / source.name
        if target.exists() and any(target.iterdir()):
            raise ProfileError(str(target), "is not empty; choose another folder with --dir")
    copy_tree(source, target)
    return target / "profile.toml"
