"""Helpers for driving the app in tests: a data folder of its own, and the screen as text."""

from __future__ import annotations

import datetime as dt

import pytest

from svassess.assessment import new_assessment
from svassess.paths import DataLocation
from svassess.store import Store
from svassess.tui.app import SvassessApp

FIXED = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)


def screen_text(app) -> str:
    """What the terminal shows now, as plain text (Textual is pinned, so this stays stable)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@pytest.fixture
def location(tmp_path) -> DataLocation:
    return DataLocation(tmp_path / "data", "from --data-dir")


@pytest.fixture
def make_app(location, bank):
    def make(**kwargs) -> SvassessApp:
        return SvassessApp(location, {bank.id: bank}, **kwargs)

    return make


@pytest.fixture
def saved_assessment(location, bank):
    """Save an assessment with fixed times, so snapshots do not change from day to day."""

    def save(name="Harbour Kitchen", organisation="Harbour CIC", answers=None, notes=None,
             current=""):
        a = new_assessment(bank, name, organisation, now=FIXED)
        for qid, value in (answers or {}).items():
            a.answer(bank.question(qid), value, now=FIXED)
        for qid, note in (notes or {}).items():
            a.set_note(qid, note, now=FIXED)
        a.current = current
        store = Store(location.path)
        store.save(a, None)
        return store.read(store.path_for(a.id))

    return save
