"""Pilot tests read the file on disk right after a key. The questionnaire writes its saves in a
background thread, so each key a test sends (press, click, pause) is followed by a wait until
the saves it asked for are written and the status line has heard so: what a person sees a
moment later. Tests marked `saves_in_background` see the writer as it is (tests/tui/
test_background_saves.py)."""

from __future__ import annotations

import asyncio

import pytest
from textual.pilot import Pilot


async def saves_written(pilot: Pilot) -> None:
    """Wait until every open assessment's saves are done, then until the screen has shown it."""
    sessions = getattr(pilot.app, "_sessions", list)()
    pending = [s for s in sessions if not s.written]
    if pending:
        await asyncio.to_thread(lambda: [s.wait_written() for s in pending])
        await _pause(pilot)


_press, _click, _pause = Pilot.press, Pilot.click, Pilot.pause


async def _pressed(self: Pilot, *keys: str) -> None:
    for key in keys:
        await _press(self, key)
        await saves_written(self)


async def _clicked(self: Pilot, *args, **kwargs) -> bool:
    clicked = await _click(self, *args, **kwargs)
    await saves_written(self)
    return clicked


async def _paused(self: Pilot, delay: float | None = None) -> None:
    await _pause(self, delay)
    await saves_written(self)


def wait_for_saves_after_keys(patch: pytest.MonkeyPatch) -> None:
    patch.setattr(Pilot, "press", _pressed)
    patch.setattr(Pilot, "click", _clicked)
    patch.setattr(Pilot, "pause", _paused)
