"""kill -9 of a real process that is saving as fast as it can, again and again at random
moments: the file always parses and holds everything saved before the last save it reported,
and the lock the dead process held never blocks the next one."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

from svassess.assessment import new_assessment
from svassess.session import EditSession
from svassess.store import Store
from tests.conftest import TEST_BANKS
from tests.robustness.faults import temp_files

KILLS = 24

# Each round k makes two saves: the text answer becomes str(k), then the note "note k"; only
# then is k printed. The counter carries on from the file, so it grows across processes.
CHILD = r"""
import sys
from pathlib import Path

from svassess.bank_loader import load_bank, load_resources
from svassess.session import EditSession
from svassess.store import Store

banks, data, assessment_id = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
bank = load_bank(banks / "test-bank.toml", load_resources(banks / "resources.toml"))
store = Store(data)
session = EditSession.open(store, store.read(store.path_for(assessment_id)))
detail = bank.question("policy.wales-detail")
k = int(session.assessment.answers[detail.id].value)
print("ready", k, flush=True)
while True:
    k += 1
    session.answer(detail, str(k))
    session.set_note("policy.act", f"note {k}")
    print(k, flush=True)
"""


def test_kill_9_while_saving_never_loses_a_reported_save(data_dir, bank):
    store = Store(data_dir)
    a = new_assessment(bank, "Harbour Kitchen", "Harbour CIC")
    for qid, value in (("context.nation", "wales"), ("policy.wales", "yes"),
                       ("policy.act", "partly"), ("policy.wales-detail", "0")):
        a.answer(bank.question(qid), value)
    a.set_note("policy.act", "note 0")
    store.save(a, None)
    path = store.path_for(a.id)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    last_reported = 0
    mid_round = 0
    last_note = 0
    for kill in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(TEST_BANKS), str(data_dir), a.id],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        try:
            ready = child.stdout.readline()
            # The lock the previous (killed) process held did not keep this one out.
            assert ready.startswith("ready"), (seed, kill, ready, child.stderr.read())
            start = int(ready.split()[1])
            assert start >= last_reported, (seed, kill, ready)
            time.sleep(rng.uniform(0.0, 0.12))
        finally:
            child.send_signal(signal.SIGKILL)
        out, _ = child.communicate(timeout=10)
        assert child.returncode == -signal.SIGKILL
        reported = [int(line) for line in out.split()]
        baseline = reported[-1] if reported else start

        answers = store.read(path).assessment.answers     # parses (read sets corrupt aside)
        saved = int(answers["policy.wales-detail"].value)
        note = int(answers["policy.act"].note.removeprefix("note "))
        context = (seed, kill, reported[-3:], saved, note)
        # Everything up to the last reported save is there; at most one more save got in,
        # and nothing saved earlier (by this process or one killed before) went missing.
        assert saved in (baseline, baseline + 1), context
        assert last_note <= note <= saved, context
        if reported:
            assert note >= reported[-1], context
        mid_round += saved == baseline + 1
        last_note = note
        assert answers["context.nation"].value == "wales"
        assert answers["policy.wales"].value == "yes"
        assert answers["policy.act"].value == "partly"
        last_reported = max([last_reported, *reported])
    assert last_reported > 0, "the processes saved nothing before being killed"
    assert mid_round > 0, "no kill landed between a save and its report; the test proves little"

    # The next start: it opens at once, and no temp file is left behind.
    session = EditSession.open(store, store.read(path))
    session.close()
    assert temp_files(store.folder) == []
    assert store.assessments().problems == []
