"""The results: a renderer of the report's document model (svassess.report), summary first.

It lays the model's parts and blocks out as widgets and adds no report wording of its own; only
the controls (buttons, keys) are its own. The first few recommendations are written out; the rest
are one list, a line each (+ shows them in full), and Enter opens one to add it to the plan or set
it aside, so the documents' appendix of them is not shown here. One list, not a widget per
recommendation, keeps the screen quick to open however many a bank's rules recommend.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table as RichTable
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Collapsible, OptionList, Static
from textual.widgets.option_list import Option

from svassess.assessment import Assessment
from svassess.bank import Bank
from svassess.plan import ActionPlan
from svassess.report import (
    SCREEN_HINT,
    AnswerGroup,
    Bars,
    Block,
    Details,
    Document,
    Facts,
    Headline,
    Items,
    Paragraph,
    Rec,
    Recommendations,
    ResourceList,
    Table,
    block_kind,
    build_document,
    build_report,
    finished_notice,
    score_bar,
)
from svassess.session import EditSession
from svassess.tui.screens.base import SvassessScreen
from svassess.tui.screens.recommendation import RecommendationDialog, rec_body
from svassess.tui.styles import styles_beside
from svassess.tui.widgets.footer import KeyFooter
from svassess.tui.widgets.title_bar import TitleBar

SCREEN_PARTS_SKIPPED = frozenset({"more-recommendations"})
"""Parts the screen leaves out: the appendix of recommendations opens in place instead."""


def rich_block(block: Block) -> RenderableType:
    """A block as a Rich renderable; bank and user text stays literal (Rich Text, no markup)."""
    if isinstance(block, Facts):
        grid = RichTable.grid(padding=(0, 1))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column()
        for label, value in block.rows:
            grid.add_row(Text(f"{label}:"), Text(value))
        return grid
    if isinstance(block, Headline):
        return Text(block.text, style="bold")
    if isinstance(block, Paragraph):
        return Text(block.text, style="bold" if block.strong else "")
    if isinstance(block, Items):
        if not block.items:
            return Text(block.empty)
        if block.inline:
            text = Text()
            text.append(f"{block.label}: ", style="bold")
            text.append(", ".join(block.items) + ".")
            return text
        grid = RichTable.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for n, item in enumerate(block.items, start=1):
            grid.add_row(Text(f"{n}." if block.numbered else "-"), Text(item))
        return grid
    if isinstance(block, Bars):
        table = RichTable(box=None, header_style="bold", padding=(0, 1), pad_edge=False)
        table.add_column(block.headers[0], overflow="fold", ratio=1)
        table.add_column(block.headers[1], no_wrap=True)
        table.add_column(block.headers[2], justify="right", no_wrap=True)
        for bar in block.rows:
            table.add_row(Text(bar.label), f"{score_bar(bar.score)} {bar.value:>3}", bar.detail)
        return table
    if isinstance(block, Table):
        if not block.rows:
            return Text(block.empty)
        table = RichTable(box=None, header_style="bold", padding=(0, 1), pad_edge=False)
        for i, header in enumerate(block.headers):
            table.add_column(header, no_wrap=i in block.keep_whole,
                             overflow="fold", ratio=None if i in block.keep_whole else 1)
        for row in block.rows:
            table.add_row(*(Text(value) for value in row))
        return table
    if isinstance(block, AnswerGroup):
        text = Text(block.title + "\n", style="bold")
        for prompt, lines in block.rows:
            text.append(f"- {prompt}\n")
            for line in lines:
                text.append(f"  {line}\n")
        return text
    if isinstance(block, ResourceList):
        text = Text()
        for entry in block.items:
            text.append(f"{entry.title} - {entry.source}\n", style="bold")
            text.append(f"  {entry.url}\n  {entry.summary}\n")
        return text
    raise TypeError(f"no screen layout for {type(block).__name__}")


class ResultsScreen(SvassessScreen[None]):
    """Results, and turning recommendations into a plan. Without a session it is read-only."""

    DEFAULT_CSS = styles_beside(__file__, "results.tcss")

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("p", "plan", "Plan", tooltip="Your action plan"),
        Binding("e", "export", "Export"),
        Binding("m", "method", "Scoring", tooltip="The method behind your score"),
        Binding("t", "tender", "Tender"),
        # Explained beside the list it opens; in the footer it pushed Quit and Help off at 80
        # columns.
        Binding("plus,equals_sign", "expand(True)", "Show all", show=False),
        Binding("minus", "expand(False)", "One line each", show=False),
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
        self.in_full_list = False
        """Whether the list of further recommendations shows each one in full."""
        self._shown = False

    def document(self) -> Document:
        return build_document(self.report, hide_names=self.svassess_app.presenter)

    def compose(self) -> ComposeResult:
        document = self.document()
        yield TitleBar()
        with VerticalScroll(id="results"):
            yield Static(Text(document.title, style="bold"), id="title")
            for part in document.parts:
                if part.id in SCREEN_PARTS_SKIPPED:
                    continue
                with Vertical(id=f"part-{part.id}", classes="part"):
                    yield Static(Text(part.title, style="bold underline"), classes="part-title")
                    for block in part.blocks:
                        with Vertical(classes=f"block block-{block_kind(block)}"):
                            yield from self.compose_block(block)
        yield KeyFooter()

    def compose_block(self, block: Block) -> ComposeResult:
        if isinstance(block, Items) and block.numbered and block.items:
            yield Static(Text(f"{block.label}:", style="bold"))
            for n, item in enumerate(block.items, start=1):
                yield Static(Text(f"{n}. {item}"), classes="one-line")
        elif isinstance(block, Recommendations):
            if not block.items:
                yield Static(Text(block.empty))
                return
            if self.session is not None:
                yield Static(Text(SCREEN_HINT), classes="muted")
            for rec in block.items[:block.in_full]:
                # Textual annotates `title` as str, yet hands it on as ContentText (a Content
                # is taken as it is): a Content keeps the bank's text literal.
                with Collapsible(title=self._title(rec),  # type: ignore[arg-type]
                                 collapsed=False, id=f"rec-{rec.rule_id}"):
                    yield Static(rec_body(rec))
                    if self.session is not None:
                        with Horizontal(classes="rec-buttons"):
                            yield Button("Add to plan", id=f"accept-{rec.rule_id}",
                                         classes="accept")
                            yield Button("Not for us", id=f"dismiss-{rec.rule_id}",
                                         classes="dismiss")
            more = block.items[block.in_full:]
            if more:
                if block.screen_note:
                    yield Static(Text(block.screen_note), classes="muted")
                yield OptionList(*(Option(self._prompt(rec), id=rec.rule_id) for rec in more),
                                 id="more-recs")
        elif isinstance(block, Table):
            yield Static(rich_block(block), id="plan-summary")
        elif isinstance(block, Details):
            return
        else:
            yield Static(rich_block(block))

    def _prompt(self, rec: Rec) -> Content:
        """A further recommendation in the list: its line, or all of it after +."""
        if not self.in_full_list:
            return self._title(rec)
        return Content.assemble(self._title(rec), "\n", Content.from_rich_text(rec_body(rec)))

    def _recs(self) -> list[Rec]:
        part = self.document().part("recommendations")
        return [rec for block in (part.blocks if part else ())
                if isinstance(block, Recommendations) for rec in block.items]

    @staticmethod
    def _title(rec: Rec) -> Content:
        if not rec.decided:
            return Content(rec.line)
        symbol = {"accepted": "✓", "dismissed": "✗"}.get(rec.decided, "")
        return Content.assemble(f"{symbol} {rec.decision} · ", Content(rec.line))

    def on_mount(self) -> None:
        self.sub_title = "Results" if self.session else "Results (read-only)"
        self.watch(self.svassess_app, "presenter", self.presenter_changed, init=False)
        self.query_one("#results", VerticalScroll).focus()
        if self.finished:
            self.notify(finished_notice(self.report), markup=False, timeout=8)

    def on_unmount(self) -> None:
        if self.owns_session and self.session is not None:
            self.session.close()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        action, _, rule_id = (event.button.id or "").partition("-")
        self.decide(action, rule_id)

    @on(OptionList.OptionSelected, "#more-recs")
    @work
    async def open_recommendation(self, event: OptionList.OptionSelected) -> None:
        rec = next((r for r in self._recs() if r.rule_id == event.option.id), None)
        if rec is None:
            return
        action = await self.app.push_screen_wait(
            RecommendationDialog(rec, self.session is not None))
        if action is not None:
            self.decide(action, rec.rule_id)

    def decide(self, action: str, rule_id: str) -> None:
        """Add a recommendation to the plan ("accept") or set it aside ("dismiss")."""
        rule = next((r for r in self.bank.guidance if r.id == rule_id), None)
        session = self.session
        if rule is None or session is None or action not in ("accept", "dismiss"):
            return

        def change(plan: ActionPlan) -> None:
            if action == "accept":
                plan.accept(rule.id, rule.title)
            else:
                plan.dismiss(rule.id)

        if self.svassess_app.save_change(lambda: session.change_plan(change)):
            self.refresh_plan()
            self.notify("Added to your action plan (p to edit it)." if action == "accept"
                        else "Set aside.", markup=False)

    def refresh_plan(self) -> None:
        """Show the plan and each recommendation's decision as they are now."""
        self.report = build_report(self.bank, self.assessment)
        document = self.document()
        plan = document.part("plan")
        if plan is not None:
            self.query_one("#plan-summary", Static).update(rich_block(plan.blocks[0]))
        more = next(iter(self.query("#more-recs").results(OptionList)), None)
        in_full = {c.id: c for c in self.query(Collapsible)}
        for rec in self._recs():
            collapsible = in_full.get(f"rec-{rec.rule_id}")
            if collapsible is not None:
                collapsible.title = self._title(rec)  # type: ignore[assignment]  # as above
            elif more is not None:
                more.replace_option_prompt(rec.rule_id, self._prompt(rec))

    def presenter_changed(self) -> None:
        self.refresh(recompose=True)

    def on_screen_resume(self) -> None:
        """Back from the plan (or anything else that may have changed it): show it as it is.
        The first time the screen shows, it was just drawn from the report."""
        if self._shown:
            self.refresh_plan()
        self._shown = True

    def action_expand(self, expand: bool) -> None:
        self.in_full_list = expand
        for collapsible in self.query(Collapsible):
            collapsible.collapsed = not expand
        self.refresh_plan()

    def action_plan(self) -> None:
        from svassess.tui.screens.plan import PlanScreen

        if self.session is None:
            self.notify("This assessment is open in another svassess, so its plan cannot be "
                        "changed here.", severity="warning", markup=False)
            return
        self.app.push_screen(PlanScreen(self.bank, self.session))

    def action_method(self) -> None:
        from svassess.export import part_markdown
        from svassess.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.svassess_app.data_location.path,
                                        text=part_markdown(self.document(), "method")))

    def action_export(self) -> None:
        self.svassess_app.export_report(self.report)

    @work
    async def action_tender(self) -> None:
        from svassess.tui.screens.tender import open_tender

        await open_tender(self.svassess_app, self.bank, self.assessment)
