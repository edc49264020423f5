"""Presenter mode is a reactive on the app (`SvassessApp.presenter`) that screens watch: setting
it, by Ctrl+T or in code, redraws whichever screen is showing, and the screens underneath."""

from __future__ import annotations

from svassess.tui.screens.home import HomeScreen
from svassess.tui.screens.results import ResultsScreen
from svassess.tui.screens.team import TeamScreen
from tests.tui.conftest import screen_text


async def test_toggling_presenter_redraws_the_current_screen_and_those_beneath(
        make_app, saved_assessment):
    saved_assessment("Secret Kitchen", "Hidden CIC")
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("v")                            # the results, over the home screen
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert "Secret Kitchen" in screen_text(app)
        app.presenter = True                              # the reactive itself, no key
        await pilot.pause()
        assert "Secret Kitchen" not in screen_text(app)
        await pilot.press("ctrl+t")                       # and the key, back off
        await pilot.pause()
        assert app.presenter is False
        assert "Secret Kitchen" in screen_text(app)
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press("escape")                       # home was redrawn underneath
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        assert "Secret Kitchen" not in text and "Hidden CIC" not in text
        assert "Assessment 1" in text


async def test_a_screen_that_has_gone_no_longer_watches(make_app, saved_assessment):
    """A closed screen is dropped from the watchers: toggling after leaving it is harmless."""
    saved_assessment("Ana's view", "Harbour CIC")
    saved_assessment("Ben's view", "Harbour CIC")
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("down", "space", "tab", "enter")   # tick the second; side by side
        await pilot.pause()
        assert isinstance(app.screen, TeamScreen)
        team = app.screen
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        app.presenter = True
        await pilot.pause()
        assert not team.is_attached
        assert "Ana's view" not in screen_text(app)
