"""Turning recommendations into an action plan, editing it, and exporting, in the app."""

from __future__ import annotations

import tomllib

from svassess.tui.screens.plan import PlanScreen
from svassess.tui.screens.results import ResultsScreen
from tests.tui.conftest import screen_text
from tests.tui.test_flow import type_text


def plan_on_disk(stored) -> dict:
    return tomllib.loads(stored.path.read_text(encoding="utf-8")).get("plan", {})


async def test_accept_dismiss_then_edit_the_plan(make_app, saved_assessment):
    stored = saved_assessment(answers={"policy.act": "no"})
    app = make_app()
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.click("#accept-policy-weak")
        await pilot.pause()
        assert "✓ In your plan" in screen_text(app)
        await pilot.press("plus")                       # open every recommendation
        await pilot.pause()
        await pilot.click("#dismiss-measure-weak")
        await pilot.pause()
        assert "✗ Set aside" in screen_text(app)
        plan = plan_on_disk(stored)
        assert plan["dismissed"] == ["measure-weak"]
        assert [a["recommendation"] for a in plan["actions"]] == ["policy-weak"]

        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        assert "Learn what the Act asks of buyers" in screen_text(app)
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Meet the council")
        await pilot.press("enter")
        await type_text(pilot, "Priya")
        await pilot.press("enter")
        await type_text(pilot, "end of March")
        await pilot.press("enter", "enter", "enter")     # status Not started, then Save
        await pilot.pause()
        assert "is not a date" in screen_text(app)       # said plainly, nothing saved
        assert len(plan_on_disk(stored)["actions"]) == 1
        for _ in range(12):
            await pilot.press("backspace")
        await type_text(pilot, "31/03/2027")
        await pilot.press("enter", "enter", "enter")
        await pilot.pause()
        actions = plan_on_disk(stored)["actions"]
        assert actions[1]["title"] == "Meet the council" and actions[1]["owner"] == "Priya"
        assert str(actions[1]["due"]) == "2027-03-31"
        assert "Meet the council" in screen_text(app) and "31/03/2027" in screen_text(app)

        await pilot.press("space")                       # on the new action: in progress
        await pilot.pause()
        assert plan_on_disk(stored)["actions"][1]["status"] == "in-progress"
        await pilot.press("up", "delete")                # remove the accepted one
        await pilot.pause()
        assert [a["title"] for a in plan_on_disk(stored)["actions"]] == ["Meet the council"]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert [row.title for row in app.screen.report.plan] == ["Meet the council"]
        assert "✓ In your plan" not in screen_text(app)


async def test_export_from_the_app_in_any_format(make_app, saved_assessment, isolated_home):
    saved_assessment(answers={"policy.act": "no"}, notes={"policy.act": "Board minutes"})
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert "Export the summary" in screen_text(app)
        await pilot.press("down")                        # text
        await pilot.pause()
        await pilot.press("enter", "space")              # tick "every answer"
        await pilot.press("tab", "enter")
        await pilot.pause()
    written = isolated_home / "Harbour-Kitchen.txt"
    text = written.read_text(encoding="utf-8")
    assert "Overall readiness" in text and "Board minutes" in text


async def test_read_only_results_cannot_change_the_plan(make_app, saved_assessment, location):
    from svassess.store import Store

    stored = saved_assessment(answers={"policy.act": "no"})
    lock = Store(location.path).lock(stored.assessment.id)
    try:
        app = make_app()
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("v")
            await pilot.pause()
            assert "Results (read-only)" in screen_text(app)
            assert not app.screen.query("#accept-policy-weak")
            await pilot.press("p")
            await pilot.pause()
            assert not isinstance(app.screen, PlanScreen)
    finally:
        lock.release()
