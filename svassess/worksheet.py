"""The paper worksheet: the whole questionnaire with tick boxes and room for notes.

For people in a workshop without a laptop; a facilitator can type the answers in later in the app.
Questions asked only after certain answers say so, in words.
"""

from __future__ import annotations

import textwrap

from svassess.bank import Bank, Question
from svassess.documents import esc, html_page, md_escape
from svassess.text import clean_line, clean_text

WIDTH = 80


def numbering(bank: Bank) -> dict[str, str]:
    """Question numbers as printed: section number, then question number ("3.2")."""
    numbers = {}
    for s_index, section in enumerate(bank.sections, start=1):
        for q_index, question in enumerate(bank.questions_in(section.id), start=1):
            numbers[question.id] = f"{s_index}.{q_index}"
    return numbers


def condition_words(bank: Bank, question: Question, numbers: dict[str, str]) -> str:
    """'Answer only if you chose "Wales" at 1.1.' for a conditional question."""
    if question.show_if is None:
        return ""
    target = bank.question(question.show_if.question)
    labels = [o.label for o in target.options if o.value in question.show_if.values] \
        if target else list(question.show_if.values)
    chosen = " or ".join(f'"{clean_line(label)}"' for label in labels)
    return f"Answer only if you chose {chosen} at {numbers.get(question.show_if.question, '?')}."


def choices(question: Question) -> list[str]:
    if question.kind == "scale" and question.scale:
        return [f"{point} ({words})" if words else str(point)
                for point, words in question.scale.points()]
    return [o.label for o in question.options]


def how_to_answer(question: Question) -> str:
    """How to mark the answer, unless the question's own words already say it."""
    how = {"single": "Tick one.", "multi": "Tick all that apply.", "scale": "Tick one.",
           "text": "Write your answer."}.get(question.kind, "")
    return "" if how.rstrip(".").casefold() in clean_line(question.prompt).casefold() else how


def mark(question: Question) -> str:
    """A circle where one answer is chosen, a square where several may be."""
    return "[ ]" if question.kind == "multi" else "( )"


def instruction(bank: Bank, question: Question, numbers: dict[str, str]) -> str:
    return " ".join(x for x in (condition_words(bank, question, numbers),
                                how_to_answer(question)) if x)


def _wrap(text: str, indent: str = "", hang: str | None = None) -> list[str]:
    return textwrap.wrap(clean_line(text), width=WIDTH, initial_indent=indent,
                         subsequent_indent=indent if hang is None else hang) or [indent]


def render_text(bank: Bank) -> str:
    numbers = numbering(bank)
    out = [*_wrap(bank.title), "=" * min(WIDTH, len(clean_line(bank.title))), "",
           *_wrap(f"Question bank version {bank.version}; policy facts checked "
                  f"{bank.last_checked.isoformat()}."), "",
           "Organisation: ______________________________  Date: ______________", ""]
    for section in bank.sections:
        out += ["", *_wrap(section.title), "-" * min(WIDTH, len(clean_line(section.title)))]
        out += _wrap(section.intro) + [""]
        for question in bank.questions_in(section.id):
            number = numbers[question.id]
            out += _wrap(f"{number}  {question.prompt}", hang=" " * (len(number) + 2))
            how = instruction(bank, question, numbers)
            if how:
                out += _wrap(f"({how})", "    ")
            for label in choices(question):
                out += _wrap(f"{mark(question)} {label}", "    ", hang="        ")
            if question.kind == "text":
                out += ["    " + "_" * 70] * 3
            out += ["    Note: " + "_" * 64, ""]
    return "\n".join(line.rstrip() for line in out) + "\n"


def render_markdown(bank: Bank) -> str:
    numbers = numbering(bank)
    out = [f"# {md_escape(bank.title)}", "",
           f"Question bank version {md_escape(bank.version)}; policy facts checked "
           f"{bank.last_checked.isoformat()}.", "",
           "Organisation: ______________________ Date: ____________", ""]
    for section in bank.sections:
        out += [f"## {md_escape(section.title)}", "", md_escape(section.intro), ""]
        for question in bank.questions_in(section.id):
            out += [f"**{numbers[question.id]}** {md_escape(question.prompt)}", ""]
            how = instruction(bank, question, numbers)
            if how:
                out += [f"*{md_escape(how)}*", ""]
            out += [f"Why this matters: {md_escape(question.help)}", ""]
            box = "☐" if question.kind == "multi" else "○"
            out += [f"- {box} {md_escape(label)}" for label in choices(question)]
            if question.kind == "text":
                out += ["", "_" * 60, "", "_" * 60]
            out += ["", "Note: " + "_" * 40, ""]
    return "\n".join(out) + "\n"


_WORKSHEET_CSS = """
.q { break-inside: avoid; margin-bottom: 1rem; }
.boxes { list-style: none; padding-left: 1rem; }
.boxes li::before { content: "\\25CB\\00a0\\00a0"; font-size: 1.1em; }
.boxes.many li::before { content: "\\2610\\00a0\\00a0"; }
h2, h3, .intro { break-after: avoid; }
.lines { border-bottom: 1px solid #888; height: 1.6rem; }
.how { font-style: italic; color: #444; margin: 0.2rem 0; }
.why { font-size: 0.9em; color: #444; margin: 0.2rem 0; }
"""


def render_html(bank: Bank) -> str:
    numbers = numbering(bank)
    body = [f"<header><h1>{esc(bank.title)}</h1>",
            f"<p>Question bank version {esc(bank.version)}; policy facts checked "
            f"{bank.last_checked.isoformat()}.</p>",
            "<p>Organisation: ______________________ Date: ____________</p></header>"]
    for section in bank.sections:
        # The heading and introduction go inside the first question's unbreakable block, so
        # they are never left alone at the bottom of a page.
        opening = [f"<h2>{esc(section.title)}</h2>", f'<p class="intro">{esc(section.intro)}</p>']
        body.append("<section>")
        for question in bank.questions_in(section.id):
            how = instruction(bank, question, numbers)
            body += ['<div class="q">', *opening,
                     f"<h3>{numbers[question.id]} {esc(question.prompt)}</h3>"]
            opening = []
            if how:
                body.append(f'<p class="how">{esc(how)}</p>')
            body.append(f'<p class="why">{esc(question.help)}</p>')
            if question.kind != "text":
                kind = "many" if question.kind == "multi" else "one"
                body.append(f'<ul class="boxes {kind}">' + "".join(
                    f"<li>{esc(label)}</li>" for label in choices(question)) + "</ul>")
            else:
                body += ['<div class="lines"></div>'] * 3
            body += ["<p>Note:</p>", '<div class="lines"></div>', "</div>"]
        body += [*opening, "</section>"]
    return html_page(f"Worksheet: {clean_text(bank.title)}", body, _WORKSHEET_CSS)


RENDERERS = {"text": render_text, "md": render_markdown, "html": render_html}
