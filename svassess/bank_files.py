"""Which files the question banks are loaded from, a key for their bytes, and banks loaded only
when first needed.

Kept apart from svassess.bank_loader (which parses, validates and builds the bank model) so that
what is remembered from the banks (svassess/summary_index.py) can be checked against their files
without importing any of that: the app's first screen and `list` usually need none of it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from svassess import __version__
from svassess.files import FileRefused, is_link, read_regular
from svassess.text import clean_line, printable

if TYPE_CHECKING:
    from svassess.bank import Bank

MAX_FILE_BYTES = 2_000_000
RESOURCES_FILE = "resources.toml"

TomlParser = Callable[[str], dict[str, Any]]


class Problem(NamedTuple):
    """One thing wrong with a bank or resource file, said so its author can fix it."""

    path: Path
    message: str
    line: int | None = None

    def __str__(self) -> str:
        """One printable line: text quoted from the file cannot reach the terminal raw, and a
        file name with control characters in it is shown with them escaped."""
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{printable(where)}: {clean_line(self.message)}"


class BankSet(NamedTuple):
    """The banks found in some folders, and the problems that kept others out."""

    banks: Mapping[str, Bank]
    problems: tuple[Problem, ...] = ()


def is_resource_file(path: Path) -> bool:
    return path.name == RESOURCES_FILE


def bank_folder_files(folders: Iterable[Path],
                       no_links_in: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """Each file load_bank_dirs looks at, in its order, with its role: "catalogue" (a folder's
    resources.toml), "bank", or "link" (a link in a folder of `no_links_in`, left alone)."""
    untrusted = set(no_links_in)
    for folder in folders:
        catalogue = folder / RESOURCES_FILE
        if folder in untrusted and is_link(catalogue):
            yield catalogue, "link"
        elif catalogue.is_file():
            yield catalogue, "catalogue"
        for path in sorted(folder.glob("*.toml")) if folder.is_dir() else ():
            if is_resource_file(path):
                continue
            yield path, "link" if folder in untrusted and is_link(path) else "bank"


def bank_files_key(folders: Iterable[Path], no_links_in: Iterable[Path] = ()) -> str:
    """A hash of everything load_bank_dirs would read from the folders (each file's place, role
    and bytes), without parsing any of it: the same key means the same banks and problems, for
    the same svassess. What is worked out from the banks can be remembered under it."""
    digest = hashlib.sha256(f"svassess {__version__}".encode())
    for path, role in bank_folder_files(list(folders), no_links_in):
        digest.update(f"\0{path}\0{role}\0".encode("utf-8", "surrogateescape"))
        if role != "link":
            try:
                digest.update(hashlib.sha256(read_regular(path, MAX_FILE_BYTES)).digest())
            except (OSError, FileRefused) as exc:
                digest.update(f"unread {exc}".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


class LazyBankSet:
    """The banks of some folders, loaded by `load` (bank_loader.load_bank_dirs of the same
    folders) when first asked for. `files_key` (bank_files_key) lets what is worked out from them
    be remembered and used, without loading them, while no byte they are loaded from changes
    (svassess/summary_index.py). The loader is given, not imported, so that this module stays
    below bank_loader."""

    def __init__(self, folders: Iterable[Path], load: Callable[[], BankSet],
                 no_links_in: Iterable[Path] = ()):
        self.folders, self.load, self.no_links_in = list(folders), load, list(no_links_in)
        self._loaded: BankSet | None = None
        self._files_key: str | None = None

    @property
    def loaded(self) -> BankSet:
        if self._loaded is None:
            self._loaded = self.load()
        return self._loaded

    @property
    def files_key(self) -> str:
        if self._files_key is None:
            self._files_key = bank_files_key(self.folders, self.no_links_in)
        return self._files_key

    def unchanged(self) -> bool:
        """Whether the files still hash to `files_key` (so what was loaded matches the key)."""
        return bank_files_key(self.folders, self.no_links_in) == self.files_key
