"""A real svassess in a pseudo-terminal: quitting, closing the terminal (SIGHUP) or SIGTERM
keeps every committed answer, and a note typed just before is saved too."""

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


@pytest.mark.parametrize("how", ["SIGHUP", "SIGTERM", "ctrl+q"])
def test_leaving_in_any_way_keeps_answers_and_the_note_being_typed(data_dir, bank, how):
    store = Store(data_dir)
    a = new_assessment(bank, "Harbour Kitchen")
    store.save(a, None)
    path = store.path_for(a.id)

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    process = subprocess.Popen(
        [sys.executable, "-m", "svassess", "--data-dir", str(data_dir), "open", a.id],
        stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    drain = threading.Thread(target=_drain, args=(master,), daemon=True)
    drain.start()
    try:
        assert wait_for(lambda: saved(path).get("assessment", {}).get("current")
                        == "context.nation"), "the app did not start"
        os.write(master, b"2")                   # Wales
        assert wait_for(lambda: saved(path).get("answers", {}).get("context.nation", {})
                        .get("value") == "wales")
        assert wait_for(lambda: saved(path)["assessment"]["current"] == "policy.act")
        time.sleep(0.3)
        os.write(master, b"\t")                  # to the note box
        time.sleep(0.3)
        os.write(master, b"Evidence in minutes")
        time.sleep(0.2)                          # less than the note's save delay
        if how == "ctrl+q":
            os.write(master, b"\x11")
        else:
            process.send_signal(getattr(signal, how))
        process.wait(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    answers = saved(path)["answers"]
    assert answers["context.nation"]["value"] == "wales"
    assert answers["policy.act"]["note"] == "Evidence in minutes"
    store.lock(a.id).release()                   # the lock was let go


def _drain(fd):
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass
