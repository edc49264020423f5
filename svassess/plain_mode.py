"""Plain mode: the questionnaire as lines of text, for screen readers, plain terminals and pipes.

`svassess answer` asks one question at a time and reads one line at a time. Everything it shows
is printed once, in order, as plain lines no wider than the terminal (80 when unknown): no colour,
no box drawing, no cursor movement, nothing redrawn. A screen reader reads it as it arrives, and a
facilitator can pipe in answers typed back from paper worksheets.

It is another front end on the same core and store as the app: `Walk` says what to show and where
to go next, `EditSession` holds the lock and saves each answer the moment it is given. It never
imports Textual (a test checks this).
"""

from __future__ import annotations

import re
import shutil
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from svassess.assessment import Assessment, unknown_answers
from svassess.bank import Bank, Question
from svassess.full_screen import is_terminal, shell_quoted
from svassess.session import EditSession
from svassess.store import Locked, Store, Stored, StoreError
from svassess.text import clean_block, clean_line, printable
from svassess.walk import Step, Walk, next_after_answer, typed_answer

EXIT_OK, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 130
DEFAULT_WIDTH = 80
MIN_WIDTH = 20

COMMANDS = {
    "?": "why",
    "b": "back",
    "s": "skip",
    "n": "note",
    "l": "sections",
    "r": "results",
    "q": "quit",
}
"""The one-letter commands at a question, as the prompt line lists them."""

_DRAWN = re.compile(r"[\u2580-\u259f]+|·{2,}")
"""Score bars drawn with block characters: a screen reader would read every block aloud."""


# --- the terminal, as lines ------------------------------------------------------------------

@dataclass
class Lines:
    """Where plain mode writes and reads: whole lines only.

    `echo` repeats each line read after its prompt when the input is not typed at a terminal
    (a pipe), so the transcript reads as a conversation."""

    out: TextIO
    read: Callable[[str], str]
    echo: bool
    width: Callable[[], int] = field(default=lambda: DEFAULT_WIDTH)

    def say(self, text: str = "") -> None:
        """Print text, each line wrapped to the terminal's width (continuations indented like
        the line they continue). A control character that got this far (in a file's path, say)
        is shown as a visible escape, never sent to the terminal."""
        width = max(MIN_WIDTH, self.width())
        for line in text.split("\n"):
            self.out.write("\n".join(wrapped(printable(line), width)) + "\n")
        self.out.flush()

    def ask(self, prompt: str) -> str:
        """One line of input, without its line ending. Raises EOFError at the end of input and
        KeyboardInterrupt on Ctrl+C."""
        line = clean_line(self.read(prompt))
        if self.echo:
            self.out.write(line + "\n")
            self.out.flush()
        return line


def wrapped(line: str, width: int) -> list[str]:
    """A line cut at spaces to fit `width`. Continuations line up under the text they continue:
    a numbered choice's under its words, any other line under its own indent."""
    line = line.rstrip()
    if len(line) <= width:
        return [line]
    numbered = re.match(r"\s*\d+\. ", line)
    indent = " " * (numbered.end() if numbered else len(line) - len(line.lstrip()))
    if len(indent) > width // 2:
        indent = ""
    return textwrap.wrap(line, width, subsequent_indent=indent, break_on_hyphens=False) or [""]


def terminal_lines() -> Lines:
    """Standard input and output as plain mode uses them. Characters the output cannot encode
    are replaced, and undecodable input bytes too, rather than ending in a traceback."""
    for stream in (sys.stdin, sys.stdout):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    return Lines(out=sys.stdout, read=input, echo=not is_terminal(sys.stdin),
                 width=lambda: shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)


# --- the summary -----------------------------------------------------------------------------

def summary_text(bank: Bank, assessment: Assessment) -> str:
    """The summary as plain text: the report every output renders, through its plain-text
    renderer (one call, so a new renderer is a one-line change here). Score bars are dropped;
    the score beside each bar says the same in words."""
    from svassess.export import export_text
    from svassess.report import build_report

    text = export_text(build_report(bank, assessment))
    return "\n".join(_DRAWN.sub("", line).rstrip() for line in text.rstrip("\n").split("\n"))


# --- starting ---------------------------------------------------------------------------------

def answer_new(store: Store, bank: Bank, name: str, organisation: str,
               command: str = "svassess") -> int:
    """Start a new assessment and ask its questions. Raises StoreError when it cannot be saved.
    `command` is how the user runs svassess (with --data-dir if given), to say how to resume."""
    session = EditSession.create(store, bank, name, organisation)
    return PlainQuestionnaire(session, bank, terminal_lines(), command).run()


def answer_existing(store: Store, bank: Bank, stored: Stored, command: str = "svassess") -> int:
    """Carry on with a saved assessment. One open elsewhere is offered read-only: its results."""
    lines = terminal_lines()
    try:
        session = EditSession.open(store, stored)
    except Locked as exc:
        return offer_read_only(bank, stored.assessment, str(exc), lines)
    return PlainQuestionnaire(session, bank, lines, command).run()


def offer_read_only(bank: Bank, assessment: Assessment, why: str, lines: Lines) -> int:
    """The assessment cannot be changed here: say so, and offer its results. Exits 1 either way,
    since the answers asked for could not be given."""
    lines.say(f"{why} It can be read here but not changed.")
    lines.say("Type r to read its results, or q to leave.")
    while True:
        try:
            choice = lines.ask("Choice: ").lower()
        except (EOFError, KeyboardInterrupt):
            lines.say()
            return EXIT_ERROR
        if choice == "r":
            lines.say(summary_text(bank, assessment))
            return EXIT_ERROR
        if choice == "q":
            return EXIT_ERROR
        lines.say("Type r or q.")


# --- the questionnaire ------------------------------------------------------------------------

class _End:
    """The place after the last question: the summary, then what next."""


class _Quit:
    """The user asked to leave."""


END, QUIT = _End(), _Quit()
Place = Question | _End | _Quit


class PlainQuestionnaire:
    """Asks the questions of one open assessment, one line at a time, and saves each answer."""

    def __init__(self, session: EditSession, bank: Bank, lines: Lines,
                 command: str = "svassess"):
        self.session = session
        self.bank = bank
        self.lines = lines
        self.program = command
        self.walk = Walk(bank, session.assessment)
        self.jumped = False
        """Arrived by a jump (sections list, unanswered): answering goes to the next gap."""

    @property
    def assessment(self) -> Assessment:
        return self.session.assessment

    def run(self) -> int:
        try:
            try:
                self._adopt_bank_version()
                self._welcome()
                place: Place = self.walk.resume() or END
                while not isinstance(place, _Quit):
                    place = self.at_end() if isinstance(place, _End) else self.at(place)
                return self.leave("Done.")
            except EOFError:
                self.lines.say()
                return self.leave("End of input.")
            except KeyboardInterrupt:
                self.lines.say()
                code = self.leave("Stopped (Ctrl+C).", ask=False)
                return EXIT_INTERRUPTED if code == EXIT_OK else code
        finally:
            self.session.close()

    # --- what is said ---------------------------------------------------------------------

    def _welcome(self) -> None:
        a = self.assessment
        who = clean_line(a.name) or "(no name)"
        if a.organisation:
            who += f" for {clean_line(a.organisation)}"
        self.lines.say(f"Answering {who}, with the questions of {clean_line(self.bank.title)}.")
        self.lines.say("Each answer is saved as soon as you give it. At each question type the "
                       "number of your answer (or, where more than one may be chosen, their "
                       "numbers), or for a written answer the words, then press Enter. Or "
                       "type: ? why the question matters, b back, s skip, n evidence note, "
                       "l the list of sections with progress, r results so far, q quit.")

    def _adopt_bank_version(self) -> None:
        started_with = self.assessment.bank_version
        try:
            changed = self.session.adopt_bank_version(self.bank)
        except StoreError as exc:
            self.lines.say(f"Not saved: {exc}")
            return
        if changed:
            kept = len(unknown_answers(self.bank, self.assessment))
            self.lines.say(f"The questions have changed since this assessment was started (from "
                           f"version {started_with} to {self.bank.version}); your answers to "
                           f"questions that still exist are kept"
                           + (f", and {kept} answer(s) to removed questions stay in the file "
                              f"but no longer count." if kept else "."))

    def show(self, step: Step, again: bool = False) -> None:
        """A question as lines. Shown `again` (after a mistake or a command), the section's
        introduction is left out: it was read on arrival."""
        say = self.lines.say
        say()
        section = clean_line(step.section.title) if step.section else ""
        say(f"Section {step.section_number} of {step.section_count}, {section}. "
            f"Question {step.number_in_section} of {step.questions_in_section}.")
        if step.show_intro and not again:
            say(f"About this section: {_one_paragraph(step.intro)}")
        say(f"Question: {_one_paragraph(step.question.prompt)}")
        if step.many:
            say("More than one may be chosen: type their numbers, such as 1 3.")
        for choice in step.choices:
            mark = (" (ticked)" if step.many else " (your answer)") if choice.chosen else ""
            say(f"{choice.number}. {clean_line(choice.label)}{mark}")
        if step.question.kind == "text" and isinstance(step.value, str):
            say(f"Your answer now: {_one_paragraph(step.value)}")
        if step.note:
            say(f"Your evidence note: {_one_paragraph(step.note)}")
        say(self.prompt_line(step))

    def prompt_line(self, step: Step) -> str:
        first = ("Type the answer" if step.question.kind == "text"
                 else f"Type 1 to {len(step.choices)}")
        commands = [f"{key} {words}" for key, words in COMMANDS.items()
                    if key != "n" or step.offer_note]
        return f"{first}, or {', '.join(commands)}."

    # --- at a question --------------------------------------------------------------------

    def at(self, question: Question) -> Place:
        """Show a question, read one line, act on it; return where to go."""
        step = self.walk.step(question)
        self.show(step)
        while True:
            line = self.lines.ask("Answer: ")
            command = line.lower()
            if command == "?":
                self.lines.say(f"Why this matters: {_one_paragraph(question.help)}"
                               if question.help else "This question has no more explanation.")
                self.lines.say(self.prompt_line(step))
                continue
            place = (self.command(command, step) if command in COMMANDS
                     else self.answer(step, line))
            if place is not None:
                return place
            step = self.walk.step(question)
            self.show(step, again=True)

    def command(self, command: str, step: Step) -> Place | None:
        """Act on a one-letter command (not ?); None stays at the question, shown again."""
        question = step.question
        if command == "q":
            return QUIT
        if command == "r":
            self.lines.say(summary_text(self.bank, self.assessment))
            return None
        if command == "n":
            self.note(step)
            return None
        if command == "l":
            return self.sections(question)
        if command == "b":
            previous = self.walk.previous(question)
            if previous is None:
                self.lines.say("This is the first question; there is nothing before it.")
                return None
            return self.go(previous, jumped=False)
        if command == "s":
            following = self.walk.next(question)
            return END if following is None else self.go(following, jumped=self.jumped)
        raise AssertionError(command)

    def answer(self, step: Step, line: str) -> Place | None:
        """Take a line as the answer; None (after saying why) when it is not one."""
        question = step.question
        value = self.value_from(step, line)
        if value is None:
            return None
        go_to = next_after_answer(self.bank, self.assessment, question, value, self.jumped)
        try:
            self.session.record(question, value, go_to)
        except StoreError as exc:
            self.lines.say(f"Not saved: {exc} Your answer is kept here and will be saved with "
                           f"the next change that can be; type it again to try now.")
            return None
        if go_to is None:
            return END
        return go_to

    def value_from(self, step: Step, line: str):
        """The answer a line gives, or None after saying in one sentence why it is not one."""
        say = self.lines.say
        n = len(step.choices)
        if step.question.kind == "text":
            value = typed_answer(line)
            if value is None:
                say("Nothing was typed; type your answer, or s to skip this question.")
            return value
        if not line:
            say(f"Nothing was typed; type a number from 1 to {n}, or s to skip this question.")
            return None
        words = [w for w in re.split(r"[\s,]+", line) if w]
        if not all(w.isdigit() for w in words):
            say(f"{line!r} is not an answer here; type a number from 1 to {n}, or one of the "
                f"letters listed.")
            return None
        numbers = sorted({int(w) for w in words})
        outside = [str(number) for number in numbers if not 1 <= number <= n]
        if outside:
            say(f"There is no answer {', '.join(outside)} here; type a number from 1 to {n}.")
            return None
        picked = [c for c in step.choices if c.number in numbers]
        if not step.many:
            if len(picked) > 1:
                say(f"This question takes one answer; type one number from 1 to {n}.")
                return None
            return picked[0].value
        alone = [c for c in picked if c.exclusive]
        if alone and len(picked) > 1:
            say(f'"{clean_line(alone[0].label)}" (number {alone[0].number}) cannot be chosen '
                f"with other answers; type it alone, or the others without it.")
            return None
        return [str(c.value) for c in picked]

    def note(self, step: Step) -> None:
        question = step.question
        if not step.offer_note:
            self.lines.say("This question is not scored, so it takes no evidence note.")
            return
        if step.note:
            self.lines.say(f"Your evidence note now: {_one_paragraph(step.note)}")
        self.lines.say("Type the evidence note on one line (where is the proof?): Enter alone "
                       "keeps the note as it is, and a single - removes it.")
        text = self.lines.ask("Note: ")
        if not text:
            self.lines.say("The note is unchanged.")
            return
        try:
            self.session.set_note(question.id, "" if text == "-" else text)
        except StoreError as exc:
            self.lines.say(f"Not saved: {exc} The note is kept here and will be saved with the "
                           f"next change that can be.")
            return
        if text == "-":
            self.lines.say("Note removed.")
        elif step.is_answered:
            self.lines.say("Note saved.")
        else:
            self.lines.say("Note saved. This question is not answered yet: type a number to "
                           "answer it, or s to skip it.")

    def sections(self, question: Question) -> Place | None:
        rows = self.walk.sections()
        answered = sum(row.answered for row in rows)
        self.lines.say(f"{answered} of {sum(row.asked for row in rows)} questions answered in "
                       f"all. The sections:")
        for row in rows:
            self.lines.say(f"{row.number}. {clean_line(row.section.title)}: {row.answered} of "
                           f"{row.asked} answered.")
        self.lines.say("Type a section's number to go there, or press Enter to stay.")
        while True:
            line = self.lines.ask("Section: ")
            if not line:
                return None
            if line.isdigit() and 1 <= int(line) <= len(rows):
                return self.go(rows[int(line) - 1].start, jumped=True)
            self.lines.say(f"There is no section {line!r}; type a number from 1 to {len(rows)}, "
                           f"or press Enter to stay at this question.")

    def go(self, question: Question, jumped: bool) -> Question:
        """Move to a question and remember it as where to resume."""
        self.jumped = jumped
        try:
            self.session.set_current(question.id)
        except StoreError as exc:
            self.lines.say(f"Not saved: {exc}")
        return question

    # --- at the end ------------------------------------------------------------------------

    def at_end(self) -> Place:
        say = self.lines.say
        say()
        say("You have reached the end of the questions. Here is your summary.")
        say()
        say(summary_text(self.bank, self.assessment))
        say()
        gaps = self.walk.unanswered()
        if gaps:
            say(f"{len(gaps)} question(s) are not answered yet, so the result is provisional.")
            say("Type u to answer them, b to go back to the last question, l for the list of "
                "sections, or q to quit.")
        else:
            say("Every question is answered. Type b to go back to the last question, l for the "
                "list of sections, or q to quit.")
        last = self._last()
        while True:
            command = self.lines.ask("Next: ").lower()
            if command == "q":
                return QUIT
            if command == "u" and gaps:
                return self.go(gaps[0], jumped=True)
            if command == "b" and last is not None:
                return self.go(last, jumped=False)
            if command == "l":
                place = self.sections(last) if last is not None else None
                if place is not None:
                    return place
                continue
            said = f"{command!r} is not one of the choices here" if command else \
                "Nothing was typed"
            say(f"{said}; type {'u, ' if gaps else ''}b, l or q.")

    def _last(self) -> Question | None:
        visible = self.walk.visible()
        return visible[-1] if visible else None

    # --- leaving ---------------------------------------------------------------------------

    def leave(self, why: str, ask: bool = True) -> int:
        """Make sure everything given is on disk before leaving; if the last save failed, try
        again, and let the user save a copy elsewhere rather than lose answers."""
        name = shell_quoted(clean_line(self.assessment.name) or self.assessment.id)
        if self.session.unsaved is not None:
            try:
                self.session.save()
            except StoreError:
                return self._unsaved_on_leaving(why, ask)
        self.lines.say(f"{why} Every answer given is saved.")
        self.lines.say(f"To carry on later: {self.program} answer {name}")
        return EXIT_OK

    def _unsaved_on_leaving(self, why: str, ask: bool) -> int:
        say = self.lines.say
        say(f"{why} Your latest answers are not saved: {self.session.unsaved}")
        if not ask:
            return EXIT_ERROR
        while True:
            say("Type t to try saving again, c and a folder to save a copy there (for example "
                "c /media/usb), or d to leave without saving them.")
            try:
                line = self.lines.ask("Unsaved: ")
            except (EOFError, KeyboardInterrupt):
                say()
                return EXIT_ERROR
            command, _, folder = line.partition(" ")
            command, folder = command.lower(), folder.strip()
            if command == "d":
                say("Left without saving the latest answers; the file holds what was saved "
                    "before.")
                return EXIT_ERROR
            if command == "t":
                try:
                    self.session.save()
                except StoreError as exc:
                    say(f"Still not saved: {exc}")
                    continue
                say("Saved. Every answer given is saved.")
                return EXIT_OK
            if command == "c" and folder:
                try:
                    copy = self.session.save_copy(Path(folder).expanduser())
                except StoreError as exc:
                    say(str(exc))
                    continue
                say(f"A copy with every answer is saved as {copy}; bring it back with "
                    f"`svassess import` once there is room.")
                return EXIT_ERROR
            say(f"{line!r} is not one of the choices here." if line else "Nothing was typed.")


def _one_paragraph(text: str) -> str:
    """Bank and user text as one line: line breaks become spaces, controls are removed."""
    return " ".join(clean_block(text).split())
