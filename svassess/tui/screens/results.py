"""The results: score, level, a bar per section, strengths, and recommendations to expand.

Everything shown comes from svassess.report, the same objects `svassess show` and exports print.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Collapsible, Footer, Header, Static

from svassess.assessment import Assessment
from svassess.bank import Bank
from svassess.guidance import Recommendation
from svassess.plan import ActionPlan
from svassess.report import (
    SCORE_METHOD,
    build_report,
    heading,
    recommendation_title,
    render_header,
    render_notices,
    render_overall,
    render_plan,
    render_recommendation_body,
    render_sections,
    render_strengths,
)
from svassess.session import EditSession

METHOD_FILE = Path(__file__).resolve().parent.parent / "method.md"


class ResultsScreen(Screen[None]):
    """Results, and turning recommendations into a plan. Without a session it is read-only."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("p", "plan", "Action plan"),
        Binding("e", "export", "Export"),
        Binding("m", "method", "How it's scored"),
        Binding("t", "tender", "Tender"),
        Binding("plus,equals_sign", "expand(True)", "Expand all"),
        Binding("minus", "expand(False)", "Collapse all", show=False),
    ]

    def __init__(self, bank: Bank, assessment: Assessment, session: EditSession | None,
                 finished: bool = False, owns_session: bool = False):
        super().__init__()
        self.bank = bank
        self.assessment = assessment
        self.session = session
        self.finished = finished
        self.owns_session = owns_session
        self.report = build_report(bank, assessment)

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
            yield Static(render_header(report, hide_names=self.app.presenter), id="header")
            yield Static(heading("Result"))
            yield Static(render_overall(report))
            yield Static(heading("Sections"))
            yield Static(render_sections(report))
            yield Static(heading("Strengths"))
            yield Static(render_strengths(report))
            yield Static(heading("Recommendations, in priority order"))
            if not report.recommendations:
                yield Static("No recommendations: no guidance rule of this bank applies.")
            elif self.session is not None:
                yield Static("Open one with Enter. Add it to your action plan, or set it aside "
                             "if it is not for you.", classes="muted")
            for number, rec in enumerate(report.recommendations, start=1):
                with Collapsible(title=self._title(number, rec), collapsed=number > 1,
                                 id=f"rec-{rec.rule.id}"):
                    yield Static(render_recommendation_body(rec, summaries=True))
                    if self.session is not None:
                        with Horizontal(classes="rec-buttons"):
                            yield Button("Add to plan", id=f"accept-{rec.rule.id}",
                                         classes="accept")
                            yield Button("Not for us", id=f"dismiss-{rec.rule.id}",
                                         classes="dismiss")
            yield Static(heading("Action plan"))
            yield Static(render_plan(report), id="plan-summary")
            notices = render_notices(report)
            if notices is not None:
                yield Static(heading("Notes"))
                yield Static(notices)
            yield Static(Content(SCORE_METHOD + " Press m to read it here."), classes="muted")
        yield Footer()

    def _title(self, number: int, rec: Recommendation) -> Content:
        decision = self.assessment.plan.decision(rec.rule.id)
        mark = {"accepted": "✓ In your plan · ", "dismissed": "✗ Set aside · "}.get(decision, "")
        return Content.assemble(mark, Content.from_rich_text(recommendation_title(number, rec)))

    def on_mount(self) -> None:
        self.sub_title = "Results" if self.session else "Results (read-only)"
        self.query_one("#results", VerticalScroll).focus()

    def on_unmount(self) -> None:
        if self.owns_session and self.session is not None:
            self.session.close()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button_id = event.button.id or ""
        action, _, rule_id = button_id.partition("-")
        rule = next((r for r in self.bank.guidance if r.id == rule_id), None)
        if rule is None or self.session is None or action not in ("accept", "dismiss"):
            return

        def change(plan: ActionPlan) -> None:
            if action == "accept":
                plan.accept(rule.id, rule.title)
            else:
                plan.dismiss(rule.id)

        if self.app.save_change(lambda: self.session.change_plan(change)):
            self.refresh_plan()
            self.notify("Added to your action plan (p to edit it)." if action == "accept"
                        else "Set aside.", markup=False)

    def refresh_plan(self) -> None:
        """Show the plan and each recommendation's decision as they are now."""
        self.report = build_report(self.bank, self.assessment)
        self.query_one("#plan-summary", Static).update(render_plan(self.report))
        for number, rec in enumerate(self.report.recommendations, start=1):
            self.query_one(f"#rec-{rec.rule.id}", Collapsible).title = self._title(number, rec)

    def presenter_changed(self) -> None:
        self.query_one("#header", Static).update(
            render_header(self.report, hide_names=self.app.presenter))

    def on_screen_resume(self) -> None:
        self.refresh_plan()

    def action_expand(self, expand: bool) -> None:
        for collapsible in self.query(Collapsible):
            collapsible.collapsed = not expand

    def action_plan(self) -> None:
        from svassess.tui.screens.plan import PlanScreen

        if self.session is None:
            self.notify("This assessment is open in another svassess, so its plan cannot be "
                        "changed here.", severity="warning", markup=False)
            return
        self.app.push_screen(PlanScreen(self.bank, self.session))

    def action_method(self) -> None:
        from svassess.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.app.data_location.path, METHOD_FILE))

    def action_export(self) -> None:
        self.app.export_report(self.report)

    def action_tender(self) -> None:
        from svassess.tui.screens.tender import open_tender

        open_tender(self.app, self.bank, self.assessment)
