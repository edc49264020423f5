"""`svassess` starts the app with the cycle collector paused (svassess/collector_pause.py); the app
sets it running again once its first frame is drawn, not before and not never."""

from __future__ import annotations

import gc

import pytest

from svassess import cli, collector_pause
from svassess.tui import app as tui_app

pytestmark = pytest.mark.usefixtures("collector_as_before")


async def test_the_collector_runs_again_once_the_first_frame_is_drawn(make_app,
                                                                      saved_assessment,
                                                                      monkeypatch):
    saved_assessment()
    app = make_app()
    running_at_each_frame = []
    display = app._display

    def record(screen, renderable):
        running_at_each_frame.append(gc.isenabled())
        display(screen, renderable)

    monkeypatch.setattr(app, "_display", record)
    with collector_pause.paused_while_starting():
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert running_at_each_frame[0] is False, "resumed before the first frame"
            await pilot.pause(0.05)
            assert gc.isenabled(), "still paused after the first frame"
            assert gc.get_freeze_count() > 0


async def test_an_app_not_started_by_svassess_never_sets_objects_aside(make_app):
    async with make_app().run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert gc.isenabled()
        assert gc.get_freeze_count() == 0


def test_svassess_starts_the_app_with_the_collector_paused(location, monkeypatch):
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.headless_driver:HeadlessDriver")
    running = []
    monkeypatch.setattr(tui_app, "run_app", lambda *args: running.append(gc.isenabled()) or 0)
    assert cli.run_tui(location, None) == 0
    assert running == [False]
    assert gc.isenabled()
