"""Home: the saved assessments, and starting, resuming, renaming, copying or deleting one."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from svassess.columns import fold
from svassess.store import Stored, StoreError, SummaryListing
from svassess.summary_index import Summary
from svassess.text import clean_line
from svassess.tui.screens.base import SvassessScreen
from svassess.tui.styles import styles_beside
from svassess.tui.widgets.footer import KeyFooter
from svassess.tui.widgets.light_button import LightButton
from svassess.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from svassess.tui.widgets.line_table import LineTable

WELCOME = (
    "svassess helps a social enterprise, charity or community business see how ready it is to "
    "show the social value it creates when it bids for public contracts — and what to do next. "
    "{time} Every answer is saved as you go, so you can stop and carry on later."
)
FIXED_COLUMNS = {"Done": 5, "Level": 16, "Updated": 11}
TABLE_CHROME = 14
"""The table's margins (2), a scroll bar (2) and each column's cell padding (2 × 5)."""
MIN_TEXT_COLUMN = 10
WRAP_LINES = 3


def _wrapped(text: str, width: int) -> list[str]:
    """The text folded to `width` cells, cut to about WRAP_LINES lines' worth ending in … when it
    is longer. The table is given the lines and their number, so it need not render every cell
    to measure it."""
    limit = width * WRAP_LINES
    return fold(text if len(text) <= limit else text[:limit - 1] + "…", width)


class HomeScreen(SvassessScreen[None]):
    DEFAULT_CSS = styles_beside(__file__, "home.tcss")
    BINDINGS = [
        Binding("n", "new", "New", tooltip="Start a new assessment"),
        Binding("enter", "resume", "Open", show=False,
                tooltip="Carry on with the highlighted assessment"),
        Binding("v", "results", "Results", tooltip="See the highlighted assessment's results"),
        Binding("e", "export", "Export", show=False,
                tooltip="Save the highlighted assessment's summary as a file"),
        Binding("r", "rename", "Rename", tooltip="Rename the highlighted assessment"),
        Binding("d", "duplicate", "Copy",
                tooltip="Copy the highlighted assessment, to answer again later and compare"),
        Binding("delete,x", "delete", "Delete",
                tooltip="Move the highlighted assessment to the trash folder"),
        Binding("c", "compare", "Compare",
                tooltip="Compare the highlighted assessment with another of the same questions"),
        Binding("t", "team", "Team", show=False,
                tooltip="Several people's assessments of one organisation side by side"),
    ]

    NEEDS_AN_ASSESSMENT = frozenset({"results", "export", "rename", "duplicate", "delete",
                                     "compare", "team"})
    """Actions on the highlighted assessment: not offered (footer, palette) while there is none.
    (Enter still works: with none, it starts one.)"""

    def __init__(self) -> None:
        super().__init__()
        self._laid_out_for: tuple[int, int] | None = None
        """The organisation and name widths the table was last laid out for."""
        self._left = False
        """Whether another screen or a dialog has covered home since it was mounted (from then
        on the list is read again on each return)."""
        self._first_listing: SummaryListing | None = None
        """The list as read for the first frame, until it is shown."""
        self.items: list[Summary] = []
        """What the list shows (from the summary index where it can); an action reads the
        file itself first."""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        time = self.svassess_app.banks_overview().time
        yield Static(Content(WELCOME.format(time=time).replace("  ", " ")), id="welcome")
        # Either the table of assessments or the first-run notice, whichever the list needs
        # (each is costly to style, and only one is ever shown); read now, it is styled with
        # the rest. The other is mounted if the list changes.
        self._first_listing = self._listing()
        if self._first_listing.items:
            yield self._new_table()
        else:
            yield self._new_first_run()
        yield Static(id="problems", classes="error")
        yield Static("Enter opens the highlighted assessment; n starts a new one.",
                     id="home-hint", classes="muted")
        yield KeyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return bool(self.items) or action not in self.NEEDS_AN_ASSESSMENT

    def on_mount(self) -> None:
        self.sub_title = "Your assessments"
        self.watch(self.svassess_app, "presenter", self.presenter_changed, init=False)
        listing, self._first_listing = self._first_listing, None
        self.refresh_list(listing=listing)

    def on_screen_suspend(self) -> None:
        self._left = True

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """The list is read when home is composed (before the first frame), then again on each
        return to it.

        As a screen resumes, Textual may style all its widgets again, for styles that changed
        while it was covered. Not the first time here: home's widgets were styled as they were
        mounted, a moment before, and nothing can have changed unseen since (a change of theme
        restyles every widget anyway). Styling them twice was about 2 % of the time to the
        first frame; the first frames with and without it were the same, byte for byte."""
        if self._left:
            self.refresh_list()
        else:
            event.refresh_styles = False

    def on_resize(self) -> None:
        """Lay the table out again if the new width changes its columns (a screen gets several
        resize events as it first appears; each rebuilt the table)."""
        if self.items and self._column_widths() != self._laid_out_for:
            self.show_table(self._selected_id())

    def _column_widths(self) -> tuple[int, int]:
        """Organisation and name share whatever width the other columns leave: the
        organisation as much as its longest needs, up to two fifths; the name the rest."""
        spare = self.size.width - TABLE_CHROME - sum(FIXED_COLUMNS.values())
        longest = max((len(clean_line(s.organisation)) for s in self.items),
                      default=0)
        heading = len("Organisation")
        organisation = min(max(longest, heading), spare * 2 // 5)
        # Never narrower than its heading ("Organisati" looked like a typo) while the name
        # keeps its least width; in a narrower window both get their least.
        organisation = max(MIN_TEXT_COLUMN, organisation, min(heading, spare - MIN_TEXT_COLUMN))
        return organisation, max(MIN_TEXT_COLUMN, spare - organisation)

    def _listing(self) -> SummaryListing:
        app = self.svassess_app
        return app.store.listed(app.bank_source)

    @staticmethod
    def _new_first_run() -> Vertical:
        return Vertical(
            Static("You have no saved assessments yet. Start one: you will be asked for a name, "
                   "then the questions, one at a time.", classes="notice"),
            LightButton("Start a new assessment", id="start"),
            id="first-run")

    @staticmethod
    def _new_table() -> LineTable:
        from svassess.tui.widgets.line_table import LineTable

        return LineTable(id="assessments")

    def refresh_list(self, select_id: str | None = None,
                     listing: SummaryListing | None = None) -> None:
        """Show the list as read now (or as `listing` says, just read). Not once home has been
        taken down (a worker's last step, when the app quits in the same burst)."""
        if not self.is_attached:
            return
        current = select_id or self._selected_id()
        app = self.svassess_app
        if listing is None:
            listing = self._listing()
        # Grouped by organisation (alphabetical), newest first within each.
        had_items = bool(self.items)
        self.items = sorted(listing.items, key=lambda s: clean_line(s.organisation).casefold())
        if bool(self.items) != had_items:
            self.refresh_bindings()
        problems = [str(p) for p in listing.problems] + app.bank_problems + [
            f"A question bank was not loaded: {p}" for p in app.banks_overview().problems]
        self.query_one("#problems", Static).update(
            Content("\n".join(clean_line(p) for p in problems)))
        self.query_one("#problems", Static).display = bool(problems)
        empty = not self.items
        self.query_one("#home-hint").display = not empty
        first_run = self.query("#first-run")
        table = self._table()
        if first_run:
            first_run.first().display = empty
        if table is not None:
            table.display = not empty
        if empty:
            if not first_run:
                self.mount(self._new_first_run(), before="#problems")
                # Its button is mounted with it, after this returns.
                self.call_after_refresh(self._focus_start)
            else:
                self._focus_start()
            return
        if table is None:
            self.mount(self._new_table(), before="#problems")
        self.show_table(current)

    def _focus_start(self) -> None:
        """Focus the start button (if home still has it: a key may have closed it first)."""
        for button in self.query("#start").results(LightButton):
            button.focus()

    def _table(self) -> LineTable | None:
        """The table, once there has been something to list (imported then)."""
        found = self.query("#assessments")
        return cast("LineTable", found.first()) if found else None

    def show_table(self, current: str | None) -> None:
        """Lay the table out for the window's width; long names wrap (up to WRAP_LINES lines)
        rather than being cut off."""
        table = self._table()
        assert table is not None
        widths = self._column_widths()
        columns = [("Organisation", widths[0]), ("Name", widths[1]), *FIXED_COLUMNS.items()]
        rows = []
        previous = None
        for index, summary in enumerate(self.items):
            organisation = clean_line(summary.organisation).casefold()
            rows.append(self._cells(summary, index, organisation != previous, widths))
            previous = organisation
        table.set_rows(columns, rows)
        self._laid_out_for = widths
        table.focus()
        ids = [s.id for s in self.items]
        if current in ids:
            table.move_cursor(row=ids.index(current))

    def presenter_changed(self) -> None:
        self.refresh_list()

    def _cells(self, a: Summary, index: int, first: bool,
               widths: tuple[int, int]) -> list[list[str]]:
        """A row; the organisation is written once, on the first row of its group. In presenter
        mode names and organisations are hidden."""
        if a.level_name is None:
            done, level = "-", f"(bank {clean_line(a.bank)} missing)"
        else:
            done = f"{a.completeness}%"
            level = clean_line(a.level_name)
        if self.svassess_app.presenter:
            name, organisation = f"Assessment {index + 1}", "(hidden)" if first else ""
        else:
            name = clean_line(a.name) or "(no name)"
            organisation = (clean_line(a.organisation) or "(none given)") if first else ""
        return [_wrapped(organisation, widths[0]), _wrapped(name, widths[1]), [done],
                fold(level, FIXED_COLUMNS["Level"]),
                [a.updated.astimezone().strftime("%d %b %Y")]]

    def highlighted(self) -> Summary | None:
        table = self._table()
        if not self.items or table is None or table.cursor_row is None:
            return None
        row = min(table.cursor_row, len(self.items) - 1)
        return self.items[row]

    def selected(self) -> Stored | None:
        """The highlighted assessment, read from its file now (None, said, if it cannot be)."""
        summary = self.highlighted()
        return self._read(summary) if summary is not None else None

    def _read(self, summary: Summary) -> Stored | None:
        try:
            return self.svassess_app.store.read(summary.path)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            self.refresh_list()
            return None

    def _read_all(self, summaries: list[Summary]) -> list[Stored]:
        read = (self._read(s) for s in summaries)
        return [stored for stored in read if stored is not None]

    def _selected_id(self) -> str | None:
        summary = self.highlighted()
        return summary.id if summary else None

    def on_line_table_row_selected(self, event: LineTable.RowSelected) -> None:
        self.action_resume()

    def on_light_button_pressed(self, event: LightButton.Pressed) -> None:
        if event.button.id == "start":
            self.action_new()

    def action_new(self) -> None:
        self.svassess_app.start_new()

    def action_resume(self) -> None:
        if self.highlighted() is None:
            if not self.items:
                self.action_new()
            return
        stored = self.selected()
        if stored is not None:
            self.svassess_app.open_assessment(stored)

    def action_results(self) -> None:
        stored = self.selected()
        if stored is not None:
            self.svassess_app.show_saved_results(stored)

    def action_export(self) -> None:
        from svassess.report import build_report

        stored = self.selected()
        bank = self.svassess_app.banks.get(stored.assessment.bank) if stored else None
        if stored is not None and bank is not None:
            self.svassess_app.export_report(build_report(bank, stored.assessment))

    @work
    async def action_rename(self) -> None:
        stored = self.selected()
        if stored is not None and await self.svassess_app.rename(stored):
            self.refresh_list()

    def action_duplicate(self) -> None:
        stored = self.selected()
        if stored is not None:
            copy = self.svassess_app.duplicate(stored)
            if copy is not None:
                self.refresh_list(select_id=copy.id)

    @work
    async def action_delete(self) -> None:
        stored = self.selected()
        if stored is not None and await self.svassess_app.delete(stored):
            self.refresh_list()

    @work
    async def action_compare(self) -> None:
        """Compare the highlighted assessment with another of the same bank."""
        from svassess.tui.screens.dialogs.pick import PickDialog

        stored = self.selected()
        if stored is None:
            return
        others = self._read_all([s for s in self.items if s.bank == stored.assessment.bank
                                 and s.id != stored.assessment.id])
        if not others:
            self.notify("There is no other assessment of the same questions to compare with. "
                        "Copy one (d) to re-assess later.", markup=False)
            return
        hidden = self.svassess_app.presenter
        rows = [(s.assessment.id, Content(
            f"{clean_line(s.assessment.name) if not hidden else 'Assessment'} "
            f"(updated {s.assessment.updated:%d %b %Y})")) for s in others]
        other_id = await self.app.push_screen_wait(
            PickDialog("Compare with which earlier assessment?", rows))
        other = next((s for s in others if s.assessment.id == other_id), None)
        if other is not None:
            self.svassess_app.show_comparison(other, stored)

    @work
    async def action_team(self) -> None:
        """Several people's assessments of this organisation side by side (svassess team)."""
        from svassess.tui.screens.team import open_team_view

        stored = self.selected()
        if stored is not None:
            await open_team_view(self, self._read_all(self.items), stored)
