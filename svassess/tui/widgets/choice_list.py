"""One choice among a few, every choice shown: the highlighted option is the choice.

The choice is marked "(•)" and the others "( )", so it can be read when the list is not
focused and without colour (a highlight alone vanishes in NO_COLOR terminals).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

CHOSEN = "(•) "
NOT_CHOSEN = "( ) "


class ChoiceList(OptionList):
    def __init__(self, choices: Sequence[tuple[str, str]], chosen: str = "", **kwargs) -> None:
        """`choices` are (value, label) pairs; labels are shown literally."""
        self.choices = list(choices)
        values = [value for value, _ in self.choices]
        self._first = values.index(chosen) if chosen in values else 0
        super().__init__(*(Option(self._prompt(label, index == self._first), id=value)
                           for index, (value, label) in enumerate(self.choices)), **kwargs)

    @staticmethod
    def _prompt(label: str, chosen: bool) -> Content:
        return Content(f"{CHOSEN if chosen else NOT_CHOSEN}{label}")

    def on_mount(self) -> None:
        self.highlighted = self._first

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        for index, (_, label) in enumerate(self.choices):
            self.replace_option_prompt_at_index(index, self._prompt(label, index == highlighted))

    @property
    def value(self) -> str:
        return self.choices[self.highlighted or 0][0]
