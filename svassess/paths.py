"""Where svassess keeps its data and finds its question banks.

The data folder is, in order: `--data-dir`, the SVASSESS_DATA_DIR environment variable, a portable
folder beside the program (see PORTABLE_MARKER), or the user's data folder from platformdirs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NamedTuple

ENV_VAR = "SVASSESS_DATA_DIR"
PORTABLE_MARKER = "svassess-portable"
"""A file of this name in the Python environment's folder, or in the folder holding it, makes that
folder portable: data is then kept in `svassess-data` beside the marker (e.g. on a USB stick)."""
PORTABLE_DATA = "svassess-data"


class DataLocation(NamedTuple):
    path: Path
    source: str
    """How the folder was chosen, in words: shown by `svassess where`."""


def shipped_banks_dir() -> Path:
    """The banks that come with svassess: inside the installed package, or the source checkout."""
    installed = Path(__file__).resolve().parent / "questions"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "questions"


def portable_marker(prefix: Path | None = None) -> Path | None:
    prefix = Path(sys.prefix) if prefix is None else prefix
    for folder in (prefix, prefix.parent):
        marker = folder / PORTABLE_MARKER
        if marker.is_file():
            return marker
    return None


def data_location(data_dir: str | os.PathLike[str] | None = None) -> DataLocation:
    if data_dir:
        return DataLocation(Path(data_dir).expanduser().absolute(), "from --data-dir")
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return DataLocation(Path(from_env).expanduser().absolute(), f"from {ENV_VAR}")
    marker = portable_marker()
    if marker:
        return DataLocation(marker.parent / PORTABLE_DATA, f"portable: marker file {marker}")
    import platformdirs

    return DataLocation(Path(platformdirs.user_data_dir("svassess", appauthor=False)),
                        "your user data folder")


def bank_dirs(data_dir: Path) -> list[Path]:
    """Banks are read from the shipped folder, then the data folder's `banks/` (your own).
    A bank of your own cannot take a shipped bank's id: give an adapted copy a new id."""
    return [shipped_banks_dir(), user_banks_dir(data_dir)]


def user_banks_dir(data_dir: Path) -> Path:
    return data_dir / "banks"


def default_export_dir(location: DataLocation) -> Path:
    """Where exports go unless the user says otherwise: beside the data in a portable set-up,
    else the user's Documents folder if it exists, else the home folder."""
    if location.source.startswith("portable"):
        return location.path.parent
    import platformdirs

    documents = Path(platformdirs.user_documents_dir())
    return documents if documents.is_dir() else Path.home()
