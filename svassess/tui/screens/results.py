"""The results: score, level, a bar per section, strengths, and recommendations to expand.

Everything shown comes from svassess.report, the same objects `svassess show` and exports print.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Collapsible, Footer, Header, Static

from svassess.report import (
    SCORE_METHOD,
    Report,
    heading,
    recommendation_title,
    render_header,
    render_notices,
    render_overall,
    render_recommendation_body,
    render_sections,
    render_strengths,
)

METHOD_FILE = Path(__file__).resolve().parent.parent / "method.md"


class ResultsScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("e", "export", "Export"),
        Binding("m", "method", "How it's scored"),
        Binding("plus,equals_sign", "expand(True)", "Expand all"),
        Binding("minus", "expand(False)", "Collapse all", show=False),
    ]

    def __init__(self, report: Report, finished: bool = False):
        super().__init__()
        self.report = report
        self.finished = finished

    def compose(self) -> ComposeResult:
        report = self.report
        yield Header()
        with VerticalScroll(id="results"):
            if self.finished:
                yield Static(
                    "You have reached the end of the questions. Here are your results; press "
                    "Escape to go back and change or add answers." if not
                    report.result.provisional else
                    "You have reached the end, but some questions are unanswered, so these "
                    "results are provisional. Press Escape to go back; there, r lists what is "
                    "missing.",
                    classes="notice")
            yield Static(render_header(report))
            yield Static(heading("Result"))
            yield Static(render_overall(report))
            yield Static(heading("Sections"))
            yield Static(render_sections(report))
            yield Static(heading("Strengths"))
            yield Static(render_strengths(report))
            yield Static(heading("Recommendations, in priority order"))
            if not report.recommendations:
                yield Static("No recommendations: no guidance rule of this bank applies.")
            for number, rec in enumerate(report.recommendations, start=1):
                with Collapsible(title=Content.from_rich_text(recommendation_title(number, rec)),
                                 collapsed=number > 1):
                    yield Static(render_recommendation_body(rec, summaries=True))
            notices = render_notices(report)
            if notices is not None:
                yield Static(heading("Notes"))
                yield Static(notices)
            yield Static(Content(SCORE_METHOD + " Press m to read it here."), classes="muted")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Results"
        self.query_one("#results", VerticalScroll).focus()

    def action_expand(self, expand: bool) -> None:
        for collapsible in self.query(Collapsible):
            collapsible.collapsed = not expand

    def action_method(self) -> None:
        from svassess.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.app.data_location.path, METHOD_FILE))

    def action_export(self) -> None:
        self.app.export_report(self.report)
