"""The Textual app. For now a minimal one: the saved assessments and each one's results.

The guided questionnaire replaces this (see the TUI issue); the report it shows is the same one
`svassess show` prints.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from svassess.bank import Bank
from svassess.report import build_report, render_report, shown_score
from svassess.scoring import score_assessment
from svassess.store import Stored
from svassess.text import clean_line

WELCOME = (
    "svassess helps a social enterprise, charity or community business see how ready it is to "
    "evidence its social value when bidding for public contracts, and what to do next. "
    "Your assessments are listed below; choose one to see its results."
)


class ReportScreen(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, bank: Bank, stored: Stored):
        super().__init__()
        self.report = build_report(bank, stored.assessment)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static(render_report(self.report))
        yield Footer()


class HomeScreen(Screen[None]):
    def __init__(self, banks: dict[str, Bank], items: list[Stored], problems: list[str]):
        super().__init__()
        self.banks = banks
        self.items = items
        self.problems = problems

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(WELCOME), id="welcome")
        if self.problems:
            yield Static(Text("\n".join(self.problems)), id="problems")
        options = [Option(self._label(stored), id=str(index))
                   for index, stored in enumerate(self.items)]
        if options:
            yield OptionList(*options, id="assessments")
        else:
            yield Static(Text("No assessments are saved in this data folder yet."))
        yield Footer()

    def _label(self, stored: Stored) -> Text:
        a = stored.assessment
        label = Text(clean_line(a.name) or "(no name)", style="bold")
        if a.organisation:
            label.append(f"  {clean_line(a.organisation)}")
        bank = self.banks.get(a.bank)
        if bank is None:
            label.append(f"  (question bank {clean_line(a.bank)} is not installed)")
        else:
            result = score_assessment(bank, a)
            label.append(f"  {shown_score(result.completeness)}% done, "
                         f"{clean_line(result.level.name)}")
        return label

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        stored = self.items[int(event.option.id or 0)]
        bank = self.banks.get(stored.assessment.bank)
        if bank is not None:
            self.app.push_screen(ReportScreen(bank, stored))
        else:
            self.notify(Text(f"The question bank {clean_line(stored.assessment.bank)} is not "
                             f"installed."), severity="warning")


class SvassessApp(App[None]):
    TITLE = "svassess"
    SUB_TITLE = "social value readiness"

    def __init__(self, banks: dict[str, Bank], items: list[Stored], problems: list[str],
                 open_first: bool = False):
        super().__init__()
        self.banks = banks
        self.items = items
        self.problems = problems
        self.open_first = open_first

    def on_mount(self) -> None:
        self.push_screen(HomeScreen(self.banks, self.items, self.problems))
        if self.open_first and self.items:
            stored = self.items[0]
            bank = self.banks.get(stored.assessment.bank)
            if bank is not None:
                self.push_screen(ReportScreen(bank, stored))


def run_app(banks: dict[str, Bank], items: list[Stored], problems: list[str],
            open_first: bool) -> int:
    SvassessApp(banks, items, problems, open_first).run()
    return 0
