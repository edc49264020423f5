"""Choose one of a list: a section to jump to, an assessment to compare, an answer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from svassess.tui.screens.dialogs.dialog import Dialog


class PickDialog(Dialog[str | None]):
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

    def when_open(self) -> None:
        options = self.query_one(OptionList)
        ids = [sid for sid, _ in self.rows]
        options.highlighted = ids.index(self.current) if self.current in ids else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
