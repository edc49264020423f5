"""Small modal dialogs that return a value: confirm, name details, choose a section, export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from svassess.bank import Bank
from svassess.plan import DATE_EXAMPLE, STATUS_LABELS, STATUSES, Action, format_due, parse_due
from svassess.text import clean_line
from svassess.tui.widgets.choice_list import ChoiceList
from svassess.tui.widgets.tick_box import TickBox


class ConfirmDialog(ModalScreen[bool]):
    """Ask a yes/no question; returns True for yes."""

    BINDINGS = [Binding("escape,n", "answer(False)", "No"), Binding("y", "answer(True)", "Yes")]

    def __init__(self, question: Content, yes: str = "Yes", no: str = "No"):
        super().__init__()
        self.question = question
        self.yes, self.no = yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content(self.yes), variant="error", id="yes")
                yield Button(Content(self.no), id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class FormDialog(ModalScreen):
    """A dialog with an OK button (id "ok") that calls `submit`, and Cancel/Escape for None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self.submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def submit(self) -> None:
        raise NotImplementedError


@dataclass(frozen=True)
class Details:
    name: str
    organisation: str
    bank_id: str


class DetailsDialog(FormDialog):
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

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#ok", Button).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "name":
            self.query_one("#organisation", Input).focus()
        else:
            self.submit()

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


class PickDialog(ModalScreen[str | None]):
    """Choose one of a list (a section to jump to, an assessment to compare); returns its id."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, heading: str, rows: list[tuple[str, Content]], current: str = ""):
        super().__init__()
        self.heading = heading
        self.rows = rows
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(Content(self.heading), classes="dialog-title")
            yield OptionList(*(Option(label, id=sid) for sid, label in self.rows))

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [sid for sid, _ in self.rows]
        options.highlighted = ids.index(self.current) if self.current in ids else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class ExportChoice:
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


class ExportDialog(FormDialog):
    """Format, whether to include every answer, and where to save; it opens with the choices
    given (the app passes the last export's, so several formats are quick). Returns
    ExportChoice."""

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

    def on_mount(self) -> None:
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

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.submit()

    def submit(self) -> None:
        value = self.query_one("#path", Input).value.strip()
        if value:
            self.dismiss(ExportChoice(Path(value).expanduser(), self._format(),
                                      self.query_one("#answers", TickBox).value))


@dataclass(frozen=True)
class ActionDetails:
    title: str
    owner: str
    due: dt.date | None
    status: str

    def apply(self, action: Action | None) -> None:
        if action is not None:
            action.title, action.owner = self.title, self.owner
            action.due, action.status = self.due, self.status


class ActionDialog(FormDialog):
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

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.focus_next()

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
