"""Recommendations: which rules apply, and in what order; strengths."""

from __future__ import annotations

from svassess.assessment import new_assessment
from svassess.guidance import recommendations, strengths
from svassess.scoring import score_assessment


def recs(bank, a):
    return [r.rule.id for r in recommendations(bank, a, score_assessment(bank, a))]


def test_weak_sections_get_advice_weakest_first_within_a_priority(bank):
    a = new_assessment(bank, "Test")
    a.answer(bank.question("policy.act"), "partly")          # policy 50 -> not below 50
    a.answer(bank.question("measure.tools"), ["toc"])          # measure weak
    assert recs(bank, a) == ["measure-weak"]
    a.answer(bank.question("policy.act"), "no")               # policy 0, measure 12.5
    assert recs(bank, a) == ["policy-weak", "measure-weak", "act-unsure"]
    a.answer(bank.question("measure.confidence"), 1)
    a.answer(bank.question("policy.act"), "not-sure")
    # Both weak; priority 1 rules first, weakest section first (policy 0 < measure 8.3).
    assert recs(bank, a)[:2] == ["policy-weak", "measure-weak"]


def test_rules_with_several_conditions_need_all_of_them(bank):
    a = new_assessment(bank, "Test")
    a.answer(bank.question("context.nation"), "england")
    a.answer(bank.question("policy.act"), "partly")
    assert "wales-weak" not in recs(bank, a)
    a.answer(bank.question("context.nation"), "wales")
    assert "wales-weak" in recs(bank, a)
    a.answer(bank.question("policy.act"), "yes")
    a.answer(bank.question("policy.wales"), "yes")
    assert "wales-weak" not in recs(bank, a)


def test_strong_sections_get_leading_advice_and_are_strengths(bank):
    a = new_assessment(bank, "Test")
    a.answer(bank.question("measure.tools"), ["toc", "data", "report"])
    a.answer(bank.question("measure.confidence"), 5)
    result = score_assessment(bank, a)
    assert [s.section.id for s in strengths(bank, result)] == ["measure"]
    found = recommendations(bank, a, result)
    strong = next(r for r in found if r.rule.id == "measure-strong")
    assert strong.section.id == "measure"
    assert [res.id for res in strong.resources] == ["toc"]


def test_answer_rules_hold_only_for_visible_questions(bank):
    a = new_assessment(bank, "Test")
    a.answer(bank.question("policy.act"), "not-sure")
    assert "act-unsure" in recs(bank, a)
