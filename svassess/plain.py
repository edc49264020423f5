"""The report as plain text: `svassess show`, the text export, and any line-by-line front end.

`render_text(document, width)` lays out the report model (svassess.report) and adds no words of
its own. A URL is never broken across lines and wrapped lines keep their indent.
"""

from __future__ import annotations

import re
import textwrap

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
    build_document,
    score_bar,
)

BAR_WIDTH = 20
_KEEP = "\u00a0"   # textwrap splits only at ASCII whitespace, so this holds words together


_URL = re.compile(r"^(https?://|www\.)\S+$")


class _Wrapper(textwrap.TextWrapper):
    """Breaks a word too long for a line, unless it is a web address: that stands whole on a
    line of its own, so it can still be copied and typed."""

    def _handle_long_word(self, reversed_chunks, cur_line, cur_len, width):
        if _URL.match(reversed_chunks[-1]):
            if not cur_line:
                cur_line.append(reversed_chunks.pop())
            return
        super()._handle_long_word(reversed_chunks, cur_line, cur_len, width)


def wrap(text: str, width: int, indent: str = "", hang: str | None = None) -> list[str]:
    """Wrap at spaces: every line keeps the indent, and a URL is never broken."""
    wrapper = _Wrapper(width=width, initial_indent=indent,
                       subsequent_indent=indent if hang is None else hang,
                       break_on_hyphens=False)
    return [line.replace(_KEEP, " ") for line in wrapper.wrap(text)] or [indent.rstrip()]


def keep_whole(text: str) -> str:
    return text.replace(" ", _KEEP)


def render_text(document: Document, width: int = 80, ascii_only: bool = False) -> str:
    """The whole document as plain text lines of at most `width` characters (a URL longer than
    that stands alone on its line)."""
    out = wrap(document.title, width) + ["=" * min(width, len(document.title))]
    for part in document.parts:
        out += ["", *wrap(part.title, width), "-" * min(width, len(part.title))]
        for block in part.blocks:
            out += block_lines(block, width, ascii_only)
    return "\n".join(line.rstrip() for line in out) + "\n"


def summary_text(report: Report, width: int = 80, ascii_only: bool = False) -> str:
    """Just the "At a glance" part, for a front end that prints the summary alone."""
    document = build_document(report)
    summary = document.part("summary")
    assert summary is not None
    out = wrap(document.title, width) + ["", *wrap(summary.title, width)]
    for block in summary.blocks:
        out += block_lines(block, width, ascii_only)
    return "\n".join(line.rstrip() for line in out) + "\n"


def block_lines(block: Block, width: int, ascii_only: bool = False) -> list[str]:
    if isinstance(block, Facts):
        pad = max(len(label) for label, _ in block.rows) + 2
        out: list[str] = []
        for label, value in block.rows:
            out += wrap(f"{label + ':':<{pad}}{value}", width, hang=" " * pad)
        return out
    if isinstance(block, Headline):
        return ["", *wrap(block.text, width)]
    if isinstance(block, Paragraph):
        return ["", *wrap(block.text, width)]
    if isinstance(block, Items):
        if not block.items:
            return ["", *wrap(block.empty, width)] if block.empty else []
        if block.inline:
            return ["", *wrap(f"{block.label}: {', '.join(block.items)}.", width)]
        out = ["", *wrap(f"{block.label}:", width)]
        for n, item in enumerate(block.items, start=1):
            mark = f"{n}. " if block.numbered else "- "
            out += wrap(item, width, "  " + mark, hang="  " + " " * len(mark))
        return out
    if isinstance(block, Bars):
        return bars_lines(block, width, ascii_only)
    if isinstance(block, Recommendations):
        if not block.items:
            return wrap(block.empty, width)
        out = []
        for rec in block.items[:block.in_full]:
            out += rec_lines(rec, width)
        if block.rest_note:
            out += ["", *wrap(block.rest_note, width)]
            for rec in block.items[block.in_full:]:
                out += wrap(rec.line, width, "  ", hang="  " + " " * (len(str(rec.number)) + 2))
        return out
    if isinstance(block, Details):
        out = []
        for rec in block.items:
            out += rec_lines(rec, width)
        return out
    if isinstance(block, Table):
        if not block.rows:
            return wrap(block.empty, width)
        out = []
        for row in block.rows:
            rest = "; ".join(
                f"{header}: {keep_whole(value) if i in block.keep_whole else value}"
                for i, (header, value) in enumerate(zip(block.headers, row, strict=True)) if i)
            out += wrap(row[0], width, "- ", hang="  ") + wrap(rest, width, "  ")
        return out
    if isinstance(block, AnswerGroup):
        out = ["", *wrap(block.title, width)]
        for prompt, lines in block.rows:
            out += wrap(prompt, width, "- ", hang="  ")
            for line in lines:
                out += wrap(line, width, "  ", hang="    ")
        return out
    if isinstance(block, ResourceList):
        out = []
        for entry in block.items:
            out += wrap(f"{entry.title} - {entry.source}", width, "- ", hang="  ")
            out += wrap(entry.url, width, "  ")
            out += wrap(entry.summary, width, "  ")
        return out
    raise TypeError(f"no text layout for {type(block).__name__}")


def rec_lines(rec: Rec, width: int) -> list[str]:
    hang = " " * (len(str(rec.number)) + 2)
    out = ["", *wrap(f"{rec.number}. {rec.title}", width, hang=hang)]
    out += wrap(" · ".join(x for x in (rec.about, rec.decision) if x), width, hang, hang)
    for paragraph in rec.advice:
        out += wrap(paragraph, width, hang, hang)
    for line in rec.reading:
        out += wrap(line, width, hang, hang + "  ")
    return out


def bars_lines(block: Bars, width: int, ascii_only: bool) -> list[str]:
    label_head, score_head, detail_head = block.headers
    details = max([len(detail_head)] + [len(b.detail) for b in block.rows])
    label_width = max(10, width - BAR_WIDTH - 5 - 1 - details - 2)
    label_width = min(label_width, max([len(label_head)] + [len(b.label) for b in block.rows]))
    out = ["", f"{label_head:<{label_width}}  {score_head:<{BAR_WIDTH + 5}} "
               f"{detail_head:>{details}}"]
    for bar in block.rows:
        labels = wrap(bar.label, label_width)
        out.append(f"{labels[0]:<{label_width}}  {score_bar(bar.score, BAR_WIDTH, ascii_only)} "
                   f"{bar.value:>3}  {bar.detail:>{details}}")
        out += labels[1:]
    return out
