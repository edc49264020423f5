"""The one report of a scored assessment: a document model that every output renders.

`build_report` gathers the facts; `build_document` turns them into an ordered list of parts and
blocks (the summary first) holding every sentence the reader sees. The results screen, `svassess
show` and the text, HTML, Markdown and SVG exports only lay those blocks out, so they cannot
disagree or drift. Text from users and banks is cleaned here and never treated as markup.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

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
from svassess.rounding import shown_score
from svassess.scoring import Result, SectionScore, score_assessment
from svassess.text import clean_block, clean_line

__all__ = ["shown_score"]

IN_FULL = 3
"""How many recommendations are written out in full after the summary; the rest get one line."""
TOP_ACTIONS = 5
WEAKEST = 3
DOCUMENT_TITLE = "Social value readiness"


# --- The facts -----------------------------------------------------------------------------------

class PlanRow(NamedTuple):
    """One action of the plan, as words."""

    title: str
    source: str
    owner: str
    due: str
    status: str
    done: bool = False
    recommendation: str = ""


class AnswerRow(NamedTuple):
    """One visible question with its answer in words, for the evidence record."""

    section: str
    prompt: str
    answer: str
    note: str


class Report(NamedTuple):
    bank: Bank
    assessment: Assessment
    result: Result
    recommendations: tuple[Recommendation, ...]
    strengths: tuple[SectionScore, ...]
    unknown_answers: tuple[str, ...]
    invalid_answers: tuple[str, ...]
    plan: tuple[PlanRow, ...]
    answers: tuple[AnswerRow, ...]
    """How many answers were "Not sure" (or included a "Not sure" choice)."""


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
                            STATUS_LABELS.get(action.status, clean_line(action.status)),
                            action.status == "done", action.recommendation))
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


def report_json(report: Report) -> dict[str, Any]:
    """The object `svassess show --json` prints (its shape is documented in DESIGN.md)."""
    result, assessment = report.result, report.assessment
    return {
        "id": assessment.id,
        "name": assessment.name,
        "organisation": assessment.organisation,
        "bank": {"id": report.bank.id, "version": report.bank.version},
        "completeness": shown_score(result.completeness),
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


# --- The document model --------------------------------------------------------------------------

class Facts(NamedTuple):
    """Label and value pairs (organisation, bank, dates, completeness)."""

    rows: tuple[tuple[str, str], ...]


class Headline(NamedTuple):
    """The one line a reader must not miss: the score and the level."""

    text: str


class Paragraph(NamedTuple):
    text: str
    strong: bool = False


class Items(NamedTuple):
    """A short list with a lead-in ("Weakest sections:"); each item is one line of words."""

    label: str
    items: tuple[str, ...]
    numbered: bool = False
    empty: str = ""
    inline: bool = False
    """Short items that read well on one line after the label ("A (58), B (60), C (63)")."""


class Bar(NamedTuple):
    label: str
    score: float | None
    value: str
    detail: str


class Bars(NamedTuple):
    """One bar per section; `headers` names the label, score and detail columns."""

    headers: tuple[str, str, str]
    rows: tuple[Bar, ...]


class Rec(NamedTuple):
    """One recommendation: everything the long form shows, and its one line."""

    number: int
    rule_id: str
    title: str
    about: str
    decision: str
    decided: str
    """"accepted", "dismissed" or "" (the plan's own word for the decision)."""
    advice: tuple[str, ...]
    reading: tuple[str, ...]
    """Resources referred to by title; they are written out once, in the resources appendix."""
    line: str


class Recommendations(NamedTuple):
    """The recommendations in priority order: the first `in_full` written out, the rest one line
    each (expandable on screen; in documents in full in the appendix named by `rest_note`)."""

    items: tuple[Rec, ...]
    in_full: int
    rest_note: str
    screen_note: str
    empty: str


class Details(NamedTuple):
    """Recommendations written out in full (the appendix of documents)."""

    items: tuple[Rec, ...]


class Table(NamedTuple):
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    keep_whole: tuple[int, ...]
    """Columns whose words never break across lines (dates, statuses)."""
    empty: str


class AnswerGroup(NamedTuple):
    title: str
    rows: tuple[tuple[str, tuple[str, ...]], ...]
    """Each question with its lines: the answer, then the note if any."""


class ResourceEntry(NamedTuple):
    title: str
    source: str
    url: str
    summary: str


class ResourceList(NamedTuple):
    items: tuple[ResourceEntry, ...]


Block = (Facts | Headline | Paragraph | Items | Bars | Recommendations | Details | Table
         | AnswerGroup | ResourceList)


def block_kind(block: Block) -> str:
    """The block's kind in words ("facts", "bars"), which renderers mark their output with."""
    return type(block).__name__.lower()


class Part(NamedTuple):
    id: str
    title: str
    blocks: tuple[Block, ...]
    appendix: bool = False


class Document(NamedTuple):
    title: str
    parts: tuple[Part, ...]
    running_head: str
    """What documents print in every page's margin (the title and, if known, the export date)."""
    page_words: tuple[str, str] = ("Page", "of")

    def part(self, part_id: str) -> Part | None:
        return next((p for p in self.parts if p.id == part_id), None)


HIDDEN_NAMES = "(name and organisation hidden: presenter mode)"
DECISIONS = {"accepted": "In your plan", "dismissed": "Set aside"}
SCREEN_HINT = ("Press Enter on a recommendation to open it, then add it to your action plan or "
               "set it aside. Press m for how the score is worked out.")


def finished_notice(report: Report) -> str:
    """Said once when the questionnaire's last question leads to the results screen."""
    if report.result.provisional:
        return ("You have reached the end, but some questions are unanswered, so these results "
                "are provisional. Press Escape to go back; there, Ctrl+R lists what is missing.")
    return ("You have reached the end of the questions. Here are your results; press Escape to "
            "go back and change or add answers.")


def score_bar(score: float | None, width: int = 20, ascii_only: bool = False) -> str:
    """A bar that reads without colour: filled blocks for the score, light shade for the rest."""
    full, empty, none = ("#", "-", ".") if ascii_only else ("█", "░", "·")
    if score is None:
        return none * width
    filled = round(width * max(0.0, min(score, 100.0)) / 100)
    return full * filled + empty * (width - filled)


def completeness_words(result: Result) -> str:
    return (f"{result.answered} of {result.total} questions answered "
            f"({shown_score(result.completeness)}% complete)")


def build_document(report: Report, answers: bool = False, hide_names: bool = False,
                   exported: dt.datetime | None = None) -> Document:
    """The report as parts in reading order: the summary, then the detail, then appendices.
    `exported` (local time) is printed on documents; the screen passes None."""
    a = report.assessment
    name = clean_line(a.name) or "(no name)"
    title = HIDDEN_NAMES if hide_names else name
    rest = report.recommendations[IN_FULL:]
    parts = [
        summary_part(report, hide_names, exported),
        Part("sections", "Sections", (
            Paragraph(f"{clean_line(report.result.level.name)}: "
                      f"{clean_line(report.result.level.summary)}"),
            sections_bars(report))),
        Part("strengths", "Strengths", (strengths_items(report),)),
        Part("recommendations", "Recommendations, in priority order",
             (recommendations_block(report),)),
        Part("plan", "Action plan", (plan_table(report),)),
    ]
    if answers:
        parts.append(Part("answers", "Every answer (evidence record)", answer_groups(report)))
    notices = notice_paragraphs(report)
    if notices:
        parts.append(Part("notes", "Notes", notices))
    parts.append(Part("method", "How the score is worked out", method_paragraphs(report)))
    if rest:
        parts.append(Part("more-recommendations", "Appendix: the other recommendations in full",
                          (Details(tuple(rec_of(report, n, r) for n, r in
                                         enumerate(rest, start=IN_FULL + 1))),),
                          appendix=True))
    reading = resource_entries(report)
    if reading:
        parts.append(Part("resources", "Appendix: resources to read", (ResourceList(reading),),
                          appendix=True))
    head = f"{DOCUMENT_TITLE}: {title}"
    if exported is not None:
        head += f" · exported {exported.strftime('%d %B %Y, %H:%M')}"
    return Document(f"{DOCUMENT_TITLE}: {title}", tuple(parts), head)


def summary_part(report: Report, hide_names: bool, exported: dt.datetime | None) -> Part:
    a, result = report.assessment, report.result
    facts: list[tuple[str, str]] = []
    if a.organisation and not hide_names:
        facts.append(("Organisation", clean_line(a.organisation)))
    facts += [
        ("Completeness", completeness_words(result)),
        ("Answers last changed", a.updated.strftime("%d %B %Y, %H:%M UTC")),
    ]
    if exported is not None:
        facts.append(("Exported", exported.strftime("%d %B %Y, %H:%M")))
    provisional = " (provisional)" if result.provisional else ""
    blocks: list[Block] = [
        Facts(tuple(facts)),
        Headline(f"Overall readiness: {shown_score(result.overall)} / 100 · "
                 f"Level: {clean_line(result.level.name)}{provisional}{unsure_share(result)}"),
        Paragraph(f"What this level means: {first_sentence(result.level.summary)}"),
    ]
    if result.provisional:
        missing = result.total - result.answered
        blocks.append(Paragraph(
            f"Provisional: {missing} question{'s are' if missing != 1 else ' is'} unanswered "
            f"and count as 0, so the score can only go up as you finish.", strong=True))
    blocks.append(Paragraph(unsure_words(result.not_sure)))
    blocks.append(Items("Weakest sections", tuple(
        f"{clean_line(s.section.title)} ({shown_score(s.score or 0)})"
        for s in weakest_sections(result)), empty="No section is scored yet.", inline=True))
    blocks.append(Items(f"Do first (at most {TOP_ACTIONS})", top_actions(report), numbered=True,
                        empty="Nothing to do first: no recommendation applies and the plan "
                              "has no open action."))
    return Part("summary", "At a glance", tuple(blocks))


def first_sentence(text: str) -> str:
    """The first sentence of a bank's text (the whole of it when it has one sentence)."""
    line = clean_line(text)
    head, dot, rest = line.partition(". ")
    return head + "." if dot and rest else line


def unsure_share(result: Result) -> str:
    """Beside the level: a result made of "Not sure" answers must not read as a finished one."""
    if not result.not_sure:
        return ""
    return f' · "Not sure": {result.not_sure_share:.0f}% of scored questions'


def unsure_words(count: int) -> str:
    if count == 0:
        return 'No answer was "Not sure".'
    were = "answer was" if count == 1 else "answers were"
    return (f'{count} {were} "Not sure": they count as 0 until you find out, so they are worth '
            f"checking first.")


def weakest_sections(result: Result) -> list[SectionScore]:
    scored = [s for s in result.sections if s.section.weight > 0 and s.score is not None]
    return sorted(scored, key=lambda s: s.score or 0)[:WEAKEST]


def top_actions(report: Report) -> tuple[str, ...]:
    """Open plan actions first (they have an owner), then recommendations not yet decided."""
    lines = []
    for row in report.plan:
        if not row.done:
            lines.append(f"{row.title} (who: {row.owner or 'not chosen yet'})")
    for rec in report.recommendations:
        if report.assessment.plan.decision(rec.rule.id):
            continue
        who = clean_line(rec.rule.who) or "not chosen yet"
        lines.append(f"{clean_line(rec.rule.title)} (who: {who})")
    return tuple(lines[:TOP_ACTIONS])


def sections_bars(report: Report) -> Bars:
    rows = []
    for s in report.result.sections:
        if s.section.weight <= 0:
            continue
        rows.append(Bar(clean_line(s.section.title), s.score,
                        "-" if s.score is None else str(shown_score(s.score)),
                        f"{s.answered} of {s.total}"))
    return Bars(("Section", "Score", "Answered"), tuple(rows))


def strengths_items(report: Report) -> Items:
    return Items("Sections at or above the strength mark", tuple(
        f"{clean_line(s.section.title)}: {shown_score(s.score or 0)} / 100"
        for s in report.strengths),
        empty=f"No section reaches the strength mark ({shown_score(report.bank.strength_at)}) "
              f"yet.")


def rec_of(report: Report, number: int, rec: Recommendation) -> Rec:
    title = clean_line(rec.rule.title)
    about = " · ".join(part for part in (
        clean_line(rec.section.title) if rec.section else "",
        f"priority {rec.rule.priority}") if part)
    decided = report.assessment.plan.decision(rec.rule.id)
    decision = DECISIONS.get(decided, "")
    advice = tuple(p for p in (" ".join(par.split()) for par in
                               clean_block(rec.rule.advice).split("\n\n")) if p)
    reading = tuple(f"Read: {clean_line(r.title)} (see resources to read, at the end)"
                    for r in rec.resources)
    return Rec(number, rec.rule.id, title, about, decision, decided, advice, reading,
               f"{number}. {title} ({about})")


def recommendations_block(report: Report) -> Recommendations:
    items = tuple(rec_of(report, n, r) for n, r in enumerate(report.recommendations, start=1))
    rest = len(items) - IN_FULL
    some = f"{rest} recommendation{'s are' if rest != 1 else ' is'}"
    note = (f"The other {some} listed one line each here, and in full in the appendix at the "
            f"end.") if rest > 0 else ""
    screen = (f"The other {some} one line each: press Enter on one to open it, or + to open "
              f"them all.") if rest > 0 else ""
    return Recommendations(items, IN_FULL, note, screen,
                           "No recommendations: no guidance rule of this bank applies.")


def plan_table(report: Report) -> Table:
    return Table(("Action", "From", "Owner", "Target date", "Status"),
                 tuple((r.title, r.source, r.owner or "-", r.due or "-", r.status)
                       for r in report.plan),
                 keep_whole=(3, 4),
                 empty="No actions yet. Add recommendations to the plan from the results "
                       "screen, or add your own.")


def answer_groups(report: Report) -> tuple[AnswerGroup, ...]:
    groups: list[AnswerGroup] = []
    rows: list[tuple[str, tuple[str, ...]]] = []
    section = None
    for row in report.answers:
        if row.section != section:
            if section is not None:
                groups.append(AnswerGroup(section, tuple(rows)))
            section, rows = row.section, []
        lines = (f"Answer: {row.answer}",) + ((f"Note: {row.note}",) if row.note else ())
        rows.append((row.prompt, lines))
    if section is not None:
        groups.append(AnswerGroup(section, tuple(rows)))
    return tuple(groups)


def notice_paragraphs(report: Report) -> tuple[Paragraph, ...]:
    lines = []
    if report.unknown_answers:
        lines.append(Paragraph(
            f"{len(report.unknown_answers)} saved answer(s) belong to questions this version of "
            f"the bank does not have; they are kept in the file but not scored: "
            f"{', '.join(clean_line(q) for q in report.unknown_answers)}."))
    if report.invalid_answers:
        lines.append(Paragraph(
            f"{len(report.invalid_answers)} saved answer(s) are not among the question's options "
            f"and are not scored: {', '.join(clean_line(q) for q in report.invalid_answers)}."))
    return tuple(lines)


def method_paragraphs(report: Report) -> tuple[Block, ...]:
    """How the score is worked out, for a provider; the bank's own levels and marks included."""
    bank = report.bank
    levels = tuple(f"{clean_line(level.name)}: from {shown_score(level.min_score)}"
                   for level in bank.levels)
    return (
        Facts((("Question bank", f"{clean_line(bank.title)} (version {clean_line(bank.version)}"
                                 f"; policy facts checked {bank.last_checked.isoformat()})"),)),
        Paragraph("Each question you answer earns part of its points: the best answer earns "
                  "all of them, a middle answer some. A question you skipped, or answered "
                  '"Not sure", earns nothing, so skipping a hard question never raises your '
                  "score. Some questions only ask about you and earn nothing either way."),
        Paragraph("Each section's score, from 0 to 100, is the share of its points you earned. "
                  "Questions that matter more count more. Questions you were not asked (for "
                  "example, ones about another nation) are left out."),
        Paragraph("The overall score is the average of the section scores, with the more "
                  "important sections counting more. Scores are rounded down, so the score "
                  "shown never puts you in a level you have not reached."),
        Items("The levels in this question bank", levels),
        Paragraph(f"A section scoring {shown_score(bank.strength_at)} or more is listed as a "
                  f"strength. Recommendations come from the bank's advice: the most important "
                  f"first, and among those the advice for your weakest sections first."),
        Paragraph("If some questions are unanswered, the result is marked provisional: answer "
                  "them and the score can only stay the same or go up."),
    )


def resource_entries(report: Report) -> tuple[ResourceEntry, ...]:
    seen: dict[str, ResourceEntry] = {}
    for rec in report.recommendations:
        for r in rec.resources:
            if r.id not in seen:
                seen[r.id] = ResourceEntry(
                    clean_line(r.title), f"{clean_line(r.publisher)}, {clean_line(r.year)}",
                    clean_line(r.url), clean_line(r.summary))
    return tuple(sorted(seen.values(), key=lambda e: e.title.casefold()))
