"""Exports of the report: renderers of the document model (svassess.report) as plain text, HTML,
Markdown and an SVG picture of the summary. They lay blocks out and add no words of their own.
User and bank text is always escaped.
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape as xml_escape
from pathlib import Path

from svassess import __version__
from svassess.documents import esc, html_page, link, md_escape, md_link, svg_bar
from svassess.files import write_atomically
from svassess.plain import render_text, wrap
from svassess.report import (
    AnswerGroup,
    Bars,
    Block,
    Details,
    Document,
    Facts,
    Headline,
    Items,
    Paragraph,
    Rec,
    Recommendations,
    Report,
    ResourceList,
    Table,
    block_kind,
    build_document,
    score_bar,
)

FORMATS = ("text", "html", "svg", "md")
EXTENSIONS = {"text": "txt", "html": "html", "svg": "svg", "md": "md"}
TEXT_WIDTH = 80
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


def export_text(report: Report, answers: bool = False,
                exported: dt.datetime | None = None) -> str:
    """Plain UTF-8 text, wrapped at 80 columns, with no escape codes."""
    return render_text(build_document(report, answers, exported=exported), TEXT_WIDTH)


# --- HTML --------------------------------------------------------------------------------------

_REPORT_CSS = """
.kicker { margin: 0; color: #1d4f91; font-weight: 600; }
.strong { font-weight: 700; border-left: 4px solid #b35900; padding: 0.3rem 0.8rem;
          background: #fff4e5; }
.label { font-weight: 600; margin-bottom: 0.2rem; }
#summary ul, #summary ol { margin-top: 0.2rem; }
.bars td.bar-cell { white-space: nowrap; }
.num { display: inline-block; min-width: 2.2em; text-align: right; }
.about { color: #444; font-style: italic; margin-top: 0; }
.keep { white-space: nowrap; }
ol.recs > li { margin-bottom: 0.8rem; }
.appendix h2 { border-bottom-style: dotted; }
@media print {
  #plan, #answers, .appendix { break-before: page; }
  ol.recs > li { break-inside: avoid; }
}
"""


def _page_css(document: Document) -> str:
    """Page numbers and the export date in every printed page's margin (CSS paged media)."""
    page, of = document.page_words
    head = _css_string(document.running_head)
    numbers = (f"{_css_string(page + ' ')} counter(page) {_css_string(' ' + of + ' ')} "
               f"counter(pages)")
    margin = "font-size: 8pt; color: #444; font-family: sans-serif;"
    made_with = _css_string(f"svassess {__version__}")
    return (f"@page {{ @top-left {{ content: {head}; {margin} }} "
            f"@bottom-left {{ content: {made_with}; {margin} }} "
            f"@bottom-right {{ content: {numbers}; {margin} }} }}\n")


def _css_string(text: str) -> str:
    """A CSS string literal that cannot close the string, the rule or the style element."""
    return '"' + "".join(c if c.isalnum() or c in " .,:-" else f"\\{ord(c):x} "
                         for c in text) + '"'


_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _whole_dates(escaped: str) -> str:
    """Dates in escaped text kept on one line when printed."""
    return _DATE.sub(lambda m: f'<span class="keep">{m.group()}</span>', escaped)


def _html_block(block: Block) -> list[str]:
    if isinstance(block, Facts):
        return ['<dl class="facts">',
                *(f"<dt>{esc(label)}</dt><dd>{_whole_dates(esc(value))}</dd>"
                  for label, value in block.rows), "</dl>"]
    if isinstance(block, Headline):
        return [f'<p class="score">{esc(block.text)}</p>']
    if isinstance(block, Paragraph):
        return [f'<p class="strong">{esc(block.text)}</p>' if block.strong
                else f"<p>{esc(block.text)}</p>"]
    if isinstance(block, Items):
        if not block.items:
            return [f"<p>{esc(block.empty)}</p>"] if block.empty else []
        if block.inline:
            return [f'<p><span class="label">{esc(block.label)}:</span> '
                    f'{esc(", ".join(block.items))}.</p>']
        tag = "ol" if block.numbered else "ul"
        return [f'<p class="label">{esc(block.label)}:</p>', f"<{tag}>",
                *(f"<li>{esc(item)}</li>" for item in block.items), f"</{tag}>"]
    if isinstance(block, Bars):
        head = "".join(f'<th scope="col">{esc(h)}</th>' for h in block.headers)
        out = [f'<table class="bars"><thead><tr>{head}</tr></thead><tbody>']
        for bar in block.rows:
            out.append(f'<tr><th scope="row">{esc(bar.label)}</th><td class="bar-cell">'
                       f'{svg_bar(bar.score)} <span class="num">{esc(bar.value)}</span></td>'
                       f"<td>{esc(bar.detail)}</td></tr>")
        return [*out, "</tbody></table>"]
    if isinstance(block, Recommendations):
        if not block.items:
            return [f"<p>{esc(block.empty)}</p>"]
        out = ['<ol class="recs">', *(line for rec in block.items[:block.in_full]
                                      for line in _html_rec(rec)), "</ol>"]
        rest = block.items[block.in_full:]
        if rest:
            out += [f"<p>{esc(block.rest_note)}</p>",
                    f'<ol start="{rest[0].number}">',
                    *(f"<li>{esc(rec.title)} <span class=\"about\">({esc(rec.about)})</span>"
                      f"</li>" for rec in rest), "</ol>"]
        return out
    if isinstance(block, Details):
        return [f'<ol class="recs" start="{block.items[0].number}">',
                *(line for rec in block.items for line in _html_rec(rec)), "</ol>"]
    if isinstance(block, Table):
        if not block.rows:
            return [f"<p>{esc(block.empty)}</p>"]
        head = "".join(f'<th scope="col">{esc(h)}</th>' for h in block.headers)
        out = [f'<table class="plan"><thead><tr>{head}</tr></thead><tbody>']
        for row in block.rows:
            cells = "".join(f'<td class="keep">{esc(v)}</td>' if i in block.keep_whole
                            else f"<td>{esc(v)}</td>" for i, v in enumerate(row))
            out.append(f"<tr>{cells}</tr>")
        return [*out, "</tbody></table>"]
    if isinstance(block, AnswerGroup):
        return [f"<h3>{esc(block.title)}</h3>", "<dl>",
                *(f"<dt>{esc(prompt)}</dt><dd>{'<br>'.join(esc(x) for x in lines)}</dd>"
                  for prompt, lines in block.rows), "</dl>"]
    if isinstance(block, ResourceList):
        return ['<ul class="resources">',
                *(f"<li><cite>{esc(e.title)}</cite> &mdash; {esc(e.source)}.<br>{link(e.url)}"
                  f"<br>{esc(e.summary)}</li>" for e in block.items), "</ul>"]
    raise TypeError(f"no HTML layout for {type(block).__name__}")


def _html_rec(rec: Rec) -> list[str]:
    about = " · ".join(x for x in (rec.about, rec.decision) if x)
    out = [f'<li id="rec-{esc(rec.rule_id)}"><h3>{esc(rec.title)}</h3>',
           f'<p class="about">{esc(about)}</p>', *(f"<p>{esc(p)}</p>" for p in rec.advice)]
    if rec.reading:
        out += ['<ul class="reading">', *(f"<li>{esc(r)}</li>" for r in rec.reading), "</ul>"]
    return [*out, "</li>"]


def render_html(document: Document) -> str:
    """One self-contained HTML5 file: no scripts, no external requests, printable on A4."""
    out = ["<header>", f"<h1>{esc(document.title)}</h1>", "</header>", "<main>"]
    for part in document.parts:
        classes = ' class="appendix"' if part.appendix else ""
        out += [f'<section id="{part.id}"{classes}>', f"<h2>{esc(part.title)}</h2>"]
        for block in part.blocks:
            out += [f'<div class="block" data-block="{block_kind(block)}">', *_html_block(block),
                    "</div>"]
        out.append("</section>")
    out.append("</main>")
    return html_page(document.title, out, _REPORT_CSS + _page_css(document))


def export_html(report: Report, answers: bool = False,
                exported: dt.datetime | None = None) -> str:
    return render_html(build_document(report, answers, exported=_local(exported)))


def _local(exported: dt.datetime | None) -> dt.datetime:
    return exported if exported is not None else dt.datetime.now().astimezone()


# --- Markdown ----------------------------------------------------------------------------------

def _md_block(block: Block) -> list[str]:
    if isinstance(block, Facts):
        return [*(f"- **{label}:** {md_escape(value)}" for label, value in block.rows), ""]
    if isinstance(block, Headline):
        return [f"**{md_escape(block.text)}**", ""]
    if isinstance(block, Paragraph):
        return [f"**{md_escape(block.text)}**" if block.strong else md_escape(block.text), ""]
    if isinstance(block, Items):
        if not block.items:
            return [md_escape(block.empty), ""] if block.empty else []
        if block.inline:
            return [f"**{md_escape(block.label)}:** {md_escape(', '.join(block.items))}.", ""]
        return [f"**{md_escape(block.label)}:**", "",
                *(f"{n}. {md_escape(item)}" if block.numbered else f"- {md_escape(item)}"
                  for n, item in enumerate(block.items, start=1)), ""]
    if isinstance(block, Bars):
        out = ["| " + " | ".join(block.headers) + " |", "|---|---|---:|"]
        out += [f"| {md_escape(b.label, cell=True)} | {score_bar(b.score, 10)} {b.value} | "
                f"{md_escape(b.detail, cell=True)} |" for b in block.rows]
        return [*out, ""]
    if isinstance(block, Recommendations):
        if not block.items:
            return [md_escape(block.empty), ""]
        out = [line for rec in block.items[:block.in_full] for line in _md_rec(rec)]
        rest = block.items[block.in_full:]
        if rest:
            out += [md_escape(block.rest_note), ""]
            out += [f"{rec.number}. {md_escape(rec.title)} ({md_escape(rec.about)})"
                    for rec in rest]
            out.append("")
        return out
    if isinstance(block, Details):
        return [line for rec in block.items for line in _md_rec(rec)]
    if isinstance(block, Table):
        if not block.rows:
            return [md_escape(block.empty), ""]
        out = ["| " + " | ".join(block.headers) + " |", "|" + "---|" * len(block.headers)]
        out += ["| " + " | ".join(md_escape(v, cell=True) for v in row) + " |"
                for row in block.rows]
        return [*out, ""]
    if isinstance(block, AnswerGroup):
        out = [f"### {md_escape(block.title)}", ""]
        for prompt, lines in block.rows:
            out += [f"- **{md_escape(prompt)}**", *(f"  {md_escape(x)}  " for x in lines)]
        out[-1] = out[-1].rstrip()
        return [*out, ""]
    if isinstance(block, ResourceList):
        out = []
        for e in block.items:
            out += [f"- *{md_escape(e.title)}*, {md_escape(e.source)}: {md_link(e.url)}  ",
                    f"  {md_escape(e.summary)}"]
        return [*out, ""]
    raise TypeError(f"no Markdown layout for {type(block).__name__}")


def _md_rec(rec: Rec) -> list[str]:
    about = " · ".join(x for x in (rec.about, rec.decision) if x)
    out = [f"### {rec.number}. {md_escape(rec.title)}", "", f"*{md_escape(about)}*", ""]
    for paragraph in rec.advice:
        out += [md_escape(paragraph), ""]
    if rec.reading:
        out += [*(f"- {md_escape(r)}" for r in rec.reading), ""]
    return out


def render_markdown(document: Document) -> str:
    out = [f"# {md_escape(document.title)}", ""]
    for part in document.parts:
        out += [f"## {md_escape(part.title)}", ""]
        for block in part.blocks:
            out += _md_block(block)
    return "\n".join(out).rstrip("\n") + "\n"


def part_markdown(document: Document, part_id: str) -> str:
    """One part of the document as Markdown (the app's "how it's scored" screen)."""
    part = document.part(part_id)
    if part is None:
        return ""
    out = [f"# {md_escape(part.title)}", ""]
    for block in part.blocks:
        out += _md_block(block)
    return "\n".join(out).rstrip("\n") + "\n"


def export_markdown(report: Report, answers: bool = False,
                    exported: dt.datetime | None = None) -> str:
    return render_markdown(build_document(report, answers, exported=_local(exported)))


# --- SVG: a picture of the summary ---------------------------------------------------------------

SVG_COLUMNS = 76
"""Characters a line may hold; with a monospace font at 14px (at most 8.5px a character) a line
fits inside the picture's width with room to spare, whatever local font is used."""
_SVG_CHAR, _SVG_LINE, _SVG_MARGIN = 8.5, 20, 24


def render_svg(document: Document) -> str:
    """The "At a glance" part as a picture: text in a local monospace font, bars as rectangles.
    Nothing is fetched, and lines are wrapped so none runs past the right edge."""
    summary = document.part("summary")
    assert summary is not None
    lines: list[tuple[str, str, float | None]] = [("title", line, None)
                                                  for line in wrap(document.title, SVG_COLUMNS)]
    lines.append(("", "", None))
    lines += [("head", line, None) for line in wrap(summary.title, SVG_COLUMNS)]
    for block in summary.blocks:
        if isinstance(block, Headline):
            lines += [("", "", None)] + [("head", x, None) for x in wrap(block.text, SVG_COLUMNS)]
        else:
            from svassess.plain import block_lines
            lines += [("", x, None) for x in block_lines(block, SVG_COLUMNS)]
    sections = document.part("sections")
    if sections is not None:
        lines += [("", "", None)] + [("head", x, None) for x in wrap(sections.title, SVG_COLUMNS)]
        for block in sections.blocks:
            if isinstance(block, Bars):
                label_width = SVG_COLUMNS - 20 - 12
                for bar in block.rows:
                    label = wrap(bar.label, label_width)
                    lines.append(("bar", f"{label[0]:<{label_width}}", bar.score))
                    lines += [("", x, None) for x in label[1:]]
    width = round(2 * _SVG_MARGIN + SVG_COLUMNS * _SVG_CHAR)
    height = round(2 * _SVG_MARGIN + len(lines) * _SVG_LINE)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img">',
           f"<title>{xml_escape(document.title)}</title>",
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
           '<g font-family="DejaVu Sans Mono, Menlo, Consolas, Liberation Mono, monospace" '
           'font-size="14" fill="#1a1a1a">']
    bar_x = _SVG_MARGIN + (SVG_COLUMNS - 20 - 10) * _SVG_CHAR
    for index, (kind, text, score) in enumerate(lines):
        y = _SVG_MARGIN + (index + 1) * _SVG_LINE - 5
        weight = ' font-weight="bold"' if kind in ("title", "head") else ""
        size = ' font-size="17"' if kind == "title" else ""
        if text.strip():
            out.append(f'<text x="{_SVG_MARGIN}" y="{y}"{weight}{size} xml:space="preserve">'
                       f"{xml_escape(text.rstrip())}</text>")
        if kind == "bar":
            filled = 0 if score is None else max(0.0, min(score, 100.0)) * 1.6
            out.append(f'<rect x="{bar_x}" y="{y - 12}" width="160" height="14" fill="none" '
                       f'stroke="#1d4f91"/>')
            out.append(f'<rect x="{bar_x}" y="{y - 12}" width="{filled:.1f}" height="14" '
                       f'fill="#1d4f91"/>')
            value = "-" if score is None else str(int(score))
            out.append(f'<text x="{bar_x + 170}" y="{y}">{xml_escape(value)}</text>')
    out += ["</g>", "</svg>", ""]
    return "\n".join(out)


def export_svg(report: Report, answers: bool = False,
               exported: dt.datetime | None = None) -> str:
    """A picture of the summary (the answers are never in it)."""
    return render_svg(build_document(report, exported=_local(exported)))


def export(report: Report, fmt: str, answers: bool = False,
           exported: dt.datetime | None = None) -> str:
    renderers = {"text": export_text, "html": export_html, "svg": export_svg,
                 "md": export_markdown}
    if fmt not in renderers:
        raise ValueError(f"unknown export format {fmt!r}")
    return renderers[fmt](report, answers, exported)
