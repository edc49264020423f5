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


def test_a_write_that_breaks_unexpectedly_does_not_stop_later_writes():
    done = []
    failed = []
    writer = BackgroundWriter(failed=failed.append)

    def broken():
        raise RuntimeError("a bug, not a disk error")

    writer.submit(broken)
    assert writer.wait(timeout=5)
    writer.submit(lambda: done.append("next"))
    assert writer.wait(timeout=5)                  # the thread is still there to write it
    assert done == ["next"]
    assert [str(e) for e in failed] == ["a bug, not a disk error"]
    writer.stop()


def test_a_write_asked_for_during_a_write_now_waits_for_it():
    writer = BackgroundWriter()
    writer.submit(lambda: None)                    # the thread exists and is waiting
    assert writer.wait(timeout=5)
    inside, overlap = threading.Event(), []

    def now():
        inside.set()
        threading.Event().wait(0.2)                # a slow disk
        overlap.append("now ended")

    def later():
        overlap.append("background started" if len(overlap) == 0 else "after")

    def ask_from_another_thread():
        inside.wait()
        writer.submit(later)

    helper = threading.Thread(target=ask_from_another_thread)
    helper.start()
    writer.run_now(now)
    helper.join()
    assert writer.wait(timeout=5)
    assert overlap == ["now ended", "after"]
    writer.stop()
