"""How the plan, its action dialog, export, compare, help and method screens look at 80×24
(SVG snapshots). Update after a deliberate change with
`pytest tests/tui/test_snapshots_dialogs.py --snapshot-update`, and look at the report first.

Paths on these screens (the data folder, the export folder) are made the same on every run: the
data folder is relative to a temporary working folder and HOME is a fixed, absent folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from svassess.assessment import new_assessment
from svassess.paths import DataLocation
from svassess.plan import Action
from svassess.store import Store
from svassess.tui.app import SvassessApp
from tests.tui.conftest import FIXED
from tests.tui.test_flow import type_text

ANSWERS = {"context.nation": "wales", "policy.act": "no", "measure.tools": ["toc"]}
SIZE = (80, 24)


@pytest.fixture
def app(tmp_path, monkeypatch, bank) -> SvassessApp:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", "/home/you")
    location = DataLocation(Path("data"), "from --data-dir")
    store = Store(location.path)
    earlier = new_assessment(bank, "Spring check", "Harbour CIC", now=FIXED - dt.timedelta(days=90))
    earlier.answer(bank.question("policy.act"), "no", now=FIXED - dt.timedelta(days=90))
    store.save(earlier, None)
    later = new_assessment(bank, "Harbour Kitchen", "Harbour CIC", now=FIXED)
    for qid, value in ANSWERS.items():
        later.answer(bank.question(qid), value, now=FIXED)
    later.plan.accept("policy-weak", "Learn what the Act asks of buyers")
    later.plan.actions.append(Action("a1", "Ask the council for its social value policy",
                                     owner="Priya (bids)", due=dt.date(2027, 1, 31),
                                     status="in-progress"))
    store.save(later, None)
    return SvassessApp(location, {bank.id: bank})


async def to_plan(pilot) -> None:
    await pilot.press("v")                  # Harbour Kitchen, with the plan, is listed first
    await pilot.pause()
    await pilot.press("p")
    await pilot.pause()


def test_plan_screen(app, snap_compare):
    assert snap_compare(app, run_before=to_plan, terminal_size=SIZE)


def test_action_dialog(app, snap_compare):
    async def edit(pilot) -> None:
        await to_plan(pilot)
        await pilot.press("down", "enter")
        await pilot.pause()

    assert snap_compare(app, run_before=edit, terminal_size=SIZE)


async def settled_buttons(pilot) -> None:
    """Wait for a pressed button's flash (Textual's `-active`, taken off by a 0.2 s timer) to
    end: a snapshot taken sooner, as on a fast or a busy machine, showed it half the time."""
    while pilot.app.screen.query(".-active"):
        await pilot.pause(0.05)


def test_action_dialog_after_a_date_error(app, snap_compare):
    async def wrong_date(pilot) -> None:
        await to_plan(pilot)
        await pilot.press("a")
        await type_text(pilot, "Book a meet-the-buyer event")
        await pilot.press("enter", "enter")
        await type_text(pilot, "31/02/2027")
        await pilot.press("enter", "enter", "enter")
        await pilot.pause()
        await settled_buttons(pilot)

    assert snap_compare(app, run_before=wrong_date, terminal_size=SIZE)


def test_export_dialog(app, snap_compare):
    assert snap_compare(app, press=["v", "e"], terminal_size=SIZE)


def test_compare_screen(app, snap_compare):
    assert snap_compare(app, press=["c", "enter"], terminal_size=SIZE)


def test_help_screen(app, snap_compare):
    assert snap_compare(app, press=["question_mark"], terminal_size=SIZE)


def test_method_screen(app, snap_compare):
    assert snap_compare(app, press=["v", "m"], terminal_size=SIZE)
