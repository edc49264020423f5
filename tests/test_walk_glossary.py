"""Glossary terms are pointed out where a provider first meets them on the way through."""

from __future__ import annotations

from svassess.assessment import new_assessment
from svassess.bank_loader import load_bank_dirs
from svassess.paths import shipped_banks_dir
from svassess.walk import Walk

SHIPPED = load_bank_dirs([shipped_banks_dir()]).banks["provider-readiness"]


def test_a_term_is_pointed_out_once_where_it_first_appears():
    walk = Walk(SHIPPED, new_assessment(SHIPPED, "Valley"))
    first, second = walk.visible()[:2]
    assert {"VCSE", "Commissioner"} <= set(walk.step(first).new_terms)   # the section intro
    assert not {"VCSE", "Commissioner"} & set(walk.step(second).new_terms)
    seen: dict[str, str] = {}
    for question in walk.visible():
        for term in walk.step(question).new_terms:
            assert term not in seen, (term, seen.get(term), question.id)
            seen[term] = question.id
    assert "MAT" in seen and "Theory of change" in seen


def test_a_bank_without_a_glossary_points_out_nothing(bank):
    walk = Walk(bank, new_assessment(bank, "Valley"))
    assert all(walk.step(q).new_terms == () for q in walk.visible())
