"""An assessment's name, organisation and question bank (start new, rename)."""

from __future__ import annotations

from typing import NamedTuple

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, OptionList, Static

from svassess.bank import Bank
from svassess.text import clean_line
from svassess.tui.screens.dialogs.form import FormDialog
from svassess.tui.widgets.choice_list import ChoiceList


class Details(NamedTuple):
    name: str
    organisation: str
    bank_id: str


class DetailsDialog(FormDialog[Details]):
    """Name, organisation and (for a new assessment with several banks) the question bank.
    Returns Details, or None when cancelled."""

    def __init__(self, title: str, action: str, banks: list[Bank], name: str = "",
                 organisation: str = ""):
        super().__init__()
        self.heading = title
        self.action = action
        self.banks = banks
        self.initial = (name, organisation)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog form"):
            yield Static(Content(self.heading), classes="dialog-title")
            with Horizontal(classes="field"):
                yield Label("Name", classes="field-label")
                yield Input(self.initial[0], id="name", compact=True,
                            placeholder="Required, e.g. 2026 bid readiness")
            with Horizontal(classes="field"):
                yield Label("Organisation", classes="field-label")
                yield Input(self.initial[1], id="organisation", placeholder="Optional",
                            compact=True)
            if len(self.banks) > 1:
                with Horizontal(classes="field"):
                    yield Label("Question bank", classes="field-label")
                    yield ChoiceList([(b.id, f"{clean_line(b.title)} (version "
                                      f"{clean_line(b.version)})") for b in self.banks],
                                     id="bank", compact=True)
            yield Static("", id="details-error", classes="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content(self.action), variant="primary", id="ok", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def when_open(self) -> None:
        self.query_one("#name", Input).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#ok", Button).focus()

    def enter_moves_on(self, box: Input) -> bool:
        return box.id == "name"

    def submit(self) -> None:
        name = self.query_one("#name", Input).value.strip()
        if not name:
            self.query_one("#details-error", Static).update("Please give the assessment a name.")
            self.query_one("#name", Input).focus()
            return
        bank_id = self.banks[0].id if self.banks else ""
        if len(self.banks) > 1:
            bank_id = self.query_one("#bank", ChoiceList).value
        self.dismiss(Details(name, self.query_one("#organisation", Input).value.strip(),
                             bank_id))
