"""The only code that reads or writes assessment files.

Files live in `<data dir>/assessments/<id>.toml` (format: docs/file-formats.md). Saving never loses
what was there: bytes go to a temp file in the same folder, are synced to disk, and replace the old
file in one step. A file that cannot be read is set aside under a new name, never deleted or
overwritten, and the rest keep working. A lock file per assessment keeps a second program from
editing the same assessment, and a hash check catches anything that got past it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import os
import re
import time
from collections.abc import Callable, Generator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from svassess.files import (
    READS_IN_FOLDER,
    TEMP_MARK,
    FileRefused,
    TooLarge,
    link_inside,
    open_folder,
    read_regular,
    read_regular_in,
    why_not_written,
)
from svassess.files import write_atomically as _write_file
from svassess.text import clean_text, printable

# The assessment and plan models (and tomli_w) are imported where a file is read or written:
# listing from the summary index, as the app's first screen does, needs none of them.
if TYPE_CHECKING:
    from svassess.assessment import Assessment
    from svassess.bank import Bank
    from svassess.bank_files import LazyBankSet
    from svassess.plan import ActionPlan
    from svassess.summary_index import Summary, SummaryIndex

SCHEMA_VERSION = 1
MAX_FILE_BYTES = 256 * 1024
"""An assessment file is at most this big (a whole questionnaire with a long note on every
question is under 200 KB). Saving re-reads and re-writes the whole file on every answer, and this
keeps each save well under a tenth of a second; the same limit refuses huge hostile files."""
MAX_ANSWERS = 1_000
"""An assessment holds at most this many answers (a bank has at most 1,000 questions)."""
MAX_DEPTH = 50
"""Tables and lists nested deeper than this are refused (an assessment needs about four)."""
EARLIEST_YEAR, LATEST_YEAR = 1970, 9998
"""Dates outside these years are refused: they cannot be shown in every time zone."""
STALE_TEMP_SECONDS = 60.0
"""A temp file this old is left from an interrupted save (a save takes milliseconds)."""
SUFFIX = ".toml"
CORRUPT_SUFFIX = ".corrupt-"

Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[int, Migration] = {}
"""MIGRATIONS[n] turns a parsed file of schema_version n into version n + 1. None are needed yet:
add one here, and bump SCHEMA_VERSION, when the file format changes."""


class StoreError(Exception):
    """An expected failure, said in one plain sentence that names the file and what to do.

    File names come from folders that may be hostile, so control characters in the sentence are
    shown as visible escapes (svassess.text.printable) wherever it is printed or displayed."""

    def __init__(self, message: str):
        super().__init__(printable(message))


class NotFound(StoreError):
    pass


class Ambiguous(StoreError):
    pass


class CorruptFile(StoreError):
    def __init__(self, message: str, path: Path, set_aside: Path | None = None,
                 reason: str = ""):
        super().__init__(message)
        self.path = path
        self.set_aside = set_aside
        self.reason = reason


class NewerVersion(StoreError):
    pass


class Locked(StoreError):
    pass


class Conflict(StoreError):
    pass


class SaveFailed(StoreError):
    pass


class Stored(NamedTuple):
    """An assessment as read from disk, with the hash of the bytes it was read from."""

    path: Path
    assessment: Assessment
    digest: str


# Plain classes rather than dataclasses: a dataclass costs about half a millisecond to define,
# and this module is read before the first frame.
class Listing:
    __slots__ = ("items", "problems")

    def __init__(self) -> None:
        self.items: list[Stored] = []
        self.problems: list[StoreError] = []


class SummaryListing:
    __slots__ = ("items", "problems", "bank_problems")

    def __init__(self, items: list[Summary] | None = None,
                 problems: list[StoreError] | None = None,
                 bank_problems: tuple[str, ...] = ()) -> None:
        self.items: list[Summary] = [] if items is None else items
        self.problems: list[StoreError] = [] if problems is None else problems
        self.bank_problems = bank_problems
        """What kept a bank from loading, when the banks were given as a LazyBankSet."""


class BanksOverview(NamedTuple):
    time: str
    problems: tuple[str, ...]
    """What kept a bank from loading, when the banks were given as a LazyBankSet."""


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- the file format ---------------------------------------------------------------------------

_ASSESSMENT_KEYS = {"id", "name", "organisation", "bank", "bank_version", "created", "updated",
                    "current"}
_ANSWER_KEYS = {"value", "note", "answered_at"}
_ACTION_KEYS = {"id", "title", "recommendation", "owner", "due", "status"}


class InvalidFile(Exception):
    """The file is not a valid data file (or not valid TOML); the message says why."""


_Invalid = InvalidFile


def to_document(assessment: Assessment) -> dict[str, Any]:
    """The TOML document for an assessment; unknown keys read earlier are written back."""
    meta = {
        **assessment.extra,
        "id": assessment.id,
        "name": assessment.name,
        "organisation": assessment.organisation,
        "bank": assessment.bank,
        "bank_version": assessment.bank_version,
        "created": assessment.created,
        "updated": assessment.updated,
        "current": assessment.current,
    }
    answers = {}
    for qid, answer in assessment.answers.items():
        entry: dict[str, Any] = {**answer.extra, "value": answer.value}
        if answer.note:
            entry["note"] = answer.note
        entry["answered_at"] = answer.answered_at
        answers[qid] = entry
    document = {**assessment.extra_top, "schema_version": SCHEMA_VERSION, "assessment": meta,
                "answers": answers}
    plan = plan_to_table(assessment.plan)
    if plan:
        document["plan"] = plan
    return document


def plan_to_table(plan: ActionPlan) -> dict[str, Any]:
    """The [plan] table; empty (and so left out of the file) when there is no plan yet."""
    table: dict[str, Any] = dict(plan.extra)
    if plan.dismissed:
        table["dismissed"] = list(plan.dismissed)
    actions = []
    for action in plan.actions:
        entry: dict[str, Any] = {**action.extra, "id": action.id, "title": action.title}
        if action.recommendation:
            entry["recommendation"] = action.recommendation
        if action.owner:
            entry["owner"] = action.owner
        if action.due:
            entry["due"] = action.due
        entry["status"] = action.status
        actions.append(entry)
    if actions:
        table["actions"] = actions
    return table


def plan_from_table(table: object) -> ActionPlan:
    from svassess.plan import STATUSES, Action, ActionPlan

    if not isinstance(table, dict):
        raise _Invalid("its [plan] is not a table")
    dismissed = table.get("dismissed", [])
    if not isinstance(dismissed, list) or not all(isinstance(d, str) for d in dismissed):
        raise _Invalid("plan.dismissed is not a list of recommendation ids")
    raw_actions = table.get("actions", [])
    if not isinstance(raw_actions, list) or not all(isinstance(a, dict) for a in raw_actions):
        raise _Invalid("plan.actions is not a list of tables")
    actions: list[Action] = []
    for entry in raw_actions:
        text = {key: entry.get(key, "") for key in ("id", "title", "recommendation", "owner")}
        if not all(isinstance(v, str) for v in text.values()) or not text["id"]:
            raise _Invalid("an action in the plan has a missing id or a value that is not text")
        if any(a.id == text["id"] for a in actions):
            raise _Invalid(f"two actions in the plan have the id {text['id']!r}")
        due = entry.get("due")
        if due is not None and (not isinstance(due, dt.date) or isinstance(due, dt.datetime)):
            raise _Invalid(f"the due date of action {text['id']!r} is not a date")
        status = entry.get("status", "not-started")
        if status not in STATUSES:
            raise _Invalid(f"the status of action {text['id']!r} is not one of "
                           f"{', '.join(STATUSES)}")
        actions.append(Action(
            id=text["id"], title=clean_text(text["title"]),
            recommendation=text["recommendation"], owner=clean_text(text["owner"]), due=due,
            status=status, extra={k: v for k, v in entry.items() if k not in _ACTION_KEYS}))
    return ActionPlan(actions, list(dismissed),
                      {k: v for k, v in table.items() if k not in {"dismissed", "actions"}})


def from_document(data: dict[str, Any]) -> Assessment:
    """Build an Assessment from a parsed file, or raise _Invalid saying what is wrong."""
    from svassess.assessment import Answer, Assessment

    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _Invalid("it has no schema_version, so it is not an svassess assessment")
    while version < SCHEMA_VERSION:
        migrate = MIGRATIONS.get(version)
        if migrate is None:
            raise _Invalid(f"schema_version {version} is not one this svassess can read")
        data = migrate(data)
        version += 1
    meta = data.get("assessment")
    if not isinstance(meta, dict):
        raise _Invalid("it has no [assessment] table")
    answers_table = data.get("answers", {})
    if not isinstance(answers_table, dict):
        raise _Invalid("its answers are not a table")
    if len(answers_table) > MAX_ANSWERS:
        raise _Invalid(f"it holds {len(answers_table):,} answers, more than the {MAX_ANSWERS:,} "
                       f"an assessment can have")

    created = _datetime(meta, "created")
    answers = {}
    for qid, entry in answers_table.items():
        if not isinstance(entry, dict):
            raise _Invalid(f"the answer to {qid!r} is not a table")
        value = entry.get("value", "")
        if isinstance(value, str):
            value = clean_text(value)
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = [clean_text(v) for v in value]
        elif not isinstance(value, int) or isinstance(value, bool):
            raise _Invalid(f"the answer to {qid!r} is neither text, a list of text nor a number")
        note = entry.get("note", "")
        if not isinstance(note, str):
            raise _Invalid(f"the note on {qid!r} is not text")
        answered_at = entry.get("answered_at", created)
        if not isinstance(answered_at, dt.datetime):
            raise _Invalid(f"answered_at on {qid!r} is not a date and time")
        answers[str(qid)] = Answer(
            value=value, note=clean_text(note),
            answered_at=_utc(answered_at, f"answered_at on {qid!r}"),
            extra={k: v for k, v in entry.items() if k not in _ANSWER_KEYS},
        )
    return Assessment(
        id=_assessment_id(meta),
        name=_text(meta, "name"),
        organisation=_text(meta, "organisation"),
        bank=_text(meta, "bank", required=True),
        bank_version=_text(meta, "bank_version"),
        created=created,
        updated=_datetime(meta, "updated", default=created),
        current=_text(meta, "current"),
        answers=answers,
        plan=plan_from_table(data.get("plan", {})),
        extra={k: v for k, v in meta.items() if k not in _ASSESSMENT_KEYS},
        extra_top={k: v for k, v in data.items()
                   if k not in {"schema_version", "assessment", "answers", "plan"}},
    )


_ID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_-]{0,63}$")


def _assessment_id(meta: dict[str, Any]) -> str:
    """The id names the file, so it may hold only letters, digits, '-' and '_' (never a path)."""
    value = meta.get("id")
    if not isinstance(value, str) or not _ID.match(value):
        raise _Invalid("[assessment] id is missing or not a plain id (letters, digits, '-' "
                       "and '_' only)")
    return value


def _text(table: dict[str, Any], key: str, required: bool = False) -> str:
    value = table.get(key, "")
    if not isinstance(value, str) or (required and not value):
        raise _Invalid(f"[assessment] {key} is missing or not text")
    return clean_text(value)


def _datetime(table: dict[str, Any], key: str, default: dt.datetime | None = None) -> dt.datetime:
    value = table.get(key, default)
    if not isinstance(value, dt.datetime):
        raise _Invalid(f"[assessment] {key} is missing or not a date and time")
    return _utc(value, f"[assessment] {key}")


def _utc(value: dt.datetime, what: str) -> dt.datetime:
    try:
        value = value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
    except OverflowError:
        value = dt.datetime.min
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise _Invalid(f"{what} is not a date between the years {EARLIEST_YEAR} and "
                       f"{LATEST_YEAR}")
    return value


_TOML_VALUES = (str, int, float, dt.datetime, dt.date, dt.time)  # bool is an int


def _unwritable(value: object) -> str | None:
    """Why parsed data could not be written back as TOML, or None: tables and lists nested more
    than MAX_DEPTH deep, or a value TOML cannot hold (only a damaged cache gives those)."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return "it is nested too deeply to read"
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
        elif not isinstance(item, _TOML_VALUES):
            return "it holds a value that TOML cannot"
    return None


def encode(assessment: Assessment) -> bytes:
    """Serialise, then re-parse, so that nothing unreadable is ever written. Raises SaveFailed
    when the result would be more than svassess reads back (MAX_FILE_BYTES, MAX_ANSWERS)."""
    import tomli_w

    if len(assessment.answers) > MAX_ANSWERS:
        raise SaveFailed(f"{assessment.name!r} has {len(assessment.answers):,} answers, more than "
                         f"the {MAX_ANSWERS:,} an assessment can have, so it was not saved.")
    data = tomli_w.dumps(to_document(assessment)).encode("utf-8")
    if len(data) > MAX_FILE_BYTES:
        raise SaveFailed(f"{assessment.name!r} was not saved: it would be {len(data) // 1024:,} "
                         f"KB, more than the {MAX_FILE_BYTES // 1024} KB an assessment may be; "
                         f"shorten the longest notes. The previous version is unchanged.")
    import tomllib

    tomllib.loads(data.decode("utf-8"))
    return data


def decode(data: bytes, path: Path) -> Assessment:
    """Parse a file's bytes. Raises _Invalid (corrupt) or NewerVersion."""
    parsed = parse_toml_bytes(data)
    version = parsed.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise NewerVersion(f"{path} was saved by a newer svassess (file format {version}; this "
                           f"one reads up to {SCHEMA_VERSION}); upgrade svassess to open it.")
    return from_document(parsed)


def parse_toml_bytes(data: bytes) -> dict[str, Any]:
    """A data file's bytes as parsed TOML, or InvalidFile saying in plain words why not: the
    checks every data file (assessments, tenders) gets before its own format is looked at."""
    if not data.strip():
        raise _Invalid("it is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        raise _Invalid("it starts with a byte-order mark (some editors add one)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise _Invalid("it is not UTF-8 text") from None
    import tomllib  # here: a list from the summary index, as at the first screen, parses none

    try:
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _Invalid(f"it is not valid TOML ({exc})") from None
    except RecursionError:
        raise _Invalid("it is nested too deeply to read") from None
    except ValueError:  # e.g. a number thousands of digits long
        raise _Invalid("it holds a value that cannot be read, such as a number thousands of "
                       "digits long") from None
    if (problem := _unwritable(parsed)) is not None:
        # It parsed, but could not be written back (too deep to write): refuse it now, not on
        # save.
        raise _Invalid(problem)
    return parsed


def read_assessment(path: Path, follow_links: bool = True) -> Stored:
    """Read an assessment file from anywhere, changing nothing. Only a regular file of at most
    MAX_FILE_BYTES is read (never a device, a pipe or, with `follow_links` false, a link).

    Raises CorruptFile (the file is left as it is), NewerVersion, NotFound or StoreError."""
    data = read_data_file(path, follow_links)
    try:
        assessment = decode(data, path)
    except _Invalid as exc:
        raise CorruptFile(f"{path} cannot be read: {exc}. It was left as it is.", path,
                          reason=str(exc)) from None
    return Stored(path, assessment, digest_of(data))


def read_data_file(path: Path, follow_links: bool = True) -> bytes:
    """The bytes of a data file (an assessment, a tender): only a regular file of at most
    MAX_FILE_BYTES (never a device, a pipe or, with `follow_links` false, a link). Raises
    NotFound, CorruptFile (too large; left as it is) or StoreError, each one sentence."""
    try:
        return read_regular(path, MAX_FILE_BYTES, follow_links)
    except FileNotFoundError:
        raise NotFound(f"{path} does not exist; check the name or path.") from None
    except TooLarge as exc:
        raise CorruptFile(f"{path} cannot be read: {exc}. It was left as it is.", path,
                          reason=str(exc)) from None
    except FileRefused as exc:
        raise StoreError(f"{path} was not read: {exc}. It was left as it is.") from None
    except OSError as exc:
        raise StoreError(f"Cannot read {path} ({exc.strerror or exc}); check that you "
                         f"may read it.") from None


# --- the store ---------------------------------------------------------------------------------

class Store:
    """The assessments of one data folder.

    Nothing in the data folder is trusted: a link inside it is never followed (svassess never
    reads, writes, renames or deletes anything outside the folder because of one), and only
    regular files are read. Every file shown or saved is read from the file itself; nothing is
    cached."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.folder = data_dir / "assessments"
        self.trash_folder = data_dir / "trash"

    def path_for(self, assessment_id: str) -> Path:
        return self.folder / f"{assessment_id}{SUFFIX}"

    def check_no_link(self, path: Path) -> None:
        """Raise StoreError naming the link when `path`, or a folder between the data folder and
        it, is a link."""
        link = link_inside(self.data_dir, path)
        if link is not None:
            raise StoreError(
                f"{link} is a link to {_link_target(link)}; svassess does not follow links "
                f"inside the data folder, so nothing there was read or changed. Replace the "
                f"link with a real {'folder' if link != path else 'file'}, or choose another "
                f"data folder with --data-dir.")

    def ensure_folder(self) -> None:
        self.check_no_link(self.folder)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SaveFailed(f"Cannot create the data folder {self.folder} "
                             f"({exc.strerror or exc}); choose another with --data-dir.") from None

    def read(self, path: Path) -> Stored:
        """Read one assessment. A corrupt file in the data folder is set aside, then reported.

        In the data folder a file must be named after the id inside it (everything else finds
        and saves it by id); a renamed copy is reported, not used, and left as it is."""
        inside = self.contains(path)
        if inside:
            self.check_no_link(path)
        try:
            data = read_data_file(path, follow_links=not inside)
        except CorruptFile as exc:
            return self._corrupt(path, exc.reason)
        return self._from_bytes(path, data, inside)

    def _from_bytes(self, path: Path, data: bytes, inside: bool,
                    folder: int | None = None) -> Stored:
        """The assessment in `data`, the bytes of the file `path`, checked as `read` says;
        `folder`, if given, is the opened folder it was read through (a corrupt file is then
        set aside within it)."""
        try:
            assessment = decode(data, path)
        except _Invalid as exc:
            return self._corrupt(path, str(exc), folder)
        if inside and path.stem != assessment.id:
            raise StoreError(f"{path} holds the assessment {assessment.id}, so its name "
                             f"does not match; it was left as it is. To keep it as a separate "
                             f"assessment, move it out of {self.folder} and run `svassess import "
                             f"--as-copy` on it.")
        return Stored(path, assessment, digest_of(data))

    def contains(self, path: Path) -> bool:
        """Whether the file is in this data folder's assessments."""
        try:
            return path.parent.resolve() == self.folder.resolve()
        except OSError:
            return False

    def _corrupt(self, path: Path, reason: str, folder: int | None = None) -> Stored:
        """Set a corrupt file aside (only inside the data folder; within the opened `folder`,
        if given) and raise CorruptFile."""
        if folder is None and not self.contains(path):
            raise CorruptFile(f"{path} cannot be read: {reason}. It was left as it is.", path)
        raise set_aside(path, self.folder, reason, folder)

    def assessment_files(self, problems: list[StoreError]) -> list[Path]:
        """The assessment files in the folder, by name (none, with a problem added, when the
        folder is a link)."""
        try:
            self.check_no_link(self.folder)
        except StoreError as exc:
            problems.append(exc)
            return []
        if not self.folder.is_dir():
            return []
        return [path for path in sorted(self.folder.glob(f"*{SUFFIX}"))
                if not path.name.startswith(".")]

    def assessments(self) -> Listing:
        """Every readable assessment, newest first, and a problem for each file that is not."""
        listing = Listing()
        for path in self.assessment_files(listing.problems):
            try:
                listing.items.append(self.read(path))
            except StoreError as exc:
                listing.problems.append(exc)
        # Newest first; the name breaks ties so the order never depends on file names.
        listing.items.sort(key=lambda s: (-s.assessment.updated.timestamp(),
                                          s.assessment.name.casefold()))
        return listing

    def summaries(self, index: SummaryIndex) -> SummaryListing:
        """What a list shows of every readable assessment, newest first, and a problem for each
        file that is not: like `assessments`, but a file whose bytes hash to an entry of the
        summary index (svassess/summary_index.py) is not parsed. Any other file is checked as
        `read` checks it (and its summary remembered); call `index.save()` afterwards."""
        from svassess.summary_index import summarise

        listing = SummaryListing()
        with contextlib.closing(self._assessment_bytes(listing.problems)) as files:
            for path, data, folder in files:
                summary = None if data is None else index.lookup(path, data, digest_of(data))
                if summary is None:
                    try:
                        # The bytes read through the folder, if they could be; else the file is
                        # read by its path, which says why it cannot be listed.
                        stored = (self.read(path) if data is None
                                  else self._from_bytes(path, data, inside=True, folder=folder))
                    except StoreError as exc:
                        listing.problems.append(exc)
                        continue
                    summary = summarise(path, stored.digest, stored.assessment,
                                        index.banks.get(stored.assessment.bank))
                    index.remember(summary)
                listing.items.append(summary)
        listing.items.sort(key=lambda s: (-s.updated.timestamp(), s.name.casefold()))
        return listing

    def _assessment_bytes(self, problems: list[StoreError]
                          ) -> Generator[tuple[Path, bytes | None, int | None], None, None]:
        """Each assessment file in the folder, by name, with its bytes (None where they cannot
        be read as they are: `read` then says why) and the opened folder it was read through
        (while it is handled). Where the system allows, the folder is opened once and each file
        read relative to it, never through a link: quicker than checking each path for links
        first, and nothing can be swapped between check and read. Elsewhere (Windows) each
        file is read by its path, and the folder is None."""
        if not READS_IN_FOLDER:
            for path in self.assessment_files(problems):
                data = None
                if link_inside(self.data_dir, path) is None:
                    with contextlib.suppress(OSError, FileRefused):
                        data = read_regular(path, MAX_FILE_BYTES, follow_links=False)
                yield path, data, None
            return
        try:
            self.check_no_link(self.folder)
            folder = open_folder(self.folder)
        except StoreError as exc:
            problems.append(exc)
            return
        except FileRefused as exc:     # swapped for a link since the check
            problems.append(StoreError(f"{self.folder} was not read: {exc}."))
            return
        except OSError as exc:
            if exc.errno not in (errno.ENOENT, errno.ENOTDIR):     # else nothing saved yet
                problems.append(StoreError(
                    f"Cannot read the folder {self.folder} ({exc.strerror or exc}); check that "
                    f"you may read it, or choose another data folder with --data-dir."))
            return
        try:
            names = sorted(name for name in os.listdir(folder)
                           if name.endswith(SUFFIX) and not name.startswith("."))
            for name in names:
                data = None
                with contextlib.suppress(OSError, FileRefused):
                    data = read_regular_in(folder, name, MAX_FILE_BYTES)
                yield self.folder / name, data, folder
        finally:
            os.close(folder)

    def listed(self, banks: Mapping[str, Bank] | LazyBankSet) -> SummaryListing:
        """`summaries` through the user's own summary index (in their cache folder, never the
        data folder), which is then brought up to date. Lazy banks are loaded only if the index
        cannot answer for every file."""
        from svassess.summary_index import SummaryIndex, default_index_path

        index = SummaryIndex(default_index_path(), banks)
        listing = self.summaries(index)
        index.save()
        return SummaryListing(listing.items, listing.problems, index.bank_problems())

    def banks_overview(self, banks: Mapping[str, Bank] | LazyBankSet) -> BanksOverview:
        """How long the banks take (as the home screen says it) and what kept any from loading:
        from the user's summary index while the bank files are unchanged, else worked out from
        the banks (and remembered)."""
        from svassess.summary_index import SummaryIndex, default_index_path

        index = SummaryIndex(default_index_path(), banks)
        overview = BanksOverview(index.banks_time(), index.bank_problems())
        index.save()
        return overview

    def find(self, ref: str) -> Stored:
        """Find an assessment by path, id or name (names are matched ignoring case)."""
        candidate = Path(ref).expanduser()
        looks_like_path = ref.endswith(SUFFIX) or os.sep in ref or bool(
            os.altsep and os.altsep in ref)
        if looks_like_path and candidate.is_file():
            return self.read(candidate)
        by_id = self.path_for(ref)
        if not looks_like_path and not ref.startswith(".") and by_id.is_file():
            return self.read(by_id)
        listing = self.assessments()
        wanted = ref.strip().casefold()
        matches = [s for s in listing.items if s.assessment.name.strip().casefold() == wanted]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            ids = ", ".join(s.assessment.id for s in matches)
            raise Ambiguous(f"{len(matches)} assessments in {self.folder} are named {ref!r}; "
                            f"use one of their ids instead: {ids}.")
        if looks_like_path:
            raise NotFound(f"{candidate} does not exist, and no assessment has that name; "
                           f"check the path.")
        raise NotFound(f"No assessment named {ref!r} in {self.folder}; run `svassess list` to "
                       f"see the names and ids.")

    def save(self, assessment: Assessment, expected_digest: str | None) -> str:
        """Save atomically; returns the new digest.

        `expected_digest` is the hash of the file as it was read (None for a new assessment): if
        the file on disk no longer matches, another program changed it and nothing is written.
        """
        self.ensure_folder()
        target = self.path_for(assessment.id)
        self.check_no_link(target)
        try:
            current: bytes | None = read_regular(target, MAX_FILE_BYTES, follow_links=False)
        except FileNotFoundError:
            current = None
        except (OSError, FileRefused) as exc:
            why = exc.strerror if isinstance(exc, OSError) else str(exc)
            raise SaveFailed(f"Cannot read {target} before saving ({why or exc}); "
                             f"your answers are not saved.") from None
        if current is None and expected_digest is not None:
            raise Conflict(f"{target} was changed by another program after it was opened: it "
                           f"was deleted or moved (or its folder was); nothing was saved. Keep "
                           f"a copy of your answers elsewhere, or open the assessment again.")
        if (current is None) != (expected_digest is None) or \
                (current is not None and digest_of(current) != expected_digest):
            raise Conflict(f"{target} was changed by another program after it was opened; "
                           f"nothing was saved over it. Close the other program and open the "
                           f"assessment again.")
        data = encode(assessment)
        write_atomically(target, data)
        return digest_of(data)

    def import_file(self, path: Path, as_copy: bool = False) -> Assessment:
        """Add an assessment from a bundle or an assessment file made on another machine.

        Never overwrites: an assessment already here is refused unless `as_copy`, which imports
        it under a new id. Raises StoreError (or BundleError) saying why."""
        from svassess import bundle
        from svassess.assessment import new_id

        try:
            raw = read_regular(path, 2 * MAX_FILE_BYTES)  # a bundle holds the file, quoted
        except FileRefused as exc:
            raise StoreError(f"{path} cannot be imported: {exc}.") from None
        except OSError as exc:
            raise StoreError(f"Cannot read {path} ({exc.strerror or exc}).") from None
        try:
            parsed = bundle.parse(raw, path)
            if bundle.is_bundle(parsed):
                raw = bundle.unpack(parsed, path)
        except bundle.BundleError as exc:
            raise StoreError(str(exc)) from None
        try:
            assessment = decode(raw, path)
        except _Invalid as exc:
            raise CorruptFile(f"{path} cannot be imported: {exc}.", path, reason=str(exc)) \
                from None
        if self.path_for(assessment.id).exists():
            if not as_copy:
                raise Conflict(f"{path} holds an assessment that is already here "
                               f"({self.path_for(assessment.id).name}); nothing was changed. "
                               f"Add --as-copy to import it as a separate copy.")
            assessment.id = new_id()
        self.save(assessment, None)
        return assessment

    def trash(self, assessment_id: str) -> Path:
        """Move an assessment's file to the `trash` folder of the data folder (never erase it).
        Raises Locked if another svassess has it open."""
        source = self.path_for(assessment_id)
        trash = self.trash_folder
        target = trash / source.name
        with self.lock(assessment_id):
            self.check_no_link(trash)
            try:
                trash.mkdir(parents=True, exist_ok=True)
                if target.exists():
                    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
                    target = trash / f"{assessment_id}-{stamp}{SUFFIX}"
                if os.path.lexists(target):
                    raise FileExistsError(errno.EEXIST, "a file of that name is there")
                os.replace(source, target)
            except OSError as exc:
                raise SaveFailed(f"Could not move {source} to {trash} ({exc.strerror or exc}); "
                                 f"nothing was deleted.") from None
            with contextlib.suppress(OSError):
                Path(f"{source}.lock").unlink()
        return target

    def sweep_stale_temp_files(self, max_age: float = STALE_TEMP_SECONDS) -> list[Path]:
        """Remove temp files that interrupted saves left anywhere in the assessments folder.

        Call it at start. Only files older than `max_age` seconds go, so a save that another
        svassess is making right now (its temp file lives for milliseconds) is never disturbed.
        Returns what was removed; never raises.
        """
        removed: list[Path] = []
        now = time.time()
        if link_inside(self.data_dir, self.folder) is not None:
            return removed
        try:
            candidates = list(self.folder.glob(f".*{SUFFIX}{TEMP_MARK}*"))
        except OSError:
            return removed
        for temp in candidates:
            with contextlib.suppress(OSError):
                if now - temp.stat().st_mtime > max_age and temp.is_file():
                    temp.unlink()
                    removed.append(temp)
        return removed

    def lock(self, assessment_id: str) -> AssessmentLock:
        """Take the edit lock for an assessment, or raise Locked when another program has it."""
        self.ensure_folder()
        path = self.path_for(assessment_id)
        self.check_no_link(Path(f"{path}.lock"))
        return lock_file(path)


class AssessmentLock:
    __slots__ = ("_lock",)

    def __init__(self, lock: Any) -> None:
        self._lock = lock

    def release(self) -> None:
        self._lock.release()

    def __enter__(self) -> AssessmentLock:
        return self

    def __exit__(self, *_: object) -> None:
        self.release()


def lock_file(path: Path) -> AssessmentLock:
    """Take the edit lock for a data file (a separate `<file>.lock`, which survives the file
    being replaced on save), or raise Locked when another program has it."""
    import filelock

    lock_path = Path(f"{path}.lock")
    lock = filelock.FileLock(lock_path, timeout=0)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise Locked(f"{path} is open in another svassess; close it there first.") from None
    except OSError as exc:
        raise Locked(f"Cannot open {path} for editing: its lock file {lock_path.name} "
                     f"could not be made because {why_not_written(exc)}.") from None
    sweep_temp_files(path)
    return AssessmentLock(lock)


def set_aside(path: Path, folder: Path, reason: str,
              opened: int | None = None) -> CorruptFile:
    """Rename a data file that cannot be read aside, unchanged, so the rest keep working, and
    return the CorruptFile to raise. Only for files the caller knows are in `folder`, the data
    folder's; if `opened` is given (that folder, opened), the file is renamed within it, never
    through a link put in the folder's place meanwhile."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}{CORRUPT_SUFFIX}{stamp}")
    try:
        if opened is not None:
            with contextlib.suppress(FileNotFoundError):
                os.stat(aside.name, dir_fd=opened, follow_symlinks=False)
                aside = aside.with_name(f"{aside.name}-{os.urandom(3).hex()}")
            os.rename(path.name, aside.name, src_dir_fd=opened, dst_dir_fd=opened)
        else:
            if aside.exists():
                aside = aside.with_name(f"{aside.name}-{os.urandom(3).hex()}")
            os.rename(path, aside)
    except OSError:
        return CorruptFile(f"{path} cannot be read: {reason}. It could not be set aside "
                           f"either; move it out of {folder} yourself.", path)
    return CorruptFile(f"{path} cannot be read: {reason}. It has been set aside, unchanged, "
                       f"as {aside.name}; fix it and rename it back to open it.", path, aside)


def sweep_temp_files(target: Path) -> None:
    """Remove temp files left by a save that was interrupted (the real file is untouched)."""
    for stale in target.parent.glob(f".{target.name}{TEMP_MARK}*"):
        with contextlib.suppress(OSError):
            stale.unlink()


def write_atomically(target: Path, data: bytes) -> None:
    """Write `data` to `target` so that, whatever happens, the file holds the old or new bytes.
    Raises SaveFailed saying why, with the previous version unchanged."""
    try:
        _write_file(target, data)
    except OSError as exc:
        raise SaveFailed(f"Could not save {target}: {why_not_written(exc)}. The previous "
                         f"version is unchanged.") from None


def _link_target(link: Path) -> str:
    try:
        return os.readlink(link)
    except OSError:
        return "somewhere else"


def save_copy(assessment: Assessment, folder: Path) -> Path:
    """Write the assessment, as it is in memory, into a folder of the user's choosing when it
    cannot be saved in the data folder (a full disk, a stick pulled out). The copy never
    replaces a file; `svassess import` brings it back. Raises SaveFailed saying why."""
    data = encode(assessment)
    if not folder.is_dir():
        raise SaveFailed(f"Could not save a copy in {folder}: there is no such folder; "
                         f"choose another.")
    for number in range(1, 1000):
        suffix = "" if number == 1 else f"-{number}"
        target = folder / f"svassess-copy-{assessment.id}{suffix}.toml"
        if not os.path.lexists(target):
            write_atomically(target, data)
            return target
    raise SaveFailed(f"Could not save a copy in {folder}: too many copies are there already; "
                     f"choose another folder.")
