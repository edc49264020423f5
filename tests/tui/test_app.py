"""The minimal app: lists saved assessments and shows the same report as `svassess show`."""

from __future__ import annotations

from textual.widgets import OptionList

from svassess.assessment import new_assessment
from svassess.store import Store
from svassess.tui.app import ReportScreen, SvassessApp

HOSTILE = "[@click=app.quit]Quit me[/] [bold]x[/bold] [/]"


def stored(tmp_path, bank, name):
    store = Store(tmp_path / "data")
    a = new_assessment(bank, name, "Harbour CIC")
    a.answer(bank.question("policy.act"), "no")
    store.save(a, None)
    return store.read(store.path_for(a.id))


def screen_text(app) -> str:
    """What the terminal shows now, as plain text (Textual pinned, so its compositor is stable)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_home_lists_assessments_and_opens_the_report(tmp_path, bank):
    item = stored(tmp_path, bank, "Harbour Kitchen")
    app = SvassessApp({bank.id: bank}, [item], [])
    async with app.run_test(size=(100, 60)) as pilot:
        options = app.screen.query_one(OptionList)
        assert "Harbour Kitchen" in str(options.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert "Learn what the Act asks of buyers" in screen_text(app)
        await pilot.press("escape")
        assert not isinstance(app.screen, ReportScreen)


async def test_hostile_names_are_shown_literally_and_run_nothing(tmp_path, bank):
    item = stored(tmp_path, bank, HOSTILE)
    app = SvassessApp({bank.id: bank}, [item], [f"problem: {HOSTILE}"], open_first=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert HOSTILE in screen_text(app)
        # Click exactly where the would-be link is written: no action may run.
        lines = screen_text(app).splitlines()
        row = next(n for n, line in enumerate(lines) if "Quit me" in line)
        await pilot.click(offset=(lines[row].index("Quit me"), row))
        await pilot.pause()
        assert app.is_running
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
        assert HOSTILE in screen_text(app)


async def test_too_small_a_terminal_does_not_crash(tmp_path, bank):
    item = stored(tmp_path, bank, "Harbour Kitchen")
    app = SvassessApp({bank.id: bank}, [item], [], open_first=True)
    async with app.run_test(size=(20, 6)) as pilot:
        await pilot.resize_terminal(10, 4)
        await pilot.pause()
        assert app.is_running
