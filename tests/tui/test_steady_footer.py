"""Issue 18: the footer rebuilds its keys only when the keys it shows change.

Textual's Footer rebuilt every key on each focus change, several times per answer, and the keys
it threw away stayed in memory. These tests count the rebuilds."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from svassess.tui.screens.questionnaire import QuestionnaireScreen
from svassess.tui.widgets.footer import SteadyFooter
from tests.tui.conftest import screen_text


def count_rebuilds(monkeypatch) -> list[SteadyFooter]:
    """Each rebuild of a footer's keys, as the footer rebuilt."""
    rebuilt: list[SteadyFooter] = []
    real = SteadyFooter.recompose

    async def counting(self):
        rebuilt.append(self)
        await real(self)

    monkeypatch.setattr(SteadyFooter, "recompose", counting)
    return rebuilt


async def test_answering_questions_does_not_rebuild_the_footer(make_app, saved_assessment,
                                                               monkeypatch):
    stored = saved_assessment(current="context.nation")
    app = make_app(open_stored=stored)
    rebuilt = count_rebuilds(monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuestionnaireScreen)
        assert "→ Next" in screen_text(app)
        built_at_start = len(rebuilt)
        assert built_at_start == 0                      # drawn with the first frame, not again
        await pilot.press("1")                          # England: on
        await pilot.press("1")                          # policy.act "not at all": on
        await pilot.press("1", "2")                     # tick two boxes
        await pilot.press("enter")                      # done ticking: on
        await pilot.press("left", "right")              # back and on again
        await pilot.pause()
        assert app.screen.question.id == "measure.confidence"
        assert len(rebuilt) == built_at_start
        assert "← Back → Next" in screen_text(app)

        await pilot.press("a")                          # into the note: the arrows move in it
        await pilot.pause()
        assert len(rebuilt) == built_at_start + 1
        assert "→ Next" not in screen_text(app)
        await pilot.press("escape")                     # out again: the arrows move on
        await pilot.pause()
        assert len(rebuilt) == built_at_start + 2
        assert "← Back → Next" in screen_text(app)


class Alpha(Static, can_focus=True):
    BINDINGS = [Binding("a", "noop", "Alpha key")]


class AlsoAlpha(Static, can_focus=True):
    BINDINGS = [Binding("a", "noop", "Alpha key")]


class Beta(Static, can_focus=True):
    BINDINGS = [Binding("b", "noop", "Beta key")]


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield Alpha("alpha", id="alpha")
        yield AlsoAlpha("also alpha", id="also")
        yield Beta("beta", id="beta")
        yield SteadyFooter(show_command_palette=False)


async def test_the_footer_follows_the_keys_when_they_change(monkeypatch):
    rebuilt = count_rebuilds(monkeypatch)
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one("#alpha").focus()
        await pilot.pause()
        assert "Alpha key" in screen_text(app)
        before = len(rebuilt)

        app.query_one("#also").focus()                  # another widget, the same keys
        await pilot.pause()
        assert len(rebuilt) == before

        app.query_one("#beta").focus()                  # different keys: redrawn
        await pilot.pause()
        assert len(rebuilt) == before + 1
        assert "Beta key" in screen_text(app)
        assert "Alpha key" not in screen_text(app)

        app.query_one("#alpha").focus()
        await pilot.pause()
        assert len(rebuilt) == before + 2
        assert "Alpha key" in screen_text(app)


async def test_a_new_screen_shows_its_own_keys(make_app, saved_assessment):
    stored = saved_assessment(current="context.nation")
    app = make_app(open_stored=stored)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "^r Review" in screen_text(app)
        await pilot.press("escape")                     # home: its own keys
        await pilot.pause()
        assert "^r Review" not in screen_text(app)
        assert "n New" in screen_text(app)
