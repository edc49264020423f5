"""The bank keys added for issue 14: [[glossary]], [quick_check], and exclusive "Not sure"."""

from __future__ import annotations

from pathlib import Path

import pytest

from svassess.assessment import new_assessment
from svassess.bank import GlossaryEntry, glossary_of, quick_check_bank
from svassess.bank_loader import BankError, load_bank, load_bank_dirs, load_resources
from svassess.scoring import score_assessment
from tests.conftest import TEST_BANKS

GOOD_BANK = (TEST_BANKS / "test-bank.toml").read_text(encoding="utf-8")
RESOURCES = load_resources(TEST_BANKS / "resources.toml")

GLOSSARY = '''
[[glossary]]
term = "VCSE"
meaning = "Voluntary, community and social enterprise organisations."

[[glossary]]
term = "Commissioner"
meaning = "The person who plans and buys services."
'''

QUICK = '''
[quick_check]
id = "test-bank-quick"
title = "Quick check"
description = "Three questions."
questions = ["context.nation", "policy.wales", "measure.tools"]
'''


def load(tmp_path: Path, text: str):
    path = tmp_path / "bank.toml"
    path.write_text(text, encoding="utf-8")
    return load_bank(path, RESOURCES)


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(BankError) as caught:
        load(tmp_path, text)
    return [str(p) for p in caught.value.problems]


def test_a_glossary_loads_in_file_order(tmp_path):
    bank = load(tmp_path, GOOD_BANK + GLOSSARY)
    assert bank.glossary == (
        GlossaryEntry("VCSE", "Voluntary, community and social enterprise organisations."),
        GlossaryEntry("Commissioner", "The person who plans and buys services."))


def test_a_bank_without_a_glossary_or_quick_check_still_loads(tmp_path):
    bank = load(tmp_path, GOOD_BANK)
    assert bank.glossary == () and bank.quick_check is None and quick_check_bank(bank) is None


@pytest.mark.parametrize(("glossary", "phrase"), [
    ('[[glossary]]\nterm = "VCSE"\n', "glossary entry VCSE has no `meaning`"),
    ('[[glossary]]\nmeaning = "x"\n', "glossary entry #1 has no `term`"),
    ('[[glossary]]\nterm = "VCSE"\nmeaning = "x"\nsee = "y"\n', "unknown key `see`"),
    ('[[glossary]]\nterm = "VCSE"\nmeaning = "x"\n\n[[glossary]]\nterm = "vcse"\nmeaning = "y"\n',
     "the term is explained more than once"),
    ('glossary = "VCSE"\n', "must be written as [[glossary]] tables"),
])
def test_glossary_mistakes_are_explained(tmp_path, glossary, phrase):
    text = GOOD_BANK.replace("[bank]", glossary + "\n[bank]", 1) \
        if not glossary.startswith("[[") else GOOD_BANK + "\n" + glossary
    found = problems(tmp_path, text)
    assert any(phrase in p for p in found), found


def test_a_glossary_mistake_names_its_line(tmp_path):
    text = GOOD_BANK + '\n[[glossary]]\nterm = "VCSE"\n'
    line = text.splitlines().index('term = "VCSE"') + 1
    assert any(f":{line}: glossary entry VCSE has no `meaning`" in p
               for p in problems(tmp_path, text))


def test_glossaries_of_several_banks_merge_once_per_term(tmp_path):
    first = load(tmp_path, GOOD_BANK + GLOSSARY)
    second = load(tmp_path, GOOD_BANK + '\n[[glossary]]\nterm = "vcse"\nmeaning = "Other."\n'
                  '\n[[glossary]]\nterm = "Baseline"\nmeaning = "Where people start."\n')
    merged = glossary_of([first, second])
    assert [e.term for e in merged] == ["Baseline", "Commissioner", "VCSE"]
    assert merged[-1].meaning.startswith("Voluntary")


def test_a_quick_check_becomes_a_bank_of_its_listed_questions(tmp_path):
    bank = load(tmp_path, GOOD_BANK + QUICK)
    quick = quick_check_bank(bank)
    assert quick is not None
    assert (quick.id, quick.title, quick.parent, quick.version) == (
        "test-bank-quick", "Quick check", "test-bank", bank.version)
    assert [q.id for q in quick.questions] == ["context.nation", "policy.wales", "measure.tools"]
    assert [s.id for s in quick.sections] == ["context", "policy", "measure"]
    # Rules that depend on a question the quick check does not ask are left out.
    assert "act-unsure" not in {r.id for r in quick.guidance}
    assert "measure-weak" in {r.id for r in quick.guidance}


def test_quick_check_answers_score_the_same_in_the_full_bank(tmp_path):
    bank = load(tmp_path, GOOD_BANK + QUICK)
    quick = quick_check_bank(bank)
    a = new_assessment(quick, "Test")
    a.answer(quick.question("context.nation"), "wales")
    a.answer(quick.question("measure.tools"), ["toc", "report"])
    in_quick = score_assessment(quick, a).section("measure")
    a.bank = bank.id
    in_full = score_assessment(bank, a).section("measure")
    # measure.confidence is asked only in the full bank, so the section's share halves.
    assert in_quick.answered == 1 and in_full.answered == 1 and in_full.total == 2
    assert in_full.score == in_quick.score / 2


@pytest.mark.parametrize(("quick", "phrase"), [
    (QUICK.replace('"measure.tools"]', '"measure.nope"]'),
     "question 'measure.nope' is not in the bank"),
    (QUICK.replace('["context.nation", ', '['),
     "question 'policy.wales' is shown only after an answer to 'context.nation'; list that "
     "question too"),
    (QUICK.replace('id = "test-bank-quick"', 'id = "test-bank"'), "must differ from the bank's"),
    (QUICK.replace('"measure.tools"]', '"measure.tools", "measure.tools"]'),
     "'measure.tools' is listed more than once"),
    (QUICK.replace('questions = ["context.nation", "policy.wales", "measure.tools"]',
                   'questions = ["context.nation"]'), "list at least one scored question"),
    (QUICK.replace('questions = ["context.nation", "policy.wales", "measure.tools"]', ''),
     "has no `questions`"),
    (QUICK + 'route = "x"\n', "unknown key `route`"),
])
def test_quick_check_mistakes_are_explained(tmp_path, quick, phrase):
    found = problems(tmp_path, GOOD_BANK + quick)
    assert any(phrase in p for p in found), found


def test_the_quick_check_is_offered_beside_its_bank_and_never_replaces_another(tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "resources.toml").write_text((TEST_BANKS / "resources.toml").read_text())
    (folder / "a.toml").write_text(GOOD_BANK + QUICK, encoding="utf-8")
    found = load_bank_dirs([folder])
    assert sorted(found.banks) == ["test-bank", "test-bank-quick"]
    assert found.banks["test-bank-quick"].parent == "test-bank"

    taken = GOOD_BANK.replace('id = "test-bank"', 'id = "test-bank-quick"', 1)
    (folder / "0.toml").write_text(taken, encoding="utf-8")
    found = load_bank_dirs([folder])
    assert found.banks["test-bank-quick"].parent is None  # the real bank keeps its id
    assert any("quick check id 'test-bank-quick' is already used" in str(p)
               for p in found.problems)


def test_not_sure_in_a_multi_question_must_be_exclusive(tmp_path):
    unsure = '  { value = "not-sure", label = "Not sure", score = 0, unsure = true },\n]'
    text = GOOD_BANK.replace('  { value = "report", label = "An impact report", score = 2 },\n]',
                             '  { value = "report", label = "An impact report", score = 2 },\n'
                             + unsure, 1)
    found = problems(tmp_path, text)
    assert any('option not-sure: a "Not sure" option in a multi question must also be '
               '`exclusive = true`' in p for p in found), found
    report = '"An impact report", score = 2 },\n'
    exclusive = unsure.replace("unsure = true }", "unsure = true, exclusive = true }")
    load(tmp_path, text.replace(report + unsure, report + exclusive))
