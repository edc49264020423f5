"""Add or edit an action of the plan: what, who, by when, how far."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, OptionList, Static

from svassess.plan import DATE_EXAMPLE, STATUS_LABELS, STATUSES, Action, format_due, parse_due
from svassess.tui.screens.dialogs.form import FormDialog
from svassess.tui.widgets.choice_list import ChoiceList


class ActionDetails(NamedTuple):
    title: str
    owner: str
    due: dt.date | None
    status: str

    def apply(self, action: Action | None) -> None:
        if action is not None:
            action.title, action.owner = self.title, self.owner
            action.due, action.status = self.due, self.status


class ActionDialog(FormDialog[ActionDetails]):
    """Add or edit an action: what, who, by when, how far. Returns ActionDetails or None.

    One line per field, so every field, the status choices and both buttons fit at 80×24
    and 60×20; the title and buttons stay put while the fields scroll in smaller windows."""

    def __init__(self, heading: str, action: Action | None = None):
        super().__init__()
        self.heading = heading
        self.action = action or Action("", "")

    def compose(self) -> ComposeResult:
        action = self.action
        with VerticalScroll(classes="dialog wide form"):
            yield Static(Content(self.heading), classes="dialog-title")
            with Horizontal(classes="field"):
                yield Label("What will you do?", classes="field-label")
                yield Input(action.title, id="title", placeholder="Required", compact=True)
            with Horizontal(classes="field"):
                yield Label("Who will do it?", classes="field-label")
                yield Input(action.owner, id="owner", placeholder="Optional", compact=True)
            with Horizontal(classes="field"):
                yield Label("Target date", classes="field-label")
                yield Input(format_due(action.due), id="due", compact=True,
                            placeholder=f"Optional, day/month/year, e.g. {DATE_EXAMPLE}")
            with Horizontal(classes="field"):
                yield Label("Status", classes="field-label")
                yield ChoiceList([(s, STATUS_LABELS[s]) for s in STATUSES], self.action.status,
                                 id="status", compact=True)
            yield Static("", id="action-error", classes="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="ok", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def when_open(self) -> None:
        self.query_one("#title", Input).focus()

    def enter_moves_on(self, box: Input) -> bool:
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter (or a click) on a status chooses it and goes on to Save, like Enter in a box."""
        self.query_one("#ok", Button).focus()

    def submit(self) -> None:
        error = self.query_one("#action-error", Static)
        title = self.query_one("#title", Input).value.strip()
        if not title:
            error.update("Please say what the action is.")
            self.query_one("#title", Input).focus()
            return
        try:
            due = parse_due(self.query_one("#due", Input).value)
        except ValueError as exc:
            error.update(Content(str(exc)))
            self.query_one("#due", Input).focus()
            return
        self.dismiss(ActionDetails(title, self.query_one("#owner", Input).value.strip(), due,
                                   self.query_one("#status", ChoiceList).value))
