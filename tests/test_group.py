"""The facilitator's group report: fast over hundreds, fair across bank versions, anonymous."""

from __future__ import annotations

import random

import pytest

from svassess.assessment import new_assessment
from svassess.group import Spread, box_plot, build_group, render_html, render_markdown, render_text
from svassess.store import encode
from tests.conftest import run_cli

NAMES = ["Harbour Kitchen", "Green Routes", "Riverside Trust", "Bright Start"]


def random_assessment(bank, rng, number):
    a = new_assessment(bank, f"{rng.choice(NAMES)} {number}", f"Org-{number}-secret")
    for question in bank.questions:
        if rng.random() < 0.2:
            continue
        if question.kind == "single":
            a.answer(question, rng.choice(question.options).value)
        elif question.kind == "multi":
            a.answer(question, rng.sample([o.value for o in question.options], k=1))
        elif question.kind == "scale":
            a.answer(question, rng.randint(question.scale.min, question.scale.max))
        else:
            a.answer(question, "free text")
        a.set_note(question.id, f"NOTE-{number}-private")
    return a


def write_many(folder, bank, count, seed=7):
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for number in range(count):
        a = random_assessment(bank, rng, number)
        (folder / f"{a.id}.toml").write_bytes(encode(a))
        made.append(a)
    return made


def test_500_assessments_anonymously_skipping_corrupt_files(data_dir, bank):
    """How fast it is goes in benchmarks/run.py; this checks what it says."""
    folder = data_dir / "assessments"
    made = write_many(folder, bank, 500)
    (folder / "01BROKEN.toml").write_text("not = [valid", encoding="utf-8")
    (folder / "01EMPTY.toml").write_bytes(b"")
    done = run_cli("group", str(folder), data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "500 assessment(s) of Test bank." in out
    assert "Levels" in out and "Most common gaps" in out and "Resources most often" in out
    assert out.count("├") >= 2                         # a box plot per scored section
    for secret in ("secret", "private", "NOTE-", *NAMES):
        assert secret not in out, secret
    assert "01BROKEN.toml" in done.stderr and "01EMPTY.toml" in done.stderr
    assert (folder / "01BROKEN.toml").exists()         # reported, never moved or changed
    levels = {level.id: 0 for level in bank.levels}
    from svassess.scoring import score_assessment
    for a in made:
        levels[score_assessment(bank, a).level.id] += 1
    for level in bank.levels:
        assert f"{level.name:<24} {levels[level.id]:>4}" in out


def test_named_lists_names_but_never_notes(data_dir, bank):
    write_many(data_dir / "assessments", bank, 5)
    out = run_cli("group", "--named", data_dir=data_dir).stdout
    assert "Assessments (named)" in out and "Org-" in out
    assert "NOTE-" not in out


def test_mixed_bank_versions_compare_only_shared_questions(bank):
    rng = random.Random(1)
    old = [random_assessment(bank, rng, n) for n in range(4)]
    for a in old:
        a.bank_version = "0.9.0"
        a.answers.pop("measure.confidence", None)       # a question version 0.9 did not have
    new = [random_assessment(bank, rng, n) for n in range(4, 8)]
    for a in new:
        a.answer(bank.question("measure.confidence"), 5)
    group = build_group(bank, old + new)
    assert group.versions == {"0.9.0": 4, "1.0.0": 4}
    scored_shared = sum(1 for q in bank.questions if q.scored) - 1
    assert group.shared_questions == scored_shared
    assert "scores compare only the" in render_text(group)
    assert all(g.question.id != "measure.confidence" for g in group.gaps)


def test_other_banks_are_left_out_with_a_line(bank):
    a = new_assessment(bank, "Elsewhere")
    a.bank = "another-bank"
    group = build_group(bank, [a, new_assessment(bank, "Here")])
    assert len(group.members) == 1
    assert any("another question bank" in line for line in group.skipped)


def test_hostile_names_stay_out_or_escaped(bank):
    a = new_assessment(bank, "<script>x</script> [a](javascript:y)", "*org*")
    group = build_group(bank, [a])
    assert "<script>" not in render_html(group, named=True)
    assert "&lt;script&gt;" in render_html(group, named=True)
    assert "[a](javascript" not in render_markdown(group, named=True)


@pytest.mark.parametrize(("values", "expected"), [
    ([50], Spread(50, 50, 50, 50, 50)),
    ([0, 100], Spread(0, 25, 50, 75, 100)),
    ([10, 20, 30, 40, 50], Spread(10, 20, 30, 40, 50)),
])
def test_spread(values, expected):
    assert Spread.of(values) == expected


def test_box_plot_marks_every_point():
    plot = box_plot(Spread(0, 25, 50, 75, 100), width=41)
    assert plot == "├" + "─" * 9 + "[" + "=" * 9 + "|" + "=" * 9 + "]" + "─" * 9 + "┤"
