"""Scores, completeness and the readiness level. Pure functions; the method is in docs/scoring.md.

Unanswered and "not sure" answers score 0, so skipping a hard question can never raise a score.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from svassess.assessment import AnswerValue, Assessment, valid_value, visible_questions
from svassess.bank import Bank, Level, Question, Section
from svassess.rounding import round_down


class SectionScore(NamedTuple):
    section: Section
    score: float | None
    """0–100, or None when the section has no visible scored question (then it is not counted)."""
    answered: int
    total: int


class Result(NamedTuple):
    overall: float
    level: Level
    sections: tuple[SectionScore, ...]
    completeness: float
    """Answered visible questions as a share of visible questions, 0–100."""
    answered: int
    total: int
    not_sure: int = 0
    """Visible scored questions answered "Not sure"."""
    scored_total: int = 0
    """Visible scored questions."""
    question_scores: Mapping[str, float] = MappingProxyType({})
    """Each visible scored question's id and the share of its maximum the answer earned, 0–1."""

    @property
    def not_sure_share(self) -> float:
        """The share of visible scored questions answered "Not sure", 0–100: shown next to the
        level, so that a bank of "Not sure" answers does not read as a finished assessment."""
        return 100 * self.not_sure / self.scored_total if self.scored_total else 0.0

    @property
    def provisional(self) -> bool:
        """A result from an incomplete assessment is provisional."""
        return self.answered < self.total

    def section(self, section_id: str) -> SectionScore | None:
        for score in self.sections:  # a loop, not next(): guidance asks for every rule
            if score.section.id == section_id:
                return score
        return None


def question_max(question: Question) -> float:
    """The most a question can score before weighting."""
    if question.kind == "single":
        return max((o.score for o in question.options), default=0.0)
    if question.kind == "multi":
        return question.max_score or sum(o.score for o in question.options)
    if question.kind == "scale" and question.scale:
        return float(question.scale.max - question.scale.min)
    return 0.0


def question_score(question: Question, value: AnswerValue | None,
                   top: float | None = None) -> float:
    """The share of the question's maximum (`top`, if already known) that an answer earns,
    0.0–1.0. No answer earns 0."""
    top = question_max(question) if top is None else top
    if value is None or top <= 0:
        return 0.0
    if question.kind == "single" and isinstance(value, str):
        option = question.option(value)
        earned = 0.0 if option is None or option.unsure else option.score
    elif question.kind == "multi" and isinstance(value, list):
        earned = sum(o.score for v in value if (o := question.option(v)) and not o.unsure)
    elif question.kind == "scale" and isinstance(value, int) and question.scale:
        earned = float(value - question.scale.min)
    else:
        earned = 0.0
    return min(earned / top, 1.0)


def is_not_sure(question: Question, value: AnswerValue | None) -> bool:
    """Whether an answer is "Not sure" (for a multi question: a "Not sure" option is ticked)."""
    chosen = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return any((o := question.option(v)) is not None and o.unsure for v in chosen)


def readiness_level(levels: tuple[Level, ...], score: float) -> Level:
    """The highest level whose min_score the score reaches (the bank guarantees one at 0)."""
    reached = [level for level in levels if score >= level.min_score]
    return reached[-1] if reached else levels[0]


def score_assessment(bank: Bank, assessment: Assessment) -> Result:
    maxima = bank.memo("question_max", _question_maxima)
    visible = visible_questions(bank, assessment)
    values = {q.id: valid_value(q, assessment.answers.get(q.id)) for q in visible}
    shares = {q.id: question_score(q, values[q.id], maxima[q.id]) for q in visible if q.scored}

    sections = []
    for section in bank.sections:
        asked = [q for q in visible if q.section == section.id]
        scored = [q for q in asked if q.scored and maxima[q.id] > 0]
        weight = sum(q.weight for q in scored)
        score = None
        if weight > 0:
            score = round_down(100 * sum(q.weight * shares[q.id] for q in scored) / weight)
        answered = sum(1 for q in asked if values[q.id] is not None)
        sections.append(SectionScore(section, score, answered, len(asked)))

    counted = [s for s in sections if s.score is not None and s.section.weight > 0]
    total_weight = sum(s.section.weight for s in counted)
    overall = 0.0
    if total_weight > 0:
        overall = sum(s.section.weight * s.score for s in counted if s.score is not None) \
            / total_weight

    overall = round_down(overall)
    answered = sum(1 for v in values.values() if v is not None)
    completeness = 100 * answered / len(visible) if visible else 0.0
    scored = [q for q in visible if q.scored and maxima[q.id] > 0]
    return Result(overall=overall, level=readiness_level(bank.levels, overall),
                  sections=tuple(sections), completeness=completeness,
                  answered=answered, total=len(visible),
                  not_sure=sum(1 for q in scored if is_not_sure(q, values[q.id])),
                  scored_total=len(scored), question_scores=shares)


def _question_maxima(bank: Bank) -> dict[str, float]:
    return {q.id: question_max(q) for q in bank.questions}
