"""Issue 18: the first screen loads no bank, nor the bank, assessment or plan models, the edit
session or the scoring, no TOML parser, no other screen's styles, and (from an empty data folder)
no argument parser and no DataTable:
each was part of the time to the first frame, measured in benchmarks/run.py. This checks what it
loads, in a process of its own."""

from __future__ import annotations

import subprocess
import sys

from svassess.assessment import new_assessment
from svassess.store import Store

FIRST_SCREEN = """
import asyncio, sys
SELECTORS = sys.argv.pop(1).split()
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
            parsed = "".join(css for css, *_ in app.stylesheet.source.values())
            print("CSS", " ".join(s for s in SELECTORS if s in parsed), file=sys.stderr)
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
        done = subprocess.run([sys.executable, "-c", FIRST_SCREEN,
                               " ".join(["#welcome", *OTHER_SCREENS_STYLES]),
                               "--data-dir", str(data_dir)],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    return {line.split()[0]: line.split()[1:] for line in done.stderr.splitlines()
            if line.split()[:1] in (["SHOWN"], ["LOADED"], ["BANKS"], ["CSS"])}


NOT_ON_THE_FIRST_SCREEN = ["svassess.bank", "svassess.bank_loader", "svassess.assessment",
                           "svassess.plan", "svassess.session", "svassess.scoring",
                           "svassess.estimate", "tomli_w",
                           # no file is parsed (the settings, if any, are read only when there
                           # is a file; assessments are listed from the summary index)
                           "tomllib", "secrets"]
OTHER_SCREENS_STYLES = ["#answer", "#results", ".dialog-buttons", ".field-label"]
"""Selectors of other screens' and the dialogs' styles, which are parsed when each is first
shown, not before the first frame."""


def test_an_empty_folder_loads_no_bank_parser_or_table(data_dir):
    seen = first_screen(data_dir)
    assert seen["SHOWN"] == ["HomeScreen"]
    assert seen["BANKS"] == ["not", "loaded"]
    assert [m for m in NOT_ON_THE_FIRST_SCREEN if m in seen["LOADED"]] == []
    assert "argparse" not in seen["LOADED"]
    assert "textual.widgets._data_table" not in seen["LOADED"]
    assert "#welcome" in seen["CSS"]      # home's own styles are there
    assert [css for css in OTHER_SCREENS_STYLES if css in seen["CSS"]] == []


def test_a_listed_folder_loads_no_bank_either(data_dir, bank):
    Store(data_dir).save(new_assessment(bank, "Harbour Kitchen", "Harbour CIC"), None)
    seen = first_screen(data_dir)
    assert seen["BANKS"] == ["not", "loaded"]
    assert seen["SHOWN"] == ["HomeScreen"]
    # The list is a LineTable: DataTable cost a tenth of the first frame with fifty assessments.
    assert "svassess.tui.widgets.line_table" in seen["LOADED"]
    assert "textual.widgets._data_table" not in seen["LOADED"]
    assert [m for m in NOT_ON_THE_FIRST_SCREEN if m in seen["LOADED"]] == []
    # The table's headings are Text, not markup, which would load Rich's table of emoji.
    assert "rich._emoji_codes" not in seen["LOADED"]
    assert [css for css in OTHER_SCREENS_STYLES if css in seen["CSS"]] == []
