"""How long answering a question bank takes, measured from the bank itself.

The time is the words a provider reads at a careful pace plus a moment to decide each
question. The quick end of the range counts the questions everyone is asked and their words;
the careful end counts every question a provider could be shown and also every "Why this
matters" text, with longer to think (and write a note). The pace is stated below and in
docs/scoring.md, so the estimate follows the bank as it grows or shrinks. Any set of questions
(a shorter route through a bank, say) can be measured the same way.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import NamedTuple

from svassess.bank import Bank, Question

READING_WORDS_PER_MINUTE = 200
"""A careful reading pace for unfamiliar material (adults read easy text at 230-250)."""
SECONDS_TO_DECIDE = (30, 45)
"""Per question: a quick decision; and talking it over or writing an evidence note."""
ROUND_TO_MINUTES = 5

_WORD = re.compile(r"\w+(?:['’-]\w+)*")


class TimeEstimate(NamedTuple):
    questions: tuple[int, int]
    """Questions everyone is asked, and the most a provider can be asked (conditional ones)."""
    words: tuple[int, int]
    """Words in those questions, their answers and section introductions; then the most, with
    every question's "Why this matters" text."""
    minutes: tuple[int, int]


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def _question_words(question: Question) -> int:
    words = count_words(question.prompt)
    words += sum(count_words(option.label) for option in question.options)
    if question.scale is not None:
        words += count_words(question.scale.min_label) + count_words(question.scale.max_label)
    return words


def _words(bank: Bank, questions: list[Question], with_help: bool) -> int:
    sections = {question.section for question in questions}
    intros = sum(count_words(s.intro) for s in bank.sections if s.id in sections)
    words = intros + sum(_question_words(q) for q in questions)
    if with_help:
        words += sum(count_words(q.help) for q in questions)
    return words


def _minutes(words: int, questions: int, seconds_each: int) -> float:
    return words / READING_WORDS_PER_MINUTE + questions * seconds_each / 60


def estimate_time(bank: Bank, question_ids: Iterable[str] | None = None) -> TimeEstimate:
    """The time to answer the bank, or only the questions named (a route through it)."""
    wanted = None if question_ids is None else set(question_ids)
    every = [q for q in bank.questions if wanted is None or q.id in wanted]
    always = [q for q in every if q.show_if is None]
    words = (_words(bank, always, with_help=False), _words(bank, every, with_help=True))
    quick = _minutes(words[0], len(always), SECONDS_TO_DECIDE[0])
    careful = _minutes(words[1], len(every), SECONDS_TO_DECIDE[1])
    low = max(ROUND_TO_MINUTES, math.floor(quick / ROUND_TO_MINUTES) * ROUND_TO_MINUTES)
    high = max(low, math.ceil(careful / ROUND_TO_MINUTES) * ROUND_TO_MINUTES)
    return TimeEstimate((len(always), len(every)), words, (low, high))


def describe_time(estimates: list[TimeEstimate], quick: TimeEstimate | None = None) -> str:
    """For the home screen: the range, and (for one bank) what it is made of; then the shorter
    route, when the bank has a quick check whose answers carry into it."""
    if not estimates:
        return ""
    said = _describe(estimates)
    if quick is None:
        return said
    return (f"{said} A quick check of {quick.questions[1]} questions takes about "
            f"{quick.minutes[0]}–{quick.minutes[1]} minutes, and its answers carry into the "
            f"full assessment.")


def describe_banks_time(banks: Iterable[Bank]) -> str:
    """What the home screen says for the banks installed: the full banks' time, and the quick
    check's beside it when there is one full bank with one quick check."""
    banks = list(banks)
    full = [bank for bank in banks if not bank.parent]
    quick = [bank for bank in banks if bank.parent]
    return describe_time([estimate_time(bank) for bank in full],
                         estimate_time(quick[0]) if len(full) == 1 and len(quick) == 1
                         else None)


def _describe(estimates: list[TimeEstimate]) -> str:
    low = min(e.minutes[0] for e in estimates)
    high = max(e.minutes[1] for e in estimates)
    if len(estimates) > 1:
        return f"Allow about {low}–{high} minutes the first time, depending on the question bank."
    (estimate,) = estimates
    asked, most = estimate.questions
    count = (f"{asked} questions" if most == asked
             else f"{asked}–{most} questions, depending on your answers,")
    return (f"Allow about {low}–{high} minutes the first time: {count} and about "
            f"{_round_words(estimate.words[0]):,} words to read "
            f"({_round_words(estimate.words[1]):,} with every “Why this matters”).")


def _round_words(words: int) -> int:
    return round(words, -2) if words >= 1000 else round(words, -1)
