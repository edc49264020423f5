"""Choosing a team on the home screen, seeing them side by side, agreeing a joint assessment."""

from __future__ import annotations

import hashlib

from svassess.store import Store
from tests.tui.conftest import screen_text

ORG = "Harbour CIC"


def team_of_three(saved_assessment):
    return [
        saved_assessment("Ana", ORG, {"policy.act": "yes", "measure.confidence": 4}),
        saved_assessment("Ben", ORG, {"policy.act": "partly", "measure.confidence": 2}),
        saved_assessment("Cat", ORG, {"policy.act": "yes", "measure.confidence": 5}),
        saved_assessment("Elsewhere", "Green Routes", {"policy.act": "no"}),
    ]


async def test_tick_a_team_see_the_differences_and_agree(make_app, saved_assessment, location):
    made = team_of_three(saved_assessment)
    digests = {s.path: hashlib.sha256(s.path.read_bytes()).hexdigest() for s in made}
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        ids = [s.id for s in app.screen.items]
        await pilot.press(*["down"] * ids.index(made[0].assessment.id), "t")
        await pilot.pause()
        dialog = screen_text(app)
        assert "[x] Ana" in dialog and "[ ] Ben" in dialog and "[ ] Cat" in dialog
        assert "Elsewhere" not in dialog                 # another organisation is not offered
        await pilot.press("down", "space", "down", "enter", "tab", "enter")
        await pilot.pause()
        shown = screen_text(app)
        assert "Team view" in shown and "Person 3" in shown
        text = app.screen.query_one("#team-text").render().plain
        assert "Where answers differ (2)" in text
        assert "Person 2: A little (the more cautious)" in text
        await pilot.press("n")
        assert "Ben: A little (the more cautious)" in \
            app.screen.query_one("#team-text").render().plain
        await pilot.press("a")                         # difference 1: policy.act, take Person 1
        await pilot.pause()
        assert "Difference 1 of 2" in screen_text(app)
        await pilot.press("home", "enter")
        await pilot.pause()
        assert "Difference 2 of 2" in screen_text(app)
        await pilot.press("enter")                      # the cautious default: Ben's 2
        await pilot.pause()
    joints = [s.assessment for s in Store(location.path).assessments().items
              if s.assessment.name.startswith("Joint assessment")]
    assert len(joints) == 1
    answers = {qid: a.value for qid, a in joints[0].answers.items()}
    assert answers == {"policy.act": "yes", "measure.confidence": 2}
    assert joints[0].organisation == ORG
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in digests} == digests


async def test_a_team_needs_two(make_app, saved_assessment):
    saved_assessment("Alone", ORG, {})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert any("no other assessment of this organisation" in n.message
                   for n in app._notifications)
        assert app.screen.sub_title == "Your assessments"


def test_team_view_snapshot(make_app, saved_assessment, snap_compare):
    """The team view at 80x24 (the dialog's order: newest first, so pick all three by name)."""
    team_of_three(saved_assessment)
    app = make_app()

    async def run_before(pilot):
        await pilot.pause()
        items = [s.name for s in app.screen.items]
        await pilot.press(*["down"] * items.index("Ana"), "t")
        await pilot.pause()
        rows = [label.plain for _, label in app.screen.rows]
        for name in ("Ben", "Cat"):
            app.screen.query_one("#team").highlighted = next(
                i for i, label in enumerate(rows) if label.startswith(name))
            await pilot.press("space")
        await pilot.press("tab", "enter")
        await pilot.pause()

    assert snap_compare(app, run_before=run_before, terminal_size=(80, 24))
