"""Exports of the report. Every format renders the same report objects the TUI shows."""

from __future__ import annotations

import io
import re
from pathlib import Path

from rich.console import Console

from svassess.report import Report, render_report
from svassess.text import clean_text

FORMATS = ("text",)
EXTENSIONS = {"text": "txt"}
TEXT_WIDTH = 80
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                     *(f"lpt{i}" for i in range(1, 10))}


def safe_file_name(name: str, fmt: str) -> str:
    """A file name made from an assessment's name that is safe on every operating system."""
    stem = re.sub(r"[^\w\- ]+", "-", name, flags=re.UNICODE)
    stem = re.sub(r"[\s-]+", "-", stem).strip("-._")[:60].strip("-._")
    if not stem or stem.casefold() in _WINDOWS_RESERVED:
        stem = f"assessment-{stem}" if stem else "assessment"
    return f"{stem}.{EXTENSIONS[fmt]}"


def export_text(report: Report) -> str:
    """Plain UTF-8 text, wrapped at 80 columns, with no escape codes."""
    console = Console(record=True, width=TEXT_WIDTH, file=io.StringIO(), color_system=None,
                      force_terminal=False, highlight=False, emoji=False, legacy_windows=False)
    console.print(render_report(report))
    text = console.export_text(styles=False)
    return "\n".join(line.rstrip() for line in clean_text(text).splitlines()) + "\n"


def save_export(content: str, target: Path, overwrite: bool) -> None:
    """Write an export; without `overwrite`, raise FileExistsError rather than replace a file."""
    with open(target, "w" if overwrite else "x", encoding="utf-8", newline="\n") as handle:
        handle.write(content)


def export(report: Report, fmt: str) -> str:
    if fmt == "text":
        return export_text(report)
    raise ValueError(f"unknown export format {fmt!r}")
