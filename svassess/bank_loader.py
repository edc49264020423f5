"""Reading question banks and resource catalogues: load, validate, and build the model objects.

A bank is written by hand by people who are not programmers, so validation collects every problem
it can find (with the file and, where it can, the line) instead of stopping at the first.
The format is documented in docs/writing-a-bank.md; the objects built are in svassess.bank.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from svassess.bank import (
    KINDS,
    AnswerCondition,
    Bank,
    Condition,
    GlossaryEntry,
    GuidanceRule,
    Level,
    Option,
    Question,
    QuickCheck,
    Resource,
    Scale,
    Section,
    SectionCondition,
    quick_check_bank,
)
from svassess.bank_files import (
    MAX_FILE_BYTES,
    RESOURCES_FILE,
    BankSet,
    Problem,
    TomlParser,
    bank_folder_files,
    is_resource_file,
)
from svassess.files import FileRefused, read_regular
from svassess.text import has_controls

SCHEMA_VERSION = 1
MAX_QUESTIONS = 300
MAX_TEXT_CHARS = 20_000
MAX_ENTRIES = {"levels": 20, "sections": 100, "guidance": 300, "resources": 1_000,
               "glossary": 500}
"""The most [[levels]], [[sections]], [[guidance]], [[resources]] and [[glossary]] tables a file
may have."""
MAX_OPTIONS = 50
MAX_SCALE_STEPS = 100
MAX_SHOW_IF_DEPTH = 20
"""How many show_if conditions may chain (shown if a question is answered that is shown if ...)."""
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_ID_LINE = re.compile(r"""^\s*id\s*=\s*["']([^"']*)["']""")
_QUESTION_ID = re.compile(r"^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*$")
_PLAIN_URL = re.compile(r"^https://[^\s\"'<>\\`]+$")


class BankError(Exception):
    """A bank or resource file could not be used; `problems` says every reason found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


"""tomllib.loads, or a caching stand-in with the same behaviour (svassess.toml_cache)."""


def read_toml(path: Path, parse: TomlParser = tomllib.loads) -> tuple[dict[str, Any], str]:
    """Parse a bank-side TOML file (a regular file, size-capped). Raises BankError with the
    reason."""
    try:
        raw = read_regular(path, MAX_FILE_BYTES)
    except FileRefused as exc:
        raise BankError([Problem(path, f"was not read: {exc}")]) from None
    except OSError as exc:
        raise BankError([Problem(path, f"cannot be read ({exc.strerror or exc})")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BankError([Problem(path, "is not UTF-8 text; save it as UTF-8")]) from None
    if text.startswith("\ufeff"):
        raise BankError([Problem(path, "starts with a byte-order mark; save it as UTF-8 "
                                       "without BOM", 1)])
    try:
        return parse(text), text
    except tomllib.TOMLDecodeError as exc:
        line = _line_from_toml_error(str(exc))
        return_msg = f"is not valid TOML: {exc}"
        raise BankError([Problem(path, return_msg, line)]) from None
    except RecursionError:
        raise BankError([Problem(path, "is nested too deeply to read")]) from None
    except ValueError:  # e.g. a number thousands of digits long
        raise BankError([Problem(path, "holds a value that cannot be read, such as a number "
                                       "thousands of digits long")]) from None


def _line_from_toml_error(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


class _Checker:
    """Reads typed values out of parsed TOML, recording a Problem for each that is wrong."""

    def __init__(self, path: Path, text: str):
        self.path = path
        self.lines = text.splitlines()
        self.problems: list[Problem] = []
        self._id_lines: dict[str, int] | None = None

    def problem(self, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(self.path, message, line))

    def line_of_id(self, item_id: object) -> int | None:
        """The line where `id = "<item_id>"` is first written, if it can be found."""
        if not isinstance(item_id, str):
            return None
        if self._id_lines is None:
            self._id_lines = {}
            for number, line in enumerate(self.lines, start=1):
                match = _ID_LINE.match(line)
                if match:
                    self._id_lines.setdefault(match.group(1), number)
        return self._id_lines.get(item_id)

    def line_of_table(self, name: str) -> int | None:
        pattern = re.compile(r"^\s*\[\s*" + re.escape(name) + r"\s*\]")
        for number, line in enumerate(self.lines, start=1):
            if pattern.match(line):
                return number
        return None

    def text(self, table: Mapping[str, Any], key: str, where: str, line: int | None,
             required: bool = True, default: str = "") -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.problem(f"{where} has no `{key}`", line)
            return default
        if not isinstance(value, str):
            self.problem(f"{where}: `{key}` must be text, not {_type_name(value)}", line)
            return default
        if required and not value.strip():
            self.problem(f"{where}: `{key}` is empty", line)
        if len(value) > MAX_TEXT_CHARS:
            self.problem(f"{where}: `{key}` is {len(value):,} characters; the limit is "
                         f"{MAX_TEXT_CHARS:,}", line)
            return default
        if has_controls(value):
            self.problem(f"{where}: `{key}` contains control characters; remove them", line)
            return default
        return value

    def ident(self, table: Mapping[str, Any], key: str, where: str, line: int | None,
              pattern: re.Pattern[str] = _ID) -> str:
        value = self.text(table, key, where, line)
        if value and not pattern.match(value):
            self.problem(f"{where}: `{key}` {value!r} may use only lowercase letters, digits "
                         f"and '-'" + (" and '.'" if pattern is _QUESTION_ID else ""), line)
        return value

    def number(self, table: Mapping[str, Any], key: str, where: str, line: int | None,
               default: float | None = None, low: float = 0.0,
               high: float | None = None) -> float:
        value = table.get(key)
        if value is None:
            if default is None:
                self.problem(f"{where} has no `{key}`", line)
                return 0.0
            return default
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(f"{where}: `{key}` must be a number, not {_type_name(value)}", line)
            return default or 0.0
        if not math.isfinite(value):
            self.problem(f"{where}: `{key}` must be an ordinary number, not {value}", line)
            return default or 0.0
        if value < low or (high is not None and value > high):
            bound = f"from {low:g} to {high:g}" if high is not None else f"at least {low:g}"
            self.problem(f"{where}: `{key}` is {value:g}; it must be {bound}", line)
        return float(value)

    def date(self, table: Mapping[str, Any], key: str, where: str,
             line: int | None) -> dt.date:
        value = table.get(key)
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if value is None:
            self.problem(f"{where} has no `{key}` (a date such as 2026-11-01)", line)
        else:
            self.problem(f"{where}: `{key}` must be a date such as 2026-11-01, without quotes",
                         line)
        return dt.date(1970, 1, 1)

    def tables(self, data: Mapping[str, Any], key: str, required: bool = True,
               ) -> list[Mapping[str, Any]]:
        value = data.get(key)
        if value is None:
            if required:
                self.problem(f"there is no [[{key}]] entry")
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem(f"`{key}` must be written as [[{key}]] tables")
            return []
        limit = MAX_ENTRIES.get(key)
        if limit is not None and len(value) > limit:
            self.problem(f"the file has {len(value):,} [[{key}]] tables; the limit is {limit:,}")
            return []
        return value

    def entries(self, data: Mapping[str, Any], key: str, what: str, allowed: set[str],
                required: bool = True) -> Iterator[tuple[Mapping[str, Any], int | None, str]]:
        """Each [[key]] table with the line it starts on and a name for messages, after checking
        ids are unique and keys are known."""
        tables = self.tables(data, key, required)
        self.unique((t["id"] for t in tables if isinstance(t.get("id"), str)), what)
        for number, table in enumerate(tables, start=1):
            line = self.line_of_id(table.get("id"))
            where = f"{what} {table.get('id', f'#{number}')!s}"
            self.unknown_keys(table, allowed, where, line)
            yield table, line, where

    def id_list(self, table: Mapping[str, Any], key: str, where: str,
                line: int | None) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(f"{where}: `{key}` must be a list of ids in quotes", line)
            return ()
        return tuple(value)

    def unique(self, items: Iterable[str], what: str) -> None:
        seen: set[str] = set()
        for item in items:
            if item and item in seen:
                self.problem(f"{what} id {item!r} is used more than once",
                             self.line_of_id(item))
            seen.add(item)

    def unknown_keys(self, table: Mapping[str, Any], allowed: set[str], where: str,
                     line: int | None) -> None:
        for key in table:
            if key not in allowed:
                self.problem(f"{where}: unknown key `{key}` (allowed: "
                             f"{', '.join(sorted(allowed))})", line)

    def schema(self, data: Mapping[str, Any]) -> None:
        version = data.get("schema_version")
        if version is None:
            self.problem(f"there is no `schema_version = {SCHEMA_VERSION}` at the top", 1)
        elif version != SCHEMA_VERSION:
            self.problem(f"`schema_version` is {version!r}; this svassess reads version "
                         f"{SCHEMA_VERSION}", self._line_of_key("schema_version"))

    def _line_of_key(self, key: str) -> int | None:
        for number, line in enumerate(self.lines, start=1):
            if line.lstrip().startswith(key):
                return number
        return None


def _type_name(value: object) -> str:
    names = {str: "text", bool: "true/false", int: "a number", float: "a number",
             list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)


# --- resources ---------------------------------------------------------------------------------

_RESOURCE_KEYS = {"id", "title", "publisher", "year", "url", "summary", "tags", "last_checked"}


def load_resources(path: Path, parse: TomlParser = tomllib.loads) -> dict[str, Resource]:
    """Load and validate a resource catalogue. Raises BankError listing every problem."""
    data, text = read_toml(path, parse)
    check = _Checker(path, text)
    check.schema(data)
    check.unknown_keys(data, {"schema_version", "resources"}, "the file", None)
    resources = _parse_resources(check, data)
    if check.problems:
        raise BankError(check.problems)
    return resources


def _parse_resources(check: _Checker, data: Mapping[str, Any]) -> dict[str, Resource]:
    resources: dict[str, Resource] = {}
    for entry, line, where in check.entries(data, "resources", "resource", _RESOURCE_KEYS):
        rid = check.ident(entry, "id", where, line)
        url = check.text(entry, "url", where, line)
        if url and not url.startswith("https://"):
            check.problem(f"{where}: `url` must start with https://", line)
        elif url and not _PLAIN_URL.match(url):
            check.problem(f"{where}: `url` must be one web address, without spaces, quotes or "
                          f"angle brackets", line)
        year = entry.get("year")
        if isinstance(year, int) and not isinstance(year, bool):
            year = str(year)
        elif not isinstance(year, str) or not year.strip():
            check.problem(f"{where}: `year` must be text or a whole number", line)
            year = ""
        tags = check.id_list(entry, "tags", where, line)
        resource = Resource(
            id=rid,
            title=check.text(entry, "title", where, line),
            publisher=check.text(entry, "publisher", where, line),
            year=year,
            url=url,
            summary=check.text(entry, "summary", where, line),
            last_checked=check.date(entry, "last_checked", where, line),
            tags=tags,
        )
        resources.setdefault(rid, resource)
    return resources


# --- banks -------------------------------------------------------------------------------------

_TOP_KEYS = {"schema_version", "bank", "levels", "sections", "questions", "guidance", "glossary",
             "quick_check"}
_BANK_KEYS = {"id", "version", "title", "description", "audience", "last_checked", "strength_at"}
_LEVEL_KEYS = {"id", "name", "min_score", "summary"}
_SECTION_KEYS = {"id", "title", "intro", "weight"}
_QUESTION_KEYS = {"id", "section", "kind", "prompt", "help", "weight", "options", "scale",
                  "max_score", "show_if", "resources"}
_OPTION_KEYS = {"value", "label", "score", "unsure", "exclusive"}
_SCALE_KEYS = {"min", "max", "min_label", "max_label"}
_GUIDANCE_KEYS = {"id", "when", "priority", "title", "advice", "resources", "who"}
_GLOSSARY_KEYS = {"term", "meaning"}
_QUICK_CHECK_KEYS = {"id", "title", "description", "questions"}


def load_bank(path: Path, resources: Mapping[str, Resource],
              parse: TomlParser = tomllib.loads) -> Bank:
    """Load and validate one bank against a resource catalogue. Raises BankError."""
    data, text = read_toml(path, parse)
    check = _Checker(path, text)
    bank = _parse_bank(check, data, resources, path)
    if check.problems:
        raise BankError(check.problems)
    return bank


def _parse_bank(check: _Checker, data: Mapping[str, Any], resources: Mapping[str, Resource],
                path: Path) -> Bank:
    check.schema(data)
    check.unknown_keys(data, _TOP_KEYS, "the file", None)
    meta = data.get("bank")
    meta_line = check.line_of_table("bank")
    if not isinstance(meta, dict):
        check.problem("there is no [bank] table with the bank's id, version and title")
        meta = {}
    check.unknown_keys(meta, _BANK_KEYS, "[bank]", meta_line)

    levels = _parse_levels(check, data)
    sections = _parse_sections(check, data)
    section_ids = {s.id for s in sections}
    questions = _parse_questions(check, data, section_ids, resources)
    guidance = _parse_guidance(check, data, section_ids, {q.id: q for q in questions}, resources)
    glossary = _parse_glossary(check, data)
    bank_id = check.ident(meta, "id", "[bank]", meta_line)
    quick_check = _parse_quick_check(check, data, bank_id, {q.id: q for q in questions})

    return Bank(
        id=bank_id,
        version=check.text(meta, "version", "[bank]", meta_line),
        title=check.text(meta, "title", "[bank]", meta_line),
        description=check.text(meta, "description", "[bank]", meta_line),
        audience=check.text(meta, "audience", "[bank]", meta_line),
        last_checked=check.date(meta, "last_checked", "[bank]", meta_line),
        strength_at=check.number(meta, "strength_at", "[bank]", meta_line, default=75.0,
                                 high=100.0),
        levels=levels,
        sections=sections,
        questions=questions,
        guidance=guidance,
        resources=dict(resources),
        path=path,
        glossary=glossary,
        quick_check=quick_check,
    )


def _parse_glossary(check: _Checker, data: Mapping[str, Any]) -> tuple[GlossaryEntry, ...]:
    entries = []
    seen: set[str] = set()
    for number, table in enumerate(check.tables(data, "glossary", required=False), start=1):
        term = table.get("term")
        where = f"glossary entry {term if isinstance(term, str) and term else f'#{number}'}"
        line = _line_of_term(check, term)
        check.unknown_keys(table, _GLOSSARY_KEYS, where, line)
        entry = GlossaryEntry(check.text(table, "term", where, line),
                              check.text(table, "meaning", where, line))
        if entry.term.strip().lower() in seen:
            check.problem(f"{where}: the term is explained more than once", line)
        seen.add(entry.term.strip().lower())
        entries.append(entry)
    return tuple(entries)


_TERM_LINE = re.compile(r"""^\s*term\s*=\s*(["'])(.*?)\1""")


def _line_of_term(check: _Checker, term: object) -> int | None:
    """The line where `term = "<term>"` is written. The `term =` lines are read once, in one
    pass, into a map from the term to its line (a pattern compiled for each term took a tenth of
    loading the bank)."""
    if not isinstance(term, str):
        return None
    term_lines = getattr(check, "_term_lines", None)
    if term_lines is None:
        term_lines = {}
        for number, line in enumerate(check.lines, start=1):
            found = _TERM_LINE.match(line)
            if found:
                term_lines.setdefault(found.group(2), number)
        check._term_lines = term_lines  # type: ignore[attr-defined]
    return term_lines.get(term)


def _parse_quick_check(check: _Checker, data: Mapping[str, Any], bank_id: str,
                       questions: Mapping[str, Question]) -> QuickCheck | None:
    raw = data.get("quick_check")
    if raw is None:
        return None
    line = check.line_of_table("quick_check")
    where = "[quick_check]"
    if not isinstance(raw, dict):
        check.problem("`quick_check` must be written as a [quick_check] table", line)
        return None
    check.unknown_keys(raw, _QUICK_CHECK_KEYS, where, line)
    quick_id = check.ident(raw, "id", where, line)
    if quick_id and quick_id == bank_id:
        check.problem(f"{where}: `id` must differ from the bank's own id", line)
    ids = check.id_list(raw, "questions", where, line)
    if not ids and "questions" in raw:
        check.problem(f"{where}: `questions` lists no question", line)
    elif "questions" not in raw:
        check.problem(f"{where} has no `questions` (a list of the bank's question ids)", line)
    for qid in sorted(qid for qid, n in Counter(ids).items() if n > 1):
        check.problem(f"{where}: question {qid!r} is listed more than once", line)
    for qid in ids:
        question = questions.get(qid)
        if question is None:
            check.problem(f"{where}: question {qid!r} is not in the bank", line)
        elif question.show_if and question.show_if.question not in ids:
            check.problem(f"{where}: question {qid!r} is shown only after an answer to "
                          f"{question.show_if.question!r}; list that question too", line)
    if ids and not any(questions[q].scored for q in ids if q in questions):
        check.problem(f"{where}: list at least one scored question", line)
    return QuickCheck(quick_id, check.text(raw, "title", where, line),
                      check.text(raw, "description", where, line), ids)


def _parse_levels(check: _Checker, data: Mapping[str, Any]) -> tuple[Level, ...]:
    levels = []
    for entry, line, where in check.entries(data, "levels", "level", _LEVEL_KEYS):
        levels.append(Level(
            id=check.ident(entry, "id", where, line),
            name=check.text(entry, "name", where, line),
            min_score=check.number(entry, "min_score", where, line, high=100.0),
            summary=check.text(entry, "summary", where, line),
        ))
    if levels and levels[0].min_score != 0:
        check.problem(f"the first level ({levels[0].id}) must have min_score = 0, so every "
                      f"score has a level", check.line_of_id(levels[0].id))
    for lower, higher in zip(levels, levels[1:], strict=False):
        if higher.min_score <= lower.min_score:
            check.problem(f"levels must be in ascending order of min_score: {higher.id} "
                          f"({higher.min_score:g}) comes after {lower.id} "
                          f"({lower.min_score:g})", check.line_of_id(higher.id))
    return tuple(levels)


def _parse_sections(check: _Checker, data: Mapping[str, Any]) -> tuple[Section, ...]:
    sections = []
    for entry, line, where in check.entries(data, "sections", "section", _SECTION_KEYS):
        sections.append(Section(
            id=check.ident(entry, "id", where, line),
            title=check.text(entry, "title", where, line),
            intro=check.text(entry, "intro", where, line),
            weight=check.number(entry, "weight", where, line, default=1.0),
        ))
    return tuple(sections)


def _parse_questions(check: _Checker, data: Mapping[str, Any], section_ids: set[str],
                     resources: Mapping[str, Resource]) -> tuple[Question, ...]:
    raw_questions = data.get("questions")
    count = len(raw_questions) if isinstance(raw_questions, list) else 0
    if count > MAX_QUESTIONS:
        check.problem(f"the bank has {count:,} questions; the limit is {MAX_QUESTIONS:,}")
        return ()
    questions = []
    for entry, line, where in check.entries(data, "questions", "question", _QUESTION_KEYS):
        qid = check.ident(entry, "id", where, line, pattern=_QUESTION_ID)
        section = check.text(entry, "section", where, line)
        if section and section not in section_ids:
            check.problem(f"{where}: section {section!r} is not one of the bank's sections", line)
        kind = check.text(entry, "kind", where, line)
        if kind and kind not in KINDS:
            check.problem(f"{where}: kind {kind!r} must be one of {', '.join(KINDS)}", line)
        weight = check.number(entry, "weight", where, line,
                              default=0.0 if kind == "text" else 1.0)
        if kind == "text" and weight:
            check.problem(f"{where}: a text question cannot be scored; set weight = 0", line)
        options = _parse_options(check, entry, kind, where, line)
        scale = _parse_scale(check, entry, kind, where, line)
        max_score = None
        if "max_score" in entry:
            if kind != "multi":
                check.problem(f"{where}: `max_score` applies only to multi questions", line)
            max_score = check.number(entry, "max_score", where, line, default=0.0)
            if max_score <= 0:
                check.problem(f"{where}: `max_score` must be above 0", line)
        if weight > 0 and kind in ("single", "multi") and options \
                and max(o.score for o in options) <= 0:
            check.problem(f"{where}: a scored question needs at least one option with a score "
                          f"above 0", line)
        show_if = None
        if "show_if" in entry:
            show_if = _parse_answer_condition(check, entry["show_if"], f"{where} show_if", line)
        question_resources = check.id_list(entry, "resources", where, line)
        _check_resource_ids(check, question_resources, resources, where, line)
        questions.append(Question(
            id=qid, section=section, kind=kind, weight=weight,
            prompt=check.text(entry, "prompt", where, line),
            help=check.text(entry, "help", where, line),
            options=options, scale=scale, max_score=max_score, show_if=show_if,
            resources=question_resources,
        ))
    by_id = {q.id: q for q in questions}
    for question in questions:
        if question.show_if:
            _check_answer_condition(check, question.show_if, by_id,
                                    f"question {question.id} show_if",
                                    check.line_of_id(question.id))
    _check_show_if_cycles(check, by_id)
    return tuple(questions)


def _parse_options(check: _Checker, entry: Mapping[str, Any], kind: str, where: str,
                   line: int | None) -> tuple[Option, ...]:
    raw = entry.get("options")
    if kind not in ("single", "multi"):
        if raw is not None and kind in KINDS:
            check.problem(f"{where}: `options` apply only to single and multi questions", line)
        return ()
    if not isinstance(raw, list) or not all(isinstance(o, dict) for o in raw):
        check.problem(f"{where}: a {kind} question needs `options`, a list of "
                      f"{{ value, label, score }} tables", line)
        return ()
    minimum = 2 if kind == "single" else 1
    if len(raw) < minimum:
        check.problem(f"{where}: a {kind} question needs at least {minimum} options", line)
    if len(raw) > MAX_OPTIONS:
        check.problem(f"{where}: a question may have at most {MAX_OPTIONS} options, not "
                      f"{len(raw):,}", line)
        return ()
    options = []
    for number, option in enumerate(raw, start=1):
        owhere = f"{where} option {option.get('value', f'#{number}')!s}"
        check.unknown_keys(option, _OPTION_KEYS, owhere, line)
        unsure = option.get("unsure", False)
        if not isinstance(unsure, bool):
            check.problem(f"{owhere}: `unsure` must be true or false", line)
            unsure = False
        exclusive = option.get("exclusive", False)
        if not isinstance(exclusive, bool):
            check.problem(f"{owhere}: `exclusive` must be true or false", line)
            exclusive = False
        elif exclusive and kind != "multi":
            check.problem(f"{owhere}: `exclusive` applies only to options of a multi question",
                          line)
            exclusive = False
        options.append(Option(
            value=check.ident(option, "value", owhere, line),
            label=check.text(option, "label", owhere, line),
            score=check.number(option, "score", owhere, line),
            unsure=unsure,
            exclusive=exclusive,
        ))
    for option in options:
        if kind == "multi" and option.unsure and not option.exclusive:
            check.problem(f"{where} option {option.value}: a \"Not sure\" option in a multi "
                          f"question must also be `exclusive = true`", line)
    counts = Counter(o.value for o in options)
    for value in sorted(v for v, n in counts.items() if n > 1):
        check.problem(f"{where}: option value {value!r} is used more than once", line)
    return tuple(options)


def _parse_scale(check: _Checker, entry: Mapping[str, Any], kind: str, where: str,
                 line: int | None) -> Scale | None:
    raw = entry.get("scale")
    if kind != "scale":
        if raw is not None and kind in KINDS:
            check.problem(f"{where}: `scale` applies only to scale questions", line)
        return None
    if not isinstance(raw, dict):
        check.problem(f"{where}: a scale question needs `scale = {{ min = 1, max = 5 }}`", line)
        return None
    check.unknown_keys(raw, _SCALE_KEYS, f"{where} scale", line)
    low, high = raw.get("min"), raw.get("max")
    if not isinstance(low, int) or not isinstance(high, int) or isinstance(low, bool) \
            or isinstance(high, bool):
        check.problem(f"{where}: scale `min` and `max` must be whole numbers", line)
        return None
    if high <= low:
        check.problem(f"{where}: scale `max` must be above `min`", line)
        return None
    if high - low > MAX_SCALE_STEPS:
        check.problem(f"{where}: a scale may have at most {MAX_SCALE_STEPS} steps from `min` "
                      f"to `max`", line)
        return None
    return Scale(low, high, check.text(raw, "min_label", where, line, required=False),
                 check.text(raw, "max_label", where, line, required=False))


def _parse_answer_condition(check: _Checker, raw: object, where: str,
                            line: int | None) -> AnswerCondition | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("question"), str) \
            or not isinstance(raw.get("in"), list) \
            or not all(isinstance(v, str) for v in raw["in"]) or set(raw) != {"question", "in"}:
        check.problem(f"{where} must be {{ question = \"id\", in = [\"value\", ...] }}", line)
        return None
    return AnswerCondition(raw["question"], tuple(raw["in"]))


def _check_answer_condition(check: _Checker, condition: AnswerCondition,
                            questions: Mapping[str, Question], where: str,
                            line: int | None) -> None:
    target = questions.get(condition.question)
    if target is None:
        check.problem(f"{where} names question {condition.question!r}, which the bank does "
                      f"not have", line)
        return
    if target.kind not in ("single", "multi"):
        check.problem(f"{where} names question {condition.question!r}, a {target.kind} "
                      f"question; only single and multi questions can be conditions", line)
        return
    known = {o.value for o in target.options}
    for value in condition.values:
        if value not in known:
            check.problem(f"{where}: {value!r} is not an option of {condition.question!r} "
                          f"(options: {', '.join(sorted(known))})", line)


def _check_show_if_cycles(check: _Checker, questions: Mapping[str, Question]) -> None:
    """Report loops, and chains deeper than MAX_SHOW_IF_DEPTH: whether a question is shown is
    worked out through its whole chain, so a very long one would be slow, or too deep."""
    reported: set[str] = set()
    too_deep: list[str] = []
    for start in questions:
        chain = [start]
        current = questions[start]
        while current.show_if and current.show_if.question in questions:
            nxt = current.show_if.question
            if nxt in chain:
                loop = chain[chain.index(nxt):]
                if not reported.intersection(loop):
                    check.problem("show_if conditions form a loop: "
                                  + " -> ".join([*loop, nxt]), check.line_of_id(nxt))
                    reported.update(loop)
                break
            if len(chain) > MAX_SHOW_IF_DEPTH:
                too_deep.append(start)
                break
            chain.append(nxt)
            current = questions[nxt]
    if too_deep:
        others = f" (and {len(too_deep) - 1} more questions)" if len(too_deep) > 1 else ""
        check.problem(f"question {too_deep[0]} show_if: its conditions chain more than "
                      f"{MAX_SHOW_IF_DEPTH} questions deep (shown if a question that is shown "
                      f"if ...){others}; the limit is {MAX_SHOW_IF_DEPTH}",
                      check.line_of_id(too_deep[0]))


def _check_resource_ids(check: _Checker, ids: Iterable[str], resources: Mapping[str, Resource],
                        where: str, line: int | None) -> None:
    for rid in ids:
        if rid not in resources:
            check.problem(f"{where}: resource {rid!r} is not in the resource catalogue", line)


def _parse_guidance(check: _Checker, data: Mapping[str, Any], section_ids: set[str],
                    questions: Mapping[str, Question],
                    resources: Mapping[str, Resource]) -> tuple[GuidanceRule, ...]:
    rules = []
    for entry, line, where in check.entries(data, "guidance", "guidance", _GUIDANCE_KEYS,
                                            required=False):
        raw_when = entry.get("when")
        if isinstance(raw_when, dict):
            raw_when = [raw_when]
        conditions: list[Condition] = []
        if not isinstance(raw_when, list) or not raw_when:
            check.problem(f"{where} needs `when`: a condition or a list of conditions", line)
            raw_when = []
        for raw in raw_when:
            condition = _parse_guidance_condition(check, raw, section_ids, questions, where, line)
            if condition:
                conditions.append(condition)
        priority = entry.get("priority")
        if not isinstance(priority, int) or isinstance(priority, bool) or priority < 1:
            check.problem(f"{where}: `priority` must be a whole number, 1 or more", line)
            priority = 1
        rule_resources = check.id_list(entry, "resources", where, line)
        _check_resource_ids(check, rule_resources, resources, where, line)
        rules.append(GuidanceRule(
            id=check.ident(entry, "id", where, line), when=tuple(conditions), priority=priority,
            title=check.text(entry, "title", where, line),
            advice=check.text(entry, "advice", where, line),
            resources=rule_resources,
            who=check.text(entry, "who", where, line, required=False),
        ))
    return tuple(rules)


def _parse_guidance_condition(check: _Checker, raw: object, section_ids: set[str],
                              questions: Mapping[str, Question], where: str,
                              line: int | None) -> Condition | None:
    if isinstance(raw, dict) and "section" in raw:
        unknown = set(raw) - {"section", "below", "at_least"}
        section = raw.get("section")
        if unknown or not isinstance(section, str) or not ({"below", "at_least"} & set(raw)):
            check.problem(f"{where} when: a section condition is {{ section = \"id\", "
                          f"below = 50 }} or {{ section = \"id\", at_least = 75 }}", line)
            return None
        if section not in section_ids:
            check.problem(f"{where} when: section {section!r} is not one of the bank's "
                          f"sections", line)
        below = check.number(raw, "below", f"{where} when", line, default=-1.0, low=-1.0,
                             high=100.0) if "below" in raw else None
        at_least = check.number(raw, "at_least", f"{where} when", line, default=-1.0,
                                low=-1.0, high=100.0) if "at_least" in raw else None
        return SectionCondition(section, below, at_least)
    condition = _parse_answer_condition(check, raw, f"{where} when", line)
    if condition:
        _check_answer_condition(check, condition, questions, f"{where} when", line)
    return condition


# --- finding banks -----------------------------------------------------------------------------

LINK_SKIPPED = ("is a link, and svassess does not follow links in a banks folder; put the bank's "
                "file itself there")


def load_bank_dirs(folders: Iterable[Path], parse: TomlParser = tomllib.loads,
                   no_links_in: Iterable[Path] = ()) -> BankSet:
    """Load every bank in the folders; each folder's resources.toml adds to the catalogue.

    A bank that fails validation is left out and its problems reported; the others still load.
    When two folders hold a bank with the same id, the first folder's is used. In the folders
    `no_links_in` (a data folder's own banks, which may come from someone else) a link is named
    and left alone; the shipped folder may be made of links by a packager.
    """
    resources: dict[str, Resource] = {}
    banks: dict[str, Bank] = {}
    problems: list[Problem] = []
    for path, role in bank_folder_files(folders, no_links_in):
        if role == "link":
            problems.append(Problem(path, LINK_SKIPPED))
        elif role == "catalogue":
            try:
                for rid, resource in load_resources(path, parse).items():
                    resources.setdefault(rid, resource)
            except BankError as exc:
                problems.extend(exc.problems)
        else:
            try:
                bank = load_bank(path, resources, parse)
            except BankError as exc:
                problems.extend(exc.problems)
                continue
            if bank.id in banks:
                problems.append(Problem(path, f"bank id {bank.id!r} is already used by "
                                              f"{banks[bank.id].path}; this copy is ignored"))
                continue
            banks[bank.id] = bank
            quick = quick_check_bank(bank)
            if quick is not None:
                if quick.id in banks:
                    problems.append(Problem(path, f"quick check id {quick.id!r} is already used "
                                                  f"by {banks[quick.id].path}; it is left out"))
                else:
                    banks[quick.id] = quick
    return BankSet(banks, tuple(problems))


class CheckResult(NamedTuple):
    problems: tuple[Problem, ...]
    banks: tuple[Bank, ...]
    resources: Mapping[str, Resource]


def check_files(paths: Iterable[Path], default_resources: Path | None) -> CheckResult:
    """Validate bank and resource files as `svassess check-bank` does.

    Banks are checked against the catalogue svassess would give them: `default_resources` (the
    shipped catalogue) plus the resource files among `paths`, or, when none is given, the
    resources.toml beside each bank.
    """
    paths = list(paths)
    problems: list[Problem] = []
    base: dict[str, Resource] = {}
    if default_resources is not None and default_resources.is_file():
        try:
            base = load_resources(default_resources)
        except BankError as exc:
            problems.extend(exc.problems)
    given: dict[str, Resource] = {}
    given_any = False
    for path in paths:
        if is_resource_file(path):
            given_any = True
            try:
                given.update(load_resources(path))
            except BankError as exc:
                problems.extend(exc.problems)
    banks = []
    for path in paths:
        if is_resource_file(path):
            continue
        extra = given
        beside = path.parent / RESOURCES_FILE
        if not given_any and beside.is_file() and beside != default_resources:
            try:
                extra = load_resources(beside)
            except BankError as exc:
                problems.extend(exc.problems)
        # As when svassess runs: the shipped catalogue first, then the bank's own additions.
        catalogue = dict(base)
        for rid, resource in extra.items():
            catalogue.setdefault(rid, resource)
        try:
            banks.append(load_bank(path, catalogue))
        except BankError as exc:
            problems.extend(exc.problems)
    return CheckResult(tuple(problems), tuple(banks), given)
