"""svassess benchmarks: each measurement as a ratio to a baseline measured in the same run.

    python benchmarks/run.py [--runs N] [--quick] [--only PART ...]

How it stays honest (issue 18):
- svassess runs from a regular install, not the source tree: a wheel is built (`pip wheel`, offline
  from the local package index) and installed into a temporary venv with its bytecode compiled;
  that venv finds the dependencies in this environment's site-packages. Every child runs in a
  temporary folder, so the checkout is never on its path. Its user folders (settings, caches)
  are temporary too.
- svassess and its baseline run alternately (A B A B ...), so drift on a busy machine hits both.
  One warm-up run of each is not counted.
- First paint is timed in a real terminal: a pty of 80x24 is opened, the program is started in it,
  and the clock stops at the first output containing the screen's expected text.
- The keypress and memory rows drive a real questionnaire: every question of the shipped bank is
  answered (the first answer; a box ticked and then → where several may be chosen); each keypress
  is timed until the answer is on disk and the screen has been redrawn. Peak RSS comes from the
  child's own `resource.getrusage`.
- Each row prints the min and median of both, the ratio (the median of each run's ratio to the
  baseline run beside it, which drift on a shared machine moves less), the ratio of the two
  medians for comparison, and the target; the verdict is the ratio's. The group rows run fewer
  times (half the runs over 1,000 files, two over 10,000): each takes
  minutes.

Baselines: a minimal Textual app showing one Label (first paint; and, for information, the same
app with the cycle collector paused while it starts, as svassess pauses it); the same app with two
Buttons to Tab between (keypress, memory: the same number of Tab presses as answers); `python -c
"import rich.console, tomllib"` (list, show, export); parsing the same files with `tomllib` (group);
`tomli_w` writing the same data (a save at the size limit); one Tab (the results of the largest
bank). The last two rows are for information: their limits are in docs/reliability.md.
Not part of the test suite: timings there would be flaky. Results: docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import sysconfig
import tempfile
import termios
import time
from collections.abc import Callable
from dataclasses import dataclass
from fcntl import ioctl
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024

MINIMAL_LABEL = """
from textual.app import App
from textual.widgets import Label

class Minimal(App):
    def compose(self):
        yield Label("Hello from the minimal app")

Minimal().run()
"""

# The same app started as svassess starts (svassess/collector_pause.py): the cycle collector
# paused until the first frame is drawn. For information: how much of svassess's first paint
# against the plain app is that pause rather than less work.
MINIMAL_LABEL_PAUSED = """
import gc
gc.disable()
from textual.app import App
from textual.widgets import Label

class Minimal(App):
    def compose(self):
        yield Label("Hello from the minimal app")

    def on_mount(self):
        self.call_after_refresh(lambda: (gc.freeze(), gc.enable()))

Minimal().run()
"""

QUESTIONNAIRE = """
import asyncio, json, os, resource, sys, time
from pathlib import Path
from svassess.assessment import new_assessment
try:
    from svassess.cli_shared import load_banks as _load_banks
except ImportError:  # before the shared module (to measure older trees)
    from svassess.cli import _load_banks
from svassess.paths import data_location
from svassess.store import Store
from svassess.tui.app import SvassessApp
from svassess.tui.screens.questionnaire import QuestionnaireScreen

location = data_location(sys.argv[1])
banks = _load_banks(location.path, quiet=True)
bank = banks.banks["provider-readiness"]
store = Store(location.path)
fresh = new_assessment(bank, "Benchmark run", "Benchmark")
store.save(fresh, None)
path = store.path_for(fresh.id)
stored = store.read(path)

def rss():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

async def saved_and_redrawn(pilot, before):
    while os.stat(path).st_mtime_ns == before:
        await asyncio.sleep(0.0005)
    await pilot.pause()

async def main():
    app = SvassessApp(location, dict(banks.banks), [], stored)
    walls, cpus, answered, rss_at = [], [], [], {}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        while len(answered) < 500:
            screen = app.screen
            if not isinstance(screen, QuestionnaireScreen) or screen.question is None:
                break
            question, step = screen.question, screen.step
            before = os.stat(path).st_mtime_ns
            wall, cpu = time.perf_counter(), time.process_time()
            await pilot.press("1")
            await saved_and_redrawn(pilot, before)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
            answered.append(question.id)
            rss_at[len(answered)] = rss()
            if step.many:
                await pilot.press("right")
                await pilot.pause()
            elif app.screen is screen and screen.question is question:
                break
    import tomllib
    on_disk = tomllib.loads(path.read_text(encoding="utf-8"))["answers"]
    missing = [q for q in answered if q not in on_disk]
    if missing or not answered:
        raise SystemExit(f"answers not saved: {missing or 'none given'}")
    print(json.dumps({"walls": walls, "cpus": cpus, "answers": len(answered),
                      "rss_early": rss_at.get(10, 0), "rss_late": rss_at[len(answered)],
                      "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))

asyncio.run(main())
"""

TAB_BASELINE = """
import asyncio, json, os, resource, sys, time
from textual.app import App
from textual.widgets import Button, Label

class Minimal(App):
    def compose(self):
        yield Label("Hello from the minimal app")
        yield Button("One")
        yield Button("Two")

def rss():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

async def main():
    presses = int(sys.argv[1])
    walls, cpus, early = [], [], 0
    async with Minimal().run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for n in range(presses):
            wall, cpu = time.perf_counter(), time.process_time()
            await pilot.press("tab")
            await pilot.pause()
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
            if n == 9:
                early = rss()
    print(json.dumps({"walls": walls, "cpus": cpus, "answers": presses, "rss_early": early,
                      "rss_late": rss(),
                      "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))

asyncio.run(main())
"""

GROUP_BASELINE = """
import sys, tomllib
from pathlib import Path
for path in sorted(Path(sys.argv[1]).glob("*.toml")):
    tomllib.loads(path.read_text(encoding="utf-8"))
"""

MAKE_DATA = """
import random, sys
from pathlib import Path
from svassess.assessment import new_assessment
try:
    from svassess.bank_loader import load_bank_dirs
except ImportError:  # before bank.py was split (to measure older trees)
    from svassess.bank import load_bank_dirs
from svassess.paths import shipped_banks_dir
from svassess.store import encode
bank = load_bank_dirs([shipped_banks_dir()]).banks["provider-readiness"]
rng = random.Random(1)
folder = Path(sys.argv[1]) / "assessments"
folder.mkdir(parents=True, exist_ok=True)
for n in range(int(sys.argv[2])):
    a = new_assessment(bank, f"Harbour Kitchen {n}", f"Organisation {n % 7}")
    for q in bank.questions:
        if q.kind == "single":
            a.answer(q, rng.choice(q.options).value)
        elif q.kind == "multi":
            a.answer(q, [q.options[0].value])
        a.set_note(q.id, "Evidence: " + "minutes and reports " * 20)
    (folder / f"{a.id}.toml").write_bytes(encode(a))
"""


SAVE_AT_LIMIT = """
import json, sys, time
from pathlib import Path
from svassess.store import Store
store = Store(Path(sys.argv[1]))
stored = store.read(next(store.folder.glob("*.toml")))
digest, runs = stored.digest, []
for _ in range(20):
    started = time.perf_counter()
    digest = store.save(stored.assessment, digest)
    runs.append(time.perf_counter() - started)
print(json.dumps(sorted(runs)[len(runs) // 2]))
"""

SAVE_BASELINE = """
import json, sys, time, tomllib
from pathlib import Path
import tomli_w
path = next((Path(sys.argv[1]) / "assessments").glob("*.toml"))
data = tomllib.loads(path.read_text(encoding="utf-8"))
out, runs = Path(sys.argv[1]) / "baseline.toml", []
for _ in range(20):
    started = time.perf_counter()
    out.write_bytes(tomli_w.dumps(data).encode("utf-8"))
    runs.append(time.perf_counter() - started)
print(json.dumps(sorted(runs)[len(runs) // 2]))
"""

MAKE_LARGEST = """
import sys
from pathlib import Path
from svassess.assessment import new_assessment
try:
    from svassess.bank_loader import load_bank_dirs
except ImportError:  # before bank.py was split (to measure older trees)
    from svassess.bank import load_bank_dirs
from svassess.paths import shipped_banks_dir
from svassess.store import MAX_FILE_BYTES, encode
bank = load_bank_dirs([shipped_banks_dir()]).banks["provider-readiness"]
folder = Path(sys.argv[1]) / "assessments"
folder.mkdir(parents=True, exist_ok=True)
a = new_assessment(bank, "Largest allowed", "Org")
per_note = MAX_FILE_BYTES // len(bank.questions) - 200
for q in bank.questions:
    a.set_note(q.id, ("Evidence: board minutes, a survey, case studies. " * 200)[:per_note])
(folder / f"{a.id}.toml").write_bytes(encode(a))
"""

MAKE_LARGEST_BANK = """
import sys
from pathlib import Path
try:
    from svassess import bank_loader as limits
except ImportError:
    from svassess import bank as limits
questions, rules = limits.MAX_QUESTIONS, limits.MAX_ENTRIES["guidance"]
lines = ['schema_version = 1', '[bank]', 'id = "largest"', 'version = "1.0.0"',
         'title = "Largest"', 'description = "d"', 'audience = "a"', 'last_checked = 2026-11-01']
for level, floor in (("a", 0), ("b", 50), ("c", 75)):
    lines += ['[[levels]]', f'id = "{level}"', f'name = "{level}"', f'min_score = {floor}',
              'summary = "s"']
for n in range(30):
    lines += ['[[sections]]', f'id = "s{n}"', f'title = "Section {n}"', 'intro = "i"']
for n in range(questions):
    lines += ['[[questions]]', f'id = "q{n}"', f'section = "s{n % 30}"', 'kind = "single"',
              f'prompt = "Question {n}?"', 'help = "Why it matters."',
              'options = [{ value = "no", label = "No", score = 0 }, '
              '{ value = "yes", label = "Yes", score = 2 }]']
for n in range(rules):
    lines += ['[[guidance]]', f'id = "g{n}"',
              f'when = {{ question = "q{n % questions}", in = ["no"] }}',
              f'priority = {1 + n % 3}', f'title = "Recommendation {n}"',
              'advice = "Do this first, then that."']
folder = Path(sys.argv[1]) / "banks"
folder.mkdir(parents=True, exist_ok=True)
(folder / "largest.toml").write_text("\\n".join(lines) + "\\n", encoding="utf-8")
"""

RESULTS = """
import asyncio, json, sys, time
from pathlib import Path
try:
    from svassess.bank_loader import load_bank_dirs
except ImportError:  # before bank.py was split (to measure older trees)
    from svassess.bank import load_bank_dirs
from svassess.paths import DataLocation
from svassess.session import EditSession
from svassess.store import Store
from svassess.tui.app import SvassessApp

folder = Path(sys.argv[1])
bank = next(iter(load_bank_dirs([folder / "banks"]).banks.values()))
session = EditSession.create(Store(folder), bank, "Largest bank", "")
for question in bank.questions[::2]:
    session.assessment.answer(question, question.options[0].value)
session.save()
session.close()

async def main():
    app = SvassessApp(DataLocation(folder, "benchmark"), {bank.id: bank})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        started = time.perf_counter()
        await pilot.press("v")
        await pilot.pause()
        print(json.dumps(time.perf_counter() - started))

asyncio.run(main())
"""

# --- the install ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Install:
    python: str
    svassess: str
    env: dict[str, str]
    cwd: Path


def make_install(temp: Path, tree: Path) -> Install:
    """svassess from a wheel of `tree` in a fresh venv, bytecode compiled; dependencies from
    this environment (added to the venv's path by a .pth file, so nothing is fetched)."""
    wheels = temp / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(tree), "--no-deps", "-q", "-w",
                    str(wheels)], check=True)
    venv = temp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig."
                                   "get_paths()['purelib'])"], capture_output=True, text=True,
                                  check=True).stdout.strip())
    (purelib / "zz_benchmark_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n",
                                                   encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                    "--no-index", "-q", str(next(wheels.glob("svassess-*.whl")))], check=True)
    subprocess.run([str(python), "-m", "compileall", "-q", str(purelib / "svassess")],
                   check=True)
    home = temp / "home"
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / "cache"),
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data"),
           "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    for key in ("PYTHONPATH", "SVASSESS_DATA_DIR", "TEXTUAL", "NO_COLOR"):
        env.pop(key, None)
    cwd = temp / "cwd"
    cwd.mkdir()
    found = subprocess.run([str(python), "-c", "import svassess; print(svassess.__file__)"],
                           capture_output=True, text=True, env=env, cwd=cwd, check=True)
    if not Path(found.stdout.strip()).is_relative_to(purelib):
        raise SystemExit(f"svassess was not imported from the install: {found.stdout}")
    return Install(str(python), str(venv / "bin" / "svassess"), env, cwd)


# --- ways of measuring ---------------------------------------------------------------------------

_ESCAPE = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


def in_terminal(install: Install, command: list[str], until: str | None) -> float:
    """Seconds from starting `command` in an 80x24 pty until its output shows `until` (then it is
    stopped), or, with `until` None, until it exits (all output read)."""
    master, slave = pty.openpty()
    ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    wanted = until.encode() if until else None
    seen = b""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=install.env,
                             cwd=install.cwd, start_new_session=True)
    os.close(slave)
    elapsed = None
    try:
        while elapsed is None:
            ready, _, _ = select.select([master], [], [], 60)
            if not ready:
                raise SystemExit(f"no output from {command} for a minute")
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                chunk = b""
            if not chunk:
                if wanted is not None:
                    raise SystemExit(f"{command} ended without showing {until!r}:\n"
                                     f"{_ESCAPE.sub(b'', seen)[-2000:].decode(errors='replace')}")
                child.wait()
                elapsed = time.perf_counter() - started
                break
            seen += chunk
            if wanted is not None and wanted in _ESCAPE.sub(b"", seen):
                elapsed = time.perf_counter() - started
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        os.close(master)
    if until is None and child.returncode != 0:
        raise SystemExit(f"{command} failed:\n{seen[-2000:].decode(errors='replace')}")
    return elapsed


def piped(install: Install, command: list[str]) -> tuple[float, int]:
    """Seconds to run `command` with its output to a pipe (read and dropped), and its peak RSS."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             env=install.env, cwd=install.cwd)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    errors = child.stderr.read().decode(errors="replace")
    child.stderr.close()
    if child.returncode != 0:
        raise SystemExit(f"{command} failed: {errors}")
    return elapsed, usage.ru_maxrss * 1024


def reported(install: Install, code: str, *args: str) -> dict:
    """Run a snippet that measures itself and prints JSON."""
    done = subprocess.run([install.python, "-c", code, *args], capture_output=True, text=True,
                          env=install.env, cwd=install.cwd)
    if done.returncode != 0:
        raise SystemExit(f"benchmark snippet failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def alternate(runs: int, ours: Callable[[], object], base: Callable[[], object],
              warm_up: bool = True) -> tuple[list, list]:
    """A B A B ...: one warm-up of each (not counted), then `runs` of each, interleaved."""
    if warm_up:
        ours(), base()
    measured_ours, measured_base = [], []
    for _ in range(runs):
        measured_ours.append(ours())
        measured_base.append(base())
    return measured_ours, measured_base


# --- the table ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Row:
    name: str
    ours: list[float]
    base: list[float]
    target: float | None
    """None: shown for information only."""
    unit: str = "ms"

    @property
    def ratio(self) -> float:
        """The median of each run's ratio to the baseline run beside it (runs alternate): a
        machine that slows down for a while slows both of a pair, where it may land on one side
        more than the other in a ratio of the two medians."""
        return statistics.median(o / b for o, b in zip(self.ours, self.base, strict=True))

    @property
    def ratio_of_medians(self) -> float:
        return statistics.median(self.ours) / statistics.median(self.base)

    def cells(self) -> list[str]:
        def shown(value: float) -> str:
            return f"{value / MB:.0f} MB" if self.unit == "MB" else f"{value * 1000:.1f} ms"

        verdict = "-" if self.target is None else "ok" if self.ratio <= self.target else "MISSED"
        return [self.name, shown(min(self.ours)), shown(statistics.median(self.ours)),
                shown(min(self.base)), shown(statistics.median(self.base)),
                f"{self.ratio:.2f}", f"{self.ratio_of_medians:.2f}",
                "-" if self.target is None else f"<= {self.target:g}", verdict]


HEADERS = ["what", "svassess min", "median", "baseline min", "median", "ratio", "of medians",
           "target", ""]


def print_table(rows: list[Row], notes: list[str]) -> None:
    lines = [HEADERS, *(row.cells() for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADERS))]
    for number, line in enumerate(lines):
        print("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                        for i, (cell, w) in enumerate(zip(line, widths, strict=True))))
        if number == 0:
            print("  ".join("-" * w for w in widths))
    for note in notes:
        print(note)


# --- the data ------------------------------------------------------------------------------------

def make_data(install: Install, folder: Path, count: int) -> None:
    """`count` assessments of the shipped bank, every question answered, a long note on each
    (about 40 KB a file)."""
    subprocess.run([install.python, "-c", MAKE_DATA, str(folder), str(count)], check=True,
                   env=install.env, cwd=install.cwd)


def copies(source: Path, target: Path, count: int) -> None:
    """`count` assessments made by copying those in `source` under new ids (the file is the
    same but for its id, which also names it)."""
    target.mkdir(parents=True)
    originals = sorted(source.glob("*.toml"))
    for n in range(count):
        original = originals[n % len(originals)]
        new_id = f"{original.stem[:-6]}{n:06d}"
        data = original.read_bytes().replace(original.stem.encode(), new_id.encode(), 1)
        (target / f"{new_id}.toml").write_bytes(data)


PARTS = ("paint", "questionnaire", "headless", "group", "limits")


# --- the run -------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs of each (default 9)")
    parser.add_argument("--quick", action="store_true",
                        help="3 runs of each, one of the 10,000-file group: a quick look")
    parser.add_argument("--tree", type=Path, default=ROOT, metavar="DIR",
                        help="measure the svassess in DIR (e.g. `git archive main` unpacked, "
                             "for a before-and-after); default: this checkout")
    parser.add_argument("--only", nargs="+", choices=PARTS, metavar="PART",
                        help=f"measure only these parts ({', '.join(PARTS)}); default: all")
    args = parser.parse_args()
    parts = set(args.only or PARTS)
    runs = 3 if args.quick else args.runs
    rows: list[Row] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="svassess-bench-") as name:
        temp = Path(name)
        print("building and installing the wheel...", file=sys.stderr)
        install = make_install(temp, args.tree)
        empty, fifty = temp / "empty", temp / "fifty"
        empty.mkdir()
        make_data(install, fifty, 50)
        app = install.svassess
        label = [install.python, "-c", MINIMAL_LABEL]

        def paint(command: list[str], text: str) -> Callable[[], float]:
            return lambda: in_terminal(install, command, text)

        if "paint" in parts:
            print("first paint...", file=sys.stderr)
            baseline_paint = paint(label, "Hello from the minimal app")
            for what, folder, text in (("no assessments", empty, "Start a new assessment"),
                                       ("50 assessments", fifty, "Harbour Kitchen")):
                ours, base = alternate(runs, paint([app, "--data-dir", str(folder)], text),
                                       baseline_paint)
                rows.append(Row(f"first paint in a terminal, {what}", ours, base, 1.15))
            ours, base = alternate(runs, paint([app, "--data-dir", str(fifty)], "Harbour Kitchen"),
                                   paint([install.python, "-c", MINIMAL_LABEL_PAUSED],
                                         "Hello from the minimal app"))
            rows.append(Row("  the same, the one-Label app also with the collector paused", ours,
                            base, None))

        if "questionnaire" in parts:
            print("a whole questionnaire...", file=sys.stderr)
            answers = reported(install, QUESTIONNAIRE, str(temp / "warm"))["answers"]
            ours, base = alternate(
                max(3, runs // 2),
                lambda: reported(install, QUESTIONNAIRE, str(Path(tempfile.mkdtemp(dir=temp)))),
                lambda: reported(install, TAB_BASELINE, str(answers)))
            rows.append(Row(f"keypress -> answer saved and redrawn (median of {answers})",
                            [statistics.median(r["walls"]) for r in ours],
                            [statistics.median(r["walls"]) for r in base], 2.0))
            rows.append(Row("  the same, CPU time", [statistics.median(r["cpus"]) for r in ours],
                            [statistics.median(r["cpus"]) for r in base], None))
            rows.append(Row(f"peak memory through the questionnaire ({answers} answers)",
                            [r["peak"] for r in ours], [r["peak"] for r in base], 1.5, "MB"))
            growth = [(r["rss_late"] - r["rss_early"]) / (r["answers"] - 10) for r in ours]
            growth_base = [(r["rss_late"] - r["rss_early"]) / (r["answers"] - 10) for r in base]
            notes.append(f"memory growth from answer 10 to {answers}: svassess "
                         f"{statistics.median(growth) / 1024:.0f} KB a question; the minimal app "
                         f"{statistics.median(growth_base) / 1024:.0f} KB a Tab")

        if "headless" in parts:
            print("headless commands...", file=sys.stderr)
            first_id = sorted((fifty / "assessments").glob("*.toml"))[0].stem
            imports = [install.python, "-c", "import rich.console, tomllib"]
            for what, command, target in (
                    ("svassess list (50 assessments)", ["list"], 2.0),
                    ("svassess show", ["show", first_id], 2.0),
                    ("svassess export --format text", ["export", first_id, "--format", "text",
                                                       "-o", "-"], 2.0)):
                full = [app, "--data-dir", str(fifty), *command]
                ours, base = alternate(runs, lambda full=full: in_terminal(install, full, None),
                                       lambda: in_terminal(install, imports, None))
                rows.append(Row(f"{what} (in a terminal)", ours, base, target))
            full = [app, "--data-dir", str(fifty), "list", "--json"]
            ours, base = alternate(runs, lambda: piped(install, full)[0],
                                   lambda: piped(install, imports)[0])
            rows.append(Row("svassess list --json (50 assessments, piped)", ours, base, 1.5))

        if "group" in parts:
            print("group...", file=sys.stderr)
            thousand = temp / "thousand"
            copies(fifty / "assessments", thousand, 1_000)
            ten_thousand = temp / "ten-thousand"
            copies(fifty / "assessments", ten_thousand, 10_000)
            # No warm-up: the files were just written, so both find them in the page cache.
            for count, folder, times in ((1_000, thousand, max(3, runs // 2)),
                                         (10_000, ten_thousand, 1 if args.quick else 2)):
                ours, base = alternate(
                    times, lambda folder=folder: piped(install, [app, "--data-dir", str(empty),
                                                                 "group", str(folder)]),
                    lambda folder=folder: piped(install, [install.python, "-c", GROUP_BASELINE,
                                                          str(folder)]), warm_up=False)
                rows.append(Row(f"svassess group over {count:,} files", [t for t, _ in ours],
                                [t for t, _ in base], 1.4))
                rows.append(Row(f"  its peak memory ({count:,} files)", [m for _, m in ours],
                                [m for _, m in base], None, "MB"))
            shutil.rmtree(ten_thousand)

        if "limits" in parts:
            print("limits...", file=sys.stderr)
            largest = temp / "largest"
            subprocess.run([install.python, "-c", MAKE_LARGEST, str(largest)], check=True,
                           env=install.env, cwd=install.cwd)
            ours, base = alternate(runs, lambda: reported(install, SAVE_AT_LIMIT, str(largest)),
                                   lambda: reported(install, SAVE_BASELINE, str(largest)))
            rows.append(Row("save of an assessment at the size limit (256 KB)", ours, base, None))
            largest_bank = temp / "largest-bank"
            subprocess.run([install.python, "-c", MAKE_LARGEST_BANK, str(largest_bank)],
                           check=True, env=install.env, cwd=install.cwd)
            ours, base = alternate(
                max(3, runs // 2),
                lambda: reported(install, RESULTS, str(largest_bank)),
                lambda: reported(install, TAB_BASELINE, "1")["walls"][0])
            rows.append(Row("results screen of a bank at the limits (300 rules)", ours, base,
                            None))
    print_table(rows, notes)


if __name__ == "__main__":
    main()
