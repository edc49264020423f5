"""Small modal dialogs that return a value: confirm, name details, choose a section, export."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from svassess.bank import Bank
from svassess.tui.safe import literal, literal_line


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


class SectionPicker(ModalScreen[str | None]):
    """Choose a section to jump to; returns its id."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, rows: list[tuple[str, Content]], current: str):
        super().__init__()
        self.rows = rows
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static("Jump to a section (Enter to go, Escape to stay)",
                         classes="dialog-title")
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


class ExportDialog(FormDialog):
    """Where to save the summary; returns the chosen file path, or None when cancelled."""

    def __init__(self, default: Path):
        super().__init__()
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static("Export the summary as a text file", classes="dialog-title")
            yield Label("Save it as:")
            yield Input(str(self.default), id="path")
            yield Static(literal("Plain text, readable in any editor or email. More formats "
                                 "come later."), classes="muted")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.submit()

    def submit(self) -> None:
        value = self.query_one("#path", Input).value.strip()
        if value:
            self.dismiss(Path(value).expanduser())
