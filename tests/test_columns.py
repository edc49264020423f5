"""The terminal tables of `svassess list` and `svassess banks` (svassess.columns)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from svassess.columns import NARROWEST, column_lines
from tests.test_plain_pty import Typed

ID = "01M8X8M15H6V1Z9669GXT4Q21G"


def texts(line):
    return "".join(text for text, _ in line)


def test_a_table_that_fits_keeps_natural_widths_and_styles():
    lines = column_lines(("Name", "Done"), [[(("Harbour Kitchen", ""), (ID, "dim")),
                                              (("100%", ""),)]], 80)
    assert [texts(line) for line in lines] == [
        "Name                       Done",
        "Harbour Kitchen            100%",
        ID]
    assert lines[0][0] == ("Name                      ", "bold")
    assert lines[2] == [(ID, "dim")]


def test_a_wide_table_folds_its_widest_column_and_keeps_an_id_whole():
    name = "The Harbour Kitchen Community Interest Company of the North East Coast"
    lines = column_lines(("Name and id", "Organisation", "Updated"),
                         [[((name, ""), (ID, "dim")), (("Harbour CIC", ""),),
                           (("2026-12-03", ""),)]], 60, keep_whole=(2,))
    shown = [texts(line) for line in lines]
    assert all(cell_len(line) <= 60 for line in shown)
    assert any(line.startswith(ID) for line in shown)
    assert " ".join(" ".join(shown).split()).count("2026-12-03") == 1
    assert set(name.split()) <= set(" ".join(shown).split())


def test_widths_are_terminal_cells_not_characters():
    wide = "港口厨房社区利益公司的名字很长很长很长很长很长很长很长很长"
    lines = column_lines(("Name", "Level"), [[((wide, ""),), (("Developing", ""),)]], 40)
    assert all(cell_len(texts(line)) <= 40 for line in lines)
    assert "".join(texts(line).split("Developing")[0].strip() for line in lines[1:]) == wide


words = st.text(st.characters(codec="utf-8", categories=("L", "N")), min_size=1, max_size=30)
cell = st.lists(words, min_size=1, max_size=6).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.tuples(cell, cell, st.sampled_from(["44", "100"])), min_size=1,
                     max_size=5),
       width=st.integers(min_value=3 * NARROWEST + 2 + 3, max_value=120))
def test_any_table_fits_the_width_and_loses_no_words(rows, width):
    lines = column_lines(("Name", "Organisation", "Score"),
                         [[((a, ""),), ((b, ""),), ((c, ""),)] for a, b, c in rows], width,
                         keep_whole=(2,))
    shown = [texts(line) for line in lines]
    assert all(cell_len(line) <= width for line in shown)
    squeezed = re.sub(r"\s", "", "".join(shown))
    expected = re.sub(r"\s", "", "NameOrganisationScore" + "".join(a + b + c for a, b, c in rows))
    assert sorted(squeezed) == sorted(expected)


def test_list_at_a_terminal_shows_each_assessment_within_80_columns(data_dir, bank):
    from svassess.assessment import new_assessment
    from svassess.store import Store

    store = Store(data_dir)
    made = new_assessment(bank, "The Harbour Kitchen Community Interest Company of the North "
                                "East Coast", "Harbour CIC")
    store.save(made, None)
    typed = Typed(data_dir, "list")
    typed.see("Name and id", "Organisation", "Updated")
    out = typed.ends(0)
    lines = out.replace("\r\n", "\n").splitlines()
    assert all(cell_len(line) <= 80 for line in lines)
    assert any(line.strip() == made.id for line in lines)
    assert "Harbour CIC" in out
    assert "Scores are provisional until every question is answered" in out
