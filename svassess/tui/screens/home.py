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
        for label, width in (("Name", 24), ("Organisation", 16), ("Done", 5), ("Level", 14),
                             ("Updated", 11)):
            table.add_column(label, width=width)
        self.refresh_list()

    def on_screen_resume(self) -> None:
        self.refresh_list()

    def refresh_list(self, select_id: str | None = None) -> None:
        listing = self.app.store.list()
        self.items = listing.items
        table = self.query_one("#assessments", DataTable)
        current = select_id or self._selected_id()
        table.clear()
        for stored in self.items:
            table.add_row(*self._cells(stored), key=stored.assessment.id)
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

    def _cells(self, stored: Stored) -> list[Text]:
        a = stored.assessment
        bank = self.app.banks.get(a.bank)
        if bank is None:
            done, level = "-", f"(bank {clean_line(a.bank)} missing)"
        else:
            result = score_assessment(bank, a)
            done = f"{shown_score(result.completeness)}%"
            level = clean_line(result.level.name)
        return [Text(clean_line(a.name) or "(no name)"), Text(clean_line(a.organisation)),
                Text(done), Text(level), Text(a.updated.astimezone().strftime("%d %b %Y"))]

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
