"""One recommendation opened from the results' list: its advice and reading, and the choice to
add it to the action plan or set it aside. Returns "accept", "dismiss" or None (closed)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from svassess.report import Rec
from svassess.tui.screens.dialogs.dialog import Dialog
from svassess.tui.styles import styles_beside


def rec_body(rec: Rec) -> Text:
    """A recommendation's words as the report wrote them (bank text: plain, never markup)."""
    text = Text()
    text.append(" · ".join(x for x in (rec.about, rec.decision) if x), style="italic")
    for paragraph in rec.advice:
        text.append("\n" + paragraph)
    for line in rec.reading:
        text.append("\n" + line)
    return text


class RecommendationDialog(Dialog[str | None]):
    DEFAULT_CSS = styles_beside(__file__, "recommendation.tcss")
    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, rec: Rec, can_decide: bool):
        super().__init__()
        self.rec = rec
        self.can_decide = can_decide

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide", id="recommendation"):
            yield Static(Content.styled(self.rec.line, "bold"), classes="dialog-text")
            yield Static(rec_body(self.rec), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                if self.can_decide:
                    yield Button("Add to plan", id=f"accept-{self.rec.rule_id}",
                                 variant="primary")
                    yield Button("Not for us", id=f"dismiss-{self.rec.rule_id}")
                yield Button("Close", id="close")

    def when_open(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        action = (event.button.id or "").partition("-")[0]
        self.dismiss(action if action in ("accept", "dismiss") else None)

    def action_close(self) -> None:
        self.dismiss(None)
