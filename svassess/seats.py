"""Seats for a browser workshop: each browser gets its own data folder under the workshop folder.

No web code here (the server is svassess/tui/serve.py): ids, where a seat's folder is, and what has
been saved in it, read through the store.
"""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path
from typing import NamedTuple

from svassess.assessment import has_value
from svassess.store import Store

ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
"""Lower-case letters and digits without the ones easily mistaken (i, l, o, 0, 1)."""
CODE_LENGTH = 8
SEAT_LENGTH = 12
SEATS_FOLDER = "seats"
BANKS_FOLDER = "banks"


def random_id(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def is_seat_id(text: str) -> bool:
    """Seat ids come from browsers: only ours (our alphabet, our length) name a folder."""
    return len(text) == SEAT_LENGTH and all(c in ALPHABET for c in text)


class Saved(NamedTuple):
    assessments: int
    answers: int


class Workshop:
    """The workshop folder: `seats/<seat id>/` is each seat's data folder. The facilitator's own
    question banks (`banks_from`) are copied into each seat, so seats can use them too."""

    def __init__(self, folder: Path, banks_from: Path | None = None):
        self.folder = folder
        self.seats = folder / SEATS_FOLDER
        self.banks_from = banks_from

    def seat_folder(self, seat: str) -> Path:
        if not is_seat_id(seat):
            raise ValueError(f"not a seat id: {seat!r}")
        return self.seats / seat

    def prepare(self, seat: str) -> Path:
        """Make the seat's data folder if it is new (or was deleted) and give it the
        facilitator's banks as they are now. Raises OSError."""
        folder = self.seat_folder(seat)
        folder.mkdir(parents=True, exist_ok=True)
        if self.banks_from is not None and self.banks_from.is_dir():
            for bank in sorted(self.banks_from.glob("*.toml")):
                (folder / BANKS_FOLDER).mkdir(exist_ok=True)
                shutil.copyfile(bank, folder / BANKS_FOLDER / bank.name)
        return folder

    def known_seats(self) -> list[str]:
        try:
            return sorted(p.name for p in self.seats.iterdir() if is_seat_id(p.name))
        except OSError:
            return []

    def saved(self, seat: str) -> Saved | None:
        """What the seat has saved; None when its folder is gone."""
        folder = self.seat_folder(seat)
        if not folder.is_dir():
            return None
        listing = Store(folder).assessments()
        answers = sum(1 for s in listing.items for a in s.assessment.answers.values()
                      if has_value(a))
        return Saved(len(listing.items), answers)
