"""A button for the first screen: pressed with Enter, Space or a click, and drawn like Textual's
primary Button.

Textual's Button brings over 7,000 characters of CSS, parsed and applied before the first frame
of the screen that shows it; on the home screen that was a tenth of the time svassess took to
appear. This one needs a few lines. Screens further on use Textual's Button.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static


class LightButton(Static, can_focus=True):
    DEFAULT_CSS = """
    LightButton {
        width: auto;
        min-width: 16;
        height: 3;
        padding: 0 1;
        content-align: center middle;
        text-style: bold;
        color: $text;
        background: $primary;
        border-top: tall $primary-lighten-3;
        border-bottom: tall $primary-darken-3;
        &:hover { background: $primary-darken-2; }
        &:focus { text-style: bold reverse; }
    }
    """
    BINDINGS = [Binding("enter,space", "press", "Press", show=False)]

    class Pressed(Message):
        def __init__(self, button: LightButton) -> None:
            super().__init__()
            self.button = button

    def action_press(self) -> None:
        self.post_message(self.Pressed(self))

    def on_click(self) -> None:
        self.action_press()
