"""Text from users and bank files is untrusted: these helpers make it safe to store and show."""

import re

# C0 controls except tab and newline, DEL, and C1 controls. Escape sequences start with ESC (C0) or
# CSI/OSC (C1), so removing these makes any terminal escape sequence inert.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional overrides and isolates change how the rest of a line is shown.
_BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


def has_controls(text: str) -> bool:
    """True when text holds a control character other than tab or newline."""
    return _CONTROLS.search(text) is not None


def clean_text(text: str) -> str:
    """Remove control characters (carriage returns included) except tab and newline."""
    return _CONTROLS.sub("", text)


def clean_line(text: str) -> str:
    """A single display line: controls and bidirectional overrides removed, whitespace collapsed."""
    return " ".join(_BIDI_CONTROLS.sub("", clean_text(text)).split())
