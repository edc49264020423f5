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
