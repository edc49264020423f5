"""`list --json` and `group` import neither Rich nor the tender model (their time is measured in
benchmarks/run.py; this checks what they load)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from svassess.assessment import new_assessment
from svassess.store import Store


def modules_loaded_by(data_dir, *args: str) -> list[str]:
    code = ("import sys, runpy\n"
            f"sys.argv = ['svassess', '--data-dir', {str(data_dir)!r}, *{list(args)!r}]\n"
            "try:\n    runpy.run_module('svassess', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "print('LOADED', ' '.join(sorted(sys.modules)), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    line = next(line for line in done.stderr.splitlines() if line.startswith("LOADED "))
    return line.split()[1:]


@pytest.mark.parametrize("args", [("list", "--json"), ("group",)])
def test_no_rich_and_no_tender_model(data_dir, bank, args):
    Store(data_dir).save(new_assessment(bank, "Harbour Kitchen", "Harbour CIC"), None)
    loaded = modules_loaded_by(data_dir, *args)
    assert "svassess.cli" in loaded                  # the command really ran
    assert [m for m in loaded if m.split(".")[0] == "rich"] == []
    assert "svassess.tender" not in loaded


@pytest.mark.parametrize("args", [("list", "--json"), ("list",)])
def test_a_list_the_index_answers_loads_no_model(data_dir, bank, args):
    """Once the user's summary index knows the files and the banks, `list` needs neither the
    banks nor the assessment model, nor the scoring (its one rounding rule is svassess.rounding)."""
    Store(data_dir).save(new_assessment(bank, "Harbour Kitchen", "Harbour CIC"), None)
    modules_loaded_by(data_dir, *args)                   # fills the index
    loaded = modules_loaded_by(data_dir, *args)
    assert "svassess.cli" in loaded
    assert [m for m in ("svassess.bank", "svassess.bank_loader", "svassess.assessment",
                        "svassess.scoring") if m in loaded] == []
