"""Issue 18: the title bar is one widget drawing what Textual's Header drew with four, and
behaves as it did: the icon opens the command palette, the title follows the app's and the
screen's, a click elsewhere makes it taller and shorter again."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.command import CommandPalette
from textual.widgets import Static

from svassess.tui.widgets.title_bar import TitleBar
from tests.tui.conftest import screen_text


class Titled(App[None]):
    TITLE = "svassess"

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("body")

    def on_mount(self) -> None:
        self.screen.sub_title = "Your assessments"


async def test_the_title_is_centred_and_follows_the_screen():
    app = Titled()
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        first = screen_text(app).splitlines()[0]
        assert first.startswith(" ⭘ ")
        middle = first[8:50]                            # between the icon and the clock's room
        assert middle.strip() == "svassess — Your assessments"
        assert abs(len(middle) - len(middle.rstrip()) - (len(middle) - len(middle.lstrip()))) <= 1
        app.screen.sub_title = "Results"
        await pilot.pause()
        assert "svassess — Results" in screen_text(app).splitlines()[0]
        app.title = "Workshop"
        await pilot.pause()
        assert "Workshop — Results" in screen_text(app).splitlines()[0]


async def test_a_long_title_ends_in_an_ellipsis_within_its_room():
    app = Titled()
    async with app.run_test(size=(40, 10)) as pilot:
        app.screen.sub_title = "A very long name for an assessment of a whole organisation"
        await pilot.pause()
        first = screen_text(app).splitlines()[0]
        assert len(first) == 40 and "…" in first and first.endswith(" " * 10)


async def test_the_icon_opens_the_palette_and_a_click_elsewhere_makes_it_tall():
    app = Titled()
    async with app.run_test(size=(60, 10)) as pilot:
        bar = app.query_one(TitleBar)
        await pilot.hover(TitleBar, offset=(1, 0))
        await pilot.pause()
        assert bar.tooltip == "Open the command palette"
        await pilot.hover(TitleBar, offset=(30, 0))
        await pilot.pause()
        assert bar.tooltip is None
        await pilot.click(TitleBar, offset=(30, 0))
        await pilot.pause()
        assert bar.size.height == 3
        assert "svassess" in screen_text(app).splitlines()[1]
        await pilot.click(TitleBar, offset=(30, 1))
        await pilot.pause()
        assert bar.size.height == 1
        await pilot.click(TitleBar, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
