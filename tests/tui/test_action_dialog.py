"""The action dialog shows every field, the status choices and both buttons, usable, at 80×24
and 60×20, before and after a date error; and it takes UK dates."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest

from svassess.tui.screens.dialogs.action import ActionDialog
from svassess.tui.screens.plan import PlanScreen
from tests.tui.conftest import screen_text
from tests.tui.test_flow import type_text

EVERY_PART = ("What will you do?", "Who will do it?", "Target date", "Status",
              "Not started", "In progress", "Done", "Save", "Cancel")


def plan_actions(stored) -> list[dict]:
    return tomllib.loads(stored.path.read_text(encoding="utf-8")).get("plan", {}).get(
        "actions", [])


def assert_all_shown(app) -> None:
    """Every part is on screen, and each field and button lies wholly inside the window."""
    text = screen_text(app)
    missing = [part for part in EVERY_PART if part not in text]
    assert not missing, f"not on screen: {missing}\n{text}"
    window = app.screen.region
    for selector in ("#title", "#owner", "#due", "#status", "#ok", "#cancel"):
        widget = app.screen.query_one(selector)
        assert widget.region.area > 0 and window.contains_region(widget.region), selector
        assert widget.region.height == widget.outer_size.height, f"{selector} is cut off"


async def open_plan(app, pilot) -> None:
    await pilot.press("v")
    await pilot.pause()
    await pilot.press("p")
    await pilot.pause()
    assert isinstance(app.screen, PlanScreen)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_every_field_and_button_before_and_after_a_date_error(make_app, saved_assessment,
                                                                     size):
    stored = saved_assessment()
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await open_plan(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ActionDialog)
        assert_all_shown(app)
        await type_text(pilot, "Meet the council")
        await pilot.press("enter")
        await type_text(pilot, "Priya")
        await pilot.press("enter")
        await type_text(pilot, "sometime in March")
        await pilot.click("#ok")
        await pilot.pause()
        assert "is not a date" in screen_text(app)
        assert_all_shown(app)
        assert plan_actions(stored) == []
        app.screen.query_one("#due").value = ""
        await type_text(pilot, "31/01/2027")
        await pilot.click("#status", offset=(6, 2))        # "Done", with the mouse
        await pilot.pause()
        assert "(•) Done" in screen_text(app)
        await pilot.click("#ok")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
    [action] = plan_actions(stored)
    assert (action["title"], action["owner"], action["due"], action["status"]) == (
        "Meet the council", "Priya", dt.date(2027, 1, 31), "done")


async def test_status_is_chosen_with_the_keyboard_and_cancel_changes_nothing(make_app,
                                                                           saved_assessment):
    stored = saved_assessment()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(app, pilot)
        await pilot.press("a")
        await type_text(pilot, "Write a theory of change")
        await pilot.press("enter", "enter", "enter")      # past who and when to the status
        await pilot.press("down")
        await pilot.pause()
        assert "(•) In progress" in screen_text(app) and "( ) Not started" in screen_text(app)
        await pilot.press("enter")                         # Enter on the status: to Save
        await pilot.pause()
        assert app.screen.focused.id == "ok"
        await pilot.press("enter")
        await pilot.pause()
        [action] = plan_actions(stored)
        assert action["status"] == "in-progress" and "due" not in action
        await pilot.press("enter")                         # edit it: the date shown UK-style
        await pilot.pause()
        await pilot.press("tab", "tab")
        await type_text(pilot, "2027-03-31")
        await pilot.pause()
        await pilot.click("#cancel")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        assert "due" not in plan_actions(stored)[0]
        await pilot.press("enter")
        await pilot.press("tab", "tab")
        await type_text(pilot, "2027-03-31")
        await pilot.press("enter", "enter", "enter")
        await pilot.pause()
        assert plan_actions(stored)[0]["due"] == dt.date(2027, 3, 31)
        assert "31/03/2027" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#due").value == "31/03/2027"


async def test_in_a_tiny_window_the_buttons_stay_and_the_fields_scroll(make_app,
                                                                       saved_assessment):
    stored = saved_assessment()
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await open_plan(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        window = app.screen.region
        for selector in ("#ok", "#cancel"):
            assert window.contains_region(app.screen.query_one(selector).region), selector
        await type_text(pilot, "Tiny")
        reached = set()
        for _ in range(8):                  # Tab reaches every field, scrolled into view
            await pilot.press("tab")
            await pilot.pause()
            widget = app.screen.focused
            reached.add(widget.id)
            if widget.id in ("owner", "due", "status"):
                assert widget.region.area > 0 and window.contains_region(widget.region)
        assert {"title", "owner", "due", "status", "ok", "cancel"} <= reached
        await pilot.click("#ok")
        await pilot.pause()
    assert [a["title"] for a in plan_actions(stored)] == ["Tiny"]
