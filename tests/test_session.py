"""Edit sessions save every change at once, hold the lock, and never overwrite others' work."""

from __future__ import annotations

import tomllib

import pytest

from svassess.session import EditSession, duplicate
from svassess.store import Conflict, Locked, Store


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "data")


def on_disk(store, assessment_id):
    return tomllib.loads(store.path_for(assessment_id).read_text(encoding="utf-8"))


def test_every_change_is_on_disk_at_once(store, bank):
    session = EditSession.create(store, bank, "Harbour Kitchen", "Harbour CIC")
    aid = session.assessment.id
    assert on_disk(store, aid)["assessment"]["name"] == "Harbour Kitchen"
    session.answer(bank.question("policy.act"), "partly")
    assert on_disk(store, aid)["answers"]["policy.act"]["value"] == "partly"
    session.set_note("policy.act", "Board minutes")
    assert on_disk(store, aid)["answers"]["policy.act"]["note"] == "Board minutes"
    session.set_current("measure.tools")
    assert on_disk(store, aid)["assessment"]["current"] == "measure.tools"
    session.clear("policy.act")
    assert on_disk(store, aid)["answers"]["policy.act"]["value"] == ""
    session.rename("Harbour Kitchen 2026", "Harbour Kitchen CIC")
    assert on_disk(store, aid)["assessment"]["organisation"] == "Harbour Kitchen CIC"
    session.close()


def test_a_second_session_is_refused_until_the_first_closes(store, bank):
    first = EditSession.create(store, bank, "Harbour Kitchen", "")
    stored = store.read(store.path_for(first.assessment.id))
    with pytest.raises(Locked):
        EditSession.open(store, stored)
    first.close()
    second = EditSession.open(store, stored)
    second.answer(bank.question("policy.act"), "yes")
    second.close()


def test_a_change_made_behind_the_session_is_not_overwritten(store, bank):
    session = EditSession.create(store, bank, "Harbour Kitchen", "")
    path = store.path_for(session.assessment.id)
    path.write_text(path.read_text(encoding="utf-8").replace("Harbour Kitchen", "Edited"),
                    encoding="utf-8")
    with pytest.raises(Conflict):
        session.answer(bank.question("policy.act"), "yes")
    assert on_disk(store, session.assessment.id)["assessment"]["name"] == "Edited"
    session.close()


def test_duplicate_copies_answers_and_notes_under_a_new_id(store, bank):
    session = EditSession.create(store, bank, "Harbour Kitchen", "Harbour CIC")
    session.answer(bank.question("measure.tools"), ["toc"])
    session.set_note("measure.tools", "ToC drafted")
    copy = duplicate(store, session.assessment, "Harbour Kitchen (again)")
    session.answer(bank.question("measure.tools"), ["toc", "data"])
    assert copy.id != session.assessment.id
    saved = on_disk(store, copy.id)
    assert saved["assessment"]["name"] == "Harbour Kitchen (again)"
    assert saved["answers"]["measure.tools"] == {
        "value": ["toc"], "note": "ToC drafted",
        "answered_at": saved["answers"]["measure.tools"]["answered_at"]}
    session.close()


def test_trash_moves_the_file_and_never_erases_it(store, bank):
    session = EditSession.create(store, bank, "Harbour Kitchen", "")
    session.close()
    original = store.path_for(session.assessment.id).read_bytes()
    moved = store.trash(session.assessment.id)
    assert moved.parent == store.data_dir / "trash"
    assert moved.read_bytes() == original
    assert not store.path_for(session.assessment.id).exists()
    assert store.assessments().items == []


def count_saves(store, monkeypatch):
    calls = []
    real_save = store.save

    def counting_save(*args, **kwargs):
        calls.append(args[0].current)
        return real_save(*args, **kwargs)

    monkeypatch.setattr(store, "save", counting_save)
    return calls


def test_recording_an_answer_and_where_to_go_next_is_one_save(store, bank, monkeypatch):
    session = EditSession.create(store, bank, "Valley Transport", "")
    saves = count_saves(store, monkeypatch)
    session.record(bank.question("policy.act"), "partly", bank.question("measure.tools"))
    assert len(saves) == 1
    disk = on_disk(store, session.assessment.id)
    assert disk["answers"]["policy.act"]["value"] == "partly"
    assert disk["assessment"]["current"] == "measure.tools"

    session.record(bank.question("measure.tools"), ["toc"], None)     # stays on the question
    assert len(saves) == 2
    assert on_disk(store, session.assessment.id)["assessment"]["current"] == "measure.tools"

    session.record(bank.question("policy.act"), None, bank.question("measure.confidence"))
    assert len(saves) == 3
    disk = on_disk(store, session.assessment.id)
    assert "policy.act" not in disk.get("answers", {})
    assert disk["assessment"]["current"] == "measure.confidence"
    session.close()


def test_a_refused_record_saves_nothing(store, bank, monkeypatch):
    session = EditSession.create(store, bank, "Valley Transport", "")
    saves = count_saves(store, monkeypatch)
    with pytest.raises(ValueError):
        session.record(bank.question("policy.act"), "maybe", None)
    assert saves == []
    session.close()


def test_an_unexpected_error_in_a_background_save_is_not_saved_and_later_saves_still_run(
        store, bank, monkeypatch):
    session = EditSession.create(store, bank, "Harbour Kitchen", "")
    session.write_in_background(lambda: None)
    real_save, calls = store.save, []

    def breaks_once(assessment, digest):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("not a disk error")
        return real_save(assessment, digest)

    monkeypatch.setattr(store, "save", breaks_once)
    session.answer(bank.question("policy.act"), "partly")
    assert session.wait_written(5)
    assert "not a disk error" in session.unsaved      # never shown as saved
    session.answer(bank.question("policy.act"), "yes")
    assert session.wait_written(5)                      # the writer is still there
    assert session.unsaved is None
    assert on_disk(store, session.assessment.id)["answers"]["policy.act"]["value"] == "yes"
    session.close()
