"""A stray Enter never answers a question: the Enter that starts an assessment (pressed once
too often in the new-assessment form) used to choose the first answer, "England", of the first
question."""

from __future__ import annotations

from tests.tui.conftest import screen_text


async def test_enter_on_a_new_question_answers_nothing_and_says_how(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")                          # Start a new assessment
        await pilot.pause()
        await pilot.press(*"Valley", "enter", "enter")      # name, organisation: starts it
        await pilot.pause()
        session = app.screen.session
        await pilot.press("enter")                          # once too often
        await pilot.pause()
        assert session.assessment.answers == {}
        assert "Choose an answer first" in screen_text(app)
        await pilot.press("down", "enter")                  # ↓ to the first answer, Enter
        await pilot.pause()
        assert list(session.assessment.answers) == ["context.nation"]

