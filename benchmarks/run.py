"""svassess benchmarks: each measurement as a ratio to a baseline measured in the same run.

    python benchmarks/run.py [--runs N]

Prints a table: what, svassess's median, the baseline's median, the ratio, the target, and the
min–max spread of both. See docs/performance.md for what each row means and the results so far.
Runs on demand; not part of the test suite (timings there would be flaky).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

MINIMAL_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Minimal(App):
    def compose(self):
        yield Header()
        yield Static("Hello")
        yield Footer()
"""

FIRST_PAINT_SVASSESS = """
import sys
from pathlib import Path
from svassess.cli import _load_banks
from svassess.paths import data_location
from svassess.tui.app import SvassessApp

async def ready(pilot):
    await pilot.pause()
    pilot.app.exit()

location = data_location(sys.argv[1])
banks = _load_banks(location.path, quiet=True)
SvassessApp(location, dict(banks.banks)).run(headless=True, size=(80, 24), auto_pilot=ready)
"""

FIRST_PAINT_MINIMAL = MINIMAL_APP + """
async def ready(pilot):
    await pilot.pause()
    pilot.app.exit()

Minimal().run(headless=True, size=(80, 24), auto_pilot=ready)
"""


def timed(command: list[str], runs: int, env: dict[str, str] | None = None) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, env={**os.environ, **(env or {})},
                              cwd=ROOT)
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(f"benchmark command failed: {command}\n{done.stderr.decode()}")
    return times


def in_process(code: str, runs: int, *args: str) -> list[float]:
    """Time a snippet that prints its own measured seconds, each run in a fresh process."""
    times = []
    for _ in range(runs):
        done = subprocess.run([PYTHON, "-c", code, *args], capture_output=True, text=True,
                              cwd=ROOT)
        if done.returncode != 0:
            raise SystemExit(f"benchmark snippet failed:\n{done.stderr}")
        times.append(float(done.stdout.strip().splitlines()[-1]))
    return times


def make_data(folder: Path, count: int) -> None:
    """`count` assessments of the shipped bank, every question answered, with long notes."""
    code = textwrap.dedent(f"""
        import random
        from pathlib import Path
        from svassess.assessment import new_assessment
        from svassess.bank_loader import load_bank_dirs
        from svassess.paths import shipped_banks_dir
        from svassess.store import encode
        bank = load_bank_dirs([shipped_banks_dir()]).banks["provider-readiness"]
        rng = random.Random(1)
        folder = Path({str(folder)!r}) / "assessments"
        folder.mkdir(parents=True, exist_ok=True)
        for n in range({count}):
            a = new_assessment(bank, f"Organisation {{n}}", "Org")
            for q in bank.questions:
                if q.kind == "single":
                    a.answer(q, rng.choice(q.options).value)
                elif q.kind == "multi":
                    a.answer(q, [q.options[0].value])
                a.set_note(q.id, "Evidence: " + "minutes and reports " * 20)
            (folder / f"{{a.id}}.toml").write_bytes(encode(a))
    """)
    subprocess.run([PYTHON, "-c", code], check=True, cwd=ROOT)


SAVE = """
import sys, time
from pathlib import Path
from svassess.store import Store
folder = Path(sys.argv[1])
store = Store(folder)
stored = store.assessments().items[0]
runs = []
digest = stored.digest
for _ in range(20):
    started = time.perf_counter()
    digest = store.save(stored.assessment, digest)
    runs.append(time.perf_counter() - started)
runs.sort()
print(runs[len(runs) // 2])
"""

SAVE_BASELINE = """
import sys, time, tomllib
from pathlib import Path
import tomli_w
folder = Path(sys.argv[1]) / "assessments"
path = next(folder.glob("*.toml"))
data = tomllib.loads(path.read_text(encoding="utf-8"))
out = Path(sys.argv[1]) / "baseline.toml"
runs = []
for _ in range(20):
    started = time.perf_counter()
    out.write_bytes(tomli_w.dumps(data).encode("utf-8"))
    runs.append(time.perf_counter() - started)
runs.sort()
print(runs[len(runs) // 2])
"""

ANSWER = """
import sys, time, asyncio
from pathlib import Path
from svassess.cli import _load_banks
from svassess.paths import data_location
from svassess.tui.app import SvassessApp

location = data_location(sys.argv[1])
banks = _load_banks(location.path, quiet=True)

async def main():
    app = SvassessApp(location, dict(banks.banks))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        for key in ("up",) * 3:
            await pilot.press(key)
        times = []
        screen = app.screen
        for i in range(20):
            await pilot.press("left")
            await pilot.pause()
            started = time.perf_counter()
            await pilot.press("1")
            await pilot.pause()
            times.append(time.perf_counter() - started)
        times.sort()
        print(times[len(times) // 2])

asyncio.run(main())
"""

RESULTS = """
import sys, time, asyncio
from pathlib import Path
from svassess.assessment import new_assessment
from svassess.bank_loader import load_bank_dirs
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
        print(time.perf_counter() - started)

asyncio.run(main())
"""


def make_largest_bank(folder: Path) -> None:
    """A bank at the limits (bank_loader.MAX_QUESTIONS questions, as many guidance rules), every
    rule able to fire, in `folder`/banks."""
    from svassess.bank_loader import MAX_ENTRIES, MAX_QUESTIONS

    lines = ['schema_version = 1', '[bank]', 'id = "largest"', 'version = "1.0.0"',
             'title = "Largest"', 'description = "d"', 'audience = "a"',
             'last_checked = 2026-11-01']
    for level, floor in (("a", 0), ("b", 50), ("c", 75)):
        lines += ['[[levels]]', f'id = "{level}"', f'name = "{level}"', f'min_score = {floor}',
                  'summary = "s"']
    for n in range(30):
        lines += ['[[sections]]', f'id = "s{n}"', f'title = "Section {n}"', 'intro = "i"']
    for n in range(MAX_QUESTIONS):
        lines += ['[[questions]]', f'id = "q{n}"', f'section = "s{n % 30}"', 'kind = "single"',
                  f'prompt = "Question {n}?"', 'help = "Why it matters."',
                  'options = [{ value = "no", label = "No", score = 0 }, '
                  '{ value = "yes", label = "Yes", score = 2 }]']
    for n in range(MAX_ENTRIES["guidance"]):
        lines += ['[[guidance]]', f'id = "g{n}"',
                  f'when = {{ question = "q{n % MAX_QUESTIONS}", in = ["no"] }}',
                  f'priority = {1 + n % 3}', f'title = "Recommendation {n}"',
                  'advice = "Do this first, then that."']
    (folder / "banks").mkdir(parents=True, exist_ok=True)
    (folder / "banks" / "largest.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


ANSWER_BASELINE = MINIMAL_APP.replace('yield Static("Hello")', '''
        from textual.widgets import Button
        yield Button("One")
        yield Button("Two")''') + """
import time, asyncio

async def main():
    app = Minimal()
    async with app.run_test(size=(80, 24)) as pilot:
        times = []
        for i in range(20):
            await pilot.pause()
            started = time.perf_counter()
            await pilot.press("tab")
            await pilot.pause()
            times.append(time.perf_counter() - started)
        times.sort()
        print(times[len(times) // 2])

asyncio.run(main())
"""

GROUP_BASELINE = """
import sys, time, tomllib
from pathlib import Path
started = time.perf_counter()
for path in sorted((Path(sys.argv[1]) / "assessments").glob("*.toml")):
    tomllib.loads(path.read_text(encoding="utf-8"))
print(time.perf_counter() - started)
"""

MEMORY = """
import resource, sys, asyncio
{setup}
async def main():
    app = {app}
    async with app.run_test(size=(80, 24)) as pilot:
        {drive}
asyncio.run(main())
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
"""


def make_largest(folder: Path) -> None:
    """One assessment as large as svassess allows: a long note on every question, up to the
    file size limit (store.MAX_FILE_BYTES)."""
    code = textwrap.dedent(f"""
        from pathlib import Path
        from svassess.assessment import new_assessment
        from svassess.bank_loader import load_bank_dirs
        from svassess.paths import shipped_banks_dir
        from svassess.store import MAX_FILE_BYTES, encode
        bank = load_bank_dirs([shipped_banks_dir()]).banks["provider-readiness"]
        folder = Path({str(folder)!r}) / "assessments"
        folder.mkdir(parents=True, exist_ok=True)
        a = new_assessment(bank, "Largest allowed", "Org")
        per_note = MAX_FILE_BYTES // len(bank.questions) - 200
        for q in bank.questions:
            a.set_note(q.id, ("Evidence: board minutes, a survey, case studies. " * 200)[:per_note])
        (folder / f"{{a.id}}.toml").write_bytes(encode(a))
    """)
    subprocess.run([PYTHON, "-c", code], check=True, cwd=ROOT)


def row(name: str, ours: list[float], base: list[float], target: float | None) -> tuple:
    """One line of the table; a target of None means: shown for information only."""
    ratio = statistics.median(ours) / statistics.median(base)
    return (name, statistics.median(ours), statistics.median(base), ratio, target,
            (min(ours), max(ours)), (min(base), max(base)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    rows = []
    with tempfile.TemporaryDirectory() as temp:
        data = Path(temp) / "data"
        make_data(data, 50)
        empty = Path(temp) / "empty"
        minimal = timed([PYTHON, "-c", FIRST_PAINT_MINIMAL], runs)
        rows.append(row("first painted home screen (no assessments)",
                        timed([PYTHON, "-c", FIRST_PAINT_SVASSESS, str(empty)], runs), minimal,
                        1.15))
        rows.append(row("first painted home screen (50 long assessments)",
                        timed([PYTHON, "-c", FIRST_PAINT_SVASSESS, str(data)], runs), minimal,
                        None))
        baseline = timed([PYTHON, "-c", "import rich.console, tomllib"], runs)
        first_id = sorted((data / "assessments").glob("*.toml"))[0].stem
        for name, args in (("list", ["list"]), ("show", ["show", first_id]),
                           ("export --format text", ["export", first_id, "--format", "text",
                                                     "-o", "-"])):
            rows.append(row(f"svassess {name} (50 assessments)",
                            timed([PYTHON, "-m", "svassess", "--data-dir", str(data), *args],
                                  runs), baseline, 2.0))
        rows.append(row("one answer: keypress to saved and shown",
                        in_process(ANSWER, max(3, runs // 2), str(data)),
                        in_process(ANSWER_BASELINE, max(3, runs // 2)), 3.0))
        rows.append(row("save: 70 answers with long notes",
                        in_process(SAVE, runs, str(data)),
                        in_process(SAVE_BASELINE, runs, str(data)), 3.0))
        largest = Path(temp) / "largest"
        make_largest(largest)
        rows.append(row("save: an assessment at the size limit (256 KB)",
                        in_process(SAVE, runs, str(largest)),
                        in_process(SAVE_BASELINE, runs, str(largest)), None))
        largest_bank = Path(temp) / "largest-bank"
        make_largest_bank(largest_bank)
        rows.append(row("results screen of a bank at the limits (300 rules)",
                        in_process(RESULTS, max(3, runs // 2), str(largest_bank)),
                        in_process(ANSWER_BASELINE, max(3, runs // 2)), None))
        big = Path(temp) / "big"
        make_data(big, 1000)
        rows.append(row("svassess group over 1,000 assessments",
                        timed([PYTHON, "-m", "svassess", "--data-dir", str(big), "group"], runs),
                        timed([PYTHON, "-c", GROUP_BASELINE.replace(
                            'print(time.perf_counter() - started)', ''), str(big)], runs), 1.5))
        drive_ours = ('await pilot.press("enter")\n        '
                      'for _ in range(70):\n            await pilot.press("1")')
        memory_ours = in_process(MEMORY.format(
            setup="from svassess.cli import _load_banks\nfrom svassess.paths import "
                  "data_location\nfrom svassess.tui.app import SvassessApp\nlocation = "
                  "data_location(sys.argv[1])\nbanks = _load_banks(location.path, True)",
            app="SvassessApp(location, dict(banks.banks))", drive=drive_ours),
            max(3, runs // 2), str(empty))
        memory_base = in_process(MEMORY.format(setup=MINIMAL_APP, app="Minimal()",
                                               drive="await pilot.pause()"), max(3, runs // 2))
        rows.append(row("peak memory of the TUI through a questionnaire", memory_ours,
                        memory_base, 1.3))
    print_table(rows)


def print_table(rows: list[tuple]) -> None:
    print(f"{'what':<48} {'svassess':>10} {'baseline':>10} {'ratio':>6} {'target':>7}  "
          f"spread (svassess; baseline)")
    for name, ours, base, ratio, target, spread_ours, spread_base in rows:
        unit = (lambda v: f"{v / 1e6:.0f} MB") if "memory" in name else (
            lambda v: f"{v * 1000:.1f} ms")
        verdict = "-" if target is None else "ok" if ratio <= target else "MISSED"
        shown_target = "-" if target is None else f"{target:.2f}x"
        print(f"{name:<48} {unit(ours):>10} {unit(base):>10} {ratio:>6.2f} {shown_target:>6}  "
              f"{verdict:<6} {unit(spread_ours[0])}-{unit(spread_ours[1])}; "
              f"{unit(spread_base[0])}-{unit(spread_base[1])}")


if __name__ == "__main__":
    main()
