"""Issue 18: an answer line is drawn as the two-column grid it replaced drew it (the mark, one
space, the label wrapping under itself), without Rich's Table and its measuring. One change: a
word too long for the line folds onto the next (the grid cut it short with "…", hiding part of
the answer), so the grid compared with folds too; and a test shows the whole word is kept."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table
from rich.text import Text

from svassess.tui.screens.questionnaire import AnswerLine


def as_grid(mark: str, label: str) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    grid.add_row(Text(mark), Text(label))
    return grid


def drawn(renderable, width: int) -> list[str]:
    console = Console(width=width, record=True, color_system=None, legacy_windows=False)
    lines = console.render_lines(renderable, console.options.update_width(width), pad=True)
    return ["".join(segment.text for segment in line) for line in lines]


LABELS = ["Yes", "", "Not sure",
          "We have a written social value policy that our board agreed and reviews every year",
          "Supercalifragilisticexpialidocious-and-then-some-more-words-with-no-spaces-at-all",
          "Cymraeg: ydym, mae gennym bolisi gwerth cymdeithasol ysgrifenedig 社会价值 政策 文件"]


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("width", [12, 20, 40, 79])
def test_an_answer_line_is_drawn_as_the_grid_drew_it(label, width):
    assert drawn(AnswerLine("( ) 1.", label), width) == drawn(as_grid("( ) 1.", label), width)


@settings(max_examples=60, deadline=None)
@given(label=st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=120),
       width=st.integers(min_value=10, max_value=90))
def test_any_label_at_any_width(label, width):
    assert drawn(AnswerLine("[x] 12.", label), width) == drawn(as_grid("[x] 12.", label), width)


def test_a_word_longer_than_the_line_is_folded_not_cut():
    word = "Supercalifragilisticexpialidocious"
    lines = drawn(AnswerLine("( ) 1.", word), 20)
    assert "…" not in "".join(lines)
    assert "".join(line[7:].strip() for line in lines) == word
