"""Walking the questionnaire: where the user is, what to show there and where to go next.

The questionnaire's rules live here, not in a screen, so that every front end (the Textual
questionnaire, the review screen, the sections dialog, the line-by-line plain mode) shows the same
progress, the same order and the same choices. Pure: a bank and an assessment in, plain values
out; no Textual, no Rich, no I/O. Nothing here changes the assessment: it says what the answer
would become, and `EditSession.record` saves it.

The counts are of *visible* questions: a question with `show_if` is asked only once an earlier
answer calls for it, so the total grows or shrinks as the user answers. `Step.may_appear` says how
many questions are waiting on an answer, so a front end can say why the total moves.

A Walk also remembers which sections the user has been shown in this sitting (`visit`), so that
`onward` never announces the end while a whole section was jumped over and never looked at; and
`review` lists every visible question with its answer for the review screen.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple

from svassess.assessment import (
    AnswerValue,
    Assessment,
    is_answered,
    is_visible,
    valid_value,
    visible_questions,
)
from svassess.bank import Bank, Question, Section


class Choice(NamedTuple):
    """One answer a single, multi or scale question offers, numbered from 1 as the user picks it."""

    number: int
    label: str
    """The words to show: the option's label, or for a scale "3" or "1 - Not at all"."""
    value: str | int
    chosen: bool
    exclusive: bool = False
    """A multi option that cannot be ticked with others ("None of these")."""


class SectionProgress(NamedTuple):
    """A section as the sections list shows it. Only sections with visible questions are listed."""

    section: Section
    number: int
    """1-based position among the sections listed."""
    answered: int
    asked: int
    """Visible questions in the section now."""
    start: Question
    """Where going to this section lands: its first unanswered question, else its first."""

    @property
    def complete(self) -> bool:
        return self.answered == self.asked


class Step(NamedTuple):
    """Everything a front end shows at one question."""

    question: Question
    section: Section | None
    section_number: int
    section_count: int
    number_in_section: int
    questions_in_section: int
    answered: int
    """Visible questions answered, in the whole assessment."""
    visible: int
    """Visible questions, in the whole assessment."""
    may_appear: int
    """Questions not asked now because a question they depend on (show_if) is not answered yet:
    the total may grow by up to this many."""
    show_intro: bool
    """The section's introduction belongs here: the first visible question of a section with one."""
    choices: tuple[Choice, ...]
    """Empty for a text question."""
    value: AnswerValue | None
    """The saved answer when it is a valid one, else None: what is shown is what is saved."""
    note: str
    offer_note: bool
    """Whether to offer an evidence note: scored questions, or any question that already has one."""
    is_first: bool
    is_last: bool
    new_terms: tuple[str, ...] = ()
    """Glossary terms met here for the first time on the way through: the front end points to
    where their meaning is (the help screen lists the bank's glossary)."""

    @property
    def many(self) -> bool:
        """Several choices may be ticked (a multi question)."""
        return self.question.kind == "multi"

    @property
    def is_answered(self) -> bool:
        return self.value is not None

    @property
    def intro(self) -> str:
        return self.section.intro if self.section else ""


class Onward(NamedTuple):
    """Where going on from a question leads: a question, or None at the end."""

    question: Question | None
    skipped: Section | None = None
    """Set when going on leads back to a section that was jumped over and never seen."""


class Entry(NamedTuple):
    """One visible question as the review lists it."""

    question: Question
    value: AnswerValue | None
    """The valid saved answer, or None when unanswered."""
    note: str

    @property
    def answered(self) -> bool:
        return self.value is not None


class Review(NamedTuple):
    """Every visible question grouped by section, with the counts the review heads with."""

    sections: tuple[tuple[SectionProgress, tuple[Entry, ...]], ...]
    answered: int
    visible: int

    @property
    def missing(self) -> int:
        return self.visible - self.answered


class Walk:
    """The questionnaire over one bank and one assessment. Reads the assessment each time it is
    asked, so it always reflects the answers given so far."""

    def __init__(self, bank: Bank, assessment: Assessment):
        self.bank = bank
        self.assessment = assessment
        self._seen: set[str] = set()
        """Sections shown in this sitting."""

    def visit(self, question: Question) -> None:
        """Note that the user has been shown `question` (and so its section)."""
        self._seen.add(question.section)

    def unseen_sections(self) -> list[SectionProgress]:
        """Sections with visible questions that were neither shown in this sitting nor have any
        answer: jumped over (with Sections, Review or a resumed place) and never looked at."""
        return [row for row in self.sections()
                if row.section.id not in self._seen and row.answered == 0]

    # --- where things are -------------------------------------------------------------------

    def visible(self) -> list[Question]:
        return visible_questions(self.bank, self.assessment)

    def is_visible(self, question: Question) -> bool:
        return is_visible(self.bank, self.assessment, question)

    def is_answered(self, question: Question) -> bool:
        return is_answered(self.bank, self.assessment, question)

    def question(self, question_id: str) -> Question | None:
        return self.bank.question(question_id)

    def first(self) -> Question | None:
        visible = self.visible()
        return visible[0] if visible else None

    def resume(self) -> Question | None:
        """Where to pick up: the saved current question if still visible, else the first
        unanswered visible question, else the first. None only when nothing is visible."""
        visible = self.visible()
        for question in visible:
            if question.id == self.assessment.current:
                return question
        return self.next_unanswered() or (visible[0] if visible else None)

    def step(self, question: Question) -> Step:
        """What to show at `question` (which may be hidden now: then it counts as number 0)."""
        visible = self.visible()
        in_section = [q for q in visible if q.section == question.section]
        sections = self._sections_asked(visible)
        section = self.bank.section(question.section)
        answer = self.assessment.answers.get(question.id)
        value = valid_value(question, answer)
        note = answer.note if answer else ""
        position = visible.index(question) if question in visible else -1
        return Step(
            question=question,
            section=section,
            section_number=sections.index(section) + 1 if section in sections else 0,
            section_count=len(sections),
            number_in_section=in_section.index(question) + 1 if question in in_section else 0,
            questions_in_section=len(in_section),
            answered=sum(1 for q in visible if self.is_answered(q)),
            visible=len(visible),
            may_appear=sum(1 for q in self.bank.questions if self._waiting(q)),
            show_intro=bool(section and section.intro and in_section and in_section[0] is question),
            choices=tuple(choices(question, value)),
            value=value,
            note=note,
            offer_note=question.scored or bool(note),
            is_first=position == 0,
            is_last=position == len(visible) - 1 and position >= 0,
            new_terms=self._new_terms(question, visible),
        )

    def _new_terms(self, question: Question, visible: list[Question]) -> tuple[str, ...]:
        """The bank's glossary terms in this question's words and in no earlier question's."""
        if not self.bank.glossary:
            return ()
        earlier = visible[:visible.index(question)] if question in visible else visible
        seen = " ".join(_shown_words(self.bank, q) for q in earlier)
        here = _shown_words(self.bank, question)
        return tuple(entry.term for entry in self.bank.glossary
                     if _mentions(here, entry.term) and not _mentions(seen, entry.term))

    # --- moving -----------------------------------------------------------------------------

    def next(self, question: Question | None) -> Question | None:
        """The visible question after `question` in order; None after the last. From a question
        that is hidden now (its condition no longer holds), the next visible one after its place."""
        return self._neighbour(question, +1)

    def previous(self, question: Question | None) -> Question | None:
        return self._neighbour(question, -1)

    def next_unanswered(self, after: Question | None = None) -> Question | None:
        """The first unanswered visible question after `after` (from the start when None),
        wrapping round to the start; None when every visible question is answered."""
        visible = self.visible()
        unanswered = [q for q in visible if not self.is_answered(q)]
        if not unanswered:
            return None
        if after is None:
            return unanswered[0]
        place = self._order(after)
        later = [q for q in unanswered if self._order(q) > place]
        return (later or unanswered)[0]

    def after_answer(self, question: Question, jumped: bool = False) -> Question | None:
        """Where to go once `question` is answered. In order, normally; but after a jump (from
        Review or Sections to fill a gap) to the next unanswered question, so the user is not
        walked through what they have done. None when the end is reached."""
        if jumped:
            return self.next_unanswered(question)
        return self.next(question)

    def onward(self, question: Question, gaps: bool = False) -> Onward:
        """Where going on from `question` leads, whether it was answered or skipped. With `gaps`
        (the user came to fill a gap from the review) to the next unanswered question, else in
        order. Before the end, any section never seen comes first: the end arrives only when
        every section has been seen."""
        target = self.next_unanswered(question) if gaps else self.next(question)
        if target is question:
            target = None
        if target is not None:
            return Onward(target)
        unseen = self.unseen_sections()
        if unseen:
            return Onward(unseen[0].start, unseen[0].section)
        return Onward(None)

    def review(self, only_unanswered: bool = False) -> Review:
        """Every visible question with its answer, by section (only the unanswered ones when
        asked; sections left with none are left out)."""
        visible = self.visible()
        rows = []
        answered = 0
        for progress in self.sections():
            entries = []
            for question in (q for q in visible if q.section == progress.section.id):
                answer = self.assessment.answers.get(question.id)
                entry = Entry(question, valid_value(question, answer),
                              answer.note if answer else "")
                answered += entry.answered
                if not (only_unanswered and entry.answered):
                    entries.append(entry)
            if entries:
                rows.append((progress, tuple(entries)))
        return Review(tuple(rows), answered, len(visible))

    def unanswered(self) -> list[Question]:
        return [q for q in self.visible() if not self.is_answered(q)]

    def sections(self) -> list[SectionProgress]:
        """The sections that have visible questions, with how many are answered."""
        visible = self.visible()
        rows = []
        for number, section in enumerate(self._sections_asked(visible), start=1):
            asked = [q for q in visible if q.section == section.id]
            unanswered = [q for q in asked if not self.is_answered(q)]
            rows.append(SectionProgress(section, number, len(asked) - len(unanswered),
                                        len(asked), (unanswered or asked)[0]))
        return rows

    def section_start(self, section_id: str) -> Question | None:
        for row in self.sections():
            if row.section.id == section_id:
                return row.start
        return None

    # --- answering --------------------------------------------------------------------------

    def choose(self, question: Question, number: int) -> AnswerValue | None:
        """The answer that choosing choice `number` gives: that option or point for a single or
        scale question; for a multi question the boxes with that one ticked or unticked (None when
        none is left ticked: the answer is cleared). Raises ValueError for a number not offered."""
        offered = choices(question, valid_value(question, self.assessment.answers.get(question.id)))
        if not 1 <= number <= len(offered):
            raise ValueError(f"{question.id} has no choice {number}")
        picked = offered[number - 1].value
        if question.kind != "multi":
            return picked
        current = valid_value(question, self.assessment.answers.get(question.id))
        return ticked(question, current, str(picked)) or None

    def _waiting(self, question: Question) -> bool:
        """Hidden now only because the question its show_if depends on is not answered yet."""
        if question.show_if is None or self.is_visible(question):
            return False
        depends_on = self.bank.question(question.show_if.question)
        if depends_on is None:
            return False
        if self.is_visible(depends_on):
            return not self.is_answered(depends_on)
        return self._waiting(depends_on)

    def _neighbour(self, question: Question | None, step: int) -> Question | None:
        visible = self.visible()
        if not visible:
            return None
        if question is None:
            return visible[0] if step > 0 else None
        if question in visible:
            index = visible.index(question) + step
            return visible[index] if 0 <= index < len(visible) else None
        place = self._order(question)
        if step > 0:
            return next((q for q in visible if self._order(q) > place), None)
        return next((q for q in reversed(visible) if self._order(q) < place), None)

    def _order(self, question: Question) -> tuple[int, int]:
        """A question's place in the bank: its section's position, then its own."""
        section_ids = [s.id for s in self.bank.sections]
        in_section = self.bank.questions_in(question.section)
        section_place = section_ids.index(question.section) if question.section in section_ids \
            else len(section_ids)
        return section_place, in_section.index(question) if question in in_section else 0

    def _sections_asked(self, visible: list[Question]) -> list[Section]:
        asked = {q.section for q in visible}
        return [s for s in self.bank.sections if s.id in asked]


def choices(question: Question, value: AnswerValue | None) -> list[Choice]:
    """The numbered choices a question offers, marked chosen from `value` (valid, or None)."""
    if question.kind == "scale" and question.scale:
        return [Choice(n, f"{point} - {words}" if words else str(point), point, point == value)
                for n, (point, words) in enumerate(question.scale.points(), start=1)]
    if question.kind == "multi":
        ticked_now = value if isinstance(value, list) else []
        return [Choice(n, o.label, o.value, o.value in ticked_now, o.exclusive)
                for n, o in enumerate(question.options, start=1)]
    if question.kind == "single":
        return [Choice(n, o.label, o.value, o.value == value)
                for n, o in enumerate(question.options, start=1)]
    return []


def ticked(question: Question, value: AnswerValue | None, option_value: str) -> list[str]:
    """A multi question's boxes with one ticked or unticked, in the options' order. Ticking an
    exclusive option ("None of these") unticks every other; ticking any other unticks the
    exclusive ones."""
    chosen = set(value if isinstance(value, list) else [])
    option = question.option(option_value)
    if option is None:
        raise ValueError(f"{question.id} has no option {option_value!r}")
    if option_value in chosen:
        chosen.discard(option_value)
    elif option.exclusive:
        chosen = {option_value}
    else:
        chosen = {v for v in chosen if not (question.option(v) or option).exclusive}
        chosen.add(option_value)
    return [o.value for o in question.options if o.value in chosen]


def _shown_words(bank: Bank, question: Question) -> str:
    """The words a provider reads at a question: its section's introduction, the prompt, the
    answers and why it matters."""
    section = bank.section(question.section)
    return " ".join([section.intro if section else "", question.prompt, question.help,
                     *(option.label for option in question.options)])


def _mentions(text: str, term: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.IGNORECASE) is not None


def typed_answer(text: str) -> str | None:
    """A text question's answer from what was typed: None (clear the answer) when it is blank."""
    return text if text.strip() else None


def next_after_answer(bank: Bank, assessment: Assessment, question: Question,
                      value: AnswerValue, jumped: bool = False) -> Question | None:
    """Where `Walk.after_answer` goes once `question` is answered with `value`, worked out
    before the answer is saved, so `EditSession.record` can save both at once. The answer may
    reveal or hide later questions (show_if), so it is tried on a copy of the answers."""
    preview = replace(assessment, answers=dict(assessment.answers))
    preview.answer(question, value)
    return Walk(bank, preview).after_answer(question, jumped)
