"""The time estimate is measured from the bank: words to read and questions to decide."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from svassess.bank_loader import load_bank, load_resources
from svassess.estimate import (
    READING_WORDS_PER_MINUTE,
    SECONDS_TO_DECIDE,
    count_words,
    describe_time,
    estimate_time,
)

SHIPPED = Path(__file__).resolve().parent.parent / "questions"


def with_questions(bank, questions):
    return dataclasses.replace(bank, questions=tuple(questions))


def test_words_and_questions_are_counted_from_the_bank(bank):
    estimate = estimate_time(bank)
    always = [q for q in bank.questions if q.show_if is None]
    assert estimate.questions == (len(always), len(bank.questions))
    prompts = sum(count_words(q.prompt) for q in always)
    assert estimate.words[0] > prompts
    helps = sum(count_words(q.help) for q in bank.questions)
    assert estimate.words[1] >= estimate.words[0] + helps


def test_the_minutes_follow_the_words_and_the_questions(bank):
    estimate = estimate_time(bank)
    quick = (estimate.words[0] / READING_WORDS_PER_MINUTE
             + estimate.questions[0] * SECONDS_TO_DECIDE[0] / 60)
    careful = (estimate.words[1] / READING_WORDS_PER_MINUTE
               + estimate.questions[1] * SECONDS_TO_DECIDE[1] / 60)
    low, high = estimate.minutes
    assert low <= max(quick, 5) < low + 5 and high - 5 < careful <= high


def test_longer_help_or_more_questions_take_longer(bank):
    before = estimate_time(bank)
    wordy = with_questions(bank, [q._replace(help=q.help + " word" * 2000)
                                  for q in bank.questions])
    assert estimate_time(wordy).minutes[1] >= before.minutes[1] + 60
    assert estimate_time(wordy).minutes[0] == before.minutes[0]      # help is optional reading
    more = with_questions(bank, [*bank.questions, *(
        q._replace(id=f"{q.id}-{n}") for n in range(20) for q in bank.questions)])
    assert estimate_time(more).minutes[0] >= before.minutes[0] * 8


def test_a_route_through_the_bank_is_measured_alone(bank):
    route = ["context.nation", "policy.act"]
    estimate = estimate_time(bank, route)
    assert estimate.questions == (2, 2)
    assert estimate.minutes[1] < estimate_time(bank).minutes[1]


def test_the_sentence_says_the_range_and_what_it_is_made_of(bank):
    estimate = estimate_time(bank)
    text = describe_time([estimate])
    low, high = estimate.minutes
    assert f"about {low}–{high} minutes" in text
    assert "4–6 questions, depending on your answers," in text
    assert "with every “Why this matters”" in text
    two = describe_time([estimate, estimate_time(bank, ["policy.act"])])
    assert "depending on the question bank" in two
    assert describe_time([]) == ""
    quick = estimate_time(bank, ["policy.act", "measure.tools"])
    with_quick = describe_time([estimate], quick)
    assert with_quick.startswith(text) and "A quick check of 2 questions takes about" in with_quick


def test_the_shipped_bank_takes_longer_than_the_old_claim():
    """A careful first go at the shipped bank was timed at 60–90 minutes, not 20–40."""
    shipped = load_bank(SHIPPED / "provider-readiness.toml",
                        load_resources(SHIPPED / "resources.toml"))
    low, high = estimate_time(shipped).minutes
    assert low >= 40 and high >= 80
