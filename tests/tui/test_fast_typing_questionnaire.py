"""Keys in a burst on a question: an answer's number, then Tab into the note, then the note.

A terminal delivers a fast typist's keys (a paste, a workshop seat over slow Wi-Fi) before the
app has handled any of them, so all of them are sent to the answers, which had the focus when
they were read. Each is handled there in the order typed: the number chooses, Tab moves to the
note, the rest is the note. Textual would otherwise match the number to a key binding only once
it came back from the answers, by which time the focus was in the note: the answer was lost."""

from __future__ import annotations

import tomllib

from tests.tui.conftest import burst, typed


def answers_in(stored) -> dict:
    return tomllib.loads(stored.path.read_text(encoding="utf-8")).get("answers", {})


async def settle(pilot) -> None:
    for _ in range(4):
        await pilot.pause()


async def test_a_tick_then_tab_then_a_note(make_app, saved_assessment):
    stored = saved_assessment(answers={"context.nation": "england"}, current="measure.tools")
    app = make_app(open_stored=stored)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, ["2", "tab", *typed("Plan 3")])
        await settle(pilot)
        app.screen.flush()
        await settle(pilot)
        assert app.screen.question.id == "measure.tools"
        assert app.focused is app.screen.query_one("#note")
    saved = answers_in(stored)["measure.tools"]
    assert saved["value"] == ["data"] and saved["note"] == "Plan 3"


async def test_an_answer_then_tab_then_a_note(make_app, saved_assessment):
    """The answer is kept, and so is the note, with the question it was typed on."""
    stored = saved_assessment(answers={"context.nation": "england"}, current="policy.act")
    app = make_app(open_stored=stored)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, ["3", "tab", *typed("Board minutes 2")])
        await settle(pilot)
        app.screen.flush()
        await settle(pilot)
        assert app.screen.question.id != "policy.act"       # the answer went on
    saved = answers_in(stored)
    assert saved["policy.act"]["value"] == "yes"
    assert saved["policy.act"]["note"] == "Board minutes 2"
    # Not also on the next question (the note's change messages arrived after going on).
    assert all(answer.get("note") in (None, "") for qid, answer in saved.items()
               if qid != "policy.act"), saved


async def test_shift_tab_back_to_the_answers_then_a_number(make_app, saved_assessment):
    stored = saved_assessment(answers={"context.nation": "england"}, current="measure.tools")
    app = make_app(open_stored=stored)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        burst(app, [*typed("Pl"), "shift+tab", "1"])
        await settle(pilot)
        app.screen.flush()
        await settle(pilot)
    saved = answers_in(stored)["measure.tools"]
    assert saved["value"] == ["toc"] and saved["note"] == "Pl"


async def test_a_text_answer_then_going_on_in_one_burst(make_app, saved_assessment):
    """The text typed is the text question's answer, and nothing of it reaches the next."""
    stored = saved_assessment(answers={"context.nation": "wales", "policy.wales": "yes"},
                              current="policy.wales-detail")
    app = make_app(open_stored=stored)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, [*typed("Done it"), "escape", "right"])
        await settle(pilot)
        app.screen.flush()
        await settle(pilot)
        assert app.screen.question.id == "measure.tools"
    saved = answers_in(stored)
    assert saved["policy.wales-detail"]["value"] == "Done it"
    assert saved.get("measure.tools", {}).get("value") in (None, "", []), saved
