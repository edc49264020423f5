"""Comparing two assessments: section changes, answers that moved, actions completed since."""

from __future__ import annotations

import json

from svassess.assessment import new_assessment
from svassess.compare import compare, render_text
from svassess.session import duplicate
from svassess.store import Store
from tests.conftest import run_cli


def test_compare_a_reassessment_with_the_first(data_dir, bank):
    store = Store(data_dir)
    first = new_assessment(bank, "2026", "Harbour CIC")
    first.answer(bank.question("context.nation"), "england")
    first.answer(bank.question("policy.act"), "no")
    first.plan.add_own("Meet the council")
    first.plan.add_own("Write a theory of change")
    store.save(first, None)
    second = duplicate(store, first, "2027")
    second.answer(bank.question("policy.act"), "yes")
    second.answer(bank.question("measure.tools"), ["toc"])
    second.plan.actions[0].status = "done"
    store.save(second, store.read(store.path_for(second.id)).digest)

    c = compare(bank, first, second)
    policy = next(s for s in c.sections if s.section.id == "policy")
    assert (policy.before, policy.after) == (0, 100)
    assert [(a.question.id, a.before, a.after) for a in c.answers] == [
        ("policy.act", "Not at all", "Well"),
        ("measure.tools", "not answered", "A theory of change")]
    assert [a.title for a in c.completed] == ["Meet the council"]
    text = render_text(c)
    assert "Policy" in text and "+100" in text and "was: Not at all" in text

    done = run_cli("compare", "2026", "2027", "--json", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert shown["actions_completed"][0]["title"] == "Meet the council"
    assert run_cli("compare", "2026", "2027", data_dir=data_dir).stdout == text


def test_compare_refuses_different_banks(data_dir, bank):
    store = Store(data_dir)
    a = new_assessment(bank, "A")
    b = new_assessment(bank, "B")
    b.bank = "other-bank"
    store.save(a, None)
    store.save(b, None)
    done = run_cli("compare", "A", "B", data_dir=data_dir)
    assert done.returncode == 1 and "different question banks" in done.stderr
