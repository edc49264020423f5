"""Answers, visibility from show_if, question order and where to resume."""

from __future__ import annotations

import pytest

from svassess.assessment import (
    Answer,
    answer_is_valid,
    invalid_answers,
    is_visible,
    new_assessment,
    new_id,
    resume_question,
    unknown_answers,
    utc_now,
    visible_questions,
)


def ids(questions):
    return [q.id for q in questions]


def test_hidden_questions_appear_and_disappear_with_answers(bank):
    a = new_assessment(bank, "Test")
    base = ["context.nation", "policy.act", "measure.tools", "measure.confidence"]
    assert ids(visible_questions(bank, a)) == base
    a.answer(bank.question("context.nation"), "wales")
    assert "policy.wales" in ids(visible_questions(bank, a))
    assert "policy.wales-detail" not in ids(visible_questions(bank, a))
    a.answer(bank.question("policy.wales"), "yes")
    assert ids(visible_questions(bank, a))[:5] == [
        "context.nation", "policy.act", "policy.wales", "policy.wales-detail", "measure.tools"]
    # Changing the first answer hides the whole chain, but keeps the saved answers.
    a.answer(bank.question("context.nation"), "england")
    assert ids(visible_questions(bank, a)) == base
    assert not is_visible(bank, a, bank.question("policy.wales-detail"))
    assert a.answers["policy.wales"].value == "yes"


@pytest.mark.parametrize(("qid", "value", "ok"), [
    ("policy.act", "yes", True),
    ("policy.act", "maybe", False),
    ("policy.act", ["yes"], False),
    ("measure.tools", ["toc", "report"], True),
    ("measure.tools", ["toc", "toc"], False),
    ("measure.tools", ["elsewhere"], False),
    ("measure.tools", "toc", False),
    ("measure.confidence", 3, True),
    ("measure.confidence", 6, False),
    ("measure.confidence", True, False),
    ("policy.wales-detail", "any text at all", True),
])
def test_answers_are_checked_against_the_question(bank, qid, value, ok):
    assert answer_is_valid(bank.question(qid), value) is ok


def test_answer_refuses_an_invalid_value_and_changes_nothing(bank):
    a = new_assessment(bank, "Test")
    with pytest.raises(ValueError):
        a.answer(bank.question("policy.act"), "maybe")
    assert a.answers == {}


def test_answer_keeps_the_note_and_sets_the_resume_point(bank):
    a = new_assessment(bank, "Test")
    a.set_note("policy.act", "Board minutes, March")
    a.answer(bank.question("policy.act"), "partly")
    assert a.answers["policy.act"].note == "Board minutes, March"
    assert a.current == "policy.act"
    a.clear("policy.act")
    assert a.answers["policy.act"].value == "" and a.answers["policy.act"].note


def test_resume_at_the_saved_question_or_the_first_unanswered(bank):
    a = new_assessment(bank, "Test")
    assert resume_question(bank, a).id == "context.nation"
    a.answer(bank.question("context.nation"), "wales")
    a.answer(bank.question("policy.act"), "yes")
    a.current = "policy.wales"
    assert resume_question(bank, a).id == "policy.wales"
    a.current = "policy.wales-detail"  # saved, but hidden now: fall back to the first unanswered
    assert resume_question(bank, a).id == "policy.wales"


def test_answers_to_unknown_questions_are_kept_and_named(bank):
    a = new_assessment(bank, "Test")
    a.answers["retired.question"] = Answer("yes", utc_now(), "old note")
    a.answers["policy.act"] = Answer("no-longer-an-option", utc_now())
    assert unknown_answers(bank, a) == ["retired.question"]
    assert invalid_answers(bank, a) == ["policy.act"]
    assert a.answers["retired.question"].note == "old note"


def test_ids_are_unique_and_sortable():
    made = [new_id() for _ in range(200)]
    assert len(set(made)) == 200
    assert all(len(i) == 26 and i.isalnum() for i in made)


def test_clearing_keeps_unknown_keys_and_an_empty_note_leaves_no_entry(bank):
    a = new_assessment(bank, "Test")
    a.answer(bank.question("policy.act"), "yes")
    a.answers["policy.act"].extra["confidence"] = "high"
    a.clear("policy.act")
    assert a.answers["policy.act"].extra == {"confidence": "high"}
    a.set_note("measure.tools", "draft")
    a.set_note("measure.tools", "")
    assert "measure.tools" not in a.answers


def test_toggled_ticks_and_unticks_in_option_order(bank):
    from svassess.assessment import toggled

    question = bank.question("measure.tools")
    assert toggled(question, None, "report") == ["report"]
    assert toggled(question, ["report"], "toc") == ["toc", "report"]
    assert toggled(question, ["toc", "report"], "toc") == ["report"]


def test_section_start_is_the_first_unanswered_question(bank):
    from svassess.assessment import section_start

    a = new_assessment(bank, "Test")
    assert section_start(bank, a, "measure").id == "measure.tools"
    a.answer(bank.question("measure.tools"), ["toc"])
    assert section_start(bank, a, "measure").id == "measure.confidence"
    a.answer(bank.question("measure.confidence"), 3)
    assert section_start(bank, a, "measure").id == "measure.tools"
    assert bank.question("measure.confidence").scale.points()[0] == (1, "Not at all")
