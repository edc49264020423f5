"""Textual sends each finished frame to the terminal from a thread of its own. While svassess
runs, that thread waits at most FRAME_HANDOFF_SECONDS for the interpreter lock, not Python's
default 5 ms: the event loop often goes on working after a frame (the first frame waited 4-6 ms
for home's second layout; docs/performance.md, measured in benchmarks/run.py)."""

from __future__ import annotations

import sys

import pytest

from svassess.tui import app as tui_app


def test_the_app_runs_with_a_short_switch_interval_and_puts_it_back(location, bank,
                                                                    monkeypatch):
    before = sys.getswitchinterval()
    during = []
    monkeypatch.setattr(tui_app.SvassessApp, "run",
                        lambda self: during.append(sys.getswitchinterval()))
    assert tui_app.run_app(location, {bank.id: bank}, [], None) == 0
    assert during == [pytest.approx(tui_app.FRAME_HANDOFF_SECONDS)]
    assert before > tui_app.FRAME_HANDOFF_SECONDS
    assert sys.getswitchinterval() == pytest.approx(before)


def test_the_switch_interval_is_put_back_when_the_app_fails(location, bank, monkeypatch):
    before = sys.getswitchinterval()

    def fail(self):
        raise RuntimeError("the terminal went away")

    monkeypatch.setattr(tui_app.SvassessApp, "run", fail)
    with pytest.raises(RuntimeError):
        tui_app.run_app(location, {bank.id: bank}, [], None)
    assert sys.getswitchinterval() == pytest.approx(before)
