"""Typing faster than the app redraws: every key of a burst lands in the box it was meant for.

The keys are queued to the app all at once, as a terminal delivers a fast typist's (or a paste's)
keys, before the app has handled any of them."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from svassess.tui.screens.dialogs.action import ActionDialog
from svassess.tui.screens.dialogs.details import DetailsDialog
from tests.tui.conftest import burst, settle, typed


async def new_assessment_dialog(app, pilot) -> DetailsDialog:
    await pilot.press("n")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, DetailsDialog)
    return dialog


async def test_name_enter_organisation_typed_in_one_burst(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await new_assessment_dialog(app, pilot)
        burst(app, typed("Harbour Kitchen") + ["enter"] + typed("Harbour CIC"))
        await pilot.pause()
        await pilot.pause()
        assert dialog.query_one("#name", Input).value == "Harbour Kitchen"
        assert dialog.query_one("#organisation", Input).value == "Harbour CIC"


@pytest.mark.parametrize("next_box", ["enter", "tab"])
async def test_each_box_of_the_action_dialog_gets_its_own_burst(make_app, next_box):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = ActionDialog("Add an action")
        app.push_screen(dialog)
        await pilot.pause()
        burst(app, typed("Count riders") + [next_box] + typed("Sam") + [next_box]
              + typed("1/3/2027"))
        await pilot.pause()
        await pilot.pause()
        assert [dialog.query_one(f"#{box}", Input).value for box in ("title", "owner", "due")] \
            == ["Count riders", "Sam", "1/3/2027"]


async def test_a_burst_ending_in_enter_starts_with_every_letter_kept(make_app, location):
    from svassess.store import Store

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await new_assessment_dialog(app, pilot)
        burst(app, typed("Harbour Kitchen") + ["enter"] + typed("Harbour CIC") + ["enter"])
        await settle(pilot)
        assert not isinstance(app.screen, DetailsDialog)
    [saved] = Store(location.path).assessments().items
    assert (saved.assessment.name, saved.assessment.organisation) == ("Harbour Kitchen",
                                                                      "Harbour CIC")


async def test_name_tab_organisation_typed_or_pasted_in_one_burst(make_app):
    """Tab moved on only after the letters queued behind it had gone into the name box."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await new_assessment_dialog(app, pilot)
        burst(app, typed("Harbour Kitchen") + ["tab"] + typed("Harbour CIC") + ["shift+tab"]
              + typed("Harbour Meals"))     # back in the name box, whose text is selected
        await pilot.pause()
        await pilot.pause()
        assert dialog.query_one("#name", Input).value == "Harbour Meals"
        assert dialog.query_one("#organisation", Input).value == "Harbour CIC"


async def test_a_dialog_closed_in_the_burst_that_opened_it(make_app, saved_assessment):
    """Deleting the last assessment, then 'n' and Escape at once: the new-assessment dialog
    was closed before it was mounted, and focusing its first box raised NoMatches and a
    traceback."""
    from svassess.tui.screens.home import HomeScreen

    saved_assessment()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        burst(app, ["y", "n", "escape"])
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert app.return_code in (0, None)


def test_dialogs_open_through_when_open_not_on_mount():
    """Dialog.on_mount calls `when_open` only while the dialog is open; a dialog's own
    on_mount would run even once it is closed."""
    import importlib
    import pkgutil

    import svassess.tui.screens as screens
    from svassess.tui.screens.dialogs.dialog import Dialog

    for module in pkgutil.walk_packages(screens.__path__, "svassess.tui.screens."):
        importlib.import_module(module.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    found = list(subclasses(Dialog))
    assert len(found) >= 10
    assert [cls.__name__ for cls in found if "on_mount" in vars(cls)] == []


async def test_a_key_for_a_dialog_that_is_not_yet_open_does_nothing(make_app):
    """A dialog opened by a worker can appear while a key is on its way up, and the key is
    then matched against the dialog's keys: Ctrl+S saved a form before its fields existed, and
    the app ended in a traceback. Until the dialog is mounted its own keys do nothing."""
    from svassess.tui.screens.dialogs.fields import Field, FieldsDialog

    app = make_app()
    saved: list[object] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = FieldsDialog("A form", [Field("text", "Text", kind="long")], {},
                              validate=lambda values: None)
        app.push_screen(dialog, saved.append)
        assert not dialog.is_mounted
        assert not await app.run_action("screen.save")            # as its key would
        await settle(pilot)
        assert app.screen is dialog and dialog.is_mounted
        assert await app.run_action("screen.save")
        await settle(pilot)
    assert saved == [{"text": ""}]
    assert app.return_code in (0, None)
