"""Compare two assessments of the same bank, say a year apart: what moved, and what got done.

Pure functions over two assessments; `render_text` and `comparison_json` present the result.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from svassess.assessment import Assessment, valid_value, visible_questions
from svassess.bank import Bank, Question, Section
from svassess.plan import Action
from svassess.report import answer_text, shown_score
from svassess.scoring import Result, score_assessment
from svassess.text import clean_line


class SectionChange(NamedTuple):
    section: Section
    before: float | None
    after: float | None


class AnswerChange(NamedTuple):
    question: Question
    before: str
    after: str


class Comparison(NamedTuple):
    bank: Bank
    earlier: Assessment
    later: Assessment
    earlier_result: Result
    later_result: Result
    sections: tuple[SectionChange, ...]
    answers: tuple[AnswerChange, ...]
    completed: tuple[Action, ...]
    """Actions done in the later assessment that were not done in the earlier one."""


def compare(bank: Bank, earlier: Assessment, later: Assessment) -> Comparison:
    before, after = score_assessment(bank, earlier), score_assessment(bank, later)
    # Both results score the same bank, so their sections come in the same order.
    sections = tuple(
        SectionChange(s.section, s.score, t.score)
        for s, t in zip(before.sections, after.sections, strict=True) if s.section.weight > 0)
    asked = {q.id: q for q in visible_questions(bank, earlier)}
    asked.update({q.id: q for q in visible_questions(bank, later)})
    moved = []
    for question in bank.questions:
        if question.id not in asked:
            continue
        was = answer_text(question, valid_value(question, earlier.answers.get(question.id)))
        now = answer_text(question, valid_value(question, later.answers.get(question.id)))
        if was != now:
            moved.append(AnswerChange(question, was or "not answered", now or "not answered"))
    done_before = {a.id for a in earlier.plan.actions if a.status == "done"}
    completed = tuple(a for a in later.plan.actions
                      if a.status == "done" and a.id not in done_before)
    return Comparison(bank, earlier, later, before, after, sections, tuple(moved), completed)


def _score(value: float | None) -> str:
    return "-" if value is None else str(shown_score(value))


def _change(before: float | None, after: float | None) -> str:
    if before is None or after is None:
        return ""
    delta = shown_score(after) - shown_score(before)
    return "no change" if delta == 0 else f"{delta:+d}"


def render_text(c: Comparison, hide_names: bool = False) -> str:
    earlier = "Earlier assessment" if hide_names else clean_line(c.earlier.name)
    later = "Later assessment" if hide_names else clean_line(c.later.name)
    out = [f"From: {earlier} (updated {c.earlier.updated:%d %b %Y})",
           f"To:   {later} (updated {c.later.updated:%d %b %Y})", "",
           f"Overall: {_score(c.earlier_result.overall)} -> {_score(c.later_result.overall)} "
           f"({_change(c.earlier_result.overall, c.later_result.overall)}); level "
           f"{clean_line(c.earlier_result.level.name)} -> {clean_line(c.later_result.level.name)}",
           "", "Sections", "--------"]
    for s in c.sections:
        out.append(f"{clean_line(s.section.title)[:46]:<46} {_score(s.before):>3} -> "
                   f"{_score(s.after):>3}  {_change(s.before, s.after)}")
    out += ["", f"Answers that moved ({len(c.answers)})", "-----------------"]
    for change in c.answers:
        out += [f"- {clean_line(change.question.prompt)}",
                f"    was: {clean_line(change.before)}", f"    now: {clean_line(change.after)}"]
    if not c.answers:
        out.append("None.")
    out += ["", f"Actions completed since ({len(c.completed)})", "-----------------------"]
    out += [f"- {clean_line(a.title)}" + (f" ({clean_line(a.owner)})" if a.owner else "")
            for a in c.completed] or ["None."]
    return "\n".join(out) + "\n"


def comparison_json(c: Comparison) -> dict[str, Any]:
    return {
        "from": {"id": c.earlier.id, "name": c.earlier.name, "score": c.earlier_result.overall,
                 "level": c.earlier_result.level.id},
        "to": {"id": c.later.id, "name": c.later.name, "score": c.later_result.overall,
               "level": c.later_result.level.id},
        "sections": [{"id": s.section.id, "before": s.before, "after": s.after}
                     for s in c.sections],
        "answers_moved": [{"question": a.question.id, "before": a.before, "after": a.after}
                          for a in c.answers],
        "actions_completed": [{"id": a.id, "title": a.title} for a in c.completed],
    }
