"""The questionnaire points to the glossary where a provider first meets one of its words."""

from __future__ import annotations

from tests.tui.conftest import screen_text


async def test_words_from_the_glossary_are_pointed_out_where_they_first_appear(tmp_path):
    from svassess.bank_loader import load_bank_dirs
    from svassess.paths import DataLocation, shipped_banks_dir
    from svassess.tui.app import SvassessApp

    shipped = load_bank_dirs([shipped_banks_dir()]).banks["provider-readiness"]
    app = SvassessApp(DataLocation(tmp_path / "data", "test"), {shipped.id: shipped})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"Valley", "enter", "enter")
        await pilot.pause()
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "Words here you may not know:" in text and "VCSE" in text
        assert "Press ? for what they mean." in text
