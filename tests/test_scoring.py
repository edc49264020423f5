"""Scores, completeness, levels: exactly as docs/scoring.md describes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svassess.assessment import new_assessment
from svassess.scoring import question_score, readiness_level, score_assessment


def answered(bank, **values):
    a = new_assessment(bank, "Test")
    for qid, value in values.items():
        a.answer(bank.question(qid.replace("__", ".").replace("_", "-")), value)
    return a


def test_nothing_answered_scores_zero_and_is_provisional(bank):
    result = score_assessment(bank, new_assessment(bank, "Test"))
    assert result.overall == 0
    assert result.level.id == "starting"
    assert result.completeness == 0 and result.provisional
    assert result.section("context").score is None  # not scored


def test_worked_example_from_the_docs(bank):
    # policy: act "partly" = 1 of 2 -> 50.  measure: tools toc+data = 2 of 4 -> 0.5,
    # confidence 4 on 1..5 = 3 of 4 -> 0.75; equal weights -> 62.5.
    # overall: (1 x 50 + 2 x 62.5) / 3 = 58.33 -> 58.3 (rounded down).
    a = answered(bank, context__nation="england", policy__act="partly",
                 measure__tools=["toc", "data"], measure__confidence=4)
    result = score_assessment(bank, a)
    assert result.section("policy").score == 50.0
    assert result.section("measure").score == 62.5
    assert result.overall == 58.3
    assert result.level.id == "developing"
    assert result.completeness == 100 and not result.provisional


def test_not_sure_scores_nothing(bank):
    question = bank.question("policy.act")
    assert question_score(question, "not-sure") == 0
    assert question_score(question, None) == 0
    assert question_score(question, "yes") == 1


def test_hidden_questions_leave_scores_and_completeness(bank):
    a = answered(bank, context__nation="wales", policy__act="yes", policy__wales="yes")
    assert score_assessment(bank, a).section("policy").score == 100
    a.answer(bank.question("context.nation"), "england")
    result = score_assessment(bank, a)
    assert result.section("policy").score == 100  # policy.wales is hidden, not counted
    assert result.section("policy").total == 1
    a.answer(bank.question("context.nation"), "wales")
    a.clear("policy.wales")
    result = score_assessment(bank, a)
    assert result.section("policy").score == 50  # visible again, unanswered counts 0
    assert result.provisional


def test_all_top_answers_reach_the_top_level(bank):
    a = answered(bank, context__nation="england", policy__act="yes",
                 measure__tools=["toc", "data", "report"], measure__confidence=5)
    result = score_assessment(bank, a)
    assert result.overall == 100 and result.level.id == "ready"


def test_level_is_the_highest_reached(bank):
    assert readiness_level(bank.levels, 0).id == "starting"
    assert readiness_level(bank.levels, 39.9).id == "starting"
    assert readiness_level(bank.levels, 40).id == "developing"
    assert readiness_level(bank.levels, 100).id == "ready"


ANSWERS = {
    "context.nation": st.sampled_from(["england", "wales"]),
    "policy.act": st.sampled_from(["no", "partly", "yes", "not-sure"]),
    "policy.wales": st.sampled_from(["no", "yes", "not-sure"]),
    "policy.wales-detail": st.text(max_size=20),
    "measure.tools": st.lists(st.sampled_from(["toc", "data", "report"]), unique=True),
    "measure.confidence": st.integers(1, 5),
}


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # the bank is frozen
@given(data=st.data())
def test_skipping_or_saying_not_sure_never_raises_a_score(bank, data):
    chosen = data.draw(st.fixed_dictionaries({}, optional=ANSWERS))
    a = new_assessment(bank, "Test")
    for qid, value in chosen.items():
        a.answer(bank.question(qid), value)
    before = score_assessment(bank, a)
    # Skip one scored answer (but never the context answer that decides visibility).
    skippable = [q for q in chosen if q != "context.nation"]
    if not skippable:
        return
    skipped = data.draw(st.sampled_from(skippable))
    if data.draw(st.booleans()) and bank.question(skipped).option("not-sure"):
        a.answer(bank.question(skipped), "not-sure")
    else:
        a.clear(skipped)
    after = score_assessment(bank, a)
    assert after.overall <= before.overall
    for was, now in zip(before.sections, after.sections, strict=True):
        assert (now.score or 0) <= (was.score or 0)


def test_worked_example_with_a_skipped_question(bank):
    # docs/scoring.md: skipping the confidence question lowers measurement to 25 and the overall
    # to 33.3, Starting out, provisional at 75% complete.
    a = answered(bank, context__nation="england", policy__act="partly",
                 measure__tools=["toc", "data"])
    result = score_assessment(bank, a)
    assert result.section("measure").score == 25.0
    assert result.overall == 33.3
    assert result.level.id == "starting"
    assert result.completeness == 75 and result.provisional
