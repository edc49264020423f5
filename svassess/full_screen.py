"""Whether the full-screen app can be drawn here, and if not, how to answer in plain mode.

Apart from plain mode itself, so that starting the full-screen app does not import it.
"""

from __future__ import annotations

import os
import re
import sys
from typing import TextIO


def is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):
        return False


def why_not_full_screen(environ: dict[str, str] | os._Environ[str] | None = None,
                        stdin: TextIO | None = None, stdout: TextIO | None = None) -> str | None:
    """Why the full-screen app would be unreadable here, or None when it can be drawn. With
    TEXTUAL_DRIVER set, another driver draws it (the browser seats of `svassess serve`), so the
    terminal does not matter."""
    environ = os.environ if environ is None else environ
    if environ.get("TEXTUAL_DRIVER"):
        return None
    if environ.get("TERM", "").strip().lower() == "dumb":
        return "this terminal (TERM=dumb) cannot show the full-screen app"
    if not is_terminal(stdout if stdout is not None else sys.stdout):
        return "the output is not a terminal, so the full-screen app cannot be drawn"
    if not is_terminal(stdin if stdin is not None else sys.stdin):
        return "the input is not a terminal, so the full-screen app cannot read keys"
    return None


def plain_mode_hint(reason: str, ref: str | None) -> str:
    """One sentence saying plain mode exists and how to start it."""
    if ref is not None:
        how = f"`svassess answer {shell_quoted(ref)}` carries it on"
    else:
        how = ("`svassess answer --new NAME` starts an assessment and `svassess answer NAME` "
               "carries one on")
    return (f"{reason[0].upper()}{reason[1:]}; answer the questions line by line instead: "
            f"{how} (see `svassess answer --help`).")


def shell_quoted(text: str) -> str:
    return text if re.fullmatch(r"[\w./:-]+", text) else '"' + text.replace('"', '\\"') + '"'
