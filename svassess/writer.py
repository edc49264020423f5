"""One thread that writes an assessment's saves, in order, off the caller's thread.

A save asked for while another is being written waits; a newer one replaces it (each save writes
the whole assessment, so the latest state is all that needs to reach the disk). On a slow USB
stick a burst of answers then costs the person nothing, and the disk sees at most one write
behind the one in progress.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

Write = Callable[[], None]
T = TypeVar("T")


class BackgroundWriter:
    def __init__(self, written: Callable[[], None] = lambda: None,
                 failed: Callable[[Exception], None] = lambda exc: None):
        """`written` is called in the writer's thread after a write when no other is waiting;
        `failed` with what a write raised (the thread goes on to the next write)."""
        self._written = written
        self._failed = failed
        # Reentrant: a signal handler on the main thread may ask for a save while the main
        # thread is inside one of these methods.
        self._changed = threading.Condition(threading.RLock())
        self._next: Write | None = None
        self._busy = False
        self._stopping = False
        self._thread: threading.Thread | None = None

    def submit(self, write: Write) -> None:
        """Write soon, after the write in progress; replaces a write still waiting. Once
        stopped, writes at once in this thread."""
        with self._changed:
            if self._stopping:
                self.run_now(write)
                return
            self._next = write
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="svassess-writer",
                                                daemon=True)
                self._thread.start()
            self._changed.notify_all()

    @property
    def idle(self) -> bool:
        """Nothing waiting and nothing being written: every save asked for is on disk (or
        failed)."""
        with self._changed:
            return self._is_idle()

    def _is_idle(self) -> bool:
        return self._next is None and not self._busy

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until every save asked for is done; False if `timeout` passed first."""
        with self._changed:
            return self._changed.wait_for(self._is_idle, timeout)

    def run_now(self, write: Callable[[], T]) -> T:
        """Write in this thread, after every save asked for before (none runs alongside)."""
        with self._changed:
            self._changed.wait_for(self._is_idle)
            self._busy = True
        try:
            return write()
        finally:
            with self._changed:
                self._busy = False
                self._changed.notify_all()

    def stop(self) -> None:
        """Finish every save asked for, then end the thread."""
        with self._changed:
            self._changed.wait_for(self._is_idle)
            self._stopping = True
            self._changed.notify_all()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join()

    def _run(self) -> None:
        while True:
            with self._changed:
                # Not while run_now writes in another thread: one write at a time.
                self._changed.wait_for(
                    lambda: (self._next is not None and not self._busy) or self._stopping)
                write = self._next
                if write is None:
                    return
                self._next = None
                self._busy = True
            try:
                write()
            except Exception as exc:        # a bug in one write must not end every later one
                self._failed(exc)
            finally:
                with self._changed:
                    self._busy = False
                    more = self._next is not None
                    self._changed.notify_all()
            if not more:
                self._written()
