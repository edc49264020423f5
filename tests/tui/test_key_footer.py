"""Issue 18: the footer is one widget that redraws only when the keys it shows change.

Textual's Footer rebuilt every key on each focus change, several times per answer, and the keys
it threw away stayed in memory. These tests count the redraws, and check that the one-widget
footer still behaves as Textual's: a click presses the key, a disabled key rings the bell, a
key's tooltip shows under the pointer, the palette's key keeps the right edge."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from svassess.tui.screens.questionnaire import QuestionnaireScreen
from svassess.tui.widgets.footer import KeyFooter
from tests.tui.conftest import screen_text


def count_rebuilds(monkeypatch) -> list[KeyFooter]:
    """Each time a footer took up new keys to show, as the footer."""
    rebuilt: list[KeyFooter] = []
    real = KeyFooter._keys_to_show

    def counting(self):
        shown = real(self)
        if self._shown is not None and shown != self._shown:
            rebuilt.append(self)
        return shown

    monkeypatch.setattr(KeyFooter, "_keys_to_show", counting)
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
        yield KeyFooter(show_command_palette=False)


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


class Keys(App[None]):
    """Three keys: one that counts, with a tooltip; one disabled; Quit, with no tooltip (Textual
    lists the app's Quit first)."""

    BINDINGS = [
        Binding("k", "count", "Count", tooltip="Add one to the count"),
        Binding("j", "never", "Never"),
        Binding("ctrl+q", "quit", "Quit"),
    ]

    def __init__(self, compact: bool = False) -> None:
        super().__init__()
        self.count = 0
        self.compact = compact

    def compose(self) -> ComposeResult:
        yield Static("body")
        yield KeyFooter(compact=self.compact)

    def action_count(self) -> None:
        self.count += 1

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "never" else True


def footer_line(app) -> str:
    return screen_text(app).splitlines()[-1]


async def test_clicking_a_key_presses_it_and_a_disabled_key_rings_the_bell(monkeypatch):
    app = Keys()
    bells: list[bool] = []
    monkeypatch.setattr(app, "bell", lambda: bells.append(True))
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        line = footer_line(app)
        assert line.startswith(" ^q Quit  k Count  j Never "), line
        assert line.rstrip().endswith("▏^p palette"), line
        await pilot.click(KeyFooter, offset=(line.index("Count"), 0))
        await pilot.pause()
        assert app.count == 1 and not bells
        await pilot.click(KeyFooter, offset=(line.index("Never"), 0))
        await pilot.pause()
        assert bells == [True] and app.count == 1
        await pilot.click(KeyFooter, offset=(line.index("palette"), 0))
        await pilot.pause()
        assert app.screen.__class__.__name__ == "CommandPalette"


async def test_the_pointer_over_a_key_shows_its_tooltip_and_highlights_it():
    app = Keys()
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        footer = app.query_one(KeyFooter)
        line = footer_line(app)
        await pilot.hover(KeyFooter, offset=(line.index("Count"), 0))
        await pilot.pause()
        assert footer.tooltip == "Add one to the count"
        highlighted = footer.render()
        await pilot.hover(KeyFooter, offset=(line.index("Quit"), 0))
        await pilot.pause()
        assert footer.tooltip is None                   # Quit has none of its own
        assert footer.render() != highlighted           # the highlight moved with the pointer


async def test_keys_that_do_not_fit_give_way_to_the_palette_key():
    app = Keys()
    async with app.run_test(size=(34, 10)) as pilot:
        await pilot.pause()
        line = footer_line(app)
        assert len(line) == 34
        assert line == " ^q Quit  k Count  j N▏^p palette ", line
        await pilot.click(KeyFooter, offset=(line.index("k Count"), 0))
        await pilot.pause()
        assert app.count == 1


async def test_a_compact_footer_draws_its_keys_without_padding():
    app = Keys(compact=True)
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        assert footer_line(app).startswith("^q Quit k Count j Never "), footer_line(app)
        assert footer_line(app).rstrip().endswith("▏^p palette")


class NoPalette(Keys):
    def compose(self) -> ComposeResult:
        yield Static("body")
        yield KeyFooter(compact=True, show_command_palette=False)


async def test_keys_that_do_not_fit_are_cut_at_the_edge_not_wrapped():
    """As the questionnaire's footer: compact, no palette key. A key past the edge is cut off
    (its label as far as it fits), never wrapped away to leave a bare key."""
    app = NoPalette()
    async with app.run_test(size=(20, 10)) as pilot:
        await pilot.pause()
        assert footer_line(app) == "^q Quit k Count j Ne"


async def test_the_tooltip_goes_when_the_keys_change_under_the_pointer():
    app = Keys()
    async with app.run_test(size=(60, 10)) as pilot:
        footer = app.query_one(KeyFooter)
        line = footer_line(app)
        await pilot.hover(KeyFooter, offset=(line.index("Count"), 0))
        await pilot.pause()
        assert footer.tooltip == "Add one to the count"
        app.bind("x", "bell", description="Extra")        # the keys shown change
        app.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert "Extra" in footer_line(app)
        assert footer.tooltip is None
