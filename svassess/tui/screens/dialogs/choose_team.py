"""Tick the assessments that make a team, to see them side by side."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from svassess.tui.screens.dialogs.form import FormDialog


class ChooseTeamDialog(FormDialog[list[str]]):
    """Tick the team's assessments; returns their ids (or None). Ticks are shown as [x] and
    [ ] in words, not by colour alone."""

    BINDINGS = [Binding("space", "tick", "Tick", show=False)]

    def __init__(self, rows: list[tuple[str, Content]], ticked: set[str]):
        super().__init__()
        self.rows = rows
        self.ticked = set(ticked)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static("Whose assessments? Enter or Space ticks; then Tab to Side by side.",
                         classes="dialog-title")
            yield OptionList(*(Option(self._label(sid, label), id=sid)
                               for sid, label in self.rows), id="team")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Side by side", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def _label(self, sid: str, label: Content) -> Content:
        return Content.assemble("[x] " if sid in self.ticked else "[ ] ", label)

    def when_open(self) -> None:
        self.query_one("#team", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._toggle(event.option_index)

    def action_tick(self) -> None:
        """Space: tick or untick the highlighted assessment."""
        options = self.query_one("#team", OptionList)
        if options.has_focus and options.highlighted is not None:
            self._toggle(options.highlighted)

    def _toggle(self, index: int) -> None:
        sid, label = self.rows[index]
        self.ticked ^= {sid}
        self.query_one("#team", OptionList).replace_option_prompt_at_index(
            index, self._label(sid, label))

    def submit(self) -> None:
        if len(self.ticked) < 2:
            self.notify("Tick at least two assessments.", severity="warning")
            return
        self.dismiss([sid for sid, _ in self.rows if sid in self.ticked])
