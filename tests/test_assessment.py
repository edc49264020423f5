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
