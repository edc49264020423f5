"""Keys are handled one at a time, in the order they were typed.

Textual hands each key to the widget that has the focus when the app reads it, but matches it to
a binding only once it has come back up to the app, against the focus of *that* moment. Keys
that arrive together (a paste, a slow laptop, a workshop seat over slow Wi-Fi) could then be
matched against a focus a later key had already moved: "3", Tab, "Minutes" typed at once lost
the answer 3 into the note box.

So the app lets a key in only once the key before it has been handled, as if typed slowly. A
marker sent after the key, to the same widget, comes back up to the app behind it (and behind
any action of its binding). A second marker then follows what the key set off there: an answer
list that posted its choice, a note box that posted its Enter, a dialog that opened. The keys
wait in the meantime, in order. A marker can be lost (its widget was removed before passing it
on): the keys then go on after KEY_WAIT_LIMIT seconds, as they would have without waiting.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable, Sequence

from textual import events
from textual.app import App
from textual.message import Message
from textual.message_pump import MessagePump

KEY_WAIT_LIMIT = 1.0
"""Seconds the next key waits for the one before it at most."""

ROUNDS = 2
"""Markers sent one after another for each key: the first comes back behind the key, the second
behind what the key's handling posted on its way."""


class KeyHandled(Message):
    """Sent after a key the way the key went; back at the app, it has been handled."""

    verbose = True

    def __init__(self, serial: int) -> None:
        super().__init__()
        self.serial = serial


class KeyOrder:
    """The keys read but not yet let in, and the markers of the key let in last.

    `handle` is how the app handles a key it has just read (Textual's own handling)."""

    def __init__(self, app: App, handle: Callable[[events.Key], Awaitable[None]]) -> None:
        self._app = app
        self._handle = handle
        self._held: deque[events.Key] = deque()
        self._serial = 0
        self._round = 0
        """The round of markers out (0: none, the last key has been handled)."""
        self._out = 0
        """Markers of this round still to come back."""
        self._sent_to: MessagePump | None = None
        self._limit: asyncio.TimerHandle | None = None
        self._when_done: list[Callable[[], Awaitable[object] | object]] = []

    @property
    def waiting(self) -> bool:
        """Whether a key's handling is still under way (and later keys wait)."""
        return self._round != 0

    async def read(self, key: events.Key) -> None:
        """A key as read from the terminal: handled now, or once the keys before it have been."""
        self._held.append(key)
        if not self.waiting:
            await self._go_on()

    async def returned(self, marker: KeyHandled) -> None:
        """A marker is back at the app."""
        if marker.serial == self._serial and self._round:
            self._out -= 1
            if self._out <= 0:
                await self._go_on()

    def after_keys(self, callback: Callable[[], Awaitable[object] | object]) -> None:
        """Call `callback` (from the app's messages) once every key read so far is handled."""
        self._when_done.append(callback)
        if not self.waiting:
            self._call_when_done()

    async def _go_on(self) -> None:
        """The round of markers out is back (or none is out): send the next round, or let the
        next key in. A loop, not recursion: a paste of thousands of keys may pass here at once
        when no marker can be sent (the app is closing)."""
        while True:
            if self._round == 1:
                targets = [self._sent_to] if self._sent_to and self._sent_to.is_attached else []
                if self._send_round(2, [*targets, *self._screen()]):
                    return
            if not self._held:
                self._stop()
                return
            key = self._held.popleft()
            sent_to = [*self._focused(), *self._screen()][:1]
            await self._handle(key)
            self._sent_to = sent_to[0] if sent_to else None
            if self._send_round(1, sent_to):
                return

    def _screen(self) -> list[MessagePump]:
        """The screen on top, if there is one (not while the app closes)."""
        return [*self._app.screen_stack[-1:]]

    def _focused(self) -> list[MessagePump]:
        """The widget with the focus, where a key read now goes (else to the screen)."""
        focused = self._app.focused if self._app.screen_stack else None
        return [focused] if focused is not None else []

    def _send_round(self, number: int, targets: Sequence[MessagePump]) -> bool:
        """Send one marker to each target; False when none could be sent."""
        self._serial += 1
        self._round = number
        self._out = sum(target.post_message(KeyHandled(self._serial))
                        for target in dict.fromkeys(targets))
        if self._limit is not None:
            self._limit.cancel()
        if not self._out:
            return False
        self._limit = asyncio.get_running_loop().call_later(
            KEY_WAIT_LIMIT, self._app.call_later, self._gave_up, self._serial)
        return True

    async def _gave_up(self, serial: int) -> None:
        """A marker has not come back in time: go on without it."""
        if serial == self._serial and self._round:
            self._round = 2     # no further round for this key
            self._out = 0
            await self._go_on()

    def _stop(self) -> None:
        self._round = 0
        self._sent_to = None
        if self._limit is not None:
            self._limit.cancel()
            self._limit = None
        self._call_when_done()

    def _call_when_done(self) -> None:
        callbacks, self._when_done = self._when_done, []
        for callback in callbacks:
            self._app.call_later(callback)
