"""The Textual app: screens for places, dialogs for questions, and the actions they share.

Screens render what the core computes. Every change goes through an EditSession, which saves it
at once; the app itself never writes an assessment file.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.theme import Theme

from svassess import collector_pause
from svassess.paths import DataLocation, default_export_dir
from svassess.settings import Settings, load_settings, save_settings
from svassess.store import BanksOverview, Locked, Store, Stored, StoreError
from svassess.tui.commands import screen_commands
from svassess.tui.key_order import KeyHandled, KeyOrder, is_ordered
from svassess.tui.safe import literal_line
from svassess.tui.styles import styles_beside

# The assessment and bank models and the edit session are imported when an assessment is
# started or opened: the first screen needs none of them.
if TYPE_CHECKING:
    from textual.driver import Driver

    from svassess.assessment import Assessment
    from svassess.bank import Bank
    from svassess.bank_files import LazyBankSet
    from svassess.report import Report
    from svassess.session import EditSession
    from svassess.tui.screens.dialogs.export import ExportChoice

MIN_SIZE = (40, 12)
FRAME_HANDOFF_SECONDS = 0.0005
"""How long the event loop may keep the interpreter lock while Textual's writer thread waits to
send a finished frame to the terminal (Python's switch interval; its default is 5 ms). The
event loop often goes on working after a frame, e.g. laying home out again for the resize that
follows its first frame, and the frame waited for it: 4-6 ms of the time to the first frame
(docs/performance.md). Only threads waiting for the lock are affected."""
STOP_GRACE_SECONDS = 1.0
"""How long a signal lets Textual take to stop before the process ends itself."""
STOP_LAST_RESORT_SECONDS = 10.0
"""After a stop signal, the process ends by then even if saving has not finished."""


class SvassessApp(App[None]):
    DEFAULT_CSS = styles_beside(__file__, "svassess.tcss")
    TITLE = "svassess"
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help",
                tooltip="Keys, what social value is, where files live"),
        Binding("ctrl+t", "toggle_presenter", "Presenter",
                tooltip="Hide or show names, organisations and notes (for a projector)"),
        Binding("ctrl+q", "quit", "Quit", priority=True,
                tooltip="Leave svassess; every answer is already saved"),
    ]

    presenter: reactive[bool] = reactive(False, init=False)
    """Presenter mode hides names, organisations and notes, e.g. on a projector. Screens that
    show any of them watch it (`self.watch(self.svassess_app, "presenter", ...)`)."""

    def __init__(self, location: DataLocation, banks: Mapping[str, Bank] | LazyBankSet,
                 bank_problems: list[str] | None = None, open_stored: Stored | None = None):
        """`banks` may be a LazyBankSet: they are then loaded when first needed, not before
        the first screen (whose time estimate and list the summary index can give)."""
        super().__init__()
        self.data_location = location
        self.store = Store(location.path)
        self.bank_source = banks
        self._overview: BanksOverview | None = None
        self.bank_problems = bank_problems or []
        self.open_stored = open_stored
        self._stopping_on_signal = False
        """Set as a stop signal is first handled: a closing terminal sends SIGHUP more than
        once, and a second handler run inside the first deadlocked on the writer's lock."""
        self.last_export: tuple[str, ExportChoice] | None = None
        """The assessment id and choices of this session's last export."""
        self._was_small = False
        self._farewell: Text | None = None
        """Said in the terminal once the app has closed (where a copy of unsaved answers is)."""
        self.key_order = KeyOrder(self, super().on_event)

    # --- keys, one at a time ---------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        """A key, paste or click read from the terminal waits until those before it have been
        handled (svassess/tui/key_order.py); everything else is Textual's at once."""
        if is_ordered(event):
            await self.key_order.read(event)
        else:
            await super().on_event(event)

    async def on_key_handled(self, marker: KeyHandled) -> None:
        await self.key_order.returned(marker)

    # --- start and stop --------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        """Home is the app's first screen itself, not pushed over Textual's blank one: the first
        frame is then drawn once, whole (pushed, a half-drawn home came first)."""
        from svassess.tui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        # Runs once the first frame is drawn (callbacks after a refresh wait for the screen's
        # paint); does nothing unless `svassess` paused the collector to start the app.
        self.call_after_refresh(collector_pause.resume)
        self._install_signal_handlers()
        self._use_saved_theme()
        self.store.sweep_stale_temp_files()
        if self.open_stored is not None:
            self.open_assessment(self.open_stored)
        self._check_size()

    def _use_saved_theme(self) -> None:
        """Start with the theme chosen last time (if it still exists), and remember each new
        choice in the user's settings file."""
        saved = load_settings().theme
        if saved in self.available_themes:
            self.theme = saved
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme: Theme) -> None:
        if load_settings().theme != theme.name:
            save_settings(Settings(theme=theme.name))

    def _install_signal_handlers(self) -> None:
        """Closing the terminal (SIGHUP) or SIGTERM: save what is typed, release locks, exit.

        Plain signal handlers, not the event loop's: once the terminal has gone, Textual's
        output queue fills and blocks the loop, which would then never run a loop handler."""
        for name in ("SIGHUP", "SIGTERM"):
            if hasattr(signal, name):
                with contextlib.suppress(ValueError, OSError):  # not the main thread, Windows
                    signal.signal(getattr(signal, name), self._on_stop_signal)

    def get_driver_class(self) -> type[Driver]:
        """Textual's, but a seat of `svassess serve` (the web driver) stops when the server has
        gone (svassess/tui/seat_driver.py)."""
        driver = super().get_driver_class()
        if driver.__module__ == "textual.drivers.web_driver":
            from svassess.tui.seat_driver import SeatDriver

            return SeatDriver
        return driver

    async def input_ended(self) -> None:
        """A seat's server has gone: as when the terminal closes, once the keys read before
        the input ended have been handled and reached their boxes (a signal cannot wait for
        them)."""
        if self.key_order.waiting:
            self.key_order.after_keys(self.input_ended)
            return
        await self._settle_typing()
        self._on_stop_signal(getattr(signal, "SIGHUP", signal.SIGTERM), None)

    def _on_stop_signal(self, signum: int, _frame: object) -> None:
        """Save everything typed, keep a copy of what cannot be saved, let go of the locks and
        end. After SIGHUP there is no terminal to restore, so the process ends at once; after
        SIGTERM Textual gets a moment to restore the terminal."""
        from svassess.tui.screens.questionnaire import QuestionnaireScreen

        if self._stopping_on_signal:
            return
        self._stopping_on_signal = True
        code = 128 + signum
        # Whatever saving meets, the process ends.
        last_resort = threading.Timer(STOP_LAST_RESORT_SECONDS, os._exit, (code,))
        last_resort.daemon = True
        last_resort.start()
        for screen in self.screen_stack:
            if isinstance(screen, QuestionnaireScreen):
                screen.save_typing_quietly()
        for session in self._sessions():
            written = session.wait_written(STOP_GRACE_SECONDS)
            if session.unsaved or not written:
                with contextlib.suppress(StoreError, OSError):
                    session.save_copy(default_export_dir(self.data_location))
            if written:
                session.close()
        if signum == getattr(signal, "SIGHUP", None):
            os._exit(code)
        watchdog = threading.Timer(STOP_GRACE_SECONDS, os._exit, (code,))
        watchdog.daemon = True
        watchdog.start()
        with contextlib.suppress(RuntimeError):
            asyncio.get_running_loop().call_soon_threadsafe(self.exit, None, code)

    async def _settle_typing(self) -> None:
        """Let the keys already read (a note typed just before Ctrl+Q) reach the note before it
        is saved. Ctrl+Q is handled as soon as it is read, while the keys before it may still
        wait in the queue of the widget that had the focus, or be on their way up to the
        screen, which puts them in the note: so wait, twice, until every widget of the screen
        has handled what it was sent."""
        for _ in range(2):
            nodes = [self.screen, *self.screen.walk_children()]
            handled = [asyncio.Event() for _ in nodes]
            for node, event in zip(nodes, handled, strict=True):
                node.call_later(event.set)
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(asyncio.gather(*(e.wait() for e in handled)),
                                       STOP_GRACE_SECONDS)

    def _sessions(self) -> list[EditSession]:
        """The edit sessions open on any screen, each once. (Also called from a signal handler,
        so nothing is imported here: before svassess.session is, no session can be open.)"""
        session_module = sys.modules.get("svassess.session")
        if session_module is None:
            return []
        sessions: list[EditSession] = []
        for screen in self.screen_stack:
            session = getattr(screen, "session", None)
            if isinstance(session, session_module.EditSession) and session not in sessions:
                sessions.append(session)
        return sessions

    def _flush_all(self) -> None:
        from svassess.tui.screens.questionnaire import QuestionnaireScreen

        for screen in self.screen_stack:
            if isinstance(screen, QuestionnaireScreen):
                screen.flush()

    async def action_quit(self) -> None:
        await self._settle_typing()
        self._flush_all()
        await asyncio.to_thread(lambda: [s.wait_written() for s in self._sessions()])
        unsaved = next((s for s in self._sessions() if s.unsaved), None)
        if unsaved is not None:
            self.leave_safely(unsaved, lambda: self.call_later(self.action_quit))
            return
        for session in self._sessions():
            session.close()
        self.exit(message=self._farewell)

    def leave_safely(self, session: EditSession, leave: Callable[[], object]) -> None:
        """Leave (a screen, or the app) once nothing unsaved would be lost: when the last save
        failed, ask to try again, save a copy elsewhere or discard. Escape stays."""
        from svassess.tui.screens.unsaved import UnsavedChoice, UnsavedDialog

        if not session.unsaved:
            leave()
            return

        def chosen(choice: UnsavedChoice | None) -> None:
            if choice is None:
                return
            if choice.kind == "retry":
                with contextlib.suppress(StoreError):
                    session.save()
                self.leave_safely(session, leave)
            elif choice.kind == "copy":
                try:
                    copy = session.save_copy(choice.folder or default_export_dir(
                        self.data_location))
                except StoreError as exc:
                    self.notify(str(exc), severity="error", markup=False, timeout=15)
                    self.leave_safely(session, leave)
                    return
                session.unsaved = None
                said = (f"A copy of every answer is saved as {copy}. To carry on with it later: "
                        f"svassess import {copy}")
                self.notify(said, markup=False, timeout=20)
                # Printed once the app closes (if it is closing), on one line so the path copies.
                self._farewell = Text(said, no_wrap=True, overflow="ignore")
                leave()
            else:
                session.unsaved = None
                leave()

        self.push_screen(UnsavedDialog(session.unsaved, default_export_dir(self.data_location)),
                         chosen)

    def on_resize(self) -> None:
        self._check_size()

    def _check_size(self) -> None:
        small = self.size.width < MIN_SIZE[0] or self.size.height < MIN_SIZE[1]
        if small and not self._was_small:
            self.notify(f"The window is small; make it at least {MIN_SIZE[0]}×{MIN_SIZE[1]} "
                        f"to see everything.", severity="warning", markup=False)
        self._was_small = small

    # --- the actions screens share ---------------------------------------------------------

    @property
    def banks(self) -> Mapping[str, Bank]:
        """The installed banks (loaded now if they were not)."""
        source = self.bank_source
        return source if isinstance(source, Mapping) else source.loaded.banks

    def banks_overview(self) -> BanksOverview:
        """The banks' time estimate and load problems, from the summary index if it can."""
        if self._overview is None:
            self._overview = self.store.banks_overview(self.bank_source)
        return self._overview

    def bank_list(self) -> list[Bank]:
        return list(self.banks.values())

    @work
    async def start_new(self) -> None:
        from svassess.tui.screens.dialogs.details import DetailsDialog

        if not self.banks:
            self.notify("No question bank is installed, so no assessment can be started. "
                        "Run `svassess banks` to see why.", severity="error", markup=False)
            return

        details = await self.push_screen_wait(
            DetailsDialog("Start a new assessment", "Start", self.bank_list()))
        if details is None:
            return
        bank = self.banks[details.bank_id]
        from svassess.session import EditSession

        try:
            session = EditSession.create(self.store, bank, details.name, details.organisation)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=10)
            return
        self._push_questionnaire(session, bank)

    def _edit(self, stored: Stored) -> tuple[Bank, EditSession] | None:
        """Open an assessment for editing, or say why it cannot be; one open in another
        svassess is shown read-only instead."""
        bank = self.banks.get(stored.assessment.bank)
        if bank is None:
            self.notify(f"{stored.path} uses the question bank {stored.assessment.bank!r}, "
                        f"which is not installed.", severity="error", markup=False, timeout=10)
            return None
        from svassess.session import EditSession

        try:
            return bank, EditSession.open(self.store, stored)
        except Locked as exc:
            self.notify(f"{exc} Showing its results, read-only.", severity="warning",
                        markup=False, timeout=10)
            self.show_results(bank, stored.assessment, None)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=10)
        return None

    def open_assessment(self, stored: Stored) -> None:
        opened = self._edit(stored)
        if opened is not None:
            bank, session = opened
            self._tell_about_bank_changes(bank, session)
            self._push_questionnaire(session, bank)

    def _tell_about_bank_changes(self, bank: Bank, session: EditSession) -> None:
        started_with = session.assessment.bank_version
        try:
            changed = session.adopt_bank_version(bank)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        if not changed:
            return
        from svassess.assessment import unknown_answers

        kept = unknown_answers(bank, session.assessment)
        message = (f"This assessment was started with version {started_with} of the "
                   f"questions; they are now version {bank.version}. Your answers to questions "
                   f"that still exist are kept.")
        if kept:
            message += (f" {len(kept)} answer(s) to questions that were removed stay in the "
                        f"file but no longer count.")
        self.notify(message, title="The questions have changed", markup=False, timeout=15)

    def _push_questionnaire(self, session: EditSession, bank: Bank) -> None:
        from svassess.tui.screens.questionnaire import QuestionnaireScreen

        self.push_screen(QuestionnaireScreen(session, bank))

    def show_results(self, bank: Bank, assessment: Assessment, session: EditSession | None,
                     finished: bool = False, owns_session: bool = False) -> None:
        from svassess.tui.screens.results import ResultsScreen

        self.push_screen(ResultsScreen(bank, assessment, session, finished, owns_session))

    def show_saved_results(self, stored: Stored) -> None:
        """Results from the home screen: editable (for the plan) unless open elsewhere."""
        opened = self._edit(stored)
        if opened is not None:
            bank, session = opened
            self.show_results(bank, session.assessment, session, owns_session=True)

    def save_change(self, change: Callable[[], object]) -> bool:
        """Run a change that saves; say so plainly if it could not be saved."""
        try:
            change()
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=10)
            return False
        return True

    async def rename(self, stored: Stored) -> bool:
        """Ask for the new name and organisation and save them (in a worker: it waits for the
        dialog). False when cancelled; True once tried, as the list may have changed."""
        from svassess.tui.screens.dialogs.details import DetailsDialog

        a = stored.assessment
        details = await self.push_screen_wait(
            DetailsDialog("Rename this assessment", "Rename", [], a.name, a.organisation))
        if details is None:
            return False
        from svassess.session import EditSession

        try:
            session = EditSession.open(self.store, stored)
            try:
                session.rename(details.name, details.organisation)
            finally:
                session.close()
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=10)
        return True

    def duplicate(self, stored: Stored) -> Assessment | None:
        from svassess.session import duplicate

        name = f"{stored.assessment.name} (copy)"
        try:
            copy = duplicate(self.store, stored.assessment, name)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=10)
            return None
        self.notify(f"Copied as {name!r}: answer it again later to compare.", markup=False)
        return copy

    async def delete(self, stored: Stored) -> bool:
        """Ask, then move the assessment to the trash folder (in a worker: it waits for the
        dialog). True once it has moved."""
        from svassess.tui.screens.dialogs.confirm import ConfirmDialog

        question = Content.assemble(
            "Delete ", literal_line(stored.assessment.name),
            "?\n\nIts file is moved to the trash folder inside your data folder, not erased.")
        if not await self.push_screen_wait(ConfirmDialog(question, yes="Delete", no="Keep it")):
            return False
        try:
            moved = self.store.trash(stored.assessment.id)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=10)
            return False
        self.notify(f"Moved to {moved}. Move it back into {self.store.folder} to restore "
                    f"it.", markup=False, timeout=10)
        return True

    @work
    async def export_report(self, report: Report) -> None:
        """Ask where and how, then write the summary. The dialog opens with the last export's
        choices (format, every answer, folder; the file name too for the same assessment), so
        exporting several formats in one session is quick."""
        from svassess.export import export, safe_file_name
        from svassess.tui.screens.dialogs.export import ExportChoice, ExportDialog

        assessment_id = report.assessment.id
        name = report.assessment.name

        def file_name(fmt: str) -> str:
            return safe_file_name(name, fmt)

        if self.last_export is None:
            initial = ExportChoice(default_export_dir(self.data_location) / file_name("html"),
                                   "html", False)
        else:
            last_id, last = self.last_export
            path = last.path if last_id == assessment_id else last.path.with_name(
                file_name(last.fmt))
            initial = ExportChoice(path, last.fmt, last.answers)
        choice = await self.push_screen_wait(ExportDialog(initial, file_name))
        if choice is None:
            return
        self.last_export = (assessment_id, choice)
        self.write_export(export(report, choice.fmt, choice.answers), choice.path, "the summary")

    def write_export(self, content: str, path: Path, what: str) -> None:
        """Write an export the user asked for (never over a file) and say how it went; in a
        browser seat it goes to the browser as a download instead."""
        from svassess.export import save_export

        if self.is_web:
            self.deliver_to_browser(content, path.name)
            return
        try:
            save_export(content, path, overwrite=False)
        except FileExistsError:
            self.notify(f"{path} already exists; choose another name.",
                        severity="warning", markup=False, timeout=10)
            return
        except OSError as exc:
            self.notify(f"Could not write {path} ({exc.strerror or exc}); choose "
                        f"another folder.", severity="error", markup=False, timeout=10)
            return
        self.notify(f"Saved {what} to {path}", markup=False, timeout=10)

    def deliver_to_browser(self, content: str, file_name: str) -> None:
        """In a browser seat (`svassess serve`) an export goes to the participant's browser as
        a download, never onto the disk of the computer serving it."""
        import io

        self.deliver_text(io.StringIO(content), save_filename=file_name, encoding="utf-8")
        self.notify(f"Sent {file_name} to your browser: look in its downloads.", markup=False,
                    timeout=10)

    def action_toggle_presenter(self) -> None:
        self.presenter = not self.presenter
        self.notify("Presenter mode: names, organisations and notes are hidden."
                    if self.presenter else "Presenter mode is off: names and notes are shown.",
                    markup=False)

    def show_comparison(self, earlier: Stored, later: Stored) -> None:
        from svassess.tui.screens.compare import CompareScreen

        bank = self.banks.get(later.assessment.bank)
        if bank is not None:
            self.push_screen(CompareScreen(bank, earlier.assessment, later.assessment))

    def action_help(self) -> None:
        from svassess.bank import glossary_of
        from svassess.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.data_location.path,
                                        glossary=glossary_of(self.banks.values())))

    # --- the command palette ---------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """What the screen underneath offers (each of its keys, with what it does) and the
        theme; none of Textual's developer commands (Keys, Maximize, Screenshot)."""
        yield from screen_commands(self, screen)
        yield SystemCommand("Theme", "Change the colours (remembered next time)",
                            self.action_change_theme)
        full = self._full_bank_for(screen)
        if full is not None:
            yield SystemCommand("Go on to the full assessment",
                                f"Your answers carry into {full.title}",
                                lambda: self.run_worker(self._go_on_to_full(screen, full)))

    def _full_bank_for(self, screen: Screen) -> Bank | None:
        """The full bank, when the screen edits an assessment of a bank's quick check."""
        from svassess.session import EditSession

        session = getattr(screen, "session", None)
        if not isinstance(session, EditSession):
            return None
        quick = self.banks.get(session.assessment.bank)
        return self.banks.get(quick.parent) if quick is not None and quick.parent else None

    async def _go_on_to_full(self, screen: Screen, full: Bank) -> None:
        """Switch the assessment to the full bank, leave the quick check's screens (they let
        go of the assessment), and open it again where the full assessment is unanswered."""
        from svassess.tui.screens.home import HomeScreen

        session = screen.session  # type: ignore[attr-defined]
        try:
            session.go_on_with(full)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=10)
            return
        answered = len(session.assessment.answers)
        path = self.store.path_for(session.assessment.id)
        while not isinstance(self.screen, HomeScreen) and len(self.screen_stack) > 1:
            await self.pop_screen()
        try:
            stored = self.store.read(path)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=10)
            return
        self.open_assessment(stored)
        self.notify(f"Your {answered} answers carry over into the full assessment.",
                    markup=False)



def run_app(location: DataLocation, banks: Mapping[str, Bank] | LazyBankSet,
            bank_problems: list[str], open_stored: Stored | None) -> int:
    app = SvassessApp(location, banks, bank_problems, open_stored)
    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(FRAME_HANDOFF_SECONDS)
    try:
        app.run()
    finally:
        sys.setswitchinterval(switch_interval)
    return app.return_code or 0
