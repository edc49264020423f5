"""How the screens look (SVG snapshots). Update after a deliberate change with
`pytest tests/tui/test_snapshots.py --snapshot-update`, and look at the report first."""

from __future__ import annotations

import pytest

ANSWERS = {"context.nation": "wales", "policy.act": "partly", "measure.tools": ["toc"]}
NOTES = {"policy.act": "Discussed at the March board meeting"}


@pytest.fixture
def app(make_app, saved_assessment):
    saved_assessment("Green Routes", "Riverside Routes CIC")
    saved_assessment(answers=ANSWERS, notes=NOTES, current="policy.act")
    return make_app()


def test_home_first_run(make_app, snap_compare):
    assert snap_compare(make_app(), terminal_size=(80, 24))


def test_home(app, snap_compare):
    assert snap_compare(app, terminal_size=(80, 24))


def test_question_with_help(app, snap_compare):
    assert snap_compare(app, press=["enter"], terminal_size=(80, 24))


@pytest.mark.parametrize("size", [(60, 20), (120, 40)])
def test_questionnaire_small_and_large(app, snap_compare, size):
    assert snap_compare(app, press=["enter"], terminal_size=size)


def test_review(app, snap_compare):
    assert snap_compare(app, press=["enter", "ctrl+r"], terminal_size=(80, 24))


def test_results(app, snap_compare):
    assert snap_compare(app, press=["v"], terminal_size=(80, 24))
