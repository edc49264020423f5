"""Home: the saved assessments, and starting, resuming, renaming, copying or deleting one."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Static

from svassess.report import shown_score
from svassess.scoring import score_assessment
from svassess.store import Stored
from svassess.text import clean_line

WELCOME = (
    "svassess helps a social enterprise, charity or community business see how ready it is to "
    "show the social value it creates when it bids for public contracts — and what to do next. "
    "It takes 20–40 minutes; every answer is saved as you go, so you can stop and carry on later."
)


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("n", "new", "New"),
        Binding("enter", "resume", "Open", show=False),
        Binding("v", "results", "Results"),
        Binding("r", "rename", "Rename"),
        Binding("d", "duplicate", "Copy"),
        Binding("delete,x", "delete", "Delete"),
        Binding("c", "compare", "Compare"),
        Binding("t", "team", "Team", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[Stored] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(WELCOME, id="welcome")
        with Vertical(id="first-run"):
            yield Static(
                "You have no saved assessments yet. Start one: you will be asked for a name, "
                "then the questions, one at a time.", classes="notice")
            yield Button("Start a new assessment", variant="primary", id="start")
        yield DataTable(id="assessments", cursor_type="row", zebra_stripes=True)
        yield Static(id="problems", classes="error")
        yield Static("Enter opens the highlighted assessment; n starts a new one.",
                     id="home-hint", classes="muted")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Your assessments"
        table = self.query_one("#assessments", DataTable)
        for label, width in (("Organisation", 14), ("Name", 22), ("Done", 5), ("Level", 16),
                             ("Updated", 11)):
            table.add_column(label, width=width)

    def on_screen_resume(self) -> None:
        """Also runs when the screen is first shown: the list is read once, then on each return."""
        self.refresh_list()

    def refresh_list(self, select_id: str | None = None) -> None:
        current = select_id or self._selected_id()
        listing = self.app.store.list()
        # Grouped by organisation (alphabetical), newest first within each.
        self.items = sorted(listing.items,
                            key=lambda s: clean_line(s.assessment.organisation).casefold())
        table = self.query_one("#assessments", DataTable)
        table.clear()
        previous = None
        for index, stored in enumerate(self.items):
            organisation = clean_line(stored.assessment.organisation).casefold()
            table.add_row(*self._cells(stored, index, first=organisation != previous),
                          key=stored.assessment.id)
            previous = organisation
        problems = [str(p) for p in listing.problems] + self.app.bank_problems
        self.query_one("#problems", Static).update(
            Content("\n".join(clean_line(p) for p in problems)))
        self.query_one("#problems", Static).display = bool(problems)
        empty = not self.items
        self.query_one("#first-run").display = empty
        table.display = not empty
        self.query_one("#home-hint").display = not empty
        if empty:
            self.query_one("#start", Button).focus()
            return
        table.focus()
        ids = [s.assessment.id for s in self.items]
        if current in ids:
            table.move_cursor(row=ids.index(current))

    def presenter_changed(self) -> None:
        self.refresh_list()

    def _cells(self, stored: Stored, index: int, first: bool) -> list[Text]:
        """A row; the organisation is written once, on the first row of its group. In presenter
        mode names and organisations are hidden."""
        a = stored.assessment
        bank = self.app.banks.get(a.bank)
        if bank is None:
            done, level = "-", f"(bank {clean_line(a.bank)} missing)"
        else:
            result = score_assessment(bank, a)
            done = f"{shown_score(result.completeness)}%"
            level = clean_line(result.level.name)
        if self.app.presenter:
            name, organisation = f"Assessment {index + 1}", "(hidden)" if first else ""
        else:
            name = clean_line(a.name) or "(no name)"
            organisation = (clean_line(a.organisation) or "(none given)") if first else ""
        return [Text(organisation), Text(name), Text(done), Text(level),
                Text(a.updated.astimezone().strftime("%d %b %Y"))]

    def selected(self) -> Stored | None:
        table = self.query_one("#assessments", DataTable)
        if not self.items or table.cursor_row is None:
            return None
        row = min(table.cursor_row, len(self.items) - 1)
        return self.items[row]

    def _selected_id(self) -> str | None:
        stored = self.selected()
        return stored.assessment.id if stored else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_resume()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_new()

    def action_new(self) -> None:
        self.app.start_new()

    def action_resume(self) -> None:
        stored = self.selected()
        if stored is not None:
            self.app.open_assessment(stored)
        elif not self.items:
            self.action_new()

    def action_results(self) -> None:
        stored = self.selected()
        if stored is not None:
            self.app.show_saved_results(stored)

    def action_rename(self) -> None:
        stored = self.selected()
        if stored is not None:
            self.app.rename(stored, on_done=self.refresh_list)

    def action_duplicate(self) -> None:
        stored = self.selected()
        if stored is not None:
            copy = self.app.duplicate(stored)
            if copy is not None:
                self.refresh_list(select_id=copy.id)

    def action_delete(self) -> None:
        stored = self.selected()
        if stored is not None:
            self.app.delete(stored, on_done=self.refresh_list)

    def action_compare(self) -> None:
        """Compare the highlighted assessment with another of the same bank."""
        from svassess.tui.screens.dialogs import PickDialog

        stored = self.selected()
        if stored is None:
            return
        others = [s for s in self.items if s.assessment.bank == stored.assessment.bank
                  and s.assessment.id != stored.assessment.id]
        if not others:
            self.notify("There is no other assessment of the same questions to compare with. "
                        "Copy one (d) to re-assess later.", markup=False)
            return
        rows = [(s.assessment.id, Content(
            f"{clean_line(s.assessment.name) if not self.app.presenter else 'Assessment'} "
            f"(updated {s.assessment.updated:%d %b %Y})")) for s in others]

        def chosen(other_id: str | None) -> None:
            other = next((s for s in others if s.assessment.id == other_id), None)
            if other is not None:
                self.app.show_comparison(other, stored)

        self.app.push_screen(PickDialog("Compare with which earlier assessment?", rows), chosen)

    def action_team(self) -> None:
        """Several people's assessments of this organisation side by side (svassess team)."""
        from svassess.tui.screens.team import open_team_view

        stored = self.selected()
        if stored is not None:
            open_team_view(self, self.items, stored)
