"""LineTable, the home screen's list: it draws the lines it is given under fixed headings, and
moves, scrolls and selects as DataTable with a row cursor did."""

from __future__ import annotations

from textual.app import App, ComposeResult

from svassess.tui.widgets.line_table import LineTable

COLUMNS = [("Name", 12), ("Done", 4)]


def rows(count: int, height: int = 1) -> list[list[list[str]]]:
    return [[[f"Row {n}"] + [f"more {n}"] * (height - 1), ["50%"]] for n in range(count)]


class TableApp(App[None]):
    def __init__(self, table_rows) -> None:
        super().__init__()
        self.table_rows = table_rows
        self.selected: list[int] = []

    def compose(self) -> ComposeResult:
        yield LineTable(id="table")

    def on_mount(self) -> None:
        table = self.query_one(LineTable)
        table.set_rows(COLUMNS, self.table_rows)
        table.focus()

    def on_line_table_row_selected(self, event: LineTable.RowSelected) -> None:
        self.selected.append(event.row)


def line(name: str, done: str = "") -> str:
    """A line as drawn: a blank cell each side of each column's text."""
    return f" {name:12}  {done:4}".rstrip()


HEADINGS = line("Name", "Done")


def shown(app: App) -> list[str]:
    table = app.query_one(LineTable)
    return [table.render_line(y).text.rstrip() for y in range(table.size.height)]


async def test_headings_stay_while_the_rows_scroll_to_keep_the_highlight_in_view():
    app = TableApp(rows(30))
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(LineTable)
        assert shown(app)[:2] == [HEADINGS, line("Row 0", "50%")]
        await pilot.press("end")
        assert table.cursor_row == 29
        lines = shown(app)
        assert lines[0] == HEADINGS                      # the headings stay put
        assert lines[-1] == line("Row 29", "50%")        # the last row, in view
        await pilot.press("home")
        assert table.cursor_row == 0 and shown(app)[1] == line("Row 0", "50%")
        await pilot.press("pagedown")
        assert 0 < table.cursor_row < 29
        await pilot.press("up", "up")
        assert table.cursor_row is not None


async def test_a_row_of_several_lines_is_drawn_whole_and_moved_over_as_one():
    app = TableApp(rows(3, height=2))
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(LineTable)
        assert shown(app)[1:5] == [line("Row 0", "50%"), line("more 0"), line("Row 1", "50%"),
                                   line("more 1")]
        await pilot.press("down")
        assert table.cursor_row == 1
        await pilot.press("down", "down", "down")
        assert table.cursor_row == 2                               # kept within the rows


async def test_enter_selects_and_a_click_highlights_then_selects():
    app = TableApp(rows(5))
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(LineTable)
        await pilot.press("enter")
        await pilot.pause()
        assert app.selected == [0]
        await pilot.click(LineTable, offset=(2, 3))               # line 3: the third row
        await pilot.pause()
        assert table.cursor_row == 2 and app.selected == [0]
        await pilot.click(LineTable, offset=(2, 3))
        await pilot.pause()
        assert app.selected == [0, 2]
        await pilot.click(LineTable, offset=(2, 0))               # the headings: nothing
        await pilot.pause()
        assert table.cursor_row == 2 and app.selected == [0, 2]


async def test_text_is_drawn_literally_and_cut_to_its_column():
    app = TableApp([[["[bold]x[/] :smile:"], ["100%"]], [["a" * 30], ["1%"]]])
    async with app.run_test(size=(40, 10)):
        assert shown(app)[1:3] == [line("[bold]x[/] :", "100%"), line("a" * 12, "1%")]


async def test_fewer_rows_keep_the_highlight_within_them_and_none_show_nothing():
    app = TableApp(rows(5))
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(LineTable)
        await pilot.press("end")
        table.set_rows(COLUMNS, rows(2))
        assert table.cursor_row == 1
        table.set_rows(COLUMNS, [])
        assert table.cursor_row is None
        await pilot.press("enter", "down")
        await pilot.pause()
        assert app.selected == [] and shown(app) == [HEADINGS]
