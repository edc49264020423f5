"""docs/tenders.md documents every key and every check, and its worked example is what svassess
prints today."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from svassess.tender import COMMITMENT_KEYS, CRITERION_KEYS, TENDER_KEYS
from svassess.tender_checks import KINDS, check_tender, readiness_of, rules_that_apply
from svassess.tender_store import decode_tender, load_shipped_rules
from tests.doc_examples import sample_report

DOC = Path(__file__).resolve().parent.parent / "docs" / "tenders.md"


def worked_example() -> tuple[str, str]:
    example = DOC.read_text(encoding="utf-8").split("## Worked example", 1)[1]
    toml_block = re.search(r"```toml\n(.*?)```", example, re.S).group(1)
    json_block = re.search(r"```json\n(.*?)```", example, re.S).group(1)
    return toml_block, json_block


def test_every_key_and_every_check_is_documented():
    text = DOC.read_text(encoding="utf-8")
    for key in {*TENDER_KEYS, *CRITERION_KEYS, *COMMITMENT_KEYS, "schema_version"}:
        assert f"| `{key}` |" in text, key
    for kind in KINDS:
        assert f"| `{kind}` |" in text, kind


def test_the_worked_example_gives_the_output_shown():
    toml_text, expected = worked_example()
    stored = decode_tender(toml_text.encode("utf-8"))
    report = sample_report()
    assert stored.tender.assessment == report.assessment.id
    rules = load_shipped_rules()
    problems = check_tender(stored.tender, rules, readiness_of(report.bank, report.assessment),
                            dt.date(2026, 12, 2), stored.findings, "", stored.lines)
    made = {"rules": [r.to_json() for r in rules_that_apply(stored.tender, rules)],
            "problems": [p.to_json() for p in problems]}
    assert made == json.loads(expected)
