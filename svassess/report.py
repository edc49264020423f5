"""The one summary of a scored assessment, rendered by the TUI, `svassess show` and every export.

`build_report` gathers everything shown; `report_json` and `render_report` present it. Text from
users and banks is always put into Rich `Text` objects, never parsed as markup.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from svassess.assessment import (
    Assessment,
    invalid_answers,
    unknown_answers,
    valid_value,
    visible_questions,
)
from svassess.bank import Bank, Question
from svassess.guidance import Recommendation, recommendations, strengths
from svassess.plan import STATUS_LABELS
from svassess.scoring import Result, SectionScore, score_assessment
from svassess.text import clean_block, clean_line

SCORE_METHOD = (
    "How the score is calculated: each answer earns a share of its question's points; a section "
    "scores the weighted share of its points (0-100) and the overall score is the weighted mean "
    "of the sections. Unanswered and \"not sure\" answers earn nothing. Scores are rounded down. "
    "The full method is in docs/scoring.md."
)


@dataclass(frozen=True)
class PlanRow:
    """One action of the plan, as words."""

    title: str
    source: str
    owner: str
    due: str
    status: str


@dataclass(frozen=True)
class AnswerRow:
    """One visible question with its answer in words, for the evidence record."""

    section: str
    prompt: str
    answer: str
    note: str


@dataclass(frozen=True)
class Report:
    bank: Bank
    assessment: Assessment
    result: Result
    recommendations: tuple[Recommendation, ...]
    strengths: tuple[SectionScore, ...]
    unknown_answers: tuple[str, ...]
    invalid_answers: tuple[str, ...]
    plan: tuple[PlanRow, ...]
    answers: tuple[AnswerRow, ...]


def build_report(bank: Bank, assessment: Assessment) -> Report:
    result = score_assessment(bank, assessment)
    return Report(
        bank=bank,
        assessment=assessment,
        result=result,
        recommendations=tuple(recommendations(bank, assessment, result)),
        strengths=tuple(strengths(bank, result)),
        unknown_answers=tuple(unknown_answers(bank, assessment)),
        invalid_answers=tuple(invalid_answers(bank, assessment)),
        plan=tuple(plan_rows(bank, assessment)),
        answers=tuple(answer_rows(bank, assessment)),
    )


def answer_text(question: Question, value: object) -> str:
    """An answer as words: option labels rather than stored values."""
    if value is None:
        return ""
    if question.kind == "multi" and isinstance(value, list):
        return "; ".join(o.label for o in question.options if o.value in value)
    if question.kind == "single" and isinstance(value, str):
        option = question.option(value)
        return option.label if option else value
    return str(value)


def plan_rows(bank: Bank, assessment: Assessment) -> list[PlanRow]:
    rules = {rule.id: rule for rule in bank.guidance}
    rows = []
    for action in assessment.plan.actions:
        rule = rules.get(action.recommendation)
        source = ("Recommended: " + rule.title if rule else
                  "Recommended" if action.recommendation else "Our own")
        rows.append(PlanRow(clean_line(action.title), clean_line(source),
                            clean_line(action.owner),
                            action.due.isoformat() if action.due else "",
                            STATUS_LABELS.get(action.status, action.status)))
    return rows


def answer_rows(bank: Bank, assessment: Assessment) -> list[AnswerRow]:
    rows = []
    for question in visible_questions(bank, assessment):
        answer = assessment.answers.get(question.id)
        section = bank.section(question.section)
        words = answer_text(question, valid_value(question, answer))
        rows.append(AnswerRow(clean_line(section.title if section else question.section),
                              clean_line(question.prompt), clean_line(words) or "Not answered",
                              clean_line(answer.note) if answer else ""))
    return rows


def shown_score(score: float) -> int:
    """Scores are shown as whole numbers, rounded down so they never overstate."""
    return math.floor(score + 1e-6)


def report_json(report: Report) -> dict[str, Any]:
    """The object `svassess show --json` prints (its shape is documented in DESIGN.md)."""
    result, assessment = report.result, report.assessment
    return {
        "id": assessment.id,
        "name": assessment.name,
        "organisation": assessment.organisation,
        "bank": {"id": report.bank.id, "version": report.bank.version},
        "completeness": round(result.completeness, 1),
        "provisional": result.provisional,
        "overall": {
            "score": result.overall,
            "level": {"id": result.level.id, "name": result.level.name},
        },
        "sections": [
            {"id": s.section.id, "title": s.section.title, "score": s.score,
             "answered": s.answered, "total": s.total}
            for s in result.sections
        ],
        "recommendations": [
            {"id": r.rule.id, "section": r.section.id if r.section else None,
             "priority": r.rule.priority, "title": r.rule.title,
             "resources": [res.id for res in r.resources]}
            for r in report.recommendations
        ],
        "unknown_answers": list(report.unknown_answers),
    }


def score_bar(score: float | None, width: int = 20) -> str:
    """A bar that reads without colour: filled blocks for the score, light shade for the rest."""
    if score is None:
        return "·" * width
    filled = round(width * max(0.0, min(score, 100.0)) / 100)
    return "█" * filled + "░" * (width - filled)


def completeness_line(result: Result) -> str:
    line = (f"{result.answered} of {result.total} questions answered "
            f"({shown_score(result.completeness)}% complete)")
    if result.provisional:
        line += " - PROVISIONAL: unanswered questions count as 0"
    return line


def render_header(report: Report, hide_names: bool = False) -> RenderableType:
    assessment, bank = report.assessment, report.bank
    header = Text()
    if hide_names:
        header.append("(name and organisation hidden: presenter mode)\n", style="bold")
    else:
        header.append(clean_line(assessment.name) or "(no name)", style="bold")
        header.append("\n")
        if assessment.organisation:
            header.append(f"Organisation: {clean_line(assessment.organisation)}\n")
    header.append(f"Question bank: {clean_line(bank.title)} (version {clean_line(bank.version)}; "
                  f"policy facts checked {bank.last_checked.isoformat()})\n")
    header.append(f"Last updated: {assessment.updated.strftime('%d %B %Y, %H:%M UTC')}\n")
    header.append(completeness_line(report.result),
                  style="bold" if report.result.provisional else "")
    return header


def render_overall(report: Report) -> RenderableType:
    result = report.result
    text = Text()
    text.append("Overall readiness: ", style="bold")
    text.append(f"{shown_score(result.overall)} / 100", style="bold")
    text.append("   Level: ", style="bold")
    text.append(clean_line(result.level.name), style="bold")
    if result.provisional:
        text.append(" (provisional)")
    if result.not_sure:
        text.append(f"   \"Not sure\": {result.not_sure_share:.0f}% of scored questions")
    text.append("\n")
    text.append(clean_block(result.level.summary))
    return text


def render_sections(report: Report) -> RenderableType:
    table = Table(box=None, show_header=True, header_style="bold", padding=(0, 1), expand=False)
    table.add_column("Section", overflow="fold", ratio=1)
    table.add_column("Score", no_wrap=True)
    table.add_column("", justify="right", no_wrap=True)
    table.add_column("Answered", justify="right", no_wrap=True)
    for s in report.result.sections:
        if s.section.weight <= 0:
            continue
        score = "-" if s.score is None else str(shown_score(s.score))
        table.add_row(Text(clean_line(s.section.title)), score_bar(s.score), score,
                      f"{s.answered}/{s.total}")
    return table


def render_strengths(report: Report) -> RenderableType:
    if not report.strengths:
        return Text("No section reaches the strength mark "
                    f"({shown_score(report.bank.strength_at)}) yet.")
    return Text("\n".join(f"- {clean_line(s.section.title)} ({shown_score(s.score or 0)})"
                          for s in report.strengths))


def recommendation_title(number: int, rec: Recommendation) -> Text:
    text = Text()
    text.append(f"{number}. {clean_line(rec.rule.title)}", style="bold")
    if rec.section:
        text.append(f"  [{clean_line(rec.section.title)}]")
    return text


def render_recommendation_body(rec: Recommendation, summaries: bool = False) -> Text:
    """The advice, then each resource with its full URL (and, on screen, its offline summary)."""
    text = Text(clean_block(rec.rule.advice).strip())
    for resource in rec.resources:
        text.append("\n  Read: ")
        text.append(f"{clean_line(resource.title)} - {clean_line(resource.publisher)}, "
                    f"{clean_line(resource.year)}", style="bold" if summaries else "")
        text.append(f"\n        {clean_line(resource.url)}")
        if summaries:
            text.append(f"\n        {clean_line(resource.summary)}")
    return text


def render_recommendation(number: int, rec: Recommendation) -> RenderableType:
    text = recommendation_title(number, rec)
    text.append(f"  (priority {rec.rule.priority})\n")
    text.append_text(render_recommendation_body(rec))
    return Padding(text, (0, 0, 1, 0))


def render_recommendations(report: Report) -> RenderableType:
    if not report.recommendations:
        return Text("No recommendations: no guidance rule of this bank applies.")
    return Group(*(render_recommendation(n, rec)
                   for n, rec in enumerate(report.recommendations, start=1)))


def render_notices(report: Report) -> RenderableType | None:
    lines = []
    if report.unknown_answers:
        lines.append(f"{len(report.unknown_answers)} saved answer(s) belong to questions this "
                     f"version of the bank does not have; they are kept in the file but not "
                     f"scored: {', '.join(clean_line(q) for q in report.unknown_answers)}.")
    if report.invalid_answers:
        lines.append(f"{len(report.invalid_answers)} saved answer(s) are not among the "
                     f"question's options and are not scored: "
                     f"{', '.join(clean_line(q) for q in report.invalid_answers)}.")
    return Text("\n".join(lines)) if lines else None


def render_plan(report: Report) -> RenderableType:
    if not report.plan:
        return Text("No actions yet. Add recommendations to the plan from the results screen, "
                    "or add your own.")
    table = Table(box=None, header_style="bold", padding=(0, 1), pad_edge=False, expand=False)
    table.add_column("Action", ratio=3, overflow="fold")
    table.add_column("Owner", ratio=1, overflow="fold")
    table.add_column("Target", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    for row in report.plan:
        table.add_row(Text(row.title), Text(row.owner or "-"), Text(row.due or "-"),
                      Text(row.status))
    return table


def render_answers(report: Report) -> RenderableType:
    text = Text()
    section = None
    for row in report.answers:
        if row.section != section:
            section = row.section
            text.append(f"\n{section}\n", style="bold")
        text.append(f"- {row.prompt}\n  Answer: {row.answer}\n")
        if row.note:
            text.append(f"  Note: {row.note}\n")
    return text


def heading(title: str) -> Text:
    return Text(f"\n{title}\n{'-' * len(title)}", style="bold")


def render_report(report: Report, answers: bool = False) -> RenderableType:
    parts: list[RenderableType] = [
        render_header(report),
        heading("Result"),
        render_overall(report),
        heading("Sections"),
        render_sections(report),
        heading("Strengths"),
        render_strengths(report),
        heading("Recommendations, in priority order"),
        render_recommendations(report),
        heading("Action plan"),
        render_plan(report),
    ]
    if answers:
        parts += [heading("Every answer (evidence record)"), render_answers(report)]
    notices = render_notices(report)
    if notices is not None:
        parts += [heading("Notes"), notices]
    parts += [Text(""), Text(SCORE_METHOD)]
    return Group(*parts)
