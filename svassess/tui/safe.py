"""Untrusted text (names, notes, bank text) made safe to show in a widget: never markup."""

from __future__ import annotations

from textual.content import Content

from svassess.text import clean_block, clean_line


def literal(text: str) -> Content:
    """Text shown exactly as written, with control characters removed."""
    return Content(clean_block(text))


def literal_line(text: str) -> Content:
    """One line of text, exactly as written, controls and bidirectional overrides removed."""
    return Content(clean_line(text))
