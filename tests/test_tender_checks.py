"""The tender checks, the rules that apply by buyer type, nation and value, and the evidence map."""

from __future__ import annotations

import datetime as dt

import pytest

from svassess.tender import Commitment, Criterion, Tender
from svassess.tender_checks import (
    KINDS,
    Note,
    Readiness,
    SectionView,
    check_tender,
    evidence_map,
    readiness_of,
    rules_that_apply,
)
from svassess.tender_store import load_shipped_rules

TODAY = dt.date(2026, 12, 2)
RULES = load_shipped_rules()


def good_commitment(**changes) -> Commitment:
    values = dict(id="k1", criterion="c1", what="Recruit local drivers",
                  measure="people recruited who were unemployed", baseline="0", target="6",
                  by=dt.date(2027, 12, 31), cost=4800, owner="Operations manager",
                  evidence="payroll records")
    values.update(changes)
    return Commitment(**values)


def tender(**changes) -> Tender:
    values = dict(id="T1", assessment="A1", title="Community transport", buyer="A council",
                  buyer_type="local-authority", nation="england", value=450000, months=36,
                  weighting=15, deadline=dt.date(2027, 2, 14), question="Describe it.",
                  word_limit=1000, criteria=[Criterion("c1", "Jobs for local people")],
                  commitments=[good_commitment()])
    values.update(changes)
    return Tender(**values)


STRONG = Readiness("Strong", {
    "data": SectionView("data", "Baselines and data", 80.0),
    "learning": SectionView("learning", "Reporting and learning", 75.0),
    "voice": SectionView("voice", "Involving the people you serve", 70.0),
    "outcomes": SectionView("outcomes", "Outcomes and indicators", 60.0),
    "purpose": SectionView("purpose", "Purpose", 55.0),
}, (Note("data", "Do you keep baseline data?", "We count riders monthly."),),
    (("voice", "Ask the people you serve"), ("market", "Find partners")))


def kinds(t: Tender, readiness: Readiness | None = STRONG) -> list[tuple[str | None, str]]:
    return [(p.commitment, p.kind) for p in check_tender(t, RULES, readiness, TODAY)]


def test_a_sound_tender_has_no_problems():
    assert kinds(tender()) == []


@pytest.mark.parametrize(("change", "expected"), [
    ({"measure": ""}, "not-measurable"),
    ({"target": "several"}, "not-measurable"),
    ({"by": None}, "no-date"),
    ({"by": dt.date(2030, 3, 1)}, "outside-contract"),     # the contract ends 2030-02-14
    ({"by": dt.date(2027, 1, 1)}, "outside-contract"),     # before it starts (the deadline)
    ({"owner": " "}, "no-owner"),
    ({"cost": None}, "no-cost"),
    ({"baseline": ""}, "unsupported"),
])
def test_each_commitment_check_names_the_commitment(change, expected):
    problems = check_tender(tender(commitments=[good_commitment(**change)]), RULES, STRONG,
                            TODAY)
    assert [(p.commitment, p.kind) for p in problems] == [("k1", expected)]
    assert "k1" in problems[0].message
    assert problems[0].message.endswith(".")


def test_the_contract_end_uses_starts_when_given():
    t = tender(starts=dt.date(2027, 6, 1), commitments=[good_commitment(by=dt.date(2030, 3, 1))])
    assert kinds(t) == []          # ends 2030-06-01


def test_unsupported_when_the_assessment_is_weak_where_the_commitment_needs_strength():
    weak = Readiness("Weak", {**STRONG.sections,
                              "data": SectionView("data", "Baselines and data", 20.0)}, (), ())
    problems = check_tender(tender(), RULES, weak, TODAY)
    assert [(p.commitment, p.kind) for p in problems] == [("k1", "unsupported")]
    assert "Baselines and data at 20/100" in problems[0].message


def test_a_support_rule_with_words_applies_only_to_commitments_that_use_them():
    weak_voice = Readiness("W", {**STRONG.sections,
                                 "voice": SectionView("voice", "Voice", 10.0)}, (), ())
    assert kinds(tender(), weak_voice) == []
    community = good_commitment(what="Run community wellbeing walks")
    assert kinds(tender(commitments=[community]), weak_voice) == [("k1", "unsupported")]


def test_disproportionate_names_the_dearest_commitment_and_the_rule():
    # 450,000 x 15% x 25% = 16,875
    t = tender(commitments=[good_commitment(), good_commitment(id="k2", cost=12075)])
    assert kinds(t) == []
    t.commitments[1].cost = 12076                      # 16,876 in total
    problems = check_tender(t, RULES, STRONG, TODAY)
    assert [(p.commitment, p.kind) for p in problems] == [("k2", "disproportionate")]
    assert "£16,876" in problems[0].message and "£16,875" in problems[0].message


def test_without_a_weighting_the_rule_assumes_ten_per_cent():
    t = tender(weighting=None, commitments=[good_commitment(cost=11251)])   # cap 11,250
    assert ("k1", "disproportionate") in kinds(t)


@pytest.mark.parametrize(("value", "measurable", "light_touch", "flagged"), [
    (5_000_001, 2, False, True),
    (5_000_001, 3, False, False),
    (5_000_000, 0, False, False),          # "over £5m": exactly £5m is not over
    (9_000_000, 1, True, False),           # light-touch contracts are exempt
    (9_000_000, 1, None, True),            # unknown: the duty is assumed
])
def test_kpi_rules_over_five_million(value, measurable, light_touch, flagged):
    commitments = [good_commitment(id=f"k{n}", cost=10) for n in range(1, 4)]
    for c in commitments[measurable:]:
        c.target = "more"
    t = tender(value=value, light_touch=light_touch, commitments=commitments)
    found = [p for p in check_tender(t, RULES, STRONG, TODAY) if p.kind == "kpi-rules"]
    assert bool(found) is flagged
    if flagged:
        assert found[0].commitment is None and f"only {measurable} of" in found[0].message


@pytest.mark.parametrize(("change", "words"), [
    ({"buyer_type": "parish"}, "buyer_type 'parish'"),
    ({"nation": "cornwall"}, "nation 'cornwall'"),
    ({"value": -5}, "cannot be right"),
    ({"value": 10**13}, "cannot be right"),
    ({"months": 0}, "months = 0"),
    ({"weighting": 150}, "weighting = 150"),
    ({"deadline": dt.date(2026, 1, 1)}, "has passed"),
    ({"question": ""}, "no question"),
    ({"title": ""}, "no title"),
    ({"criteria": [], "commitments": [good_commitment(criterion="")]}, "no criteria"),
    ({"commitments": [good_commitment(criterion="c9")]}, "'c9', which the tender does not have"),
    ({"commitments": [good_commitment(cost=-1)]}, "negative cost"),
    ({"commitments": []}, "no commitments"),
])
def test_bad_values_are_invalid_problems_in_one_sentence(change, words):
    problems = [p for p in check_tender(tender(**change), RULES, STRONG, TODAY)
                if p.kind == "invalid"]
    assert len([p for p in problems if words in p.message]) == 1, problems
    assert len(problems) == 1 or change.get("criteria") == [], problems


def test_an_assessment_that_does_not_exist_is_said_plainly():
    problems = check_tender(tender(assessment="NOPE"), RULES, None, TODAY)
    assert [p.kind for p in problems] == ["invalid"]
    assert "'NOPE' does not exist" in problems[0].message


def test_every_kind_is_documented_in_kinds():
    seen = set()
    for change in ({"measure": ""}, {"by": None}, {"by": dt.date(2031, 1, 1)}, {"owner": ""},
                   {"cost": None}, {"baseline": ""}):
        seen |= {k for _, k in kinds(tender(commitments=[good_commitment(**change)]))}
    seen |= {k for _, k in kinds(tender(value=6_000_000, light_touch=False,
                                        commitments=[good_commitment(cost=2_000_000)]))}
    seen |= {k for _, k in kinds(tender(nation="x"))}
    assert seen == set(KINDS)


# --- the rules that apply ----------------------------------------------------------------------

@pytest.mark.parametrize(("buyer_type", "nation", "value", "light_touch", "present", "absent"), [
    ("nhs", "england", 300_000, False,
     {"above-threshold-central", "nhs-psr-england", "nhs-weighting", "npps"},
     {"nhs-psr-wales", "wales-srp-duty"}),
    ("nhs", "wales", 300_000, None,
     {"nhs-psr-wales", "wales-srp-duty", "wales-thresholds", "light-touch-unknown"},
     {"nhs-psr-england", "npps", "above-threshold-central"}),
    ("local-authority", "england", 6_000_000, False,
     {"above-threshold-sub-central", "kpis", "npps", "social-value-act"}, {"kpis-light-touch"}),
    ("local-authority", "england", 4_900_000, False,
     {"above-threshold-sub-central"}, {"kpis"}),
    ("local-authority", "england", 700_000, True,
     {"light-touch-above"}, {"light-touch-below", "above-threshold-sub-central"}),
    ("local-authority", "england", 600_000, True,
     {"light-touch-below"}, {"light-touch-above", "below-threshold-sub-central"}),
    ("local-authority", "england", 6_000_000, True, {"kpis-light-touch"}, {"kpis"}),
    ("local-authority", "england", 150_000, False,
     {"below-threshold-sub-central"}, {"above-threshold-sub-central"}),
    ("central-government", "england", 200_000, False,
     {"above-threshold-central", "ppn-002", "npps"}, {"ppn-002-optional", "carbon-reduction-plan"}),
    ("central-government", "england", 100_000, False,
     {"below-threshold-central"}, {"ppn-002"}),
    ("central-government", "england", 18_000_000, False,     # £6m a year over 36 months
     {"carbon-reduction-plan", "kpis"}, set()),
    ("local-authority", "scotland", 4_500_000, None,
     {"scotland-regulated", "scotland-community-benefits", "scotland-fair-work"},
     {"npps", "kpis", "light-touch-unknown"}),
    ("local-authority", "scotland", 3_900_000, None,
     {"scotland-regulated"}, {"scotland-community-benefits"}),
    ("housing-association", "scotland", 40_000, None, {"scotland-below", "housing-association"},
     {"scotland-regulated"}),
    ("local-authority", "northern-ireland", 300_000, False,
     {"ni-ppn-0121", "above-threshold-sub-central"}, {"npps", "social-value-act"}),
    ("other", "wales", 300_000, None, {"wales-other-buyer", "other-buyer"}, {"wales-srp-duty"}),
])
def test_rules_by_buyer_type_nation_and_value(buyer_type, nation, value, light_touch, present,
                                              absent):
    t = tender(buyer_type=buyer_type, nation=nation, value=value, light_touch=light_touch)
    applied = {r.id for r in rules_that_apply(t, RULES)}
    assert present <= applied, present - applied
    assert not absent & applied, absent & applied


def test_every_rule_is_dated_and_unverified_ones_say_check_with_the_buyer():
    for rule in RULES.rules:
        assert rule.as_of <= dt.date.today()
        if rule.status == "unverified":
            assert rule.check, rule.id


def test_every_rule_applies_to_some_tender():
    """No rule is dead: each matches at least one combination of the inputs."""
    seen = set()
    for buyer_type in ("central-government", "local-authority", "nhs", "housing-association",
                       "other"):
        for nation in ("england", "wales", "scotland", "northern-ireland"):
            for value in (10_000, 100_000, 150_000, 300_000, 700_000, 4_500_000, 20_000_000):
                for light_touch in (None, True, False):
                    t = tender(buyer_type=buyer_type, nation=nation, value=value,
                               light_touch=light_touch)
                    seen |= {r.id for r in rules_that_apply(t, RULES)}
    assert seen == {r.id for r in RULES.rules}


# --- the evidence map --------------------------------------------------------------------------

def test_evidence_map_gives_sections_scores_notes_and_recommendations():
    t = tender(criteria=[Criterion("c1", "Jobs for local people"),
                         Criterion("c2", "Community wellbeing")])
    by_id = {e.criterion_id: e for e in evidence_map(t, RULES, STRONG)}
    assert [s.id for s in by_id["c1"].sections] == ["outcomes", "data", "purpose"]
    assert [s.id for s in by_id["c2"].sections] == ["outcomes", "data", "voice"]
    assert by_id["c1"].notes[0].note == "We count riders monthly."
    assert by_id["c2"].recommendations == ("Ask the people you serve",)
    assert by_id["c1"].recommendations == ()


def test_readiness_comes_from_a_real_assessment(bank):
    from svassess.assessment import new_assessment

    a = new_assessment(bank, "X")
    a.answer(bank.question("policy.act"), "no")
    a.set_note("policy.act", "We read PPN 002 last year.")
    readiness = readiness_of(bank, a)
    assert readiness.sections["policy"].score == 0
    assert readiness.notes[0].note == "We read PPN 002 last year."
    assert any(section == "policy" for section, _ in readiness.recommendations)
