"""The question bank and resource catalogue as frozen objects: what a bank is, not how it is read.

Reading and validating bank and resource files is svassess.bank_loader; the format is documented
in docs/writing-a-bank.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, TypeVar

KINDS = ("single", "multi", "scale", "text")
T = TypeVar("T")


class Option(NamedTuple):
    value: str
    label: str
    score: float
    unsure: bool = False
    exclusive: bool = False  # multi only: choosing it clears the others, choosing another clears it


class Scale(NamedTuple):
    min: int
    max: int
    min_label: str = ""
    max_label: str = ""

    def points(self) -> list[tuple[int, str]]:
        """Each point of the scale with the words for its end ("" between the ends)."""
        return [(point, self.min_label if point == self.min else
                 self.max_label if point == self.max else "")
                for point in range(self.min, self.max + 1)]


class AnswerCondition(NamedTuple):
    """Holds when `question` is answered with one of `values` (any chosen value, for multi)."""

    question: str
    values: tuple[str, ...]


class SectionCondition(NamedTuple):
    """Holds when the section's score is below `below` and/or at least `at_least`."""

    section: str
    below: float | None = None
    at_least: float | None = None


Condition = AnswerCondition | SectionCondition


class Question(NamedTuple):
    id: str
    section: str
    kind: str
    prompt: str
    help: str
    weight: float
    options: tuple[Option, ...] = ()
    scale: Scale | None = None
    max_score: float | None = None
    show_if: AnswerCondition | None = None
    resources: tuple[str, ...] = ()

    @property
    def scored(self) -> bool:
        return self.weight > 0 and self.kind != "text"

    def option(self, value: str) -> Option | None:
        for option in self.options:  # a loop, not next(): called for every answer scored
            if option.value == value:
                return option
        return None


class Section(NamedTuple):
    id: str
    title: str
    intro: str
    weight: float


class Level(NamedTuple):
    id: str
    name: str
    min_score: float
    summary: str


class GuidanceRule(NamedTuple):
    id: str
    when: tuple[Condition, ...]
    priority: int
    title: str
    advice: str
    resources: tuple[str, ...] = ()
    who: str = ""
    """Who in an organisation could do it ("the chief executive with a trustee"); optional."""


class Resource(NamedTuple):
    id: str
    title: str
    publisher: str
    year: str
    url: str
    summary: str
    last_checked: dt.date
    tags: tuple[str, ...] = ()


class GlossaryEntry(NamedTuple):
    """A term a provider may not know, explained once for the whole bank."""

    term: str
    meaning: str


class QuickCheck(NamedTuple):
    """A shorter route through a bank: some of its questions, asked under their own ids, so that
    answers given in the quick check carry into the full assessment."""

    id: str
    title: str
    description: str
    questions: tuple[str, ...]


@dataclass(frozen=True)
class Bank:
    id: str
    version: str
    title: str
    description: str
    audience: str
    last_checked: dt.date
    strength_at: float
    levels: tuple[Level, ...]
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    guidance: tuple[GuidanceRule, ...]
    resources: Mapping[str, Resource]
    path: Path | None = field(default=None, compare=False)
    glossary: tuple[GlossaryEntry, ...] = ()
    quick_check: QuickCheck | None = None
    parent: str | None = None
    """For a quick check: the id of the full bank its answers carry into."""

    def question(self, question_id: str) -> Question | None:
        return self.memo("questions_by_id", _questions_by_id).get(question_id)

    def section(self, section_id: str) -> Section | None:
        return self.memo("sections_by_id", _sections_by_id).get(section_id)

    def questions_in(self, section_id: str) -> tuple[Question, ...]:
        return self.memo("questions_by_section", _questions_by_section).get(section_id, ())

    def memo(self, name: str, compute: Callable[[Bank], T]) -> T:
        """`compute(self)`, worked out on first use and kept under `name`: the bank is frozen,
        so it never goes stale (a group report scores thousands of assessments with one bank)."""
        memos = self.__dict__.get("_memos")
        if memos is None:
            memos = {}
            object.__setattr__(self, "_memos", memos)  # frozen: set past the dataclass's guard
        if name not in memos:
            memos[name] = compute(self)
        return memos[name]


def _questions_by_id(bank: Bank) -> dict[str, Question]:
    return {q.id: q for q in bank.questions}


def _sections_by_id(bank: Bank) -> dict[str, Section]:
    return {s.id: s for s in bank.sections}


def _questions_by_section(bank: Bank) -> dict[str, tuple[Question, ...]]:
    return {s.id: tuple(q for q in bank.questions if q.section == s.id) for s in bank.sections}



def glossary_of(banks: Iterable[Bank]) -> tuple[GlossaryEntry, ...]:
    """Every term the banks explain, once each (the first bank's wording wins), A to Z."""
    entries: dict[str, GlossaryEntry] = {}
    for bank in banks:
        for entry in bank.glossary:
            entries.setdefault(entry.term.strip().lower(), entry)
    return tuple(entries[key] for key in sorted(entries))


def quick_check_bank(bank: Bank) -> Bank | None:
    """The bank's quick check as a bank of its own: the listed questions under their own ids,
    the sections they sit in, and the guidance rules that depend on nothing else. Its `parent`
    names the full bank, which scores the same answers the same way."""
    quick = bank.quick_check
    if quick is None:
        return None
    listed = set(quick.questions)
    questions = tuple(q for q in bank.questions if q.id in listed)
    section_ids = {q.section for q in questions}

    def kept(condition: Condition) -> bool:
        if isinstance(condition, SectionCondition):
            return condition.section in section_ids
        return condition.question in listed

    return Bank(
        id=quick.id, version=bank.version, title=quick.title, description=quick.description,
        audience=bank.audience, last_checked=bank.last_checked, strength_at=bank.strength_at,
        levels=bank.levels,
        sections=tuple(s for s in bank.sections if s.id in section_ids),
        questions=questions,
        guidance=tuple(r for r in bank.guidance if all(kept(c) for c in r.when)),
        resources=bank.resources, path=bank.path, glossary=bank.glossary, parent=bank.id,
    )
