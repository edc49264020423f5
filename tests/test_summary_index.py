"""The summary index: `list` reads what it can from the user's cache, never trusting it over
the file (svassess/summary_index.py)."""

from __future__ import annotations

import json
import os

import pytest

from svassess.assessment import new_assessment
from svassess.store import Store, encode
from svassess.summary_index import (
    FORMAT,
    MAX_INDEX_BYTES,
    SummaryIndex,
    default_index_path,
    summarise,
)
from tests.conftest import run_cli


@pytest.fixture
def saved(data_dir, bank):
    """Two saved assessments, one answered in part."""
    store = Store(data_dir)
    first = new_assessment(bank, "Harbour Kitchen", "Harbour CIC")
    first.answer(bank.questions[0], bank.questions[0].options[0].value)
    second = new_assessment(bank, "Green Routes", "Routes Ltd")
    for a in (first, second):
        store.save(a, None)
    return store, first, second


def _listed(data_dir):
    done = run_cli("list", "--json", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _index_file():
    return default_index_path()


def _entries():
    return json.loads(_index_file().read_text(encoding="utf-8"))["entries"]


def _write_index(entries, **top):
    path = _index_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    from svassess import __version__

    document = {"format": FORMAT, "svassess": __version__, "entries": entries, **top}
    path.write_text(json.dumps(document), encoding="utf-8")
    os.chmod(path, 0o600)


def test_the_index_is_kept_in_the_user_cache_folder_not_the_data_folder(saved, data_dir,
                                                                          isolated_home):
    _listed(data_dir)
    assert _index_file().is_relative_to(isolated_home)
    assert len(_entries()) == 2
    assert not [p for p in data_dir.rglob("*") if "summar" in p.name or p.suffix == ".json"]


def test_listing_from_the_index_gives_what_parsing_gives(saved, data_dir):
    parsed = _listed(data_dir)                     # no index yet: every file parsed
    indexed = _listed(data_dir)                    # every summary from the index
    assert indexed == parsed
    table = run_cli("list", data_dir=data_dir).stdout
    assert "Harbour Kitchen" in table and "Green Routes" in table


def test_an_entry_is_used_without_parsing_the_file(saved, data_dir, bank):
    store, first, _ = saved
    index = SummaryIndex(_index_file(), {bank.id: bank})
    store.summaries(index)
    index.save()
    again = SummaryIndex(_index_file(), {bank.id: bank})
    calls = []
    original = store.read
    store.read = lambda path: calls.append(path) or original(path)
    listing = store.summaries(again)
    assert calls == []
    assert {s.name for s in listing.items} == {"Harbour Kitchen", "Green Routes"}


def test_a_changed_file_is_read_again(saved, data_dir, bank):
    store, first, _ = saved
    _listed(data_dir)
    stored = store.read(store.path_for(first.id))
    stored.assessment.name = "Harbour Kitchen renamed"
    store.save(stored.assessment, stored.digest)
    names = {row["name"] for row in _listed(data_dir)}
    assert "Harbour Kitchen renamed" in names and "Harbour Kitchen" not in names


def test_a_forged_entry_under_the_right_key_is_not_shown(saved, data_dir):
    """Someone who wrote the index cannot make list show a name the file does not hold."""
    _listed(data_dir)
    entries = _entries()
    for entry in entries.values():
        entry["name"] = "FORGED NAME"
        entry["organisation"] = "FORGED ORG"
    _write_index(entries)
    rows = _listed(data_dir)
    assert {r["name"] for r in rows} == {"Harbour Kitchen", "Green Routes"}
    assert "FORGED" not in json.dumps(rows)


def test_a_forged_level_name_or_out_of_range_score_is_not_shown(saved, data_dir, bank):
    _listed(data_dir)
    entries = _entries()
    for entry in entries.values():
        entry["score"] = 1e9
    _write_index(entries)
    assert all(0 <= r["score"] <= 100 for r in _listed(data_dir))
    entries = _entries()
    for entry in entries.values():
        entry["level"] = "no-such-level"
    _write_index(entries)
    assert {r["level"]["id"] for r in _listed(data_dir)} <= {lv.id for lv in bank.levels}


def test_an_entry_for_another_file_is_not_used(saved, data_dir):
    """An entry copied under another file's key: its id does not name that file."""
    _listed(data_dir)
    entries = _entries()
    (one, first), (two, second) = entries.items()
    entries[two] = {**first, "digest": two}
    _write_index(entries)
    rows = _listed(data_dir)
    assert sorted(r["name"] for r in rows) == ["Green Routes", "Harbour Kitchen"]
    assert len({r["id"] for r in rows}) == 2


@pytest.mark.parametrize("entry", [
    "not a table", 7, None, [], {"digest": 1},
    {"id": ["x"], "name": {}, "organisation": 3},
])
def test_entries_of_the_wrong_shape_are_ignored(saved, data_dir, entry):
    _listed(data_dir)
    _write_index({key: entry for key in _entries()})
    assert sorted(r["name"] for r in _listed(data_dir)) == ["Green Routes", "Harbour Kitchen"]


def test_wrong_types_in_an_entry_are_ignored(saved, data_dir):
    _listed(data_dir)
    entries = _entries()
    for entry in entries.values():
        entry["completeness"] = "100"
        entry["provisional"] = 1
        entry["updated"] = "yesterday"
    _write_index(entries)
    rows = _listed(data_dir)
    assert all(isinstance(r["completeness"], int) for r in rows)
    assert all(isinstance(r["provisional"], bool) for r in rows)


@pytest.mark.parametrize("content", [b"", b"{", b"[]", b'{"format": 1}', b"\xff\xfe",
                                     b'{"format": 1, "entries": []}', b"[" * 100_000])
def test_a_damaged_index_is_ignored_and_written_again(saved, data_dir, content):
    path = _index_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    os.chmod(path, 0o600)
    assert sorted(r["name"] for r in _listed(data_dir)) == ["Green Routes", "Harbour Kitchen"]
    assert len(_entries()) == 2


def test_a_huge_index_is_not_read(saved, data_dir, bank):
    store = saved[0]
    _listed(data_dir)
    entries = _entries()
    for entry in entries.values():
        entry["name"] = "FORGED"
    _write_index(entries, padding="x" * (MAX_INDEX_BYTES + 1))
    index = SummaryIndex(_index_file(), {bank.id: bank})
    assert index._load() == {}
    assert sorted(s.name for s in store.summaries(index).items) == \
        ["Green Routes", "Harbour Kitchen"]


def test_an_index_others_may_write_is_not_trusted(saved, data_dir, bank):
    _listed(data_dir)
    os.chmod(_index_file(), 0o666)
    assert SummaryIndex(_index_file(), {bank.id: bank})._load() == {}


def test_a_link_as_the_index_is_not_followed(saved, data_dir, bank, tmp_path):
    _listed(data_dir)
    elsewhere = tmp_path / "elsewhere.json"
    _index_file().rename(elsewhere)
    _index_file().symlink_to(elsewhere)
    assert SummaryIndex(_index_file(), {bank.id: bank})._load() == {}


def test_an_edited_bank_scores_again(saved, data_dir, bank):
    """The same bank id and version with other content (a user's own bank edited in place)."""
    import dataclasses

    store = saved[0]
    own = data_dir / "banks" / "test-bank.toml"
    bank = dataclasses.replace(bank, path=own)
    index = SummaryIndex(_index_file(), {bank.id: bank})
    store.summaries(index)
    index.save()
    path = next(store.folder.glob("*.toml"))
    data = path.read_bytes()
    from svassess.store import digest_of

    assert SummaryIndex(_index_file(), {bank.id: bank}).lookup(path, data, digest_of(data))
    own.write_text(own.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    again = SummaryIndex(_index_file(), {bank.id: bank})
    assert again.lookup(path, data, digest_of(data)) is None


def test_a_missing_bank_is_remembered_as_missing(data_dir, bank):
    store = Store(data_dir)
    a = new_assessment(bank, "Elsewhere")
    a.bank = "not-installed"
    (store.folder).mkdir(parents=True)
    store.path_for(a.id).write_bytes(encode(a))
    for _ in range(2):
        index = SummaryIndex(_index_file(), {bank.id: bank})
        [summary] = store.summaries(index).items
        index.save()
        assert summary.level_id is None and summary.score is None


def test_summaries_report_and_set_aside_corrupt_files_as_list_does(saved, data_dir):
    store = saved[0]
    (store.folder / "01BROKEN.toml").write_text("not = [valid", encoding="utf-8")
    index = SummaryIndex(None, {})
    listing = store.summaries(index)
    assert len(listing.items) == 2
    assert any("01BROKEN.toml" in str(p) for p in listing.problems)


def test_summarise_matches_the_json_list_fields(saved, bank):
    store, first, _ = saved
    stored = store.read(store.path_for(first.id))
    summary = summarise(stored.path, stored.digest, stored.assessment, bank)
    assert summary.id == first.id and summary.level_name is not None
    assert summary.provisional is True


# --- banks not loaded while their files are unchanged ----------------------------------------

def _lazy(data_dir):
    from svassess.cli_shared import lazy_banks

    return lazy_banks(data_dir)


def test_a_second_list_loads_no_bank(saved, data_dir):
    store = saved[0]
    first = _lazy(data_dir)
    store.listed(first)
    assert first._loaded is not None               # nothing remembered yet: loaded
    second = _lazy(data_dir)
    listing = store.listed(second)
    assert second._loaded is None                  # every answer came from the index
    assert sorted(s.name for s in listing.items) == ["Green Routes", "Harbour Kitchen"]
    assert {s.level_name for s in listing.items} <= {"Starting out", "Developing", "Ready"}


def test_a_changed_bank_file_is_loaded_again_and_its_new_words_shown(saved, data_dir):
    store = saved[0]
    store.listed(_lazy(data_dir))
    own = data_dir / "banks" / "test-bank.toml"
    own.write_text(own.read_text(encoding="utf-8").replace('name = "Starting out"',
                                                           'name = "Just begun"'),
                   encoding="utf-8")
    changed = _lazy(data_dir)
    listing = store.listed(changed)
    assert changed._loaded is not None
    assert "Just begun" in {s.level_name for s in listing.items}
    assert "Starting out" not in {s.level_name for s in listing.items}


def test_a_new_file_loads_the_banks_to_score_it(saved, data_dir, bank):
    store = saved[0]
    store.listed(_lazy(data_dir))
    store.save(new_assessment(bank, "Third Sector Co"), None)
    lazy = _lazy(data_dir)
    names = sorted(s.name for s in store.listed(lazy).items)
    assert names == ["Green Routes", "Harbour Kitchen", "Third Sector Co"]
    assert lazy._loaded is not None


def test_bank_problems_are_remembered_with_the_banks(saved, data_dir):
    (data_dir / "banks" / "broken.toml").write_text("not = [valid", encoding="utf-8")
    for _ in range(2):
        done = run_cli("list", data_dir=data_dir)
        assert done.returncode == 0
        assert "a bank was not loaded" in done.stderr and "broken.toml" in done.stderr


@pytest.mark.parametrize("record", [
    "not a table",
    {"files_key": "x", "facts": {}, "problems": [], "time": "t"},
    {"facts": {"test-bank": {"key": 1, "levels": {}}}, "problems": [], "time": "t"},
    {"facts": {"test-bank": {"key": "k", "levels": {"starting": 5}}}, "problems": [],
     "time": "t"},
    {"facts": {}, "problems": [3], "time": "t"},
    {"facts": {}, "problems": [], "time": 5},
    {"facts": {}, "problems": [], "time": "t" * 5000},
    {"facts": {}, "problems": []},
])
def test_a_damaged_record_of_the_banks_is_ignored(saved, data_dir, record):
    store = saved[0]
    store.listed(_lazy(data_dir))
    document = json.loads(_index_file().read_text(encoding="utf-8"))
    if isinstance(record, dict) and "files_key" not in record:
        record = {**record, "files_key": document["banks"]["files_key"]}
    _write_index(document["entries"], banks=record)
    lazy = _lazy(data_dir)
    listing = store.listed(lazy)
    assert lazy._loaded is not None
    assert {s.level_name for s in listing.items} <= {"Starting out", "Developing", "Ready"}
    assert sorted(s.name for s in listing.items) == ["Green Routes", "Harbour Kitchen"]


def test_the_bank_files_key_follows_every_byte_and_no_link(data_dir, tmp_path):
    from svassess.bank_files import bank_files_key
    from svassess.paths import user_banks_dir

    folders = [user_banks_dir(data_dir)]
    before = bank_files_key(folders, folders)
    assert bank_files_key(folders, folders) == before
    resources = data_dir / "banks" / "resources.toml"
    resources.write_text(resources.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    changed = bank_files_key(folders, folders)
    assert changed != before
    outside = tmp_path / "outside.toml"
    outside.write_text("secret = 1", encoding="utf-8")
    (data_dir / "banks" / "linked.toml").symlink_to(outside)
    linked = bank_files_key(folders, folders)
    outside.write_text("secret = 2", encoding="utf-8")
    assert bank_files_key(folders, folders) == linked != changed


def test_the_banks_time_is_remembered_with_the_banks_and_follows_them(saved, data_dir, bank):
    """The home screen's time estimate comes from the index while the bank files are unchanged,
    so the app need not load the banks to draw its first screen."""
    from svassess.estimate import describe_banks_time

    store = saved[0]
    first = store.banks_overview(_lazy(data_dir))
    assert first.time == describe_banks_time(_lazy(data_dir).loaded.banks.values())
    assert "minutes" in first.time
    lazy = _lazy(data_dir)
    assert store.banks_overview(lazy) == first
    assert lazy._loaded is None                         # remembered: the banks were not loaded

    document = json.loads(_index_file().read_text(encoding="utf-8"))
    document["banks"]["time"] = "Allow a fortnight."
    _write_index(document["entries"], banks=document["banks"])
    assert store.banks_overview(_lazy(data_dir)).time == "Allow a fortnight."

    (data_dir / "banks" / "broken.toml").write_text("not = [valid", encoding="utf-8")
    lazy = _lazy(data_dir)
    changed = store.banks_overview(lazy)
    assert lazy._loaded is not None                     # the files changed: loaded again
    assert changed.time == first.time
    assert len(changed.problems) == 1 and "broken.toml" in changed.problems[0]


def test_a_remembered_time_is_shown_without_controls(saved, data_dir):
    """The index is the user's own, but nothing read from it reaches the terminal raw."""
    store = saved[0]
    store.banks_overview(_lazy(data_dir))
    document = json.loads(_index_file().read_text(encoding="utf-8"))
    document["banks"]["time"] = "Allow \x1b]0;TITLE\x1b\\ an hour \x1b[6n."
    _write_index(document["entries"], banks=document["banks"])
    time = store.banks_overview(_lazy(data_dir)).time
    assert "\x1b" not in time and "an hour" in time
