"""Two assessments side by side in time: what changed, and what got done."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from svassess.assessment import Assessment
from svassess.bank import Bank
from svassess.compare import compare, render_text
from svassess.tui.screens.base import SvassessScreen
from svassess.tui.widgets.footer import KeyFooter
from svassess.tui.widgets.title_bar import TitleBar


class CompareScreen(SvassessScreen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, bank: Bank, earlier: Assessment, later: Assessment):
        super().__init__()
        self.comparison = compare(bank, earlier, later)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="compare"):
            yield Static(id="comparison")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Compare"
        self.watch(self.svassess_app, "presenter", self.presenter_changed)
        self.query_one("#compare").focus()

    def presenter_changed(self) -> None:
        self.query_one("#comparison", Static).update(
            Content(render_text(self.comparison, hide_names=self.svassess_app.presenter)))
