"""The bid annex: commitments table, delivery timeline, monitoring and reporting plan, and an
outline of the method statement per criterion, in text, Markdown or HTML.

Filled only with the provider's own commitments and notes: nothing is invented. What is still
missing shows as a placeholder in square brackets. All text goes through the same escaping as
the other exports (svassess/documents.py).
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from typing import NamedTuple

from svassess import __version__
from svassess.documents import esc, html_page, md_escape
from svassess.tender import Commitment, Tender
from svassess.tender_checks import (
    CriterionEvidence,
    Readiness,
    TenderRules,
    evidence_map,
    money,
    total_cost,
)
from svassess.tender_terms import BUYER_TYPE_NAMES, NATION_NAMES
from svassess.text import clean_line

FORMATS = ("html", "md", "text")
EXTENSIONS = {"html": "html", "md": "md", "text": "txt"}
WIDTH = 80


def missing(what: str) -> str:
    return f"[to add: {what}]"


_PLACEHOLDER = re.compile(r"\[to add: [^\]]*\]")


def word_count(text: str) -> int:
    """Words written by the provider: placeholders do not count."""
    return len(_PLACEHOLDER.sub(" ", text).split())


class Part(NamedTuple):
    """One commitment as the annex shows it: every field, or a placeholder for it."""

    id: str
    criterion: str
    what: str
    measure: str
    baseline: str
    target: str
    by: str
    cost: str
    owner: str
    evidence: str
    frequency: str
    report_to: str
    due: dt.date | None


def _part(c: Commitment) -> Part:
    def field(value: str, what: str) -> str:
        return clean_line(value) or missing(what)

    return Part(
        c.id, c.criterion, field(c.what, "what you will do"), field(c.measure, "the measure"),
        field(c.baseline, "the baseline"), field(c.target, "the target"),
        c.by.isoformat() if c.by else missing("date"),
        money(c.cost) if c.cost is not None else missing("cost"), field(c.owner, "owner"),
        field(c.evidence, "how delivery will be shown"),
        field(c.frequency, "how often, agreed with the buyer"),
        field(c.report_to, "to whom, agreed with the buyer"), c.by)


def statement(part: Part) -> str:
    """A commitment as one paragraph of the method statement, in the provider's own words."""
    what = part.what.rstrip(".")
    return (f"{what}. We will measure {part.measure}: {part.baseline} now, {part.target} by "
            f"{part.by}. {part.owner} is responsible. Evidence: {part.evidence.rstrip('.')}.")


class Outline(NamedTuple):
    id: str
    criterion: str
    commitments: tuple[Part, ...]
    evidence: CriterionEvidence

    def paragraphs(self) -> list[str]:
        if not self.commitments:
            return [missing("a specific, measurable, time-bound commitment for this criterion")]
        return [statement(p) for p in self.commitments]


class Annex(NamedTuple):
    tender: Tender
    organisation: str
    parts: tuple[Part, ...]
    outlines: tuple[Outline, ...]
    unplaced: tuple[Part, ...]
    """Commitments against no criterion the tender has."""
    total: int
    words: int

    @property
    def word_line(self) -> str:
        limit = self.tender.word_limit
        if limit:
            over = " (over the limit)" if self.words > limit else ""
            return (f"Method statement so far: {self.words} of {limit} words{over}; "
                    f"placeholders are not counted.")
        return f"Method statement so far: {self.words} words; the tender gives no word limit."

    def facts(self) -> list[tuple[str, str]]:
        t = self.tender
        rows = [("Contract", clean_line(t.title) or missing("title")),
                ("Buyer", clean_line(t.buyer) or missing("buyer"))]
        if self.organisation:
            rows.append(("Bidder", clean_line(self.organisation)))
        rows += [
            ("Buyer type", BUYER_TYPE_NAMES.get(t.buyer_type, clean_line(t.buyer_type))
             or missing("buyer type")),
            ("Nation", NATION_NAMES.get(t.nation, clean_line(t.nation)) or missing("nation")),
            ("Whole-life value", money(t.value) if t.value is not None else missing("value")),
            ("Length", f"{t.months} months" if t.months else missing("months")),
            ("Social value weighting", f"{t.weighting:g}%" if t.weighting is not None
             else missing("weighting")),
            ("Bids due", t.deadline.isoformat() if t.deadline else missing("deadline")),
            ("Cost of these commitments", money(self.total)),
        ]
        return rows

    def timeline(self) -> list[tuple[str, Part]]:
        """Commitments by due date (undated last), each with the contract year it falls in."""
        start = self.tender.starts or self.tender.deadline
        dated = sorted((p for p in self.parts if p.due), key=lambda p: (p.due, p.id))
        rows = []
        for part in dated:
            label = part.by
            if start and part.due and part.due >= start:
                year = (part.due.year - start.year) * 12 + part.due.month - start.month
                year = year // 12 + 1
                label = f"{part.by} (year {year})"
            rows.append((label, part))
        rows += [(missing("date"), p) for p in self.parts if not p.due]
        return rows


def build_annex(tender: Tender, rules: TenderRules, readiness: Readiness | None,
                organisation: str = "") -> Annex:
    parts = tuple(_part(c) for c in tender.commitments)
    evidence = {e.criterion_id: e for e in evidence_map(tender, rules, readiness)}
    outlines = tuple(
        Outline(c.id, clean_line(c.text) or missing("the criterion as written"),
                tuple(p for p in parts if p.criterion == c.id), evidence[c.id])
        for c in tender.criteria)
    known = {c.id for c in tender.criteria}
    unplaced = tuple(p for p in parts if p.criterion not in known)
    words = sum(word_count(" ".join(o.paragraphs())) for o in outlines)
    words += sum(word_count(statement(p)) for p in unplaced)
    return Annex(tender, organisation, parts, outlines, unplaced, total_cost(tender), words)


_TABLE = ("Id", "Criterion", "What", "Measure", "Baseline", "Target", "By", "Cost", "Owner")


def _table_cells(p: Part) -> tuple[str, ...]:
    return (p.id, p.criterion or missing("criterion"), p.what, p.measure, p.baseline, p.target,
            p.by, p.cost, p.owner)


def _note_lines(outline: Outline) -> list[str]:
    return [f"{clean_line(n.prompt)} {clean_line(n.note)}" for n in outline.evidence.notes]


# --- text --------------------------------------------------------------------------------------

def _wrap(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(clean_line(text), WIDTH, initial_indent=indent,
                         subsequent_indent=" " * len(indent)) or [indent.rstrip()]


def render_text(annex: Annex) -> str:
    t = annex.tender
    out = [f"Social value annex: {clean_line(t.title) or missing('title')}", ""]
    out += [f"{label}: {value}" for label, value in annex.facts()]
    out += ["", "COMMITMENTS", ""]
    if not annex.parts:
        out.append(missing("commitments"))
    for p in annex.parts:
        out += _wrap(f"{p.id} (criterion {p.criterion or missing('criterion')}): {p.what}")
        out += _wrap(f"Measure: {p.measure}. Baseline {p.baseline}; target {p.target} by "
                     f"{p.by}.", "    ")
        out += _wrap(f"Cost: {p.cost}. Owner: {p.owner}.", "    ")
    out += ["", f"Total cost over the contract: {money(annex.total)}", "", "DELIVERY TIMELINE",
            ""]
    for label, p in annex.timeline():
        out += _wrap(f"{label}: {p.id} {p.what}")
    out += ["", "MONITORING AND REPORTING", ""]
    for p in annex.parts:
        out += _wrap(f"{p.id} {p.measure}")
        out += _wrap(f"How often: {p.frequency}. To whom: {p.report_to}. Evidence: "
                     f"{p.evidence}.", "    ")
    out += ["", "METHOD STATEMENT OUTLINE", ""]
    out += _wrap(annex.word_line)
    for o in annex.outlines:
        out += ["", *_wrap(f"Criterion {o.id}: {o.criterion}")]
        for paragraph in o.paragraphs():
            out += ["", *_wrap(paragraph, "  ")]
        notes = _note_lines(o)
        if notes:
            out += ["", "  What we can already show (our own notes):"]
            for note in notes:
                out += _wrap(note, "  - ")
    if annex.unplaced:
        out += ["", "Commitments against no criterion of this tender:"]
        for p in annex.unplaced:
            out += _wrap(statement(p), "  ")
    out += ["", f"Made with svassess {__version__}: every statement above is the bidder's own.",
            ""]
    return "\n".join(line.rstrip() for line in out)


# --- Markdown ----------------------------------------------------------------------------------

def render_markdown(annex: Annex) -> str:
    t = annex.tender
    out = [f"# Social value annex: {md_escape(t.title) or md_escape(missing('title'))}", ""]
    out += [f"- **{label}:** {md_escape(value)}" for label, value in annex.facts()]
    out += ["", "## Commitments", "", "| " + " | ".join(_TABLE) + " |",
            "|" + "---|" * len(_TABLE)]
    out += ["| " + " | ".join(md_escape(c, cell=True) for c in _table_cells(p)) + " |"
            for p in annex.parts]
    out += ["", f"**Total cost over the contract:** {md_escape(money(annex.total))}", "",
            "## Delivery timeline", ""]
    out += [f"- **{md_escape(label)}:** {md_escape(p.id)} {md_escape(p.what)}"
            for label, p in annex.timeline()] or [md_escape(missing("commitments"))]
    out += ["", "## Monitoring and reporting", "", "| Measure | How often | To whom | Evidence |",
            "|---|---|---|---|"]
    out += [f"| {md_escape(p.id, cell=True)}: {md_escape(p.measure, cell=True)} | "
            f"{md_escape(p.frequency, cell=True)} | {md_escape(p.report_to, cell=True)} | "
            f"{md_escape(p.evidence, cell=True)} |" for p in annex.parts]
    out += ["", "## Method statement outline", "", md_escape(annex.word_line)]
    for o in annex.outlines:
        out += ["", f"### Criterion {md_escape(o.id)}: {md_escape(o.criterion)}", ""]
        for paragraph in o.paragraphs():
            out += [md_escape(paragraph), ""]
        notes = _note_lines(o)
        if notes:
            out += ["What we can already show (our own notes):", ""]
            out += [f"- {md_escape(n)}" for n in notes]
    if annex.unplaced:
        out += ["", "### Commitments against no criterion of this tender", ""]
        out += [md_escape(statement(p)) + "\n" for p in annex.unplaced]
    out += ["", "---", "", md_escape(f"Made with svassess {__version__}: every statement above "
                                     f"is the bidder's own."), ""]
    return "\n".join(out)


# --- HTML --------------------------------------------------------------------------------------

_CSS = """
.placeholder { background: #fff4e5; }
td { font-size: 0.92rem; }
@media print { #outline { break-before: page; } }
"""


def _h(text: str) -> str:
    """Escaped text with each placeholder marked, so a printed annex shows what is missing."""
    pieces, last = [], 0
    cleaned = clean_line(text)
    for match in _PLACEHOLDER.finditer(cleaned):
        pieces.append(esc(cleaned[last:match.start()]))
        pieces.append(f'<mark class="placeholder">{esc(match.group())}</mark>')
        last = match.end()
    pieces.append(esc(cleaned[last:]))
    return "".join(pieces)


def render_html(annex: Annex) -> str:
    t = annex.tender
    out = ["<header>", f"<h1>Social value annex: {_h(t.title or missing('title'))}</h1>",
           '<dl class="facts">']
    out += [f"<dt>{esc(label)}</dt><dd>{_h(value)}</dd>" for label, value in annex.facts()]
    out += ["</dl>", "</header>", '<section id="commitments">', "<h2>Commitments</h2>",
            "<table><thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in _TABLE) +
            "</tr></thead><tbody>"]
    out += ["<tr>" + "".join(f"<td>{_h(c)}</td>" for c in _table_cells(p)) + "</tr>"
            for p in annex.parts]
    out += ["</tbody></table>",
            f"<p><strong>Total cost over the contract:</strong> {esc(money(annex.total))}</p>",
            "</section>", '<section id="timeline">', "<h2>Delivery timeline</h2>", "<ul>"]
    out += [f"<li><strong>{_h(label)}</strong>: {esc(p.id)} {_h(p.what)}</li>"
            for label, p in annex.timeline()]
    out += ["</ul>", "</section>", '<section id="monitoring">',
            "<h2>Monitoring and reporting</h2>",
            "<table><thead><tr><th>Measure</th><th>How often</th><th>To whom</th>"
            "<th>Evidence</th></tr></thead><tbody>"]
    out += [f"<tr><td>{esc(p.id)}: {_h(p.measure)}</td><td>{_h(p.frequency)}</td>"
            f"<td>{_h(p.report_to)}</td><td>{_h(p.evidence)}</td></tr>" for p in annex.parts]
    out += ["</tbody></table>", "</section>", '<section id="outline">',
            "<h2>Method statement outline</h2>", f"<p>{esc(annex.word_line)}</p>"]
    for o in annex.outlines:
        out.append(f"<h3>Criterion {esc(o.id)}: {_h(o.criterion)}</h3>")
        out += [f"<p>{_h(paragraph)}</p>" for paragraph in o.paragraphs()]
        notes = _note_lines(o)
        if notes:
            out.append("<p>What we can already show (our own notes):</p><ul>"
                       + "".join(f"<li>{esc(n)}</li>" for n in notes) + "</ul>")
    if annex.unplaced:
        out.append("<h3>Commitments against no criterion of this tender</h3>")
        out += [f"<p>{_h(statement(p))}</p>" for p in annex.unplaced]
    out += ["</section>", "<footer>", f"<p>Made with svassess {esc(__version__)}: every "
            f"statement above is the bidder's own.</p>", "</footer>"]
    return html_page(f"Social value annex: {t.title or 'tender'}", out, _CSS)


RENDERERS = {"html": render_html, "md": render_markdown, "text": render_text}
