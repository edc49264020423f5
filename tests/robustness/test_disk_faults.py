"""A full disk and a read-only folder: a clear message, the previous version intact, and the
program carries on; once the fault is gone the next save holds everything, the change made
during the fault included. Tests run as root (chmod is no barrier), so faults are simulated."""

from __future__ import annotations

import errno
import os
import tomllib

import pytest

from svassess import cli
from svassess.session import EditSession
from svassess.store import Locked, SaveFailed
from tests.robustness.faults import inject, os_error, read_only_everywhere_under, temp_files
from tests.tui.conftest import screen_text


def fail_with(code):
    def broken(*_args, **_kwargs):
        raise os_error(code)
    return broken


def fail_writes_with(code):
    """os.open failing only when it would write: a read-only disk can still be read."""
    real_open = os.open

    def open_(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise os_error(code)
        return real_open(path, flags, *args, **kwargs)
    return open_


def full_after_half(*_):
    """The disk fills up part-way through the file: some bytes go, then ENOSPC."""
    state = {"calls": 0}
    real_write = os.write

    def write(fd, data):
        state["calls"] += 1
        if state["calls"] == 1:
            return real_write(fd, bytes(data[: max(1, len(data) // 2)]))
        raise os_error(errno.ENOSPC)

    return write


FAULTS = {
    "enospc-on-write": ("write", lambda: fail_with(errno.ENOSPC), "the disk is full"),
    "enospc-part-way": ("write", full_after_half, "the disk is full"),
    "enospc-on-fsync": ("fsync", lambda: fail_with(errno.ENOSPC), "the disk is full"),
    "read-only-folder": ("open", lambda: fail_writes_with(errno.EROFS), "read-only"),
    "no-permission": ("open", lambda: fail_writes_with(errno.EACCES), "permission"),
    "io-error-on-replace": ("replace", lambda: fail_with(errno.EIO), "check the disk"),
}


def on_disk(path):
    return tomllib.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("fault", FAULTS)
def test_a_session_survives_a_failed_save_and_saves_everything_later(store, bank, monkeypatch,
                                                                     fault):
    function, make, phrase = FAULTS[fault]
    session = EditSession.create(store, bank, "Harbour Kitchen", "Harbour CIC")
    path = store.path_for(session.assessment.id)
    session.answer(bank.question("policy.act"), "partly")
    before = path.read_bytes()

    inject(monkeypatch, **{function: make()})
    with pytest.raises(SaveFailed) as caught:
        session.answer(bank.question("policy.act"), "yes")
    with pytest.raises(SaveFailed):
        session.set_note("policy.act", "Board minutes, March")
    monkeypatch.undo()

    message = str(caught.value)
    assert phrase in message and str(path) in message
    assert "previous version is unchanged" in message
    assert "\n" not in message and "Traceback" not in message
    assert path.read_bytes() == before
    assert temp_files(store.folder) == []
    assert session.assessment.answers["policy.act"].value == "yes"    # kept in memory

    session.set_current("measure.tools")                 # the next change, after the fault
    saved = on_disk(path)
    assert saved["answers"]["policy.act"]["value"] == "yes"
    assert saved["answers"]["policy.act"]["note"] == "Board minutes, March"
    assert saved["assessment"]["current"] == "measure.tools"
    session.close()


def test_a_read_only_data_folder_can_still_be_read_listed_and_exported(data_dir, bank,
                                                                       monkeypatch, capsys,
                                                                       tmp_path):
    from svassess.store import Store

    store = Store(data_dir)
    session = EditSession.create(store, bank, "Harbour Kitchen", "Harbour CIC")
    session.answer(bank.question("policy.act"), "no")
    session.close()
    aid = session.assessment.id
    corrupt = store.folder / "01BROKEN.toml"
    corrupt.write_bytes(b"schema_version = 1\n[assessment\n")
    before = {p.name: p.read_bytes() for p in store.folder.iterdir()}
    out = tmp_path / "elsewhere"
    out.mkdir()

    read_only_everywhere_under(monkeypatch, data_dir)
    with pytest.raises(Locked) as caught:                   # no lock file can be made
        EditSession.open(store, store.read(store.path_for(aid)))
    assert "read-only" in str(caught.value)

    assert cli.main(["--data-dir", str(data_dir), "list"]) == 0
    listed = capsys.readouterr()
    assert "Harbour Kitchen" in listed.out
    assert str(corrupt) in listed.err and "could not be set aside" in listed.err
    assert cli.main(["--data-dir", str(data_dir), "show", aid]) == 0
    assert "Overall readiness" in capsys.readouterr().out
    target = out / "summary.html"
    assert cli.main(["--data-dir", str(data_dir), "export", aid, "--format", "html", "-o",
                     str(target)]) == 0
    assert "Harbour Kitchen" in target.read_text(encoding="utf-8")
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in store.folder.iterdir()} == before


async def test_the_app_says_not_saved_keeps_running_and_can_export(make_app, store, bank,
                                                                   monkeypatch, tmp_path):
    from textual.widgets import Input, Static

    from svassess.assessment import new_assessment

    a = new_assessment(bank, "Harbour Kitchen", "Harbour CIC")
    a.current = "context.nation"
    store.save(a, None)
    path = store.path_for(a.id)
    elsewhere = tmp_path / "usb stick"
    elsewhere.mkdir()

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        before = path.read_bytes()
        # The data folder's disk is full; the stick the summary goes to is not.
        read_only_everywhere_under(monkeypatch, store.data_dir, code=errno.ENOSPC)
        await pilot.press("2")                                  # Wales: not saved
        await pilot.pause()
        status = app.screen.query_one("#status", Static)
        assert status.has_class("error")
        assert "Not saved:" in screen_text(app)
        assert app.is_running
        assert path.read_bytes() == before

        await pilot.press("ctrl+o")                             # results, then export
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        target = elsewhere / "summary.txt"
        dialog = app.screen
        dialog.query_one("#format").highlighted = 1             # plain text
        await pilot.pause()
        path_input = dialog.query_one("#path", Input)
        path_input.value = str(target)
        path_input.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert target.is_file()
        assert "Harbour Kitchen" in target.read_text(encoding="utf-8")
        assert app.is_running

        monkeypatch.undo()                                      # space freed
        await pilot.press("escape")                             # back to the questions
        await pilot.pause()
        # The answer was written in the background, so the questions went on to the next one
        # while the write failed; the status line said so.
        assert "How well do you know the Social Value Act?" in screen_text(app)
        await pilot.press("1")
        await pilot.pause()
        assert "✓ Saved" in screen_text(app)
    saved = on_disk(path)
    assert saved["answers"]["context.nation"]["value"] == "wales"   # chosen during the fault
    assert saved["answers"]["policy.act"]["value"] == "no"


@pytest.mark.parametrize("force", [False, True], ids=["new-file", "replacing-a-file"])
def test_a_full_disk_during_export_leaves_no_half_written_file(data_dir, bank, monkeypatch,
                                                               capsys, tmp_path, force):
    """A half-written summary must never be left to be attached to a bid by mistake, and a
    summary it was to replace is left as it was."""
    from svassess.store import Store

    store = Store(data_dir)
    session = EditSession.create(store, bank, "Harbour Kitchen", "Harbour CIC")
    session.close()
    target = tmp_path / "summary.html"
    if force:
        target.write_text("the summary from last month", encoding="utf-8")
    inject(monkeypatch, write=full_after_half())
    args = ["--data-dir", str(data_dir), "export", session.assessment.id, "--format", "html",
            "-o", str(target)] + (["--force"] if force else [])
    assert cli.main(args) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(target) in err[0] and "No space left" in err[0]
    if force:
        assert target.read_text(encoding="utf-8") == "the summary from last month"
    else:
        assert not target.exists()
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p != data_dir)
    assert leftovers == (["summary.html"] if force else [])     # no temp file either
    monkeypatch.undo()
    assert cli.main(args) == 0                                  # with room, it works
    assert "Harbour Kitchen" in target.read_text(encoding="utf-8")
