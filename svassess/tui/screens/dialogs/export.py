"""Where and how to export an assessment's summary."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, OptionList, Static

from svassess.tui.screens.dialogs.form import FormDialog
from svassess.tui.styles import styles_beside
from svassess.tui.widgets.choice_list import ChoiceList
from svassess.tui.widgets.tick_box import TickBox


class ExportChoice(NamedTuple):
    path: Path
    fmt: str
    answers: bool


EXPORT_FORMATS = {
    "html": "HTML page: to print, or to attach to an email or a bid",
    "text": "Plain text: readable in any editor or email",
    "md": "Markdown: for a wiki or a shared document",
    "svg": "SVG picture: the summary at a glance, with the section bars",
}
ANSWERS_LABEL = "Add every answer and note (Space ticks)"


class ExportDialog(FormDialog[ExportChoice]):
    """Format, whether to include every answer, and where to save; it opens with the choices
    given (the app passes the last export's, so several formats are quick). Returns
    ExportChoice."""

    DEFAULT_CSS = styles_beside(__file__, "export.tcss")

    def __init__(self, initial: ExportChoice, file_name: Callable[[str], str]):
        super().__init__()
        self.initial = initial
        self.file_name = file_name

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide form", id="export-dialog"):
            yield Static("Export the summary", classes="dialog-title")
            yield ChoiceList(list(EXPORT_FORMATS.items()), self.initial.fmt, id="format",
                             compact=True)
            yield TickBox(ANSWERS_LABEL, self.initial.answers, id="answers", compact=True)
            yield Label("Save it as:")
            yield Input(str(self.initial.path), id="path", compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="ok", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def when_open(self) -> None:
        self.query_one("#format", ChoiceList).focus()

    def _format(self) -> str:
        return self.query_one("#format", ChoiceList).value

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Keep the file's extension in step with the chosen format."""
        path_input = self.query_one("#path", Input)
        current = Path(path_input.value.strip() or self.file_name(self._format()))
        path_input.value = str(current.with_name(
            Path(current.name).stem + Path(self.file_name(self._format())).suffix))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#answers", TickBox).focus()

    def submit(self) -> None:
        value = self.query_one("#path", Input).value.strip()
        if value:
            self.dismiss(ExportChoice(Path(value).expanduser(), self._format(),
                                      self.query_one("#answers", TickBox).value))
