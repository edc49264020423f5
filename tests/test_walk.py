"""The questionnaire's rules: progress, order, introductions, choices, ticking and clearing."""

from __future__ import annotations

import pytest

from svassess.assessment import new_assessment
from svassess.walk import Walk, choices, ticked, typed_answer


@pytest.fixture
def assessment(bank):
    return new_assessment(bank, "Valley Transport", "Valley Community Transport")


@pytest.fixture
def walk(bank, assessment):
    return Walk(bank, assessment)


def ids(questions):
    return [q.id if q else None for q in questions]


def test_a_step_says_where_the_user_is(bank, walk, assessment):
    step = walk.step(bank.question("policy.act"))
    assert (step.section_number, step.section_count) == (2, 3)
    assert (step.number_in_section, step.questions_in_section) == (1, 1)
    assert (step.answered, step.visible) == (0, 4)
    assert step.section.title == "Policy"
    assert step.show_intro and step.intro == "What the law asks of buyers."
    assert not step.is_first and not step.is_last and not step.is_answered

    assessment.answer(bank.question("context.nation"), "wales")
    step = walk.step(bank.question("policy.act"))
    assert (step.number_in_section, step.questions_in_section) == (1, 2)
    assert (step.answered, step.visible) == (1, 5)
    later = walk.step(bank.question("policy.wales"))
    assert later.number_in_section == 2 and not later.show_intro


def test_the_intro_shows_only_at_the_first_visible_question_of_its_section(bank, walk):
    assert walk.step(bank.question("context.nation")).show_intro
    assert walk.step(bank.question("measure.tools")).show_intro
    assert not walk.step(bank.question("measure.confidence")).show_intro


def test_may_appear_counts_questions_still_waiting_on_an_answer(bank, walk, assessment):
    nation = bank.question("context.nation")
    # policy.wales waits on the nation; policy.wales-detail waits on policy.wales
    assert walk.step(nation).may_appear == 2
    assessment.answer(nation, "england")
    assert walk.step(nation).may_appear == 0     # decided: neither is asked
    assessment.answer(nation, "wales")
    assert walk.step(nation).may_appear == 1     # policy.wales is asked; its detail may follow
    assessment.answer(bank.question("policy.wales"), "yes")
    assert walk.step(nation).may_appear == 0


def test_first_and_last(bank, walk):
    assert walk.step(bank.question("context.nation")).is_first
    assert walk.step(bank.question("measure.confidence")).is_last
    assert walk.first() is bank.question("context.nation")


def test_choices_of_each_kind_are_numbered_and_marked(bank, walk, assessment):
    act = bank.question("policy.act")
    assessment.answer(act, "yes")
    step = walk.step(act)
    assert [(c.number, c.label, c.value, c.chosen) for c in step.choices] == [
        (1, "Not at all", "no", False), (2, "A little", "partly", False),
        (3, "Well", "yes", True), (4, "Not sure", "not-sure", False)]
    assert step.value == "yes" and not step.many

    scale = bank.question("measure.confidence")
    assessment.answer(scale, 3)
    labels = [(c.label, c.value, c.chosen) for c in walk.step(scale).choices]
    assert labels[0] == ("1 - Not at all", 1, False)
    assert labels[2] == ("3", 3, True)
    assert labels[4] == ("5 - Fully", 5, False)

    tools = bank.question("measure.tools")
    assessment.answer(tools, ["toc", "report"])
    step = walk.step(tools)
    assert step.many
    assert [c.chosen for c in step.choices] == [True, False, True]

    assert choices(bank.question("policy.wales-detail"), None) == []


def test_an_invalid_saved_value_is_shown_as_unanswered(bank, walk, assessment):
    """What is shown is what counts: a hand-edited value the question refuses marks nothing."""
    act = bank.question("policy.act")
    assessment.answer(act, "yes")
    assessment.answers["policy.act"].value = "maybe"
    step = walk.step(act)
    assert step.value is None and not any(c.chosen for c in step.choices)


def test_the_note_is_offered_on_scored_questions_and_wherever_one_exists(bank, walk, assessment):
    assert not walk.step(bank.question("context.nation")).offer_note
    assert walk.step(bank.question("policy.act")).offer_note
    assessment.set_note("context.nation", "We also work in Powys")
    step = walk.step(bank.question("context.nation"))
    assert step.offer_note and step.note == "We also work in Powys"


def test_next_and_previous_follow_the_visible_order(bank, walk, assessment):
    order = ["context.nation", "policy.act", "measure.tools", "measure.confidence"]
    assert ids(walk.visible()) == order
    assert walk.next(bank.question("policy.act")) is bank.question("measure.tools")
    assert walk.previous(bank.question("policy.act")) is bank.question("context.nation")
    assert walk.previous(bank.question("context.nation")) is None
    assert walk.next(bank.question("measure.confidence")) is None
    assert walk.next(None) is bank.question("context.nation")

    assessment.answer(bank.question("context.nation"), "wales")
    assert walk.next(bank.question("policy.act")) is bank.question("policy.wales")


def test_from_a_question_that_became_hidden_next_goes_on_from_its_place(bank, walk, assessment):
    assessment.answer(bank.question("context.nation"), "wales")
    wales = bank.question("policy.wales")
    assessment.answer(bank.question("context.nation"), "england")
    assert not walk.is_visible(wales)
    assert walk.next(wales) is bank.question("measure.tools")
    assert walk.previous(wales) is bank.question("policy.act")
    assert walk.step(wales).number_in_section == 0


def test_next_unanswered_goes_forward_then_wraps(bank, walk, assessment):
    assessment.answer(bank.question("context.nation"), "england")
    assessment.answer(bank.question("measure.tools"), ["toc"])
    assert walk.next_unanswered() is bank.question("policy.act")
    assert walk.next_unanswered(bank.question("policy.act")) is bank.question("measure.confidence")
    assert walk.next_unanswered(bank.question("measure.confidence")) is bank.question("policy.act")
    assessment.answer(bank.question("policy.act"), "yes")
    assessment.answer(bank.question("measure.confidence"), 4)
    assert walk.next_unanswered() is None
    assert walk.unanswered() == []


def test_after_answering_a_gap_found_by_jumping_the_next_gap_follows(bank, walk, assessment):
    assessment.answer(bank.question("policy.act"), "yes")
    assessment.answer(bank.question("measure.tools"), ["toc"])
    nation = bank.question("context.nation")
    assessment.answer(nation, "england")
    assert walk.after_answer(nation) is bank.question("policy.act")
    assert walk.after_answer(nation, jumped=True) is bank.question("measure.confidence")


def test_resume_prefers_the_saved_place_then_the_first_gap(bank, walk, assessment):
    assert walk.resume() is bank.question("context.nation")
    assessment.answer(bank.question("context.nation"), "england")
    assessment.current = "measure.tools"
    assert walk.resume() is bank.question("measure.tools")
    assessment.current = "policy.wales"          # hidden now
    assert walk.resume() is bank.question("policy.act")


def test_sections_list_their_counts_and_where_going_there_lands(bank, walk, assessment):
    assessment.answer(bank.question("measure.tools"), ["toc"])
    rows = walk.sections()
    assert [(r.number, r.section.id, r.answered, r.asked) for r in rows] == [
        (1, "context", 0, 1), (2, "policy", 0, 1), (3, "measure", 1, 2)]
    assert rows[2].start is bank.question("measure.confidence")
    assert not rows[2].complete
    assessment.answer(bank.question("measure.confidence"), 2)
    assert walk.sections()[2].complete
    assert walk.section_start("measure") is bank.question("measure.tools")
    assert walk.section_start("nowhere") is None


def test_choose_gives_the_answer_a_number_would_make(bank, walk, assessment):
    assert walk.choose(bank.question("policy.act"), 2) == "partly"
    assert walk.choose(bank.question("measure.confidence"), 5) == 5
    tools = bank.question("measure.tools")
    assert walk.choose(tools, 2) == ["data"]
    assessment.answer(tools, ["data", "report"])
    assert walk.choose(tools, 1) == ["toc", "data", "report"]
    assessment.answer(tools, ["data"])
    assert walk.choose(tools, 2) is None          # the last box unticked: the answer is cleared
    with pytest.raises(ValueError):
        walk.choose(bank.question("policy.act"), 5)
    with pytest.raises(ValueError):
        walk.choose(bank.question("policy.wales-detail"), 1)


def test_an_exclusive_option_clears_the_others_and_the_others_clear_it(exclusive_bank):
    tools = exclusive_bank.question("measure.tools")
    assert ticked(tools, ["toc", "data"], "none") == ["none"]
    assert ticked(tools, ["none"], "report") == ["report"]
    assert ticked(tools, ["none"], "none") == []
    assert ticked(tools, ["toc"], "data") == ["toc", "data"]
    assert ticked(tools, ["data", "toc"], "data") == ["toc"]
    with pytest.raises(ValueError):
        ticked(tools, [], "nothing")

    assessment = new_assessment(exclusive_bank, "Valley Transport")
    walk = Walk(exclusive_bank, assessment)
    assert [c.exclusive for c in walk.step(tools).choices] == [False, False, False, True]
    assessment.answer(tools, ["toc", "report"])
    assert walk.choose(tools, 4) == ["none"]


def test_blank_text_clears_a_text_answer():
    assert typed_answer("We ran a survey") == "We ran a survey"
    assert typed_answer("  \n\t ") is None
    assert typed_answer("") is None


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
