"""Exports of the report. Text and SVG render the report's Rich objects (as the TUI does); HTML and
Markdown are written from the same Report object. User and bank text is always escaped.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from rich.console import Console

from svassess import __version__
from svassess.documents import esc, html_page, link, md_escape, md_link, paragraphs
from svassess.files import write_atomically
from svassess.report import SCORE_METHOD, Report, completeness_line, render_report, shown_score
from svassess.text import clean_text

FORMATS = ("text", "html", "svg", "md")
EXTENSIONS = {"text": "txt", "html": "html", "svg": "svg", "md": "md"}
TEXT_WIDTH = 80
SVG_WIDTH = 100
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", "conin$", "conout$",
                     *(f"{port}{n}" for port in ("com", "lpt") for n in "0123456789¹²³")}


def safe_file_name(name: str, fmt: str) -> str:
    """A file name made from an assessment's name that is safe on every operating system."""
    stem = re.sub(r"[^\w\- ]+", "-", name, flags=re.UNICODE)
    stem = re.sub(r"[\s-]+", "-", stem).strip("-._")[:60].strip("-._")
    if not stem or stem.casefold() in _WINDOWS_RESERVED:
        stem = f"assessment-{stem}" if stem else "assessment"
    return f"{stem}.{EXTENSIONS[fmt]}"


def save_export(content: str, target: Path, overwrite: bool) -> None:
    """Write an export; without `overwrite`, raise FileExistsError rather than replace a file.

    Written the way assessments are (a temp file, synced, then renamed), so an export that fails
    or is killed part-way never leaves a half-written file under its name to be sent by mistake,
    and a summary it was replacing stays as it was."""
    write_atomically(Path(target), content.encode("utf-8"), replace=overwrite)


def _recording_console(width: int) -> Console:
    return Console(record=True, width=width, file=io.StringIO(), color_system="truecolor",
                   force_terminal=True, highlight=False, emoji=False, legacy_windows=False)


def export_text(report: Report, answers: bool = False) -> str:
    """Plain UTF-8 text, wrapped at 80 columns, with no escape codes."""
    console = _recording_console(TEXT_WIDTH)
    console.print(render_report(report, answers))
    text = console.export_text(styles=False)
    return "\n".join(line.rstrip() for line in clean_text(text).splitlines()) + "\n"


def export_svg(report: Report, answers: bool = False) -> str:
    """The summary as it looks in a terminal, as a picture."""
    console = _recording_console(SVG_WIDTH)
    console.print(render_report(report, answers))
    return console.export_svg(title="svassess summary")


# --- HTML --------------------------------------------------------------------------------------

def export_html(report: Report, answers: bool = False) -> str:
    """One self-contained HTML5 file: no scripts, no external requests, printable on A4."""
    a, bank, result = report.assessment, report.bank, report.result
    out: list[str] = [
        "<header>",
        "<h1>Social value readiness</h1>",
        f"<p class=\"score\">{esc(a.name) or '(no name)'}</p>", '<dl class="facts">',
    ]
    if a.organisation:
        out.append(f"<dt>Organisation</dt><dd>{esc(a.organisation)}</dd>")
    out += [
        f"<dt>Question bank</dt><dd>{esc(bank.title)} (version {esc(bank.version)})</dd>",
        f"<dt>Policy facts checked</dt><dd>{bank.last_checked.isoformat()}</dd>",
        f"<dt>Last updated</dt><dd>{a.updated.strftime('%d %B %Y')}</dd>",
        f"<dt>Completeness</dt><dd>{result.answered} of {result.total} questions answered "
        f"({shown_score(result.completeness)}%)</dd>", "</dl>",
    ]
    if result.provisional:
        out.append('<p class="provisional"><strong>Provisional:</strong> some questions are '
                   "unanswered, and they count as 0.</p>")
    out += [
        "</header>", '<section id="result">', "<h2>Result</h2>",
        f'<p class="score">Overall readiness: {shown_score(result.overall)} / 100 &middot; '
        f"Level: {esc(result.level.name)}{' (provisional)' if result.provisional else ''}</p>",
        paragraphs(result.level.summary), "</section>",
        '<section id="sections">', "<h2>Sections</h2>",
        "<table><thead><tr><th>Section</th><th>Score</th><th></th><th>Answered</th></tr>"
        "</thead><tbody>",
    ]
    for s in result.sections:
        if s.section.weight <= 0:
            continue
        score = "-" if s.score is None else str(shown_score(s.score))
        width = 0 if s.score is None else shown_score(s.score)
        out.append(f"<tr><td>{esc(s.section.title)}</td><td>{score}</td>"
                   f'<td><span class="bar" aria-hidden="true"><span style="width: {width}%">'
                   f"</span></span></td><td>{s.answered} of {s.total}</td></tr>")
    out += ["</tbody></table>", "</section>", '<section id="strengths">', "<h2>Strengths</h2>"]
    if report.strengths:
        out.append("<ul>" + "".join(f"<li>{esc(s.section.title)} ({shown_score(s.score or 0)})"
                                    f"</li>" for s in report.strengths) + "</ul>")
    else:
        out.append(f"<p>No section reaches the strength mark "
                   f"({shown_score(bank.strength_at)}) yet.</p>")
    out += ["</section>", '<section id="recommendations">',
            "<h2>Recommendations, in priority order</h2>"]
    if not report.recommendations:
        out.append("<p>No recommendations: no guidance rule of this bank applies.</p>")
    else:
        out.append("<ol>")
        for rec in report.recommendations:
            out.append(f"<li><h3>{esc(rec.rule.title)}</h3>")
            if rec.section:
                out.append(f'<p class="section-of">{esc(rec.section.title)} &middot; priority '
                           f"{rec.rule.priority}</p>")
            out.append(paragraphs(rec.rule.advice))
            if rec.resources:
                out.append('<ul class="resources">')
                for res in rec.resources:
                    out.append(f"<li><cite>{esc(res.title)}</cite> &mdash; {esc(res.publisher)}, "
                               f"{esc(res.year)}.<br>{link(res.url)}<br>{esc(res.summary)}</li>")
                out.append("</ul>")
            out.append("</li>")
        out.append("</ol>")
    out += ["</section>", '<section id="plan">', "<h2>Action plan</h2>"]
    if report.plan:
        out.append("<table><thead><tr><th>Action</th><th>From</th><th>Owner</th>"
                   "<th>Target date</th><th>Status</th></tr></thead><tbody>")
        for row in report.plan:
            out.append(f"<tr><td>{esc(row.title)}</td><td>{esc(row.source)}</td>"
                       f"<td>{esc(row.owner)}</td><td>{esc(row.due)}</td>"
                       f"<td>{esc(row.status)}</td></tr>")
        out.append("</tbody></table>")
    else:
        out.append("<p>No actions yet.</p>")
    out.append("</section>")
    if answers:
        out += ['<section id="answers">', "<h2>Every answer (evidence record)</h2>"]
        section = None
        for row in report.answers:
            if row.section != section:
                if section is not None:
                    out.append("</dl>")
                section = row.section
                out.append(f"<h3>{esc(section)}</h3><dl>")
            out.append(f"<dt>{esc(row.prompt)}</dt><dd>{esc(row.answer)}"
                       + (f"<br><em>Note:</em> {esc(row.note)}" if row.note else "") + "</dd>")
        if section is not None:
            out.append("</dl>")
        out.append("</section>")
    out += ["<footer>", f"<p>{esc(SCORE_METHOD)}</p>",
            f"<p>Made with svassess {__version__}.</p>", "</footer>"]
    return html_page(f"Social value readiness: {a.name or 'assessment'}", out)


# --- Markdown ----------------------------------------------------------------------------------

def export_markdown(report: Report, answers: bool = False) -> str:
    a, bank, result = report.assessment, report.bank, report.result
    out = [f"# Social value readiness: {md_escape(a.name) or '(no name)'}", ""]
    if a.organisation:
        out.append(f"- **Organisation:** {md_escape(a.organisation)}")
    out += [
        f"- **Question bank:** {md_escape(bank.title)} (version {md_escape(bank.version)}; "
        f"policy facts checked {bank.last_checked.isoformat()})",
        f"- **Last updated:** {a.updated.strftime('%d %B %Y')}",
        f"- **Completeness:** {md_escape(completeness_line(result))}", "",
        "## Result", "",
        f"**Overall readiness: {shown_score(result.overall)} / 100. Level: "
        f"{md_escape(result.level.name)}**{' (provisional)' if result.provisional else ''}", "",
        md_escape(result.level.summary), "", "## Sections", "",
        "| Section | Score | Answered |", "|---|---:|---:|",
    ]
    for s in result.sections:
        if s.section.weight > 0:
            score = "-" if s.score is None else str(shown_score(s.score))
            out.append(f"| {md_escape(s.section.title)} | {score} | {s.answered} of {s.total} |")
    out += ["", "## Strengths", ""]
    out += [f"- {md_escape(s.section.title)} ({shown_score(s.score or 0)})"
            for s in report.strengths] or ["No section reaches the strength mark yet."]
    out += ["", "## Recommendations, in priority order", ""]
    if not report.recommendations:
        out.append("No recommendations: no guidance rule of this bank applies.")
    for number, rec in enumerate(report.recommendations, start=1):
        section = f" ({md_escape(rec.section.title)})" if rec.section else ""
        out += [f"### {number}. {md_escape(rec.rule.title)}{section}", ""]
        for paragraph in re.split(r"\n\s*\n", clean_text(rec.rule.advice).strip()):
            out += [md_escape(paragraph), ""]
        for res in rec.resources:
            out.append(f"- *{md_escape(res.title)}*, {md_escape(res.publisher)}, "
                       f"{md_escape(res.year)}: {md_link(res.url)}")
        if rec.resources:
            out.append("")
    out += ["## Action plan", ""]
    if report.plan:
        out += ["| Action | From | Owner | Target date | Status |", "|---|---|---|---|---|"]
        out += [f"| {md_escape(r.title)} | {md_escape(r.source)} | {md_escape(r.owner)} | "
                f"{md_escape(r.due)} | {md_escape(r.status)} |" for r in report.plan]
    else:
        out.append("No actions yet.")
    if answers:
        out += ["", "## Every answer (evidence record)"]
        section = None
        for row in report.answers:
            if row.section != section:
                section = row.section
                out += ["", f"### {md_escape(section)}", ""]
            out.append(f"- **{md_escape(row.prompt)}**  ")
            out.append(f"  {md_escape(row.answer)}" + (f"  \n  *Note:* {md_escape(row.note)}"
                                                       if row.note else ""))
    out += ["", "---", "", md_escape(SCORE_METHOD), ""]
    return "\n".join(out)


def export(report: Report, fmt: str, answers: bool = False) -> str:
    renderers = {"text": export_text, "html": export_html, "svg": export_svg,
                 "md": export_markdown}
    if fmt not in renderers:
        raise ValueError(f"unknown export format {fmt!r}")
    return renderers[fmt](report, answers)
