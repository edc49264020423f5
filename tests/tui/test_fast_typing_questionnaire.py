"""Keys in a burst on a question: answers' numbers, Tab into the note and out, the note.

A terminal delivers a fast typist's keys (a paste, a workshop seat over slow Wi-Fi) before the
app has handled any of them, so all of them are sent to the answers, which had the focus when
they were read. Each is handled there in the order typed, as if typed slowly: a number
chooses (an answer that goes on holds the rest until the next question is shown), Tab moves to
the note, the rest is the note. Textual would otherwise match the number to a key binding only
once it came back from the answers, by which time the focus was in the note: the answer was
lost."""

from __future__ import annotations

from tests.tui.conftest import burst, typed
from tests.tui.test_questionnaire_walk import answers_in


async def burst_then_save(app, pilot, keys: list[str]) -> None:
    """Queue the keys at once, let them all be handled, then save what was typed."""
    burst(app, keys)
    for _ in range(4):
        await pilot.pause()
    app.screen.flush()
    for _ in range(4):
        await pilot.pause()


async def test_a_tick_then_tab_then_a_note(make_app, saved_assessment):
    stored = saved_assessment(answers={"context.nation": "england"}, current="measure.tools")
    app = make_app(open_stored=stored)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst_then_save(app, pilot, ["2", "tab", *typed("Plan 3")])
        assert app.screen.question.id == "measure.tools"
        assert app.focused is app.screen.query_one("#note")
    saved = answers_in(stored)["measure.tools"]
    assert saved["value"] == ["data"] and saved["note"] == "Plan 3"


async def test_an_answer_then_tab_then_a_note(make_app, saved_assessment):
    """As typed slowly: the answer goes on, and Tab and the note wait for the next question.
    (The note's change messages, arriving once the next question was shown, used to save it
    there as well as here.)"""
    stored = saved_assessment(answers={"context.nation": "england"}, current="policy.act")
    app = make_app(open_stored=stored)
    async with app.run_test(size=(80, 24)) as pilot:
        await burst_then_save(app, pilot, ["3", "tab", *typed("Board minutes 2")])
        assert app.screen.question.id == "measure.tools"
        assert app.focused is app.screen.query_one("#note")
    saved = answers_in(stored)
    assert saved["policy.act"]["value"] == "yes" and not saved["policy.act"].get("note")
    assert saved["measure.tools"]["note"] == "Board minutes 2"


async def test_shift_tab_back_to_the_answers_then_a_number(make_app, saved_assessment):
    stored = saved_assessment(answers={"context.nation": "england"}, current="measure.tools")
    app = make_app(open_stored=stored)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        await burst_then_save(app, pilot, [*typed("Pl"), "shift+tab", "1"])
    saved = answers_in(stored)["measure.tools"]
    assert saved["value"] == ["toc"] and saved["note"] == "Pl"


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
    """An answer that goes on holds the rest of the burst until the next question is shown,
    as a slow typist's keys would wait: "2" then "1" answer this question and the next."""
    stored = saved_assessment(answers={"context.nation": "england"}, current="policy.act")
    app = make_app(open_stored=stored)
    async with app.run_test(size=(80, 24)) as pilot:
        await burst_then_save(app, pilot, ["2", "1"])
        assert app.screen.question.id == "measure.tools"     # policy.wales is for Wales only
    saved = answers_in(stored)
    assert saved["policy.act"]["value"] == "partly"
    assert saved["measure.tools"]["value"] == ["toc"]
