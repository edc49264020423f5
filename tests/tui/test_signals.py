"""A real svassess in a pseudo-terminal: quitting, closing the terminal (SIGHUP) or SIGTERM
keeps every committed answer, and a note typed just before is saved too; the process then ends
promptly, letting go of the assessment's lock."""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
import tomllib

import pytest

from svassess.assessment import new_assessment
from svassess.store import Store


def wait_for(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def saved(path):
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def saved_assessment(data_dir, bank):
    store = Store(data_dir)
    a = new_assessment(bank, "Harbour Kitchen")
    store.save(a, None)
    return store, a, store.path_for(a.id)


def open_in_a_terminal(data_dir, assessment_id):
    """`svassess open` in an 80×24 pseudo-terminal; returns its master end, the process and
    a buffer that collects everything it draws."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    process = subprocess.Popen(
        [sys.executable, "-m", "svassess", "--data-dir", str(data_dir), "open", assessment_id],
        stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    screen = bytearray()
    threading.Thread(target=_drain, args=(master, screen), daemon=True).start()
    return master, process, screen


@pytest.mark.parametrize("how", ["SIGHUP", "SIGTERM", "ctrl+q"])
def test_leaving_in_any_way_keeps_answers_and_the_note_being_typed(data_dir, bank, how):
    store, a, path = saved_assessment(data_dir, bank)
    master, process, screen = open_in_a_terminal(data_dir, a.id)
    try:
        assert wait_for(lambda: saved(path).get("assessment", {}).get("current")
                        == "context.nation"), "the app did not start"
        os.write(master, b"2")                   # Wales
        assert wait_for(lambda: saved(path).get("answers", {}).get("context.nation", {})
                        .get("value") == "wales")
        assert wait_for(lambda: saved(path)["assessment"]["current"] == "policy.act")
        # Keys are handled in order, but only once the next question is on screen does Tab
        # reach its note box (before that it could land on the old question's widgets, and
        # the note's letters would be taken as shortcuts): wait until it is drawn.
        assert wait_for(lambda: b"Social Value Act?" in screen), "the question was never drawn"
        os.write(master, b"\t")                  # to the note box
        os.write(master, b"Evidence in minutes QX7")
        if how == "ctrl+q":
            os.write(master, b"\x11")           # straight after the note: same input stream
        else:
            # A signal comes from outside the input stream: once the keys have reached the
            # app (the note is drawn), it must not matter whether the save delay has passed.
            assert wait_for(lambda: b"QX7" in screen), "the note was never drawn"
            if how == "SIGHUP":
                os.close(master)                 # the terminal is gone, as when it is closed
                master = None
            process.send_signal(getattr(signal, how))
        process.wait(timeout=STOP_BOUND)         # minutes on the old code, when it hung
    finally:
        if process.poll() is None:
            process.kill()
        if master is not None:
            os.close(master)
    answers = saved(path)["answers"]
    assert answers["context.nation"]["value"] == "wales"
    assert answers["policy.act"]["note"] == "Evidence in minutes QX7"
    store.lock(a.id).release()                   # the lock was let go


STOP_BOUND = 15
"""Seconds a stopped svassess may take to end, generous for a busy machine; it needs about 1."""


def _drain(fd, screen):
    try:
        while chunk := os.read(fd, 65536):
            screen.extend(chunk)
    except OSError:
        pass


def test_closing_the_terminal_ends_svassess_even_once_its_output_has_backed_up(data_dir, bank):
    """After the terminal has gone, Textual's output queue fills (its writer thread died on the
    first failed write) and the event loop blocks; a SIGHUP must still save and end it."""
    store, a, path = saved_assessment(data_dir, bank)
    master, process, screen = open_in_a_terminal(data_dir, a.id)
    try:
        assert wait_for(lambda: saved(path).get("assessment", {}).get("current")
                        == "context.nation"), "the app did not start"
        os.write(master, b"2")
        assert wait_for(lambda: saved(path)["assessment"]["current"] == "policy.act")
        os.write(master, b"\t")                  # the note box: its cursor blinks, drawing
        time.sleep(0.5)
        os.close(master)
        time.sleep(BACKED_UP_AFTER)              # 30 queued frames at two blinks a second
        process.send_signal(signal.SIGHUP)
        process.wait(timeout=STOP_BOUND)
    finally:
        if process.poll() is None:
            process.kill()
    assert saved(path)["answers"]["context.nation"]["value"] == "wales"
    store.lock(a.id).release()


BACKED_UP_AFTER = 17
