"""The whole questionnaire, driven with the keyboard alone, checking the file on disk each step."""

from __future__ import annotations

import tomllib

from svassess.store import Store
from svassess.tui.screens.home import HomeScreen
from svassess.tui.screens.questionnaire import QuestionnaireScreen
from svassess.tui.screens.results import ResultsScreen
from tests.tui.conftest import screen_text


async def type_text(pilot, text: str) -> None:
    for char in text:
        await pilot.press("space" if char == " " else char)


async def start_new(pilot, name: str, organisation: str) -> None:
    """From the home screen, start a new assessment with the keyboard."""
    await pilot.press("n")
    await type_text(pilot, name)
    await pilot.press("enter")
    await type_text(pilot, organisation)
    await pilot.press("enter")
    await pilot.pause()


def on_disk(location) -> dict:
    files = list((location.path / "assessments").glob("*.toml"))
    assert len(files) == 1
    return tomllib.loads(files[0].read_text(encoding="utf-8"))


def answer(location, qid):
    return on_disk(location)["answers"].get(qid, {}).get("value")


async def test_keyboard_only_create_answer_change_note_quit_resume(make_app, location):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        assert "no saved assessments yet" in screen_text(app)
        await start_new(pilot, "Harbour Kitchen", "Harbour CIC")
        assert isinstance(app.screen, QuestionnaireScreen)
        saved = on_disk(location)
        assert saved["assessment"]["name"] == "Harbour Kitchen"
        assert saved["assessment"]["organisation"] == "Harbour CIC"
        assert "Where do you mostly work?" in screen_text(app)
        assert "Why this matters: Rules differ across the UK." in screen_text(app)

        await pilot.press("2")                         # Wales
        assert answer(location, "context.nation") == "wales"
        assert "How well do you know the Social Value Act?" in screen_text(app)
        await pilot.press("down", "down", "down", "enter")  # ↓ from no highlight: "Well"
        assert answer(location, "policy.act") == "yes"
        assert "Do you know the Welsh procurement duty?" in screen_text(app)
        await pilot.press("2")                         # yes: reveals the text question
        assert answer(location, "policy.wales") == "yes"
        assert "What have you done about it?" in screen_text(app)
        await type_text(pilot, "Read the guidance")    # typing starts the text answer
        await pilot.press("escape", "right")           # out of the box, then on
        assert answer(location, "policy.wales-detail") == "Read the guidance"
        assert "Which of these do you have?" in screen_text(app)
        await pilot.press("1", "3")                    # tick two boxes
        assert answer(location, "measure.tools") == ["toc", "report"]
        assert "[x] 1. A theory of change" in screen_text(app)
        assert "[ ] 2. Routine data" in screen_text(app)
        await pilot.press("right")
        await pilot.press("4")                         # the last question: on to results
        assert answer(location, "measure.confidence") == 4
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert any("You have reached the end" in n.message for n in app._notifications)

        await pilot.press("escape")                    # back to change an answer
        for _ in range(4):
            await pilot.press("left")
        assert "How well do you know the Social Value Act?" in screen_text(app)
        assert "(•) 3. Well" in screen_text(app)
        await pilot.press("1")
        assert answer(location, "policy.act") == "no"
        await pilot.press("tab")
        await type_text(pilot, "Board minutes, March")
        await pilot.press("enter")
        assert on_disk(location)["answers"]["context.nation"]["value"] == "wales"
        saved = on_disk(location)
        assert saved["answers"]["policy.wales"]["note"] == "Board minutes, March"
        assert saved["assessment"]["current"] == "policy.wales-detail"
        await pilot.press("ctrl+q")

    lock = next((location.path / "assessments").glob("*.toml"))
    Store(location.path).lock(lock.stem).release()     # the lock was released on quit

    app = make_app()
    async with app.run_test(size=(100, 80)) as pilot:
        assert "Harbour Kitchen" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionnaireScreen)
        assert "What have you done about it?" in screen_text(app)   # resumed exactly here
        await pilot.press("ctrl+o")
        await pilot.pause()
        text = screen_text(app)
        assert "Overall readiness:" in text and "Level:" in text
        # Policy is 50 (Act "no", Welsh duty "yes"): the quick win comes first, then Wales.
        assert "1. Quick win: read a summary of the Act" in text
        assert "2. Learn the Welsh duty" in text


async def test_hidden_questions_disappear_when_an_answer_changes(make_app, saved_assessment,
                                                                 location):
    saved_assessment(answers={"context.nation": "wales", "policy.wales": "yes"},
                     current="context.nation")
    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert "of 6 answered" in screen_text(app)
        await pilot.press("1")                         # England: the Welsh questions go
        assert "of 4 answered" in screen_text(app)
        assert answer(location, "policy.wales") == "yes"   # kept in the file


async def test_review_marks_unanswered_and_jumps(make_app, saved_assessment):
    saved_assessment(answers={"policy.act": "partly"}, notes={"policy.act": "See minutes"})
    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        text = screen_text(app)
        assert "1 of 4 questions answered; 3 not answered" in text
        assert "✓ How well do you know the Social Value Act?" in text
        assert "→ A little" in text and "Note: See minutes" in text
        assert "✗ NOT ANSWERED Which of these do you have?" in text
        await pilot.press("u")
        assert "How well do you know" not in screen_text(app)
        await pilot.press("down", "down", "enter")     # skip the section heading, pick one
        await pilot.pause()
        assert isinstance(app.screen, QuestionnaireScreen)
        assert "Which of these do you have?" in screen_text(app)


async def test_sections_picker_jumps_to_the_first_unanswered(make_app, saved_assessment):
    saved_assessment(answers={"context.nation": "england"})
    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Measurement  (0 of 2 answered)" in screen_text(app)
        await pilot.press("down", "enter")              # the picker starts at this section
        await pilot.pause()
        assert "Which of these do you have?" in screen_text(app)


async def test_rename_duplicate_and_delete_to_trash(make_app, saved_assessment, location):
    saved = saved_assessment()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        for _ in range(len("Harbour Kitchen")):
            await pilot.press("backspace")
        await type_text(pilot, "Renamed")
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert Store(location.path).read(saved.path).assessment.name == "Renamed"
        await pilot.press("d")
        await pilot.pause()
        assert "Renamed (copy)" in screen_text(app)
        assert len(Store(location.path).assessments().items) == 2
        await pilot.press("delete")
        await pilot.pause()
        assert "Delete" in screen_text(app) and "trash folder" in screen_text(app)
        await pilot.press("n")                         # "No" keeps it
        await pilot.pause()
        assert len(Store(location.path).assessments().items) == 2
        await pilot.press("delete")
        await pilot.press("y")
        await pilot.pause()
        assert len(Store(location.path).assessments().items) == 1
        assert len(list((location.path / "trash").glob("*.toml"))) == 1


async def test_a_second_app_on_an_open_assessment_gets_a_read_only_view(make_app,
                                                                        saved_assessment):
    saved = saved_assessment()
    lock = Store(saved.path.parent.parent).lock(saved.assessment.id)
    try:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ResultsScreen)
            assert any("open in another svassess" in n.message and "read-only" in n.message
                       for n in app._notifications)
    finally:
        lock.release()


async def test_help_and_too_small_a_window(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert "What is this for?" in screen_text(app)
        await pilot.press("escape")
        await pilot.resize_terminal(30, 8)
        await pilot.pause()
        assert app.is_running
        await pilot.resize_terminal(10, 3)
        await pilot.pause()
        assert app.is_running


async def test_a_changed_bank_keeps_answers_and_says_what_changed(make_app, saved_assessment,
                                                                 location):
    stored = saved_assessment(answers={"policy.act": "yes"})
    path = stored.path
    text = path.read_text(encoding="utf-8").replace('bank_version = "1.0.0"',
                                                    'bank_version = "0.9.0"')
    text += ('\n[answers."policy.retired"]\nvalue = "yes"\n'
             "answered_at = 2026-01-01T00:00:00Z\n")
    path.write_text(text, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("version 0.9.0" in m and "version 1.0.0" in m and "1 answer(s)" in m
                   for m in messages), messages
        await pilot.press("1")
    saved = on_disk(location)
    assert saved["answers"]["policy.retired"]["value"] == "yes"
    assert saved["answers"]["policy.act"]["value"] == "yes"
    assert saved["assessment"]["bank_version"] == "1.0.0"


async def test_new_assessment_asks_which_bank_when_there_are_several(location, bank):
    from dataclasses import replace

    from svassess.tui.app import SvassessApp

    other = replace(bank, id="welsh-edition", title="Welsh edition", version="2.0.0")
    app = SvassessApp(location, {bank.id: bank, other.id: other})
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert "Welsh edition (version 2.0.0)" in screen_text(app)
        await type_text(pilot, "Cymru")
        await pilot.press("tab", "tab", "down", "tab", "enter")
        await pilot.pause()
        assert on_disk(location)["assessment"]["bank"] == "welsh-edition"


async def test_the_command_palette_offers_the_main_actions(make_app, saved_assessment):
    saved_assessment()
    app = make_app()
    async with app.run_test(size=(80, 24)):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for wanted in ("New", "Open", "Results", "Export", "Help", "Theme", "Quit"):
            assert any(wanted in t for t in titles), (wanted, titles)


async def test_a_long_section_intro_never_hides_the_answers(location):
    """In a small window the question and its answers come first; PageUp shows the
    introduction."""
    from svassess.bank_loader import load_bank_dirs
    from svassess.paths import shipped_banks_dir
    from svassess.tui.app import SvassessApp

    bank = load_bank_dirs([shipped_banks_dir()]).banks["provider-readiness"]
    app = SvassessApp(location, {bank.id: bank})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await type_text(pilot, "Small window")
        await pilot.press("enter", "enter")
        await pilot.pause()
        await pilot.press("1", "right", "1", "1")             # to section 2's first question
        await pilot.pause()
        text = screen_text(app)
        assert "Section 2 of" in text
        assert "( ) 1." in text and "( ) 2." in text            # the answers are in sight
        intro_start = bank.sections[1].intro.split()[:4]
        assert " ".join(intro_start) not in text
        await pilot.press("pageup")
        await pilot.pause()
        assert " ".join(intro_start) in screen_text(app)


async def test_a_text_answer_and_a_note_typed_quickly_are_both_saved(make_app, saved_assessment,
                                                                    location):
    # A text question offers a note only when it already has one (its answer is the evidence).
    saved_assessment(answers={"context.nation": "wales", "policy.wales": "yes"},
                     notes={"policy.wales-detail": "Board"}, current="policy.wales-detail")
    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("tab")
        await type_text(pilot, "We read it")
        await pilot.press("tab")                       # straight on, before the save delay
        await type_text(pilot, " minutes")
        await pilot.press("enter")
        await pilot.pause()
    saved = on_disk(location)["answers"]["policy.wales-detail"]
    assert saved["value"] == "We read it" and saved["note"] == "Board minutes"


async def test_the_highlighted_assessment_stays_the_same_after_the_list_changes(
        make_app, saved_assessment):
    saved_assessment("Alpha", "Same CIC")
    saved_assessment("Bravo", "Same CIC")
    saved_assessment("Charlie", "Same CIC")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down")
        chosen = app.screen.selected().assessment.name
        await pilot.press("enter")                     # open it and answer: it becomes newest
        await pilot.pause()
        await pilot.press("1", "escape")
        await pilot.pause()
        assert app.screen.selected().assessment.name == chosen


async def test_a_renamed_copy_in_the_folder_does_not_stop_the_app(make_app, saved_assessment):
    stored = saved_assessment("Harbour Kitchen")
    (stored.path.parent / "copy.toml").write_bytes(stored.path.read_bytes())
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Harbour Kitchen" in text and "does not match" in text
