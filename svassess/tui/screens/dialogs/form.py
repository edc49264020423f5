"""The base of svassess's form dialogs: OK submits, Cancel or Escape returns None."""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Button

FormResult = TypeVar("FormResult")


class FormDialog(ModalScreen[FormResult | None]):
    """A dialog with an OK button (id "ok") that calls `submit`, and Cancel/Escape for None;
    `submit` dismisses with a FormResult. The Cancel button and Escape both run `action_cancel`,
    so a dialog that asks before throwing away what was typed asks for either."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self.submit()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def submit(self) -> None:
        raise NotImplementedError
