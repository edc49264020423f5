"""The shipped banks travel inside the wheel and are found wherever svassess is run from."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_carries_the_banks_and_finds_them_from_anywhere(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w",
         str(tmp_path / "dist")], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    wheel = next((tmp_path / "dist").glob("svassess-*.whl"))
    shipped = sorted(p.relative_to(ROOT / "questions").as_posix()
                     for p in (ROOT / "questions").rglob("*.toml"))
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "installed")
    assert sorted(n.removeprefix("svassess/questions/") for n in names
                  if n.startswith("svassess/questions/")) == shipped
    modules = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "svassess").rglob("*.py"))
    assert [m for m in modules if m not in names] == []  # e.g. a subpackage left out of pyproject

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "installed")}
    done = subprocess.run(
        [sys.executable, "-m", "svassess", "--data-dir", str(tmp_path / "data"), "banks",
         "--json"], capture_output=True, text=True, cwd=elsewhere, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    banks = json.loads(done.stdout)
    assert [b["id"] for b in banks] == ["provider-readiness", "provider-readiness-quick"]
    assert Path(banks[0]["path"]).is_relative_to(tmp_path / "installed")
