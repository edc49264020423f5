"""The share of "Not sure" answers, counted by scoring and shown next to the level."""

from __future__ import annotations

from svassess.assessment import new_assessment
from svassess.report import build_document, build_report
from svassess.scoring import is_not_sure, score_assessment


def test_not_sure_answers_are_counted_among_visible_scored_questions(bank):
    a = new_assessment(bank, "Test")
    result = score_assessment(bank, a)
    assert (result.not_sure, result.not_sure_share) == (0, 0.0)
    # England: policy.act, measure.tools and measure.confidence are the scored questions.
    a.answer(bank.question("context.nation"), "england")
    a.answer(bank.question("policy.act"), "not-sure")
    result = score_assessment(bank, a)
    assert (result.not_sure, result.scored_total) == (1, 3)
    assert round(result.not_sure_share) == 33
    # A hidden question's "Not sure" does not count: policy.wales is asked only in Wales.
    a.answer(bank.question("context.nation"), "wales")
    a.answer(bank.question("policy.wales"), "not-sure")
    assert score_assessment(bank, a).not_sure == 2
    a.answer(bank.question("context.nation"), "england")
    assert score_assessment(bank, a).not_sure == 1


def test_is_not_sure_reads_single_and_multi_answers(bank):
    act, tools = bank.question("policy.act"), bank.question("measure.tools")
    assert is_not_sure(act, "not-sure") and not is_not_sure(act, "yes")
    assert not is_not_sure(act, None) and not is_not_sure(tools, ["toc"])


def _level_line(bank, a) -> str:
    summary = build_document(build_report(bank, a)).parts[0]
    return next(b.text for b in summary.blocks if "Level:" in getattr(b, "text", ""))


def test_the_summary_shows_the_share_next_to_the_level(bank):
    a = new_assessment(bank, "Test")
    a.answer(bank.question("context.nation"), "england")
    assert '"Not sure"' not in _level_line(bank, a)
    a.answer(bank.question("policy.act"), "not-sure")
    line = _level_line(bank, a)
    assert line.endswith('"Not sure": 33% of scored questions'), line
