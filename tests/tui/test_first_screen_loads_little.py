"""Issue 18: the first screen loads no bank, nor the bank, assessment or plan models, the edit
session or the scoring, and (from an empty data folder) no argument parser and no DataTable:
each was part of the time to the first frame, measured in benchmarks/run.py. This checks what it
loads, in a process of its own."""

from __future__ import annotations

import subprocess
import sys

from svassess.assessment import new_assessment
from svassess.store import Store

FIRST_SCREEN = """
import asyncio, sys
from svassess import cli
from svassess.tui import app as tui_app

def run_app(location, banks, problems, stored):
    async def first_screen():
        app = tui_app.SvassessApp(location, banks, problems, stored)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            print("SHOWN", type(app.screen).__name__, file=sys.stderr)
            print("LOADED", " ".join(sorted(sys.modules)), file=sys.stderr)
            print("BANKS", "loaded" if banks._loaded else "not loaded", file=sys.stderr)
    asyncio.run(first_screen())
    return 0

tui_app.run_app = run_app
import svassess.full_screen
svassess.full_screen.why_not_full_screen = lambda: None
sys.exit(cli.main(sys.argv[1:]))
"""


def first_screen(data_dir) -> dict[str, list[str]]:
    """What the first screen of `svassess --data-dir DATA_DIR` showed and loaded, started
    twice (the first start loads the banks and remembers what home needs of them)."""
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", FIRST_SCREEN, "--data-dir", str(data_dir)],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    return {line.split()[0]: line.split()[1:] for line in done.stderr.splitlines()
            if line.split()[:1] in (["SHOWN"], ["LOADED"], ["BANKS"])}


NOT_ON_THE_FIRST_SCREEN = ["svassess.bank", "svassess.bank_loader", "svassess.assessment",
                           "svassess.plan", "svassess.session", "svassess.scoring",
                           "svassess.estimate", "tomli_w"]


def test_an_empty_folder_loads_no_bank_parser_or_table(data_dir):
    seen = first_screen(data_dir)
    assert seen["SHOWN"] == ["HomeScreen"]
    assert seen["BANKS"] == ["not", "loaded"]
    assert [m for m in NOT_ON_THE_FIRST_SCREEN if m in seen["LOADED"]] == []
    assert "argparse" not in seen["LOADED"]
    assert "textual.widgets._data_table" not in seen["LOADED"]


def test_a_listed_folder_loads_no_bank_either(data_dir, bank):
    Store(data_dir).save(new_assessment(bank, "Harbour Kitchen", "Harbour CIC"), None)
    seen = first_screen(data_dir)
    assert seen["BANKS"] == ["not", "loaded"]
    assert "textual.widgets._data_table" in seen["LOADED"]     # the list is shown
    assert [m for m in NOT_ON_THE_FIRST_SCREEN if m in seen["LOADED"]] == []
