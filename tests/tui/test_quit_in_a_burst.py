"""Keys in a burst (a workshop seat over slow Wi-Fi, a paste, a slow laptop): choosing an answer
and quitting at once ends svassess cleanly with the answer saved. The next question was still
being shown while the app closed, and mounting it into the closed screen crashed with a
MountError and a traceback."""

from __future__ import annotations

from svassess.store import Store
from svassess.tui.screens.questionnaire import QuestionnaireScreen
from tests.tui.conftest import burst


async def test_choosing_an_answer_and_quitting_at_once(make_app, saved_assessment, location):
    stored = saved_assessment()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionnaireScreen)
        question = app.screen.question
        assert question is not None
        burst(app, ["1", "ctrl+q"])
        await pilot.pause(1.0)
    assert app._exception is None
    assert app.return_code in (0, None)
    saved = Store(location.path).read(stored.path).assessment
    assert question.id in saved.answers


async def test_a_placing_callback_after_the_questionnaire_was_left_does_nothing(
        make_app, saved_assessment):
    """An answer and Escape at once: a callback queued by the answer's layout ran after the
    screen's widgets had gone and raised NoMatches (seen once in a full test run)."""
    saved_assessment()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionnaireScreen)
        await screen.query_one("#body").remove()        # as when the screen is taken down
        screen._show_more()
        screen._scroll_to_question(final=True)
        await pilot.pause()
    assert app._exception is None


async def test_back_and_quit_at_once_reopens_at_the_question_gone_back_to(
        make_app, saved_assessment, location):
    stored = saved_assessment(answers={"context.nation": "wales"}, current="policy.act")
    app = make_app(open_stored=stored)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionnaireScreen) and screen.question.id == "policy.act"
        burst(app, ["left", "ctrl+q"])
        await pilot.pause(1.0)
    assert app._exception is None
    current = Store(location.path).read(stored.path).assessment.current
    assert current is not None and current != "policy.act"
