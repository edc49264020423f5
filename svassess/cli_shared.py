"""What the command-line modules (svassess/cli.py and svassess/tender_cli.py) share: the error a
user is shown, printing a line safely, loading the banks and writing an output file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from svassess.bank_files import LazyBankSet
    from svassess.bank_loader import BankSet


class UserError(Exception):
    """An expected failure: its message is printed alone, and svassess exits with 1."""


def say(message: object, error: bool = False) -> None:
    """Print one message line. Paths and names in it may come from a hostile folder, so every
    control character is shown as a visible escape, never sent to the terminal."""
    from svassess.text import printable

    print(printable(str(message)), file=sys.stderr if error else sys.stdout)


def load_banks(data_dir: Path, quiet: bool = False) -> BankSet:
    """The banks, loaded now; their problems are printed as warnings unless `quiet`."""
    bank_set = lazy_banks(data_dir).loaded
    if not quiet:
        for problem in bank_set.problems:
            say(f"svassess: warning: a bank was not loaded: {problem}", error=True)
    return bank_set


def lazy_banks(data_dir: Path) -> LazyBankSet:
    """The shipped banks and the data folder's own, loaded when first needed."""
    from svassess.bank_files import LazyBankSet
    from svassess.paths import bank_dirs, user_banks_dir
    from svassess.toml_cache import CachedParser, default_cache_folder

    folders, no_links_in = bank_dirs(data_dir), [user_banks_dir(data_dir)]

    def load() -> BankSet:
        from svassess.bank_loader import load_bank_dirs

        return load_bank_dirs(folders, CachedParser(default_cache_folder()), no_links_in)

    return LazyBankSet(folders, load, no_links_in)


def write_output(target: Path, content: str, force: bool) -> None:
    from svassess.export import save_export

    try:
        save_export(content, target, overwrite=force)
    except FileExistsError:
        raise UserError(f"{target} already exists; add --force to replace it, or choose "
                        f"another file with -o.") from None
    except OSError as exc:
        raise UserError(f"Could not write {target} ({exc.strerror or exc}); choose another "
                        f"file with -o.") from None
