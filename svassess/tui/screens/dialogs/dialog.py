"""The base of every svassess dialog: a box in the middle of the screen that returns one answer
(`dismiss(value)`), with the styles the dialogs share."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

from svassess.tui.styles import styles_beside

ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType]):
    DEFAULT_CSS = styles_beside(__file__, "dialog.tcss")
