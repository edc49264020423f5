"""Shared laptops in a workshop: grouped by organisation, presenter mode, compare, odd paths."""

from __future__ import annotations

from svassess.paths import DataLocation
from svassess.session import duplicate
from svassess.store import Store
from svassess.tui.app import SvassessApp
from svassess.tui.screens.compare import CompareScreen
from tests.tui.conftest import screen_text


async def test_home_groups_by_organisation(make_app, saved_assessment):
    saved_assessment("Zebra plan", "Alpha CIC")
    saved_assessment("Apple plan", "Beta Trust")
    saved_assessment("Mango plan", "Alpha CIC")
    app = make_app()
    async with app.run_test(size=(80, 24)):
        lines = [line for line in screen_text(app).splitlines() if " plan" in line]
        assert [line.split()[0:3] for line in lines] == [
            ["Alpha", "CIC", "Mango"], ["Zebra", "plan", "0%"], ["Beta", "Trust", "Apple"]]


async def test_presenter_mode_hides_names_organisations_and_notes(make_app, saved_assessment):
    saved_assessment("Secret Kitchen", "Hidden CIC", answers={"policy.act": "partly"},
                     notes={"policy.act": "Private note"}, current="policy.act")
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+t")
        await pilot.pause()
        text = screen_text(app)
        assert "Secret Kitchen" not in text and "Hidden CIC" not in text
        assert "Assessment 1" in text
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Secret Kitchen" not in text and "Private note" not in text
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "Private note" not in screen_text(app)
        await pilot.press("escape", "ctrl+o")
        await pilot.pause()
        assert "Secret Kitchen" not in screen_text(app)
        assert "presenter mode" in screen_text(app)
        await pilot.press("ctrl+t")                      # off again: all shown
        await pilot.pause()
        assert "Secret Kitchen" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#note").password is False
        assert app.screen.query_one("#note").value == "Private note"


async def test_compare_from_home(make_app, saved_assessment, location, bank):
    first = saved_assessment("2026", answers={"policy.act": "no"})
    store = Store(location.path)
    later = duplicate(store, first.assessment, "2027")
    later.answer(bank.question("policy.act"), "yes")
    store.save(later, store.read(store.path_for(later.id)).digest)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        rows = [line for line in screen_text(app).splitlines() if "Starting out" in line]
        assert "2027" in rows[0] and "2026" in rows[1]          # newest first
        await pilot.press("c")
        await pilot.pause()
        assert "Compare with which earlier assessment?" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        text = screen_text(app)
        assert "From: 2026" in text and "To:   2027" in text and "+100" in text


async def test_a_data_folder_with_spaces_and_accents(tmp_path, bank):
    location = DataLocation(tmp_path / "Clé USB" / "données svassess", "from --data-dir")
    app = SvassessApp(location, {bank.id: bank})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        for char in "Atelier":
            await pilot.press(char)
        await pilot.press("enter", "enter")
        await pilot.pause()
        await pilot.press("1")
    stored = Store(location.path).assessments().items
    assert [s.assessment.name for s in stored] == ["Atelier"]
    assert stored[0].assessment.answers["context.nation"].value == "england"
