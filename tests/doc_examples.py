"""Makes the example exports in docs/examples from a sample assessment with fixed dates.

Run `python -m tests.doc_examples` after changing an export or the shipped bank;
tests/test_doc_examples.py checks the files in docs/ are what this makes now.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from svassess.assessment import new_assessment
from svassess.bank_loader import load_bank_dirs
from svassess.export import EXTENSIONS, export
from svassess.paths import shipped_banks_dir
from svassess.report import build_report

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
WHEN = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)
EXPORTED = dt.datetime(2026, 12, 2, 14, 5, tzinfo=dt.UTC)


def sample_report():
    bank = load_bank_dirs([shipped_banks_dir()]).banks["provider-readiness"]
    a = new_assessment(bank, "Riverside Kitchen 2026", "Riverside Kitchen CIC", now=WHEN)
    a.id = "01EXAMPLE0000000000000000"
    for question in bank.questions:
        if question.kind == "single":
            scored = [o for o in question.options if not o.unsure]
            a.answer(question, scored[len(scored) // 2].value, now=WHEN)
        elif question.kind == "multi":
            a.answer(question, [question.options[0].value], now=WHEN)
    a.answer(bank.question("context.nation"), "england", now=WHEN)
    first_rule = build_report(bank, a).recommendations[0].rule
    action = a.plan.accept(first_rule.id, first_rule.title)
    action.id, action.owner, action.status = "a1", "Operations manager", "in-progress"
    action.due = dt.date(2027, 1, 31)
    own = a.plan.add_own("Ask the council's commissioner what social value they want")
    own.id = "a2"
    a.updated = WHEN
    return build_report(bank, a)


def make(folder: Path = EXAMPLES) -> list[Path]:
    report = sample_report()
    written = []
    for fmt, extension in EXTENSIONS.items():
        path = folder / f"example.{extension}"
        path.write_text(export(report, fmt, exported=EXPORTED), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in make():
        print(path)
