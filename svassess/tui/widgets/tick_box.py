"""A checkbox whose box is empty when it is off, ticked with Space.

Textual's Checkbox always draws an X and shows on or off by colour alone, so "▐X▌ ... no"
looks ticked in many themes and in NO_COLOR terminals. This one draws the X only when ticked.
Enter moves on to the next field, as it does in the form's text boxes, so pressing Enter
through a form never changes a tick by surprise.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Checkbox

TICKED = "X"
EMPTY = " "


class TickBox(Checkbox):
    BINDINGS = [Binding("enter", "app.focus_next", "Next field", show=False)]

    def __init__(self, label: str, value: bool = False, **kwargs) -> None:
        super().__init__(label, value, **kwargs)
        self.BUTTON_INNER = TICKED if value else EMPTY

    def watch_value(self) -> None:
        self.BUTTON_INNER = TICKED if self.value else EMPTY
        super().watch_value()
