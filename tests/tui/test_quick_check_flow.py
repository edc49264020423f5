"""The quick check is started like any bank, and its answers carry into the full assessment."""

from __future__ import annotations

from svassess.assessment import new_assessment
from svassess.bank_loader import load_bank_dirs
from svassess.paths import shipped_banks_dir
from svassess.store import Store
from tests.tui.conftest import screen_text


async def test_going_on_from_the_quick_check_keeps_every_answer(location):
    from svassess.tui.app import SvassessApp
    from svassess.tui.screens.questionnaire import QuestionnaireScreen

    banks = load_bank_dirs([shipped_banks_dir()]).banks
    quick, full = banks["provider-readiness-quick"], banks["provider-readiness"]
    a = new_assessment(quick, "Harbour quick")
    answers = {"context.nation": "wales", "context.buyers": ["nhs"], "data.baseline": "all",
               "leadership.lead": "not-sure"}
    for qid, value in answers.items():
        a.answer(quick.question(qid), value)
    a.set_note("data.baseline", "Case system report QX9")
    store = Store(location.path)
    store.save(a, None)

    app = SvassessApp(location, dict(banks))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")                         # resume the highlighted assessment
        await pilot.pause()
        assert isinstance(app.screen, QuestionnaireScreen)
        assert app.screen.bank.id == quick.id
        await pilot.press("ctrl+p")
        await pilot.pause()
        for key in "full assessment":
            await pilot.press("space" if key == " " else key)
        await pilot.pause(0.5)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)
        assert isinstance(app.screen, QuestionnaireScreen)
        assert app.screen.bank.id == full.id
        assert "of 4 answered" not in screen_text(app)

    saved = store.read(store.path_for(a.id)).assessment
    assert (saved.bank, saved.bank_version) == (full.id, full.version)
    assert {qid: ans.value for qid, ans in saved.answers.items()} == answers
    assert saved.answers["data.baseline"].note == "Case system report QX9"
    # The full assessment starts on a question the quick check did not ask.
    assert saved.current not in answers


async def test_the_command_is_offered_only_for_a_quick_check(location):
    from svassess.tui.app import SvassessApp

    banks = load_bank_dirs([shipped_banks_dir()]).banks
    full = banks["provider-readiness"]
    a = new_assessment(full, "Harbour full")
    a.answer(full.question("context.nation"), "england")
    store = Store(location.path)
    store.save(a, None)
    app = SvassessApp(location, dict(banks))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Go on to the full assessment" not in titles
