"""Files edited by hand. What cannot be read is named in one clear line and set aside unchanged
while everything else keeps working; what can be read loses nothing on the next save.
(tests/test_store.py covers empty, BOM, invalid UTF-8, truncated, deep nesting, huge files, a
missing schema_version and a few wrong types; these are the rest.)"""

from __future__ import annotations

import json
import tomllib

import pytest

from svassess import cli
from svassess.report import build_report
from svassess.scoring import score_assessment
from svassess.session import EditSession
from svassess.store import Conflict, CorruptFile, NewerVersion, Store
from tests.conftest import run_cli

GOOD = """\
schema_version = 1

[assessment]
id = "{id}"
name = "Harbour Kitchen"
organisation = "Harbour CIC"
bank = "test-bank"
bank_version = "1.0.0"
created = 2026-11-20T09:30:00Z
updated = 2026-11-20T09:30:00Z
current = "measure.tools"

[answers."policy.act"]
value = "partly"
note = "Board minutes"
answered_at = 2026-11-20T09:30:00Z

[answers."measure.tools"]
value = ["toc"]
answered_at = 2026-11-20T09:30:00Z

[plan]
dismissed = ["measure-weak"]

[[plan.actions]]
id = "f4b3f7b5"
title = "Learn the Act"
recommendation = "policy-weak"
due = 2027-01-31
status = "not-started"
"""

# (the line as written in GOOD, what it becomes); each makes the file one it cannot read.
CORRUPT = {
    # TOML that is not TOML: the same key or table twice
    "duplicate-key": ('name = "Harbour Kitchen"', 'name = "Harbour Kitchen"\nname = "Other"'),
    "duplicate-table": ("[plan]", '[assessment]\nname = "again"\n\n[plan]'),
    "duplicate-answer": ('[answers."measure.tools"]', '[answers."policy.act"]'),
    # the top level
    "schema-as-text": ("schema_version = 1", 'schema_version = "1"'),
    "schema-as-bool": ("schema_version = 1", "schema_version = true"),
    "schema-as-float": ("schema_version = 1", "schema_version = 1.0"),
    "assessment-not-a-table": ("[assessment]", 'assessment = "x"\n[other]'),
    "answers-not-a-table": ("schema_version = 1", "schema_version = 1\nanswers = [1, 2]"),
    "plan-not-a-table": ("schema_version = 1", 'schema_version = 1\nplan = "later"'),
    # [assessment]
    "id-a-number": ('id = "{id}"', "id = 5"),
    "id-empty": ('id = "{id}"', 'id = ""'),
    "bank-a-list": ('bank = "test-bank"', 'bank = ["test-bank"]'),
    "organisation-a-bool": ('organisation = "Harbour CIC"', "organisation = true"),
    "bank-version-a-float": ('bank_version = "1.0.0"', "bank_version = 1.0"),
    "current-a-number": ('current = "measure.tools"', "current = 3"),
    "created-as-text": ("created = 2026-11-20T09:30:00Z", 'created = "2026-11-20"'),
    "created-a-date-only": ("created = 2026-11-20T09:30:00Z", "created = 2026-11-20"),
    "updated-a-time-only": ("updated = 2026-11-20T09:30:00Z", "updated = 09:30:00"),
    "created-year-1": ("created = 2026-11-20T09:30:00Z", "created = 0001-01-01T00:00:00+01:00"),
    "updated-year-9999": ("updated = 2026-11-20T09:30:00Z",
                          "updated = 9999-12-31T23:59:59-01:00"),
    # [answers."..."]
    "value-a-float": ('value = "partly"', "value = 1.5"),
    "value-a-bool": ('value = "partly"', "value = true"),
    "value-a-table": ('value = "partly"', "value = { chosen = \"partly\" }"),
    "value-a-list-of-numbers": ('value = ["toc"]', "value = [1, 2]"),
    "note-a-number": ('note = "Board minutes"', "note = 42"),
    "answered-at-as-text": ('note = "Board minutes"\nanswered_at = 2026-11-20T09:30:00Z',
                            'note = "Board minutes"\nanswered_at = "yesterday"'),
    "answered-at-year-1": ('note = "Board minutes"\nanswered_at = 2026-11-20T09:30:00Z',
                           'note = "Board minutes"\nanswered_at = 0001-01-01T00:00:00Z'),
    # [plan]
    "dismissed-not-a-list": ('dismissed = ["measure-weak"]', 'dismissed = "measure-weak"'),
    "dismissed-numbers": ('dismissed = ["measure-weak"]', "dismissed = [1]"),
    "actions-not-tables": ("[[plan.actions]]\n", "actions = [1]\n[plan.other]\n"),
    "action-without-id": ('id = "f4b3f7b5"\n', ""),
    "action-title-a-number": ('title = "Learn the Act"', "title = 7"),
    "action-due-as-text": ("due = 2027-01-31", 'due = "next January"'),
    "action-due-with-time": ("due = 2027-01-31", "due = 2027-01-31T10:00:00Z"),
    "action-status-unknown": ('status = "not-started"', 'status = "nearly"'),
    "action-status-a-list": ('status = "not-started"', 'status = ["done"]'),
    # values too big or too deep to handle, though they parse (or almost)
    "number-5000-digits": ("schema_version = 1", "schema_version = 1\nbig = 1" + "0" * 5000),
    "nested-300-deep": ("schema_version = 1",
                        "schema_version = 1\ndeep = " + "[" * 300 + "]" * 300),
}

AID = "01KAK6ZC3X5N6Q5H2J4M7R8T9V"


def good_text(aid: str = AID) -> str:
    return GOOD.replace("{id}", aid)


def corrupted(kind: str, aid: str = AID) -> bytes:
    old, new = (part.replace("{id}", aid) for part in CORRUPT[kind])
    text = good_text(aid)
    assert text.count(old) == 1, f"{kind}: the change must apply to the good file exactly once"
    return text.replace(old, new).encode("utf-8")


def test_the_good_file_reads(store):
    store.ensure_folder()
    path = store.path_for(AID)
    path.write_text(good_text(), encoding="utf-8")
    assessment = store.read(path).assessment
    assert assessment.plan.actions[0].title == "Learn the Act"


@pytest.mark.parametrize("kind", CORRUPT)
def test_each_corruption_is_named_in_one_line_and_set_aside_untouched(data_dir, kind, capsys):
    store = Store(data_dir)
    store.ensure_folder()
    other = "01KAK6ZC3X5N6Q5H2J4M7R8T9W"
    store.path_for(other).write_text(good_text(other).replace("Harbour Kitchen", "Green Routes"),
                                     encoding="utf-8")
    path = store.path_for(AID)
    data = corrupted(kind)
    path.write_bytes(data)

    code = cli.main(["--data-dir", str(data_dir), "show", AID])
    captured = capsys.readouterr()
    assert code == 1 and captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert str(path) in lines[0] and "set aside, unchanged" in lines[0]
    assert "Traceback" not in captured.err
    aside = list(store.folder.glob(f"{AID}.toml.corrupt-*"))
    assert [p.read_bytes() for p in aside] == [data]
    assert not path.exists()

    assert cli.main(["--data-dir", str(data_dir), "list", "--json"]) == 0
    assert [row["name"] for row in json.loads(capsys.readouterr().out)] == ["Green Routes"]


def test_through_the_command_a_mixed_folder_is_listed_and_each_bad_file_named(data_dir):
    store = Store(data_dir)
    store.ensure_folder()
    kinds = ["duplicate-key", "value-a-float", "created-year-1", "number-5000-digits",
             "nested-300-deep", "action-status-unknown"]
    written = {}
    for n, kind in enumerate(kinds):
        aid = f"01KAK6ZC3X5N6Q5H2J4M7R8T{n:02d}"
        written[store.path_for(aid)] = corrupted(kind, aid)
    good = "01KAK6ZC3X5N6Q5H2J4M7R8TZZ"
    written[store.path_for(good)] = good_text(good).encode()
    newer = store.path_for("01KAK6ZC3X5N6Q5H2J4M7R8TNN")
    written[newer] = good_text(newer.stem).replace(
        "schema_version = 1", "schema_version = 2").replace("Harbour", "Future").encode()
    for path, data in written.items():
        path.write_bytes(data)

    done = run_cli("list", data_dir=data_dir)
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert "Harbour Kitchen" in done.stdout and "Future" not in done.stdout
    problems = done.stderr.strip().splitlines()
    assert len(problems) == len(kinds) + 1
    for path in written:
        if path.stem != good:
            assert sum(str(path) in line for line in problems) == 1, (path, problems)
    assert any(str(newer) in line and "newer svassess" in line for line in problems)
    assert newer.read_bytes() == written[newer]             # refused, never moved or changed
    for path, data in written.items():
        if path.stem not in (good, newer.stem):
            assert not path.exists()
            [aside] = path.parent.glob(f"{path.name}.corrupt-*")
            assert aside.read_bytes() == data


def test_a_newer_file_is_refused_for_editing_and_left_as_it_is(store):
    store.ensure_folder()
    path = store.path_for(AID)
    newer = good_text().replace("schema_version = 1", "schema_version = 3")
    path.write_text(newer, encoding="utf-8")
    with pytest.raises(NewerVersion) as caught:
        store.read(path)
    assert "newer svassess" in str(caught.value) and str(path) in str(caught.value)
    assert path.read_text(encoding="utf-8") == newer
    assert list(store.folder.iterdir()) == [path]


def test_unknown_keys_everywhere_survive_every_save(store, bank):
    store.ensure_folder()
    path = store.path_for(AID)
    text = good_text()
    text = text.replace("[assessment]\n", "[assessment]\nfacilitator = \"Sam\"\n"
                                          "session_start = 2026-11-20T09:00:00\n"
                                          "room = { floor = 2, name = \"Hall\" }\n")
    text = ("future_top = { colour = \"teal\", weights = [1, 2.5] }\n"
            "future_time = 07:45:00\n" + text)
    text = text.replace('note = "Board minutes"\n',
                        'note = "Board minutes"\nconfidence = "high"\nevidence = ["a.pdf"]\n')
    text = text.replace('dismissed = ["measure-weak"]\n',
                        'dismissed = ["measure-weak"]\nreviewed = 2026-12-01\n')
    text = text.replace('status = "not-started"\n', 'status = "not-started"\ncost = 250\n')
    text += ('\n[[workshop_log]]\nwhen = 2026-11-20\nwhat = "started"\n'
             '\n[[workshop_log]]\nwhen = 2026-11-21\nwhat = "finished"\n'
             '\n[answers."retired.question"]\nvalue = "yes"\nnote = "kept"\n'
             'answered_at = 2026-01-01T00:00:00Z\nsource = { by = "Sam" }\n')
    path.write_text(text, encoding="utf-8")
    original = tomllib.loads(text)

    session = EditSession.open(store, store.read(path))
    session.answer(bank.question("measure.confidence"), 4)
    session.set_note("policy.act", "Board minutes, March")
    session.change_plan(lambda plan: plan.add_own("Meet the buyer"))
    session.close()
    after = tomllib.loads(path.read_text(encoding="utf-8"))

    for key in ("future_top", "future_time", "workshop_log"):
        assert after[key] == original[key]
    for key in ("facilitator", "session_start", "room"):
        assert after["assessment"][key] == original["assessment"][key]
    act = after["answers"]["policy.act"]
    assert (act["confidence"], act["evidence"], act["note"]) == (
        "high", ["a.pdf"], "Board minutes, March")
    assert after["answers"]["retired.question"] == original["answers"]["retired.question"]
    assert after["plan"]["reviewed"] == original["plan"]["reviewed"]
    assert after["plan"]["actions"][0]["cost"] == 250
    assert after["answers"]["measure.confidence"]["value"] == 4


# Values a hand edit may give that the question does not allow: kept, not scored, named.
NOT_AMONG_THE_OPTIONS = {
    "policy.act": '"very-well"',                 # single: no such option
    "measure.tools": '["toc", "crystal-ball"]',  # multi: one unknown option
    "measure.confidence": "9",                   # scale 1-5: out of range
    "context.nation": '["england"]',             # single given a list
}


def test_values_not_among_the_options_are_kept_not_scored_and_named(data_dir, bank, capsys):
    store = Store(data_dir)
    store.ensure_folder()
    path = store.path_for(AID)
    text = good_text().split("[answers.")[0]
    for qid, value in NOT_AMONG_THE_OPTIONS.items():
        text += f'[answers."{qid}"]\nvalue = {value}\nanswered_at = 2026-11-20T09:30:00Z\n\n'
    text += '[answers."retired.question"]\nvalue = "yes"\n'
    path.write_text(text, encoding="utf-8")

    stored = store.read(path)
    result = score_assessment(bank, stored.assessment)
    assert result.overall == 0 and result.answered == 0
    report = build_report(bank, stored.assessment)
    assert sorted(report.invalid_answers) == sorted(NOT_AMONG_THE_OPTIONS)
    assert report.unknown_answers == ("retired.question",)

    assert cli.main(["--data-dir", str(data_dir), "show", AID]) == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert "4 saved answer(s) are not among the question's options and are not scored" in shown
    for qid in NOT_AMONG_THE_OPTIONS:
        assert qid in shown
    assert "retired.question" in shown
    assert cli.main(["--data-dir", str(data_dir), "show", AID, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["unknown_answers"] == ["retired.question"]

    session = EditSession.open(store, stored)                # editing keeps them all
    session.answer(bank.question("policy.wales"), "yes")
    session.close()
    after = tomllib.loads(path.read_text(encoding="utf-8"))["answers"]
    for qid, value in NOT_AMONG_THE_OPTIONS.items():
        assert after[qid]["value"] == tomllib.loads(f"v = {value}")["v"]
    assert after["retired.question"]["value"] == "yes"


def test_a_corrupt_file_is_never_written_over_by_a_session(store, bank):
    """Set aside while a session is open elsewhere: the session's next save is refused."""
    session = EditSession.create(store, bank, "Harbour Kitchen", "")
    path = store.path_for(session.assessment.id)
    path.write_bytes(b"schema_version = 1\n[assessment\n")
    with pytest.raises(CorruptFile):
        store.read(path)
    [aside] = store.folder.glob("*.corrupt-*")
    with pytest.raises(Conflict) as caught:
        session.answer(bank.question("policy.act"), "yes")
    assert "changed by another program" in str(caught.value)
    assert aside.read_bytes() == b"schema_version = 1\n[assessment\n"
    session.close()


