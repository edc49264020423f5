"""Where and in which format to export a tender's bid annex."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from svassess.tui.screens.dialogs.form import FormDialog


class AnnexChoice(NamedTuple):
    fmt: str
    path: Path


FORMAT_LABELS = (("html", "Web page (HTML), to print or attach"), ("md", "Markdown"),
                 ("text", "Plain text"))


class AnnexExportDialog(FormDialog[AnnexChoice]):
    """Choose the annex's format and file; returns AnnexChoice or None."""

    def __init__(self, folder: Path, file_name: Callable[[str], str]):
        super().__init__()
        self.folder = folder
        self.file_name = file_name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static("Export the bid annex", classes="dialog-title")
            yield Label("Format")
            yield OptionList(*(Option(Content(label), id=fmt) for fmt, label in FORMAT_LABELS),
                             id="annex-format")
            yield Label("Save as")
            yield Input(str(self.folder / self.file_name("html")), id="annex-path")
            yield Static("", id="annex-error", classes="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def when_open(self) -> None:
        options = self.query_one("#annex-format", OptionList)
        options.highlighted = 0
        options.focus()

    def _format(self) -> str:
        return FORMAT_LABELS[self.query_one("#annex-format", OptionList).highlighted or 0][0]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        path_input = self.query_one("#annex-path", Input)
        current = Path(path_input.value)
        path_input.value = str(current.parent / self.file_name(self._format()))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#annex-path", Input).focus()

    def submit(self) -> None:
        text = self.query_one("#annex-path", Input).value.strip()
        if not text:
            self.query_one("#annex-error", Static).update("Please give a file name.")
            return
        self.dismiss(AnnexChoice(self._format(), Path(text).expanduser()))
