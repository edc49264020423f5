"""Exports of the report. Text and SVG render the report's Rich objects (as the TUI does); HTML and
Markdown are written from the same Report object. User and bank text is always escaped.
"""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

from rich.console import Console

from svassess import __version__
from svassess.report import SCORE_METHOD, Report, completeness_line, render_report, shown_score
from svassess.text import clean_line, clean_text

FORMATS = ("text", "html", "svg", "md")
EXTENSIONS = {"text": "txt", "html": "html", "svg": "svg", "md": "md"}
TEXT_WIDTH = 80
SVG_WIDTH = 100
_SAFE_URL = re.compile(r"^https://[A-Za-z0-9.-]+(?:[/?#][^\s<>\"'`\\]*)?$")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                     *(f"lpt{i}" for i in range(1, 10))}


def safe_file_name(name: str, fmt: str) -> str:
    """A file name made from an assessment's name that is safe on every operating system."""
    stem = re.sub(r"[^\w\- ]+", "-", name, flags=re.UNICODE)
    stem = re.sub(r"[\s-]+", "-", stem).strip("-._")[:60].strip("-._")
    if not stem or stem.casefold() in _WINDOWS_RESERVED:
        stem = f"assessment-{stem}" if stem else "assessment"
    return f"{stem}.{EXTENSIONS[fmt]}"


def save_export(content: str, target: Path, overwrite: bool) -> None:
    """Write an export; without `overwrite`, raise FileExistsError rather than replace a file."""
    with open(target, "w" if overwrite else "x", encoding="utf-8", newline="\n") as handle:
        handle.write(content)


def safe_url(url: str) -> str | None:
    """The URL if it is a plain https link that cannot break out of an attribute or a link."""
    return url if _SAFE_URL.match(url) else None


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

_CSS = """
body { font-family: "Segoe UI", Roboto, Helvetica, Arial, sans-serif; line-height: 1.45;
       max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid #1d4f91; padding-bottom: 0.2rem;
     margin-top: 2rem; }
h3 { font-size: 1.05rem; margin-bottom: 0.3rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.provisional { border-left: 4px solid #b35900; padding: 0.3rem 0.8rem; background: #fff4e5; }
.score { font-size: 1.4rem; font-weight: 700; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid #ccc;
         vertical-align: top; }
.bar { display: inline-block; width: 10rem; height: 0.8rem; border: 1px solid #1d4f91; }
.bar span { display: block; height: 100%; background: #1d4f91; }
.section-of { color: #555; font-style: italic; margin-top: 0; }
.resources { margin-top: 0.4rem; }
.resources li { margin-bottom: 0.4rem; }
.url { word-break: break-all; }
footer { margin-top: 2rem; font-size: 0.9rem; color: #444; }
@page { size: A4; margin: 18mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; margin-top: 1.2rem; }
  h3 { break-after: avoid; }
  th, td { padding: 0.15rem 0.4rem; }
  #recommendations, #plan, #answers { break-before: page; }
  .resources li, tr, dt { break-inside: avoid; }
  a { color: inherit; }
}
"""


def _e(text: str) -> str:
    return html.escape(clean_line(text), quote=True)


def _paragraphs(text: str) -> str:
    """Plain text with blank lines between paragraphs, as escaped <p> elements."""
    parts = [p for p in re.split(r"\n\s*\n", clean_text(text).strip()) if p.strip()]
    return "".join(f"<p>{_e(p)}</p>" for p in parts)


def _link(url: str) -> str:
    checked = safe_url(clean_line(url))
    if checked is None:
        return f'<span class="url">{_e(url)}</span>'
    return f'<a class="url" href="{html.escape(checked, quote=True)}">{_e(checked)}</a>'


def export_html(report: Report, answers: bool = False) -> str:
    """One self-contained HTML5 file: no scripts, no external requests, printable on A4."""
    a, bank, result = report.assessment, report.bank, report.result
    out: list[str] = [
        "<!DOCTYPE html>", '<html lang="en-GB">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Social value readiness: {_e(a.name) or 'assessment'}</title>",
        f"<style>{_CSS}</style>", "</head>", "<body>", "<header>",
        "<h1>Social value readiness</h1>",
        f"<p class=\"score\">{_e(a.name) or '(no name)'}</p>", '<dl class="facts">',
    ]
    if a.organisation:
        out.append(f"<dt>Organisation</dt><dd>{_e(a.organisation)}</dd>")
    out += [
        f"<dt>Question bank</dt><dd>{_e(bank.title)} (version {_e(bank.version)})</dd>",
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
        f"Level: {_e(result.level.name)}{' (provisional)' if result.provisional else ''}</p>",
        _paragraphs(result.level.summary), "</section>",
        '<section id="sections">', "<h2>Sections</h2>",
        "<table><thead><tr><th>Section</th><th>Score</th><th></th><th>Answered</th></tr>"
        "</thead><tbody>",
    ]
    for s in result.sections:
        if s.section.weight <= 0:
            continue
        score = "-" if s.score is None else str(shown_score(s.score))
        width = 0 if s.score is None else shown_score(s.score)
        out.append(f"<tr><td>{_e(s.section.title)}</td><td>{score}</td>"
                   f'<td><span class="bar" aria-hidden="true"><span style="width: {width}%">'
                   f"</span></span></td><td>{s.answered} of {s.total}</td></tr>")
    out += ["</tbody></table>", "</section>", '<section id="strengths">', "<h2>Strengths</h2>"]
    if report.strengths:
        out.append("<ul>" + "".join(f"<li>{_e(s.section.title)} ({shown_score(s.score or 0)})"
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
            out.append(f"<li><h3>{_e(rec.rule.title)}</h3>")
            if rec.section:
                out.append(f'<p class="section-of">{_e(rec.section.title)} &middot; priority '
                           f"{rec.rule.priority}</p>")
            out.append(_paragraphs(rec.rule.advice))
            if rec.resources:
                out.append('<ul class="resources">')
                for res in rec.resources:
                    out.append(f"<li><cite>{_e(res.title)}</cite> &mdash; {_e(res.publisher)}, "
                               f"{_e(res.year)}.<br>{_link(res.url)}<br>{_e(res.summary)}</li>")
                out.append("</ul>")
            out.append("</li>")
        out.append("</ol>")
    out += ["</section>", '<section id="plan">', "<h2>Action plan</h2>"]
    if report.plan:
        out.append("<table><thead><tr><th>Action</th><th>From</th><th>Owner</th>"
                   "<th>Target date</th><th>Status</th></tr></thead><tbody>")
        for row in report.plan:
            out.append(f"<tr><td>{_e(row.title)}</td><td>{_e(row.source)}</td>"
                       f"<td>{_e(row.owner)}</td><td>{_e(row.due)}</td>"
                       f"<td>{_e(row.status)}</td></tr>")
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
                out.append(f"<h3>{_e(section)}</h3><dl>")
            out.append(f"<dt>{_e(row.prompt)}</dt><dd>{_e(row.answer)}"
                       + (f"<br><em>Note:</em> {_e(row.note)}" if row.note else "") + "</dd>")
        if section is not None:
            out.append("</dl>")
        out.append("</section>")
    out += ["<footer>", f"<p>{_e(SCORE_METHOD)}</p>",
            f"<p>Made with svassess {__version__}.</p>", "</footer>", "</body>", "</html>", ""]
    return "\n".join(out)


# --- Markdown ----------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&:=$@])")


def md_escape(text: str) -> str:
    """Backslash-escape every Markdown-active character, so text cannot become a link,
    emphasis, HTML or a table cell break."""
    return _MD_SPECIAL.sub(r"\\\1", clean_line(text))


def _md_link(url: str) -> str:
    checked = safe_url(clean_line(url))
    return f"<{checked}>" if checked else md_escape(url)


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
                       f"{md_escape(res.year)}: {_md_link(res.url)}")
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
