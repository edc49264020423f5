"""What a list of assessments shows of each (name, organisation, score, level, date), remembered
in the user's cache folder so that listing fifty assessments need not parse fifty files.

Never trusted over the file. An entry is found by the SHA-256 of the file's current bytes, so a
file that changed in any way is read again; it is used only for the same svassess, the same
index format and a bank of the same id, version and content. The index lives in the user's own
cache folder, never in the data folder (whose writer may be someone else), and is ignored unless
it is a regular file owned by this user that nobody else may write. Every entry is checked
before use: a value of the wrong type or out of range, an id that does not name the file, or a
name or organisation that does not appear in the file's bytes makes it a miss (the file is then
parsed as usual). A level's name is taken from the installed bank, never from an entry.

The banks themselves need not be loaded: what a list needs of them (each bank's key and its
levels' names, and the problems loading met), and the time they take as the home screen says
it, is remembered under a hash of every byte the banks
are loaded from (bank_files.bank_files_key), and used only while that hash is unchanged. The
banks are loaded when a file must be scored, or when the bank files changed.
Unreadable, oversized or damaged indexes are ignored and written again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from svassess import __version__
from svassess.text import clean_line, clean_text

if TYPE_CHECKING:
    from svassess.bank import Bank
    from svassess.bank_files import LazyBankSet

FORMAT = 1
MAX_INDEX_BYTES = 8 * 1024 * 1024
"""A larger index file is not read (it would take longer than parsing the files)."""
MAX_ENTRIES = 5_000
"""The most entries kept; the oldest go first."""
MAX_TEXT = 4_096
"""The longest name or organisation kept in an entry (longer ones are simply not indexed)."""


class Summary(NamedTuple):
    """One assessment as a list shows it. `level_id` and `score` are None when its bank is not
    installed."""

    path: Path
    id: str
    name: str
    organisation: str
    bank: str
    bank_version: str
    updated: dt.datetime
    digest: str
    completeness: int | None
    provisional: bool | None
    score: float | None
    level_id: str | None
    level_name: str | None


def summarise(path: Path, digest: str, assessment: Any, bank: Bank | None) -> Summary:
    """The summary of an assessment just read from `path` (whose bytes hash to `digest`)."""
    from svassess.rounding import shown_score
    from svassess.scoring import score_assessment

    result = score_assessment(bank, assessment) if bank else None
    return Summary(
        path=path, id=assessment.id, name=assessment.name,
        organisation=assessment.organisation, bank=assessment.bank,
        bank_version=assessment.bank_version, updated=assessment.updated, digest=digest,
        completeness=shown_score(result.completeness) if result else None,
        provisional=result.provisional if result else None,
        score=result.overall if result else None,
        level_id=result.level.id if result else None,
        level_name=result.level.name if result else None)


class BankFacts(NamedTuple):
    """What a list needs of an installed bank: the key its summaries are filed under (its id,
    version and a hash of its file: scores depend on all three) and its levels' names by id."""

    key: str
    levels: Mapping[str, str]


def bank_facts(bank: Bank) -> BankFacts:
    content = ""
    if bank.path is not None:
        with contextlib.suppress(OSError):
            content = hashlib.sha256(bank.path.read_bytes()).hexdigest()
    return BankFacts(f"{bank.id}\0{bank.version}\0{content}",
                     {level.id: level.name for level in bank.levels})


def default_index_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("svassess", appauthor=False)) / "summaries.json"


class SummaryIndex:
    """The index file; `lookup` and `remember` work in memory, `save` writes it back once.

    `banks` is the installed banks, or a bank_files.LazyBankSet to load them only if needed."""

    def __init__(self, path: Path | None, banks: Mapping[str, Bank] | LazyBankSet):
        self.path = path
        self._banks = banks
        self._document: dict[str, Any] | None = None
        self._changed = False
        self._facts: Mapping[str, BankFacts] | None = None
        self._bank_problems: tuple[str, ...] = ()
        self._banks_time = ""

    # --- the banks -----------------------------------------------------------------------------

    @property
    def banks(self) -> Mapping[str, Bank]:
        """The installed banks (loaded now if they were not)."""
        return self._banks if isinstance(self._banks, Mapping) else self._banks.loaded.banks

    def facts(self) -> Mapping[str, BankFacts]:
        """Each installed bank's facts: remembered under the bank files' hash if they are, else
        worked out from the banks (and remembered)."""
        if self._facts is None:
            source = self._banks
            if isinstance(source, Mapping):
                self._facts = {bid: bank_facts(b) for bid, b in source.items()}
            elif (remembered := _checked_bank_set(self._load_document().get("banks"),
                                                  source.files_key)) is not None:
                self._facts, self._bank_problems, self._banks_time = remembered
            else:
                self._facts = {bid: bank_facts(b) for bid, b in source.loaded.banks.items()}
                self._bank_problems = tuple(str(p) for p in source.loaded.problems)
                self._banks_time = _describe_time(source.loaded.banks)
                if source.unchanged():
                    self._remember_bank_set(source.files_key)
        return self._facts

    def _remember_bank_set(self, files_key: str) -> None:
        assert self._facts is not None
        self._load_document()["banks"] = {
            "files_key": files_key,
            "facts": {bid: {"key": f.key, "levels": dict(f.levels)}
                      for bid, f in self._facts.items()},
            "problems": list(self._bank_problems),
            "time": self._banks_time}
        self._changed = True

    def bank_problems(self) -> tuple[str, ...]:
        """The problems met loading the banks (or remembered with their facts), when this index
        was given a LazyBankSet and has needed the facts (a folder with no files needs none)."""
        return self._bank_problems

    def banks_time(self) -> str:
        """How long the installed banks take, as the home screen says it
        (estimate.describe_banks_time), remembered with their facts."""
        if isinstance(self._banks, Mapping):
            return _describe_time(self._banks)
        self.facts()
        return self._banks_time

    # --- reading -------------------------------------------------------------------------------

    def _load_document(self) -> dict[str, Any]:
        if self._document is None:
            self._document = self._read() if self.path is not None else {}
            if not isinstance(self._document.get("entries"), dict):
                self._document = {"entries": {}}
        return self._document

    def _load(self) -> dict[str, Any]:
        return self._load_document()["entries"]

    def _read(self) -> dict[str, Any]:
        assert self.path is not None
        try:
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return {}
        try:
            info = os.fstat(fd)
            if not _trusted(info) or info.st_size > MAX_INDEX_BYTES:
                return {}
            with os.fdopen(fd, "rb", closefd=False) as stream:
                raw = stream.read(MAX_INDEX_BYTES + 1)
        except OSError:
            return {}
        finally:
            os.close(fd)
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            return {}
        if (not isinstance(data, dict) or data.get("format") != FORMAT
                or data.get("svassess") != __version__
                or not isinstance(data.get("entries"), dict)):
            return {}
        return data

    def lookup(self, path: Path, data: bytes, digest: str) -> Summary | None:
        """The summary for a file whose bytes are `data` (hashing to `digest`), or None when
        there is none that can be used."""
        entry = self._load().get(digest)
        try:
            return self._checked(path, data, digest, entry)
        except (TypeError, ValueError, KeyError, AttributeError, OverflowError):
            return None

    def _checked(self, path: Path, data: bytes, digest: str, entry: Any) -> Summary | None:
        if not isinstance(entry, dict):
            return None
        texts = [entry[k] for k in ("id", "name", "organisation", "bank", "bank_version",
                                    "updated", "bank_key")]
        if not all(isinstance(t, str) and len(t) <= MAX_TEXT for t in texts):
            return None
        ident, name, organisation, bank_id, bank_version, updated, bank_key = texts
        if ident != path.stem or entry.get("digest") != digest:
            return None
        for text in (ident, name, organisation, bank_id):
            if text and text.encode("utf-8") not in data:
                return None
        facts = self.facts().get(bank_id)
        if bank_key != (facts.key if facts else ""):
            return None
        when = dt.datetime.fromisoformat(updated)
        if when.tzinfo is None:
            return None
        completeness, provisional, score, level_id = (
            entry["completeness"], entry["provisional"], entry["score"], entry["level"])
        level_name = None
        if facts is None:
            if (completeness, provisional, score, level_id) != (None, None, None, None):
                return None
        else:
            if not (type(completeness) is int and 0 <= completeness <= 100
                    and type(provisional) is bool
                    and type(score) in (int, float) and 0 <= score <= 100
                    and isinstance(level_id, str)):
                return None
            level_name = facts.levels.get(level_id)
            if level_name is None:
                return None
        return Summary(path=path, id=ident, name=clean_text(name),
                       organisation=clean_text(organisation), bank=bank_id,
                       bank_version=bank_version, updated=when, digest=digest,
                       completeness=completeness, provisional=provisional,
                       score=None if score is None else float(score), level_id=level_id,
                       level_name=level_name)

    # --- writing -------------------------------------------------------------------------------

    def remember(self, summary: Summary) -> None:
        if max(len(summary.name), len(summary.organisation)) > MAX_TEXT:
            return
        facts = self.facts().get(summary.bank)
        entries = self._load()
        entries.pop(summary.digest, None)
        entries[summary.digest] = {
            "digest": summary.digest, "id": summary.id, "name": summary.name,
            "organisation": summary.organisation, "bank": summary.bank,
            "bank_version": summary.bank_version, "updated": summary.updated.isoformat(),
            "bank_key": facts.key if facts else "",
            "completeness": summary.completeness, "provisional": summary.provisional,
            "score": summary.score, "level": summary.level_id}
        while len(entries) > MAX_ENTRIES:
            entries.pop(next(iter(entries)))
        self._changed = True

    def save(self) -> None:
        """Write the index back if it changed; a failure only means a slower list next time."""
        if not self._changed or self.path is None or self._document is None:
            return
        text = json.dumps({**self._document, "format": FORMAT, "svassess": __version__},
                          ensure_ascii=False)
        if len(text.encode("utf-8")) > MAX_INDEX_BYTES:
            return
        temp = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC
                         | getattr(os, "O_NOFOLLOW", 0), 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(temp, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                temp.unlink()
        self._changed = False


def _describe_time(banks: Mapping[str, Bank]) -> str:
    from svassess.estimate import describe_banks_time

    return describe_banks_time(banks.values())


def _checked_bank_set(record: Any, files_key: str) -> tuple[dict[str, BankFacts],
                                                            tuple[str, ...], str] | None:
    """The remembered bank facts, problems and time, if `record` was made from bank files
    hashing to `files_key` and is whole; else None."""
    if not isinstance(record, dict) or record.get("files_key") != files_key:
        return None
    facts, problems, time = record.get("facts"), record.get("problems"), record.get("time")
    if not isinstance(facts, dict) or not isinstance(problems, list) \
            or not all(isinstance(p, str) for p in problems) \
            or not isinstance(time, str) or len(time) > MAX_TEXT:
        return None
    checked = {}
    for bank_id, fact in facts.items():
        if not isinstance(fact, dict) or not isinstance(fact.get("key"), str):
            return None
        levels = fact.get("levels")
        if not isinstance(levels, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in levels.items()):
            return None
        checked[bank_id] = BankFacts(fact["key"], levels)
    return checked, tuple(problems), clean_line(time)


def _trusted(info: os.stat_result) -> bool:
    """A regular file of this user's that nobody else may write."""
    import stat

    if not stat.S_ISREG(info.st_mode) or info.st_mode & 0o022:
        return False
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()
