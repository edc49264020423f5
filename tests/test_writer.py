"""The background writer: saves written in order, one at a time, the latest waiting one winning,
and every save asked for written before anyone is told it is done."""

from __future__ import annotations

import threading

from svassess.writer import BackgroundWriter


def gated():
    """A record of writes, and a gate that holds the first write until it is opened."""
    gate, started, done = threading.Event(), threading.Event(), []

    def write(name):
        def run():
            started.set()
            if name == "first":
                gate.wait()
            done.append(name)
        return run

    return write, gate, started, done


def test_writes_in_order_and_only_the_latest_of_a_burst():
    write, gate, started, done = gated()
    told = []
    writer = BackgroundWriter(lambda: told.append(list(done)))
    writer.submit(write("first"))
    started.wait()
    for name in ("second", "third", "fourth"):     # while the first is still being written
        writer.submit(write(name))
    assert not writer.idle
    gate.set()
    assert writer.wait()
    assert done == ["first", "fourth"]
    assert told[-1] == ["first", "fourth"]         # told once everything asked for is written
    writer.stop()


def test_waiting_can_give_up_and_a_write_now_comes_after_those_asked_for():
    write, gate, started, done = gated()
    writer = BackgroundWriter()
    writer.submit(write("first"))
    started.wait()
    writer.submit(write("second"))
    assert writer.wait(timeout=0.01) is False
    threading.Timer(0.05, gate.set).start()
    assert writer.run_now(lambda: done.append("now") or "result") == "result"
    assert done == ["first", "second", "now"]


def test_stopping_writes_what_is_waiting_then_writes_at_once():
    write, gate, started, done = gated()
    writer = BackgroundWriter()
    writer.submit(write("first"))
    started.wait()
    writer.submit(write("second"))
    threading.Timer(0.05, gate.set).start()
    writer.stop()
    assert done == ["first", "second"]
    writer.submit(write("after"))                 # stopped: written in this thread, at once
    assert done == ["first", "second", "after"]
