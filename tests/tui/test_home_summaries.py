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
