"""A form of labelled fields with live checks, for the tender workbench."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from svassess.tui.safe import literal
from svassess.tui.screens.dialogs.form import FormDialog
from svassess.tui.styles import styles_beside


class Field(NamedTuple):
    key: str
    label: str
    kind: str = "line"
    """line (an Input), long (a TextArea) or choice (a Select of `choices`)."""
    choices: tuple[tuple[str, str], ...] = ()
    """(value, label) pairs for a choice."""
    placeholder: str = ""


Values = dict[str, str]


class FieldsDialog(FormDialog[Values]):
    """Labelled fields; returns their texts (Values) on Save, None on Cancel.

    `validate(values)` gives (field key, sentence) when the values cannot be used, else None;
    `preview(values)` gives the checks to show live while typing. Ctrl+S saves from any field;
    Escape asks before throwing away what was typed."""

    DEFAULT_CSS = styles_beside(__file__, "fields.tcss")
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "save", "Save")]

    def __init__(self, heading: str, fields: list[Field], values: Values,
                 validate: Callable[[Values], tuple[str, str] | None],
                 preview: Callable[[Values], list[str]] | None = None):
        super().__init__()
        self.heading = heading
        self.fields = fields
        self.initial = values
        self.validate = validate
        self.preview = preview

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide tall fields-dialog"):
            yield Static(Content(self.heading), classes="dialog-title")
            yield Static("Enter or Tab: next field · Ctrl+S: save · Escape: cancel",
                         classes="muted")
            if self.preview is not None:
                yield Static("", id="fields-preview", classes="fields-preview")
            with VerticalScroll(id="fields"):
                for field in self.fields:
                    yield Label(Content(field.label))
                    value = self.initial.get(field.key, "")
                    if field.kind == "long":
                        yield TextArea(value, id=f"f-{field.key}", soft_wrap=True,
                                       show_line_numbers=False, classes="field-long")
                    elif field.kind == "choice":
                        options = [(Content(label), v) for v, label in field.choices if v]
                        yield Select(options, value=value if value else Select.NULL,
                                     allow_blank=True, id=f"f-{field.key}",
                                     prompt=field.placeholder or "Choose")
                    else:
                        yield Input(value, id=f"f-{field.key}", placeholder=field.placeholder)
            yield Static("", id="fields-error", classes="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def when_open(self) -> None:
        first = self.query_one(f"#f-{self.fields[0].key}")
        first.focus()
        self.refresh_preview()

    def values(self) -> Values:
        out: Values = {}
        for field in self.fields:
            widget = self.query_one(f"#f-{field.key}")
            if isinstance(widget, TextArea):
                out[field.key] = widget.text
            elif isinstance(widget, Select):
                out[field.key] = "" if widget.value is Select.NULL else str(widget.value)
            elif isinstance(widget, Input):
                out[field.key] = widget.value
        return out

    def refresh_preview(self) -> None:
        if self.preview is None:
            return
        lines = self.preview(self.values())
        text = "\n".join(f"• {line}" for line in lines) if lines else "✓ No problems with this."
        self.query_one("#fields-preview", Static).update(literal(text))

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refresh_preview()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.refresh_preview()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.refresh_preview()

    def enter_moves_on(self, box: Input) -> bool:
        return box.id != f"f-{self.fields[-1].key}"

    def action_save(self) -> None:
        self.submit()

    def action_cancel(self) -> None:
        from svassess.tui.screens.dialogs.confirm import ConfirmDialog

        if all(self.initial.get(k, "") == v for k, v in self.values().items()):
            self.dismiss(None)
            return

        def answer(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog(Content("Throw away what you typed here?"),
                                           yes="Throw away", no="Keep editing"), answer)

    def submit(self) -> None:
        values = self.values()
        problem = self.validate(values)
        if problem is not None:
            key, message = problem
            self.query_one("#fields-error", Static).update(literal(message))
            self.query_one(f"#f-{key}").focus()
            return
        self.dismiss(values)
