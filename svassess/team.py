"""A team's view: several people's assessments of one organisation, side by side.

Where answers differ (two or more steps apart on a scale, or different choices), what everyone
agrees on, and who was not sure; and a joint assessment the team agrees from them. Pure: it is
given assessments and returns new objects; the sources are never changed. People are "Person 1…"
unless names are asked for (`named=True`); notes carry who wrote them only then.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Mapping
from typing import Any, NamedTuple

from svassess.assessment import (
    Answer,
    AnswerValue,
    Assessment,
    is_visible,
    new_assessment,
    utc_now,
    valid_value,
    visible_questions,
)
from svassess.bank import Bank, Question
from svassess.group import shared_bank
from svassess.report import answer_text, shown_score
from svassess.scoring import Result, question_score, score_assessment
from svassess.text import clean_line

WIDTH = 80
SCALE_GAP = 2
"""Scale answers this many steps apart, or more, count as a disagreement."""

AGREED, DIFFER, CLOSE, PARTLY, OPEN, TEXT = "agreed", "differ", "close", "partly", "open", "text"
"""How a question's answers compare: everyone gave the same answer; answers differ; scale answers
one step apart; those who answered agree but someone did not answer (or was not sure); nobody gave
an answer; a text question (not compared: its answers are combined)."""


PICKED, CAUTIOUS, FIRST = "picked", "cautious", "first"
WHY_WORDS = {PICKED: "the team's pick", CAUTIOUS: "the more cautious answer",
             FIRST: "the first answer given; none is more cautious"}


class TeamError(ValueError):
    """A team that cannot be compared, or a pick that does not fit; the message says why."""


class Person(NamedTuple):
    label: str
    assessment: Assessment
    result: Result


class QuestionView(NamedTuple):
    question: Question
    values: tuple[AnswerValue | None, ...]
    """Each person's valid answer, or None (not asked, not answered, or no longer valid)."""
    asked: tuple[bool, ...]
    unsure: tuple[bool, ...]
    status: str
    cautious: int | None
    """When answers differ: the index of the person whose answer scores least (the default for
    the joint assessment). None when answers agree, or when no answer scores less than another
    (an unscored question), and then the first answer given is the default."""

    @property
    def default(self) -> int | None:
        """Whose answer the joint assessment takes unless the team picks another."""
        definite = self.definite()
        return self.cautious if self.cautious is not None else \
            (definite[0][0] if definite else None)

    def definite(self) -> list[tuple[int, AnswerValue]]:
        """(person index, answer) for everyone who gave an answer other than "not sure"."""
        return [(i, v) for i, v in enumerate(self.values)
                if v is not None and not self.unsure[i]]


class TeamView(NamedTuple):
    bank: Bank
    people: tuple[Person, ...]
    questions: tuple[QuestionView, ...]
    versions: dict[str, int]
    shared_questions: int | None
    """Set when people used several bank versions: the scored questions the scores compare."""
    named: bool

    def with_status(self, *statuses: str) -> list[QuestionView]:
        return [q for q in self.questions if q.status in statuses]

    @property
    def disagreements(self) -> list[QuestionView]:
        return self.with_status(DIFFER)

    @property
    def agreed(self) -> list[QuestionView]:
        return self.with_status(AGREED)

    @property
    def to_pick(self) -> list[QuestionView]:
        """Questions where the joint assessment needs a pick: definite answers differ."""
        return self.with_status(DIFFER, CLOSE)

    def unsure_counts(self) -> list[int]:
        """How many "not sure" answers each person gave."""
        return [sum(q.unsure[i] for q in self.questions) for i in range(len(self.people))]


def _key(value: AnswerValue) -> object:
    return tuple(sorted(value)) if isinstance(value, list) else value


def _is_unsure(question: Question, value: AnswerValue | None) -> bool:
    if isinstance(value, str):
        option = question.option(value)
        return option is not None and option.unsure
    if isinstance(value, list) and value:
        return all((o := question.option(v)) is not None and o.unsure for v in value)
    return False


def cautious_choice(question: Question, definite: list[tuple[int, AnswerValue]]) -> int | None:
    """The person whose answer earns least (fewest ticks next; the first person on a tie), or
    None when every answer earns the same (nothing to be cautious about)."""
    def weight(item: tuple[int, AnswerValue]) -> tuple[float, int]:
        value = item[1]
        return question_score(question, value), len(value) if isinstance(value, list) else 0

    if len({weight(item) for item in definite}) < 2:
        return None
    return min(definite, key=lambda item: (*weight(item), item[0]))[0]


def compare_question(question: Question, values: tuple[AnswerValue | None, ...],
                     asked: tuple[bool, ...]) -> QuestionView:
    unsure = tuple(_is_unsure(question, v) for v in values)
    view = QuestionView(question, values, asked, unsure, OPEN, None)
    definite = view.definite()
    distinct = {_key(v) for _, v in definite}
    if question.kind == "text":
        status = TEXT
    elif not distinct:
        status = OPEN
    elif len(distinct) == 1:
        everyone = all(asked) and len(definite) == len(values)
        status = AGREED if everyone else PARTLY
    elif question.kind == "scale":
        numbers = [v for _, v in definite if isinstance(v, int)]
        status = DIFFER if max(numbers) - min(numbers) >= SCALE_GAP else CLOSE
    else:
        status = DIFFER
    cautious = cautious_choice(question, definite) if status in (DIFFER, CLOSE) else None
    return QuestionView(question, values, asked, unsure, status, cautious)


def person_label(index: int, assessment: Assessment, named: bool) -> str:
    return (clean_line(assessment.name) or f"Person {index + 1}") if named \
        else f"Person {index + 1}"


def check_team(assessments: list[Assessment], any_organisation: bool = False) -> None:
    """Raise TeamError unless these can be compared as one team: two or more, one bank, each
    once, one organisation (unless `any_organisation`)."""
    if len(assessments) < 2:
        raise TeamError("A team view needs at least two assessments; name two or more.")
    ids = [a.id for a in assessments]
    if len(set(ids)) < len(ids):
        twice = next(i for i in ids if ids.count(i) > 1)
        raise TeamError(f"The assessment {twice} is named twice; name each person's "
                        f"assessment once.")
    banks = sorted({a.bank for a in assessments})
    if len(banks) > 1:
        raise TeamError(f"The assessments use different question banks "
                        f"({', '.join(clean_line(b) for b in banks)}), so they cannot be put "
                        f"side by side; name assessments of one bank.")
    organisations = sorted({clean_line(a.organisation).casefold()
                            for a in assessments if clean_line(a.organisation)})
    if len(organisations) > 1 and not any_organisation:
        raise TeamError(f"The assessments are of different organisations "
                        f"({', '.join(organisations)}); a team view is for one organisation. "
                        f"Add --any to compare them anyway.")


def build_team(bank: Bank, assessments: list[Assessment], named: bool = False,
               any_organisation: bool = False) -> TeamView:
    """Side by side. Raises TeamError when `check_team` does, or when the bank is another."""
    check_team(assessments, any_organisation)
    if assessments[0].bank != bank.id:
        raise TeamError(f"The assessments use the question bank "
                        f"{clean_line(assessments[0].bank)!r}, not {bank.id!r}.")
    compared, shared = shared_bank(bank, assessments)
    people = tuple(Person(person_label(i, a, named), a, score_assessment(compared, a))
                   for i, a in enumerate(assessments))
    views = []
    for question in bank.questions:
        asked = tuple(is_visible(bank, a, question) for a in assessments)
        if not any(asked):
            continue
        values = tuple(valid_value(question, a.answers.get(question.id)) if seen else None
                       for a, seen in zip(assessments, asked, strict=True))
        views.append(compare_question(question, values, asked))
    versions: dict[str, int] = {}
    for a in assessments:
        versions[a.bank_version] = versions.get(a.bank_version, 0) + 1
    return TeamView(bank, people, tuple(views), versions, shared, named)


# --- the joint assessment --------------------------------------------------------------------


class Pick(NamedTuple):
    """The answer the joint assessment took where people's answers differ."""

    question: Question
    person: int
    why: str
    """PICKED (the team's choice), CAUTIOUS (the default) or FIRST (the default when no answer
    is more cautious than another)."""


def parse_picks(team: TeamView, picks: Mapping[str, int]) -> dict[str, int]:
    """Check the team's picks (question id -> person number, from 1). Raises TeamError."""
    open_ = {q.question.id: q for q in team.to_pick}
    checked = {}
    for question_id, number in picks.items():
        view = open_.get(question_id)
        if view is None:
            raise TeamError(f"{question_id!r} is not a question where the answers differ; "
                            f"the team view lists those.")
        if not 1 <= number <= len(team.people):
            raise TeamError(f"There is no person {number} in this team of "
                            f"{len(team.people)}.")
        if number - 1 not in {i for i, _ in view.definite()}:
            raise TeamError(f"Person {number} gave no answer to {question_id!r} to pick; "
                            f"pick someone who did.")
        checked[question_id] = number - 1
    return checked


def joint_assessment(team: TeamView, picks: Mapping[str, int], name: str,
                     now: dt.datetime | None = None) -> tuple[Assessment, list[Pick]]:
    """A new assessment: the answers everyone who answered agrees on; where answers differ, the
    person picked (`picks`: question id -> person index from 0, see parse_picks), by default
    the most cautious answer. Text answers and notes are combined, with who wrote them only when
    the team view is named. Questions the joint answers hide are left out."""
    now = now or utc_now()
    bank = team.bank
    organisations = [a.organisation for a in (p.assessment for p in team.people)
                     if clean_line(a.organisation)]
    joint = new_assessment(bank, name, organisations[0] if organisations else "", now)
    taken: list[Pick] = []
    for view in team.questions:
        value, pick = _joint_value(team, view, picks)
        if pick is not None:
            taken.append(pick)
        note = _combined(team, [p.assessment.answers.get(view.question.id) for p in team.people],
                         lambda answer: answer.note)
        if value is not None or note:
            joint.answers[view.question.id] = Answer(value if value is not None else "", now,
                                                     note)
    _drop_hidden(bank, joint)
    shown = {q.id for q in visible_questions(bank, joint)}
    first = next((q for q in visible_questions(bank, joint)), None)
    joint.current = first.id if first else ""
    return joint, [p for p in taken if p.question.id in shown]


def _joint_value(team: TeamView, view: QuestionView,
                 picks: Mapping[str, int]) -> tuple[AnswerValue | None, Pick | None]:
    question = view.question
    if view.status == TEXT:
        texts = [v if isinstance(v, str) else None for v in view.values]
        return _combined(team, texts, lambda text: text) or None, None
    definite = view.definite()
    if view.status in (DIFFER, CLOSE):
        chosen = picks.get(question.id, view.default)
        assert chosen is not None
        value = dict(definite)[chosen]
        why = PICKED if question.id in picks else CAUTIOUS if view.cautious is not None \
            else FIRST
        return (list(value) if isinstance(value, list) else value,
                Pick(question, chosen, why))
    if definite:
        value = definite[0][1]
        return (list(value) if isinstance(value, list) else value), None
    unsure = [v for v, u in zip(view.values, view.unsure, strict=True) if u]
    return (unsure[0] if unsure else None), None


def _combined(team: TeamView, items: list[Any], text_of) -> str:
    """Distinct non-empty texts, one paragraph each; "Name: text" when the view is named."""
    seen, parts = set(), []
    for person, item in zip(team.people, items, strict=True):
        text = text_of(item).strip() if item is not None else ""
        if not text or text in seen:
            continue
        seen.add(text)
        parts.append(f"{person.label}: {text}" if team.named else text)
    return "\n\n".join(parts)


def _drop_hidden(bank: Bank, joint: Assessment) -> None:
    """Remove answers to questions the joint answers hide (repeated: hiding one can hide more)."""
    while True:
        hidden = [qid for qid in joint.answers
                  if (q := bank.question(qid)) is not None and not is_visible(bank, joint, q)]
        if not hidden:
            return
        for qid in hidden:
            del joint.answers[qid]


# --- presenting it ---------------------------------------------------------------------------


def _answer_words(view: QuestionView, index: int) -> str:
    if not view.asked[index]:
        return "not asked"
    value = view.values[index]
    return clean_line(answer_text(view.question, value)) if value is not None else "not answered"


def _score(value: float | None) -> str:
    return "-" if value is None else str(shown_score(value))


def _heading(title: str) -> list[str]:
    return ["", title, "-" * len(title)]


def _wrapped(text: str, indent: int = 2) -> list[str]:
    return textwrap.wrap(text, width=WIDTH, subsequent_indent=" " * indent) or [""]


def render_text(team: TeamView) -> str:
    people = team.people
    width = max(5, min(12, max(len(p.label) for p in people)))
    titles = [clean_line(s.title) for s in team.bank.sections if s.weight > 0]
    room = max(20, min(max(map(len, titles), default=20), WIDTH - len(people) * (width + 1)))
    organisation = next((clean_line(p.assessment.organisation) for p in people
                         if clean_line(p.assessment.organisation)), "")
    out = ["Team view", "=========", "",
           *_wrapped(f"{len(people)} people's assessments of {clean_line(team.bank.title)}"
                     + (f" for {organisation}" if organisation else "") + ".", 0)]
    if team.shared_questions is not None:
        versions = ", ".join(f"{clean_line(v)} ({n})" for v, n in sorted(team.versions.items()))
        out += _wrapped(f"They use {len(team.versions)} versions of the bank ({versions}), so "
                        f"scores compare only the {team.shared_questions} scored questions "
                        f"they share.", 0)
    if not team.named:
        out.append("People are numbered in the order their assessments were named.")

    def row(title: str, cells: list[str]) -> str:
        return f"{title[:room]:<{room}}" + "".join(f" {c[:width]:>{width}}" for c in cells)

    out += [*_heading("Scores (0-100)"), row("", [p.label for p in people])]
    for section in team.bank.sections:
        if section.weight > 0:
            out.append(row(clean_line(section.title), [
                _score(s.score if (s := p.result.section(section.id)) else None)
                for p in people]))
    out.append(row("Overall", [_score(p.result.overall) for p in people]))
    out.append(row("Answered (%)", [_score(p.result.completeness) for p in people]))
    out += _heading(f"Where answers differ ({len(team.disagreements)})")
    for view in team.disagreements:
        out += _wrapped(f"- {clean_line(view.question.prompt)}")
        for i, person in enumerate(people):
            mark = " (the more cautious)" if i == view.cautious else ""
            out += _wrapped(f"    {person.label}: {_answer_words(view, i)}{mark}", 6)
    if not team.disagreements:
        out.append("None.")
    close = team.with_status(CLOSE)
    if close:
        out += _heading(f"One step apart ({len(close)})")
        for view in close:
            answers = ", ".join(f"{p.label}: {_answer_words(view, i)}"
                                for i, p in enumerate(people))
            out += _wrapped(f"- {clean_line(view.question.prompt)} ({answers})")
    out += _heading(f"What everyone agrees on ({len(team.agreed)})")
    for view in team.agreed:
        out += _wrapped(f"- {clean_line(view.question.prompt)}: {_answer_words(view, 0)}")
    if not team.agreed:
        out.append("Nothing yet.")
    counts = team.unsure_counts()
    out += [*_heading("Not sure"),
            *_wrapped("Answers of \"Not sure\": " + ", ".join(
                f"{p.label} {n}" for p, n in zip(people, counts, strict=True)))]
    for view in team.questions:
        if any(view.unsure):
            out += _wrapped(f"- {sum(view.unsure)} of {len(people)} not sure: "
                            f"{clean_line(view.question.prompt)}")
    return "\n".join(out) + "\n"


def _view_json(team: TeamView, view: QuestionView) -> dict[str, Any]:
    return {"question": view.question.id, "prompt": view.question.prompt,
            "status": view.status,
            "answers": [view.values[i] if view.asked[i] else None
                        for i in range(len(team.people))],
            "not_sure": list(view.unsure),
            "cautious": None if view.cautious is None else view.cautious + 1,
            "default": None if view.default is None else view.default + 1}


def team_json(team: TeamView) -> dict[str, Any]:
    people = []
    for number, person in enumerate(team.people, start=1):
        entry: dict[str, Any] = {
            "person": number, "label": person.label, "overall": person.result.overall,
            "level": person.result.level.id, "completeness": person.result.completeness,
            "sections": {s.section.id: s.score for s in person.result.sections
                         if s.section.weight > 0}}
        if team.named:
            entry.update(id=person.assessment.id, name=person.assessment.name,
                         organisation=person.assessment.organisation)
        people.append(entry)
    return {
        "bank": {"id": team.bank.id, "versions": team.versions},
        "shared_questions": team.shared_questions,
        "people": people,
        "differ": [_view_json(team, v) for v in team.disagreements],
        "one_step_apart": [_view_json(team, v) for v in team.with_status(CLOSE)],
        "agreed": [_view_json(team, v) for v in team.agreed],
        "not_sure": {"per_person": team.unsure_counts(),
                     "questions": [{"question": v.question.id, "count": sum(v.unsure)}
                                   for v in team.questions if any(v.unsure)]},
    }


def render_picks(team: TeamView, picks: list[Pick]) -> str:
    lines = []
    for pick in picks:
        why = WHY_WORDS[pick.why]
        view = next(v for v in team.questions if v.question.id == pick.question.id)
        lines.append(f"- {clean_line(pick.question.prompt)}: {_answer_words(view, pick.person)} "
                     f"({team.people[pick.person].label}'s, {why})")
    return "\n".join(lines)
