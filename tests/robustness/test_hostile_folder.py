"""A data folder from someone else (a USB stick handed round a workshop) is hostile: a forged
cache, links that lead outside it, devices, named pipes and file names holding terminal escape
sequences. svassess shows and saves only what the files say, never touches anything outside the
folder because of a link, never hangs or runs out of memory, and prints names inertly."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import tomllib
from pathlib import Path

import pytest

from svassess import cli
from svassess.session import EditSession
from svassess.store import Locked, SaveFailed, Store, StoreError
from tests.conftest import run_cli
from tests.robustness.faults import Crash, inject

pytestmark = pytest.mark.skipif(os.name == "nt", reason="links, pipes and devices as on POSIX")

REAL_NOTE = "Board minutes, March 2026"


def saved_assessment(data_dir: Path, bank) -> EditSession:
    session = EditSession.create(Store(data_dir), bank, "Harbour Kitchen", "Harbour CIC")
    session.answer(bank.question("policy.act"), "partly")
    session.set_note("policy.act", REAL_NOTE)
    session.close()
    return session


def run(data_dir: Path, *args: str, capsys) -> tuple[int, str, str]:
    status = cli.main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return status, out, err


def outside_folder(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """A folder outside the data folder with files in it, to prove none is touched."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    files = {"precious.json": b'{"keep": "me"}', "thesis.toml": b"title = 'mine'\n",
             "01ABC.toml": b"schema_version = 1\n[assessment\n"}
    for name, data in files.items():
        (outside / name).write_bytes(data)
    return outside, files


def untouched(outside: Path, files: dict[str, bytes]) -> bool:
    return {p.name: p.read_bytes() for p in outside.iterdir()} == files


# --- 5. the cache is never trusted over the file ---

def test_a_forged_cache_entry_beside_the_data_is_never_shown_or_saved(data_dir, bank, capsys):
    """Older versions kept parsed copies in `.cache/assessments`, keyed by the file's text: a
    writer of the folder could edit one and have it shown, then saved over the real note."""
    session = saved_assessment(data_dir, bank)
    path = Store(data_dir).path_for(session.assessment.id)
    text = path.read_text(encoding="utf-8")
    forged = tomllib.loads(text)
    forged["answers"]["policy.act"]["note"] = "FORGED"
    forged["answers"]["policy.act"]["answered_at"] = {"$datetime": "2026-01-01T00:00:00+00:00"}
    forged["assessment"] = {k: {"$datetime": v.isoformat()} if hasattr(v, "isoformat") else v
                            for k, v in forged["assessment"].items()}
    cache = data_dir / ".cache" / "assessments"
    cache.mkdir(parents=True)
    key = hashlib.sha256(f"1\0{text}".encode()).hexdigest()
    (cache / f"{key}.json").write_text(json.dumps(forged), encoding="utf-8")

    status, out, _ = run(data_dir, "export", session.assessment.id, "--format", "text",
                         "--answers", "-o", "-", capsys=capsys)
    assert status == 0 and REAL_NOTE in out and "FORGED" not in out
    store = Store(data_dir)
    [stored] = store.assessments().items
    assert stored.assessment.answers["policy.act"].note == REAL_NOTE
    editing = EditSession.open(store, stored)
    editing.answer(bank.question("context.nation"), "wales")
    editing.close()
    assert tomllib.loads(path.read_text(encoding="utf-8"))["answers"]["policy.act"]["note"] \
        == REAL_NOTE


@pytest.mark.parametrize("entry", ["[1]", "1", "null", '{"schema_version": "x"}'])
def test_a_damaged_cache_entry_is_never_fatal(data_dir, bank, capsys, entry):
    session = saved_assessment(data_dir, bank)
    text = Store(data_dir).path_for(session.assessment.id).read_text(encoding="utf-8")
    cache = data_dir / ".cache" / "assessments"
    cache.mkdir(parents=True)
    (cache / f"{hashlib.sha256(f'1{chr(0)}{text}'.encode()).hexdigest()}.json").write_text(
        entry, encoding="utf-8")
    status, out, err = run(data_dir, "list", "--json", capsys=capsys)
    assert status == 0 and json.loads(out)[0]["name"] == "Harbour Kitchen"
    assert "Traceback" not in err


def test_nothing_of_an_assessment_is_cached_anywhere(data_dir, bank, isolated_home, capsys):
    saved_assessment(data_dir, bank)
    run(data_dir, "list", capsys=capsys)
    run(data_dir, "list", "--json", capsys=capsys)
    assessments = Store(data_dir).folder
    everywhere = [p for root in (data_dir, isolated_home) for p in root.rglob("*")
                  if p.is_file() and p.parent != assessments]
    assert not any(REAL_NOTE.encode() in p.read_bytes() for p in everywhere)


# --- 7. links never lead svassess outside the data folder ---

def test_a_linked_cache_folder_deletes_nothing_outside(data_dir, bank, tmp_path, capsys):
    saved_assessment(data_dir, bank)
    outside, files = outside_folder(tmp_path)
    (data_dir / ".cache").mkdir()
    (data_dir / ".cache" / "assessments").symlink_to(outside)
    for args in (["list"], ["list", "--json"]):
        assert run(data_dir, *args, capsys=capsys)[0] == 0
    assert untouched(outside, files)


def test_a_linked_assessments_folder_is_named_and_nothing_in_it_is_renamed(data_dir, bank,
                                                                          tmp_path, capsys):
    outside, files = outside_folder(tmp_path)
    data_dir.mkdir(exist_ok=True)
    (data_dir / "assessments").symlink_to(outside)
    status, out, err = run(data_dir, "list", capsys=capsys)
    assert "assessments is a link" in err and "--data-dir" in err
    assert untouched(outside, files)
    with pytest.raises(StoreError, match="is a link"):
        EditSession.create(Store(data_dir), bank, "New", "")
    assert untouched(outside, files)
    status, _, err = run(data_dir, "import", str(tmp_path / "elsewhere" / "thesis.toml"),
                         capsys=capsys)
    assert status == 1 and untouched(outside, files)


def test_a_linked_trash_folder_keeps_the_assessment_in_place(data_dir, bank, tmp_path):
    session = saved_assessment(data_dir, bank)
    outside, files = outside_folder(tmp_path)
    (data_dir / "trash").symlink_to(outside)
    store = Store(data_dir)
    with pytest.raises(StoreError, match="trash is a link"):
        store.trash(session.assessment.id)
    assert store.path_for(session.assessment.id).is_file()
    assert untouched(outside, files)


def test_a_linked_assessment_file_is_named_and_left_alone(data_dir, bank, tmp_path, capsys):
    saved_assessment(data_dir, bank)
    outside, files = outside_folder(tmp_path)
    store = Store(data_dir)
    link = store.folder / "01ABC.toml"
    link.symlink_to(outside / "01ABC.toml")            # corrupt: would be set aside
    status, out, err = run(data_dir, "list", capsys=capsys)
    assert status == 0 and "Harbour Kitchen" in out
    assert "01ABC.toml" in err and "link" in err
    assert link.is_symlink() and untouched(outside, files)
    assert list(store.folder.glob("*.corrupt-*")) == []


def test_a_linked_lock_file_is_named(data_dir, bank, tmp_path):
    session = saved_assessment(data_dir, bank)
    store = Store(data_dir)
    lock = Path(f"{store.path_for(session.assessment.id)}.lock")
    lock.unlink(missing_ok=True)
    lock.symlink_to(tmp_path / "made-outside")
    with pytest.raises(StoreError) as caught:
        store.lock(session.assessment.id)
    assert "is a link" in str(caught.value) and "read-only" not in str(caught.value)
    assert not (tmp_path / "made-outside").exists()


# --- 8. devices, pipes and huge files ---

def test_a_device_as_an_assessment_is_named_and_skipped(data_dir, bank, capsys):
    saved_assessment(data_dir, bank)
    (Store(data_dir).folder / "z.toml").symlink_to("/dev/zero")
    status, out, err = run(data_dir, "list", capsys=capsys)
    assert status == 0 and "Harbour Kitchen" in out and "z.toml" in err


@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_import_refuses_what_is_not_a_file(data_dir, tmp_path, capsys, kind):
    if kind == "device":
        source = Path("/dev/zero")
    else:
        source = tmp_path / "pipe.toml"
        os.mkfifo(source)
    status, _, err = run(data_dir, "import", str(source), capsys=capsys)
    assert status == 1
    assert ("a device" if kind == "device" else "a named pipe") in err


def test_a_pipe_in_the_banks_folder_hangs_no_command(data_dir, bank, tmp_path):
    """Run in a subprocess: if svassess waited on the pipe, the timeout would end the test."""
    saved_assessment(data_dir, bank)
    os.mkfifo(data_dir / "banks" / "waiting.toml")
    os.mkfifo(data_dir / "assessments" / "waiting.toml")
    for args in (["list"], ["banks"], ["group"], ["worksheet", "-o", "-"]):
        done = run_cli(*args, data_dir=data_dir)
        assert "waiting.toml" in done.stderr and "Traceback" not in done.stderr, args
    group = run_cli("group", str(data_dir / "assessments"), data_dir=data_dir)
    assert group.returncode == 0 and "named pipe" in group.stderr


def test_group_skips_devices_and_pipes(data_dir, bank, tmp_path):
    saved_assessment(data_dir, bank)
    folder = tmp_path / "collected"
    folder.mkdir()
    for path in Store(data_dir).folder.glob("*.toml"):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "zero.toml").symlink_to("/dev/zero")
    os.mkfifo(folder / "pipe.toml")
    done = run_cli("group", str(folder), data_dir=data_dir)
    assert done.returncode == 0 and "1 assessment" in done.stdout
    assert "zero.toml" in done.stderr and "pipe.toml" in done.stderr


# --- 9. file names cannot reach the terminal ---

HOSTILE_NAME = "\x1b]2;PWNED\x07\x9b31m.toml"


def _terminal_safe(text: str) -> bool:
    return not any(ch in text for ch in "\x1b\x07\x9b")


def test_hostile_file_names_are_printed_inertly(data_dir, bank, tmp_path):
    saved_assessment(data_dir, bank)
    (Store(data_dir).folder / HOSTILE_NAME).write_text("not toml [", encoding="utf-8")
    hostile_bank = tmp_path / HOSTILE_NAME
    hostile_bank.write_text("schema_version = 1\n", encoding="utf-8")
    outputs = [run_cli("list", data_dir=data_dir), run_cli("group", data_dir=data_dir),
               run_cli("check-bank", str(hostile_bank), data_dir=data_dir),
               run_cli("import", str(hostile_bank), data_dir=data_dir)]
    for done in outputs:
        assert _terminal_safe(done.stdout + done.stderr), done.args
    assert any("\\x1b]2;PWNED\\x07" in done.stderr for done in outputs)


def test_a_store_error_shows_control_characters_as_escapes(tmp_path):
    error = StoreError(f"{tmp_path / HOSTILE_NAME} cannot be read.")
    assert _terminal_safe(str(error)) and "\\x1b" in str(error)


# --- 6. an export killed part-way ---

@pytest.mark.parametrize("force", [False, True], ids=["new-file", "replacing-a-file"])
def test_an_export_killed_part_way_leaves_nothing_under_its_name(data_dir, bank, monkeypatch,
                                                                 tmp_path, force):
    session = saved_assessment(data_dir, bank)
    target = tmp_path / "summary.html"
    if force:
        target.write_text("last month's summary", encoding="utf-8")
    real_write = os.write

    def half_then_die(fd, data):
        real_write(fd, bytes(data[: len(data) // 2]))
        raise Crash

    inject(monkeypatch, write=half_then_die)
    with pytest.raises(Crash):
        cli.main(["--data-dir", str(data_dir), "export", session.assessment.id, "--format",
                  "html", "-o", str(target)] + (["--force"] if force else []))
    if force:
        assert target.read_text(encoding="utf-8") == "last month's summary"
    else:
        assert not target.exists()


# --- 11. lock messages say what happened ---

@pytest.mark.parametrize(("code", "said"), [(errno.ENOSPC, "no room left for new files"),
                                            (errno.EROFS, "read-only"),
                                            (errno.EACCES, "permission")])
def test_a_lock_that_cannot_be_made_says_why(data_dir, bank, monkeypatch, code, said):
    session = saved_assessment(data_dir, bank)
    store = Store(data_dir)
    lock = f"{store.path_for(session.assessment.id)}.lock"
    Path(lock).unlink(missing_ok=True)
    real_open = os.open

    def open_(path, flags, *args, **kwargs):
        if os.fspath(path) == lock:
            raise OSError(code, os.strerror(code))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    with pytest.raises(Locked) as caught:
        store.lock(session.assessment.id)
    assert said in str(caught.value)
    if code != errno.EROFS:
        assert "read-only" not in str(caught.value)


def test_save_refuses_to_write_through_a_linked_assessment(data_dir, bank, tmp_path):
    session = saved_assessment(data_dir, bank)
    store = Store(data_dir)
    path = store.path_for(session.assessment.id)
    outside = tmp_path / "moved.toml"
    path.rename(outside)
    path.symlink_to(outside)
    before = outside.read_bytes()
    with pytest.raises((StoreError, SaveFailed)):
        store.save(session.assessment, session.digest)
    assert outside.read_bytes() == before and path.is_symlink()



# --- 10. sizes that would freeze the app are refused -------------------------------------------

def test_a_file_with_more_answers_than_any_bank_is_refused(data_dir, bank, capsys):
    from svassess.store import MAX_ANSWERS

    session = saved_assessment(data_dir, bank)
    path = Store(data_dir).path_for(session.assessment.id)
    extra = "".join(f'[answers."gone.q{i}"]\nvalue = "v"\n' for i in range(MAX_ANSWERS + 1))
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    status, _, err = run(data_dir, "list", capsys=capsys)
    assert status == 0 and f"more than the {MAX_ANSWERS:,}" in err
    assert len(err.strip().splitlines()) == 1


def test_a_save_bigger_than_the_limit_is_refused_and_the_file_kept(data_dir, bank):
    from svassess.store import MAX_FILE_BYTES

    session = saved_assessment(data_dir, bank)
    path = Store(data_dir).path_for(session.assessment.id)
    before = path.read_bytes()
    with pytest.raises(SaveFailed) as caught:
        session = EditSession.open(Store(data_dir), Store(data_dir).read(path))
        session.set_note("policy.act", "x" * MAX_FILE_BYTES)
    assert "shorten the longest notes" in str(caught.value)
    assert path.read_bytes() == before
    session.close()


def test_a_linked_bank_in_the_data_folder_is_named_but_a_packager_s_links_are_followed(tmp_path):
    from svassess.bank_loader import load_bank_dirs
    from tests.conftest import TEST_BANKS

    shipped, own = tmp_path / "shipped", tmp_path / "data" / "banks"
    shipped.mkdir()
    own.mkdir(parents=True)
    for folder in (shipped, own):
        (folder / "resources.toml").symlink_to(TEST_BANKS / "resources.toml")
    (shipped / "test-bank.toml").symlink_to(TEST_BANKS / "test-bank.toml")
    (own / "mine.toml").symlink_to(TEST_BANKS / "test-bank.toml")
    loaded = load_bank_dirs([shipped, own], no_links_in=[own])
    assert list(loaded.banks) == ["test-bank"]
    named = sorted(str(problem) for problem in loaded.problems)
    assert len(named) == 2 and all("is a link" in p for p in named)
    assert any("mine.toml" in p for p in named)


# --- listing reads each file through the folder it opened once ---

def _hostile_mix(data_dir: Path, bank, scratch: Path) -> None:
    """A good assessment beside a link, a device, a pipe, a folder, a hidden file, a huge file
    and a corrupt one, each named like an assessment."""
    saved_assessment(data_dir, bank)
    folder = Store(data_dir).folder
    scratch.mkdir(parents=True, exist_ok=True)
    outside, _ = outside_folder(scratch)
    (folder / "01ABC.toml").symlink_to(outside / "01ABC.toml")
    (folder / "zero.toml").symlink_to("/dev/zero")
    os.mkfifo(folder / "pipe.toml")
    (folder / "folder.toml").mkdir()
    (folder / ".hidden.toml").write_bytes(b"schema_version = 1\n")
    (folder / "huge.toml").write_bytes(b"#" * (1024 * 1024))
    (folder / "broken.toml").write_bytes(b"schema_version = 1\n[assessment\n")


def _shown(listing) -> tuple[list[str], list[str]]:
    """The names listed, and the file named by each problem (without `.toml`)."""
    return ([getattr(s, "assessment", s).name for s in listing.items],
            sorted(str(p).split(".toml")[0].rsplit("/", 1)[-1] for p in listing.problems))


def test_listing_through_the_folder_says_what_listing_by_path_says(data_dir, bank, tmp_path,
                                                                    monkeypatch):
    """Where the system can, the folder is opened once and each file read relative to it; the
    items and problems are those of reading each path (as on Windows), and of parsing every
    file (`assessments`)."""
    import svassess.store as store_module

    assert store_module.READS_IN_FOLDER            # as on every POSIX system svassess runs on
    from svassess.cli_shared import lazy_banks

    def listed(folder: Path) -> tuple[list[str], list[str]]:
        _hostile_mix(folder, bank, tmp_path / folder.name)
        return _shown(Store(folder).listed(lazy_banks(folder)))

    through_folder = listed(tmp_path / "first")
    monkeypatch.setattr(store_module, "READS_IN_FOLDER", False)
    by_path = listed(tmp_path / "second")
    _hostile_mix(tmp_path / "third", bank, tmp_path / "third")
    parsed = Store(tmp_path / "third").assessments()
    assert through_folder == by_path
    assert through_folder == _shown(parsed)
    assert through_folder == (["Harbour Kitchen"], [
        "01ABC", "broken", "folder", "huge", "pipe", "zero"])


@pytest.mark.parametrize("remembered", [True, False], ids=["index", "no-index"])
def test_a_folder_swapped_for_a_link_while_listing_is_not_followed(data_dir, bank, tmp_path,
                                                                  monkeypatch, remembered):
    """Once listing has begun, the files are read from the assessments folder it opened, even if
    the folder's name is swapped for a link to somewhere else meanwhile: forged copies there are
    never read, and every real assessment is still listed, whether the summary index knows it
    or it is parsed from the bytes read."""
    from svassess.cli_shared import lazy_banks
    from svassess.summary_index import SummaryIndex

    store = Store(data_dir)
    sessions = [EditSession.create(store, bank, name, "") for name in ("Alpha", "Beta")]
    for session in sessions:
        session.close()
    if remembered:
        store.listed(lazy_banks(data_dir))
    forged = tmp_path / "forged"
    forged.mkdir()
    for session in sessions:
        path = store.path_for(session.assessment.id)
        text = path.read_text(encoding="utf-8").replace(session.assessment.name, "Forged")
        (forged / path.name).write_text(text, encoding="utf-8")
    original_lookup = SummaryIndex.lookup

    def swap_after_the_first_file(index, path, data, digest):
        if not (data_dir / "moved").exists():
            store.folder.rename(data_dir / "moved")
            store.folder.symlink_to(forged)
        return original_lookup(index, path, data, digest)

    monkeypatch.setattr(SummaryIndex, "lookup", swap_after_the_first_file)
    listing = store.listed(lazy_banks(data_dir))
    assert sorted(s.name for s in listing.items) == ["Alpha", "Beta"]
    assert listing.problems == []


@pytest.mark.parametrize("error, said", [(errno.EIO, True), (errno.EMFILE, True),
                                         (errno.EACCES, True), (errno.ENOENT, False),
                                         (errno.ENOTDIR, False)])
def test_an_assessments_folder_that_cannot_be_opened_is_said(data_dir, bank, monkeypatch,
                                                               error, said):
    """Not "no assessments yet" over a folder that may hold some; a folder not there yet is."""
    import svassess.store as store_module
    from svassess.cli_shared import lazy_banks

    saved_assessment(data_dir, bank)

    def refuse(path):
        raise OSError(error, os.strerror(error))

    monkeypatch.setattr(store_module, "open_folder", refuse)
    listing = Store(data_dir).listed(lazy_banks(data_dir))
    assert listing.items == []
    if said:
        [problem] = listing.problems
        assert "Cannot read the folder" in str(problem) and os.strerror(error) in str(problem)
    else:
        assert listing.problems == []


def test_a_corrupt_file_is_set_aside_in_the_folder_read_even_if_it_was_swapped(
        data_dir, bank, tmp_path, monkeypatch):
    """Found corrupt while listing, a file is renamed within the folder it was read from: a link
    put in the folder's place meanwhile never leads to renaming a file outside."""
    import svassess.store as store_module
    from svassess.cli_shared import lazy_banks

    saved_assessment(data_dir, bank)
    store = Store(data_dir)
    (store.folder / "broken.toml").write_bytes(b"schema_version = 1\n[assessment\n")
    outside, files = outside_folder(tmp_path)
    (outside / "broken.toml").write_bytes(b"mine")
    files["broken.toml"] = b"mine"
    original_decode = store_module.decode

    def swap_then_decode(data, path):
        if not (data_dir / "moved").exists():
            store.folder.rename(data_dir / "moved")
            store.folder.symlink_to(outside)
        return original_decode(data, path)

    monkeypatch.setattr(store_module, "decode", swap_then_decode)
    listing = store.listed(lazy_banks(data_dir))
    assert untouched(outside, files)
    assert [p.name for p in (data_dir / "moved").glob("broken.toml.corrupt-*")] != []
    assert any("set aside" in str(p) for p in listing.problems)
