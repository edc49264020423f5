"""The tender workbench in the app: built from the results screen with the keyboard alone."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.widgets import Button

from svassess.tui.screens.dialogs.annex_export import AnnexExportDialog
from svassess.tui.screens.dialogs.fields import FieldsDialog
from svassess.tui.screens.results import ResultsScreen
from svassess.tui.screens.tender import TenderInfoScreen, TenderScreen
from tests.tui.conftest import screen_text
from tests.tui.test_flow import type_text


def tender_on_disk(location) -> dict:
    files = list((location.path / "tenders").glob("*.toml"))
    assert len(files) == 1, files
    return tomllib.loads(files[0].read_text(encoding="utf-8"))


async def pick(pilot, downs: int) -> None:
    """Open the focused Select, move down, choose, and go on to the next field."""
    await pilot.press("enter")
    for _ in range(downs):
        await pilot.press("down")
    await pilot.press("enter", "tab")


async def test_a_tender_built_from_the_results_with_keys_only(make_app, saved_assessment,
                                                              location, tmp_path):
    stored = saved_assessment(answers={"policy.act": "yes"})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("t")                       # no tender yet: a new one, details first
        await pilot.pause()
        assert isinstance(app.screen, FieldsDialog)
        await type_text(pilot, "Community transport")
        await pilot.press("enter")
        await type_text(pilot, "Northshire Council")
        await pilot.press("enter")
        await pick(pilot, 2)                          # Local authority
        await pick(pilot, 1)                          # England
        for text in ("450,000", "36", "10", "2099-02-14", ""):
            await type_text(pilot, text)
            await pilot.press("enter")
        await pick(pilot, 2)                          # light touch: No
        await type_text(pilot, "1000")
        await pilot.press("enter")
        await type_text(pilot, "Describe the social value you will deliver.")
        await pilot.press("tab", "enter")             # Save
        await pilot.pause()
        assert isinstance(app.screen, TenderScreen)
        saved = tender_on_disk(location)["tender"]
        assert saved["assessment"] == stored.assessment.id
        assert (saved["title"], saved["buyer_type"], saved["nation"], saved["value"],
                saved["months"], saved["weighting"], saved["light_touch"]) == (
            "Community transport", "local-authority", "england", 450000, 36, 10, False)
        assert "no criteria" in screen_text(app)      # the checks, live

        await pilot.press("c")
        await type_text(pilot, "Jobs for local people")
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert tender_on_disk(location)["criteria"] == [
            {"id": "c1", "text": "Jobs for local people"}]

        await pilot.press("a")
        await pilot.pause()
        await pilot.press("tab")                      # the criterion is already c1
        for text in ("Recruit local drivers", "people recruited who were unemployed", "0",
                     "6", "2099-12-31", "4800"):
            await type_text(pilot, text)
            await pilot.press("enter")
        await pilot.pause()
        assert "no-owner" in screen_text(app)         # the dialog checks as you type
        await type_text(pilot, "Operations manager")
        await pilot.press("enter")
        await pilot.pause()
        assert "No problems with this." in screen_text(app)
        await type_text(pilot, "payroll records")
        await pilot.press("enter")
        await type_text(pilot, "quarterly")
        await pilot.press("enter")
        await type_text(pilot, "the contract manager")
        await pilot.press("enter")                    # the last field saves
        await pilot.pause()
        assert isinstance(app.screen, TenderScreen)
        commitment = tender_on_disk(location)["commitments"][0]
        assert (commitment["id"], commitment["criterion"], commitment["target"],
                commitment["cost"], commitment["owner"]) == (
            "k1", "c1", "6", 4800, "Operations manager")
        assert "Checks: no problems" in screen_text(app)

        await pilot.press("enter")                    # edit k1: cost up beyond proportion
        await pilot.pause()
        assert isinstance(app.screen, FieldsDialog)
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, TenderInfoScreen)
        text = screen_text(app)
        assert "Procurement Act 2023: above the threshold" in text and "as of" in text
        await pilot.press("escape")

        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, AnnexExportDialog)
        target = app.screen.query_one("#annex-path").value
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TenderScreen)
        written = Path(target).read_text(encoding="utf-8")
        assert "<h2>Commitments</h2>" in written and "Recruit local drivers" in written

        await pilot.press("down", "delete", "y")      # remove k1
        await pilot.pause()
        assert "commitments" not in tender_on_disk(location)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)

        await pilot.press("t")                        # now there is one: pick it or start anew
        await pilot.pause()
        assert "Start a new tender" in screen_text(app)
        assert "Community transport" in screen_text(app)


async def test_a_bad_value_is_said_and_its_field_focused(make_app, saved_assessment, location):
    saved_assessment()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("v", "t")
        await pilot.pause()
        await pilot.press("enter", "enter", "tab", "tab")     # to the value
        await type_text(pilot, "lots")
        for _ in range(8):
            await pilot.press("tab")
        await pilot.press("enter")                            # Save
        await pilot.pause()
        assert isinstance(app.screen, FieldsDialog)
        assert "The value must be a number, like 450000." in screen_text(app)
        assert app.focused is not None and app.focused.id == "f-value"
        assert "value" not in tender_on_disk(location)["tender"]


async def test_hostile_text_is_shown_literally(make_app, saved_assessment, location):
    saved_assessment()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("v", "t")
        await pilot.pause()
        await type_text(pilot, "[bold]x[/] [@click=app.quit]q")
        await pilot.press("enter")
        await type_text(pilot, "[/oops")
        for _ in range(11):
            await pilot.press("tab")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TenderScreen)
        text = screen_text(app)
        assert "[bold]x[/] [@click=app.quit]q" in text and "[/oops" in text


async def test_escape_asks_before_throwing_typing_away(make_app, saved_assessment, location):
    saved_assessment()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("v", "t")
        await pilot.pause()
        await type_text(pilot, "Meals")
        await pilot.press("escape")
        await pilot.pause()
        assert "Throw away what you typed here?" in screen_text(app)
        await pilot.press("n")                        # keep editing: nothing lost
        await pilot.pause()
        assert isinstance(app.screen, FieldsDialog)
        assert app.screen.values()["title"] == "Meals"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert tender_on_disk(location)["tender"]["title"] == "Meals"


async def test_cancel_button_asks_before_throwing_typing_away(make_app, saved_assessment):
    saved_assessment()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("v", "t")
        await pilot.pause()
        await type_text(pilot, "Meals")
        dialog = app.screen
        assert isinstance(dialog, FieldsDialog)
        dialog.query_one("#cancel", Button).press()
        await pilot.pause()
        assert "Throw away what you typed here?" in screen_text(app)
        await pilot.press("n")                        # keep editing: nothing lost
        await pilot.pause()
        assert app.screen is dialog and dialog.values()["title"] == "Meals"


def evidence_text(app) -> str:
    """Every line of the rules screen, including those scrolled out of view."""
    return "\n".join(str(static.render()) for static in app.screen.query(".tender-rule"))


async def test_rules_screen_hides_notes_as_soon_as_presenter_mode_is_on(make_app):
    from svassess.tender import Criterion
    from tests.test_tender_checks import RULES, STRONG, tender

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(TenderInfoScreen(
            tender(criteria=[Criterion("c1", "Jobs for local people")]), RULES, STRONG))
        await pilot.pause()
        assert "We count riders monthly." in evidence_text(app)
        await pilot.press("ctrl+t")
        await pilot.pause()
        text = evidence_text(app)
        assert "We count riders monthly." not in text
        assert "(your notes are hidden in presenter mode)" in text
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert "We count riders monthly." in evidence_text(app)
