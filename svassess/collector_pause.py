"""Python's cycle collector, paused while the app starts (docs/performance.md, eighth round).

Starting the app makes some 70,000 objects that are tracked by the collector, nearly all kept for
the whole session (Textual's and svassess's modules, classes, styles and widgets). While they are
being made the collector walks them again and again, finding almost nothing to free: about a
tenth of the time to the first frame. So it is paused until the first frame has been drawn; then
everything made so far is set aside (`gc.freeze`: never walked again) and it runs as usual on
what comes after. The cost is the start-up garbage that only the collector could free, which
then stays for the session: about 1,000 objects once home has settled, about 3,000 when `svassess
open` starts on a questionnaire (that screen, once left, is never freed either: about 260 KB,
once, not growing).

Global state, because the collector is: only the process that starts the app pauses it, and
`resume` does nothing unless it was paused here (an app started in a test never freezes).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_paused = False


@contextmanager
def paused_while_starting() -> Iterator[None]:
    """Pause the collector for the block (an app run); `resume` may end the pause sooner. Left
    as it was when it was already off."""
    global _paused
    if not gc.isenabled():
        yield
        return
    gc.disable()
    _paused = True
    try:
        yield
    finally:
        resume()


def resume() -> None:
    """End the pause: what exists now is set aside, and the collector runs again. Nothing
    happens when it was not paused by `paused_while_starting` (or has already resumed)."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
