"""One question at a time: answer, note, help, and move on. Every change is saved at once."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from svassess.assessment import (
    is_answered,
    resume_question,
    section_start,
    toggled,
    valid_value,
    visible_questions,
)
from svassess.bank import Bank, Question
from svassess.session import EditSession
from svassess.store import StoreError
from svassess.text import clean_text
from svassess.tui.safe import literal, literal_line

SAVE_DELAY = 0.4
"""Seconds of quiet typing before a note (or a text answer) is saved. Until then the status line
says "Saving…", so what it calls saved is always on disk."""


def option_prompt(number: int, label: str, chosen: bool, many: bool = False) -> Table:
    """An answer line whose mark says whether it is chosen, so colour is never the only sign:
    (•) for the one choice, [x] for each ticked box. Long labels wrap under themselves."""
    marker = ("[x]" if chosen else "[ ]") if many else ("(•)" if chosen else "( )")
    line = Table.grid(padding=(0, 1))
    line.add_column(no_wrap=True)
    line.add_column(ratio=1)
    line.add_row(Text(f"{marker} {number}."), Text(clean_text(label)))
    return line


class QuestionnaireScreen(Screen[None]):
    BINDINGS = [
        Binding("right,n", "next", "Next/skip", key_display="→"),
        Binding("left,b", "back", "Back", key_display="←"),
        Binding("h", "toggle_help", "Why?"),
        Binding("i", "intro", "Section intro", show=False),
        Binding("s", "sections", "Sections"),
        Binding("r", "review", "Review"),
        Binding("f", "results", "Results"),
        Binding("x", "clear", "Clear", show=False),
        Binding("space", "toggle", "Tick", show=False),
        Binding("escape", "leave", "Home"),
        *(Binding(str(n), f"choose({n})", show=False) for n in range(1, 10)),
    ]

    def __init__(self, session: EditSession, bank: Bank):
        super().__init__()
        self.session = session
        self.bank = bank
        self.question: Question | None = resume_question(bank, session.assessment)
        self._pending: dict[tuple[str, str], str] = {}
        """Typed text not yet saved, by (question id, "note" or "text")."""
        self._save_timer: Timer | None = None
        self._boxes_for: str | None = None
        """The question whose note and text boxes are on screen now, once they are filled."""

    # --- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="where")
        with VerticalScroll(id="body"):
            yield Static(id="intro", classes="muted")
            yield Static(id="prompt")
            yield Vertical(id="answer")
            yield Static(id="help")
        yield Input(id="note", placeholder="Evidence note (optional): where is the proof? "
                                          "Enter goes on", select_on_focus=False)
        yield Static(id="status")
        yield Footer()

    async def on_mount(self) -> None:
        self.title = "svassess"
        self.presenter_changed()
        await self.show(self.question)

    def presenter_changed(self) -> None:
        """Presenter mode: the name leaves the title and the note is masked."""
        presenter = self.app.presenter
        self.sub_title = "(name hidden)" if presenter else self.session.assessment.name
        self.query_one("#note", Input).password = presenter

    # --- showing a question ----------------------------------------------------------------

    @property
    def assessment(self):
        return self.session.assessment

    async def show(self, question: Question | None) -> None:
        self.flush()
        self._boxes_for = None
        self.question = question
        answer_box = self.query_one("#answer", Vertical)
        await answer_box.remove_children()
        if question is None:
            self.query_one("#prompt", Static).update("This question bank has no questions.")
            return
        self._save(lambda: self.session.set_current(question.id))
        self._refresh_progress()
        section = self.bank.section(question.section)
        in_section = [q for q in visible_questions(self.bank, self.assessment)
                      if q.section == question.section]
        first_in_section = in_section and in_section[0] is question
        intro = self.query_one("#intro", Static)
        intro.update(literal(section.intro) if section and first_in_section else "")
        intro.display = bool(section and first_in_section and section.intro)
        self.query_one("#prompt", Static).update(literal(question.prompt))
        self.query_one("#help", Static).update(
            Content.assemble(("Why this matters: ", "bold"), literal(question.help)))
        note = self.query_one("#note", Input)
        saved = self.assessment.answers.get(question.id)
        with note.prevent(Input.Changed):
            note.value = saved.note if saved else ""
        note.cursor_position = len(note.value)
        widget = self._answer_widget(question)
        await answer_box.mount(widget)
        self._boxes_for = question.id
        body = self.query_one("#body", VerticalScroll)
        # A text box would swallow the arrow keys, so it is focused only when the user tabs in.
        (body if question.kind == "text" else widget).focus(scroll_visible=False)
        self.call_after_refresh(self._scroll_to_question)

    def _scroll_to_question(self) -> None:
        """Start at the top; but if a section's introduction would push the answers out of
        sight, start at the question instead (the introduction is a scroll away)."""
        body = self.query_one("#body", VerticalScroll)
        intro, prompt = self.query_one("#intro", Static), self.query_one("#prompt", Static)
        needed = sum(w.outer_size.height for w in (intro, prompt, self.query_one("#answer"))
                     if w.display)
        if intro.display and needed > body.size.height:
            body.scroll_to_widget(prompt, top=True, animate=False)
        else:
            body.scroll_home(animate=False)

    def _refresh_progress(self) -> None:
        question = self.question
        if question is None:
            return
        visible = visible_questions(self.bank, self.assessment)
        in_section = [q for q in visible if q.section == question.section]
        section = self.bank.section(question.section)
        sections = [s for s in self.bank.sections if any(q.section == s.id for q in visible)]
        position = sections.index(section) + 1 if section in sections else 0
        answered = sum(1 for q in visible if is_answered(self.bank, self.assessment, q))
        number = in_section.index(question) + 1 if question in in_section else 0
        self.query_one("#where", Static).update(Content.assemble(
            (f"Section {position} of {len(sections)}: ", "bold"),
            literal_line(section.title if section else "").stylize("bold"),
            f"\nQuestion {number} of {len(in_section)} in this section"
            f" · {answered} of {len(visible)} answered in all",
        ))

    def _answer_widget(self, question: Question) -> Widget:
        value = valid_value(question, self.assessment.answers.get(question.id))
        if question.kind == "text":
            return TextArea(value if isinstance(value, str) else "", id="text-answer",
                            soft_wrap=True, show_line_numbers=False,
                            placeholder="Press Tab to write your answer; Escape when done.")
        options = self._options(question, value)
        option_list = OptionList(*options, id="choices")
        values = self._values(question)
        if value in values:
            option_list.highlighted = values.index(value)
        elif option_list.option_count:
            option_list.highlighted = 0
        return option_list

    def _values(self, question: Question) -> list[str | int]:
        if question.kind == "scale" and question.scale:
            return [point for point, _ in question.scale.points()]
        return [o.value for o in question.options]

    def _options(self, question: Question, value: object) -> list[Option]:
        if question.kind == "scale" and question.scale:
            return [Option(option_prompt(number, f"{point} - {words}" if words else str(point),
                                         point == value))
                    for number, (point, words) in enumerate(question.scale.points(), start=1)]
        if question.kind == "multi":
            chosen = value if isinstance(value, list) else []
            return [Option(option_prompt(n, o.label, o.value in chosen, many=True))
                    for n, o in enumerate(question.options, start=1)]
        return [Option(option_prompt(n, o.label, o.value == value))
                for n, o in enumerate(question.options, start=1)]

    # --- answering -------------------------------------------------------------------------

    def _save(self, change) -> bool:
        """Run a change that saves; show whether it reached the disk."""
        try:
            change()
        except StoreError as exc:
            self._show_status(Content.assemble(("Not saved: ", "bold"), literal(str(exc))),
                              error=True)
            return False
        self._show_status(Content("✓ Saved"))
        if self.query("#where"):
            self._refresh_progress()
        return True

    def _show_status(self, text: Content, error: bool = False) -> None:
        """The status line, when it is still on screen (flushing on the way out may not be)."""
        status = next(iter(self.query("#status").results(Static)), None)
        if status is not None:
            status.update(text)
            status.set_class(error, "error")

    async def _answer_and_advance(self, value: str | int) -> None:
        question = self.question
        if question is None:
            return
        if self._save(lambda: self.session.answer(question, value)):
            await self.action_next()

    @on(OptionList.OptionSelected, "#choices")
    async def _chosen(self, event: OptionList.OptionSelected) -> None:
        if self.question is None:
            return
        if self.question.kind == "multi":
            self._toggle(event.option_index)
        else:
            await self._answer_and_advance(self._values(self.question)[event.option_index])

    def _toggle(self, index: int) -> None:
        """Tick or untick one box of a multi question, and save at once."""
        question = self.question
        if question is None or not 0 <= index < len(question.options):
            return
        current = valid_value(question, self.assessment.answers.get(question.id))
        value = toggled(question, current, question.options[index].value)
        if value:
            saved = self._save(lambda: self.session.answer(question, value))
        else:
            saved = self._save(lambda: self.session.clear(question.id))
        if saved:
            option = question.options[index]
            self.query_one("#choices", OptionList).replace_option_prompt_at_index(
                index, option_prompt(index + 1, option.label, option.value in value, many=True))

    def action_toggle(self) -> None:
        if self.question is not None and self.question.kind == "multi":
            highlighted = self.query_one("#choices", OptionList).highlighted
            if highlighted is not None:
                self._toggle(highlighted)

    async def action_choose(self, number: int) -> None:
        question = self.question
        if question is None or question.kind == "text":
            return
        values = self._values(question)
        if not 1 <= number <= len(values):
            return
        if question.kind == "multi":
            self._toggle(number - 1)
            return
        await self._answer_and_advance(values[number - 1])

    def action_clear(self) -> None:
        question = self.question
        if question is not None and question.id in self.assessment.answers:
            self._save(lambda: self.session.clear(question.id))
            self.call_after_refresh(self.show, question)

    @on(Input.Changed, "#note")
    def _note_typed(self, event: Input.Changed) -> None:
        if self.question is not None:
            self._pending[(self.question.id, "note")] = event.value
            self._schedule_save()

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
        if self.question is not None:
            self._pending[(self.question.id, "text")] = event.text_area.text
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
                changes.append(lambda q=question_id, t=text: self.session.set_note(q, t))
            elif question is not None and text.strip():
                changes.append(lambda q=question, t=text: self.session.answer(q, t))
            else:
                changes.append(lambda q=question_id: self.session.clear(q))
        return changes

    # --- moving around ---------------------------------------------------------------------

    def _neighbour(self, step: int) -> Question | None:
        visible = visible_questions(self.bank, self.assessment)
        if self.question not in visible:
            return visible[0] if visible else None
        index = visible.index(self.question) + step
        return visible[index] if 0 <= index < len(visible) else None

    async def action_next(self) -> None:
        following = self._neighbour(+1)
        if following is None:
            self.flush()
            self.app.show_results(self.bank, self.assessment, self.session, finished=True)
            return
        await self.show(following)

    async def action_back(self) -> None:
        previous = self._neighbour(-1)
        if previous is not None:
            await self.show(previous)

    def action_intro(self) -> None:
        """Show the top: the section's introduction, when a small window has scrolled it away."""
        self.query_one("#body", VerticalScroll).scroll_home(animate=False)

    def action_toggle_help(self) -> None:
        help_text = self.query_one("#help", Static)
        help_text.display = not help_text.display

    def action_sections(self) -> None:
        from svassess.tui.screens.dialogs import PickDialog

        visible = visible_questions(self.bank, self.assessment)
        rows = []
        for section in self.bank.sections:
            asked = [q for q in visible if q.section == section.id]
            if not asked:
                continue
            done = sum(1 for q in asked if is_answered(self.bank, self.assessment, q))
            rows.append((section.id, Content.assemble(
                literal_line(section.title), f"  ({done} of {len(asked)} answered)")))
        current = self.question.section if self.question else ""
        self.app.push_screen(PickDialog("Jump to a section (Enter to go, Escape to stay)", rows,
                                        current), self._jump_to_section)

    async def _jump_to_section(self, section_id: str | None) -> None:
        if not section_id:
            return
        target = section_start(self.bank, self.assessment, section_id)
        if target is not None:
            await self.show(target)

    def action_review(self) -> None:
        from svassess.tui.screens.review import ReviewScreen

        self.flush()
        self.app.push_screen(ReviewScreen(self.bank, self.assessment), self._jump_to_question)

    async def _jump_to_question(self, question_id: str | None) -> None:
        question = self.bank.question(question_id) if question_id else None
        if question is not None:
            await self.show(question)

    def action_results(self) -> None:
        self.flush()
        self.app.show_results(self.bank, self.assessment, self.session)

    def action_leave(self) -> None:
        """Escape: out of a text box first (back to the answers), then back home."""
        if isinstance(self.focused, Input | TextArea):
            self.flush()
            target = self.query("#choices")
            (target.first() if target else self.query_one("#body")).focus()
            return
        self.flush()
        self.app.leave_safely(self.session, self._close_and_go_home)

    def _close_and_go_home(self) -> None:
        self.session.close()
        self.app.pop_screen()

    def on_unmount(self) -> None:
        self.flush()
        self.session.close()
