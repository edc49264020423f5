"""A crash at every step of a save leaves the old or the new file, never half of one, and the
temp file it leaves is gone after the next start."""

from __future__ import annotations

import os
import threading
import time

import pytest

from svassess import files as files_module
from svassess import store as store_module
from svassess.assessment import new_assessment
from svassess.session import EditSession
from svassess.store import Store
from tests.robustness.faults import Crash, inject, temp_files


def crash(*_args, **_kwargs):
    raise Crash


def make_crash_at(point: str, monkeypatch) -> None:
    """Stop the save at `point`, as if the power went."""
    if point == "mid-write":            # half the bytes written to the temp file
        real_write = os.write

        def half_then_crash(fd, data):
            real_write(fd, bytes(data[: len(data) // 2]))
            raise Crash

        inject(monkeypatch, write=half_then_crash)
    elif point == "written-before-fsync":
        inject(monkeypatch, fsync=crash)
    elif point == "fsynced-before-replace":
        inject(monkeypatch, replace=crash)
    elif point == "replaced-before-folder-fsync":
        monkeypatch.setattr(files_module, "fsync_folder", crash)
    else:
        raise AssertionError(point)


POINTS = ["mid-write", "written-before-fsync", "fsynced-before-replace",
          "replaced-before-folder-fsync"]


def age(path, seconds: float = 120) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


@pytest.mark.parametrize("first_save", [False, True], ids=["existing-file", "first-save"])
@pytest.mark.parametrize("point", POINTS)
def test_a_crash_at_any_step_leaves_the_old_or_the_new_file(store, bank, monkeypatch, point,
                                                            first_save):
    a = new_assessment(bank, "Harbour Kitchen", "Harbour CIC")
    path = store.path_for(a.id)
    old_bytes = None
    digest = None
    if not first_save:
        a.answer(bank.question("policy.act"), "partly")
        digest = store.save(a, None)
        old_bytes = path.read_bytes()
    a.answer(bank.question("policy.act"), "yes")
    a.set_note("policy.act", "Board minutes, March")
    new_bytes = store_module.encode(a)

    make_crash_at(point, monkeypatch)
    with pytest.raises(Crash):
        store.save(a, digest)
    monkeypatch.undo()

    on_disk = path.read_bytes() if path.exists() else None
    replaced = point == "replaced-before-folder-fsync"
    assert on_disk == (new_bytes if replaced else old_bytes)
    if on_disk is not None:
        store.read(path)                             # it parses (and is not set aside)
    assert len(temp_files(store.folder)) == (0 if replaced else 1)   # as a real crash leaves

    # The next start: a new program, some time later.
    for temp in temp_files(store.folder):
        age(temp)
    later = Store(store.data_dir)
    later.sweep_stale_temp_files()
    assert temp_files(store.folder) == []
    listing = later.assessments()
    assert listing.problems == []
    if on_disk is None:
        assert listing.items == []                   # nothing half-made appears
        return
    session = EditSession.open(later, later.read(path))
    try:
        expected = "yes" if replaced else "partly"
        assert session.assessment.answers["policy.act"].value == expected
        session.answer(bank.question("policy.act"), "no")   # and it saves again normally
    finally:
        session.close()
    assert sorted(p.name for p in store.folder.iterdir()) == [path.name, f"{path.name}.lock"]


def test_the_start_up_sweep_leaves_everything_else_alone(store, bank):
    a = new_assessment(bank, "Harbour Kitchen")
    store.save(a, None)
    folder = store.folder
    keep = [
        store.path_for(a.id),
        folder / f"{a.id}.toml.lock",
        folder / "01BROKEN.toml.corrupt-20261121T100000Z",
        folder / ".DS_Store",
        folder / "notes.txt",
        folder / f".{a.id}.toml.tmp-fresh",          # a save happening right now
    ]
    for path in keep[1:]:
        path.write_bytes(b"x")
    for path in keep[:-1]:                         # all old, except the save in progress
        age(path)
    stale = folder / f".{a.id}.toml.tmp-0badf00d"
    stale_other = folder / ".01OTHER.toml.tmp-12345678"
    for path in (stale, stale_other):
        path.write_bytes(b"partial")
        age(path)
    removed = Store(store.data_dir).sweep_stale_temp_files()
    assert sorted(removed) == sorted([stale, stale_other])
    assert all(path.exists() for path in keep)


def test_the_sweep_with_no_folder_yet_does_nothing(tmp_path):
    assert Store(tmp_path / "nothing-here").sweep_stale_temp_files() == []
    assert not (tmp_path / "nothing-here").exists()


def test_the_sweep_never_breaks_a_save_in_progress(store, bank, monkeypatch):
    """Another svassess is half-way through saving (its temp file written, not yet swapped in)
    when this one starts and sweeps: the other save still completes."""
    a = new_assessment(bank, "Harbour Kitchen")
    digest = store.save(a, None)
    written, release = threading.Event(), threading.Event()
    real_fsync = os.fsync

    def slow_fsync(fd):
        written.set()
        assert release.wait(10)
        real_fsync(fd)

    inject(monkeypatch, fsync=slow_fsync)
    a.answer(bank.question("policy.act"), "yes")
    outcome = {}

    def save():
        try:
            outcome["digest"] = store.save(a, digest)
        except BaseException as exc:       # reported below
            outcome["error"] = exc

    saver = threading.Thread(target=save)
    saver.start()
    assert written.wait(10)
    assert len(temp_files(store.folder)) == 1
    Store(store.data_dir).sweep_stale_temp_files()
    release.set()
    saver.join(10)
    monkeypatch.undo()
    assert "error" not in outcome, outcome.get("error")
    assert store.read(store.path_for(a.id)).assessment.answers["policy.act"].value == "yes"


async def test_the_app_sweeps_stale_temp_files_when_it_starts(make_app, location, bank):
    store = Store(location.path)
    a = new_assessment(bank, "Harbour Kitchen")
    store.save(a, None)
    stale = store.folder / f".{a.id}.toml.tmp-0badf00d"
    stale.write_bytes(b"partial")
    age(stale)
    async with make_app().run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not stale.exists()
