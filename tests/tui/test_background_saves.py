"""Issue 18: answers are written by one writer thread, so a slow disk (a USB stick) never holds
up the next key. The writes keep their order, a burst is written as its latest state, the status
line says "Saving…" until the answer is on disk, and quitting writes everything first.

The writer is made slow or failing by replacing Store.save; these tests see it as it is (the
other Pilot tests wait for each save, tests/pilot_saves.py)."""

from __future__ import annotations

import asyncio
import threading
import tomllib

import pytest

from svassess.store import SaveFailed, Store
from svassess.tui.screens.questionnaire import QuestionnaireScreen
from tests.tui.conftest import screen_text

pytestmark = pytest.mark.saves_in_background


def on_disk(stored) -> dict:
    return tomllib.loads(stored.path.read_text(encoding="utf-8"))


def slow_disk(monkeypatch):
    """Store.save held until `gate` is opened; each save's answers and place, in order."""
    gate, writes = threading.Event(), []
    real_save = Store.save

    def save(self, assessment, expected_digest):
        writes.append((sorted(assessment.answers), assessment.current))
        gate.wait()
        return real_save(self, assessment, expected_digest)

    monkeypatch.setattr(Store, "save", save)
    return gate, writes


async def written(app, pilot) -> None:
    for session in app._sessions():
        await asyncio.to_thread(session.wait_written)
    await pilot.pause()


@pytest.fixture
def opened(make_app, saved_assessment):
    """The app open on an assessment at its first question, and the assessment as saved."""
    stored = saved_assessment(current="context.nation")
    return make_app(open_stored=stored), stored


async def test_a_slow_disk_holds_nothing_up_and_a_burst_is_written_once_in_order(opened,
                                                                                 monkeypatch):
    app, stored = opened
    async with app.run_test(size=(80, 24)) as pilot:
        await written(app, pilot)
        gate, writes = slow_disk(monkeypatch)
        await pilot.press("1")                          # England: written, slowly
        await pilot.press("1")                          # policy.act: waits behind it
        await pilot.press("1", "2")                     # two ticks: each replaces the one waiting
        await pilot.pause()
        assert app.screen.question.id == "measure.tools"    # the keys were not held up
        assert "[x] 1." in screen_text(app) and "[x] 2." in screen_text(app)
        assert "Saving…" in screen_text(app)
        assert "✓ Saved" not in screen_text(app)
        assert "context.nation" not in on_disk(stored).get("answers", {})

        gate.set()
        await written(app, pilot)
        assert "✓ Saved" in screen_text(app)
        # The first answer, then only the latest state of everything after it.
        assert writes == [(["context.nation"], "policy.act"),
                          (["context.nation", "measure.tools", "policy.act"], "measure.tools")]
        saved = on_disk(stored)
        assert saved["answers"]["measure.tools"]["value"] == ["toc", "data"]
        assert saved["assessment"]["current"] == "measure.tools"


async def test_quitting_writes_every_answer_before_the_app_ends(opened, monkeypatch):
    app, stored = opened
    async with app.run_test(size=(80, 24)) as pilot:
        await written(app, pilot)
        gate, writes = slow_disk(monkeypatch)
        await pilot.press("2")                          # Wales
        await pilot.press("3")                          # policy.act: yes
        assert app.screen.question.id == "policy.wales"
        threading.Timer(0.3, gate.set).start()          # the stick answers, slowly
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running
    saved = on_disk(stored)
    assert saved["answers"]["context.nation"]["value"] == "wales"
    assert saved["answers"]["policy.act"]["value"] == "yes"
    assert saved["assessment"]["current"] == "policy.wales"
    Store(stored.path.parent.parent).lock(stored.assessment.id).release()   # it let go


async def test_leaving_for_home_waits_for_the_writes(opened, monkeypatch):
    app, stored = opened
    async with app.run_test(size=(80, 24)) as pilot:
        await written(app, pilot)
        gate, _ = slow_disk(monkeypatch)
        await pilot.press("1")
        threading.Timer(0.3, gate.set).start()
        await pilot.press("escape")
        await written(app, pilot)
        assert not isinstance(app.screen, QuestionnaireScreen)
    assert on_disk(stored)["answers"]["context.nation"]["value"] == "england"


async def test_a_failed_background_save_says_not_saved_and_why(opened, monkeypatch):
    app, stored = opened
    real_save = Store.save
    async with app.run_test(size=(80, 24)) as pilot:
        await written(app, pilot)

        def refuse(self, assessment, expected_digest):
            raise SaveFailed("Could not save it: the disk is full; free some space.")

        monkeypatch.setattr(Store, "save", refuse)
        await pilot.press("2")
        await written(app, pilot)
        assert "Not saved: Could not save it: the disk is full" in screen_text(app)
        assert app.screen.session.unsaved

        monkeypatch.setattr(Store, "save", real_save)   # space freed
        await pilot.press("3")
        await written(app, pilot)
        assert "✓ Saved" in screen_text(app)
        assert "Not saved" not in screen_text(app)
        assert app.screen.session.unsaved is None
    saved = on_disk(stored)
    assert saved["answers"]["context.nation"]["value"] == "wales"     # chosen during the fault
    assert saved["answers"]["policy.act"]["value"] == "yes"


async def test_a_failed_save_is_also_notified_once_until_one_succeeds(opened, monkeypatch):
    """The status line at the bottom can go unseen for many answers: the first failure in a row
    is also a notification; later failures in the same row are not notified again; a save that
    works ends the row."""
    app, _ = opened
    real_save = Store.save

    def refuse(self, assessment, expected_digest):
        raise SaveFailed("Could not save it: the disk is full; free some space.")

    def warnings() -> list[str]:
        return [n.message for n in app._notifications if n.title.startswith("Your answers are not")]

    async with app.run_test(size=(80, 24)) as pilot:
        await written(app, pilot)
        monkeypatch.setattr(Store, "save", refuse)
        await pilot.press("2")
        await written(app, pilot)
        assert len(warnings()) == 1
        assert warnings()[0].startswith("Could not save it: the disk is full; free some space.")
        assert "save a copy elsewhere" in warnings()[0]
        await pilot.press("1")
        await written(app, pilot)
        assert len(warnings()) == 1, "a second failure in the same row was notified again"

        monkeypatch.setattr(Store, "save", real_save)
        await pilot.press("3")
        await written(app, pilot)
        monkeypatch.setattr(Store, "save", refuse)
        await pilot.press("1")
        await written(app, pilot)
        assert len(warnings()) == 2, "a new failure after a save that worked was not notified"
