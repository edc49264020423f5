"""The help screen: keys, what social value is, the banks' glossary, where files live. Its text
is help.md; the glossary comes from the banks."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Markdown, Static

from svassess.bank import GlossaryEntry
from svassess.text import clean_block, clean_line
from svassess.tui.safe import literal
from svassess.tui.screens.dialogs.dialog import Dialog
from svassess.tui.styles import styles_beside

HELP_FILE = Path(__file__).resolve().parent.parent / "help.md"


class HelpScreen(Dialog[None]):
    DEFAULT_CSS = styles_beside(__file__, "help.tcss")
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close")]

    def __init__(self, data_folder: Path, document: Path = HELP_FILE, text: str | None = None,
                 glossary: Sequence[GlossaryEntry] = ()):
        """`text`, when given, is Markdown made by svassess (bank text in it already escaped)
        and is shown instead of the document; `glossary` is the bank's, listed after it."""
        super().__init__()
        self.data_folder = data_folder
        self.document = document
        self.text = text
        self.glossary = glossary

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide tall"):
            # Our own file, so Markdown is safe here; the data path is user-controlled: literal.
            yield Markdown(self.text if self.text is not None
                           else self.document.read_text(encoding="utf-8"))
            if self.glossary:
                yield Static("Words used in the questions", classes="glossary-title")
                for entry in self.glossary:  # bank text: plain strings, never markup
                    yield Static(Content.assemble((clean_line(entry.term), "bold"), ": ",
                                                  clean_block(entry.meaning)),
                                 classes="glossary")
            yield Static(literal(f"Your data folder: {self.data_folder}"), classes="muted")
            yield Static("↑ ↓ PageUp PageDown read on · Escape closes", id="help-keys")
