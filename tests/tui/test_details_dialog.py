"""Starting an assessment: the name, organisation, bank choice and both buttons fit a small
window, and the bank chosen is the one used."""

from __future__ import annotations

from dataclasses import replace

import pytest

from svassess.tui.app import SvassessApp
from svassess.tui.screens.dialogs.details import DetailsDialog
from tests.tui.conftest import screen_text
from tests.tui.test_flow import on_disk, type_text


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_every_field_fits_and_the_chosen_bank_is_used(location, bank, size):
    banks = {b.id: b for b in (bank, replace(bank, id="welsh-edition", title="Welsh edition",
                                              version="2.0.0"),
                               replace(bank, id="council", title="Council priorities"))}
    app = SvassessApp(location, banks)
    async with app.run_test(size=size) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, DetailsDialog)
        await pilot.click("#ok")                          # no name yet: said plainly
        await pilot.pause()
        text = screen_text(app)
        for part in ("Name", "Organisation", "Question bank", "(•) Test bank",
                     "( ) Welsh edition", "( ) Council priorities",
                     "Please give the assessment a name.", "Start", "Cancel"):
            assert part in text, (part, text)
        window = app.screen.region
        for selector in ("#name", "#organisation", "#bank", "#ok", "#cancel"):
            region = app.screen.query_one(selector).region
            assert region.area > 0 and window.contains_region(region), selector
        await type_text(pilot, "Cymru")
        await pilot.press("tab", "tab", "down")
        await pilot.pause()
        assert "(•) Welsh edition" in screen_text(app)
        await pilot.press("enter")                        # Enter on the bank: on to Start
        await pilot.press("enter")
        await pilot.pause()
    assert on_disk(location)["assessment"]["bank"] == "welsh-edition"
