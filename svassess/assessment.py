"""An assessment: who it is for, which bank, and the answers given so far.

Answers are keyed by question id. Answers to questions the bank no longer has are kept as they are,
and so are keys this version does not know (`extra`), so that saving never loses anything.
"""

from __future__ import annotations

import datetime as dt
import secrets
import time
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from svassess.bank import AnswerCondition, Bank, Question
from svassess.plan import ActionPlan
from svassess.text import clean_text

AnswerValue = str | list[str] | int


@dataclass
class Answer:
    value: AnswerValue
    answered_at: dt.datetime
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Assessment:
    id: str
    name: str
    organisation: str
    bank: str
    bank_version: str
    created: dt.datetime
    updated: dt.datetime
    current: str = ""
    answers: dict[str, Answer] = field(default_factory=dict)
    plan: ActionPlan = field(default_factory=ActionPlan)
    extra: dict[str, Any] = field(default_factory=dict)
    """Keys of the [assessment] table this version does not know."""
    extra_top: dict[str, Any] = field(default_factory=dict)
    """Top-level keys of the file this version does not know."""

    def answer(self, question: Question, value: AnswerValue,
               now: dt.datetime | None = None) -> None:
        """Record an answer (checked against the question) and make it the resume point."""
        if not answer_is_valid(question, value):
            raise ValueError(f"{value!r} is not a valid answer to {question.id}")
        now = now or utc_now()
        previous = self.answers.get(question.id)
        if isinstance(value, str):
            value = clean_text(value)  # as it will be read back from the file
        self.answers[question.id] = Answer(
            value=list(value) if isinstance(value, list) else value,
            answered_at=now,
            note=previous.note if previous else "",
            extra=previous.extra if previous else {},
        )
        self.current = question.id
        self.updated = now

    def clear(self, question_id: str, now: dt.datetime | None = None) -> None:
        """Remove an answer's value. A note, and keys this version does not know, are kept."""
        previous = self.answers.pop(question_id, None)
        if previous and (previous.note or previous.extra):
            self.answers[question_id] = Answer("", previous.answered_at, previous.note,
                                               previous.extra)
        self.updated = now or utc_now()

    def set_note(self, question_id: str, note: str, now: dt.datetime | None = None) -> bool:
        """Set (or, with an empty note, remove) the evidence note; returns whether anything
        changed."""
        now = now or utc_now()
        note = clean_text(note)
        existing = self.answers.get(question_id)
        if existing and not note and not has_value(existing) and not existing.extra:
            del self.answers[question_id]          # nothing left: no empty entry in the file
        elif existing and existing.note != note:
            existing.note = note
        elif not existing and note:
            self.answers[question_id] = Answer("", now, note)
        else:
            return False
        self.updated = now
        return True


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def new_id() -> str:
    """A sortable, unguessable id: milliseconds since 1970 and random bits, in Crockford base 32."""
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    number = (int(time.time() * 1000) << 80) | secrets.randbits(80)
    chars = []
    for _ in range(26):
        number, digit = divmod(number, 32)
        chars.append(alphabet[digit])
    return "".join(reversed(chars))


def new_assessment(bank: Bank, name: str, organisation: str = "",
                   now: dt.datetime | None = None) -> Assessment:
    now = now or utc_now()
    name, organisation = clean_text(name), clean_text(organisation)
    return Assessment(id=new_id(), name=name, organisation=organisation, bank=bank.id,
                      bank_version=bank.version, created=now, updated=now)


def has_value(answer: Answer | None) -> TypeGuard[Answer]:
    """An answer with only a note (value "" or []) has not been answered yet."""
    return answer is not None and answer.value not in ("", [])


def answer_is_valid(question: Question, value: object) -> bool:
    """Whether `value` is a possible answer to `question` (an empty value counts as no answer)."""
    if question.kind == "single":
        return isinstance(value, str) and question.option(value) is not None
    if question.kind == "multi":
        return (isinstance(value, list) and len(value) == len(set(value))
                and all(isinstance(v, str) and question.option(v) for v in value))
    if question.kind == "scale":
        scale = question.scale
        return (scale is not None and isinstance(value, int) and not isinstance(value, bool)
                and scale.min <= value <= scale.max)
    return isinstance(value, str)


def valid_value(question: Question, answer: Answer | None) -> AnswerValue | None:
    """The answer's value when it is a real, valid answer to the question; otherwise None."""
    if not has_value(answer) or not answer_is_valid(question, answer.value):
        return None
    return answer.value


def condition_holds(bank: Bank, assessment: Assessment, condition: AnswerCondition) -> bool:
    """True when the condition's question is visible and answered with one of its values."""
    question = bank.question(condition.question)
    if question is None or not is_visible(bank, assessment, question):
        return False
    value = valid_value(question, assessment.answers.get(question.id))
    if isinstance(value, list):
        return any(v in condition.values for v in value)
    return value in condition.values


def is_visible(bank: Bank, assessment: Assessment, question: Question) -> bool:
    """A question is asked unless its show_if condition does not hold (the bank has no loops)."""
    return question.show_if is None or condition_holds(bank, assessment, question.show_if)


def visible_questions(bank: Bank, assessment: Assessment) -> list[Question]:
    """The questions to ask, in order: section by section, in file order within each."""
    return [q for section in bank.sections for q in bank.questions_in(section.id)
            if is_visible(bank, assessment, q)]


def is_answered(bank: Bank, assessment: Assessment, question: Question) -> bool:
    return valid_value(question, assessment.answers.get(question.id)) is not None


def unknown_answers(bank: Bank, assessment: Assessment) -> list[str]:
    """Ids of saved answers to questions the bank does not have (kept in the file)."""
    return sorted(qid for qid in assessment.answers if bank.question(qid) is None)


def invalid_answers(bank: Bank, assessment: Assessment) -> list[str]:
    """Ids of saved answers whose value the question does not allow (ignored when scoring)."""
    return sorted(
        qid for qid, answer in assessment.answers.items()
        if (question := bank.question(qid)) is not None and has_value(answer)
        and not answer_is_valid(question, answer.value)
    )
