"""`svassess serve`: the app in browsers, one seat (its own data folder) per browser.

Built on textual-serve (the optional extra `svassess[serve]`): each websocket connection starts
`svassess --data-dir <workshop>/seats/<seat>` with Textual's web driver. Everything is under a
random workshop code (`/<code>/...`); any other address gets a bare 404. The page is our own, so
nothing is fetched from the internet (textual-serve's own page links a web font). The seat id
lives in the page's address, so a reload of the same page resumes the same seat.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import html
import shlex
import signal
import socket
import sys
import threading
from collections import Counter
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from string import Template

from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from svassess.seats import CODE_LENGTH, SEAT_LENGTH, Workshop, is_seat_id, random_id

COOKIE = "svassess-workshop"
POLL_SECONDS = 2.0
"""How often the facilitator's terminal checks the seats for answers saved."""
PAGE_HEADERS = {
    # The page may load only what this server serves: nothing from the internet, ever.
    "Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                               "img-src 'self' data:; connect-src 'self'; "
                               "frame-ancestors 'none'",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
}


class PortInUse(Exception):
    pass


def bind(hosts: list[str], port: int) -> list[socket.socket]:
    """Listening sockets for each host on one port (port 0: a free one, the same for all).
    Raises PortInUse, or OSError for other failures."""
    sockets: list[socket.socket] = []
    try:
        for host in hosts:
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sockets.append(sock)
            if sys.platform != "win32":
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind((host, port))
            except OSError as exc:
                if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
                    raise PortInUse(port) from None
                raise
            port = sock.getsockname()[1]
            sock.listen(128)
            sock.setblocking(False)
    except BaseException:
        for sock in sockets:
            sock.close()
        raise
    return sockets


def lan_addresses() -> list[str]:
    """This computer's IPv4 addresses other than loopback, found without sending anything."""
    found: set[str] = set()
    with contextlib.suppress(OSError):
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.add(str(info[4][0]))
    if sys.platform.startswith("linux"):
        import fcntl
        import struct

        siocgifaddr = 0x8915
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            for _, name in socket.if_nameindex():
                with contextlib.suppress(OSError):
                    packed = fcntl.ioctl(probe.fileno(), siocgifaddr,
                                         struct.pack("256s", name.encode()[:15]))
                    found.add(socket.inet_ntoa(packed[20:24]))
    return sorted(a for a in found if not a.startswith("127."))


class SeatService(AppService):
    """textual-serve's app service, keeping hold of the app's process so that it can be waited
    for: a seat's app must be gone before the server says it has stopped."""

    process: asyncio.subprocess.Process | None = None

    async def _open_app_process(self, width: int = 80, height: int = 24):
        self.process = await super()._open_app_process(width, height)
        return self.process

    async def wait_ended(self, seconds: float = 10.0) -> None:
        if self.process is None:
            return
        try:
            await asyncio.wait_for(self.process.wait(), seconds)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()


class SeatServer(Server):
    """textual-serve's server with seats, a workshop code, our own page, and a log of seats."""

    def __init__(self, workshop: Workshop, code: str, say: Callable[[str], None] = print):
        super().__init__(command="svassess", title="svassess workshop")
        self.workshop = workshop
        self.code = code
        self._say = say
        self._said = threading.Lock()
        self.stopped = False
        """Set once the server has stopped: a seat check still running in its thread then
        says nothing more (the facilitator's last line is that the workshop stopped)."""
        self.connected: Counter[str] = Counter()
        self.saved: dict[str, object] = {}
        self.page = Template(files("svassess.tui").joinpath("serve_page.html").read_text("utf-8"))
        self._poll: asyncio.Task[None] | None = None
        self.sockets: set[web.WebSocketResponse] = set()
        self._hung_up = False

    def say(self, line: str) -> None:
        with self._said:
            if not self.stopped:
                self._tell(line)

    def say_last(self, line: str) -> None:
        with self._said:
            self.stopped = True
            self._tell(line)

    def _tell(self, line: str) -> None:
        """Say a line; a facilitator's terminal that has closed hears nothing."""
        with contextlib.suppress(OSError):
            self._say(line)

    def seat_command(self, folder: Path) -> str:
        return shlex.join([sys.executable, "-m", "svassess", "--data-dir", str(folder)])

    async def _make_app(self) -> web.Application:
        app = web.Application()
        prefix = f"/{self.code}"
        app.add_routes([
            web.get(f"{prefix}/", self.handle_page),
            web.get(prefix + "/ws/{seat}", self.handle_seat),
            # textual.js asks for downloads at /download/<key> on the page's origin, so this
            # route cannot carry the code in its path: the page's cookie must carry it instead.
            web.get("/download/{key}", self.handle_seat_download),
            web.static(f"{prefix}/static", self.statics_path, show_index=False,
                       follow_symlinks=False),
        ])
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def on_startup(self, app: web.Application) -> None:
        self._poll = asyncio.create_task(self.watch_seats())
        if hasattr(signal, "SIGHUP"):
            # The facilitator's terminal closing stops the workshop as Ctrl+C does (aiohttp
            # handles only SIGINT and SIGTERM; SIGHUP ended the server with its seats running).
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self._hang_up)

    def _hang_up(self) -> None:
        """Stop as Ctrl+C does, once: a closing terminal sends SIGHUP more than once, and each
        GracefulExit after the first cut the stop short (seats not waited for, exit 1)."""
        if self._hung_up:
            return
        self._hung_up = True
        raise web.GracefulExit()

    async def on_shutdown(self, app: web.Application) -> None:
        for websocket in list(self.sockets):
            await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"The workshop ended.")
        if self._poll is not None:
            self._poll.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._poll

    async def handle_page(self, request: web.Request) -> web.StreamResponse:
        seat = request.query.get("seat", "")
        if not is_seat_id(seat) or set(request.query) != {"seat"}:
            # A new seat (or a clean address: nothing but the seat, so no `ping` from elsewhere)
            seat = seat if is_seat_id(seat) else random_id(SEAT_LENGTH)
            raise web.HTTPFound(f"/{self.code}/?seat={seat}", headers=PAGE_HEADERS)
        scheme = "wss" if request.secure else "ws"
        page = self.page.substitute(
            static=f"/{self.code}/static", seat=seat,
            websocket=html.escape(f"{scheme}://{request.host}/{self.code}/ws/{seat}"),
            restart=f"/{self.code}/?seat={seat}")
        response = web.Response(text=page, content_type="text/html", headers=PAGE_HEADERS)
        response.set_cookie(COOKIE, self.code, path="/", httponly=True, samesite="Strict")
        return response

    async def handle_seat_download(self, request: web.Request) -> web.StreamResponse:
        if request.cookies.get(COOKIE) != self.code:
            raise web.HTTPNotFound()
        return await self.handle_download(request)

    async def handle_seat(self, request: web.Request) -> web.WebSocketResponse:
        """One browser connection: the app for its seat, until the browser or the app goes."""
        seat = request.match_info["seat"]
        if not is_seat_id(seat):
            raise web.HTTPNotFound()
        try:
            folder = self.workshop.prepare(seat)
        except OSError as exc:
            self.say(f"Seat {seat} could not get a folder ({exc.strerror or exc}); check that "
                     f"{self.workshop.seats} is writable.")
            raise web.HTTPServiceUnavailable() from None
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)

        async def close() -> None:
            await websocket.close()

        service = SeatService(self.seat_command(folder), write_bytes=websocket.send_bytes,
                             write_str=websocket.send_str, close=close,
                             download_manager=self.download_manager)
        self.connected[seat] += 1
        self.sockets.add(websocket)
        self.report_connections(seat, "connected")
        try:
            await service.start(_size(request, "width", 80), _size(request, "height", 24))
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        finally:
            self.sockets.discard(websocket)
            await service.stop()
            await service.wait_ended()
            self.connected[seat] -= 1
            self.report_connections(seat, "left")
        return websocket

    def report_connections(self, seat: str, what: str) -> None:
        tabs = self.connected[seat]
        in_use = sum(1 for n in self.connected.values() if n > 0)
        extra = f"; {tabs} browser tabs on it (the others see it read-only)" if tabs > 1 else ""
        self.say(f"Seat {seat} {what}{extra}. Seats connected: {in_use}.")

    async def watch_seats(self) -> None:
        while True:
            await asyncio.to_thread(self.check_seats)
            await asyncio.sleep(POLL_SECONDS)

    def check_seats(self) -> None:
        """Say what each seat has saved, when it changes (and when a seat's folder is gone)."""
        for seat in sorted(set(self.workshop.known_seats()) | set(self.saved)):
            saved = self.workshop.saved(seat)
            if saved == self.saved.get(seat):
                continue
            self.saved[seat] = saved
            if saved is None:
                self.say(f"Seat {seat}: its folder was deleted. Answers given there now are not "
                         f"kept; the participant should reload the page to start the seat "
                         f"again.")
            else:
                self.say(f"Seat {seat}: {_count(saved.answers, 'answer')} saved in "
                         f"{_count(saved.assessments, 'assessment')}.")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _size(request: web.Request, name: str, default: int) -> int:
    try:
        return max(10, min(int(request.query.get(name, default)), 500))
    except ValueError:
        return default


def serve(workshop_folder: Path, banks_from: Path, lan: bool, port: int,
          say: Callable[[str], None] = print) -> None:
    """Run until Ctrl+C (or SIGTERM, or the terminal closing). Raises PortInUse, or OSError."""
    workshop = Workshop(workshop_folder, banks_from)
    workshop.seats.mkdir(parents=True, exist_ok=True)
    code = random_id(CODE_LENGTH)
    sockets = bind(["0.0.0.0" if lan else "127.0.0.1"], port)
    port = sockets[0].getsockname()[1]
    addresses = (lan_addresses() or ["127.0.0.1"]) if lan else ["127.0.0.1"]
    say("svassess workshop: participants type this address into a browser:")
    for address in addresses:
        say(f"  http://{address}:{port}/{code}/")
    if lan:
        say(f"  (on this computer: http://127.0.0.1:{port}/{code}/)")
    say(f"Seats are kept in {workshop.seats}. The group report over them: "
        f"svassess group {shlex.quote(str(workshop.folder))}")
    say("Press Ctrl+C to stop.")
    server = SeatServer(workshop, code, say)
    web.run_app(server._make_app(), sock=sockets, print=None, access_log=None,
                handle_signals=True, shutdown_timeout=5)
    server.say_last("svassess workshop stopped; every answer was saved in the seats' folders.")
