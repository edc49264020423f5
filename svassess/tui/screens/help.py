"""The help screen: keys, what social value is, where files live. Its text is help.md."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from svassess.tui.safe import literal

HELP_FILE = Path(__file__).resolve().parent.parent / "help.md"


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close")]

    def __init__(self, data_folder: Path, document: Path = HELP_FILE, text: str | None = None):
        """`text`, when given, is Markdown made by svassess (bank text in it already escaped)
        and is shown instead of the document."""
        super().__init__()
        self.data_folder = data_folder
        self.document = document
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide tall"):
            # Our own file, so Markdown is safe here; the data path is user-controlled: literal.
            yield Markdown(self.text if self.text is not None
                           else self.document.read_text(encoding="utf-8"))
            yield Static(literal(f"Your data folder: {self.data_folder}"), classes="muted")
            yield Static("Press Escape to close.", classes="muted")
