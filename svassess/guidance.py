"""Turn a scored assessment into recommendations and strengths. Pure functions."""

from __future__ import annotations

from typing import NamedTuple

from svassess.assessment import Assessment, condition_holds
from svassess.bank import AnswerCondition, Bank, GuidanceRule, Resource, Section, SectionCondition
from svassess.scoring import Result, SectionScore


class Recommendation(NamedTuple):
    rule: GuidanceRule
    section: Section | None
    """The section the rule is about: its first section condition's, else its first question's."""
    resources: tuple[Resource, ...]


def rule_section(bank: Bank, rule: GuidanceRule) -> Section | None:
    for condition in rule.when:
        if isinstance(condition, SectionCondition):
            return bank.section(condition.section)
    for condition in rule.when:
        question = bank.question(condition.question) \
            if isinstance(condition, AnswerCondition) else None
        if question:
            return bank.section(question.section)
    return None


def _holds(bank: Bank, assessment: Assessment, result: Result,
           condition: AnswerCondition | SectionCondition) -> bool:
    if isinstance(condition, AnswerCondition):
        return condition_holds(bank, assessment, condition)
    section = result.section(condition.section)
    if section is None or section.score is None:
        return False
    if condition.below is not None and not section.score < condition.below:
        return False
    return condition.at_least is None or section.score >= condition.at_least


def recommendations(bank: Bank, assessment: Assessment, result: Result) -> list[Recommendation]:
    """Every rule whose conditions all hold: by priority, then weakest section first, then in the
    bank's order."""
    matched = [(index, rule) for index, rule in enumerate(bank.guidance)
               if rule.when and all(_holds(bank, assessment, result, c) for c in rule.when)]

    def order(item: tuple[int, GuidanceRule]) -> tuple[int, float, int]:
        index, rule = item
        section = rule_section(bank, rule)
        scored = result.section(section.id) if section else None
        weakness = scored.score if scored and scored.score is not None else 101.0
        return rule.priority, weakness, index

    return [
        Recommendation(rule, rule_section(bank, rule),
                       tuple(bank.resources[r] for r in rule.resources if r in bank.resources))
        for _, rule in sorted(matched, key=order)
    ]


def strengths(bank: Bank, result: Result) -> list[SectionScore]:
    """Scored sections at or above the bank's strength mark, strongest first."""
    strong = [s for s in result.sections
              if s.section.weight > 0 and s.score is not None and s.score >= bank.strength_at]
    return sorted(strong, key=lambda s: -(s.score or 0))
