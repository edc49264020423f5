"""The text export: the same report, plain, within 80 columns, free of control characters."""

from __future__ import annotations

import re

import pytest

from svassess.assessment import new_assessment
from svassess.export import export_text, safe_file_name
from svassess.report import build_report

HOSTILE = "[red]x[/] <script>alert(1)</script> [link](javascript:x) \u202eevil\x1b]0;t\x07 مرحبا"


def test_text_export_holds_the_whole_report(bank):
    a = new_assessment(bank, "Harbour Kitchen", "Harbour CIC")
    a.answer(bank.question("context.nation"), "wales")
    a.answer(bank.question("policy.act"), "no")
    text = export_text(build_report(bank, a))
    for expected in ("Harbour Kitchen", "Organisation: Harbour CIC", "Test bank (version 1.0.0",
                     "policy facts checked 2026-11-01", "PROVISIONAL", "Overall readiness: 0",
                     "Level: Starting out", "Early days.", "Policy", "Measurement",
                     "1. Learn what the Act asks of buyers", "Read the Act's two pages.",
                     "Public Services (Social Value) Act 2012 - legislation.gov.uk, 2012",
                     "https://www.legislation.gov.uk/ukpga/2012/3/contents/enacted",
                     "Learn the Welsh duty", "How the score is calculated"):
        assert expected in text, expected
    assert "About you" not in text  # the unscored context section has no bar


def test_text_export_is_plain_and_fits_80_columns(bank):
    a = new_assessment(bank, HOSTILE * 3, HOSTILE)
    text = export_text(build_report(bank, a))
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "[red]x[/] <script>alert(1)</script> [link](javascript:x)" in text
    assert "\u202e" not in text and "مرحبا" in text


@pytest.mark.parametrize(("name", "expected"), [
    ("Harbour Kitchen", "Harbour-Kitchen.txt"),
    ("../../etc/passwd", "etc-passwd.txt"),
    ("CON", "assessment-CON.txt"),
    ("a:b*c?d|e<f>g\"h\\i", "a-b-c-d-e-f-g-h-i.txt"),
    ("", "assessment.txt"),
    ("...", "assessment.txt"),
    ("Café ☕ 2026", "Café-2026.txt"),
])
def test_default_file_names_are_safe_everywhere(name, expected):
    assert safe_file_name(name, "text") == expected
