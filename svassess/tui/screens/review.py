"""Every visible question with its answer; unanswered ones marked. Enter jumps to a question."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from svassess.assessment import Assessment, valid_value, visible_questions
from svassess.bank import Bank
from svassess.report import answer_text
from svassess.tui.safe import literal_line


class ReviewScreen(Screen[str | None]):
    BINDINGS = [
        Binding("escape", "dismiss_none", "Back"),
        Binding("u", "toggle_unanswered", "Only unanswered"),
    ]

    def __init__(self, bank: Bank, assessment: Assessment):
        super().__init__()
        self.bank = bank
        self.assessment = assessment
        self.only_unanswered = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="review-summary")
        yield OptionList(id="review")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Review your answers"
        self._fill()

    def _fill(self) -> None:
        visible = visible_questions(self.bank, self.assessment)
        options: list[Option] = []
        missing = 0
        section_id = None
        for question in visible:
            answer = self.assessment.answers.get(question.id)
            value = valid_value(question, answer)
            if value is None:
                missing += 1
            elif self.only_unanswered:
                continue
            if question.section != section_id:
                section_id = question.section
                section = self.bank.section(section_id)
                options.append(Option(Content.assemble(
                    ("── ", "dim"), literal_line(section.title if section else "").stylize("bold")),
                    disabled=True))
            status = ("  ✓ ", "") if value is not None else ("  ✗ NOT ANSWERED ", "bold reverse")
            words = answer_text(question, value)
            line = Content.assemble(status, literal_line(question.prompt))
            if words:
                line = Content.assemble(line, ("\n      → ", "dim"), literal_line(words))
            if answer and answer.note and not self.app.presenter:
                line = Content.assemble(line, ("\n      Note: ", "dim"), literal_line(answer.note))
            options.append(Option(line, id=question.id))
        self.query_one("#review-summary", Static).update(
            f"{len(visible) - missing} of {len(visible)} questions answered; "
            f"{missing} not answered (marked ✗). Enter goes to a question; u shows only "
            f"unanswered ones.")
        review = self.query_one("#review", OptionList)
        review.clear_options()
        review.add_options(options)
        review.focus()

    def presenter_changed(self) -> None:
        self._fill()

    def action_toggle_unanswered(self) -> None:
        self.only_unanswered = not self.only_unanswered
        self._fill()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
