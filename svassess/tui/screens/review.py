"""Every visible question with its answer, by section; unanswered ones marked. Enter jumps to a
question. The list is what `Walk.review` returns; this screen only draws it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from svassess.report import answer_text
from svassess.tui.safe import literal_line
from svassess.tui.screens.base import SvassessScreen
from svassess.tui.styles import styles_beside
from svassess.tui.widgets.footer import KeyFooter
from svassess.tui.widgets.title_bar import TitleBar
from svassess.walk import Walk


class ReviewScreen(SvassessScreen[str | None]):
    DEFAULT_CSS = styles_beside(__file__, "review.tcss")
    BINDINGS = [
        Binding("escape", "dismiss_none", "Back"),
        Binding("u", "toggle_unanswered", "Only unanswered"),
        Binding("question_mark,f1", "app.help", "Help", key_display="?"),
        Binding("ctrl+q", "app.quit", "Quit"),
    ]

    def __init__(self, walk: Walk):
        super().__init__()
        self.walk = walk
        self.only_unanswered = False

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="review-summary")
        yield OptionList(id="review")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Review your answers"
        self.watch(self.svassess_app, "presenter", self.presenter_changed)

    def _fill(self) -> None:
        review = self.walk.review(self.only_unanswered)
        options: list[Option] = []
        for progress, entries in review.sections:
            options.append(Option(Content.assemble(
                ("── ", "dim"), literal_line(progress.section.title).stylize("bold"),
                (f"  ({progress.answered} of {progress.asked} answered)", "dim")),
                disabled=True))
            for entry in entries:
                status = ("  ✓ ", "") if entry.answered else ("  ✗ NOT ANSWERED ", "bold reverse")
                line = Content.assemble(status, literal_line(entry.question.prompt))
                words = answer_text(entry.question, entry.value)
                if words:
                    line = Content.assemble(line, ("\n      → ", "dim"), literal_line(words))
                if entry.note and not self.svassess_app.presenter:
                    line = Content.assemble(line, ("\n      Note: ", "dim"),
                                            literal_line(entry.note))
                options.append(Option(line, id=entry.question.id))
        shown = "Showing only unanswered ones; u shows all." if self.only_unanswered else \
            "u shows only unanswered ones."
        self.query_one("#review-summary", Static).update(
            f"{review.answered} of {review.visible} questions answered; {review.missing} not "
            f"answered (marked ✗). Enter goes to a question; after answering a gap you go on "
            f"to the next one. {shown}")
        listing = self.query_one("#review", OptionList)
        listing.clear_options()
        listing.add_options(options)
        listing.focus()

    def presenter_changed(self) -> None:
        self._fill()

    def action_toggle_unanswered(self) -> None:
        self.only_unanswered = not self.only_unanswered
        self._fill()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
