"""Inputs are handled one at a time, in the order they came (svassess/tui/key_order.py): keys,
pastes and clicks in one burst act as if they had come slowly. Bursts on a question are tested
in test_fast_typing_questionnaire.py; here, the other inputs, the screens that open or are
rebuilt on the way, and what happens when a marker goes astray."""

from __future__ import annotations

import pytest
from textual import events
from textual.pilot import _get_mouse_message_arguments
from textual.widgets import Input

from svassess.store import Store
from svassess.tui import key_order
from svassess.tui.app import SvassessApp
from svassess.tui.key_order import KeyHandled
from tests.tui.conftest import burst, settle, typed


@pytest.fixture
def no_waiting_out(monkeypatch):
    """Inputs never go on for want of time here: a marker lost and not noticed would hold the
    keys for a minute, and the test would fail."""
    monkeypatch.setattr(key_order, "KEY_WAIT_LIMIT", 60.0)


@pytest.fixture
def on_a_question(make_app, saved_assessment):
    stored = saved_assessment(answers={"context.nation": "england"}, current="policy.act")
    return make_app(open_stored=stored)


async def test_a_paste_between_typed_keys_lands_between_them(on_a_question, no_waiting_out):
    """A paste waits its turn like a key (when only keys waited, it jumped ahead of them)."""
    app = on_a_question
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        burst(app, typed("abc"))
        app.post_message(events.Paste("XYZ"))
        burst(app, typed("def"))
        await settle(pilot)
        assert app.screen.query_one("#note", Input).value == "abcXYZdef"


async def test_a_click_after_typing_comes_after_the_typing(make_app, location, no_waiting_out):
    """A name typed and the Start button clicked at once: the click used to be handled before
    most of the name had reached its box."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await settle(pilot)
        click = _get_mouse_message_arguments(app.screen.query_one("#ok"), (1, 0), button=1)
        burst(app, typed("Harbour Kitchen"))
        app.post_message(events.MouseDown(**click))
        app.post_message(events.MouseUp(**click))
        await settle(pilot)
    [saved] = Store(location.path).assessments().items
    assert saved.assessment.name == "Harbour Kitchen"


async def test_a_drag_among_held_keys_still_selects(on_a_question, no_waiting_out):
    """The mouse's moves wait behind inputs already waiting, so a drag's moves still come
    between its press and its release (they came first, and the drag selected nothing)."""
    app = on_a_question
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab", *typed("abcdefghijkl"))
        await settle(pilot)
        note = app.screen.query_one("#note", Input)
        burst(app, typed("mnop"))
        press = _get_mouse_message_arguments(note, (2, 0), button=1)
        moved = _get_mouse_message_arguments(note, (8, 0), button=1)
        app.post_message(events.MouseDown(**press))
        app.post_message(events.MouseMove(**moved))
        app.post_message(events.MouseUp(**moved))
        await settle(pilot, 8)
        assert note.value == "abcdefghijklmnop"
        assert not note.selection.is_empty


async def test_what_waits_for_the_keys_waits_for_those_read_before_it(on_a_question,
                                                                      no_waiting_out):
    """As a seat's ended input does: it runs once the keys read before it are in the box."""
    app = on_a_question
    seen: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        note = app.screen.query_one("#note", Input)
        burst(app, typed("Board minutes"))
        app.call_later(app.key_order.after_keys, lambda: seen.append(note.value))
        await settle(pilot)
    assert seen == ["Board minutes"]


async def started_in_one_burst(app, location, opener: str) -> tuple[str, str]:
    """The name and organisation of the assessment started by `opener`, "Harbour", Tab, "CIC"
    and Enter typed at once on an empty home."""
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, [opener, *typed("Harbour"), "tab", *typed("CIC"), "enter"])
        await settle(pilot, 8)
    [saved] = Store(location.path).assessments().items
    return saved.assessment.name, saved.assessment.organisation


async def test_keys_after_one_that_opens_a_dialog_reach_the_dialog(make_app, location,
                                                                   no_waiting_out):
    """"n" opens the new assessment dialog from a worker; the name typed with it reaches the
    name box whole (its first letter used to be lost while the dialog mounted)."""
    assert await started_in_one_burst(make_app(), location, "n") == ("Harbour", "CIC")


async def test_keys_after_enter_on_an_empty_home_reach_the_dialog_it_opens(location,
                                                                         no_waiting_out):
    """As svassess starts: the banks are loaded on first use, by the worker that Enter starts,
    which then opens the new-assessment dialog. The name typed with the Enter reaches its box
    whole (its first letter was lost: it went in before the worker had opened the dialog)."""
    from svassess.cli_shared import lazy_banks

    app = SvassessApp(location, lazy_banks(location.path))
    assert await started_in_one_burst(app, location, "enter") == ("Harbour", "CIC")


async def test_a_key_after_presenter_mode_rebuilds_the_results_is_not_held(
        make_app, saved_assessment, no_waiting_out):
    """Ctrl+T rebuilds the results, removing the widget the key's marker was sent to: the
    next key goes on once that is seen, not after KEY_WAIT_LIMIT."""
    stored = saved_assessment(answers={"context.nation": "england", "policy.act": "yes"},
                              current="measure.tools")
    app = make_app(open_stored=stored)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await settle(pilot)
        await pilot.press("tab")
        await settle(pilot)
        focused = app.focused
        assert type(app.screen).__name__ == "ResultsScreen" and focused is not None
        burst(app, ["ctrl+t", "p"])
        await settle(pilot)
        await pilot.pause(2 * key_order.LOST_CHECK)
        await settle(pilot)
        assert not focused.is_attached                          # rebuilt
        assert type(app.screen).__name__ == "PlanScreen"


async def test_a_marker_that_never_comes_back_holds_the_next_key_only_a_moment(
        on_a_question, monkeypatch):
    """Whatever holds a marker up, the inputs after it go on after KEY_WAIT_LIMIT, in order."""
    monkeypatch.setattr(key_order, "KEY_WAIT_LIMIT", 0.05)
    returned = SvassessApp.on_key_handled
    dropped: list[KeyHandled] = []

    async def drop_the_first(self, marker: KeyHandled) -> None:
        if not dropped:
            dropped.append(marker)
            return
        await returned(self, marker)

    monkeypatch.setattr(SvassessApp, "on_key_handled", drop_the_first)
    app = on_a_question
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, ["tab", *typed("Board minutes")])
        await settle(pilot)
        await pilot.pause(0.2)
        await settle(pilot)
        assert dropped
        assert app.screen.query_one("#note", Input).value == "Board minutes"
        assert not app.key_order.waiting


async def test_keys_go_straight_on_when_no_marker_can_be_sent(on_a_question):
    """As while the app closes: no marker can be posted, and a long burst (a paste typed as
    keys) is handled key after key without running out of stack."""
    app = on_a_question
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        for node in (app.screen, *app.screen.walk_children()):
            node.disable_messages(KeyHandled)
        burst(app, ["a"] * 1500)
        await settle(pilot)
        assert app.screen.query_one("#note", Input).value == "a" * 1500
        assert not app.key_order.waiting


async def test_what_waits_for_the_keys_runs_at_once_when_none_is_under_way(make_app):
    app = make_app()
    called: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.key_order.waiting
        app.key_order.after_keys(lambda: called.append("now"))
        await pilot.pause()
    assert called == ["now"]
