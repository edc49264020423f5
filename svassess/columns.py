"""Text in columns for a terminal: the tables of `svassess list` and `svassess banks`, and the
folding of long names that the home screen's table shares.

Rich's Table does this too, but measuring and rendering fifty rows through it took longer than
everything else `svassess list` does; this lays the cells out directly. Widths are measured in
terminal cells (a Chinese character takes two), and a table wider than the terminal folds its
widest columns first, at spaces where it can.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from rich.cells import cell_len, chop_cells, set_cell_size

Piece = tuple[str, str]
"""Some text and the Rich style to show it in ("" for none)."""

Cell = Sequence[Piece]
"""A cell's paragraphs; each starts on a line of its own and keeps its style when folded."""

GAP = 1
"""Spaces between columns."""

NARROWEST = 8
"""A folded column is never made narrower than this (or its widest text, if less)..."""

LONGEST_WORD = 26
"""...nor than its longest word up to this many cells, so an assessment's id stays whole."""


def column_lines(header: Sequence[str], rows: Sequence[Sequence[Cell]], width: int,
                 keep_whole: Sequence[int] = ()) -> list[list[Piece]]:
    """The header (in bold) and the rows as lines of the terminal, each line a list of pieces
    padded to the columns' widths (trailing spaces removed). Columns in `keep_whole` (dates,
    numbers) are never folded."""
    table: list[Sequence[Cell]] = [[((text, "bold"),) for text in header], *rows]
    widths = _widths(table, width, keep_whole)
    lines: list[list[Piece]] = []
    for row in table:
        folded = [_fold(cell, w) for cell, w in zip(row, widths, strict=True)]
        for n in range(max(len(cell) for cell in folded)):
            line: list[Piece] = []
            for column, (cell, w) in enumerate(zip(folded, widths, strict=True)):
                text, style = cell[n] if n < len(cell) else ("", "")
                if column:
                    line.append((" " * GAP, ""))
                line.append((set_cell_size(text, w), style))
            _strip_end(line)
            lines.append(line)
    return lines


def _widths(table: Sequence[Sequence[Cell]], width: int, keep_whole: Sequence[int]) -> list[int]:
    """Each column's natural width, the widest folded first until the table fits: down to its
    longest word, then, if that is not enough, down to NARROWEST."""
    natural = [max(cell_len(text) for row in table for text, _ in row[column]) for column in
               range(len(table[0]))]
    widths = list(natural)
    excess = sum(widths) + GAP * (len(widths) - 1) - width
    for floor in (lambda c: max(NARROWEST, _longest_word(table, c)), lambda c: NARROWEST):
        narrowest = [w if c in keep_whole else min(w, floor(c)) for c, w in enumerate(natural)]
        while excess > 0:
            foldable = [c for c, w in enumerate(widths) if w > narrowest[c]]
            if not foldable:
                break
            widest = max(foldable, key=lambda c: widths[c])
            widths[widest] -= 1
            excess -= 1
    return widths


def _longest_word(table: Sequence[Sequence[Cell]], column: int) -> int:
    return min(LONGEST_WORD, max((cell_len(word) for row in table for text, _ in row[column]
                                  for word in text.split()), default=0))


def _fold(cell: Cell, width: int) -> list[Piece]:
    """The cell's paragraphs as lines of at most `width` cells, each in its paragraph's style."""
    return [(line, style) for text, style in cell for line in fold(text, width)]


def fold(text: str, width: int) -> list[str]:
    """`text` as lines of at most `width` terminal cells: wrapped at spaces, and a word too long
    for a line broken."""
    if cell_len(text) <= width:
        return [text]
    return [part for wrapped in textwrap.wrap(text, width, break_on_hyphens=False) or [""]
            for part in chop_cells(wrapped, width)]


def _strip_end(line: list[Piece]) -> None:
    while line and not line[-1][0].strip():
        line.pop()
    if line:
        text, style = line[-1]
        line[-1] = (text.rstrip(), style)
