"""A tender: the buyer's social value question, its criteria, and the provider's commitments.

Pure: the model, reading and writing its TOML document (docs/tenders.md), and the rules file's
model. Checks, rules and the evidence map live in svassess/tender_checks.py; files are read and
written only by svassess/tender_store.py.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from svassess.text import clean_text

SCHEMA_VERSION = 1

TENDER_KEYS = ("id", "assessment", "title", "buyer", "buyer_type", "nation", "value", "months",
               "weighting", "deadline", "starts", "light_touch", "question", "word_limit")
CRITERION_KEYS = ("id", "text")
COMMITMENT_KEYS = ("id", "criterion", "what", "measure", "baseline", "target", "by", "cost",
                   "owner", "evidence", "frequency", "report_to")
_TEXT_KEYS = {"assessment", "title", "buyer", "buyer_type", "nation", "question", "text",
              "criterion", "what", "measure", "baseline", "target", "owner", "evidence",
              "frequency", "report_to"}
_WHOLE_KEYS = {"value", "months", "word_limit", "cost"}
_DATE_KEYS = {"deadline", "starts", "by"}
_ID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_-]{0,63}$")


class TenderInvalid(Exception):
    """The document cannot be a tender (a value of the wrong type, a missing table). `line` is
    where in the file, when it could be found."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


@dataclass
class Criterion:
    id: str
    text: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Commitment:
    id: str
    criterion: str = ""
    what: str = ""
    measure: str = ""
    baseline: str = ""
    target: str = ""
    by: dt.date | None = None
    cost: int | None = None
    owner: str = ""
    evidence: str = ""
    frequency: str = ""
    report_to: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Tender:
    id: str
    assessment: str = ""
    title: str = ""
    buyer: str = ""
    buyer_type: str = ""
    nation: str = ""
    value: int | None = None
    months: int | None = None
    weighting: float | None = None
    deadline: dt.date | None = None
    starts: dt.date | None = None
    light_touch: bool | None = None
    question: str = ""
    word_limit: int | None = None
    criteria: list[Criterion] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    """Keys of [tender] this version does not know: kept, written back, reported."""
    extra_top: dict[str, Any] = field(default_factory=dict)

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    def commitment(self, commitment_id: str) -> Commitment | None:
        return next((c for c in self.commitments if c.id == commitment_id), None)

    def next_id(self, prefix: str) -> str:
        """The first free id such as c3 or k4 (criteria and commitments)."""
        used = {c.id for c in self.criteria} | {k.id for k in self.commitments}
        number = 1
        while f"{prefix}{number}" in used:
            number += 1
        return f"{prefix}{number}"

    def add_criterion(self, text: str = "") -> Criterion:
        criterion = Criterion(self.next_id("c"), clean_text(text))
        self.criteria.append(criterion)
        return criterion

    def add_commitment(self, criterion: str = "") -> Commitment:
        commitment = Commitment(self.next_id("k"), criterion)
        self.commitments.append(commitment)
        return commitment

    def remove_commitment(self, commitment_id: str) -> None:
        self.commitments = [c for c in self.commitments if c.id != commitment_id]

    def remove_criterion(self, criterion_id: str) -> None:
        """Commitments made against it stay, with no criterion, so nothing written is lost."""
        self.criteria = [c for c in self.criteria if c.id != criterion_id]
        for commitment in self.commitments:
            if commitment.criterion == criterion_id:
                commitment.criterion = ""

    def contract_end(self) -> dt.date | None:
        """When the contract ends: `months` after it starts (`starts`, else the deadline)."""
        start = self.starts or self.deadline
        if start is None or not self.months or self.months < 0:
            return None
        return add_months(start, self.months)


def add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    if year > 9998:
        return dt.date(9998, 12, 31)
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


# --- where each key is written (for messages that give a line) -----------------------------------

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


class LineIndex:
    """Finds the line of `key` in [tender] or in the n-th [[criteria]] / [[commitments]]. A best
    effort over the source text: multi-line strings are skipped."""

    def __init__(self, text: str):
        self.lines: dict[tuple[str, int, str], int] = {}
        self.tables: dict[tuple[str, int], int] = {}
        counts: dict[str, int] = {}
        where: tuple[str, int] = ("", 0)
        in_string = ""
        for number, line in enumerate(text.splitlines(), start=1):
            if in_string:
                if line.count(in_string) % 2 == 1:
                    in_string = ""
                continue
            header = _HEADER.match(line)
            if header:
                name = header.group(2)
                if header.group(1) == "[[":
                    counts[name] = counts.get(name, -1) + 1
                    where = (name, counts[name])
                else:
                    where = (name, 0)
                self.tables.setdefault(where, number)
                continue
            key = _KEY.match(line)
            if key:
                self.lines.setdefault((*where, key.group(1)), number)
            for quote in ('"""', "'''"):
                if line.count(quote) % 2 == 1:
                    in_string = quote
                    break

    def line(self, table: str, index: int, key: str | None = None) -> int | None:
        if key is not None and (table, index, key) in self.lines:
            return self.lines[(table, index, key)]
        return self.tables.get((table, index))


def is_plain_id(text: str) -> bool:
    """Whether text can name a file in the data folder: letters, digits, '-' and '_' only."""
    return bool(_ID.match(text))


def at_line(line: int | None) -> str:
    return f" (line {line})" if line else ""


# --- reading and writing the document ----------------------------------------------------------

class Finding(NamedTuple):
    """Something wrong with a value in a file that can still be read: shown by the checks as
    kind `invalid`. `commitment` names the commitment, when it is about one."""

    message: str
    commitment: str | None = None
    line: int | None = None


@dataclass
class Parsed:
    tender: Tender
    findings: list[Finding]
    lines: LineIndex


def _typed(table: dict[str, Any], key: str, where: str, line: int | None) -> Any:
    """The value of `key`, checked for its type; when absent, "" for a text key and None for any
    other. Raises TenderInvalid."""
    if key not in table:
        return "" if key in _TEXT_KEYS else None
    value = table[key]
    if key in _TEXT_KEYS:
        if not isinstance(value, str):
            raise TenderInvalid(f"{where} {key} must be text in quotes", line)
        return clean_text(value)
    if key in _WHOLE_KEYS:
        if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
            raise TenderInvalid(f"{where} {key} must be a whole number, like 4800 (no £ sign, "
                                f"no commas, no quotes)", line)
        if isinstance(value, float) and not value.is_integer():
            raise TenderInvalid(f"{where} {key} must be a whole number, like 4800", line)
        return int(value)
    if key in _DATE_KEYS:
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise TenderInvalid(f"{where} {key} must be a date written without quotes, like "
                                f"2027-12-31", line)
        return value
    if key == "weighting":
        if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
            raise TenderInvalid(f"{where} weighting must be a number of per cent, like 15", line)
        return value
    if key == "light_touch":
        if not isinstance(value, bool):
            raise TenderInvalid(f"{where} light_touch must be true or false, without quotes",
                                line)
        return value
    raise AssertionError(key)


def _unknown(table: dict[str, Any], known: tuple[str, ...], where: str, index: LineIndex,
             name: str, position: int, commitment: str | None = None) -> list[Finding]:
    findings = []
    for key in table:
        if key in known:
            continue
        close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.75)
        hint = f"; did you mean {close[0]}?" if close else "."
        line = index.line(name, position, key)
        findings.append(Finding(f"{where} has a key svassess does not know, {key!r}"
                                f"{at_line(line)}: it is kept but not used{hint}",
                                commitment, line))
    return findings


def parse_document(data: dict[str, Any], text: str) -> Parsed:
    """A tender from its parsed TOML (and the source text, for line numbers). Values of the wrong
    type raise TenderInvalid; unknown keys are kept (and reported as findings)."""
    index = LineIndex(text)
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise TenderInvalid("it has no schema_version = 1, so it is not an svassess tender",
                            index.line("", 0, "schema_version"))
    if version > SCHEMA_VERSION:
        raise TenderInvalid(f"it was saved by a newer svassess (tender format {version}; this one "
                            f"reads up to {SCHEMA_VERSION}); upgrade svassess to open it")
    if version < 1:
        raise TenderInvalid(f"schema_version {version} is not one this svassess can read")
    meta = data.get("tender")
    if not isinstance(meta, dict):
        raise TenderInvalid("it has no [tender] table")
    findings: list[Finding] = []
    values = {key: _typed(meta, key, "[tender]", index.line("tender", 0, key))
              for key in TENDER_KEYS if key != "id"}
    tender_id = meta.get("id")
    if not isinstance(tender_id, str) or not _ID.match(tender_id):
        raise TenderInvalid("[tender] id is missing or not a plain id (letters, digits, '-' and "
                            "'_' only)", index.line("tender", 0, "id"))
    findings += _unknown(meta, TENDER_KEYS, "[tender]", index, "tender", 0)
    tender = Tender(id=tender_id, **values,
                    extra={k: v for k, v in meta.items() if k not in TENDER_KEYS},
                    extra_top={k: v for k, v in data.items()
                               if k not in {"schema_version", "tender", "criteria",
                                            "commitments"}})
    tender.criteria = [_criterion(entry, n, index, findings)
                       for n, entry in enumerate(_tables(data, "criteria", index))]
    tender.commitments = [_commitment(entry, n, index, findings)
                          for n, entry in enumerate(_tables(data, "commitments", index))]
    return Parsed(tender, findings, index)


def _tables(data: dict[str, Any], key: str, index: LineIndex) -> list[dict[str, Any]]:
    entries = data.get(key, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise TenderInvalid(f"{key} must be written as [[{key}]] tables",
                            index.line("", 0, key) or index.line(key, 0))
    return entries


def _entry_id(entry: dict[str, Any], what: str, n: int, name: str, index: LineIndex) -> str:
    entry_id = entry.get("id")
    if not isinstance(entry_id, str) or not _ID.match(entry_id):
        raise TenderInvalid(f"{what} number {n + 1} has no id (a short name such as "
                            f"{what[0]}{n + 1}, letters, digits, '-' and '_' only)",
                            index.line(name, n, "id"))
    return entry_id


def _criterion(entry: dict[str, Any], n: int, index: LineIndex,
               findings: list[Finding]) -> Criterion:
    entry_id = _entry_id(entry, "criterion", n, "criteria", index)
    where = f"criterion {entry_id}"
    text = _typed(entry, "text", where, index.line("criteria", n, "text"))
    findings += _unknown(entry, CRITERION_KEYS, where, index, "criteria", n)
    return Criterion(entry_id, text, {k: v for k, v in entry.items() if k not in CRITERION_KEYS})


def _commitment(entry: dict[str, Any], n: int, index: LineIndex,
                findings: list[Finding]) -> Commitment:
    entry_id = _entry_id(entry, "commitment", n, "commitments", index)
    where = f"commitment {entry_id}"
    values = {key: _typed(entry, key, where, index.line("commitments", n, key))
              for key in COMMITMENT_KEYS if key != "id"}
    findings += _unknown(entry, COMMITMENT_KEYS, where, index, "commitments", n, entry_id)
    return Commitment(entry_id, **values,
                      extra={k: v for k, v in entry.items() if k not in COMMITMENT_KEYS})


def to_document(tender: Tender) -> dict[str, Any]:
    """The TOML document: keys in the documented order, empty values left out, unknown keys
    written back where they were read."""
    meta: dict[str, Any] = {"id": tender.id}
    for key in TENDER_KEYS[1:]:
        value = getattr(tender, key)
        if value not in ("", None):
            meta[key] = value
    meta.update({k: v for k, v in tender.extra.items() if k not in meta})
    document: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "tender": meta}
    document.update({k: v for k, v in tender.extra_top.items() if k not in document})
    if tender.criteria:
        document["criteria"] = [_entry(c, CRITERION_KEYS) for c in tender.criteria]
    if tender.commitments:
        document["commitments"] = [_entry(k, COMMITMENT_KEYS) for k in tender.commitments]
    return document


def _entry(item: Criterion | Commitment, keys: tuple[str, ...]) -> dict[str, Any]:
    entry = {key: getattr(item, key) for key in keys if getattr(item, key) not in ("", None)}
    entry.update({k: v for k, v in item.extra.items() if k not in entry})
    return entry


def new_tender(tender_id: str, assessment: str = "", title: str = "") -> Tender:
    return Tender(id=tender_id, assessment=assessment, title=clean_text(title))


# --- values typed by hand (the app's forms) ----------------------------------------------------

LIGHT_TOUCH_CHOICES = {"yes": True, "no": False, "": None}


def field_text(item: Tender | Criterion | Commitment, key: str) -> str:
    """A value as a form shows it."""
    value = getattr(item, key)
    if value is None:
        return ""
    if key == "light_touch":
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def parse_field(key: str, text: str) -> Any:
    """What a form's text means for `key`. Raises ValueError with one plain sentence."""
    text = clean_text(text).strip()
    if key in _TEXT_KEYS or key not in _WHOLE_KEYS | _DATE_KEYS | {"weighting", "light_touch"}:
        return text
    if key == "light_touch":
        if text not in LIGHT_TOUCH_CHOICES:
            raise ValueError("Light touch is yes, no, or blank when you do not know.")
        return LIGHT_TOUCH_CHOICES[text]
    if not text:
        return None
    if key in _DATE_KEYS:
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"Write the {_LABELS.get(key, key)} as year-month-day, like "
                             f"2027-12-31.") from None
        return day
    plain = text.replace(",", "").replace("£", "").replace("%", "").strip()
    try:
        number = float(plain)
    except ValueError:
        raise ValueError(f"The {_LABELS.get(key, key)} must be a number, like "
                         f"{_EXAMPLES.get(key, '10')}.") from None
    if number != number or abs(number) > 1e15:
        raise ValueError(f"The {_LABELS.get(key, key)} is not a number svassess can use.")
    if key == "weighting":
        return int(number) if number.is_integer() else number
    if not number.is_integer():
        raise ValueError(f"The {_LABELS.get(key, key)} must be a whole number, like "
                         f"{_EXAMPLES.get(key, '10')}.")
    return int(number)


_LABELS = {"value": "value", "months": "length in months", "weighting": "weighting",
           "word_limit": "word limit", "cost": "cost", "deadline": "deadline",
           "starts": "start date", "by": "date"}
_EXAMPLES = {"value": "450000", "months": "36", "weighting": "15", "word_limit": "1000",
             "cost": "4800"}


class FieldError(ValueError):
    """A form field that cannot be used; `key` says which."""

    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key = key


def set_fields(item: Tender | Criterion | Commitment, texts: dict[str, str]) -> None:
    """Set every field from a form, or none: raises FieldError (the first field that is wrong)
    before anything is changed."""
    values = {}
    for key, text in texts.items():
        try:
            values[key] = parse_field(key, text)
        except ValueError as exc:
            raise FieldError(key, str(exc)) from None
    for key, value in values.items():
        setattr(item, key, value)
