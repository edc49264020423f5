"""The group report for a facilitator: many assessments of one bank, summarised anonymously.

`build_group` is pure (it is given assessments, not files); the `render_*` functions write it as
text, Markdown or HTML. Names appear only when asked for (`named=True`); notes never do.
"""

from __future__ import annotations

import datetime as dt
import statistics
import textwrap
from collections import Counter
from dataclasses import replace
from typing import NamedTuple

from svassess.assessment import Assessment
from svassess.bank import Bank, Level, Question, Resource, Section
from svassess.documents import esc, html_page, md_escape
from svassess.guidance import recommendations
from svassess.rounding import shown_score
from svassess.scoring import score_assessment
from svassess.text import clean_line

TOP = 10
BOX_WIDTH = 41


class Spread(NamedTuple):
    """Five numbers that describe how a set of scores is spread."""

    low: float
    q1: float
    median: float
    q3: float
    high: float

    @classmethod
    def of(cls, values: list[float]) -> Spread:
        ordered = sorted(values)
        if len(ordered) == 1:
            return cls(*(ordered[0],) * 5)
        q1, median, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
        return cls(ordered[0], q1, median, q3, ordered[-1])


class SectionSpread(NamedTuple):
    section: Section
    spread: Spread | None
    """None when no assessment in the group was asked a scored question in this section."""


class Gap(NamedTuple):
    question: Question
    weak: int
    """How many scored nothing on it: unanswered, "not sure", or the lowest answer."""
    asked: int


class Member(NamedTuple):
    """What the named list shows of one assessment (its answers are let go once counted)."""

    name: str
    organisation: str
    overall: float
    level: Level


class GroupReport(NamedTuple):
    bank: Bank
    members: tuple[Member, ...]
    versions: dict[str, int]
    shared_questions: int | None
    """Set when assessments use several bank versions: the questions the comparison kept."""
    completeness: Spread | None
    levels: tuple[tuple[Level, int], ...]
    sections: tuple[SectionSpread, ...]
    gaps: tuple[Gap, ...]
    resources: tuple[tuple[Resource, int], ...]
    skipped: tuple[str, ...]
    made: dt.datetime | None = None
    """When the report was made (local time); None means now, when it is written out."""


def shared_bank(bank: Bank, assessments: list[Assessment]) -> tuple[Bank, int | None]:
    """With several bank versions, keep only the questions every version seems to have (those
    answered by someone on each version); with one, the bank as it is."""
    by_version: dict[str, set[str]] = {}
    for a in assessments:
        by_version.setdefault(a.bank_version, set()).update(a.answers)
    return _shared(bank, by_version)


def _shared(bank: Bank, by_version: dict[str, set[str]]) -> tuple[Bank, int | None]:
    if len(by_version) <= 1:
        return bank, None
    common = set.intersection(*by_version.values())
    kept = tuple(q for q in bank.questions if q.id in common or not q.scored)
    return replace(bank, questions=kept), sum(1 for q in kept if q.scored)


class GroupTally:
    """A group report counted one assessment at a time, so that over thousands of files each
    can be let go once counted (memory stays flat).

    Assessments on several versions of the bank are compared on the questions they share, which
    is known only once all have been seen: `shared_questions_bank` then says so, and the
    assessments must be counted again by a new tally made with that bank."""

    def __init__(self, bank: Bank, compared: tuple[Bank, int | None] | None = None):
        self.bank = bank
        self.compared, self.shared = compared or (bank, None)
        self.members: list[Member] = []
        self.completeness: list[float] = []
        self.level_counts: Counter[str] = Counter()
        self.section_scores: dict[str, list[float]] = {s.id: [] for s in bank.sections}
        self.gap_weak: Counter[str] = Counter()
        self.gap_asked: Counter[str] = Counter()
        self.resource_counts: Counter[str] = Counter()
        self.versions: Counter[str] = Counter()
        self.answered_by_version: dict[str, set[str]] = {}

    def add(self, a: Assessment) -> None:
        """Count one assessment of this tally's bank."""
        compared = self.compared
        self.versions[a.bank_version] += 1
        self.answered_by_version.setdefault(a.bank_version, set()).update(a.answers)
        result = score_assessment(compared, a)
        self.members.append(Member(a.name, a.organisation, result.overall, result.level))
        self.completeness.append(result.completeness)
        self.level_counts[result.level.id] += 1
        for s in result.sections:
            if s.score is not None and s.section.weight > 0:
                self.section_scores[s.section.id].append(s.score)
        for question_id, share in result.question_scores.items():
            self.gap_asked[question_id] += 1
            if share == 0:
                self.gap_weak[question_id] += 1
        seen: set[str] = set()
        for rec in recommendations(compared, a, result):
            for resource in rec.resources:
                if resource.id not in seen:
                    seen.add(resource.id)
                    self.resource_counts[resource.id] += 1

    def shared_questions_bank(self) -> tuple[Bank, int | None] | None:
        """The bank cut to the questions all versions share, when the assessments counted so far
        need one and this tally was not made with it; else None."""
        if self.shared is not None or len(self.answered_by_version) <= 1:
            return None
        return _shared(self.bank, self.answered_by_version)

    def report(self, skipped: list[str] | None = None,
               made: dt.datetime | None = None) -> GroupReport:
        bank, compared = self.bank, self.compared
        gaps = sorted((Gap(q, self.gap_weak[q.id], self.gap_asked[q.id])
                       for q in compared.questions if self.gap_weak[q.id]),
                      key=lambda g: (-g.weak, -g.weak / g.asked))
        return GroupReport(
            bank=bank,
            members=tuple(self.members),
            versions=dict(self.versions),
            shared_questions=self.shared,
            completeness=Spread.of(self.completeness) if self.completeness else None,
            levels=tuple((level, self.level_counts[level.id]) for level in bank.levels),
            sections=tuple(SectionSpread(s, Spread.of(self.section_scores[s.id])
                                         if self.section_scores[s.id] else None)
                           for s in bank.sections if s.weight > 0),
            gaps=tuple(gaps[:TOP]),
            resources=tuple((bank.resources[rid], n)
                            for rid, n in self.resource_counts.most_common(TOP)),
            skipped=tuple(skipped or ()),
            made=made,
        )


def other_bank(bank_id: str) -> str:
    """What the report says of an assessment of another bank, which it leaves out."""
    return f"An assessment uses another question bank ({clean_line(bank_id)}); it is left out."


def build_group(bank: Bank, assessments: list[Assessment],
                skipped: list[str] | None = None, made: dt.datetime | None = None) -> GroupReport:
    """The group report of assessments in memory (`GroupTally` counts them one at a time)."""
    skipped = list(skipped or [])
    same_bank: list[Assessment] = []
    for a in assessments:
        if a.bank == bank.id:
            same_bank.append(a)
        else:
            skipped.append(other_bank(a.bank))
    tally = GroupTally(bank, shared_bank(bank, same_bank))
    for a in same_bank:
        tally.add(a)
    return tally.report(skipped, made)


def box_plot(spread: Spread, width: int = BOX_WIDTH) -> str:
    """A text box plot on a 0–100 scale:
    ├ lowest, [ first quartile, | median, ] third quartile, ┤ highest."""
    def at(value: float) -> int:
        return round(max(0.0, min(value, 100.0)) * (width - 1) / 100)

    cells = ["·"] * width
    for i in range(at(spread.low), at(spread.high) + 1):
        cells[i] = "─"
    for i in range(at(spread.q1), at(spread.q3) + 1):
        cells[i] = "="
    cells[at(spread.low)], cells[at(spread.high)] = "├", "┤"
    cells[at(spread.q1)], cells[at(spread.q3)] = "[", "]"
    cells[at(spread.median)] = "|"
    return "".join(cells)


def spread_words(spread: Spread) -> str:
    return (f"lowest {shown_score(spread.low)}, quartiles {shown_score(spread.q1)}/"
            f"{shown_score(spread.median)}/{shown_score(spread.q3)}, highest "
            f"{shown_score(spread.high)}")


def _intro_lines(group: GroupReport) -> list[str]:
    count = len(group.members)
    made = group.made or dt.datetime.now().astimezone()
    lines = [f"{count} assessment(s) of {clean_line(group.bank.title)}.",
             f"Made on {made.strftime('%d %B %Y at %H:%M')}."]
    if group.completeness:
        lines.append(f"Completeness: {spread_words(group.completeness)} (% of questions "
                     f"answered).")
    if group.shared_questions is not None:
        versions = ", ".join(f"{clean_line(v)} ({n})" for v, n in sorted(group.versions.items()))
        lines.append(f"The assessments use {len(group.versions)} versions of the bank "
                     f"({versions}), so scores compare only the {group.shared_questions} scored "
                     f"questions they share.")
    return lines


def render_text(group: GroupReport, named: bool = False) -> str:
    out = ["Group report", "============", "", *_intro_lines(group), ""]
    out += ["Levels", "------"]
    biggest = max((n for _, n in group.levels), default=0) or 1
    for level, n in group.levels:
        out.append(f"{clean_line(level.name)[:24]:<24} {n:>4}  {'█' * round(30 * n / biggest)}")
    out += ["", "Sections (0-100: ├ lowest  [ quartile  | median  ] quartile  ┤ highest)",
            "--------"]
    for s in group.sections:
        out.append(clean_line(s.section.title))
        if s.spread is None:
            out.append("  (nobody was asked this section's questions)")
        else:
            out.append(f"  {box_plot(s.spread)}  {spread_words(s.spread)}")
    out += ["", "Most common gaps (how many scored nothing: unanswered, not sure or the "
            "lowest answer)",
            "----------------"]
    out += [textwrap.fill(f"{g.weak:>4} of {g.asked:<4} {clean_line(g.question.prompt)}",
                          width=80, subsequent_indent=" " * 13) for g in group.gaps] or ["None."]
    out += ["", "Resources most often recommended", "--------------------------------"]
    out += [textwrap.fill(f"{n:>4}  {clean_line(r.title)} - {clean_line(r.publisher)}",
                          width=80, subsequent_indent=" " * 6) + f"\n      {clean_line(r.url)}"
            for r, n in group.resources] or ["None."]
    if named:
        out += ["", "Assessments (named)", "-------------------"]
        out += [f"{clean_line(m.name)} ({clean_line(m.organisation) or '-'}): "
                f"{shown_score(m.overall)}, {clean_line(m.level.name)}"
                for m in group.members]
    if group.skipped:
        out += ["", "Left out", "--------", *(clean_line(s) for s in group.skipped)]
    return "\n".join(out) + "\n"


def render_markdown(group: GroupReport, named: bool = False) -> str:
    intro = [p for line in _intro_lines(group) for p in (md_escape(line), "")]
    out = ["# Group report", "", *intro,
           "## Levels", "", "| Level | Assessments |", "|---|---:|"]
    out += [f"| {md_escape(level.name, cell=True)} | {n} |" for level, n in group.levels]
    out += ["", "## Sections", "", "| Section | Lowest | Q1 | Median | Q3 | Highest |",
            "|---|---:|---:|---:|---:|---:|"]
    for s in group.sections:
        if s.spread:
            numbers = " | ".join(str(shown_score(v)) for v in (
                s.spread.low, s.spread.q1, s.spread.median, s.spread.q3, s.spread.high))
        else:
            numbers = " | ".join("-" for _ in range(5))
        out.append(f"| {md_escape(s.section.title, cell=True)} | {numbers} |")
    out += ["", "## Most common gaps", ""]
    out += [f"- {g.weak} of {g.asked}: {md_escape(g.question.prompt)}" for g in group.gaps] \
        or ["None."]
    out += ["", "## Resources most often recommended", ""]
    out += [f"- {n}: *{md_escape(r.title)}*, {md_escape(r.publisher)}" for r, n in
            group.resources] or ["None."]
    if named:
        out += ["", "## Assessments (named)", ""]
        out += [f"- {md_escape(m.name)} ({md_escape(m.organisation) or '-'}): "
                f"{shown_score(m.overall)}, {md_escape(m.level.name)}"
                for m in group.members]
    if group.skipped:
        out += ["", "## Left out", "", *(f"- {md_escape(s)}" for s in group.skipped)]
    return "\n".join(out) + "\n"


_GROUP_CSS = """
svg.spread { width: 18rem; height: 1.4rem; vertical-align: middle; }
svg.count { width: 10rem; height: 0.9rem; vertical-align: middle; }
.key { font-size: 0.9em; color: #444; }
"""


def spread_svg(spread: Spread) -> str:
    """A box plot on 0-100 as inline SVG: whiskers from lowest to highest, a box over the middle
    half, a thick line at the median. Drawn, so it prints whatever the browser's settings."""
    def x(value: float) -> str:
        return f"{max(0.0, min(value, 100.0)):.1f}"

    return ('<svg class="spread" viewBox="0 0 100 14" preserveAspectRatio="none" role="img" '
            f'aria-label="{esc(spread_words(spread))}">'
            '<line x1="0" y1="13.5" x2="100" y2="13.5" stroke="#999" stroke-width="0.3"/>'
            f'<line x1="{x(spread.low)}" y1="7" x2="{x(spread.high)}" y2="7" stroke="#1d4f91" '
            'stroke-width="0.6"/>'
            f'<rect x="{x(spread.q1)}" y="2" width="{max(0.6, spread.q3 - spread.q1):.1f}" '
            'height="10" fill="#c9d8ee" stroke="#1d4f91" stroke-width="0.5"/>'
            f'<line x1="{x(spread.median)}" y1="1" x2="{x(spread.median)}" y2="13" '
            'stroke="#0b2447" stroke-width="1.5"/></svg>')


def count_svg(n: int, biggest: int) -> str:
    width = 100 * n / biggest if biggest else 0
    return ('<svg class="count" viewBox="0 0 100 10" preserveAspectRatio="none" '
            f'aria-hidden="true"><rect x="0" y="0" width="{width:.1f}" height="10" '
            'fill="#1d4f91"/></svg>')


def render_html(group: GroupReport, named: bool = False) -> str:
    biggest = max((n for _, n in group.levels), default=0)
    body = ["<header><h1>Group report</h1>",
            *(f"<p>{esc(line)}</p>" for line in _intro_lines(group)), "</header>", "<main>",
            "<section><h2>Levels</h2><table><thead><tr><th scope=\"col\">Level</th>"
            "<th scope=\"col\">Assessments</th></tr></thead><tbody>"]
    body += [f'<tr><th scope="row">{esc(level.name)}</th><td>{count_svg(n, biggest)} {n}'
             f"</td></tr>" for level, n in group.levels]
    body += ["</tbody></table></section>", "<section><h2>Sections</h2>",
             '<p class="key">Each picture runs from 0 to 100: the line from the lowest to the '
             "highest score, the box over the middle half, the dark mark at the median.</p>",
             '<table><thead><tr><th scope="col">Section</th><th scope="col">Spread</th>'
             '<th scope="col">Lowest</th><th scope="col">Q1</th><th scope="col">Median</th>'
             '<th scope="col">Q3</th><th scope="col">Highest</th></tr></thead><tbody>']
    for s in group.sections:
        if s.spread:
            cells = f"<td>{spread_svg(s.spread)}</td>" + "".join(
                f"<td>{shown_score(v)}</td>" for v in (s.spread.low, s.spread.q1,
                                                      s.spread.median, s.spread.q3,
                                                      s.spread.high))
        else:
            cells = "<td>-</td>" * 6
        body.append(f'<tr><th scope="row">{esc(s.section.title)}</th>{cells}</tr>')
    body += ["</tbody></table></section>",
             "<section><h2>Most common gaps</h2>",
             '<p class="key">Ranked by how many organisations scored nothing on the question '
             "(unanswered, not sure or the lowest answer).</p>"]
    body.append("<ol>" + "".join(f"<li>{esc(g.question.prompt)} ({g.weak} of {g.asked})</li>"
                                 for g in group.gaps) + "</ol>" if group.gaps else "<p>None.</p>")
    body += ["</section>", "<section><h2>Resources most often recommended</h2>"]
    body.append("<ol>" + "".join(f"<li><cite>{esc(r.title)}</cite>, {esc(r.publisher)} "
                                 f"({n})</li>" for r, n in group.resources) + "</ol>"
                if group.resources else "<p>None.</p>")
    body.append("</section>")
    if named:
        body += ["<section><h2>Assessments (named)</h2><ul>"]
        body += [f"<li>{esc(m.name)} ({esc(m.organisation) or '-'}): "
                 f"{shown_score(m.overall)}, {esc(m.level.name)}</li>"
                 for m in group.members]
        body.append("</ul></section>")
    if group.skipped:
        body += ["<section><h2>Left out</h2><ul>",
                 *(f"<li>{esc(s)}</li>" for s in group.skipped), "</ul></section>"]
    body.append("</main>")
    return html_page("Group report", body, _GROUP_CSS)


RENDERERS = {"text": render_text, "md": render_markdown, "html": render_html}
