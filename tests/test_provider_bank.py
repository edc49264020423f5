"""The shipped provider readiness bank keeps the promises of issue 3's quality bar.

These tests read the real files in questions/ (through svassess.paths.shipped_banks_dir), so a
change to the bank that breaks an invariant fails here with the offending ids named.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from svassess.assessment import AnswerValue, new_assessment, visible_questions
from svassess.bank import AnswerCondition, Bank, GuidanceRule, Question, SectionCondition
from svassess.bank_loader import check_files, load_bank, load_bank_dirs, load_resources
from svassess.guidance import recommendations, rule_section
from svassess.paths import shipped_banks_dir
from svassess.scoring import score_assessment

BANK_FILE = shipped_banks_dir() / "provider-readiness.toml"
RESOURCES_FILE = shipped_banks_dir() / "resources.toml"
DOC = Path(__file__).resolve().parent.parent / "docs" / "writing-a-bank.md"

CONTEXT = "context"
SCORED_SECTIONS = ("policy", "purpose", "outcomes", "data", "voice", "claims", "learning", "bids",
                   "market", "leadership")
NATIONS = ("england", "wales", "scotland", "northern-ireland")
ALL_BUYERS = ["central-government", "nhs", "local-authority", "housing-association", "other"]

# Document-mirror sites: a resource must link to its publisher, never to a copy.
MIRROR_HOSTS = ("vdocuments", "fdocuments", "docslib", "dokumen", "docsbay", "slideshare",
                "studylib", "businessdocbox", "scribd", "ccednet-rcdec", "yumpu", "issuu")

# The thirteen readiness dimensions of the domain brief, and questions that ask about each.
DIMENSIONS = {
    "D1 policy and legal awareness": ["policy.social-value-act", "policy.procurement-act",
                                      "policy.ppn-002", "policy.nhs-weighting",
                                      "policy.wales-wellbeing",
                                      "policy.scotland-community-benefits"],
    "D2 local buyer intelligence": ["policy.buyer-policies", "policy.buyer-methods",
                                    "policy.local-priorities"],
    "D3 purpose and theory of change": ["purpose.mission", "purpose.need",
                                        "purpose.theory-of-change"],
    "D4 outcomes and indicators": ["outcomes.defined", "outcomes.indicators",
                                   "outcomes.five-dimensions", "outcomes.buyer-frameworks"],
    "D5 baselines and data": ["data.baseline", "data.routine", "data.costs", "data.quality"],
    "D6 stakeholder voice": ["voice.what-matters", "voice.feedback", "voice.case-studies"],
    "D7 valuation and rigour": ["claims.additionality", "claims.money-values",
                                "claims.evidence-level"],
    "D8 verification and assurance": ["claims.assurance", "claims.quality-marks"],
    "D9 reporting and learning": ["learning.impact-report", "learning.acting", "learning.sharing"],
    "D10 bid-craft": ["bids.contract-specific", "bids.measurable", "bids.delivery-plan",
                      "bids.contractual"],
    "D11 market engagement": ["market.early-engagement", "market.clarifications"],
    "D12 partnerships and supply chains": ["market.partnerships", "market.vcse-targets",
                                           "market.visibility"],
    "D13 governance, leadership and capacity": ["leadership.board", "leadership.lead",
                                                "leadership.skills", "leadership.culture"],
}

# Jargon a provider may not know, and words that must sit beside it where it is first used.
JARGON = {
    "commissioner": r"plans? and buys?",
    "MAT": r"most advantageous tender",
    "TOMs": r"themes, outcomes and measures",
    "SROI": r"social return on investment",
    "deadweight": r"would have happened anyway",
    "attribution": r"due to others",
    "VCSE": r"voluntary, community (and|or) social enterprise",
    "PPN": r"procurement policy note",
    "KPI": r"key performance indicator",
    "NPC": r"new philanthropy capital",
    "HACT": r"housing sector charity",
}

# Text that goes out of date: percentages, money thresholds, policy note numbers, start dates.
TIME_BOUND = re.compile(r"\d+%|£\d|\bPPN \d|in force|came into force|from \d+ \w+ 20\d\d")


@pytest.fixture(scope="module")
def pbank() -> Bank:
    return load_bank(BANK_FILE, load_resources(RESOURCES_FILE))


def scored_sections(bank: Bank) -> list[str]:
    return [s.id for s in bank.sections if s.weight > 0]


def is_weak_rule(rule: GuidanceRule, section: str) -> bool:
    """A rule for when the section is weak (one with `below = 0` could never apply)."""
    return any(isinstance(c, SectionCondition) and c.section == section and c.below is not None
               and c.below > 0 for c in rule.when)


def is_strong_rule(rule: GuidanceRule, section: str) -> bool:
    return any(isinstance(c, SectionCondition) and c.section == section
               and c.at_least is not None and c.below is None for c in rule.when)


# --- answering the whole bank ------------------------------------------------------------------

Pick = Callable[[Question], AnswerValue | None]


def lowest(question: Question) -> AnswerValue | None:
    """The lowest-scoring real answer; a multi question is left unanswered."""
    if question.kind == "single":
        return min((o for o in question.options if not o.unsure), key=lambda o: o.score).value
    if question.kind == "scale" and question.scale:
        return question.scale.min
    return None


def unsure(question: Question) -> AnswerValue | None:
    """'Not sure' where the question offers it; otherwise unanswered."""
    value = next((o.value for o in question.options if o.unsure), None)
    return [value] if value is not None and question.kind == "multi" else value


def highest(question: Question) -> AnswerValue | None:
    """The best answer: the top option, every option that scores, or the top of the scale."""
    if question.kind == "single":
        return max(question.options, key=lambda o: o.score).value
    if question.kind == "multi":
        return [o.value for o in question.options if o.score > 0 and not o.unsure]
    if question.kind == "scale" and question.scale:
        return question.scale.max
    return None


def context(nation: str = "england", buyers: list[str] | None = None, size: str = "100k-1m",
            bids: str = "regular") -> dict[str, AnswerValue]:
    answers: dict[str, AnswerValue] = {"context.nation": nation, "context.size": size,
                                       "context.bid-frequency": bids}
    if buyers:
        answers["context.buyers"] = buyers
    return answers


def answer_all(bank: Bank, about: dict[str, AnswerValue], pick: Pick,
               weak_section: str | None = None, weak_pick: Pick = lowest):
    """Answer the context as given, then every visible scored question with `pick` (with
    `weak_pick` in `weak_section`), repeating until no newly visible question is left."""
    a = new_assessment(bank, "Test")
    for qid, value in about.items():
        a.answer(bank.question(qid), value)
    tried: set[str] = set(about)
    while True:
        pending = [q for q in visible_questions(bank, a)
                   if q.id not in tried and q.section != CONTEXT and q.scored]
        if not pending:
            return a
        for question in pending:
            tried.add(question.id)
            value = (weak_pick if question.section == weak_section else pick)(question)
            if value is not None:
                a.answer(question, value)


def visible_ids(bank: Bank, about: dict[str, AnswerValue]) -> set[str]:
    a = new_assessment(bank, "Test")
    for qid, value in about.items():
        a.answer(bank.question(qid), value)
    return {q.id for q in visible_questions(bank, a)}


# --- it loads, and its counts are within bounds --------------------------------------------------

def test_bank_and_resources_validate_as_check_bank_does():
    result = check_files([BANK_FILE, RESOURCES_FILE], None)
    assert [str(p) for p in result.problems] == []
    assert [b.id for b in result.banks] == ["provider-readiness"]


def test_counts_are_within_the_issue_bounds(pbank):
    scored = [q for q in pbank.questions if q.scored]
    assert 40 <= len(scored) <= 70, len(scored)
    assert 4 <= len(pbank.levels) <= 5
    assert len(pbank.resources) >= 30
    assert len(scored_sections(pbank)) >= 8
    assert all(pbank.questions_in(s) for s in scored_sections(pbank)), "an empty section"


@pytest.mark.parametrize("about", [context(), context("wales", ALL_BUYERS, bids="not-yet")],
                         ids=["england-no-buyers", "wales-every-buyer-first-bid"])
def test_any_provider_answers_a_bank_sized_for_20_to_40_minutes(pbank, about):
    asked = [q for q in pbank.questions if q.scored and q.id in visible_ids(pbank, about)]
    assert 40 <= len(asked) <= 70, len(asked)


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_every_readiness_dimension_is_asked_about(pbank, dimension):
    questions = [pbank.question(qid) for qid in DIMENSIONS[dimension]]
    missing = [qid for qid, q in zip(DIMENSIONS[dimension], questions, strict=True) if q is None]
    assert not missing, f"{dimension}: no question {missing}"
    assert all(q.scored for q in questions), dimension
    # Every provider is asked at least one question on it, whatever their context.
    assert any(q.show_if is None for q in questions), dimension


def test_dimensions_spread_over_the_scored_sections(pbank):
    sections = {pbank.question(qid).section for ids in DIMENSIONS.values() for qid in ids}
    assert sections == set(scored_sections(pbank))


# --- guidance and resources ---------------------------------------------------------------------

def test_every_scored_section_has_advice_for_when_it_is_weak_whatever_the_context(pbank):
    for section in scored_sections(pbank):
        unconditional = [r.id for r in pbank.guidance
                         if len(r.when) == 1 and is_weak_rule(r, section)]
        assert unconditional, f"no rule for a weak {section} section"


def test_every_scored_section_has_advice_for_strong_organisations(pbank):
    for section in scored_sections(pbank):
        assert any(is_strong_rule(r, section) for r in pbank.guidance), section


def test_every_rule_names_a_resource(pbank):
    assert [r.id for r in pbank.guidance if not r.resources] == []


def test_every_resource_is_used_and_reachable_from_guidance(pbank):
    from_questions = {rid for q in pbank.questions for rid in q.resources}
    from_guidance = {rid for r in pbank.guidance for rid in r.resources}
    assert sorted(set(pbank.resources) - from_questions - from_guidance) == [], "unused"
    assert sorted(set(pbank.resources) - from_guidance) == [], "not named by any guidance rule"


def test_rules_about_scored_answers_are_filed_under_a_scored_section(pbank):
    # A rule is shown under the section it is about (its first section condition, else the
    # section of its first question), so a rule that depends on a scored answer or section must
    # not be filed under the unscored context section.
    misfiled = []
    for rule in pbank.guidance:
        depends = {c.section if isinstance(c, SectionCondition)
                   else pbank.question(c.question).section for c in rule.when}
        if depends - {CONTEXT} and rule_section(pbank, rule).id == CONTEXT:
            misfiled.append(rule.id)
    assert misfiled == []


def url_is_acceptable(url: str) -> bool:
    """An https address on a real host that is not a document-mirror site."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return (parts.scheme == "https" and "." in host and not any(c.isspace() for c in url)
            and not any(mirror in host for mirror in MIRROR_HOSTS))


def test_every_url_is_https_on_the_publishers_own_site(pbank):
    bad = [(r.id, r.url) for r in pbank.resources.values() if not url_is_acceptable(r.url)]
    assert bad == []


@pytest.mark.parametrize("url", [
    "https://vdocuments.site/the-social-value-model.html",
    "https://www.slideshare.net/someone/sroi-guide-2012",
    "https://ccednet-rcdec.ca/resource/community-benefits/",
    "http://www.gov.uk/government/publications/ppn-002",
    "https://localhost/guide",
])
def test_the_url_check_rejects_mirrors_and_plain_http(url):
    assert not url_is_acceptable(url)


# --- questions ----------------------------------------------------------------------------------

def test_no_two_questions_share_a_prompt(pbank):
    seen: dict[str, str] = {}
    duplicates = []
    for question in pbank.questions:
        key = " ".join(question.prompt.lower().split())
        if key in seen:
            duplicates.append((seen[key], question.id))
        seen.setdefault(key, question.id)
    assert duplicates == []


def test_every_single_choice_question_offers_not_sure(pbank):
    missing = [q.id for q in pbank.questions if q.kind == "single"
               and not any(o.unsure and "not sure" in o.label.lower() for o in q.options)]
    assert missing == []


def test_scored_single_questions_are_ladders_not_yes_or_no(pbank):
    short = [q.id for q in pbank.questions if q.scored and q.kind == "single"
             and len({o.score for o in q.options if not o.unsure}) < 3]
    assert short == []


def test_context_comes_first_and_is_not_scored(pbank):
    assert pbank.sections[0].id == CONTEXT
    assert pbank.section(CONTEXT).weight == 0
    questions = pbank.questions_in(CONTEXT)
    assert {q.id for q in questions} >= {"context.nation", "context.buyers", "context.size",
                                         "context.bid-frequency"}
    assert [q.id for q in questions if q.weight != 0] == []
    nation = pbank.question("context.nation")
    assert set(NATIONS) <= {o.value for o in nation.options}
    buyers = pbank.question("context.buyers")
    assert set(ALL_BUYERS) == {o.value for o in buyers.options}


# --- conditional questions -----------------------------------------------------------------------

NATION_QUESTIONS = {
    "england": set(),
    "wales": {"policy.wales-wellbeing", "policy.wales-procurement-duty"},
    "scotland": {"policy.scotland-community-benefits"},
    "northern-ireland": {"policy.ni-social-value"},
}
NATION_RULES = {
    "england": {"register-england", "contract-stage", "know-your-routes", "join-commissioning"},
    "wales": {"wales-align", "register-wales", "contract-stage", "know-your-routes",
              "join-commissioning"},
    "scotland": {"scotland-community-benefits-menu", "scotland-community-wealth",
                 "register-scotland"},
    "northern-ireland": {"northern-ireland-rules", "register-northern-ireland", "contract-stage",
                         "know-your-routes"},
}
NATION_WORDS = {"wales": ("Wales", "Welsh"), "scotland": ("Scotland", "Scottish"),
                "northern-ireland": ("Northern Ireland",)}


@pytest.mark.parametrize("nation", NATIONS)
def test_each_nation_sees_its_own_questions_and_advice(pbank, nation):
    unanswered = visible_ids(pbank, {})
    extra = visible_ids(pbank, {"context.nation": nation}) - unanswered
    assert extra == NATION_QUESTIONS[nation]
    for qid in extra:
        assert any(word in pbank.question(qid).prompt for word in NATION_WORDS[nation]), qid

    a = answer_all(pbank, context(nation), lowest)
    fired = {r.rule.id for r in recommendations(pbank, a, score_assessment(pbank, a))}
    nation_rules = {r.id for r in pbank.guidance for c in r.when
                    if isinstance(c, AnswerCondition) and c.question == "context.nation"}
    assert fired & nation_rules == NATION_RULES[nation]


def test_nation_specific_questions_name_their_nation_only_when_conditional(pbank):
    # A question that asks about one nation's regime must be shown only to that nation.
    for question in pbank.questions:
        for nation, words in NATION_WORDS.items():
            if any(word in question.prompt for word in words):
                assert question.show_if == AnswerCondition("context.nation", (nation,)), \
                    question.id


@pytest.mark.parametrize(("buyers", "expected"), [
    ([], set()),
    (["central-government"], {"policy.ppn-002"}),
    (["nhs"], {"policy.nhs-weighting"}),
    (["local-authority", "housing-association", "other"], set()),
    (ALL_BUYERS, {"policy.ppn-002", "policy.nhs-weighting"}),
], ids=["none-chosen", "central-government", "nhs", "others", "all"])
def test_buyer_questions_appear_only_for_those_buyers(pbank, buyers, expected):
    about: dict[str, AnswerValue] = {"context.buyers": buyers} if buyers else {}
    shown = visible_ids(pbank, about) & {"policy.ppn-002", "policy.nhs-weighting"}
    assert shown == expected


def test_questions_about_past_bids_are_not_asked_of_first_time_bidders(pbank):
    past = {"bids.feedback", "learning.contract-reporting"}
    assert visible_ids(pbank, {"context.bid-frequency": "not-yet"}) & past == set()
    assert visible_ids(pbank, {"context.bid-frequency": "occasional"}) & past == past


# --- scoring sanity ------------------------------------------------------------------------------

@pytest.mark.parametrize("pick", [lowest, unsure], ids=["lowest", "not-sure"])
@pytest.mark.parametrize("nation", NATIONS)
def test_all_lowest_answers_give_the_lowest_level_and_advice_for_every_section(pbank, nation,
                                                                               pick):
    a = answer_all(pbank, context(nation, ALL_BUYERS), pick)
    result = score_assessment(pbank, a)
    assert result.level == pbank.levels[0]
    recs = recommendations(pbank, a, result)
    advised = {s for s in scored_sections(pbank) for r in recs if is_weak_rule(r.rule, s)}
    assert advised == set(scored_sections(pbank))


@pytest.mark.parametrize("nation", NATIONS)
def test_all_highest_answers_give_the_top_level_and_only_leading_advice(pbank, nation):
    a = answer_all(pbank, context(nation, ALL_BUYERS, size="1m-10m"), highest)
    result = score_assessment(pbank, a)
    assert result.overall == 100
    assert result.level == pbank.levels[-1]
    recs = recommendations(pbank, a, result)
    assert [r.rule.id for r in recs if any(is_weak_rule(r.rule, s) for s in scored_sections(pbank))
            ] == []
    # Nothing keyed to a scored answer fires: quick wins are for weak answers only.
    keyed = [r.rule.id for r in recs for c in r.rule.when if isinstance(c, AnswerCondition)
             and pbank.question(c.question).section != CONTEXT]
    assert keyed == []
    strong = {s for s in scored_sections(pbank) for r in recs if is_strong_rule(r.rule, s)}
    assert strong == set(scored_sections(pbank))


@pytest.mark.parametrize("about", [context("england", ALL_BUYERS),
                                   context("wales", ["local-authority"], size="under-100k",
                                           bids="not-yet")],
                         ids=["england-all-buyers", "wales-small-first-bid"])
@pytest.mark.parametrize("weak", SCORED_SECTIONS)
def test_strong_everywhere_but_one_section_puts_that_sections_advice_first(pbank, weak, about):
    assert weak in scored_sections(pbank)
    a = answer_all(pbank, about, highest, weak_section=weak, weak_pick=lowest)
    result = score_assessment(pbank, a)
    assert result.section(weak).score < 50
    assert all(s.score == 100 for s in result.sections
               if s.section.weight > 0 and s.section.id != weak)
    recs = recommendations(pbank, a, result)
    assert recs, "no advice at all"
    assert recs[0].section is not None and recs[0].section.id == weak, \
        [(r.rule.id, r.section.id if r.section else None) for r in recs[:3]]


def test_the_ordering_test_covers_every_scored_section(pbank):
    assert list(SCORED_SECTIONS) == scored_sections(pbank)


# --- plain English ------------------------------------------------------------------------------

def question_texts(question: Question) -> str:
    return " ".join([question.prompt, *(o.label for o in question.options), question.help])


def reading_order(bank: Bank, about: dict[str, AnswerValue]) -> list[tuple[str, str]]:
    """What a provider reads while answering, screen by screen."""
    a = new_assessment(bank, "Test")
    for qid, value in about.items():
        a.answer(bank.question(qid), value)
    screens = [("bank", f"{bank.description} {bank.audience}")]
    visible = visible_questions(bank, a)
    for section in bank.sections:
        screens.append((f"section {section.id}", section.intro))
        screens += [(q.id, question_texts(q)) for q in visible if q.section == section.id]
    return screens


def uses(term: str, text: str) -> bool:
    if term.isupper() or term == "TOMs":
        return re.search(rf"\b{re.escape(term)}s?\b", text) is not None
    return term in text.lower()


@pytest.mark.parametrize("about", [{}, context("wales", ALL_BUYERS)],
                         ids=["nothing-chosen", "every-buyer"])
def test_jargon_is_explained_where_a_provider_first_meets_it(pbank, about):
    unexplained = []
    for term, explanation in JARGON.items():
        first = next(((where, text) for where, text in reading_order(pbank, about)
                      if uses(term, text)), None)
        if first and not re.search(explanation, first[1].lower()):
            unexplained.append((term, first[0]))
    assert unexplained == []


def test_advice_and_summaries_explain_their_own_jargon(pbank):
    # Each recommendation and each resource is read on its own, in any order. A term the bank's
    # glossary explains (shown on the help screen) need not be spelled out each time.
    glossary = {entry.term.lower() for entry in pbank.glossary}
    unexplained = []
    texts = [(f"guidance {r.id}", f"{r.title} {r.advice}") for r in pbank.guidance]
    texts += [(f"resource {r.id}", f"{r.title} {r.publisher} {r.summary}")
              for r in pbank.resources.values()]
    for where, text in texts:
        for term, explanation in JARGON.items():
            if uses(term, text) and not re.search(explanation, text.lower()) \
                    and term.lower() not in glossary:
                unexplained.append((term, where))
    assert unexplained == []


def test_time_bound_facts_say_as_of(pbank):
    texts = [(f"section {s.id}", s.intro) for s in pbank.sections]
    texts += [(f"question {q.id}", q.help) for q in pbank.questions]
    texts += [(f"guidance {r.id}", r.advice) for r in pbank.guidance]
    texts += [(f"resource {r.id}", r.summary) for r in pbank.resources.values()]
    undated = [where for where, text in texts
               if TIME_BOUND.search(text) and "as of" not in text.lower()]
    assert undated == []


# --- the example in docs/writing-a-bank.md --------------------------------------------------------

def toml_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```toml\n(.*?)^```", markdown, flags=re.DOTALL | re.MULTILINE)


def docs_example_bank(tmp_path: Path) -> Bank:
    example = next((b for b in toml_blocks(DOC.read_text(encoding="utf-8"))
                    if re.search(r"^\[bank\]", b, flags=re.MULTILINE)), None)
    assert example is not None, "docs/writing-a-bank.md has no ```toml block with [bank]"
    path = tmp_path / "example.toml"
    path.write_text(example, encoding="utf-8")
    return load_bank(path, load_resources(RESOURCES_FILE))


def test_the_docs_example_bank_validates_against_the_shipped_resources(tmp_path):
    bank = docs_example_bank(tmp_path)
    assert len(bank.levels) >= 2 and len(bank.sections) >= 2 and len(bank.questions) >= 3
    assert any(q.show_if for q in bank.questions)
    assert len(bank.guidance) >= 2 and all(r.resources for r in bank.guidance)
    assert bank.id != "provider-readiness", "an adapted bank needs its own id"


def test_the_docs_example_scores_as_the_docs_say(tmp_path):
    bank = docs_example_bank(tmp_path)
    a = new_assessment(bank, "Test")
    a.answer(bank.question("context.nation"), "england")
    a.answer(bank.question("purpose.theory-of-change"), "none")
    result = score_assessment(bank, a)
    assert (result.overall, result.level.name) == (0, "Starting out")
    assert [r.rule.title for r in recommendations(bank, a, result)] == [
        "Write a one-page theory of change"]

    a.answer(bank.question("context.nation"), "wales")
    a.answer(bank.question("purpose.theory-of-change"), "informal")
    a.answer(bank.question("purpose.wales-goals"), ["healthier", "cohesive"])
    result = score_assessment(bank, a)
    assert (result.overall, result.level.name) == (75, "Ready to start bidding")
    assert recommendations(bank, a, result) == []


def test_an_adapted_copy_loads_beside_the_shipped_bank_only_with_a_new_id(tmp_path):
    # The facilitator's guide: copy the shipped bank into banks/, give it a new id.
    own = tmp_path / "banks"
    own.mkdir()
    text = BANK_FILE.read_text(encoding="utf-8")
    (own / "copy.toml").write_text(text, encoding="utf-8")
    kept_id = load_bank_dirs([shipped_banks_dir(), own])
    assert list(kept_id.banks) == ["provider-readiness", "provider-readiness-quick"]
    assert "already used" in str(kept_id.problems[0])

    renamed = re.sub(r'^id = "provider-readiness"$', 'id = "harbour-readiness"', text, count=1,
                     flags=re.MULTILINE)
    renamed = re.sub(r'^id = "provider-readiness-quick"$', 'id = "harbour-readiness-quick"',
                     renamed, count=1, flags=re.MULTILINE)
    (own / "copy.toml").write_text(renamed, encoding="utf-8")
    both = load_bank_dirs([shipped_banks_dir(), own])
    assert both.problems == ()
    assert sorted(both.banks) == ["harbour-readiness", "harbour-readiness-quick",
                                  "provider-readiness", "provider-readiness-quick"]


def test_the_docs_resource_example_validates(tmp_path):
    example = next((b for b in toml_blocks(DOC.read_text(encoding="utf-8"))
                    if "[[resources]]" in b), None)
    assert example is not None
    path = tmp_path / "resources.toml"
    path.write_text(example, encoding="utf-8")
    assert load_resources(path)


# --- issue 14: right for every nation and buyer ---------------------------------------------------

def advice_for(bank: Bank, about: dict[str, AnswerValue], pick: Pick = lowest):
    a = answer_all(bank, about, pick)
    return a, recommendations(bank, a, score_assessment(bank, a))


def everything_shown(bank: Bank, about: dict[str, AnswerValue], pick: Pick) -> list[str]:
    """Every text and link a provider with this context is shown: questions, advice, resources."""
    a, recs = advice_for(bank, about, pick)
    shown = []
    for q in visible_questions(bank, a):
        shown += [q.prompt, q.help, *(o.label for o in q.options)]
        shown += [bank.resources[r].url for r in q.resources]
    for rec in recs:
        shown += [rec.rule.title, rec.rule.advice, *(r.url for r in rec.resources)]
    return shown


@pytest.mark.parametrize("pick", [lowest, unsure], ids=["lowest", "not-sure"])
def test_england_nhs_bidders_are_told_about_the_provider_selection_regime(pbank, pick):
    _, recs = advice_for(pbank, context("england", ["nhs"]), pick)
    psr = [r for r in recs if "Provider Selection Regime" in r.rule.advice]
    assert psr, [r.rule.id for r in recs]
    assert any("england.nhs.uk" in res.url for r in psr for res in r.resources)


@pytest.mark.parametrize("pick", [lowest, unsure], ids=["lowest", "not-sure"])
def test_welsh_nhs_bidders_never_see_nhs_england_guidance(pbank, pick):
    shown = everything_shown(pbank, context("wales", ["nhs"]), pick)
    assert [t for t in shown if "england.nhs.uk" in t or "NHS England" in t] == []
    _, recs = advice_for(pbank, context("wales", ["nhs"]), pick)
    assert "nhs-wales-psr" in {r.rule.id for r in recs}


@pytest.mark.parametrize("nation", ["scotland", "northern-ireland"])
def test_other_nations_are_not_sent_to_the_english_or_welsh_health_rules(pbank, nation):
    shown = everything_shown(pbank, context(nation, ["nhs"]), lowest)
    assert [t for t in shown if "england.nhs.uk" in t or "wsi/2025/99" in t] == []


def test_northern_ireland_advice_names_ppn_01_21(pbank):
    _, recs = advice_for(pbank, context("northern-ireland"), lowest)
    assert any("PPN 01/21" in r.rule.advice for r in recs), [r.rule.id for r in recs]
    assert "policy.ni-social-value" in visible_ids(pbank, context("northern-ireland"))


@pytest.mark.parametrize("nation", NATIONS)
def test_registration_advice_names_each_nations_own_portal(pbank, nation):
    portal = {"england": "Find a Tender", "wales": "Sell2Wales",
              "scotland": "Public Contracts Scotland", "northern-ireland": "eTendersNI"}[nation]
    _, recs = advice_for(pbank, context(nation), lowest)
    assert any(portal in r.rule.advice for r in recs if r.rule.id.startswith("register-"))


def test_scotland_is_not_told_about_procurement_act_contract_rules(pbank):
    # The Procurement Act 2023 does not cover devolved Scottish buying.
    _, recs = advice_for(pbank, context("scotland", ALL_BUYERS), lowest)
    assert [r.rule.id for r in recs if "Procurement Act 2023" in r.rule.advice] == []


# --- plain English, measured ----------------------------------------------------------------------

textstat = pytest.importorskip("textstat")


def prose(text: str) -> str:
    """Text as a reader meets it: each line of a list is a sentence of its own."""
    lines = [line.strip().lstrip("-").strip() for line in text.splitlines() if line.strip()]
    return " ".join(line if line[-1] in ".!?:" else f"{line}." for line in lines)


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?:;])\s+|\n+", text) if s.strip()]


def grade(text: str) -> float:
    return textstat.flesch_kincaid_grade(prose(text))


def test_guidance_advice_reads_at_grade_8_or_below_and_never_above_12(pbank):
    grades = {r.id: grade(r.advice) for r in pbank.guidance}
    ordered = sorted(grades.values())
    median = (ordered[(len(ordered) - 1) // 2] + ordered[len(ordered) // 2]) / 2
    assert median <= 8, median
    assert {rid: g for rid, g in grades.items() if g > 12} == {}


def test_questions_with_their_help_read_at_grade_7_5_or_below(pbank):
    ordered = sorted(grade(f"{q.prompt}\n{q.help}") for q in pbank.questions)
    median = (ordered[(len(ordered) - 1) // 2] + ordered[len(ordered) // 2]) / 2
    assert median <= 7.5, median


def test_no_more_than_five_sentences_in_the_bank_are_over_30_words(pbank):
    texts = [pbank.description, pbank.audience]
    texts += [level.summary for level in pbank.levels]
    texts += [section.intro for section in pbank.sections]
    for q in pbank.questions:
        texts += [q.prompt, q.help, *(o.label for o in q.options)]
    texts += [text for r in pbank.guidance for text in (r.title, r.advice)]
    texts += [entry.meaning for entry in pbank.glossary]
    long = [s for text in texts for s in sentences(text) if len(s.split()) > 30]
    assert len(long) <= 5, long


@pytest.mark.parametrize("text", [
    "We will review every single answer that every bidder gives us in every one of the many "
    "tenders we run across the whole of the coming year and then write to each of them.",
])
def test_the_sentence_count_finds_a_long_sentence(text):
    assert [s for s in sentences(text) if len(s.split()) > 30] == [text]


def test_jargon_in_option_labels_is_replaced(pbank):
    jargon = re.compile(r"\bTOMs\b|\bMAT\b|deadweight|Outcomes Star|financial prox|\bSROI\b",
                        re.IGNORECASE)
    assert [(q.id, o.value) for q in pbank.questions for o in q.options
            if jargon.search(o.label)] == []


def test_the_glossary_explains_the_terms_the_bank_uses(pbank):
    terms = {entry.term for entry in pbank.glossary}
    assert {"VCSE", "Commissioner", "TOMs", "SROI", "MAT", "Deadweight", "Attribution", "KPI",
            "PPN", "Light touch contract", "Share code"} <= terms


# --- resources ---------------------------------------------------------------------------------

def test_every_resource_url_has_a_path_beyond_the_sites_home(pbank):
    homes = [(r.id, r.url) for r in pbank.resources.values() if urlsplit(r.url).path in ("", "/")]
    assert homes == []


def test_every_resource_year_is_a_year(pbank):
    years = re.compile(r"^(19|20)\d\d( / (19|20)\d\d)?$")
    assert [(r.id, r.year) for r in pbank.resources.values() if not years.match(r.year)] == []


def test_no_council_page_carries_more_than_a_few_recommendations(pbank):
    councils = [rid for rid, r in pbank.resources.items()
                if re.search(r"Council|National Park Authority", r.publisher)]
    assert councils
    uses_count = {rid: sum(rid in rule.resources for rule in pbank.guidance) for rid in councils}
    assert {rid: n for rid, n in uses_count.items() if n > 3} == {}


# --- sound questions ---------------------------------------------------------------------------

def test_scored_multi_questions_offer_an_exclusive_none_and_not_sure(pbank):
    for q in pbank.questions:
        if q.kind != "multi" or not q.scored:
            continue
        exclusive = [o for o in q.options if o.exclusive]
        assert any(o.unsure and o.label == "Not sure" for o in exclusive), q.id
        assert any(not o.unsure and o.score == 0 and o.label.startswith("None")
                   for o in exclusive), q.id


def test_levels_advice_bands_and_strength_mark_share_one_scheme(pbank):
    cut_offs = {level.min_score for level in pbank.levels}
    assert pbank.strength_at in cut_offs
    bounds = {b for r in pbank.guidance for c in r.when if isinstance(c, SectionCondition)
              for b in (c.below, c.at_least) if b is not None}
    assert bounds <= cut_offs, bounds - cut_offs
    # A section at the strength mark gets only "strong" advice, never weak or next-step advice.
    for section in scored_sections(pbank):
        for rule in pbank.guidance:
            for c in rule.when:
                if isinstance(c, SectionCondition) and c.section == section and \
                        c.below is not None:
                    assert c.below <= pbank.strength_at, rule.id
    assert not any(level.name.lower().endswith("ready") for level in pbank.levels)


def test_a_bank_of_not_sure_answers_shows_its_share_of_not_sure(pbank):
    a = answer_all(pbank, context("england", ALL_BUYERS), unsure)
    result = score_assessment(pbank, a)
    assert result.not_sure == result.scored_total > 0
    assert result.not_sure_share == 100


# --- the quick check ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def quick(pbank) -> Bank:
    from svassess.bank import quick_check_bank

    bank = quick_check_bank(pbank)
    assert bank is not None
    return bank


@pytest.mark.parametrize("about", [{}, context(), context("wales", ALL_BUYERS, bids="not-yet"),
                                   context("northern-ireland", ["nhs"], size="under-100k")])
def test_the_quick_check_asks_12_to_16_scored_questions(quick, about):
    asked = [q for q in quick.questions if q.scored and q.id in visible_ids(quick, about)]
    assert 12 <= len(asked) <= 16, len(asked)


def test_the_quick_check_covers_every_scored_section(pbank, quick):
    assert {q.section for q in quick.questions if q.scored} == set(scored_sections(pbank))


def test_the_quick_check_is_offered_beside_the_full_bank(pbank, quick):
    banks = load_bank_dirs([shipped_banks_dir()]).banks
    assert banks[quick.id].parent == pbank.id == "provider-readiness"


@pytest.mark.parametrize("pick", [lowest, highest, unsure], ids=["lowest", "highest", "not-sure"])
def test_quick_check_answers_carry_into_the_full_bank(pbank, quick, pick):
    from svassess.assessment import invalid_answers, unknown_answers
    from svassess.scoring import question_score

    a = answer_all(quick, context("wales", ALL_BUYERS), pick)
    assert a.answers
    a.bank = pbank.id  # going on to the full assessment
    assert unknown_answers(pbank, a) == [] and invalid_answers(pbank, a) == []
    full_visible = {q.id for q in visible_questions(pbank, a)}
    for qid, answer in a.answers.items():
        assert qid in full_visible
        assert question_score(pbank.question(qid), answer.value) == \
            question_score(quick.question(qid), answer.value)
    # Nothing is asked twice: the full assessment resumes on questions not yet answered.
    result = score_assessment(pbank, a)
    assert result.answered == len(a.answers) < result.total
