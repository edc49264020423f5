"""Every screen and dialog of the app with hostile names, notes, answers, plan actions, bank
texts, bank problems and a hostile data folder: nothing crashes, no control character reaches
the screen, and clicking on markup-looking text runs nothing.
(tests/tui/test_hostile.py checks one markup string on the main screens; this walks them all,
with the whole list of hostile strings.)"""

from __future__ import annotations

import unicodedata
from dataclasses import replace

import pytest

from svassess.assessment import new_assessment
from svassess.bank_loader import load_bank, load_resources
from svassess.paths import DataLocation
from svassess.store import Store
from svassess.tui.app import SvassessApp
from tests.robustness.hostile import (
    BANK_SAFE,
    CONTROLS,
    HOSTILE,
    probe,
    squeeze,
    write_hostile_bank,
)
from tests.tui.conftest import FIXED, screen_text

MARK = "[@click=app.quit]"


def visible(text: str) -> str:
    """What takes up room on a terminal: whitespace, combining marks and zero-width
    characters left out (terminals draw those on the character before, or not at all)."""
    return "".join(c for c in squeeze(text) if unicodedata.category(c) not in ("Mn", "Me", "Cf"))


@pytest.fixture
def hostile_app(tmp_path):
    location = DataLocation(tmp_path / f"data {HOSTILE['click-action']} \x1b[31m", "--data-dir")
    short = {k: v for k, v in BANK_SAFE.items() if k != "ten-thousand"}
    bank_path = write_hostile_bank(tmp_path / "banks", short)
    bank = load_bank(bank_path, load_resources(tmp_path / "banks" / "resources.toml"))
    other = replace(bank, id="other-bank", title=HOSTILE["closing-tags"] + " other")
    store = Store(location.path)
    # One time for both, so the list's order never depends on the clock: with the same time
    # the names order them, the marked one second (the test clicks on it, and a click on the
    # highlighted first row opens it). Saved a second apart, the marked one came first about
    # one run in a hundred, and the click opened the questionnaire.
    now = FIXED
    earlier = new_assessment(bank, HOSTILE["windows-paths"], HOSTILE["html-script"], now=now)
    store.save(earlier, None)
    a = new_assessment(bank, HOSTILE["click-action"] + " " + HOSTILE["ansi-csi"],
                       HOSTILE["html-script"], now=now)
    a.answer(bank.question("context.nation"), "wales", now=now)
    a.answer(bank.question("policy.act"), "no", now=now)
    a.set_note("policy.act", HOSTILE["osc-title-link"] + " " + HOSTILE["click-action"], now=now)
    a.answer(bank.question("policy.wales"), "yes", now=now)
    a.answer(bank.question("policy.wales-detail"), HOSTILE["ten-thousand"], now=now)
    a.set_note("measure.tools", HOSTILE["rtl-override"] + HOSTILE["nul-and-c0"], now=now)
    action = a.plan.add_own(HOSTILE["markdown-link"] + " " + HOSTILE["click-action"])
    action.owner = HOSTILE["combining"]
    a.current = "context.nation"
    store.save(a, None)
    problems = [f"A question bank was not loaded: {HOSTILE['closing-tags']} {text}"
                for text in (HOSTILE["c1-controls"], HOSTILE["format-strings"])]
    return SvassessApp(location, {bank.id: bank, other.id: other}, problems), bank


async def look(pilot, app, where: str, expect: str | None = MARK) -> str:
    """The screen is drawn, holds no control character, and shows `expect` literally;
    clicking on it runs nothing."""
    await pilot.pause()
    assert app.is_running, f"{where}: the app stopped"
    text = screen_text(app)
    assert not CONTROLS.search(text), f"{where}: a control character reached the screen"
    if expect is None:
        return text
    lines = text.splitlines()
    found = [(row, line.index(expect)) for row, line in enumerate(lines) if expect in line]
    assert found, f"{where} ({type(app.screen).__name__}): {expect!r} is not shown:\n{text}"
    row, column = found[0]
    await pilot.click(offset=(column + 2, row))
    await pilot.pause()
    assert app.is_running, f"{where}: clicking the text ran an action"
    return text


async def test_every_screen_and_dialog_with_hostile_text(hostile_app):
    app, bank = hostile_app
    async with app.run_test(size=(120, 40)) as pilot:
        text = await look(pilot, app, "home")
        assert "<script>alert(" in text                            # the organisation
        assert "A question bank was not loaded: closing [/] and [/bold]" in text

        for key, where in (("n", "new-assessment dialog"), ("r", "rename dialog"),
                           ("delete", "delete dialog")):
            await pilot.press(key)
            expect = "closing [/] and [/bold]" if key == "n" else MARK
            await look(pilot, app, where, expect)
            await pilot.press("escape")
            await pilot.pause()

        await pilot.press("c")                                     # compare: pick, then show
        await look(pilot, app, "compare picker", "..\\..\\Windows\\System32")
        await pilot.press("enter")
        await look(pilot, app, "compare screen", None)
        await pilot.press("escape")

        await pilot.press("enter")                                 # the questionnaire
        seen = []
        for _ in range(len(bank.questions)):
            # Long texts make a question scroll; read each from the top.
            app.screen.query_one("#body").scroll_home(animate=False)
            seen.append(await look(pilot, app, "a question", None))
            await pilot.press("right")
        all_questions = visible("\n".join(seen))
        for question in bank.questions[:4]:
            assert visible(probe(question.prompt, 30)) in all_questions, question.id
        assert "x" * 100 in all_questions                 # the 10,000-character text answer
        await look(pilot, app, "results at the end")

        await pilot.press("escape")
        await pilot.press("left", "left", "left", "left")               # back to policy.act
        text = await look(pilot, app, "question with a hostile note", None)
        assert app.screen.query_one("#note").value.endswith(HOSTILE["click-action"])
        assert "\x1b" not in app.screen.query_one("#note").value
        await pilot.press("ctrl+s")
        await look(pilot, app, "section picker", None)
        await pilot.press("escape", "ctrl+r")
        await look(pilot, app, "review")            # the click picks that question: fine
        if type(app.screen).__name__ == "ReviewScreen":
            await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "QuestionnaireScreen"
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("plus")
        await pilot.pause()
        app.screen.query_one("#results").scroll_home(animate=False)
        await look(pilot, app, "results, expanded")
        await pilot.press("p")
        await look(pilot, app, "action plan", "[click me](javascript:alert(1))")
        if type(app.screen).__name__ == "PlanScreen":   # the click may have opened the action
            await pilot.press("enter")
        await look(pilot, app, "action dialog", "[click me](javascript:alert(1))")
        await pilot.press("escape", "escape", "e")
        await look(pilot, app, "export dialog", None)
        await pilot.press("escape", "m")
        await look(pilot, app, "scoring method", None)
        await pilot.press("escape", "f1")
        text = await look(pilot, app, "help")
        assert "[31m" in text                                     # the folder's name, literally
        await pilot.press("escape", "ctrl+t")
        await look(pilot, app, "results in presenter mode", None)
        assert app.is_running
