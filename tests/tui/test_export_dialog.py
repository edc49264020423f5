"""The export dialog remembers the session's choices, and its tick box reads plainly."""

from __future__ import annotations

from svassess.tui.screens.dialogs.export import ExportDialog
from svassess.tui.widgets.tick_box import TickBox
from tests.tui.conftest import screen_text


async def open_export(app, pilot) -> ExportDialog:
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, ExportDialog)
    return app.screen


async def export_from_results(app, pilot) -> ExportDialog:
    await pilot.press("v")
    await pilot.pause()
    return await open_export(app, pilot)


def answers_line(app) -> str:
    return next(line for line in screen_text(app).splitlines() if "every answer" in line)


async def test_choices_are_remembered_within_a_session(make_app, saved_assessment, tmp_path):
    saved_assessment(answers={"policy.act": "no"}, notes={"policy.act": "Board minutes"})
    saved_assessment("Spring check", "Harbour CIC")
    folder = tmp_path / "board pack"
    folder.mkdir()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await export_from_results(app, pilot)
        assert "(•) HTML page" in screen_text(app) and "▐ ▌" in answers_line(app)
        await pilot.press("down", "enter")               # text, then to the tick box
        await pilot.press("space")
        await pilot.pause()
        assert "▐X▌" in answers_line(app)
        await pilot.press("tab")
        dialog.query_one("#path").value = str(folder / "harbour.txt")
        await pilot.press("enter")
        await pilot.pause()
        assert "Board minutes" in (folder / "harbour.txt").read_text(encoding="utf-8")

        dialog = await open_export(app, pilot)           # the same choices, ready to change
        assert "(•) Plain text" in screen_text(app) and "▐X▌" in answers_line(app)
        assert dialog.query_one(TickBox).value
        assert dialog.query_one("#path").value == str(folder / "harbour.txt")
        await pilot.press("down")                        # Markdown: the name follows
        await pilot.pause()
        assert dialog.query_one("#path").value == str(folder / "harbour.md")
        await pilot.click("#ok")
        await pilot.pause()
        assert "Board minutes" in (folder / "harbour.md").read_text(encoding="utf-8")

        await pilot.press("escape", "down")              # another assessment: its own name,
        await pilot.press("v")                           # in the folder chosen before
        await pilot.pause()
        dialog = await open_export(app, pilot)
        assert "(•) Markdown" in screen_text(app)
        path = dialog.query_one("#path").value
        assert path.startswith(str(folder)), (path, screen_text(app))
        assert path.startswith(str(folder)) and path.endswith(".md") and "Spring" in path


async def test_the_tick_box_is_empty_when_off(make_app, saved_assessment):
    saved_assessment()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await export_from_results(app, pilot)
        await pilot.press("tab")
        assert "▐ ▌" in answers_line(app) and "X" not in answers_line(app)
        await pilot.press("space")
        await pilot.pause()
        assert "▐X▌" in answers_line(app)
        await pilot.press("space")
        await pilot.pause()
        assert "▐ ▌" in answers_line(app)


async def test_enter_goes_through_the_form_and_never_changes_the_tick(make_app, saved_assessment,
                                                                      isolated_home):
    saved_assessment()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await export_from_results(app, pilot)
        await pilot.press("enter", "enter")             # format chosen; past the tick box
        await pilot.pause()
        assert "▐ ▌" in answers_line(app) and app.screen.focused.id == "path"
        await pilot.press("enter")
        await pilot.pause()
    assert (isolated_home / "Harbour-Kitchen.html").is_file()
