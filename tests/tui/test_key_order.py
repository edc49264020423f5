"""The app lets a key in only once the key before it has been handled (svassess/tui/key_order.py).
What a burst of keys does on each screen is tested beside that screen (test_fast_typing_*);
here, what happens when the markers that say a key is handled go astray."""

from __future__ import annotations

from textual.widgets import Input

from svassess.tui import key_order
from svassess.tui.app import SvassessApp
from svassess.tui.key_order import KeyHandled
from tests.tui.conftest import burst, settle, typed


async def test_a_marker_that_never_comes_back_holds_the_next_key_only_a_moment(
        make_app, saved_assessment, monkeypatch):
    """A marker is lost when its widget is removed before passing it on: the keys after it go
    on once KEY_WAIT_LIMIT has passed, in order."""
    monkeypatch.setattr(key_order, "KEY_WAIT_LIMIT", 0.05)
    returned = SvassessApp.on_key_handled
    dropped: list[KeyHandled] = []

    async def drop_the_first(self, marker: KeyHandled) -> None:
        if not dropped:
            dropped.append(marker)
            return
        await returned(self, marker)

    monkeypatch.setattr(SvassessApp, "on_key_handled", drop_the_first)
    stored = saved_assessment(answers={"context.nation": "england"}, current="policy.act")
    app = make_app(open_stored=stored)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, ["tab", *typed("Board minutes")])
        await settle(pilot)
        await pilot.pause(0.2)
        assert dropped
        assert app.screen.query_one("#note", Input).value == "Board minutes"
        assert not app.key_order.waiting


async def test_keys_go_straight_on_when_no_marker_can_be_sent(make_app, saved_assessment):
    """As while the app closes: no marker can be posted, and a long burst (a paste typed as
    keys) is handled key after key without running out of stack."""
    stored = saved_assessment(answers={"context.nation": "england"}, current="policy.act")
    app = make_app(open_stored=stored)
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
