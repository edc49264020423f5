"""Tender files, `<data dir>/tenders/<id>.toml`, kept with the store's own machinery: the same
atomic save, lock, hash check, size cap and corrupt-file quarantine as assessments
(svassess/store.py). Nothing is written until the user changes something.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from svassess.store import (
    SUFFIX,
    AssessmentLock,
    Conflict,
    CorruptFile,
    InvalidFile,
    NewerVersion,
    NotFound,
    SaveFailed,
    Store,
    StoreError,
    digest_of,
    lock_file,
    parse_toml_bytes,
    read_data_file,
    set_aside,
    write_atomically,
)
from svassess.tender import SCHEMA_VERSION as TENDER_SCHEMA_VERSION
from svassess.tender import Finding, LineIndex, Tender, TenderInvalid, at_line, parse_document
from svassess.tender import to_document as tender_document

FOLDER = "tenders"


@dataclass(frozen=True)
class StoredTender:
    path: Path
    tender: Tender
    digest: str
    findings: list[Finding] = field(default_factory=list)
    lines: LineIndex | None = None


def encode_tender(tender: Tender) -> bytes:
    """Serialise, then re-parse, so that nothing unreadable is ever written."""
    data = tomli_w.dumps(tender_document(tender)).encode("utf-8")
    tomllib.loads(data.decode("utf-8"))
    return data


def decode_tender(data: bytes, path: Path = Path("the tender")) -> StoredTender:
    """Raises InvalidFile saying why the bytes are not a tender (with the line where known), or
    NewerVersion (such a file is not corrupt, so it is never set aside)."""
    parsed = parse_toml_bytes(data)
    version = parsed.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and \
            version > TENDER_SCHEMA_VERSION:
        raise NewerVersion(f"{path} was saved by a newer svassess (tender format {version}; "
                           f"this one reads up to {TENDER_SCHEMA_VERSION}); upgrade svassess "
                           f"to open it.")
    text = data.decode("utf-8")
    try:
        result = parse_document(parsed, text)
    except TenderInvalid as exc:
        raise InvalidFile(f"{exc}{at_line(exc.line)}") from None
    return StoredTender(Path(), result.tender, digest_of(data), result.findings, result.lines)


def read_tender(path: Path, follow_links: bool = True) -> StoredTender:
    """Read a tender file from anywhere, changing nothing: only a regular file of at most the
    store's size limit. Raises CorruptFile, NotFound or StoreError, each one plain sentence
    naming the file."""
    data = read_data_file(path, follow_links)
    try:
        stored = decode_tender(data, path)
    except InvalidFile as exc:
        raise CorruptFile(f"{path} cannot be read: {exc}. It was left as it is.", path,
                          reason=str(exc)) from None
    return StoredTender(path, stored.tender, stored.digest, stored.findings, stored.lines)


@dataclass
class TenderListing:
    items: list[StoredTender] = field(default_factory=list)
    problems: list[StoreError] = field(default_factory=list)


class TenderStore:
    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.folder = data_dir / FOLDER
        self._store = Store(data_dir)
        """The assessments' store: its checks on links inside the data folder serve here too."""

    def path_for(self, tender_id: str) -> Path:
        return self.folder / f"{tender_id}{SUFFIX}"

    def contains(self, path: Path) -> bool:
        try:
            return path.parent.resolve() == self.folder.resolve()
        except OSError:
            return False

    def read(self, path: Path) -> StoredTender:
        """Read one tender; a corrupt file in the data folder is set aside, then reported."""
        inside = self.contains(path)
        if inside:
            self._store.check_no_link(path)
        try:
            stored = read_tender(path, follow_links=not inside)
        except CorruptFile as exc:
            if exc.reason and inside:
                raise set_aside(path, self.folder, exc.reason) from None
            raise
        if inside and path.stem != stored.tender.id:
            raise StoreError(f"{path} holds the tender {stored.tender.id}, so its name does not "
                             f"match; it was left as it is. Rename it {stored.tender.id}.toml "
                             f"to use it.")
        return stored

    def find(self, ref: str) -> StoredTender:
        """A tender by the path of its file, or by its id in the data folder."""
        candidate = Path(ref).expanduser()
        if candidate.is_file() or ref.endswith(SUFFIX) or os.sep in ref:
            return self.read(candidate)
        by_id = self.path_for(ref)
        if not ref.startswith(".") and by_id.is_file():
            return self.read(by_id)
        raise NotFound(f"No tender {ref!r} in {self.folder}; give the path of the tender file.")

    def tenders(self, assessment: str | None = None) -> TenderListing:
        """Every readable tender (those drawing on `assessment`, if given), by title."""
        listing = TenderListing()
        if not self.folder.is_dir():
            return listing
        for path in sorted(self.folder.glob(f"*{SUFFIX}")):
            if path.name.startswith("."):
                continue
            try:
                stored = self.read(path)
            except StoreError as exc:
                listing.problems.append(exc)
                continue
            if assessment is None or stored.tender.assessment == assessment:
                listing.items.append(stored)
        listing.items.sort(key=lambda s: (s.tender.title.casefold(), s.tender.id))
        return listing

    def save(self, tender: Tender, expected_digest: str | None) -> str:
        """Save atomically; returns the new digest. Refuses (Conflict) when the file on disk is
        no longer the one that was read."""
        self._store.check_no_link(self.path_for(tender.id))
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SaveFailed(f"Cannot create the folder {self.folder} ({exc.strerror or exc}); "
                             f"choose another data folder with --data-dir.") from None
        target = self.path_for(tender.id)
        try:
            current = target.read_bytes()
        except FileNotFoundError:
            current = None
        except OSError as exc:
            raise SaveFailed(f"Cannot read {target} before saving ({exc.strerror or exc}); "
                             f"the tender is not saved.") from None
        if (current is None) != (expected_digest is None) or \
                (current is not None and digest_of(current) != expected_digest):
            raise Conflict(f"{target} was changed by another program after it was opened; "
                           f"nothing was saved over it. Open the tender again.")
        data = encode_tender(tender)
        write_atomically(target, data)
        return digest_of(data)

    def lock(self, tender_id: str) -> AssessmentLock:
        self._store.check_no_link(Path(f"{self.path_for(tender_id)}.lock"))
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SaveFailed(f"Cannot create the folder {self.folder} ({exc.strerror or exc})."
                             ) from None
        return lock_file(self.path_for(tender_id))


def rules_path() -> Path:
    """The shipped tender rules (questions/tenders/rules.toml)."""
    from svassess.paths import shipped_banks_dir

    return shipped_banks_dir() / "tenders" / "rules.toml"


def load_shipped_rules():
    """The shipped tender rules; raises BankError naming the file if it is damaged."""
    from svassess.tender_checks import load_rules

    return load_rules(rules_path())


class TenderEdit:
    """One tender open for editing: holds its lock, and saves each change at once (refusing to
    save over a file another program changed)."""

    def __init__(self, store: TenderStore, tender: Tender, digest: str | None, lock):
        self.store, self.tender, self.digest, self._lock = store, tender, digest, lock

    @classmethod
    def open(cls, store: TenderStore, stored: StoredTender) -> TenderEdit:
        lock = store.lock(stored.tender.id)
        return cls(store, stored.tender, stored.digest, lock)

    @classmethod
    def create(cls, store: TenderStore, tender: Tender) -> TenderEdit:
        lock = store.lock(tender.id)
        try:
            digest = store.save(tender, None)
        except StoreError:
            lock.release()
            raise
        return cls(store, tender, digest, lock)

    def change(self, change) -> None:
        """Apply `change(tender)` and save; on failure the tender is as it was on disk."""
        import copy

        before = copy.deepcopy(self.tender)
        change(self.tender)
        try:
            self.digest = self.store.save(self.tender, self.digest)
        except StoreError:
            self.tender.__dict__.update(before.__dict__)
            raise

    def close(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None
