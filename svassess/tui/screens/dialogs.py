"""Small modal dialogs that return a value: confirm, name details, choose a section, export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from svassess.bank import Bank
from svassess.plan import STATUS_LABELS, STATUSES, Action, parse_due
from svassess.tui.safe import literal_line


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
        with Vertical(classes="dialog"):
            yield Static(Content(self.heading), classes="dialog-title")
            yield Label("Name of this assessment (for example: 2026 bid readiness)")
            yield Input(self.initial[0], id="name", placeholder="Required")
            yield Label("Your organisation (optional)")
            yield Input(self.initial[1], id="organisation")
            if len(self.banks) > 1:
                yield Label("Question bank")
                yield OptionList(*(Option(literal_line(f"{b.title} (version {b.version})"),
                                          id=b.id) for b in self.banks), id="bank")
            yield Static("", id="details-error", classes="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content(self.action), variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        if len(self.banks) > 1:
            self.query_one("#bank", OptionList).highlighted = 0
        self.query_one("#name", Input).focus()

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
            chosen = self.query_one("#bank", OptionList).highlighted or 0
            bank_id = self.banks[chosen].id
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


class ExportDialog(FormDialog):
    """Format, whether to include every answer, and where to save. Returns ExportChoice."""

    def __init__(self, folder: Path, file_name: Callable[[str], str]):
        super().__init__()
        self.folder = folder
        self.file_name = file_name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static("Export the summary", classes="dialog-title")
            yield OptionList(*(Option(Content(label), id=fmt)
                               for fmt, label in EXPORT_FORMATS.items()), id="format")
            yield Checkbox(self._answers_label(False), id="answers")
            yield Label("Save it as:")
            yield Input(str(self.folder / self.file_name("html")), id="path")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    @staticmethod
    def _answers_label(on: bool) -> str:
        """Says yes or no in words: the box's tick alone is shown only by colour."""
        return f"Add every answer and note: {'YES' if on else 'no'} (Space changes it)"

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.checkbox.label = self._answers_label(event.value)

    def on_mount(self) -> None:
        formats = self.query_one("#format", OptionList)
        formats.highlighted = 0
        formats.focus()

    def _format(self) -> str:
        return list(EXPORT_FORMATS)[self.query_one("#format", OptionList).highlighted or 0]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Keep the file's extension in step with the chosen format."""
        path_input = self.query_one("#path", Input)
        current = Path(path_input.value.strip() or self.file_name(self._format()))
        path_input.value = str(current.with_name(
            Path(current.name).stem + Path(self.file_name(self._format())).suffix))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#answers", Checkbox).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.submit()

    def submit(self) -> None:
        value = self.query_one("#path", Input).value.strip()
        if value:
            self.dismiss(ExportChoice(Path(value).expanduser(), self._format(),
                                      self.query_one("#answers", Checkbox).value))


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
    """Add or edit an action: what, who, by when, how far. Returns ActionDetails or None."""

    def __init__(self, heading: str, action: Action | None = None):
        super().__init__()
        self.heading = heading
        self.action = action or Action("", "")

    def compose(self) -> ComposeResult:
        action = self.action
        with Vertical(classes="dialog wide"):
            yield Static(Content(self.heading), classes="dialog-title")
            yield Label("What will you do?")
            yield Input(action.title, id="title", placeholder="Required")
            yield Label("Who will do it? (optional)")
            yield Input(action.owner, id="owner")
            yield Label("Target date, as year-month-day (optional)")
            yield Input(action.due.isoformat() if action.due else "", id="due",
                        placeholder="e.g. 2027-03-31")
            yield Label("Status")
            yield OptionList(*(Option(Content(STATUS_LABELS[s]), id=s) for s in STATUSES),
                             id="status")
            yield Static("", id="action-error", classes="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        status = self.action.status if self.action.status in STATUSES else STATUSES[0]
        self.query_one("#status", OptionList).highlighted = STATUSES.index(status)
        self.query_one("#title", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.focus_next()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.submit()

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
        highlighted = self.query_one("#status", OptionList).highlighted or 0
        self.dismiss(ActionDetails(title, self.query_one("#owner", Input).value.strip(), due,
                                   STATUSES[highlighted]))
