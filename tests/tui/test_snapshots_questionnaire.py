"""How the questionnaire and its places look (SVG snapshots): a question at 80×24 and 60×20, a
question with several answers, the help, the sections dialog and the review. Update after a
deliberate change with `pytest tests/tui/test_snapshots_questionnaire.py --snapshot-update`, and
look at the report first."""

from __future__ import annotations

import pytest

ANSWERS = {"context.nation": "wales", "policy.act": "partly", "measure.tools": ["toc"]}
NOTES = {"policy.act": "Discussed at the March board meeting"}


@pytest.fixture
def app(make_app, saved_assessment):
    stored = saved_assessment(answers=ANSWERS, notes=NOTES, current="policy.act")
    return make_app(open_stored=stored)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
def test_question(app, snap_compare, size):
    assert snap_compare(app, terminal_size=size)


def test_question_with_several_answers(make_app, saved_assessment, snap_compare):
    stored = saved_assessment(answers=ANSWERS, current="measure.tools")
    assert snap_compare(make_app(open_stored=stored), press=["down", "space"],
                        terminal_size=(80, 24))


def test_context_question_without_a_note(make_app, saved_assessment, snap_compare):
    stored = saved_assessment(current="context.nation")
    assert snap_compare(make_app(open_stored=stored), terminal_size=(80, 24))


def test_help(app, snap_compare):
    assert snap_compare(app, press=["f1"], terminal_size=(80, 24))


def test_sections_dialog(app, snap_compare):
    assert snap_compare(app, press=["ctrl+s"], terminal_size=(80, 24))


def test_review_only_unanswered(app, snap_compare):
    assert snap_compare(app, press=["ctrl+r", "u"], terminal_size=(80, 24))
