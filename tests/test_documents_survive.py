"""Documents that survive printing, pasting and old systems: HTML printing, the SVG picture,
Markdown and text layout, and command-line output on consoles that cannot show every character."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import subprocess
import sys

import pytest

from svassess.assessment import new_assessment
from svassess.export import SVG_COLUMNS, export_html, export_svg, export_text
from svassess.report import build_report
from svassess.store import Store
from tests.conftest import run_cli

WHEN = dt.datetime(2026, 12, 2, 14, 5, tzinfo=dt.timezone(dt.timedelta(hours=1)))
LONG_URL = ("https://www.gov.uk/government/publications/procurement-policy-note-0225-"
            "social-value/ppn-0225-improving-transparency-of-social-value-commitments-guide")


@pytest.fixture
def report(bank):
    a = new_assessment(bank, "Harbour Kitchen", "Harbour CIC")
    a.answer(bank.question("policy.act"), "no")
    action = a.plan.accept("policy-weak", "Learn what the Act asks of buyers")
    action.owner, action.due, action.status = "Sam", dt.date(2027, 1, 31), "in-progress"
    return build_report(bank, a)


# --- HTML --------------------------------------------------------------------------------------

def test_html_bars_print_with_default_browser_settings(report):
    page = export_html(report, exported=WHEN)
    bars = re.findall(r'<svg class="bar"[^>]*>.*?</svg>', page)
    assert len(bars) == 2                      # drawn, not backgrounds a printer leaves out
    assert all('fill="#1d4f91"' in bar for bar in bars)
    assert "-webkit-print-color-adjust: exact" in page
    assert "background: #1d4f91" not in page


def test_html_prints_page_numbers_and_the_local_export_date_on_every_page(report):
    page = export_html(report, exported=WHEN)
    style = page[page.index("<style>"):page.index("</style>")]
    margin = re.search(r"@page \{ @top-left \{ content: (\"[^\"]*\")", style)
    assert margin and "02 December 2026, 14:05" in margin.group(1)   # local time, not UTC
    assert "counter(page)" in style and "counter(pages)" in style
    assert "Exported" in page and "02 December 2026, 14:05" in page


def test_the_running_head_cannot_break_out_of_the_style(bank):
    a = new_assessment(bank, '"; } </style><script>x</script> \\', "")
    page = export_html(build_report(bank, a))
    style = page[page.index("<style>") + 7:page.index("</style>")]
    assert "<" not in style and "<script>" not in page


def test_html_plan_table_never_breaks_a_date_or_a_status(report):
    page = export_html(report, exported=WHEN)
    assert '<td class="keep">2027-01-31</td><td class="keep">In progress</td>' in page
    assert ".keep { white-space: nowrap; }" in page
    assert '<span class="keep">2026-11-01</span>' in page          # dates in facts too


def test_html_has_a_main_landmark_and_no_empty_header_cells(report):
    page = export_html(report, answers=True, exported=WHEN)
    assert page.count("<main>") == 1 and page.count("</main>") == 1
    assert page.index("<main>") < page.index('<section id="summary">')
    assert not re.search(r"<th[^>]*>\s*</th>", page)


# --- SVG ---------------------------------------------------------------------------------------

def test_svg_is_a_picture_of_the_summary_that_fetches_nothing(report):
    svg = export_svg(report, exported=WHEN)
    assert re.findall(r"https?://[^\s\"'<]+", svg) == ["http://www.w3.org/2000/svg"]
    assert "@font-face" not in svg and "url(" not in svg and "@import" not in svg
    height = int(re.search(r'height="(\d+)"', svg).group(1))
    assert height < 1200                                   # one screen, not a terminal dump
    texts = [re.sub(r"&[a-z#0-9]+;", "x", t) for t in re.findall(r"<text[^>]*>([^<]*)</text>",
                                                                 svg)]
    assert "At a glance" in texts and any("Overall readiness" in t for t in texts)
    assert not any("Appendix" in t or "How the score" in t for t in texts)
    width = int(re.search(r'width="(\d+)"', svg).group(1))
    assert all(len(t) <= SVG_COLUMNS for t in texts)
    assert width >= SVG_COLUMNS * 8.5 + 48                 # 8.5px: a wide monospace at 14px


def test_svg_wraps_a_long_name_instead_of_clipping_it(bank):
    a = new_assessment(bank, "A very long name " * 10, "")
    svg = export_svg(build_report(bank, a))
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert all(len(t) <= SVG_COLUMNS for t in texts)
    assert sum("very long" in t for t in texts) >= 3


# --- Text --------------------------------------------------------------------------------------

def test_text_never_breaks_a_url_and_wrapped_lines_keep_their_indent(bank):
    resources = {**bank.resources,
                 "act": bank.resources["act"]._replace(url=LONG_URL)}
    rules = tuple(r._replace(advice="Read the Act's two pages. " * 12)
                  if r.id == "policy-weak" else r for r in bank.guidance)
    long_bank = dataclasses.replace(bank, resources=resources, guidance=rules)
    a = new_assessment(long_bank, "Harbour Kitchen", "")
    a.answer(long_bank.question("policy.act"), "no")
    text = export_text(build_report(long_bank, a))
    lines = text.splitlines()
    assert f"  {LONG_URL}" in lines                       # whole, on a line of its own
    start = lines.index("1. Learn what the Act asks of buyers")
    advice = [line for line in lines[start + 1:start + 8] if "Read the Act" in line]
    assert len(advice) >= 4 and all(line.startswith("   Read") or line.startswith("   ")
                                    for line in advice)
    assert all(len(line) <= 80 for line in lines if LONG_URL not in line)


# --- The command line --------------------------------------------------------------------------

def _run_bytes(*args, data_dir, env):
    return subprocess.run([sys.executable, "-m", "svassess", "--data-dir", str(data_dir), *args],
                          capture_output=True, env={**os.environ, **env}, timeout=60)


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "cp1252"},
                                 {"PYTHONIOENCODING": "ascii", "LANG": "C", "LC_ALL": "C"}])
def test_show_and_list_never_traceback_when_the_console_cannot_encode(data_dir, bank, env):
    a = new_assessment(bank, "مطبخ المرفأ ☕", "Harbour CIC")
    a.answer(bank.question("policy.act"), "no")
    Store(data_dir).save(a, None)
    for args in (["show", a.id], ["list"], ["export", a.id, "--format", "text", "-o", "-"]):
        done = _run_bytes(*args, data_dir=data_dir, env=env)
        assert done.returncode == 0, (args, done.stderr)
        assert b"Traceback" not in done.stderr
    shown = _run_bytes("show", a.id, data_dir=data_dir, env=env).stdout
    assert b"Harbour CIC" in shown and b"?" in shown
    assert b"Policy" in shown and re.search(rb"\.{20}|-{20}|#", shown)   # ASCII bars


def test_list_never_truncates_when_piped(data_dir, bank):
    name = "The Riverside Community Kitchen and Food Bank Partnership Evaluation 2026 (draft)"
    organisation = "Riverside Community Kitchen Community Interest Company Limited"
    a = new_assessment(bank, name, organisation)
    Store(data_dir).save(a, None)
    done = run_cli("list", data_dir=data_dir)
    assert done.returncode == 0
    row = done.stdout.splitlines()[1].split("\t")
    assert row[:3] == [name, a.id, organisation]


def test_completeness_is_rounded_by_one_rule_everywhere(data_dir, bank):
    a = new_assessment(bank, "Two thirds", "")
    for qid, value in {"context.nation": "wales", "policy.wales": "yes", "policy.act": "no",
                       "measure.tools": ["toc"]}.items():
        a.answer(bank.question(qid), value)
    Store(data_dir).save(a, None)                          # 4 of 6 answered: 66.67%
    listed = json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)[0]
    shown = json.loads(run_cli("show", a.id, "--json", data_dir=data_dir).stdout)
    assert listed["completeness"] == shown["completeness"] == 66
    assert "\t66%\t" in run_cli("list", data_dir=data_dir).stdout
    assert "(66% complete)" in run_cli("show", a.id, data_dir=data_dir).stdout
