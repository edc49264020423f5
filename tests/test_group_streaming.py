"""`svassess group` counts each file and lets it go; what it prints is what build_group gives."""

from __future__ import annotations

import gc
import random
import re
import weakref

from svassess.assessment import new_assessment
from svassess.group import GroupTally, build_group, render_text
from svassess.store import encode, read_assessment
from tests.conftest import run_cli
from tests.test_group import random_assessment, write_many


def _without_date(text: str) -> str:
    return re.sub(r"Made on .*\.", "Made on (date).", text)


def test_the_command_prints_what_build_group_gives_for_the_same_files(data_dir, bank):
    folder = data_dir / "assessments"
    write_many(folder, bank, 40, seed=3)
    stranger = new_assessment(bank, "Elsewhere")
    stranger.bank = "another-bank"
    (folder / f"{stranger.id}.toml").write_bytes(encode(stranger))
    in_memory = [read_assessment(p).assessment for p in sorted(folder.glob("*.toml"))]
    expected = render_text(build_group(bank, in_memory), named=True)
    done = run_cli("group", "--named", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    assert _without_date(done.stdout) == _without_date(expected)
    assert "another question bank (another-bank)" in done.stdout


def test_mixed_bank_versions_are_counted_again_on_the_shared_questions(data_dir, bank):
    """The second pass: the command compares versions as build_group does."""
    folder = data_dir / "assessments"
    folder.mkdir(parents=True)
    rng = random.Random(5)
    made = []
    for n in range(6):
        a = random_assessment(bank, rng, n)
        if n % 2:
            a.bank_version = "0.9.0"
            a.answers.pop("measure.confidence", None)
        else:
            a.answer(bank.question("measure.confidence"), 5)
        (folder / f"{a.id}.toml").write_bytes(encode(a))
        made.append(a)
    in_memory = [read_assessment(p).assessment for p in sorted(folder.glob("*.toml"))]
    expected = build_group(bank, in_memory)
    assert expected.shared_questions is not None
    done = run_cli("group", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    assert _without_date(done.stdout) == _without_date(render_text(expected))
    assert "scores compare only the" in done.stdout


def test_a_counted_assessment_is_not_kept(bank):
    tally = GroupTally(bank)
    a = random_assessment(bank, random.Random(2), 1)
    kept = weakref.ref(a)
    tally.add(a)
    del a
    gc.collect()
    assert kept() is None
    assert len(tally.report().members) == 1


def test_a_tally_of_one_version_needs_no_second_pass(bank):
    tally = GroupTally(bank)
    for n in range(3):
        tally.add(random_assessment(bank, random.Random(n), n))
    assert tally.shared_questions_bank() is None
    other = random_assessment(bank, random.Random(9), 9)
    other.bank_version = "0.1.0"
    tally.add(other)
    assert tally.shared_questions_bank() is not None
