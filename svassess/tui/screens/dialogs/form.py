"""The base of svassess's form dialogs: OK submits, Cancel or Escape returns None."""

from __future__ import annotations

from typing import TypeVar

from textual.actions import SkipAction
from textual.binding import Binding
from textual.widgets import Button, Input

from svassess.tui.screens.dialogs.dialog import Dialog
from svassess.tui.styles import styles_beside

FormResult = TypeVar("FormResult")


class FormDialog(Dialog[FormResult | None]):
    """A dialog with an OK button (id "ok") that calls `submit`, and Cancel/Escape for None;
    `submit` dismisses with a FormResult. The Cancel button and Escape both run `action_cancel`,
    so a dialog that asks before throwing away what was typed asks for either.

    Enter in a box either moves on to the next field (`enter_moves_on`) or is left to the box,
    whose Submitted message the dialog handles. Moving on, with Enter or Tab (and back with
    Shift+Tab), is a priority binding, so it happens as the key is read: letters typed quickly
    after it, or pasted with it, land in the next box, not the last."""

    DEFAULT_CSS = styles_beside(__file__, "form.tcss")

    BINDINGS = [Binding("escape", "cancel", "Cancel"),
                Binding("enter", "next_field", "Next", show=False, priority=True),
                Binding("tab", "app.focus_next", "Next", show=False, priority=True),
                Binding("shift+tab", "app.focus_previous", "Previous", show=False,
                        priority=True)]

    def enter_moves_on(self, box: Input) -> bool:
        """Whether Enter in `box` moves on to the next field; otherwise it submits."""
        return False

    def action_next_field(self) -> None:
        focused = self.focused
        if not isinstance(focused, Input) or not self.enter_moves_on(focused):
            raise SkipAction
        self.focus_next()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self.submit()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def submit(self) -> None:
        raise NotImplementedError
