"""Hostile names, notes and bank text are shown literally on every screen and run nothing."""

from __future__ import annotations

import pytest

from svassess.bank_loader import load_bank, load_resources
from svassess.paths import DataLocation
from svassess.tui.app import SvassessApp
from tests.conftest import TEST_BANKS
from tests.tui.conftest import screen_text

HOSTILE = "[@click=app.quit]Q[/] [bold]b[/] [/] <script>x</script> [l](javascript:y)"
MARK = "[@click=app.quit]Q[/]"


@pytest.fixture
def hostile_bank(tmp_path):
    text = (TEST_BANKS / "test-bank.toml").read_text(encoding="utf-8")
    for plain in ("Where do you mostly work?", "England", "Rules differ across the UK.",
                  "About you", "A few questions about your organisation. They are not scored.",
                  "Policy", "How well do you know the Social Value Act?", "A little",
                  "Starting out", "Early days.", "Learn what the Act asks of buyers",
                  "Read the Act's two pages."):
        assert f'"{plain}"' in text
        text = text.replace(f'"{plain}"', f'"{HOSTILE}{plain}"')
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    resources = (TEST_BANKS / "resources.toml").read_text(encoding="utf-8").replace(
        "Public Services (Social Value) Act 2012", HOSTILE)
    (tmp_path / "resources.toml").write_text(resources, encoding="utf-8")
    return load_bank(path, load_resources(tmp_path / "resources.toml"))


async def assert_literal_and_inert(pilot, app, where: str) -> None:
    text = screen_text(app)
    assert MARK in text, f"{where}: hostile text not shown literally:\n{text}"
    row = next(n for n, line in enumerate(text.splitlines()) if MARK in line)
    column = text.splitlines()[row].index(MARK)
    await pilot.click(offset=(column + 1, row))
    await pilot.pause()
    assert app.is_running, f"{where}: clicking the text ran an action"


async def test_every_screen_shows_hostile_text_literally(tmp_path, hostile_bank,
                                                         saved_assessment):
    from svassess.assessment import new_assessment
    from svassess.store import Store

    location = DataLocation(tmp_path / f"data {HOSTILE[:21]}", "from --data-dir")
    store = Store(location.path)
    a = new_assessment(hostile_bank, HOSTILE, HOSTILE)
    a.answer(hostile_bank.question("context.nation"), "england")
    a.answer(hostile_bank.question("policy.act"), "no")
    a.set_note("policy.act", HOSTILE + "\x1b]0;title\x07")
    a.current = "context.nation"
    store.save(a, None)

    app = SvassessApp(location, {hostile_bank.id: hostile_bank})
    async with app.run_test(size=(200, 60)) as pilot:
        await assert_literal_and_inert(pilot, app, "home")
        await pilot.press("delete")
        await pilot.pause()
        await assert_literal_and_inert(pilot, app, "delete dialog")
        await pilot.press("escape")
        await pilot.press("enter")
        await pilot.pause()
        await assert_literal_and_inert(pilot, app, "questionnaire")
        assert (HOSTILE + "Where do you mostly work?") in screen_text(app)
        assert (HOSTILE + "England") in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await assert_literal_and_inert(pilot, app, "section picker")
        await pilot.press("escape")
        await pilot.press("right")
        await pilot.pause()
        assert (HOSTILE + "How well do you know") in screen_text(app)
        assert (HOSTILE + "A little") in screen_text(app)
        assert "\x1b" not in app.screen.query_one("#note").value
        assert app.screen.query_one("#note").value == HOSTILE + "]0;title"
        await pilot.press("ctrl+r")
        await pilot.pause()
        await assert_literal_and_inert(pilot, app, "review")
        await pilot.press("escape", "ctrl+o")
        await pilot.pause()
        await pilot.press("plus")
        await pilot.pause()
        await assert_literal_and_inert(pilot, app, "results")
        text = screen_text(app)
        assert (HOSTILE + "Learn what the Act asks of buyers") in text
        assert (HOSTILE + "Starting out") in text
        await pilot.press("f1")
        await pilot.pause()
        assert "[@click=app.q" in screen_text(app)     # the data folder's path, literally
        assert app.is_running
