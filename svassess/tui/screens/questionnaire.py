"""One question at a time: answer, note, help, and move on. Every change is saved at once.

The screen renders what `svassess.walk` says (progress, the section introduction, the choices,
whether a note is offered, where going on leads) and records each answer through
`EditSession.record`, so one keypress writes the file once. It keeps only what belongs to the
screen: typed text not yet saved, the last cleared answer (for undo) and whether the user came
from the review to fill gaps.

Keys are chosen so that typing a sentence while the note box is not focused cannot change an
answer or leave the question: no letter is a key here. A letter focuses the note box (or the
text answer) and starts the note with it; moving uses the arrow keys, the other places Ctrl keys.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from functools import partial

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from svassess.assessment import AnswerValue, valid_value
from svassess.bank import Bank, Question
from svassess.session import EditSession
from svassess.store import StoreError
from svassess.text import clean_text
from svassess.tui.safe import literal, literal_line
from svassess.tui.screens.base import SvassessScreen
from svassess.tui.styles import styles_beside
from svassess.tui.widgets.footer import KeyFooter
from svassess.tui.widgets.title_bar import TitleBar
from svassess.walk import Choice, Step, Walk, typed_answer

PLACE_DELAY = 0.1
"""Seconds after showing a question when its place in the pane is decided for the last time."""

SAVE_DELAY = 0.4
"""Seconds of quiet typing before a note (or a text answer) is saved. Until then the status line
says "Saving…", so what it calls saved is always on disk."""

SAVED = "✓ Saved"


HINTS = {
    "multi": "Space or a number ticks a box; Enter goes on when you are done.",
    "text": "Start typing to answer; Escape when done, then → to go on.",
}
"""How to answer, under the answers of the kinds a newcomer cannot guess."""


def option_prompt(choice: Choice, many: bool = False) -> AnswerLine:
    """An answer line whose mark says whether it is chosen, so colour is never the only sign:
    (•) for the one choice, [x] for each ticked box. Long labels wrap under themselves."""
    marker = ("[x]" if choice.chosen else "[ ]") if many else ("(•)" if choice.chosen else "( )")
    return AnswerLine(f"{marker} {choice.number}.", clean_text(choice.label))


class AnswerLine:
    """A mark and a label that wraps under itself, drawn as a two-column grid draws them (one
    space between), with a tenth of the work: a Rich Table measured both columns of every
    answer each time the list was laid out, an eighth of the time of each answer."""

    def __init__(self, mark: str, label: str):
        self.mark = Text(mark)
        self.label = Text(label)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = self.mark.cell_len + 1
        lines = self.label.wrap(console, max(1, options.max_width - indent),
                                justify=options.justify or "default",
                                overflow=options.overflow or "fold")
        blank = Text(" " * self.mark.cell_len)
        for index, line in enumerate(lines):
            yield from Text.assemble(self.mark if index == 0 else blank, " ", line).render(console)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        label = Measurement.get(console, options, self.label)
        indent = self.mark.cell_len + 1
        return Measurement(indent + label.minimum, indent + label.maximum)


class AnswerList(OptionList):
    """The answers, all shown (the question pane scrolls, not the list). For several answers
    Space (or a click) ticks the highlighted box and Enter confirms and goes on; for one answer
    Enter chooses it."""

    BINDINGS = [
        # Here, not only on the screen: a list's own left/right (scrolling) would hide them.
        Binding("right", "screen.next", "Next", key_display="→"),
        Binding("left", "screen.back", "Back", key_display="←"),
        Binding("enter", "confirm", "Choose", show=False),
        Binding("space", "screen.tick", "Tick", show=False),
    ]

    class Confirmed(Message):
        """Enter on a question with several answers: done ticking."""

    class NothingChosen(Message):
        """Enter on a question with one answer, before any answer was highlighted."""

    def __init__(self, *options: Option, many: bool, **kwargs):
        super().__init__(*options, **kwargs)
        self.many = many

    def action_confirm(self) -> None:
        if isinstance(self.screen.focused, Input | TextArea):
            return          # Enter typed fast after a note was started: it belongs to the note
        if self.many:
            self.post_message(self.Confirmed())
        elif self.highlighted is None:
            self.post_message(self.NothingChosen())
        else:
            self.action_select()

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Keep the highlighted answer in sight by scrolling the question pane around it."""
        super().scroll_to_highlight(top)
        pane = self.parent.parent if self.parent else None
        if self.highlighted is None or not isinstance(pane, VerticalScroll):
            return
        self._update_lines()
        line = self._index_to_line.get(self.highlighted)
        if line is None:
            return
        top_y = self.region.y - pane.content_region.y + pane.scroll_offset.y + line
        pane.scroll_to_region(Region(0, top_y, 1, self._heights[self.highlighted]),
                              animate=False, immediate=True)


class QuestionnaireScreen(SvassessScreen[None]):
    DEFAULT_CSS = styles_beside(__file__, "questionnaire.tcss")
    AUTO_FOCUS = ""
    """`show` decides: the answers, or nothing at a text question (typing starts the text)."""

    BINDINGS = [
        # Back before Next, the order of the answers' own keys (and of a text box's): the
        # footer's keys then stay in place whatever has the focus.
        Binding("left", "back", "Back", key_display="←"),
        Binding("right", "next", "Next", key_display="→"),
        Binding("question_mark,f1", "app.help", "Help", key_display="?"),
        Binding("ctrl+q", "app.quit", "Quit"),
        Binding("escape", "leave", "Home"),
        Binding("ctrl+r", "review", "Review"),
        Binding("ctrl+s", "sections", "Sections"),
        Binding("ctrl+o", "results", "Results"),
        # Works as everywhere, but not listed: at 80 columns the footer has no room for it.
        Binding("ctrl+t", "app.toggle_presenter", "Presenter", show=False),
        Binding("pageup", "scroll_pane(-1)", "Scroll up", show=False, priority=True),
        Binding("pagedown", "scroll_pane(1)", "Scroll down", show=False, priority=True),
        Binding("delete", "clear", "Clear answer", show=False),
        Binding("ctrl+z", "undo_clear", "Undo clear", show=False),
        Binding("space", "tick", "Tick", show=False),
        *(Binding(str(n), f"choose({n})", show=False) for n in range(1, 10)),
    ]

    def __init__(self, session: EditSession, bank: Bank):
        super().__init__()
        self.session = session
        self.bank = bank
        self.walk = Walk(bank, session.assessment)
        self.question: Question | None = self.walk.resume()
        self.step: Step | None = None
        self.filling_gaps = False
        """Came from the review to a gap, or was sent back to a skipped section: going on leads
        to the next unanswered question (and then the end), not through every question again."""
        self._cleared: tuple[Question, AnswerValue] | None = None
        """The last answer cleared with Delete, for Ctrl+Z."""
        self._pending: dict[tuple[str, str], str] = {}
        """Typed text not yet saved, by (question id, "note" or "text")."""
        self._save_timer: Timer | None = None
        self._boxes_for: str | None = None
        """The question whose note and text boxes are on screen now, once they are filled."""
        self._showing = asyncio.Lock()
        self._place_pending = False
        """A question was just shown and the pane not yet scrolled to suit it."""
        self._left = False
        """Set while Results or Review covers this screen, so coming back redraws the question
        from what is saved."""
        self._saying: tuple[str, Content | None] | None = None
        """What the status line says once the saves asked for are on disk ("✓ Saved" and what
        changed); until then it says "Saving…" and what changed."""
        self._warned_unsaved = False
        """A notification has said that answers are not being saved, and none has been saved
        since."""

    # --- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="where")
        with VerticalScroll(id="body"):
            yield Static(id="intro", classes="muted")
            yield Static(id="prompt")
            yield Vertical(id="answer")
            yield Static(id="hint", classes="muted")
            yield Static(id="help")
            yield Static(id="terms", classes="muted")
        yield Input(id="note", placeholder="Evidence note (optional): where is the proof? "
                                          "Enter goes on", select_on_focus=False)
        with Horizontal(id="status-row"):
            yield Static(id="status")
            yield Static(id="more")
        yield KeyFooter(compact=True, show_command_palette=False)

    async def on_mount(self) -> None:
        self.title = "svassess"
        self.watch(self.svassess_app, "presenter", self.presenter_changed)
        body = self.query_one("#body", VerticalScroll)
        body.can_focus = False          # Tab goes between the answers and the note box
        self.watch(body, "scroll_y", self._show_more, init=False)
        self.watch(body, "virtual_size", self._laid_out, init=False)
        self._write_in_background()
        await self.show(self.question)

    def _write_in_background(self) -> None:
        """Each answer is written by the session's writer thread, so a slow disk never holds
        up the next key; the status line hears when the writes are done."""
        loop = asyncio.get_running_loop()

        def written() -> None:
            with contextlib.suppress(RuntimeError):         # the app has already closed
                loop.call_soon_threadsafe(self._show_saved)

        self.session.write_in_background(written)

    def presenter_changed(self) -> None:
        """Presenter mode: the name leaves the title and the note is masked."""
        presenter = self.svassess_app.presenter
        self.sub_title = "(name hidden)" if presenter else self.session.assessment.name
        self.query_one("#note", Input).password = presenter

    async def on_screen_resume(self) -> None:
        """Back from Results or Review: show what is saved, not what was on screen."""
        if self._left:
            self._left = False
            self.call_later(self.show, self.question, False)

    def _leave_for(self, screen: Screen, callback=None) -> None:
        """Cover this screen with a place (Results, Review); coming back redraws the question."""
        self.flush()
        self._left = True
        self.app.push_screen(screen, callback)

    # --- showing a question ----------------------------------------------------------------

    @property
    def assessment(self):
        return self.session.assessment

    async def show(self, question: Question | None, remember: bool = True) -> None:
        """Show a question. `remember` saves it as the place to resume (unless the answer that
        led here already did, in the same save)."""
        async with self._showing:
            await self._show(question, remember)

    async def _show(self, question: Question | None, remember: bool) -> None:
        self.flush()
        self._boxes_for = None
        self.question = question
        if remember and question is not None:
            # Before waiting for the old answers to go: Back then Ctrl+Q in one burst still
            # reopens here.
            self._save(lambda: self.session.set_current(question.id), quiet=True)
        answer_box = self.query_one("#answer", Vertical)
        # Let go of the focus first, or removing the answers would pass it to the note box
        # for a moment, and the footer's keys would change twice.
        self.set_focus(None, scroll_visible=False)
        await answer_box.remove_children()
        if not answer_box.is_attached:
            return  # the app closed meanwhile (keys in a burst: an answer, then Ctrl+Q)
        if question is None:
            self.query_one("#prompt", Static).update("This question bank has no questions.")
            return
        self.walk.visit(question)
        step = self._refresh_progress()
        intro = self.query_one("#intro", Static)
        intro.update(literal(step.intro) if step.show_intro else "")
        intro.display = step.show_intro
        self.query_one("#prompt", Static).update(literal(question.prompt))
        self.query_one("#help", Static).update(
            Content.assemble(("Why this matters: ", "bold"), literal(question.help)))
        terms = self.query_one("#terms", Static)
        terms.update(Content.assemble(
            "Words here you may not know: ", literal_line(", ".join(step.new_terms)),
            ". Press ? for what they mean.") if step.new_terms else "")
        terms.display = bool(step.new_terms)
        note = self.query_one("#note", Input)
        with note.prevent(Input.Changed):
            note.value = step.note
        note.cursor_position = len(note.value)
        note.display = step.offer_note
        hint = self.query_one("#hint", Static)
        hint.update(HINTS.get(question.kind, ""))
        hint.display = question.kind in HINTS
        widget = self._answer_widget(step)
        await answer_box.mount(widget)
        self._boxes_for = question.id
        self._place_pending = True
        # A text box would swallow the arrow keys, so it is focused only when the user types.
        if question.kind == "text":
            self.set_focus(None)
        else:
            widget.focus(scroll_visible=False)
        self.call_after_refresh(self._scroll_to_question)
        # Once more when the layout has surely settled (a note box appearing shrinks the pane).
        self.set_timer(PLACE_DELAY, lambda: self._scroll_to_question(final=True))

    def _laid_out(self, *_: object) -> None:
        """The pane's content changed size: place a newly shown question again."""
        if self._place_pending:
            self._scroll_to_question()
        self._show_more()

    def _scroll_to_question(self, final: bool = False) -> None:
        """Start at the top; but if a section's introduction would push the answers out of
        sight, start at the question instead (the introduction is a PageUp away). Waits until
        the answers have been measured (`_laid_out` calls again)."""
        if self._taken_down():
            return
        body = self.query_one("#body", VerticalScroll)
        intro, prompt = self.query_one("#intro", Static), self.query_one("#prompt", Static)
        answer = self.query_one("#answer")
        if not self._place_pending or not answer.children or \
                answer.children[0].size.height == 0:
            return
        self._place_pending = not final
        needed = sum(w.outer_size.height for w in (intro, prompt, answer) if w.display)
        if intro.display and needed > body.size.height:
            body.scroll_to_widget(prompt, top=True, animate=False)
        else:
            body.scroll_home(animate=False)
        self.call_after_refresh(self._show_more)

    def _show_more(self, *_: object) -> None:
        """Say when the question pane holds more than the window shows, and how to see it."""
        if self._taken_down():
            return
        body = self.query_one("#body", VerticalScroll)
        below = body.max_scroll_y - round(body.scroll_y)
        above = round(body.scroll_y)
        if below > 0 and above > 0:
            words = "▲▼ More: PageUp / PageDown"
        elif below > 0:
            words = "▼ More below: PageDown"
        elif above > 0:
            words = "▲ More above: PageUp"
        else:
            words = ""
        self.query_one("#more", Static).update(words)

    def on_resize(self) -> None:
        self.call_after_refresh(self._show_more)

    def _taken_down(self) -> bool:
        """Whether the screen's widgets have gone (it was left): a placing or "more" callback
        queued after a layout can come after them, e.g. when an answer and Escape come at once."""
        return not self.query("#body")

    def _refresh_progress(self) -> Step:
        """Where the user is, from the walk: section, question, answered so far, and why the
        total may still grow."""
        assert self.question is not None
        step = self.step = self.walk.step(self.question)
        line = (f"\nQuestion {step.number_in_section} of {step.questions_in_section}"
                f" · {step.answered} of {step.visible} answered")
        if step.may_appear:
            line += f" · up to {step.may_appear} more may follow from answers"
        self.query_one("#where", Static).update(Content.assemble(
            (f"Section {step.section_number} of {step.section_count}: ", "bold"),
            literal_line(step.section.title if step.section else "").stylize("bold"), line))
        return step

    def _answer_widget(self, step: Step) -> Widget:
        if step.question.kind == "text":
            return TextArea(step.value if isinstance(step.value, str) else "", id="text-answer",
                            soft_wrap=True, show_line_numbers=False,
                            placeholder="Start typing your answer; Escape when done.")
        choices = AnswerList(*(Option(option_prompt(c, step.many)) for c in step.choices),
                             many=step.many, id="choices")
        # Nothing is highlighted until an answer is chosen or ↑ ↓ pressed, so a stray Enter
        # (say, the one that started the assessment) never answers a question for the user.
        chosen = [c.number - 1 for c in step.choices if c.chosen]
        choices.highlighted = chosen[0] if chosen else None
        return choices

    def _redraw_choices(self) -> None:
        """Marks after ticking: an exclusive box may have unticked others."""
        step = self._refresh_progress()
        choices = next(iter(self.query("#choices").results(AnswerList)), None)
        if choices is None:
            return
        for index, choice in enumerate(step.choices):
            choices.replace_option_prompt_at_index(index, option_prompt(choice, step.many))

    # --- answering -------------------------------------------------------------------------

    def _save(self, change: Callable[[], object], quiet: bool = False) -> bool:
        """Run a change that saves; the status line says whether it has reached the disk
        ("Saving…" until it has), unless `quiet`, when only a failure is said."""
        try:
            change()
        except StoreError as exc:
            self._say_not_saved(str(exc))
            return False
        if not quiet:
            self._say_saved()
        if self.query("#where") and self.question is not None:
            self._refresh_progress()
        return True

    def _say_saved(self, more: Content | None = None, lead: str = SAVED) -> None:
        """Say that the change is saved, and `more` about it, once it is on disk."""
        self._saying = (lead, more)
        self._show_saved()

    def _show_saved(self) -> None:
        """The status line after a save: "Saving…" while the writer is still at it, then
        "✓ Saved" (with what changed), or "Not saved" and why."""
        if not self.is_attached:
            return
        if not self.session.written:
            if self._saying is not None:
                more = self._saying[1]
                self._show_status(Content.assemble("Saving…", *((" ", more) if more else ())),
                                  keep_saying=True)
            return
        why = self.session.unsaved
        if why:
            self._say_not_saved(why)
            return
        self._warned_unsaved = False
        status = next(iter(self.query("#status").results(Static)), None)
        if self._saying is None and status is not None and status.has_class("error"):
            self._saying = (SAVED, None)                   # saved again after a failure
        if self._saying is not None:
            lead, more = self._saying
            self._show_status(Content.assemble(lead, *((" ", more) if more else ())))

    def _say_not_saved(self, why: str) -> None:
        """"Not saved" and why on the status line; the first time in a row of failures also a
        notification, which someone reading the question would not miss (the status line alone,
        at the bottom, could go unseen for many answers)."""
        self._show_status(Content.assemble(("Not saved: ", "bold"), literal(why)), error=True)
        if not self._warned_unsaved:
            self._warned_unsaved = True
            self.notify(f"{why} Your answers are kept while svassess stays open: when you "
                        f"leave this assessment or quit, you can try again or save a copy "
                        f"elsewhere.",
                        title="Your answers are not being saved", severity="error",
                        timeout=15, markup=False)

    def _show_status(self, text: Content, error: bool = False, keep_saying: bool = False) -> None:
        """The status line, when it is still on screen (flushing on the way out may not be)."""
        if not keep_saying:
            self._saying = None
        status = next(iter(self.query("#status").results(Static)), None)
        if status is not None:
            status.update(text)
            status.set_class(error, "error")

    async def _answer_and_go_on(self, value: AnswerValue) -> None:
        """Save the answer and the next place in one save, then show the next place."""
        question = self.question
        if question is None:
            return
        before = self.step.visible if self.step else 0
        self.flush()
        where: list = []

        def onward():
            where.append(self.walk.onward(question, self.filling_gaps))
            return where[0].question

        if not self._save(lambda: self.session.record(question, value, onward)):
            return
        await self._go(where[0], before)

    async def _go(self, onward, before: int) -> None:
        """Show where going on leads (already saved as the current place), or the results."""
        grown = (self.step.visible if self.step else 0) - before
        if onward.question is None:
            self._show_results(finished=True)
            return
        if onward.skipped is not None:
            self.filling_gaps = True      # from the skipped section on to the end, not round again
        await self.show(onward.question, remember=False)
        if onward.skipped is not None:
            self._say_saved(Content.assemble(
                "Before the end: this section was skipped and not yet seen: ",
                literal_line(onward.skipped.title)), lead=f"{SAVED}.")
        elif grown:
            self._say_total_moved(grown)

    def _say_total_moved(self, grown: int) -> None:
        """Why the number of questions just changed: the answer made some apply, or not."""
        if not grown or self.step is None:
            return
        one = abs(grown) == 1
        noun, verb = ("question", "applies") if one else ("questions", "apply")
        change = f"{grown} more {noun} now {verb}" if grown > 0 else \
            f"{-grown} {noun} no longer {verb}"
        self._say_saved(Content(f"{change} ({self.step.visible} in all)."), lead=f"{SAVED}.")

    @on(OptionList.OptionSelected, "#choices")
    async def _chosen(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click on an answer: choose it (one answer) or tick it (several)."""
        await self.action_choose(event.option_index + 1)

    @on(AnswerList.Confirmed)
    async def _confirmed(self) -> None:
        await self.action_next()

    @on(AnswerList.NothingChosen)
    def _nothing_chosen(self) -> None:
        count = len(self.step.choices) if self.step else 0
        self._show_status(Content(
            f"Choose an answer first: type its number (1–{count}), or ↓ to it and Enter. "
            f"→ skips the question."))

    def action_tick(self) -> None:
        if self.type_into_box(" "):
            return
        choices = next(iter(self.query("#choices").results(AnswerList)), None)
        if choices is not None and choices.many and choices.highlighted is not None:
            self._tick(choices.highlighted + 1)

    def _tick(self, number: int) -> None:
        """Tick or untick one box of a multi question, and save at once (staying here)."""
        question = self.question
        if question is None:
            return
        value = self.walk.choose(question, number)
        before = self.step.visible if self.step else 0
        if self._save(lambda: self.session.record(question, value, None)):
            self._redraw_choices()
            self._say_total_moved(self.step.visible - before if self.step else 0)
            choices = self.query_one("#choices", AnswerList)
            choices.highlighted = number - 1

    async def action_choose(self, number: int) -> None:
        if self.type_into_box(str(number)):
            return
        step = self.step
        if step is None or not 1 <= number <= len(step.choices):
            return
        if step.many:
            self._tick(number)
            return
        await self._answer_and_go_on(step.choices[number - 1].value)

    def action_clear(self) -> None:
        """Delete: clear this question's answer; Ctrl+Z puts it back."""
        question, step = self.question, self.step
        if question is None or step is None or step.value is None:
            return
        if self._save(lambda: self.session.record(question, None, None)):
            self._cleared = (question, step.value)
            self.call_after_refresh(self._redraw_cleared)

    async def _redraw_cleared(self) -> None:
        await self.show(self.question, remember=False)
        self._say_saved(Content("Answer cleared. Ctrl+Z puts it back."), lead="✓")

    async def action_undo_clear(self) -> None:
        if self._cleared is None:
            return
        question, value = self._cleared
        if self._save(lambda: self.session.record(question, value, question)):
            self._cleared = None
            await self.show(question, remember=False)
            self._say_saved(Content("The cleared answer is back."), lead="✓")

    # --- typing ----------------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """A letter typed outside the boxes starts the note (or the text answer) with it, so
        typing never fires a key. Where no note is asked for, say how to answer instead."""
        if not (event.is_printable and event.character) or self.step is None:
            return
        if self.type_into_box(event.character):
            # Typed fast, the rest of a word reaches the answers before the box has focus.
            event.stop()
            event.prevent_default()
            return
        if not event.character.isalpha() or isinstance(self.focused, Input | TextArea):
            return
        event.stop()
        event.prevent_default()
        target: Input | TextArea | None = None
        if self.step.question.kind == "text":
            target = self.query_one("#text-answer", TextArea)
        elif self.step.offer_note:
            target = self.query_one("#note", Input)
        if target is None:
            count = len(self.step.choices)
            self._show_status(Content(
                f"No note is needed here: answer with 1–{count}, or ↑ ↓ and Enter."))
            return
        self.set_focus(target)      # at once: the next keys may already be on their way
        self.type_into_box(event.character)

    def type_into_box(self, text: str) -> bool:
        """Add keys to the note or text box when it has the focus though the keys were sent
        elsewhere (a space, a digit or Enter typed fast after a letter started the note)."""
        box = self.focused
        if isinstance(box, Input) and box.id == "note":
            box.insert_text_at_cursor(text)
        elif isinstance(box, TextArea) and box.id == "text-answer":
            box.insert(text)
        else:
            return False
        return True

    @on(Input.Changed, "#note")
    def _note_typed(self, event: Input.Changed) -> None:
        question = self._typed_here()
        if question is not None and event.value == event.input.value:
            self._pending[(question.id, "note")] = event.value
            self._schedule_save()

    def _typed_here(self) -> Question | None:
        """The question the boxes are showing, unless the next is being shown. A change
        message from the boxes typed just before going on can arrive while the next question is
        being shown, or after (`_show` saved what was typed, from the boxes themselves, as it
        began); the callers tell one from after by its value (the note box has been filled
        again) or by its box having gone (a text box is replaced)."""
        question = self.question
        return question if question is not None and self._boxes_for == question.id else None

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Entering the note box puts the cursor after the note, with nothing selected, so the
        first key adds to the note instead of replacing it."""
        if isinstance(event.widget, Input) and event.widget.id == "note":
            event.widget.cursor_position = len(event.widget.value)

    @on(Input.Submitted, "#note")
    async def _note_done(self) -> None:
        self.flush()
        await self.action_next()

    @on(TextArea.Changed, "#text-answer")
    def _text_typed(self, event: TextArea.Changed) -> None:
        question = self._typed_here()
        if question is not None and event.text_area.is_attached:
            self._pending[(question.id, "text")] = event.text_area.text
            self._schedule_save()

    def _schedule_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.flush)
        if not self.session.unsaved:
            self._show_status(Content("Saving…"))

    def _read_typing(self) -> None:
        """Take what the note box and text box hold now, whether or not their Changed messages
        have arrived yet: a key pressed just before quitting is already in the widget."""
        question = self.question
        if question is None or question.id != self._boxes_for:
            return
        saved = self.assessment.answers.get(question.id)
        note = next(iter(self.query("#note").results(Input)), None)
        if note is not None and note.value != (saved.note if saved else ""):
            self._pending[(question.id, "note")] = note.value
        text = next(iter(self.query("#text-answer").results(TextArea)), None)
        if text is not None:
            stored = valid_value(question, saved)
            if text.text != (stored if isinstance(stored, str) else ""):
                self._pending[(question.id, "text")] = text.text

    def flush(self) -> None:
        """Save typed notes and text answers now: on a pause in typing and on every way out."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        for change in self._typed_changes():
            self._save(change)

    def save_typing_quietly(self) -> None:
        """Save typed text without touching the screen: for a signal, when the terminal may be
        gone and drawing would block."""
        for change in self._typed_changes():
            with contextlib.suppress(StoreError):
                change()

    def _typed_changes(self) -> list[Callable[[], object]]:
        """The saves that typed notes and text answers still need."""
        self._read_typing()
        pending, self._pending = self._pending, {}
        changes: list[Callable[[], object]] = []
        for (question_id, what), text in pending.items():
            question = self.bank.question(question_id)
            if what == "note":
                changes.append(partial(self.session.set_note, question_id, text))
            elif question is not None and question.kind == "text":
                changes.append(partial(self.session.record, question, typed_answer(text), None))
        return changes

    # --- moving around ---------------------------------------------------------------------

    async def action_next(self) -> None:
        """Go on (skipping the question if unanswered): in order, or to the next gap."""
        question = self.question
        if question is None:
            return
        before = self.step.visible if self.step else 0
        self.flush()
        onward = self.walk.onward(question, self.filling_gaps)
        if onward.question is not None:
            next_id = onward.question.id
            self._save(lambda: self.session.set_current(next_id), quiet=True)
        await self._go(onward, before)

    async def action_back(self) -> None:
        previous = self.walk.previous(self.question)
        if previous is not None:
            self.filling_gaps = False
            await self.show(previous)

    def action_scroll_pane(self, direction: int) -> None:
        self._place_pending = False         # the user has taken over the scrolling
        body = self.query_one("#body", VerticalScroll)
        (body.scroll_page_down if direction > 0 else body.scroll_page_up)(animate=False)

    def action_sections(self) -> None:
        from svassess.tui.screens.dialogs.pick import PickDialog

        self.flush()
        rows = [(row.section.id, Content.assemble(
                    f"{row.number}. ", literal_line(row.section.title),
                    f"  ({row.answered} of {row.asked} answered"
                    f"{', done' if row.complete else ''})"))
                for row in self.walk.sections()]
        current = self.question.section if self.question else ""
        self.app.push_screen(PickDialog("Go to a section: Enter goes to its first unanswered "
                                        "question; Escape stays here", rows, current),
                             self._jump_to_section)

    async def _jump_to_section(self, section_id: str | None) -> None:
        if not section_id:
            return
        target = self.walk.section_start(section_id)
        if target is not None:
            self.filling_gaps = False
            await self.show(target)

    def action_review(self) -> None:
        from svassess.tui.screens.review import ReviewScreen

        self._leave_for(ReviewScreen(self.walk), self._jump_to_question)

    async def _jump_to_question(self, question_id: str | None) -> None:
        question = self.bank.question(question_id) if question_id else None
        if question is not None:
            self.filling_gaps = not self.walk.is_answered(question)
            await self.show(question)

    def action_results(self) -> None:
        self._show_results(finished=False)

    def _show_results(self, finished: bool) -> None:
        self.flush()
        self._left = True
        self.svassess_app.show_results(self.bank, self.assessment, self.session, finished=finished)

    async def action_leave(self) -> None:
        """Escape: out of a text box first (back to the answers), then back home once every
        answer is written (or, if it could not be, the user has chosen what to do)."""
        if isinstance(self.focused, Input | TextArea):
            self.flush()
            target = self.query("#choices")
            if target:
                target.first().focus()
            else:
                self.set_focus(None)
            return
        self.flush()
        await asyncio.to_thread(self.session.wait_written)
        self.svassess_app.leave_safely(self.session, self._close_and_go_home)

    def _close_and_go_home(self) -> None:
        self.session.close()
        self.app.pop_screen()

    def on_unmount(self) -> None:
        self.flush()
        self.session.close()
