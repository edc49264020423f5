"""The home list comes from the summary index where it can; every action reads the file first."""

from __future__ import annotations

import json

from svassess.summary_index import default_index_path
from tests.tui.conftest import screen_text


async def test_the_home_list_is_remembered_in_the_user_cache(make_app, saved_assessment):
    saved_assessment("Harbour Kitchen", "Harbour CIC")
    saved_assessment("Green Routes", "Routes Ltd")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Harbour Kitchen" in screen_text(app)
    entries = json.loads(default_index_path().read_text(encoding="utf-8"))["entries"]
    assert sorted(e["name"] for e in entries.values()) == ["Green Routes", "Harbour Kitchen"]


async def test_a_forged_index_entry_is_not_shown_at_home(make_app, saved_assessment):
    saved_assessment("Harbour Kitchen", "Harbour CIC")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    path = default_index_path()
    document = json.loads(path.read_text(encoding="utf-8"))
    for entry in document["entries"].values():
        entry["name"] = "Forged name"
    path.write_text(json.dumps(document), encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Harbour Kitchen" in text and "Forged" not in text


async def test_opening_reads_the_file_as_it_is_now(make_app, saved_assessment):
    """The list was shown, then the file was deleted by someone else: Enter says so plainly and
    the list is read again."""
    stored = saved_assessment("Harbour Kitchen", "Harbour CIC")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        stored.path.unlink()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HomeScreen"
        assert app.screen.items == []
        assert any("does not exist" in n.message for n in app._notifications)


async def test_the_first_screen_needs_no_bank_loaded_once_the_index_knows_them(data_dir):
    """As `svassess` starts the app: banks loaded when first needed. The first start loads them
    (and says what kept one from loading); later starts draw home, its time estimate, list and
    bank problems from the index; starting an assessment loads them."""
    from svassess.cli_shared import lazy_banks
    from svassess.paths import DataLocation
    from svassess.tui.app import SvassessApp
    from svassess.tui.screens.dialogs.details import DetailsDialog

    (data_dir / "banks" / "broken.toml").write_text("not = [valid", encoding="utf-8")
    location = DataLocation(data_dir, "from --data-dir")
    shown = []
    for start in range(2):
        banks = lazy_banks(data_dir)
        app = SvassessApp(location, banks)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            text = screen_text(app)
            shown.append(text)
            assert "minutes the first time" in text
            problems = str(app.screen.query_one("#problems").render())
            assert "A question bank was not loaded" in problems and "broken.toml" in problems
            assert (banks._loaded is None) == (start == 1)
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, DetailsDialog)
            assert banks._loaded is not None
    assert shown[0] == shown[1]
