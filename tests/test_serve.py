"""`svassess serve`: browser seats behind a workshop code, driven here by a websocket client as a
browser would (the same messages textual.js sends)."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from svassess.assessment import new_assessment
from svassess.session import EditSession
from svassess.store import Conflict, Store
from tests.conftest import run_cli

aiohttp = pytest.importorskip("aiohttp")
pytest.importorskip("textual_serve")

ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[P\]][^\x07\x1b]*(\x07|\x1b\\)|\x1b.")
ADDRESS = re.compile(r"http://127\.0\.0\.1:(\d+)/([a-z0-9]+)/")


class Serving:
    def __init__(self, process: subprocess.Popen, port: int, code: str, workshop: Path):
        self.process, self.port, self.code, self.workshop = process, port, code, workshop
        self.base = f"http://127.0.0.1:{port}"
        self.lines: list[str] = []

    def get(self, path: str, cookie: str | None = None) -> tuple[int, dict, str]:
        request = urllib.request.Request(self.base + path)
        if cookie:
            request.add_header("Cookie", cookie)
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read().decode()

    def read_until(self, text: str) -> list[str]:
        """The facilitator's terminal, line by line, until a line holds `text`."""
        while not any(text in line for line in self.lines):
            line = self.process.stdout.readline()
            if not line:
                raise AssertionError(f"serve ended before saying {text!r}: {self.lines}")
            self.lines.append(line.rstrip("\n"))
        return self.lines

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        out, _ = self.process.communicate(timeout=60)
        self.lines += out.splitlines()
        return self.process.returncode


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def serving(data_dir, tmp_path):
    workshop = tmp_path / "workshop"
    process = subprocess.Popen(
        [sys.executable, "-m", "svassess", "--data-dir", str(data_dir), "serve", "--port", "0",
         "--workshop", str(workshop)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8")
    first = []
    while not (match := ADDRESS.search(" ".join(first))):
        line = process.stdout.readline()
        assert line, f"serve did not start: {first}"
        first.append(line)
    serving = Serving(process, int(match[1]), match[2], workshop)
    serving.lines = [line.rstrip("\n") for line in first]
    yield serving
    if process.poll() is None:                  # a test that did not stop it: as Ctrl+C would
        process.send_signal(signal.SIGINT)
        try:
            process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


async def screen_of(url: str, keys: list[str] = (), settle: float = 1.0,
                    until: str = "^q Quit", then=None) -> tuple[str, list[str]]:
    """Connect as a browser would, wait for the app's first screen, type `keys`, and return the
    text it drew and the text messages (such as downloads) it sent. `then(messages)`, if given,
    is awaited before the connection closes."""
    drawn, messages = b"", []
    async with aiohttp.ClientSession() as session, \
            session.ws_connect(url + "?width=100&height=30") as ws:
        async def read(stop: str | None, seconds: float) -> None:
            nonlocal drawn
            loop = asyncio.get_running_loop()
            end = loop.time() + seconds
            while loop.time() < end:
                if stop and stop in ANSI.sub("", drawn.decode("utf-8", "replace")):
                    return
                try:
                    message = await ws.receive(timeout=end - loop.time())
                except TimeoutError:
                    return
                if message.type == aiohttp.WSMsgType.BINARY:
                    drawn += message.data
                elif message.type == aiohttp.WSMsgType.TEXT:
                    messages.append(message.data)
                else:
                    return

        await read(until, 60)
        for key in keys:
            await ws.send_str(json.dumps(["stdin", key]))
            await read(None, settle)
        if then is not None:
            await then(messages)
    return ANSI.sub("", drawn.decode("utf-8", "replace")), messages


def seat_url(serving: Serving, seat: str) -> str:
    return f"ws://127.0.0.1:{serving.port}/{serving.code}/ws/{seat}"


def test_nothing_without_the_code_and_nothing_outside_the_static_assets(serving):
    code = serving.code
    for path in ("/", "/index.html", f"/{code[:-1]}/", "/wrong/", "/ws", f"/{code}/ws/bad",
                 "/static/js/textual.js", f"/{code}/static/../../server.py",
                 f"/{code}/static/%2e%2e/server.py", f"/{code}/static/", "/download/abc"):
        status, _, body = serving.get(path)
        assert status in (403, 404), path
        assert "<html" not in body.lower(), path
    status, headers, _ = serving.get(f"/{code}/")
    assert status == 302 and re.fullmatch(rf"/{code}/\?seat=[a-z0-9]{{12}}", headers["Location"])
    status, _, _ = serving.get(f"/{code}/static/js/textual.js")
    assert status == 200


def test_the_page_fetches_nothing_from_the_internet(serving):
    status, headers, page = serving.get(f"/{serving.code}/?seat=abcdefghjkmn")
    assert status == 200
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "svassess-workshop=" + serving.code in headers["Set-Cookie"]
    addresses = re.findall(r"""(?:href|src|url)\s*[=(]\s*["']?([^"' )>]+)""", page)
    own = (f"/{serving.code}/static/", f"/{serving.code}/?",
           f"ws://127.0.0.1:{serving.port}/{serving.code}/ws/")
    assert len(addresses) == 5 and all(a.startswith(own) for a in addresses), addresses
    assert "googleapis" not in page and "https:" not in page
    # A `ping` address in the page's address (textual.js would fetch it) is dropped.
    status, headers, _ = serving.get(f"/{serving.code}/?seat=abcdefghjkmn&ping=https://x.test/")
    assert status == 302 and headers["Location"] == f"/{serving.code}/?seat=abcdefghjkmn"


def test_two_connections_two_seats_that_cannot_see_each_other(serving, bank):
    alpha, beta = "aaaaaaaaaaaa", "bbbbbbbbbbbb"
    Store(serving.workshop / "seats" / alpha).save(
        new_assessment(bank, "Alpha secret plan", "Alpha org"), None)

    async def both():
        # Each waits for what its seat should show (the list fills in after the first frame);
        # a seat that showed the other's assessment would fail below either way.
        return await asyncio.gather(
            screen_of(seat_url(serving, alpha), until="Alpha secret plan"),
            screen_of(seat_url(serving, beta), until="no saved assessments yet"))

    (seen_a, _), (seen_b, _) = asyncio.run(both())
    assert "Alpha secret plan" in seen_a
    assert "Alpha secret plan" not in seen_b and "no saved assessments yet" in seen_b
    assert (serving.workshop / "seats" / beta).is_dir()
    assert not list((serving.workshop / "seats" / beta).glob("assessments/*.toml"))
    serving.read_until(f"Seat {beta} connected")
    serving.read_until(f"Seat {alpha}: 0 answers saved in 1 assessment.")
    assert serving.stop() == 0
    assert serving.lines[-1].startswith("svassess workshop stopped")
    assert not _processes_using(serving.workshop)


def test_a_reload_comes_back_to_the_same_seat(serving):
    seat = "gggggggggggg"
    keys = ["n", "Zed's view", "\t", "Zed Org", "\r"]       # start an assessment, then leave
    asyncio.run(screen_of(seat_url(serving, seat), keys, settle=1.5))
    serving.read_until(f"Seat {seat}: 0 answers saved in 1 assessment.")
    status, _, page = serving.get(f"/{serving.code}/?seat={seat}")   # the reloaded page
    assert status == 200 and f"/ws/{seat}" in page
    again, _ = asyncio.run(screen_of(seat_url(serving, seat), until="Zed's view"))
    assert "Zed's view" in again
    other, _ = asyncio.run(screen_of(seat_url(serving, "hhhhhhhhhhhh")))
    assert "Zed" not in other


def test_a_second_tab_on_a_seat_is_read_only(serving, bank):
    seat = "cccccccccccc"
    a = new_assessment(bank, "Harbour Kitchen", "")
    a.answer(bank.question("policy.act"), "yes")
    Store(serving.workshop / "seats" / seat).save(a, None)

    async def two_tabs():
        first = asyncio.create_task(screen_of(seat_url(serving, seat), ["\r"], settle=8,
                                              until="Harbour Kitchen"))
        await asyncio.sleep(4)
        second = await screen_of(seat_url(serving, seat), ["\r"], settle=3,
                                 until="Harbour Kitchen")
        return await first, second

    (first, _), (second, _) = asyncio.run(two_tabs())
    assert "How well do you know the Social Value Act?" in first      # the questionnaire
    assert "Results (read-only)" in second and "Results (read-only)" not in first
    serving.read_until("2 browser tabs on it")


def test_an_export_in_a_seat_downloads_to_the_browser(serving, bank):
    seat = "dddddddddddd"
    Store(serving.workshop / "seats" / seat).save(new_assessment(bank, "Green Routes", ""), None)
    keys = ["v", "e", "\t", "\t", "\t", "\r"]     # results, export, to the button, Export
    got = {}

    async def download(messages):
        starts = [json.loads(m) for m in messages if "deliver_file_start" in m]
        assert starts
        url = f"{serving.base}/download/{starts[0][1]}"
        async with aiohttp.ClientSession() as anyone:
            got["without"] = (await anyone.get(url)).status
        cookie = {"svassess-workshop": serving.code}
        async with aiohttp.ClientSession(cookies=cookie) as browser:
            response = await browser.get(url)
            got["with"] = (response.status, response.headers["Content-Disposition"],
                           await response.text())

    drawn, _ = asyncio.run(screen_of(seat_url(serving, seat), keys, settle=2,
                                     until="Green Routes", then=download))
    assert got["without"] == 404                                  # no workshop cookie: nothing
    status, disposition, page = got["with"]
    assert status == 200 and "attachment" in disposition and "Green-Routes.html" in disposition
    assert "<html" in page and "Green Routes" in page
    assert "to your browser" in drawn and "in its downloads." in drawn
    assert not list(serving.workshop.glob("**/*.html"))           # nothing on the server's disk


def test_a_seat_folder_deleted_mid_session_is_said(serving, bank):
    seat = "eeeeeeeeeeee"
    asyncio.run(screen_of(seat_url(serving, seat)))
    serving.read_until(f"Seat {seat}: 0 answers saved in 0 assessments.")
    shutil.rmtree(serving.workshop / "seats" / seat)
    serving.read_until(f"Seat {seat}: its folder was deleted")


def test_a_port_in_use_is_said(data_dir, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run_cli("serve", "--port", str(port), "--workshop", str(tmp_path / "w"),
                       data_dir=data_dir)
    assert done.returncode == 1
    assert f"Port {port} is in use" in done.stderr and "Traceback" not in done.stderr


def _processes_using(folder: Path) -> list[str]:
    """Command lines of running processes that mention the folder (the seats' apps)."""
    found = []
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else []:
        if entry.name.isdigit() and entry.name != str(os.getpid()):
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if str(folder) in command:
                found.append(command)
    return found


def test_a_save_after_the_seat_folder_went_says_so(tmp_path, bank):
    """What a participant is told when the facilitator deletes their seat mid-session."""
    seat = tmp_path / "seats" / "ffffffffffff"
    session = EditSession.create(Store(seat), bank, "Harbour Kitchen", "")
    shutil.rmtree(seat)
    with pytest.raises(Conflict, match="was deleted or moved"):
        session.answer(bank.question("policy.act"), "yes")
    session.close()


def test_a_seat_stops_when_the_server_is_killed(serving):
    """Killed, crashed or its terminal closed, the server cannot stop its seats: each seat's
    app sees its input end and stops as if its terminal had closed (it used to run on unseen
    for ever, holding its assessment open on the facilitator's laptop)."""
    seat = "kkkkkkkkkkkk"

    async def kill_the_server(_messages) -> None:
        serving.process.kill()
        serving.process.communicate()

    keys = ["n", "Kept on the stick", "\t", "Org", "\r"]     # an assessment open in the seat
    asyncio.run(screen_of(seat_url(serving, seat), keys, settle=1.5, then=kill_the_server))
    for _ in range(300):                                      # up to a minute on a busy machine
        if not _processes_using(serving.workshop):
            break
        time.sleep(0.2)
    assert not _processes_using(serving.workshop)
    listed = Store(serving.workshop / "seats" / seat).assessments().items
    assert [stored.assessment.name for stored in listed] == ["Kept on the stick"]


def test_closing_the_facilitators_terminal_stops_the_workshop_as_ctrl_c_does(serving):
    """SIGHUP (the facilitator's terminal window closed, which sends it twice) stops the seats in
    order and says so, as Ctrl+C does; it used to end the server at once, its seats left to
    notice on their own, and a second SIGHUP cut the orderly stop short."""
    seat = "hhhhhhhhhhhh"

    async def close_the_terminal(_messages) -> None:
        serving.process.send_signal(signal.SIGHUP)
        await asyncio.sleep(0.02)                   # a closing terminal sends it twice
        serving.process.send_signal(signal.SIGHUP)
        out, _ = serving.process.communicate(timeout=60)
        serving.lines += out.splitlines()

    keys = ["n", "Saved on hang-up", "\t", "Org", "\r"]
    asyncio.run(screen_of(seat_url(serving, seat), keys, settle=1.5, then=close_the_terminal))
    assert serving.process.returncode == 0
    assert "svassess workshop stopped" in serving.lines[-1]
    assert not _processes_using(serving.workshop)
    listed = Store(serving.workshop / "seats" / seat).assessments().items
    assert [stored.assessment.name for stored in listed] == ["Saved on hang-up"]
