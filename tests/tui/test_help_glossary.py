"""The help screen lists the banks' glossary, literally."""

from __future__ import annotations

import dataclasses

from svassess.bank import GlossaryEntry
from svassess.tui.screens.help import HelpScreen
from tests.tui.conftest import screen_text


async def test_the_help_screen_lists_every_banks_glossary_a_to_z(location, bank):
    from svassess.tui.app import SvassessApp

    other = dataclasses.replace(bank, id="other-bank", glossary=(
        GlossaryEntry("VCSE", "Voluntary, community and social enterprise organisations."),))
    first = dataclasses.replace(bank, glossary=(
        GlossaryEntry("[b]Baseline[/]", "Where people start [link=x]here[/link]."),
        GlossaryEntry("vcse", "Kept: the first bank's wording wins.")))
    app = SvassessApp(location, {first.id: first, other.id: other})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("end")
        await pilot.pause()
        text = screen_text(app)
        assert "Words used in the questions" in text
        assert "[b]Baseline[/]: Where people start [link=x]here[/link]." in text
        assert "vcse: Kept: the first bank's wording wins." in text
        assert "Voluntary, community" not in text
        assert text.index("[b]Baseline") < text.index("vcse:")
