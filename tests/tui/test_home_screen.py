"""The home screen: names are shown in full while there is room, and the time estimate is the
one measured from the bank."""

from __future__ import annotations

import pytest
from textual import events

from svassess.estimate import describe_time, estimate_time
from tests.tui.conftest import burst, screen_text

LONG_NAME = "2026 bid readiness for the Cardiff community transport contract"
LONG_ORGANISATION = "Valleys Community Transport Cymru"


def flat(text: str) -> str:
    """The screen's words in order, ignoring where lines wrap and the table's column gaps."""
    return " ".join(text.split())


@pytest.mark.parametrize("size", [(80, 24), (120, 30)])
async def test_long_names_are_shown_in_full(make_app, saved_assessment, size):
    saved_assessment(LONG_NAME, LONG_ORGANISATION)
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        text = screen_text(app)
        if size == (120, 30):       # the table uses the width there is
            header = next(line for line in text.splitlines() if "Organisation" in line)
            assert header.rstrip().endswith("Updated") and len(header.rstrip()) >= 110
        for word in (*LONG_NAME.split(), *LONG_ORGANISATION.split()):
            assert word in text, word
        assert "…" not in text


async def test_the_table_follows_the_window_width(make_app, saved_assessment):
    saved_assessment(LONG_NAME, LONG_ORGANISATION)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert LONG_NAME not in screen_text(app)
        await pilot.resize_terminal(160, 30)
        await pilot.pause()
        assert LONG_NAME in screen_text(app)


async def test_a_name_too_long_to_show_ends_in_an_ellipsis(make_app, saved_assessment):
    saved_assessment("word " * 400, "Harbour CIC")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "…" in screen_text(app) and "Enter opens" in screen_text(app)


async def test_the_welcome_says_the_time_measured_from_the_bank(make_app, bank):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = flat(screen_text(app))
        assert flat(describe_time([estimate_time(bank)])) in text
        assert "20–40" not in text

@pytest.mark.parametrize("width", [80, 70])
async def test_a_short_organisation_leaves_the_heading_whole(make_app, saved_assessment, width):
    saved_assessment("Trial", "Harbour CIC")      # 11 characters, one fewer than the heading
    app = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        assert "Organisation " in screen_text(app)


@pytest.mark.parametrize("how", ["click", "space", "enter"])
async def test_the_start_button_opens_the_new_assessment_form(make_app, how):
    from svassess.tui.screens.dialogs.details import DetailsDialog

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "start"
        if how == "click":
            await pilot.click("#start")
        else:
            await pilot.press(how)
        await pilot.pause()
        assert isinstance(app.screen, DetailsDialog)


async def test_the_table_is_laid_out_once_as_the_screen_appears(make_app, saved_assessment,
                                                                  monkeypatch):
    """The first resize events used to rebuild it twice more (three times the work for the
    first frame); a width that changes the columns still lays it out again."""
    from svassess.tui.screens.home import HomeScreen

    saved_assessment(LONG_NAME, LONG_ORGANISATION)
    widths = []
    original = HomeScreen.show_table

    def counted(screen, current):
        widths.append(screen.size.width)
        original(screen, current)

    monkeypatch.setattr(HomeScreen, "show_table", counted)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert widths == [80]
        await pilot.resize_terminal(160, 30)
        await pilot.pause()
        assert widths == [80, 160]
        assert LONG_NAME in screen_text(app)


async def test_a_long_level_name_wraps_in_its_column(location, bank, saved_assessment):
    import dataclasses

    from svassess.tui.app import SvassessApp

    long_name = "Getting started with evidencing social value"
    levels = tuple(level._replace(name=long_name) for level in bank.levels)
    saved_assessment("Harbour Kitchen", "Harbour CIC")        # names that fit on one line
    app = SvassessApp(location, {bank.id: dataclasses.replace(bank, levels=levels)})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        for word in long_name.split():
            assert word in text, word


async def test_home_is_the_first_screen_itself_and_lists_before_it_is_shown(
        make_app, saved_assessment):
    """Home is Textual's default screen, not pushed over a blank one (pushed, the first frame
    was drawn half-made and then again), and its list is read as it is mounted, so the first
    frame already shows it (benchmarks/run.py measures the time to that frame)."""
    saved_assessment("Harbour Kitchen", "Harbour CIC")
    app = make_app()
    async with app.run_test(size=(80, 24)):
        assert [type(s).__name__ for s in app.screen_stack] == ["HomeScreen"]
        assert [s.name for s in app.screen.items] == ["Harbour Kitchen"]


@pytest.mark.parametrize("away", ["help", "assessment"])
async def test_the_list_is_read_again_on_coming_back(make_app, saved_assessment, away):
    """What another program saved while home was covered (by a dialog or by another screen)
    is listed on coming back."""
    saved_assessment("Harbour Kitchen", "Harbour CIC")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark" if away == "help" else "enter")
        await pilot.pause()
        assert type(app.screen).__name__ != "HomeScreen"
        saved_assessment("Quayside Bakery", "Quayside Co-op")
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        assert "Quayside Bakery" in screen_text(app)


async def test_the_highlighted_row_stays_in_view_after_a_resize(make_app, saved_assessment):
    """Un-maximising the window (narrower and shorter at once) left the list scrolled to the top,
    the highlighted assessment out of sight: Enter opened one the user could not see."""
    for i in range(30):
        saved_assessment(name=f"Assess {i:02d}", organisation=f"Org {i:02d}")
    app = make_app()
    async with app.run_test(size=(100, 44)) as pilot:
        await pilot.pause()
        for _ in range(25):
            await pilot.press("down")
        await pilot.pause()
        home = app.screen
        assert home.highlighted().name == "Assess 25" and "Assess 25" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert home.highlighted().name == "Assess 25"
        assert "Assess 25" in screen_text(app)
        await pilot.resize_terminal(80, 16)                    # shorter only
        await pilot.pause()
        await pilot.pause()
        assert "Assess 25" in screen_text(app)


async def test_a_list_scrolled_with_the_wheel_stays_put_when_the_window_gets_shorter(
        make_app, saved_assessment):
    for i in range(30):
        saved_assessment(name=f"Assess {i:02d}", organisation=f"Org {i:02d}")
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#assessments")
        assert table.cursor_row == 0
        for _ in range(6):
            table.post_message(events.MouseScrollDown(table, 5, 5, 0, 0, 0, False, False, False))
            await pilot.pause()
        scrolled = table.scroll_y
        assert scrolled > 0
        await pilot.resize_terminal(100, 22)
        await pilot.pause()
        await pilot.pause()
        assert table.scroll_y == scrolled and table.cursor_row == 0


async def test_the_first_run_notice_is_built_only_when_the_list_is_empty(make_app,
                                                                          saved_assessment):
    """With assessments it is not composed (styling it slowed the first frame); deleting the
    last one brings it, with the start button focused, and Enter on it starts a new one."""
    from svassess.tui.screens.dialogs.details import DetailsDialog

    saved_assessment()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query("#first-run")
        await pilot.press("delete", "y")
        await pilot.pause()
        await pilot.pause()
        assert "You have no saved assessments yet" in screen_text(app)
        assert app.focused is not None and app.focused.id == "start"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailsDialog)


async def test_with_no_assessments_only_what_can_be_done_is_offered(make_app, saved_assessment):
    """An empty list offered Results, Rename, Copy, Delete and Compare, which did nothing."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "New" in footer and "Quit" in footer
        for word in ("Results", "Rename", "Copy", "Delete", "Compare"):
            assert word not in footer, word
        saved_assessment()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("escape")                 # back home: the list is read again
        await pilot.pause()
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "Harbour Kitchen" in screen_text(app)
        for word in ("Results", "Rename", "Copy", "Delete", "Compare"):
            assert word in footer, word


async def test_deleting_the_last_assessment_and_quitting_in_one_burst(make_app,
                                                                      saved_assessment):
    """The delete's last step (showing the first-run notice) came after home was taken down:
    a MountError and a traceback instead of a clean quit."""
    saved = saved_assessment()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        burst(app, ["y", "ctrl+q"])
        await pilot.pause()
        await pilot.pause()
    assert app.return_code in (0, None)
    assert not saved.path.exists()


async def test_home_is_styled_as_it_mounts_and_not_again_as_it_first_resumes(
        make_app, saved_assessment, monkeypatch):
    """Textual styles every widget of a screen again as it resumes: for home's first frame
    that was the same work twice (its widgets were styled as they mounted). A later resume
    that asks for it (Textual's choice) still restyles home."""
    from textual.screen import Screen

    restyled: list[str] = []
    update = Screen.update_node_styles

    def recorded(self, animate: bool = True) -> None:
        restyled.append(type(self).__name__)
        update(self, animate)

    monkeypatch.setattr(Screen, "update_node_styles", recorded)
    saved_assessment()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Harbour Kitchen" in screen_text(app)
        assert "HomeScreen" not in restyled
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.pause()
        app.screen.post_message(events.ScreenResume(refresh_styles=True))
        await pilot.pause()
        assert restyled.count("HomeScreen") == 1
