"""Going on from a question (the end comes only once every section was seen) and the review list."""

from __future__ import annotations

import pytest

from svassess.assessment import new_assessment
from svassess.walk import Walk


@pytest.fixture
def assessment(bank):
    return new_assessment(bank, "Valley Transport", "Valley Community Transport")


@pytest.fixture
def walk(bank, assessment):
    return Walk(bank, assessment)


def test_going_on_from_the_last_question_leads_to_a_section_never_seen(bank, walk):
    nation, confidence = bank.question("context.nation"), bank.question("measure.confidence")
    walk.visit(nation)
    walk.visit(confidence)                          # jumped from About you to Measurement
    onward = walk.onward(confidence)
    assert onward.question is bank.question("policy.act")
    assert onward.skipped is bank.section("policy")
    walk.visit(bank.question("policy.act"))
    assert walk.onward(confidence).question is None   # every section seen: the end


def test_a_section_with_an_answer_counts_as_seen(bank, walk, assessment):
    """A resumed assessment whose earlier sections were answered last time ends normally."""
    assessment.answer(bank.question("context.nation"), "england")
    assessment.answer(bank.question("policy.act"), "yes")
    confidence = bank.question("measure.confidence")
    walk.visit(confidence)
    assert walk.unseen_sections() == []
    assert walk.onward(confidence).question is None


def test_in_order_unless_filling_gaps(bank, walk, assessment):
    for question in walk.visible():
        walk.visit(question)
    nation = bank.question("context.nation")
    assessment.answer(nation, "england")
    assessment.answer(bank.question("policy.act"), "yes")
    assert walk.onward(nation).question is bank.question("policy.act")
    assert walk.onward(nation, gaps=True).question is bank.question("measure.tools")
    assessment.answer(bank.question("measure.tools"), ["toc"])
    assessment.answer(bank.question("measure.confidence"), 3)
    assert walk.onward(nation, gaps=True).question is None      # no gap left: the end


def test_skipping_the_only_gap_while_filling_gaps_ends(bank, walk, assessment):
    for question in walk.visible():
        walk.visit(question)
    for qid, value in {"context.nation": "england", "policy.act": "no",
                       "measure.tools": ["toc"]}.items():
        assessment.answer(bank.question(qid), value)
    confidence = bank.question("measure.confidence")
    assert walk.onward(confidence, gaps=True).question is None


def test_review_groups_every_visible_question_by_section(bank, walk, assessment):
    assessment.answer(bank.question("context.nation"), "wales")
    assessment.set_note("policy.act", "Board minutes")
    review = walk.review()
    assert (review.answered, review.visible, review.missing) == (1, 5, 4)
    assert [(p.section.id, [e.question.id for e in entries]) for p, entries in review.sections] \
        == [("context", ["context.nation"]), ("policy", ["policy.act", "policy.wales"]),
            ("measure", ["measure.tools", "measure.confidence"])]
    first = review.sections[0][1][0]
    assert first.answered and first.value == "wales"
    act = review.sections[1][1][0]
    assert not act.answered and act.note == "Board minutes"


def test_review_of_only_the_unanswered_leaves_out_complete_sections(bank, walk, assessment):
    assessment.answer(bank.question("context.nation"), "england")
    review = walk.review(only_unanswered=True)
    assert [p.section.id for p, _ in review.sections] == ["policy", "measure"]
    assert (review.answered, review.visible) == (1, 4)
