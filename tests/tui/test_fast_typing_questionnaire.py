"""Keys in a burst on a question (a paste, a slow laptop, a workshop seat over slow Wi-Fi): a
terminal delivers them before the app has handled any. What was typed is saved on the question
it was typed on, and only there."""

from __future__ import annotations

from textual.widgets import Input

from tests.tui.conftest import burst, settle, typed
from tests.tui.test_questionnaire_walk import answers_in


async def burst_then_save(app, pilot, keys: list[str]) -> None:
    """Queue the keys at once, let them all be handled, then save what was typed."""
    burst(app, keys)
    await settle(pilot)
    app.screen.flush()
    await settle(pilot)


async def test_a_note_change_arriving_after_going_on_is_not_the_next_question_s(
        make_app, saved_assessment):
    """The note box's change messages can arrive once the next question is shown (typed just
    before going on): the note used to be saved on the next question as well."""
    stored = saved_assessment(answers={"context.nation": "england"}, current="policy.act")
    app = make_app(open_stored=stored)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        note = app.screen.query_one("#note", Input)
        await pilot.press("2")                       # answers, and goes on
        await pilot.pause()
        assert app.screen.question.id == "measure.tools"
        app.screen.post_message(Input.Changed(note, "Typed on the question before"))
        await pilot.pause()
        app.screen.flush()
        await pilot.pause()
    assert not answers_in(stored).get("measure.tools", {}).get("note")



async def test_a_text_answer_then_going_on_in_one_burst(make_app, saved_assessment):
    """The text typed is the text question's answer, and nothing of it reaches the next."""
    stored = saved_assessment(answers={"context.nation": "wales", "policy.wales": "yes"},
                              current="policy.wales-detail")
    app = make_app(open_stored=stored)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst_then_save(app, pilot, [*typed("Done it"), "escape", "right"])
        assert app.screen.question.id == "measure.tools"
    saved = answers_in(stored)
    assert saved["policy.wales-detail"]["value"] == "Done it"
    assert saved.get("measure.tools", {}).get("value") in (None, "", []), saved


async def test_two_answers_in_one_burst_answer_two_questions(make_app, saved_assessment):
    """The next question is shown before the burst's next key is handled, as a slow typist's
    keys would wait: "2" then "1" answer this question and the next (a way of handling keys
    tried and withdrawn on 4 December answered the first question twice)."""
    stored = saved_assessment(answers={"context.nation": "england"}, current="policy.act")
    app = make_app(open_stored=stored)
    async with app.run_test(size=(80, 24)) as pilot:
        await burst_then_save(app, pilot, ["2", "1"])
        assert app.screen.question.id == "measure.tools"     # policy.wales is for Wales only
    saved = answers_in(stored)
    assert saved["policy.act"]["value"] == "partly"
    assert saved["measure.tools"]["value"] == ["toc"]


async def test_an_answer_then_tab_and_a_note_in_one_burst(make_app, saved_assessment):
    """As if typed slowly: "3" answers this question and shows the next, Tab then moves into
    the next question's note box, and the note is typed there. The answer used to be lost: the
    "3" was matched to its key only after the Tab had moved into the note box, and went into
    the note."""
    stored = saved_assessment(answers={"context.nation": "england"}, current="policy.act")
    app = make_app(open_stored=stored)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst_then_save(app, pilot, ["3", "tab", *typed("Minutes 2 and 4")])
        assert app.screen.question.id == "measure.tools"
    saved = answers_in(stored)
    assert saved["policy.act"]["value"] == "yes"
    assert not saved["policy.act"].get("note")
    assert saved["measure.tools"]["note"] == "Minutes 2 and 4"


async def test_ticks_enter_and_the_next_answer_in_one_burst(make_app, saved_assessment):
    """Enter on a question with several answers goes on through a message the answer list
    posts; the next key waits for it, so "2" answers the next question instead of ticking a
    second box here."""
    stored = saved_assessment(answers={"context.nation": "england", "policy.act": "yes"},
                              current="measure.tools")
    app = make_app(open_stored=stored)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, ["1", "enter", "2"])        # the last question: its answer shows results
        await settle(pilot)
        assert type(app.screen).__name__ == "ResultsScreen"
    saved = answers_in(stored)
    assert saved["measure.tools"]["value"] == ["toc"]
    assert saved["measure.confidence"]["value"] == 2


async def test_a_note_enter_and_the_next_answer_in_one_burst(make_app, saved_assessment):
    """Enter in the note box goes on; the "2" after it ticks a box of the next question."""
    stored = saved_assessment(answers={"context.nation": "england"}, current="policy.act")
    app = make_app(open_stored=stored)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst_then_save(app, pilot, [*typed("Minutes"), "enter", "2"])
        assert app.screen.question.id == "measure.tools"
    saved = answers_in(stored)
    assert saved["policy.act"]["note"] == "Minutes"
    assert not saved["policy.act"].get("value")
    assert saved["measure.tools"]["value"] == ["data"]


async def test_the_last_answer_and_a_key_for_the_results_in_one_burst(make_app,
                                                                       saved_assessment):
    """After the last answer the results are shown; a "p" typed with the answer opens the
    plan there, instead of starting a note "p" on the last question."""
    stored = saved_assessment(answers={"context.nation": "england", "policy.act": "yes",
                                       "measure.tools": ["toc"]},
                              current="measure.confidence")
    app = make_app(open_stored=stored)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, ["4", "p"])
        await settle(pilot)
        assert type(app.screen).__name__ == "PlanScreen"
    saved = answers_in(stored)
    assert saved["measure.confidence"]["value"] == 4
    assert not saved["measure.confidence"].get("note")
