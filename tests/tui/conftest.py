"""Helpers for driving the app in tests: a data folder of its own, and the screen as text."""

from __future__ import annotations

import datetime as dt

import pytest
from textual import events

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


NAMED_KEY_CHARACTERS = {"space": " ", "enter": "\r", "tab": "\t"}


def burst(app, keys: list[str]) -> None:
    """Queue every key to the app at once, without waiting for any to be handled, as a
    terminal delivers a fast typist's (or a paste's) keys. A one-character key is its own
    character; other named keys have one only if NAMED_KEY_CHARACTERS gives it."""
    for key in keys:
        character = key if len(key) == 1 else NAMED_KEY_CHARACTERS.get(key)
        app.post_message(events.Key(key, character))


async def settle(pilot, pauses: int = 4) -> None:
    """Let a burst's keys and what they set off (a dialog opening, the next question shown) be
    handled: a few rounds of the app's messages."""
    for _ in range(pauses):
        await pilot.pause()


def typed(text: str) -> list[str]:
    """The keys that type `text`."""
    return ["space" if c == " " else c for c in text]
