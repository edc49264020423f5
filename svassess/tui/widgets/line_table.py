"""A table whose rows come already laid out as lines of text: the home screen's assessments.

It looks and behaves like Textual's DataTable with a row cursor and zebra stripes: the headings
stay put while the rows scroll, the highlighted row moves with the arrows, PageUp/PageDown and
Home/End, and Enter, or a click on the highlighted row, selects it (a click elsewhere highlights
that row). DataTable (Textual 8.2.8) renders every cell through Rich and brings 2,100 characters
of CSS: with fifty assessments, a tenth of the time to the first frame (docs/performance.md).
Here the caller gives each cell as lines already folded to its column's width, so drawing a line
is only padding text. Text is drawn literally, never read as markup.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

CELL_PADDING = 1
"""Blank cells on each side of a column's text, as DataTable's default."""

Cell = Sequence[str]
"""A cell's lines, each at most its column's width."""


class LineTable(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {"line-table--header", "line-table--cursor", "line-table--even-row"}
    DEFAULT_CSS = """
    LineTable {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        &:focus {
            background-tint: $foreground 5%;
            & > .line-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .line-table--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark > .line-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .line-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .line-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .line-table--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .line-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """
    BINDINGS = [
        Binding("enter", "select_cursor", "Select", show=False),
        Binding("up", "cursor_up", "Cursor up", show=False),
        Binding("down", "cursor_down", "Cursor down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,ctrl+home", "first", "First", show=False),
        Binding("end,ctrl+end", "last", "Last", show=False),
    ]

    class RowSelected(Message):
        """Enter, or a click on the highlighted row."""

        def __init__(self, table: LineTable, row: int) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> LineTable:
            return self.table

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._headings: list[str] = []
        self._widths: list[int] = []
        self._rows: list[list[Cell]] = []
        self._starts: list[int] = []
        """The first line of each row, counted from the first row's."""
        self._lines = 0
        self._cursor = 0
        self._shown_height: int | None = None
        """The height of the rows' area when last laid out."""

    # --- what it shows ---------------------------------------------------------------------

    def set_rows(self, columns: Sequence[tuple[str, int]],
                 rows: Sequence[Sequence[Cell]]) -> None:
        """Show `rows` (each a cell for each column) under `columns` (heading, width); the
        highlight stays on the same row number, or the last row if there are fewer."""
        self._headings = [heading for heading, _ in columns]
        self._widths = [width for _, width in columns]
        self._rows = [list(row) for row in rows]
        self._starts = []
        self._lines = 0
        for row in self._rows:
            self._starts.append(self._lines)
            self._lines += max((len(cell) for cell in row), default=0) or 1
        self._cursor = max(0, min(self._cursor, len(self._rows) - 1))
        width = sum(self._widths) + 2 * CELL_PADDING * len(self._widths)
        self.virtual_size = Size(width, 1 + self._lines)
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def cursor_row(self) -> int | None:
        """The highlighted row, None when there are no rows."""
        return self._cursor if self._rows else None

    def move_cursor(self, row: int) -> None:
        """Highlight `row` (kept within the rows) and scroll it into view."""
        if not self._rows:
            return
        self._cursor = max(0, min(row, len(self._rows) - 1))
        self.refresh()
        self._scroll_to_cursor()
        # Again once laid out: called from a parent's resize, the size here is still the old one.
        self.call_after_refresh(self._scroll_to_cursor)

    def on_resize(self) -> None:
        """Keep the highlighted row in view if it was; a list scrolled away from it (with the
        mouse wheel) stays where it is."""
        if self._shown_height is None or self._cursor_in_view(self._shown_height):
            self._scroll_to_cursor()
        self._shown_height = self.scrollable_content_region.height

    def _cursor_in_view(self, height: int) -> bool:
        """Whether the highlighted row is wholly in view in a rows' area of `height` lines."""
        if not self._rows:
            return True
        first, last = self._cursor_lines()
        return self.scroll_y <= first and last < self.scroll_y + max(1, height - 1)

    def _scroll_to_cursor(self) -> None:
        """Scroll so that the highlighted row is in view (as DataTable does)."""
        height = self.scrollable_content_region.height
        if self._cursor_in_view(height):
            return
        first, last = self._cursor_lines()
        if first < self.scroll_y:
            self.scroll_to(y=first, animate=False, immediate=True)
        else:
            self.scroll_to(y=last - max(1, height - 1) + 1, animate=False, immediate=True)

    def _cursor_lines(self) -> tuple[int, int]:
        """The first and last line of the highlighted row, counted from the first row's."""
        first = self._starts[self._cursor]
        return first, first + self._row_height(self._cursor) - 1

    def _row_height(self, row: int) -> int:
        end = self._starts[row + 1] if row + 1 < len(self._rows) else self._lines
        return end - self._starts[row]

    def _row_at(self, y: int) -> int | None:
        """The row drawn at line `y` of the widget (0 is the headings)."""
        line = int(self.scroll_y) + y - 1
        if y < 1 or not 0 <= line < self._lines:
            return None
        return bisect_right(self._starts, line) - 1

    # --- drawing -----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        base = self.rich_style
        if y == 0:
            return self._strip(self._headings, base + self._style("line-table--header"))
        row = self._row_at(y)
        if row is None:
            return Strip.blank(self.size.width, base)
        style = base
        if row % 2 == 0:
            style += self._style("line-table--even-row")
        if row == self._cursor:
            style += self._style("line-table--cursor")
        offset = int(self.scroll_y) + y - 1 - self._starts[row]
        texts = [cell[offset] if offset < len(cell) else "" for cell in self._rows[row]]
        return self._strip(texts, style)

    def _style(self, component: str) -> Style:
        return self.get_component_styles(component).rich_style

    def _strip(self, texts: Sequence[str], style: Style) -> Strip:
        pad = " " * CELL_PADDING
        line = "".join(pad + set_cell_size(text, width) + pad
                       for text, width in zip(texts, self._widths, strict=True))
        width = self.size.width
        scroll_x = int(self.scroll_x)
        strip = Strip([Segment(line, style)])
        return strip.crop(scroll_x, scroll_x + width).extend_cell_length(width, style)

    # --- keys and the mouse --------------------------------------------------------------------

    def action_cursor_up(self) -> None:
        self.move_cursor(self._cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self._cursor + 1)

    def action_page_up(self) -> None:
        self._move_by_lines(-(self.scrollable_content_region.height - 1))

    def action_page_down(self) -> None:
        self._move_by_lines(self.scrollable_content_region.height - 1)

    def _move_by_lines(self, lines: int) -> None:
        if self._rows:
            line = max(0, min(self._starts[self._cursor] + lines, self._lines - 1))
            self.move_cursor(bisect_right(self._starts, line) - 1)

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self._rows) - 1)

    def action_select_cursor(self) -> None:
        if self._rows:
            self.post_message(self.RowSelected(self, self._cursor))

    def on_click(self, event: events.Click) -> None:
        row = self._row_at(event.y)
        if row is None:
            return
        event.stop()
        if row == self._cursor:
            self.action_select_cursor()
        else:
            self.move_cursor(row)
