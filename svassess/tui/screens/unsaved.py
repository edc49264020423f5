"""Leaving while changes are not saved: try again, keep a copy elsewhere, or discard them.

Discarding is never the default: the focus starts on "Try again", Escape stays put, and "Discard
changes" has to be pressed twice (a stray Tab and Enter must not lose answers).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from svassess.tui.safe import literal
from svassess.tui.screens.dialogs.dialog import Dialog
from svassess.tui.styles import styles_beside


class UnsavedChoice(NamedTuple):
    kind: str  # "retry", "copy" or "discard"
    folder: Path | None = None


class UnsavedDialog(Dialog[UnsavedChoice | None]):
    """Returns what to do with changes that could not be saved, or None to stay and keep
    working."""

    DEFAULT_CSS = styles_beside(__file__, "unsaved.tcss")

    BINDINGS = [Binding("escape", "stay", "Stay")]

    def __init__(self, reason: str, folder: Path):
        super().__init__()
        self.reason = reason
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="unsaved"):
            yield Static(Content.styled("Your latest changes are not saved", "bold"),
                         classes="dialog-text")
            yield Static(literal(self.reason), classes="dialog-text", id="unsaved-reason")
            yield Label("Or save a copy of every answer in this folder:")
            yield Input(str(self.folder), id="copy-folder", select_on_focus=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Try again", variant="primary", id="retry")
                yield Button("Save a copy", id="copy")
                yield Button("Discard changes", variant="error", id="discard")

    def when_open(self) -> None:
        self.query_one("#retry", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "copy":
            self._copy()
        elif event.button.id == "retry":
            self.dismiss(UnsavedChoice("retry"))
        elif event.button.id == "discard":
            self._discard(event.button)

    def _discard(self, button: Button) -> None:
        if button.has_class("armed"):
            self.dismiss(UnsavedChoice("discard"))
            return
        button.add_class("armed")
        button.label = Content("Yes, lose them")
        self.notify("Your unsaved answers will be lost. Press the button again to discard "
                    "them, or choose another button.", severity="warning", markup=False)

    def on_input_submitted(self) -> None:
        self._copy()

    def _copy(self) -> None:
        folder = self.query_one("#copy-folder", Input).value.strip()
        self.dismiss(UnsavedChoice("copy", Path(folder).expanduser() if folder else self.folder))

    def action_stay(self) -> None:
        self.dismiss(None)
