"""Text from users and bank files is untrusted: these helpers make it safe to store and show."""

import re

# C0 controls except tab and newline, DEL, and C1 controls. Escape sequences start with ESC (C0) or
# CSI/OSC (C1), so removing these makes any terminal escape sequence inert.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional overrides and isolates change how the rest of a line is shown.
_BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# Lone surrogates cannot be written as UTF-8 (saving would fail); they can only come from
# undecodable bytes (file names, odd terminals). They become the replacement character.
_SURROGATES = re.compile(r"[\ud800-\udfff]")


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """One line safe to print to a terminal, with nothing removed: every control character
    (newline and tab included), bidirectional override and undecodable byte is written as a
    visible escape such as `\\x1b`, so a hostile file name cannot change the terminal and can
    still be found."""
    return _UNPRINTABLE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def has_controls(text: str) -> bool:
    """True when text holds a control character other than tab or newline."""
    return _CONTROLS.search(text) is not None


def clean_text(text: str) -> str:
    """Remove control characters (carriage returns included) except tab and newline."""
    if text.isascii() and text.isprintable():  # most text: nothing to remove, found in C
        return text
    return _SURROGATES.sub("\ufffd", _CONTROLS.sub("", text))


def clean_block(text: str) -> str:
    """Text of several lines for display: controls and bidirectional overrides removed (they
    would reorder what follows them), line breaks kept."""
    return _BIDI_CONTROLS.sub("", clean_text(text))


def clean_line(text: str) -> str:
    """A single display line: controls and bidirectional overrides removed, whitespace collapsed."""
    return " ".join(_BIDI_CONTROLS.sub("", clean_text(text)).split())
