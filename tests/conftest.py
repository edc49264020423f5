"""Shared fixtures. Every test gets its own data folder; none touches the real home folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from svassess.bank import Bank
from svassess.bank_loader import load_bank, load_resources

FIXTURES = Path(__file__).parent / "fixtures"
TEST_BANKS = FIXTURES / "banks"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point HOME and the XDG folders at a temp folder so nothing reaches the user's own data."""
    home = tmp_path_factory.mktemp("home")
    for var in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home))
    monkeypatch.delenv("SVASSESS_DATA_DIR", raising=False)
    monkeypatch.setenv("SVASSESS_CONFIG_DIR", str(home / "config"))
    return home


@pytest.fixture
def collector_as_before():
    """Python's cycle collector running and nothing set aside by `gc.freeze`, before and after
    the test (svassess/collector_pause.py changes both, for the whole process)."""
    import gc

    from svassess import collector_pause

    gc.unfreeze()
    gc.enable()
    yield
    gc.unfreeze()
    gc.enable()
    collector_pause._paused = False


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "saves_in_background: Pilot keys do not wait for the "
                                       "questionnaire's background saves (tests/pilot_saves.py)")


@pytest.fixture(autouse=True)
def saves_written_after_each_key(request: pytest.FixtureRequest):
    """Each key a Pilot test sends waits for the saves it caused (tests/pilot_saves.py)."""
    if request.node.get_closest_marker("saves_in_background"):
        yield
        return
    from tests.pilot_saves import wait_for_saves_after_keys

    with pytest.MonkeyPatch.context() as patch:
        wait_for_saves_after_keys(patch)
        yield


@pytest.fixture
def bank() -> Bank:
    return load_bank(TEST_BANKS / "test-bank.toml", load_resources(TEST_BANKS / "resources.toml"))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder holding the test bank as one of the user's own banks."""
    folder = tmp_path / "data"
    shutil.copytree(TEST_BANKS, folder / "banks")
    return folder


def run_cli(*args: str, data_dir: Path | None = None, cwd: Path | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m svassess` in a subprocess, as a user would run the command."""
    full_env = {**os.environ, **(env or {})}
    command = [sys.executable, "-m", "svassess"]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    return subprocess.run([*command, *args], capture_output=True, text=True, env=full_env,
                          cwd=cwd, timeout=60, encoding="utf-8")


def textual_loaded_by(data_dir: Path, *args: str, stdin: str = "") -> str:
    """Run a command in a fresh interpreter, `stdin` piped in; its stderr ends with the Textual
    modules it loaded and its exit code, as 'TEXTUAL: [...] EXIT: n'."""
    code = ("import sys, runpy\n"
            f"sys.argv = ['svassess', '--data-dir', {str(data_dir)!r}, *{list(args)!r}]\n"
            "try:\n    runpy.run_module('svassess', run_name='__main__')\n"
            "except SystemExit as exit:\n    code = exit.code\n"
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'textual')\n"
            "print('TEXTUAL:', loaded, 'EXIT:', code, file=sys.stderr)\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          input=stdin, timeout=60).stderr


@pytest.fixture
def exclusive_bank(tmp_path):
    """The test bank with an exclusive "None of these" among the measurement tools."""
    text = (TEST_BANKS / "test-bank.toml").read_text(encoding="utf-8").replace(
        '{ value = "report", label = "An impact report", score = 2 },',
        '{ value = "report", label = "An impact report", score = 2 },\n'
        '  { value = "none", label = "None of these", score = 0, exclusive = true },')
    path = tmp_path / "exclusive.toml"
    path.write_text(text, encoding="utf-8")
    return load_bank(path, load_resources(TEST_BANKS / "resources.toml"))
