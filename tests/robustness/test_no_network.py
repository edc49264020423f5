"""svassess never opens a network connection: every command, and the app from start to export,
run with the network blocked, and nothing even tries. (Workshops often have no wifi; nothing
about an assessment may leave the machine.)"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from svassess import cli
from svassess.assessment import new_assessment
from svassess.store import Store
from tests.conftest import TEST_BANKS

BLOCK = """
import socket, sys

attempts = []

def refuse(what):
    def blocked(*args, **kwargs):
        attempts.append(what)
        sys.stderr.write(f"NETWORK ATTEMPT: {what} {args!r}\\n")
        raise OSError(f"svassess tests: the network is blocked ({what})")
    return blocked

socket.socket.connect = refuse("connect")
socket.socket.connect_ex = refuse("connect_ex")
socket.socket.sendto = refuse("sendto")
socket.create_connection = refuse("create_connection")
socket.getaddrinfo = refuse("getaddrinfo")
socket.gethostbyname = refuse("gethostbyname")
"""


@pytest.fixture
def no_network(monkeypatch):
    """Make every way of reaching the network fail loudly, and record each attempt."""
    attempts: list[str] = []

    def refuse(what):
        def blocked(*args, **kwargs):
            attempts.append(what)
            raise OSError(f"svassess tests: the network is blocked ({what})")
        return blocked

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse(name))
    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse(name))
    return attempts


def test_the_block_works(no_network):
    """The guard itself: a connection attempt fails and is recorded (else the rest proves
    nothing)."""
    with pytest.raises(OSError):
        socket.create_connection(("example.org", 443), timeout=1)
    with pytest.raises(OSError), socket.socket() as raw:
        raw.connect(("192.0.2.1", 80))
    assert no_network == ["create_connection", "connect"]


@pytest.fixture
def saved(data_dir, bank):
    a = new_assessment(bank, "Harbour Kitchen", "Harbour CIC")
    a.answer(bank.question("policy.act"), "no")
    Store(data_dir).save(a, None)
    return a


def test_every_command_without_a_network(no_network, data_dir, saved, tmp_path, capsys,
                                         monkeypatch):
    monkeypatch.chdir(tmp_path)
    d = ["--data-dir", str(data_dir)]
    commands = [
        [*d, "where"], [*d, "list"], [*d, "list", "--json"], [*d, "banks"],
        [*d, "banks", "--json"], [*d, "show", saved.id], [*d, "show", saved.id, "--json"],
        ["check-bank", str(TEST_BANKS / "test-bank.toml"), str(TEST_BANKS / "resources.toml")],
        *([*d, "export", saved.id, "--format", fmt, "--answers", "-o", str(tmp_path / fmt)]
          for fmt in ("text", "html", "svg", "md")),
    ]
    for args in commands:
        assert cli.main(args) == 0, (args, capsys.readouterr().err)
    capsys.readouterr()
    assert no_network == []
    # The HTML and SVG ask for nothing from the network either when they are opened.
    html = (tmp_path / "html").read_text(encoding="utf-8")
    assert "<link" not in html and "<script" not in html and "@import" not in html


def test_a_real_process_with_the_network_blocked_from_the_start(data_dir, saved, tmp_path):
    """The real entry point, with sockets blocked before svassess is even imported."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(BLOCK, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(site), str(Path(__file__).resolve().parents[2])])}
    for args in (["list", "--json"], ["show", saved.id],
                 ["export", saved.id, "--format", "html", "-o", "-"]):
        done = subprocess.run([sys.executable, "-m", "svassess", "--data-dir", str(data_dir),
                               *args], capture_output=True, text=True, env=env, timeout=60)
        assert done.returncode == 0, done.stderr
        assert "NETWORK ATTEMPT" not in done.stderr
    assert json.loads(subprocess.run(
        [sys.executable, "-c", "import socket\ntry:\n    socket.getaddrinfo('example.org', 80)\n"
         "except OSError as e:\n    print(1)"], capture_output=True, text=True, env=env,
        timeout=30).stdout) == 1, "the sitecustomize block did not load"


async def test_the_app_from_start_to_export_without_a_network(no_network, make_app, tmp_path,
                                                               location):
    from textual.widgets import Input

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.press("H")
        await pilot.press("enter", "enter")
        await pilot.pause()
        await pilot.press("2", "1", "tab")                   # Wales, then "Not at all"
        await pilot.press("m")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("escape", "ctrl+o")
        await pilot.pause()
        await pilot.press("plus", "p")
        await pilot.pause()
        await pilot.press("escape", "e")
        await pilot.pause()
        target = tmp_path / "summary.html"
        path_input = app.screen.query_one("#path", Input)
        path_input.value = str(target)
        path_input.focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("escape", "ctrl+q")
    assert target.is_file()
    assert len(list((location.path / "assessments").glob("*.toml"))) == 1
    assert no_network == []
