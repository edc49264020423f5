"""Nothing typed is lost and nothing unsaved is called saved (issue 11, items 1–4).

Each test opens the questionnaire at a question with a note box and checks the file on disk."""

from __future__ import annotations

import tomllib

import pytest

from svassess.store import SaveFailed, Store
from svassess.tui.screens import questionnaire as questionnaire_module
from svassess.tui.screens.home import HomeScreen
from svassess.tui.screens.questionnaire import QuestionnaireScreen
from svassess.tui.screens.unsaved import UnsavedDialog
from tests.tui.conftest import burst, screen_text, typed


def note_on_disk(stored, qid="policy.act") -> str | None:
    data = tomllib.loads(stored.path.read_text(encoding="utf-8"))
    return data.get("answers", {}).get(qid, {}).get("note")


def answers_in(path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8")).get("answers", {})


@pytest.fixture
def opened(make_app, saved_assessment):
    stored = saved_assessment(answers={"context.nation": "wales"},
                              notes={"policy.act": "Board minutes"}, current="policy.act")
    return make_app(open_stored=stored), stored


async def test_quit_saves_the_note_box_even_before_its_change_message_arrives(opened):
    app, stored = opened
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        note = app.screen.query_one("#note")
        with note.prevent(note.Changed):           # as if the keys were still in the queue
            note.value = "Board minutes, March 2026"
        await app.action_quit()
    assert note_on_disk(stored) == "Board minutes, March 2026"


async def test_leaving_the_app_any_other_way_saves_what_was_typed(opened):
    app, stored = opened
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "space", "2", "0", "2", "6")
        app.exit()                                  # no flush first: only the unmount is left
    assert note_on_disk(stored) == "Board minutes 2026"


async def test_the_status_line_says_saving_until_the_note_is_on_disk(opened, monkeypatch):
    assert questionnaire_module.SAVE_DELAY <= 0.5
    monkeypatch.setattr(questionnaire_module, "SAVE_DELAY", 600)   # the pause never ends
    app, stored = opened
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "!")
        await pilot.pause()
        status = str(app.screen.query_one("#status").render())
        assert "Saving" in status and "Saved" not in status
        assert note_on_disk(stored) == "Board minutes"
        app.screen.flush()
        await pilot.pause()
        assert "✓ Saved" in str(app.screen.query_one("#status").render())
        assert note_on_disk(stored) == "Board minutes!"


async def test_tab_into_a_note_puts_the_cursor_at_its_end_and_selects_nothing(opened):
    app, stored = opened
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        note = app.screen.query_one("#note")
        assert app.focused is note
        assert note.selection.is_empty and note.cursor_position == len("Board minutes")
        await pilot.press("s")
        app.screen.flush()
    assert note_on_disk(stored) == "Board minutess"


def failing_saves(monkeypatch, why="Could not save it: the disk is full; free some space."):
    def refuse(self, assessment, expected_digest):
        raise SaveFailed(why)
    monkeypatch.setattr(Store, "save", refuse)


async def test_leaving_with_unsaved_answers_asks_and_a_copy_keeps_every_answer(
        opened, monkeypatch, tmp_path):
    app, stored = opened
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        failing_saves(monkeypatch)
        await pilot.press("3")                          # policy.act = yes, not saved
        assert "Not saved" in screen_text(app) and "free some space" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedDialog)
        assert app.focused.id == "retry"                # discarding is never the default
        await pilot.press("escape")                     # Escape stays
        await pilot.pause()
        assert isinstance(app.screen, QuestionnaireScreen)
        await pilot.press("escape")
        await pilot.pause()
        folder = app.screen.query_one("#copy-folder")
        folder.value = str(elsewhere)
        app.screen.query_one("#copy").press()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    copies = list(elsewhere.glob("*.toml"))
    assert len(copies) == 1
    assert answers_in(copies[0])["policy.act"]["value"] == "yes"
    assert answers_in(copies[0])["context.nation"]["value"] == "wales"
    assert "policy.act" not in answers_in(stored.path) or \
        answers_in(stored.path)["policy.act"].get("value") != "yes"


async def test_quit_with_unsaved_answers_asks_and_try_again_saves_once_the_disk_is_back(
        opened, monkeypatch):
    app, stored = opened
    real_save = Store.save
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        failing_saves(monkeypatch)
        await pilot.press("3")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedDialog)
        await pilot.press("enter")                      # Try again: still failing, asked again
        await pilot.pause()
        assert isinstance(app.screen, UnsavedDialog)
        monkeypatch.setattr(Store, "save", real_save)   # the stick is back
        await pilot.press("enter")
        await pilot.pause()
    assert not app.is_running
    assert answers_in(stored.path)["policy.act"]["value"] == "yes"


async def test_discard_is_a_choice_that_leaves_the_file_as_it_was(opened, monkeypatch):
    app, stored = opened
    before = stored.path.read_bytes()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        failing_saves(monkeypatch)
        await pilot.press("3", "escape")
        await pilot.pause()
        discard = app.screen.query_one("#discard")
        discard.active_effect_duration = 0              # a second press is not ignored
        await pilot.press("tab", "tab", "enter")        # a stray Tab, Tab, Enter: still asked
        await pilot.pause()
        assert isinstance(app.screen, UnsavedDialog)
        assert "lose" in str(discard.label)
        await pilot.press("enter")                      # pressed again: discarded
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert stored.path.read_bytes() == before


async def test_quitting_with_a_copy_says_where_the_copy_is_after_the_app_closes(
        opened, monkeypatch, tmp_path, capsys):
    app, _ = opened
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        failing_saves(monkeypatch)
        await pilot.press("3", "ctrl+q")
        await pilot.pause()
        app.screen.query_one("#copy-folder").value = str(tmp_path)
        app.screen.query_one("#copy").press()
        await pilot.pause()
    assert not app.is_running
    [copy] = tmp_path.glob("svassess-copy-*.toml")
    printed = "".join(capsys.readouterr().err.split())
    assert f"svassessimport{copy}" in printed


async def test_the_whole_reason_for_a_failed_save_shows_at_80_columns(opened, monkeypatch):
    why = ("Could not save /media/stick/svassess/assessments/01JABCDEF.toml: the disk is full; "
           "free some space. The previous version is unchanged.")
    app, _ = opened
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        failing_saves(monkeypatch, why)
        await pilot.press("3")
        await pilot.pause()
        shown = " ".join(" ".join(screen_text(app).split()).split())
        assert "The previous version is unchanged." in shown


async def test_a_seat_whose_server_goes_keeps_the_keys_read_just_before(opened, monkeypatch):
    """A seat's input ending (svassess/tui/seat_driver.py) is queued behind the keys read before
    it: they reach the note, the note is saved, and the process ends as after SIGHUP."""
    from svassess.tui import app as app_module

    app, stored = opened
    ended = []
    monkeypatch.setattr(app_module.os, "_exit", ended.append)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab")                    # into the note, its cursor at the end
        await pilot.pause()
        burst(app, typed(" 2027"))
        app.call_later(app.input_ended)             # as SeatDriver does, from its thread
        for _ in range(20):
            if ended:
                break
            await pilot.pause(0.05)
        assert ended == [129]
    assert note_on_disk(stored) == "Board minutes 2027"


async def test_a_second_stop_signal_while_saving_for_the_first_does_nothing(opened, monkeypatch):
    """A closing terminal sends SIGHUP more than once. The second handler ran inside the first
    while it closed the assessment and deadlocked on the writer's lock: the seat stayed alive
    for ever, its assessment locked."""
    import signal

    from svassess.session import EditSession
    from svassess.tui import app as app_module

    app, stored = opened
    ended = []
    monkeypatch.setattr(app_module.os, "_exit", ended.append)
    close = EditSession.close
    nested = []

    def close_with_a_second_signal(session):
        if not nested:
            nested.append(True)
            app._on_stop_signal(signal.SIGHUP, None)      # as the second SIGHUP would
        close(session)

    monkeypatch.setattr(EditSession, "close", close_with_a_second_signal)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "space", "2", "0", "2", "8")
        await pilot.pause()
        app._on_stop_signal(signal.SIGHUP, None)
        assert nested and ended == [129]
    assert note_on_disk(stored) == "Board minutes 2028"
