"""The driver of a seat's app under `svassess serve`: Textual's web driver, and the app stops
when the server has gone.

A seat's app reads the browser's keys from the server through its input. When the server ends
without stopping its seats (killed, crashed, or its terminal window closed), that input simply
ends, and Textual's web driver (8.2.8) then leaves the app running for ever, unseen, holding
its assessment open on the facilitator's laptop. Here the end of the input is taken as a closed
terminal is (SIGHUP): what was typed is saved, a copy kept of what cannot be, the assessment let
go, and the process ends.
"""

from __future__ import annotations

from textual.drivers.web_driver import WebDriver


class SeatDriver(WebDriver):
    def run_input_thread(self) -> None:
        super().run_input_thread()
        # The input ended. When the app is stopping, the driver said so first (exit_event);
        # otherwise the server has gone.
        # Queued behind the keys already read, and not waited for: should the app be closing
        # meanwhile, the call is dropped rather than left to block this thread.
        if not self.exit_event.is_set():
            input_ended = getattr(self._app, "input_ended", None)
            if input_ended is not None:
                self._app.call_later(input_ended)
