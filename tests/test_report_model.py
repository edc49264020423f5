"""One report model, rendered many ways: the same parts in the same order everywhere, every
sentence written once (in svassess/report.py), and the summary first."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

import svassess
from svassess.assessment import new_assessment
from svassess.export import export_html, export_markdown, export_svg, export_text
from svassess.plain import render_text, summary_text
from svassess.report import Document, Rec, block_kind, build_document, build_report
from tests.markdown_check import RENDERERS as MARKDOWN_RENDERERS
from tests.markdown_check import rendered_markdown

PACKAGE = Path(svassess.__file__).parent
RENDERERS = [PACKAGE / "export.py", PACKAGE / "plain.py", PACKAGE / "tui/screens/results.py"]
WHEN = dt.datetime(2026, 12, 2, 14, 5, tzinfo=dt.UTC)


@pytest.fixture
def report(bank):
    a = new_assessment(bank, "Harbour Kitchen", "Harbour CIC")
    a.answer(bank.question("context.nation"), "wales")
    a.answer(bank.question("policy.act"), "not-sure")
    action = a.plan.accept("policy-weak", "Learn what the Act asks of buyers")
    action.owner, action.due, action.status = "Sam", dt.date(2027, 1, 31), "in-progress"
    return build_report(bank, a)


def part_ids(document: Document) -> list[str]:
    return [p.id for p in document.parts]


def text_part_order(text: str, document: Document) -> list[str]:
    titles = {p.title: p.id for p in document.parts}
    lines = text.splitlines()
    return [titles[line] for line, under in zip(lines, lines[1:], strict=False)
            if line in titles and under == "-" * len(line)]


def block_kinds(document: Document) -> list[tuple[str, list[str]]]:
    return [(p.id, [block_kind(b) for b in p.blocks]) for p in document.parts]


def test_html_shows_every_block_of_every_part_in_order(report):
    document = build_document(report, answers=True)
    page = export_html(report, answers=True)
    shown = []
    for part_id, body in re.findall(r'<section id="([^"]+)"[^>]*>(.*?)</section>', page, re.S):
        shown.append((part_id, re.findall(r'data-block="([^"]+)"', body)))
    assert shown == block_kinds(document)


def test_text_html_and_markdown_show_the_same_parts_in_the_same_order(report):
    document = build_document(report, answers=True)
    expected = part_ids(document)
    assert expected[0] == "summary" and len(expected) >= 8
    assert text_part_order(export_text(report, answers=True), document) == expected
    assert re.findall(r'<section id="([^"]+)"', export_html(report, answers=True)) == expected
    titles = {p.title: p.id for p in document.parts}
    md_order = [titles[h] for h in re.findall(r"^## (.+)$", export_markdown(report, True), re.M)]
    assert md_order == expected


def sentences(document: Document) -> set[str]:
    """Every run of four words the reader sees, taken from the model itself."""
    texts: list[str] = [document.title]

    def collect(value: object) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, tuple):  # the blocks are named tuples, their fields in order
            for item in value:
                collect(item)

    for part in document.parts:
        texts.append(part.title)
        collect(part.blocks)
    runs = set()
    for text in texts:
        words = re.findall(r"[A-Za-z']+", text)
        runs.update(" ".join(words[i:i + 4]) for i in range(len(words) - 3))
    return runs


def test_no_sentence_of_the_report_is_written_in_a_renderer(report):
    runs = sentences(build_document(report, answers=True, exported=WHEN))
    assert len(runs) > 100
    for path in RENDERERS:
        source = " ".join(re.findall(r"[A-Za-z']+", path.read_text(encoding="utf-8")))
        found = sorted(run for run in runs if f" {run} " in f" {source} ")
        assert not found, (path.name, found)


def test_the_summary_comes_first_everywhere(report):
    html = export_html(report, exported=WHEN)
    main = html[html.index("<main>") + len("<main>"):].lstrip()
    assert main.startswith('<section id="summary">')
    assert export_markdown(report).split("\n## ")[1].startswith("At a glance")
    text = export_text(report)
    assert text.split("\n\n")[1].startswith("At a glance\n-----------")


def test_the_summary_says_what_a_trustee_needs_on_one_page(report):
    summary = summary_text(report)
    assert "Overall readiness: " in summary and "Level: Starting out (provisional)" in summary
    assert "What this level means: Early days." in summary
    assert "Completeness:" in summary and "Provisional:" in summary
    assert '1 answer was "Not sure"' in summary
    assert "Weakest sections: Policy (0), Measurement (0)." in summary
    actions = re.findall(r"^  \d\. (.+)$", summary, re.M)
    assert 1 <= len(actions) <= 5
    assert actions[0] == "Learn what the Act asks of buyers (who: Sam)"
    assert all("(who: " in a for a in actions)
    assert len(summary.splitlines()) <= 40           # an A4 page holds about 60 such lines


def test_a_bank_can_say_who_could_do_a_recommendation(bank, report):
    rules = tuple(r._replace(who="your bid writer") if r.id == "measure-weak" else r
                  for r in bank.guidance)
    changed = build_report(dataclasses.replace(bank, guidance=rules), report.assessment)
    assert "Write a theory of change (who: your bid writer)" in summary_text(changed)


def test_top_actions_are_at_most_five(bank):
    a = new_assessment(bank, "Many", "")
    for n in range(8):
        a.plan.add_own(f"Own action {n}")
    summary = build_document(build_report(bank, a)).part("summary")
    do_first = [b for b in summary.blocks if getattr(b, "numbered", False)][0]
    assert len(do_first.items) == 5


def test_recommendations_first_few_in_full_the_rest_one_line_and_in_the_appendix(report):
    document = build_document(report)
    recs = document.part("recommendations").blocks[0]
    assert [r.number for r in recs.items] == [1, 2, 3, 4]
    appendix = document.part("more-recommendations").blocks[0]
    assert [r.number for r in appendix.items] == [4]
    text = export_text(report)
    body = text[text.index("Recommendations, in priority order"):text.index("Action plan")]
    assert "4. Learn the Welsh duty (Policy · priority 2)" in body
    assert "Read the Welsh guidance." not in body                 # not in full here
    assert "Read the Welsh guidance." in text[text.index("Appendix: the other"):]


@pytest.mark.parametrize("render", [export_text, export_html, export_markdown])
def test_each_resource_is_written_out_once_and_referred_to_by_title(report, render):
    content = " ".join(render(report).split())
    for resource in report.bank.resources.values():
        if resource.id in {r.id for rec in report.recommendations for r in rec.resources}:
            assert content.count(resource.url) == (2 if render is export_html else 1), resource.id
            assert content.count(resource.summary) == 1


@pytest.mark.parametrize("render", [export_text, export_html, export_markdown, export_svg])
def test_no_export_points_to_developer_docs(report, render):
    content = render(report, True)
    assert "docs/" not in content and "scoring.md" not in content and "max_score" not in content
    assert "Σ" not in content


def test_the_method_is_written_for_a_provider(report):
    method = render_text(build_document(report)).split("How the score is worked out")[1]
    assert "Starting out: from 0" in method and "Developing: from 40" in method
    assert "`" not in method and "weight" not in method.lower()
    assert "strength" in method and "provisional" in method


def test_plain_summary_is_available_alone(report):
    summary = summary_text(report, width=60)
    assert summary.startswith("Social value readiness: Harbour Kitchen")
    assert all(len(line) <= 60 for line in summary.splitlines())
    assert "Sections\n--------" not in summary and "Action plan" not in summary
    assert "Do first (at most 5):" in summary


def test_recommendation_lines_come_from_the_model(report):
    rec = build_document(report).part("recommendations").blocks[0].items[0]
    assert isinstance(rec, Rec) and rec.line.startswith("1. ") and rec.decision == "In your plan"


@pytest.mark.parametrize("renderer", MARKDOWN_RENDERERS)
def test_markdown_reads_literally_without_stray_backslashes(bank, renderer):
    name = "Smith & Sons_Ltd (2026) - no. 1 + 2 = 3! C:\\temp"
    a = new_assessment(bank, name, "*Best* <b>org</b> [x](y) # not a heading")
    md = export_markdown(build_report(bank, a))
    page = rendered_markdown(md, renderer)
    assert name in page.text
    assert "*Best* <b>org</b> [x](y) # not a heading" in page.text
    assert "<b>" not in page.html and "<em>Best" not in page.html
    own = md.replace(md_name := "Smith & Sons_Ltd (2026) - no. 1 + 2 = 3! C:\\temp", "")
    assert md_name in md                                  # nothing needed escaping in it
    assert own.count("\\") == 3                           # only the organisation's * * [ marks


def test_the_raw_markdown_reads_like_a_document(report):
    md = export_markdown(report, answers=True)
    assert "\\" not in md and "&#" not in md               # nothing here needed escaping
    assert "\n\n\n" not in md and md.endswith("\n") and not md.endswith("\n\n")
