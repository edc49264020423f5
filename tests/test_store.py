"""The store loses nothing: atomic saves, corrupt files set aside, locks, conflicts, round trips."""

from __future__ import annotations

import contextlib
import errno
import os
import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svassess import files as files_module
from svassess import store as store_module
from svassess.assessment import new_assessment
from svassess.store import (
    Ambiguous,
    Conflict,
    CorruptFile,
    Locked,
    NewerVersion,
    NotFound,
    SaveFailed,
    Store,
)


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "data")


def saved(store, bank, name="Harbour Kitchen", organisation="Harbour CIC"):
    a = new_assessment(bank, name, organisation)
    a.answer(bank.question("policy.act"), "partly")
    digest = store.save(a, None)
    return a, digest


def files_in(folder):
    return sorted(p.name for p in folder.iterdir())


def test_save_then_read_gives_the_same_assessment(store, bank):
    a, digest = saved(store, bank)
    back = store.read(store.path_for(a.id))
    assert back.assessment == a
    assert back.digest == digest
    assert files_in(store.folder) == [f"{a.id}.toml"]


def test_file_is_named_by_id_never_by_name(store, bank):
    a, _ = saved(store, bank, name="../../etc/passwd CON")
    assert files_in(store.folder) == [f"{a.id}.toml"]


def test_the_file_matches_the_documented_format(store, bank):
    a, _ = saved(store, bank)
    a.set_note("policy.act", "See board minutes")
    a.answer(bank.question("measure.tools"), ["toc", "report"])
    store.save(a, store.read(store.path_for(a.id)).digest)
    data = tomllib.loads(store.path_for(a.id).read_text(encoding="utf-8"))
    assert data["schema_version"] == 1
    meta = data["assessment"]
    assert {"id", "name", "organisation", "bank", "bank_version", "created", "updated",
            "current"} <= set(meta)
    assert meta["bank"] == "test-bank" and meta["current"] == "measure.tools"
    assert data["answers"]["policy.act"]["value"] == "partly"
    assert data["answers"]["policy.act"]["note"] == "See board minutes"
    assert data["answers"]["measure.tools"]["value"] == ["toc", "report"]
    assert meta["created"].tzinfo is not None and meta["created"].utcoffset().total_seconds() == 0


def test_unknown_keys_and_answers_survive_a_save(store, bank):
    a, _ = saved(store, bank)
    path = store.path_for(a.id)
    text = path.read_text(encoding="utf-8")
    text = text.replace("[assessment]\n", "[assessment]\nfacilitator = \"Sam\"\n")
    text = "future_feature = [1, 2]\n" + text
    text += ('\n[answers."retired.question"]\nvalue = "yes"\nnote = "kept"\n'
             'answered_at = 2026-01-01T00:00:00Z\nconfidence = "high"\n')
    path.write_text(text, encoding="utf-8")
    stored = store.read(path)
    stored.assessment.answer(bank.question("policy.act"), "yes")
    store.save(stored.assessment, stored.digest)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["future_feature"] == [1, 2]
    assert data["assessment"]["facilitator"] == "Sam"
    assert data["answers"]["retired.question"] == {
        "value": "yes", "note": "kept", "confidence": "high",
        "answered_at": data["answers"]["retired.question"]["answered_at"]}
    assert data["answers"]["policy.act"]["value"] == "yes"


@pytest.mark.parametrize(("failing", "code", "said"), [
    ("replace", errno.ENOSPC, "the disk is full"),
    ("fsync", errno.ENOSPC, "the disk is full"),
    ("write", errno.ENOSPC, "the disk is full"),
    ("open", errno.EROFS, "read-only"),
    ("replace", errno.EIO, "check the disk"),
])
def test_a_failed_save_leaves_the_old_file_and_no_temp_file(store, bank, monkeypatch, failing,
                                                            code, said):
    a, digest = saved(store, bank)
    path = store.path_for(a.id)
    before = path.read_bytes()

    real = getattr(os, failing)

    def broken(*args, **kwargs):
        # A read-only disk still lets svassess read the file it is about to replace.
        if failing == "open" and not args[1] & (os.O_WRONLY | os.O_CREAT):
            return real(*args, **kwargs)
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(store_module.os, failing, broken)
    a.answer(bank.question("policy.act"), "yes")
    with pytest.raises(SaveFailed) as caught:
        store.save(a, digest)
    monkeypatch.undo()
    assert said in str(caught.value) and str(path) in str(caught.value)
    assert "previous version is unchanged" in str(caught.value)
    assert path.read_bytes() == before
    assert files_in(store.folder) == [f"{a.id}.toml"]


def test_a_crash_mid_save_leaves_a_temp_file_that_the_next_lock_sweeps(store, bank, monkeypatch):
    a, digest = saved(store, bank)
    path = store.path_for(a.id)
    before = path.read_bytes()

    class Crash(BaseException):
        """Stands for the process dying: no cleanup code runs for it."""

    def crash(*args, **kwargs):
        raise Crash

    monkeypatch.setattr(files_module, "_replace", crash)
    a.answer(bank.question("policy.act"), "yes")
    with pytest.raises(Crash):
        store.save(a, digest)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert len(files_in(store.folder)) == 2  # the real file and the temp file
    with store.lock(a.id):
        assert [n for n in files_in(store.folder) if n.endswith(".lock") is False] == [path.name]
    assert store.read(path).assessment.answers["policy.act"].value == "partly"


def test_a_read_only_folder_fails_clearly_and_keeps_the_file(store, bank, monkeypatch):
    """The read-only disk is simulated (tests may run as root, for whom chmod is no barrier)."""
    from tests.robustness.faults import read_only_everywhere_under

    a, digest = saved(store, bank)
    before = store.path_for(a.id).read_bytes()
    read_only_everywhere_under(monkeypatch, store.folder)
    a.answer(bank.question("policy.act"), "yes")
    with pytest.raises(SaveFailed) as caught:
        store.save(a, digest)
    assert "read-only" in str(caught.value)
    monkeypatch.undo()
    assert store.path_for(a.id).read_bytes() == before


def test_a_file_changed_by_another_program_is_never_overwritten(store, bank):
    a, digest = saved(store, bank)
    path = store.path_for(a.id)
    other = store.read(path)
    other.assessment.answer(bank.question("policy.act"), "yes")
    store.save(other.assessment, other.digest)
    changed = path.read_bytes()
    a.answer(bank.question("policy.act"), "no")
    with pytest.raises(Conflict) as caught:
        store.save(a, digest)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == changed


def test_a_new_assessment_never_overwrites_an_existing_file(store, bank):
    a, _ = saved(store, bank)
    with pytest.raises(Conflict):
        store.save(a, None)


def test_the_lock_refuses_a_second_editor_and_is_released(store, bank):
    a, _ = saved(store, bank)
    lock = store.lock(a.id)
    with pytest.raises(Locked) as caught:
        store.lock(a.id)
    assert "open in another svassess" in str(caught.value)
    lock.release()
    store.lock(a.id).release()


def test_a_lock_held_by_a_killed_process_does_not_block(store, bank, tmp_path):
    import subprocess
    import sys

    a, _ = saved(store, bank)
    code = ("import filelock, os, sys; l = filelock.FileLock(sys.argv[1], timeout=0); "
            "l.acquire(); print('locked', flush=True); os.kill(os.getpid(), 9)")
    done = subprocess.run([sys.executable, "-c", code, f"{store.path_for(a.id)}.lock"],
                          capture_output=True, text=True, timeout=30)
    assert "locked" in done.stdout and done.returncode != 0
    store.lock(a.id).release()


CORRUPTIONS = {
    "empty": b"",
    "whitespace-only": b"  \n\n",
    "invalid-utf8": b'schema_version = 1\nname = "\xff\xfe"\n',
    "bom": b"\xef\xbb\xbfschema_version = 1\n",
    "truncated": b'schema_version = 1\n[assessment]\nid = "01ABC',
    "deep-nesting": b"x = " + b"[" * 5000 + b"]" * 5000,
    "no-schema": b'[assessment]\nid = "x"\nbank = "test-bank"\n',
    "wrong-types": (b'schema_version = 1\n[assessment]\nid = "x"\nbank = "test-bank"\n'
                    b"name = 42\ncreated = 2026-01-01T00:00:00Z\n"),
    "answer-not-a-table": (b'schema_version = 1\nanswers = { "policy.act" = "yes" }\n'
                           b'[assessment]\nid = "x"\nbank = "test-bank"\n'
                           b"created = 2026-01-01T00:00:00Z\n"),
}


@pytest.mark.parametrize("kind", CORRUPTIONS)
def test_a_corrupt_file_is_set_aside_unchanged_and_named(store, bank, kind):
    good, _ = saved(store, bank)
    path = store.folder / "01CORRUPT.toml"
    path.write_bytes(CORRUPTIONS[kind])
    with pytest.raises(CorruptFile) as caught:
        store.read(path)
    error = caught.value
    assert str(path) in str(error) and "set aside" in str(error)
    assert not path.exists()
    assert error.set_aside.read_bytes() == CORRUPTIONS[kind]
    assert error.set_aside.name.startswith("01CORRUPT.toml.corrupt-")
    listing = store.assessments()
    assert [s.assessment.id for s in listing.items] == [good.id]


def test_a_huge_file_is_refused_without_reading_it(store, bank, monkeypatch):
    monkeypatch.setattr(store_module, "MAX_FILE_BYTES", 1000)
    path = store.folder / "01HUGE.toml"
    store.ensure_folder()
    path.write_bytes(b"#" * 2000)
    with pytest.raises(CorruptFile) as caught:
        store.read(path)
    assert "2,000 bytes" in str(caught.value)


def test_a_file_from_a_newer_version_is_refused_and_left_in_place(store, bank):
    a, _ = saved(store, bank)
    path = store.path_for(a.id)
    newer = path.read_text(encoding="utf-8").replace("schema_version = 1", "schema_version = 9")
    path.write_text(newer, encoding="utf-8")
    with pytest.raises(NewerVersion) as caught:
        store.read(path)
    assert "newer svassess" in str(caught.value) and str(path) in str(caught.value)
    assert path.read_text(encoding="utf-8") == newer


def test_migrations_run_for_older_files(store, bank, monkeypatch):
    a, _ = saved(store, bank)
    path = store.path_for(a.id)
    path.write_text(path.read_text(encoding="utf-8").replace(
        "schema_version = 1", "schema_version = 0").replace('name = "Harbour Kitchen"',
                                                            'title = "Harbour Kitchen"'),
        encoding="utf-8")

    def rename_title(data):
        data["assessment"]["name"] = data["assessment"].pop("title")
        data["schema_version"] = 1
        return data

    monkeypatch.setitem(store_module.MIGRATIONS, 0, rename_title)
    assert store.read(path).assessment.name == "Harbour Kitchen"


def test_a_corrupt_file_given_by_path_outside_the_data_folder_is_left_alone(store, tmp_path):
    outside = tmp_path / "shared.toml"
    outside.write_bytes(b"")
    with pytest.raises(CorruptFile) as caught:
        store.find(str(outside))
    assert "left as it is" in str(caught.value)
    assert outside.exists()


def test_find_by_id_name_and_path(store, bank):
    a, _ = saved(store, bank)
    assert store.find(a.id).assessment.id == a.id
    assert store.find("harbour kitchen").assessment.id == a.id
    assert store.find(str(store.path_for(a.id))).assessment.id == a.id
    with pytest.raises(NotFound):
        store.find("Nobody")
    b, _ = saved(store, bank)
    with pytest.raises(Ambiguous) as caught:
        store.find("Harbour Kitchen")
    assert a.id in str(caught.value) and b.id in str(caught.value)


def test_control_characters_are_stripped_on_load(store, bank):
    a, _ = saved(store, bank, name="Evil\x1b]0;pwned\x07 name\x9b31m")
    assert store.read(store.path_for(a.id)).assessment.name == "Evil]0;pwned name31m"


text_strategy = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=200)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=text_strategy, organisation=text_strategy, note=text_strategy)
def test_any_unicode_name_and_note_round_trips(store, bank, name, organisation, note):
    a = new_assessment(bank, name, organisation)
    a.answer(bank.question("policy.act"), "yes")
    a.set_note("policy.act", note)
    a.answer(bank.question("policy.wales-detail"), note)
    store.save(a, None)
    back = store.read(store.path_for(a.id)).assessment
    assert (back.name, back.organisation) == (name, organisation)
    assert back.answers["policy.act"].note == note
    assert back.answers["policy.wales-detail"].value == note
    store.path_for(a.id).unlink()


@pytest.mark.parametrize("bad_id", ["../../escaped", "/tmp/abs/config", "a b", "", "x" * 65])
def test_an_id_that_is_not_a_plain_id_is_refused(store, bank, tmp_path, bad_id):
    a, _ = saved(store, bank)
    path = store.path_for(a.id)
    text = path.read_text(encoding="utf-8").replace(f'id = "{a.id}"', f'id = "{bad_id}"')
    outside = tmp_path / "shared.toml"
    outside.write_text(text, encoding="utf-8")
    with pytest.raises(CorruptFile):
        store.import_file(outside)
    assert not (tmp_path / "escaped.toml").exists()
    assert sorted(p.name for p in store.folder.glob("*.toml")) == [path.name]


def test_a_renamed_copy_in_the_folder_is_reported_not_used(store, bank):
    a, _ = saved(store, bank)
    copy = store.folder / "copy-on-the-stick.toml"
    copy.write_bytes(store.path_for(a.id).read_bytes())
    listing = store.assessments()
    assert [s.path for s in listing.items] == [store.path_for(a.id)]
    assert len(listing.problems) == 1 and "does not match" in str(listing.problems[0])
    assert copy.exists()


def test_trash_takes_the_lock_and_leaves_no_lock_file(store, bank):
    a, _ = saved(store, bank)
    lock = store.lock(a.id)
    with pytest.raises(Locked):
        store.trash(a.id)
    lock.release()
    store.trash(a.id)
    assert not list(store.folder.glob("*.lock"))


def test_duplicate_action_ids_make_the_file_unreadable(store, bank):
    a, _ = saved(store, bank)
    a.plan.add_own("One").id = "same"
    a.plan.add_own("Two").id = "same"
    data = store_module.to_document(a)
    with pytest.raises(store_module._Invalid, match="two actions"):
        store_module.from_document(data)


def test_the_filelock_floor_is_the_release_that_stopped_truncating_lock_files():
    """filelock before 4.2.1 truncated the lock file when it took the lock, so a `<id>.toml.lock`
    hard-linked to another file (a hostile data folder) emptied that file."""
    import re
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    (floor,) = [re.search(r">=\s*([\d.]+)", d).group(1)
                for d in project["project"]["dependencies"] if d.startswith("filelock")]
    assert tuple(int(p) for p in floor.split(".")) >= (4, 2, 1)


def test_taking_the_lock_never_truncates_a_hard_linked_lock_file(store, bank, tmp_path):
    a, _ = saved(store, bank)
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me")
    os.link(outside, f"{store.path_for(a.id)}.lock")
    with contextlib.suppress(Locked):
        store.lock(a.id).release()
    assert outside.read_text() == "keep me"
