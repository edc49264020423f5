"""The base of every svassess dialog: a box in the middle of the screen that returns one answer
(`dismiss(value)`), with the styles the dialogs share."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

from svassess.tui.styles import styles_beside

ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType]):
    DEFAULT_CSS = styles_beside(__file__, "dialog.tcss")

    def on_mount(self) -> None:
        """Focus and fill the dialog (`when_open`), unless it was closed before it was mounted:
        Escape typed in one burst with the key that opened it (a paste, a slow laptop, a seat
        over slow Wi-Fi) used to end in a traceback, its fields already gone."""
        if self in self.app.screen_stack:
            self.refresh_bindings()
            self.when_open()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The dialog's own keys act only once it is mounted. A dialog opened by a worker can
        appear while a key is on its way up, and the key is then matched against the dialog's
        keys: Ctrl+S saved a form whose fields did not yet exist (a traceback). Such a key is
        dropped (the dialog's keys do not reach the screen it was typed on)."""
        return self.is_mounted

    def when_open(self) -> None:
        """What the dialog does as it opens, such as focusing its first field (here, nothing).
        Dialogs define this, not `on_mount`."""
