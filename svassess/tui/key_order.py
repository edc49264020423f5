"""Keys (and pastes and clicks) are handled one at a time, in the order they came.

Textual hands each key to the widget that has the focus when the app reads it, but matches it to
a binding only once it has come back up to the app, against the focus of *that* moment. Keys
that arrive together (a paste, a slow laptop, a workshop seat over slow Wi-Fi) could then be
matched against a focus a later key had already moved: "3", Tab, "Minutes" typed at once lost
the answer 3 into the note box.

So the app lets an input in only once the one before it has been handled, as if typed slowly.
A marker sent after it, to the same widget, comes back up to the app behind it (and behind any
action of its binding). A second marker then follows what it set off there: an answer list that
posted its choice, a note box that posted its Enter, a screen that was opened (a marker sent to
a new screen comes back once it is mounted and has taken the focus). The inputs wait meanwhile,
in order. Mouse movement waits only behind inputs already waiting (a drag's moves come between
its press and its release) and sends no markers: it changes nothing the next input depends on.

A marker is lost when its widget goes before passing it on (a screen rebuilt for presenter
mode): a widget gone is checked for every LOST_CHECK seconds, and the inputs go on without it.
Whatever else holds a marker up, they go on after KEY_WAIT_LIMIT seconds.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

from textual import events
from textual.app import App
from textual.errors import NoWidget
from textual.message import Message
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.worker import Worker

KEY_WAIT_LIMIT = 1.0
"""Seconds an input waits for the one before it at most."""

LOST_CHECK = 0.05
"""Seconds between looks for markers whose widget has gone."""

MAX_ROUNDS = 6
"""Rounds of markers for one input at most (a round more each time a new screen appeared)."""


def is_ordered(event: events.Event) -> bool:
    """Whether an event read by the app waits its turn: a key, a paste, anything the mouse does,
    as it arrives (not on its way back up)."""
    return not event.is_forwarded and isinstance(event, events.InputEvent | events.Paste)


class KeyHandled(Message):
    """Sent after an input the way the input went; back at the app, it has been handled."""

    verbose = True

    def __init__(self, serial: int, target: MessagePump) -> None:
        super().__init__()
        self.serial = serial
        self.target = target


class KeyOrder:
    """The inputs read but not yet let in, and the markers of the input let in last.

    `handle` is how the app handles an input it has just read (Textual's own handling)."""

    def __init__(self, app: App, handle: Callable[[events.Event], Awaitable[None]]) -> None:
        self._app = app
        self._handle = handle
        self._held: deque[events.Event] = deque()
        self._serial = 0
        self._round = 0
        """The round of markers out for the input let in last (0: none, it has been handled)."""
        self._out: list[MessagePump] = []
        """Where this round's markers went that have not come back."""
        self._sent_to: MessagePump | None = None
        self._screen: Screen | None = None
        """The screen on top when the round out was sent."""
        self._started = 0.0
        """When the input let in last was handled, or a new screen's round sent: its markers
        wait KEY_WAIT_LIMIT at most."""
        self._check: asyncio.TimerHandle | None = None
        self._workers: set[Worker] = set()
        """The app's workers as the input let in last was, or as its last round was sent."""
        self._when_done: list[Callable[[], object]] = []

    @property
    def waiting(self) -> bool:
        """Whether an input's handling is still under way (and later ones wait)."""
        return self._round != 0

    async def read(self, event: events.Event) -> None:
        """An input as read: handled now, or once the inputs before it have been."""
        if isinstance(event, events.MouseMove) and not self.waiting and not self._held:
            await self._handle(event)
            return
        self._held.append(event)
        if not self.waiting:
            await self._go_on()

    async def returned(self, marker: KeyHandled) -> None:
        """A marker is back at the app."""
        if marker.serial != self._serial or not self._round:
            return
        self._out = [target for target in self._out if target is not marker.target]
        if not self._out:
            await self._go_on()

    def after_keys(self, callback: Callable[[], object]) -> None:
        """Call `callback` (from the app's messages) once every input read so far is handled."""
        self._when_done.append(callback)
        if not self.waiting:
            self._call_when_done()

    async def _go_on(self) -> None:
        """The round of markers out is back (or none is out): send the next round, or let the
        next input in. A loop, not recursion: a paste of thousands of keys may pass here at
        once when no marker can be sent (the app is closing)."""
        while True:
            if self._round and self._send_next_round():
                return
            if not self._held:
                self._stop()
                return
            event = self._held.popleft()
            if isinstance(event, events.MouseMove):
                self._round = 0
                await self._handle(event)
                continue
            target = self._target_of(event)
            self._workers = set(self._app.workers)
            await self._handle(event)
            self._round = 0
            self._started = time.monotonic()
            self._sent_to = target
            if target is not None and self._send_round([target]):
                return

    def _send_next_round(self) -> bool:
        """After the first round, one to where the input went and to the screen on top; after
        that, one more whenever the screen on top is new (it may still be mounting), or the
        input started a worker (which may be about to open a dialog: Enter on an empty home
        starts one that loads the banks, then opens the new-assessment dialog). False when the
        input is handled."""
        screen = self._top_screen()
        if self._round >= MAX_ROUNDS or screen is None:
            return False
        if self._round == 1:
            sent_to = self._sent_to
            targets = [sent_to] if sent_to is not None and sent_to.is_attached else []
            return self._send_round([*targets, screen])
        workers = set(self._app.workers)
        started_work = not workers <= self._workers
        self._workers = workers
        if screen is self._screen and not started_work:
            return False
        self._started = time.monotonic()    # a screen may take a while to mount: its own wait
        return self._send_round([screen])

    def _target_of(self, event: events.Event) -> MessagePump | None:
        """Where Textual sends an input read now: the mouse's to the widget under the pointer,
        the rest to the widget with the focus, else to the screen."""
        screen = self._top_screen()
        if screen is None:
            return None
        if isinstance(event, events.MouseEvent):
            try:
                return self._app.get_widget_at(event.x, event.y)[0]
            except NoWidget:
                return screen
        return self._app.focused or screen

    def _top_screen(self) -> Screen | None:
        stack = self._app.screen_stack
        return stack[-1] if stack else None

    def _send_round(self, targets: list[MessagePump]) -> bool:
        """Send a marker to each target; False when none could be sent."""
        self._serial += 1
        self._round += 1
        self._screen = self._top_screen()
        self._out = [target for target in dict.fromkeys(targets)
                     if target.post_message(KeyHandled(self._serial, target))]
        if self._check is not None:
            self._check.cancel()
            self._check = None
        if not self._out:
            return False
        self._look_again_later()
        return True

    def _look_again_later(self) -> None:
        self._check = asyncio.get_running_loop().call_later(
            LOST_CHECK, self._app.call_later, self._look_for_lost, self._serial)

    async def _look_for_lost(self, serial: int) -> None:
        """Markers whose widget has gone will not come back: go on without them, and without
        any still out after KEY_WAIT_LIMIT."""
        if serial != self._serial or not self._round:
            return
        self._out = [target for target in self._out if target.is_attached]
        if time.monotonic() - self._started >= KEY_WAIT_LIMIT:
            self._round = MAX_ROUNDS        # no further round for this input
            self._out = []
        if self._out:
            self._look_again_later()
        else:
            await self._go_on()

    def _stop(self) -> None:
        self._round = 0
        self._sent_to = None
        self._screen = None
        if self._check is not None:
            self._check.cancel()
            self._check = None
        self._call_when_done()

    def _call_when_done(self) -> None:
        callbacks, self._when_done = self._when_done, []
        for callback in callbacks:
            self._app.call_later(callback)
