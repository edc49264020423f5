"""The bank loader accepts a good bank and explains every class of mistake, with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from svassess.bank import AnswerCondition, SectionCondition
from svassess.bank_loader import (
    MAX_FILE_BYTES,
    BankError,
    check_files,
    load_bank,
    load_bank_dirs,
    load_resources,
)
from tests.conftest import TEST_BANKS

GOOD_BANK = (TEST_BANKS / "test-bank.toml").read_text(encoding="utf-8")
GOOD_RESOURCES = (TEST_BANKS / "resources.toml").read_text(encoding="utf-8")


def write(tmp_path: Path, text: str, name: str = "bank.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str) -> list[str]:
    resources = load_resources(TEST_BANKS / "resources.toml")
    with pytest.raises(BankError) as caught:
        load_bank(write(tmp_path, text), resources)
    return [str(p) for p in caught.value.problems]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_good_bank_loads_into_frozen_objects(bank):
    assert bank.id == "test-bank"
    assert [s.id for s in bank.sections] == ["context", "policy", "measure"]
    assert [q.id for q in bank.questions_in("policy")] == [
        "policy.act", "policy.wales", "policy.wales-detail"]
    act = bank.question("policy.act")
    assert act.option("not-sure").unsure and act.resources == ("act",)
    assert bank.question("policy.wales").show_if == AnswerCondition("context.nation", ("wales",))
    assert bank.question("measure.confidence").scale.max == 5
    assert bank.question("policy.wales-detail").weight == 0
    rule = next(r for r in bank.guidance if r.id == "wales-weak")
    assert rule.when == (AnswerCondition("context.nation", ("wales",)),
                         SectionCondition("policy", below=60))
    assert bank.resources["act"].year == "2012"
    with pytest.raises(AttributeError):
        bank.id = "other"  # type: ignore[misc]


def test_an_exclusive_option_of_a_multi_question_loads(tmp_path):
    text = GOOD_BANK.replace(
        '{ value = "report", label = "An impact report", score = 2 },',
        '{ value = "report", label = "An impact report", score = 2 },\n'
        '  { value = "none", label = "None of these", score = 0, exclusive = true },', 1)
    bank = load_bank(write(tmp_path, text), load_resources(TEST_BANKS / "resources.toml"))
    tools = bank.question("measure.tools")
    assert tools.option("none").exclusive and not tools.option("toc").exclusive


# (what to change in the good bank, a phrase the problem must contain, the text on its line)
MISTAKES = [
    pytest.param(("options = [\n  { value = \"england\"", "options = [\n  { value = \"england\""),
                 "", None, id="unchanged-sanity-skip"),
    pytest.param(('id = "policy.act"\nsection = "policy"', 'id = "policy.act"\nsection = "nope"'),
                 "section 'nope' is not one of the bank's sections", 'id = "policy.act"',
                 id="unknown-section"),
    pytest.param(('id = "measure.tools"', 'id = "policy.act"'),
                 "question id 'policy.act' is used more than once", 'id = "policy.act"',
                 id="duplicate-question-id"),
    pytest.param(('prompt = "How well do you know the Social Value Act?"\n', ""),
                 "question policy.act has no `prompt`", 'id = "policy.act"', id="missing-key"),
    pytest.param(('weight = 2.0', 'weight = "heavy"'),
                 "section measure: `weight` must be a number, not text", 'id = "measure"',
                 id="mistyped-key"),
    pytest.param(('kind = "multi"', 'kind = "checkbox"'),
                 "kind 'checkbox' must be one of single, multi, scale, text",
                 'id = "measure.tools"', id="unknown-kind"),
    pytest.param(('show_if = { question = "context.nation", in = ["wales"] }',
                  'show_if = { question = "context.region", in = ["wales"] }'),
                 "names question 'context.region', which the bank does not have",
                 'id = "policy.wales"', id="show-if-unknown-question"),
    pytest.param(('show_if = { question = "context.nation", in = ["wales"] }',
                  'show_if = { question = "context.nation", in = ["france"] }'),
                 "'france' is not an option of 'context.nation'", 'id = "policy.wales"',
                 id="show-if-unknown-option"),
    pytest.param(('weight = 0\noptions = [\n  { value = "england"',
                  'weight = 0\nshow_if = { question = "policy.wales", in = ["yes"] }\n'
                  'options = [\n  { value = "england"'),
                 "show_if conditions form a loop", None, id="show-if-cycle"),
    pytest.param(('resources = ["toc"]\n\n[[questions]]',
                  'resources = ["nowhere"]\n\n[[questions]]'),
                 "resource 'nowhere' is not in the resource catalogue", 'id = "measure.tools"',
                 id="question-unknown-resource"),
    pytest.param(('advice = "Read the Act\'s two pages."\nresources = ["act"]',
                  'advice = "Read the Act\'s two pages."\nresources = ["missing"]'),
                 "guidance policy-weak: resource 'missing' is not in the resource catalogue",
                 'id = "policy-weak"', id="guidance-unknown-resource"),
    pytest.param(('{ value = "partly", label = "A little", score = 1 }',
                  '{ value = "partly", label = "A little" }'),
                 "option partly has no `score`", 'id = "policy.act"', id="option-without-score"),
    pytest.param(('min_score = 40', 'min_score = 80'),
                 "levels must be in ascending order of min_score", 'id = "ready"',
                 id="levels-not-ascending"),
    pytest.param(('when = { section = "policy", below = 50 }',
                  'when = { section = "politics", below = 50 }'),
                 "section 'politics' is not one of the bank's sections", 'id = "policy-weak"',
                 id="guidance-unknown-section"),
    pytest.param(('when = { question = "policy.act", in = ["no", "not-sure"] }',
                  'when = { question = "policy.act", in = ["never"] }'),
                 "'never' is not an option of 'policy.act'", 'id = "act-unsure"',
                 id="guidance-unknown-option"),
    pytest.param(('title = "Test bank"', 'title = "Test \\u001b[31mbank"'),
                 "`title` contains control characters", None, id="control-characters"),
    pytest.param(('{ value = "partly", label = "A little", score = 1 }',
                  '{ value = "partly", label = "A little", score = 1, exclusive = true }'),
                 "`exclusive` applies only to options of a multi question", 'id = "policy.act"',
                 id="exclusive-on-single"),
    pytest.param(('{ value = "report", label = "An impact report", score = 2 }',
                  '{ value = "report", label = "An impact report", score = 2, exclusive = 1 }'),
                 "`exclusive` must be true or false", 'id = "measure.tools"',
                 id="exclusive-not-boolean"),
    pytest.param(('[[levels]]\nid = "starting"', '[[levels]]\nid = "starting"\ncolour = "red"'),
                 "level starting: unknown key `colour`", 'id = "starting"', id="unknown-key"),
]


@pytest.mark.parametrize(("change", "phrase", "line_text"), MISTAKES)
def test_each_mistake_is_explained_with_its_line(tmp_path, change, phrase, line_text):
    old, new = change
    assert old in GOOD_BANK, "the test's change must apply to the good bank"
    text = GOOD_BANK.replace(old, new, 1)
    if not phrase:
        load_bank(write(tmp_path, text), load_resources(TEST_BANKS / "resources.toml"))
        return
    problems = problems_of(tmp_path, text)
    matching = [p for p in problems if phrase in p]
    assert matching, problems
    assert all(p.startswith(str(tmp_path / "bank.toml")) for p in problems)
    if line_text:
        assert f"bank.toml:{line_of(text, line_text)}:" in matching[0]


def test_toml_syntax_error_names_the_line(tmp_path):
    text = GOOD_BANK.replace('title = "Test bank"', 'title = "Test bank', 1)
    problems = problems_of(tmp_path, text)
    assert len(problems) == 1
    assert "is not valid TOML" in problems[0]
    line = line_of(text, 'title = "Test bank')
    assert f"bank.toml:{line}:" in problems[0]


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    text = (GOOD_BANK.replace('section = "policy"', 'section = "nope"', 1)
            .replace('kind = "multi"', 'kind = "checkbox"', 1)
            .replace('resources = ["act"]', 'resources = ["gone"]', 1))
    problems = problems_of(tmp_path, text)
    assert len(problems) >= 3
    assert any("'nope'" in p for p in problems)
    assert any("'checkbox'" in p for p in problems)
    assert any("'gone'" in p for p in problems)


def test_first_level_must_start_at_zero(tmp_path):
    problems = problems_of(tmp_path, GOOD_BANK.replace("min_score = 0", "min_score = 10", 1))
    assert any("must have min_score = 0" in p for p in problems)


def test_oversized_bank_is_refused_without_parsing(tmp_path):
    text = GOOD_BANK + "\n# padding\n" + ("#" * 1000 + "\n") * (MAX_FILE_BYTES // 1000)
    problems = problems_of(tmp_path, text)
    assert len(problems) == 1 and "more than the 2,000,000 allowed" in problems[0]


@pytest.mark.parametrize(("raw", "phrase"), [
    (b"\xff\xfe not utf-8", "is not UTF-8"),
    (b"\xef\xbb\xbf" + GOOD_BANK.encode(), "byte-order mark"),
    (b"a = " + b"[" * 5000 + b"]" * 5000, "nested too deeply"),
])
def test_unreadable_bytes_are_explained(tmp_path, raw, phrase):
    path = tmp_path / "bank.toml"
    path.write_bytes(raw)
    with pytest.raises(BankError) as caught:
        load_bank(path, {})
    assert phrase in str(caught.value)


def test_resource_catalogue_problems(tmp_path):
    text = (GOOD_RESOURCES.replace("https://www.thinknpc.org/", "javascript:alert(1)")
            .replace('id = "toc"', 'id = "act"'))
    with pytest.raises(BankError) as caught:
        load_resources(write(tmp_path, text, "resources.toml"))
    messages = [str(p) for p in caught.value.problems]
    assert any("must start with https://" in m for m in messages)
    assert any("resource id 'act' is used more than once" in m for m in messages)


def test_check_files_uses_the_resources_given(tmp_path):
    bank_path = write(tmp_path, GOOD_BANK)
    resources = write(tmp_path, GOOD_RESOURCES.replace('id = "toc"', 'id = "other"'),
                      "resources.toml")
    result = check_files([bank_path, resources], None)
    assert any("'toc' is not in the resource catalogue" in str(p) for p in result.problems)
    write(tmp_path, GOOD_RESOURCES, "resources.toml")
    assert check_files([bank_path], None).problems == ()


def test_bank_dirs_skip_a_broken_bank_and_keep_the_others(tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    write(folder, GOOD_RESOURCES, "resources.toml")
    write(folder, GOOD_BANK, "good.toml")
    write(folder, GOOD_BANK.replace('id = "test-bank"', 'id = "broken"').replace(
        'kind = "multi"', 'kind = "odd"'), "broken.toml")
    write(folder, GOOD_BANK, "same-id.toml")
    bank_set = load_bank_dirs([folder])
    assert list(bank_set.banks) == ["test-bank"]
    messages = [str(p) for p in bank_set.problems]
    assert any("broken.toml" in m and "'odd'" in m for m in messages)
    assert any("same-id.toml" in m and "already used" in m for m in messages)
