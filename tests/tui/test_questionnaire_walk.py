"""Issue 12: the questionnaire a first-time provider finishes without tripping.

Each test drives the real app with keys and checks the screen and the file on disk."""

from __future__ import annotations

import re
import tomllib

import pytest

from svassess.assessment import new_assessment
from svassess.bank_loader import load_bank_dirs
from svassess.paths import shipped_banks_dir
from svassess.store import Store
from svassess.tui.app import SvassessApp
from svassess.tui.screens.dialogs.pick import PickDialog
from svassess.tui.screens.help import HELP_FILE
from svassess.tui.screens.questionnaire import PLACE_DELAY, QuestionnaireScreen
from svassess.tui.screens.results import ResultsScreen
from svassess.tui.screens.review import ReviewScreen
from tests.tui.conftest import burst, screen_text, typed


def answers_in(stored) -> dict:
    return tomllib.loads(stored.path.read_text(encoding="utf-8")).get("answers", {})


def value_of(stored, qid):
    return answers_in(stored).get(qid, {}).get("value")


def current_in(stored) -> str:
    return tomllib.loads(stored.path.read_text(encoding="utf-8"))["assessment"]["current"]


def count_saves(monkeypatch) -> list[int]:
    saves: list[int] = []
    real_save = Store.save

    def counting(self, assessment, digest):
        saves.append(1)
        return real_save(self, assessment, digest)

    monkeypatch.setattr(Store, "save", counting)
    return saves


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def shipped():
    return load_bank_dirs([shipped_banks_dir()]).banks["provider-readiness"]


def open_at(location, bank, current, answers=None, size=None):
    """An app opened on a saved assessment of `bank`, at question `current`."""
    assessment = new_assessment(bank, "Valley Community Transport", "Valley CT")
    for qid, value in (answers or {}).items():
        assessment.answer(bank.question(qid), value)
    assessment.current = current
    store = Store(location.path)
    store.save(assessment, None)
    stored = store.read(store.path_for(assessment.id))
    return SvassessApp(location, {bank.id: bank}, open_stored=stored), stored


# --- the redesign: one keypress, one save -------------------------------------------------------

async def test_each_answer_key_saves_the_file_once(make_app, saved_assessment, monkeypatch):
    stored = saved_assessment(answers={"context.nation": "england"}, current="policy.act")
    app = make_app(open_stored=stored)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        saves = count_saves(monkeypatch)
        await pilot.press("3")                          # choose "Well" and go on
        await pilot.pause()
        assert len(saves) == 1
        assert value_of(stored, "policy.act") == "yes"
        assert current_in(stored) == "measure.tools"
        await pilot.press("1")                          # tick a box: stay
        await pilot.pause()
        assert len(saves) == 2
        await pilot.press("down", "space")              # tick the highlighted box
        await pilot.pause()
        assert len(saves) == 3
        assert value_of(stored, "measure.tools") == ["toc", "data"]
        await pilot.press("enter")                      # done ticking: on
        await pilot.pause()
        assert len(saves) == 4
        assert current_in(stored) == "measure.confidence"
        await pilot.press("left")
        await pilot.pause()
        assert len(saves) == 5


# --- item 2: what is shown is what is saved ---------------------------------------------------

async def test_coming_back_from_results_shows_the_saved_answer(make_app, saved_assessment):
    stored = saved_assessment(answers={"context.nation": "england", "policy.act": "no",
                                       "measure.tools": ["toc"]}, current="measure.confidence")
    app = make_app(open_stored=stored)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "4")                   # the last question: on to the results
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, QuestionnaireScreen)
        assert value_of(stored, "measure.confidence") == 4
        text = screen_text(app)
        assert "(•) 4. 4" in text and "( ) 2. 2" in text
        assert app.screen.query_one("#choices").highlighted == 3
        await pilot.press("enter")                        # Enter keeps the saved answer
        await pilot.pause()
        assert value_of(stored, "measure.confidence") == 4


# --- items 3 and 4: help readable in full, every answer in sight -----------------------------

async def test_long_help_reads_in_full_with_page_down_at_80_by_24(location, shipped):
    question = shipped.question("claims.money-values")
    app, _ = open_at(location, shipped, question.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        seen = screen_text(app)
        assert "More below: PageDown" in seen
        for _ in range(6):
            await pilot.press("pagedown")
            await pilot.pause()
            seen += "\n" + screen_text(app)
        body_lines = [line[1:-1].strip() for line in seen.splitlines()]
        assert flat(question.help) in flat(" ".join(body_lines))
        assert "More above: PageUp" in screen_text(app)
        footer = screen_text(app).splitlines()[-1]
        assert "Why?" not in footer and "Help" in footer
    help_text = HELP_FILE.read_text(encoding="utf-8")
    assert "PageUp / PageDown" in help_text


async def test_every_answer_shows_when_there_is_room(location, shipped):
    app, _ = open_at(location, shipped, "claims.money-values",
                     answers={"context.nation": "wales"})
    last = len(shipped.question("claims.money-values").options)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        for number in range(1, last + 1):
            assert f"( ) {number}." in text
        assert f"{last}. Not sure" in text
        assert "More below" not in text


async def test_when_answers_do_not_fit_the_user_is_told_and_arrows_bring_them_into_view(
        location, shipped):
    app, _ = open_at(location, shipped, "claims.money-values")
    last = f"{len(shipped.question('claims.money-values').options)}. Not sure"
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause(PLACE_DELAY * 3)               # the question has taken its place
        assert last not in screen_text(app)
        assert "More below" in screen_text(app)
        await pilot.press("end")                          # the last answer
        await pilot.pause()
        assert last in screen_text(app)


# --- item 5: several answers ------------------------------------------------------------------

async def test_several_answers_space_ticks_enter_goes_on_and_none_of_these_excludes(
        location, exclusive_bank):
    app, stored = open_at(location, exclusive_bank, "measure.tools",
                          answers={"context.nation": "england", "policy.act": "no"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("1", "3")                       # number keys tick
        await pilot.pause()
        assert value_of(stored, "measure.tools") == ["toc", "report"]
        await pilot.press("4")                            # None of these: the others go
        await pilot.pause()
        assert value_of(stored, "measure.tools") == ["none"]
        assert "[ ] 1. A theory of change" in screen_text(app)
        assert "[x] 4. None of these" in screen_text(app)
        await pilot.press("up", "up", "space")            # Space ticks Routine data
        await pilot.pause()
        assert value_of(stored, "measure.tools") == ["data"]
        assert "[ ] 4. None of these" in screen_text(app)
        await pilot.press("enter")                        # Enter confirms: it ticks nothing
        await pilot.pause()
        assert value_of(stored, "measure.tools") == ["data"]
        assert "How confident are you in your numbers?" in screen_text(app)


async def test_right_arrow_also_confirms_several_answers(make_app, saved_assessment):
    stored = saved_assessment(answers={"context.nation": "england"}, current="measure.tools")
    app = make_app(open_stored=stored)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2", "right")
        await pilot.pause()
        assert value_of(stored, "measure.tools") == ["data"]
        assert "How confident are you in your numbers?" in screen_text(app)


# --- item 6: typing never fires keys; clearing can be undone; every key is in the help -------

async def test_a_word_typed_outside_the_note_box_becomes_the_note(make_app, saved_assessment):
    stored = saved_assessment(answers={"context.nation": "england", "policy.act": "partly"},
                              current="policy.act")
    app = make_app(open_stored=stored)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in "Minutes":
            await pilot.press(key)
        await pilot.press("space", "s", "r", "f", "n", "b", "x", "h")
        await pilot.pause()
        assert isinstance(app.screen, QuestionnaireScreen)
        assert app.screen.question.id == "policy.act"
        assert app.screen.query_one("#note").value == "Minutes srfnbxh"
        app.screen.flush()
    assert value_of(stored, "policy.act") == "partly"
    assert answers_in(stored)["policy.act"]["note"] == "Minutes srfnbxh"


async def test_letters_on_a_question_without_a_note_change_nothing_and_say_how_to_answer(
        make_app, saved_assessment):
    stored = saved_assessment(answers={"context.nation": "wales"}, current="context.nation")
    app = make_app(open_stored=stored)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in "Minutes":
            await pilot.press(key)
        await pilot.pause()
        assert app.screen.question.id == "context.nation"
        assert "No note is needed here: answer with 1–2" in screen_text(app)
    assert value_of(stored, "context.nation") == "wales"


async def test_clearing_an_answer_can_be_undone(make_app, saved_assessment):
    stored = saved_assessment(answers={"policy.act": "partly"}, current="policy.act")
    app = make_app(open_stored=stored)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        assert value_of(stored, "policy.act") is None
        assert "Ctrl+Z puts it back" in screen_text(app)
        assert "(•)" not in screen_text(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert value_of(stored, "policy.act") == "partly"
        assert "(•) 2. A little" in screen_text(app)


KEY_NAMES = {"right": "→", "left": "←", "question_mark": "?", "f1": "F1", "ctrl+q": "Ctrl+Q",
             "escape": "Escape", "ctrl+r": "Ctrl+R", "ctrl+s": "Ctrl+S", "ctrl+o": "Ctrl+O",
             "pageup": "PageUp", "pagedown": "PageDown", "delete": "Delete", "ctrl+z": "Ctrl+Z",
             "space": "Space", "enter": "Enter", "ctrl+t": "Ctrl+T"}


def test_the_help_lists_every_key_of_the_question_screen():
    from svassess.tui.screens.questionnaire import AnswerList

    help_text = HELP_FILE.read_text(encoding="utf-8")
    keys = [key for binding in [*QuestionnaireScreen.BINDINGS, *AnswerList.BINDINGS]
            for key in binding.key.split(",")]
    for key in keys:
        name = "1–9" if key.isdigit() else KEY_NAMES[key]
        assert name in help_text, key
    letters = [key for key in keys if re.fullmatch("[a-z]", key)]
    assert letters == []


# --- item 7: Quit and Help always in the footer -----------------------------------------------

@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_quit_and_help_are_always_in_the_footer(make_app, saved_assessment, size):
    stored = saved_assessment(answers={"context.nation": "wales"}, current="policy.act")
    app = make_app(open_stored=stored)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "? Help" in footer and "^q Quit" in footer and "→ Next" in footer
        await pilot.press("tab")                           # in the note box too
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "? Help" in footer and "^q Quit" in footer
        await pilot.press("escape", "ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        footer = screen_text(app).splitlines()[-1]
        assert "Help" in footer and "Quit" in footer


# --- item 8: the end, gaps from the review, the moving total ----------------------------------

async def test_the_end_comes_only_after_every_section_was_seen(make_app, saved_assessment):
    stored = saved_assessment(answers={"context.nation": "england"}, current="context.nation")
    app = make_app(open_stored=stored)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PickDialog)
        await pilot.press("down", "down", "enter")         # jump over Policy to Measurement
        await pilot.pause()
        assert "Which of these do you have?" in screen_text(app)
        await pilot.press("1", "enter", "3")               # answer Measurement to its end
        await pilot.pause()
        assert not isinstance(app.screen, ResultsScreen)
        assert "How well do you know the Social Value Act?" in screen_text(app)
        assert "this section was skipped and not yet seen: Policy" in flat(screen_text(app))
        await pilot.press("right")                          # seen now (skipped): the end
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)


async def test_after_answering_a_gap_from_review_the_next_gap_follows(make_app,
                                                                       saved_assessment):
    stored = saved_assessment(answers={"context.nation": "england", "policy.act": "no"},
                              current="context.nation")
    app = make_app(open_stored=stored)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r", "u")
        await pilot.pause()
        await pilot.press("down", "enter")                   # Which of these do you have?
        await pilot.pause()
        assert "Which of these do you have?" in screen_text(app)
        await pilot.press("2", "enter")
        await pilot.pause()
        assert "How confident are you in your numbers?" in screen_text(app)
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("down", "down", "enter")           # back to an answered one
        await pilot.pause()
        assert "How well do you know" in screen_text(app)
        await pilot.press("2")                               # answered before: in order
        await pilot.pause()
        assert "Which of these do you have?" in screen_text(app)


async def test_the_top_line_and_the_status_say_why_the_total_moves(make_app, saved_assessment):
    stored = saved_assessment(current="context.nation")
    app = make_app(open_stored=stored)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "0 of 4 answered · up to 2 more may follow from answers" in screen_text(app)
        await pilot.press("2")                                # Wales: one more question
        await pilot.pause()
        text = flat(screen_text(app))
        assert "✓ Saved. 1 more question now applies (5 in all)." in text
        assert "1 of 5 answered" in text


# --- item 12: no evidence note on context questions -------------------------------------------

async def test_context_questions_offer_no_evidence_note(make_app, saved_assessment):
    stored = saved_assessment(current="context.nation")
    app = make_app(open_stored=stored)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Evidence note" not in screen_text(app)
        assert not app.screen.query_one("#note").display
        await pilot.press("1")
        await pilot.pause()
        assert "Evidence note" in screen_text(app)


async def test_a_sentence_typed_fast_lands_whole_in_the_note(make_app, saved_assessment):
    """Keys arrive in a burst from a real terminal: those after the first letter are already on
    their way to the answers when the note box takes the focus. Spaces, digits and Enter among
    them must not tick, choose or go on."""
    stored = saved_assessment(answers={"context.nation": "england"}, current="policy.act")
    app = make_app(open_stored=stored)
    sentence = "Minutes 2026 of 3 boards"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, typed(sentence))
        await pilot.pause()
        await pilot.pause()
        assert app.screen.question.id == "policy.act"
        assert app.screen.query_one("#note").value == sentence
    assert not value_of(stored, "policy.act")              # a note, but still no answer
