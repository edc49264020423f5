"""The results screen's footer fits 80 columns: Quit and Help are never pushed off the edge."""

from __future__ import annotations

from tests.tui.conftest import screen_text


async def test_every_footer_key_of_the_results_fits_80_columns(make_app, saved_assessment):
    saved_assessment()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "ctrl+o")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        for key in ("esc Back", "p Plan", "e Export", "m Scoring", "t Tender", "^q Quit",
                    "? Help"):
            assert key in footer, footer
