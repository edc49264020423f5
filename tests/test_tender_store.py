"""Tender files: reading with line numbers, round trip with unknown keys, and the store's safety
(atomic save, lock, conflict, corrupt files set aside, nothing rewritten on reading)."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest

from svassess.store import (
    Conflict,
    CorruptFile,
    InvalidFile,
    Locked,
    NewerVersion,
    NotFound,
    StoreError,
)
from svassess.tender import new_tender, to_document
from svassess.tender_store import TenderStore, decode_tender, encode_tender, read_tender

FULL = """\
schema_version = 1
future_top = { kept = true }

[tender]
id = "T1"
assessment = "A1"
title = "Community transport 2027–2030"
buyer = "Ceredigion County Council"
buyer_type = "local-authority"
nation = "wales"
value = 450000
months = 36
weighting = 15
deadline = 2027-02-14
question = \"\"\"Describe the social value
you will deliver.
value = "not a key"\"\"\"
word_limit = 1000
portal_ref = "CCC-2027-001"

[[criteria]]
id = "c1"
text = "Jobs for local people"
score_out_of = 5

[[commitments]]
id = "k1"
criterion = "c1"
what = "Recruit and train local people facing barriers to work as drivers"
measure = "people recruited from the area who were unemployed"
baseline = "0"
target = "6"
by = 2027-12-31
cost = 4800
owner = "Operations manager"
evidence = "payroll records, quarterly report"
ownr = "typo"
"""


@pytest.fixture
def store(tmp_path) -> TenderStore:
    return TenderStore(tmp_path / "data")


def test_a_full_file_reads_with_its_unknown_keys_reported_by_line():
    stored = decode_tender(FULL.encode())
    t = stored.tender
    assert (t.title, t.value, t.months, t.weighting, t.deadline) == (
        "Community transport 2027–2030", 450000, 36, 15, dt.date(2027, 2, 14))
    assert t.commitments[0].by == dt.date(2027, 12, 31)
    assert t.extra == {"portal_ref": "CCC-2027-001"}
    assert t.criteria[0].extra == {"score_out_of": 5}
    messages = [(f.commitment, f.line, f.message) for f in stored.findings]
    assert messages[0][:2] == (None, 19) and "'portal_ref'" in messages[0][2]
    assert messages[1][:2] == (None, 24) and "'score_out_of'" in messages[1][2]
    assert messages[2][:2] == ("k1", 37) and "did you mean owner?" in messages[2][2]


def test_round_trip_keeps_unknown_keys_and_every_value():
    stored = decode_tender(FULL.encode())
    again = decode_tender(encode_tender(stored.tender))
    assert again.tender == stored.tender
    written = tomllib.loads(encode_tender(stored.tender).decode())
    assert written["future_top"] == {"kept": True}
    assert written["tender"]["portal_ref"] == "CCC-2027-001"
    assert written["commitments"][0]["ownr"] == "typo"
    assert written["criteria"][0]["score_out_of"] == 5


@pytest.mark.parametrize(("change", "words", "line"), [
    (('value = 450000', 'value = "450k"'), "value must be a whole number", 11),
    (('deadline = 2027-02-14', 'deadline = "14/02/2027"'), "deadline must be a date", 14),
    (('by = 2027-12-31', 'by = 2027-12-31T10:00:00'), "by must be a date", 33),
    (('cost = 4800', 'cost = 48.5'), "cost must be a whole number", 34),
    (('weighting = 15', 'weighting = "15%"'), "weighting must be a number", 13),
    (('id = "k1"', 'id = "../k1"'), "commitment number 1 has no id", 27),
    (('title = "Community', 'title = 5\nx = "Community'), "title must be text", 7),
    (('schema_version = 1', 'schema_version = 9'), "newer svassess", None),
])
def test_wrong_types_are_one_sentence_with_the_line(change, words, line):
    text = FULL.replace(*change, 1)
    with pytest.raises((InvalidFile, NewerVersion)) as caught:
        decode_tender(text.encode())
    assert words in str(caught.value)
    if line:
        assert f"(line {line})" in str(caught.value)


def test_save_read_and_nothing_is_rewritten_on_reading(store):
    stored = decode_tender(FULL.encode())
    digest = store.save(stored.tender, None)
    path = store.path_for("T1")
    before = path.read_bytes()
    again = store.read(path)
    assert again.tender == stored.tender and again.digest == digest
    assert path.read_bytes() == before
    assert store.find("T1").tender == stored.tender
    assert store.find(str(path)).tender == stored.tender
    assert [s.tender.id for s in store.tenders().items] == ["T1"]
    assert store.tenders(assessment="other").items == []


def test_a_file_changed_by_another_program_is_not_saved_over(store):
    tender = new_tender("T2", "A1", "X")
    digest = store.save(tender, None)
    path = store.path_for("T2")
    path.write_text(path.read_text() + "\n# edited elsewhere\n")
    tender.title = "Y"
    with pytest.raises(Conflict):
        store.save(tender, digest)
    assert "# edited elsewhere" in path.read_text()
    with pytest.raises(Conflict):
        store.save(new_tender("T2"), None)


def test_the_lock_keeps_a_second_editor_out(store):
    lock = store.lock("T3")
    with pytest.raises(Locked):
        store.lock("T3")
    lock.release()
    store.lock("T3").release()


@pytest.mark.parametrize("content", [b"", b"schema_version = \n", b"\xff\xfe",
                                     b"schema_version = 1\n", FULL.replace(
                                         "value = 450000", "value = true").encode()])
def test_a_corrupt_tender_in_the_data_folder_is_set_aside_unchanged(store, content):
    store.folder.mkdir(parents=True)
    path = store.path_for("T9")
    path.write_bytes(content)
    with pytest.raises(CorruptFile) as caught:
        store.read(path)
    aside = caught.value.set_aside
    assert aside is not None and aside.read_bytes() == content and not path.exists()
    assert "set aside" in str(caught.value) and str(path) in str(caught.value)
    listing = store.tenders()
    assert listing.items == [] and listing.problems == []


def test_a_corrupt_file_elsewhere_is_left_where_it_is(store, tmp_path):
    path = tmp_path / "mine.toml"
    path.write_bytes(b"not = [toml")
    with pytest.raises(CorruptFile, match="left as it is"):
        store.find(str(path))
    assert path.read_bytes() == b"not = [toml"


def test_a_missing_file_is_not_found(store, tmp_path):
    with pytest.raises(NotFound):
        read_tender(tmp_path / "none.toml")
    with pytest.raises(NotFound):
        store.find("NOPE")


def test_a_renamed_copy_in_the_data_folder_is_reported_not_used(store):
    store.folder.mkdir(parents=True)
    (store.folder / "other.toml").write_bytes(encode_tender(new_tender("T5")))
    with pytest.raises(StoreError, match="does not match"):
        store.read(store.folder / "other.toml")


def test_empty_values_are_left_out_of_the_file():
    written = to_document(new_tender("T6", "A1"))
    assert written == {"schema_version": 1, "tender": {"id": "T6", "assessment": "A1"}}


def test_a_tender_from_a_newer_svassess_is_refused_but_never_set_aside(store):
    store.folder.mkdir(parents=True)
    path = store.path_for("T1")
    path.write_text(FULL.replace("schema_version = 1", "schema_version = 2"))
    with pytest.raises(NewerVersion, match="upgrade svassess"):
        store.read(path)
    assert path.exists()


def test_opening_for_editing_changes_nothing_until_a_change(store):
    from svassess.tender_store import TenderEdit

    store.folder.mkdir(parents=True)
    path = store.path_for("T1")
    path.write_text(FULL, encoding="utf-8")           # hand-written, with unknown keys
    edit = TenderEdit.open(store, store.read(path))
    edit.close()
    assert path.read_text(encoding="utf-8") == FULL
    edit = TenderEdit.open(store, store.read(path))
    edit.change(lambda t: setattr(t, "title", "New"))
    edit.close()
    written = tomllib.loads(path.read_text(encoding="utf-8"))
    assert written["tender"]["title"] == "New"
    assert written["tender"]["portal_ref"] == "CCC-2027-001"
    assert written["commitments"][0]["ownr"] == "typo"


def test_a_failed_save_leaves_the_tender_as_it_was_on_disk(store):
    from svassess.tender_store import TenderEdit

    edit = TenderEdit.create(store, new_tender("T7", "A1", "Before"))
    store.path_for("T7").write_text(store.path_for("T7").read_text() + "# other\n")
    with pytest.raises(Conflict):
        edit.change(lambda t: setattr(t, "title", "After"))
    assert edit.tender.title == "Before"
    edit.close()


def test_a_link_in_the_tenders_folder_is_never_followed(store, tmp_path):
    outside = tmp_path / "secret.toml"
    outside.write_text(FULL, encoding="utf-8")
    store.folder.mkdir(parents=True)
    (store.folder / "T1.toml").symlink_to(outside)
    with pytest.raises(StoreError, match="does not follow links"):
        store.read(store.folder / "T1.toml")
    assert outside.read_text(encoding="utf-8") == FULL
