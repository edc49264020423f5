"""The command line, run as a user runs it: in a subprocess, with its own data folder."""

from __future__ import annotations

import json
import shutil

import pytest

from svassess import __version__
from svassess.assessment import new_assessment
from svassess.store import Store
from tests.conftest import TEST_BANKS, run_cli, textual_loaded_by

HOSTILE = "[bold red]Evil[/] [@click=app.quit]x[/] <script>alert(1)</script> \x1b[31m"


def make(data_dir, bank, name, organisation="", answers=None):
    a = new_assessment(bank, name, organisation)
    for qid, value in (answers or {}).items():
        a.answer(bank.question(qid), value)
    Store(data_dir).save(a, None)
    return a


def assert_one_clear_line(done, *phrases):
    assert done.returncode == 1, done
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    for phrase in phrases:
        assert phrase in lines[0]


def test_version_and_help(tmp_path):
    assert run_cli("--version").stdout.strip() == f"svassess {__version__}"
    done = run_cli("--help")
    assert done.returncode == 0 and "check-bank" in done.stdout


def test_bad_usage_exits_2(tmp_path):
    assert run_cli("frobnicate").returncode == 2
    assert run_cli("export", "x", "--format", "pdf").returncode == 2


def test_where_says_where_data_lives(tmp_path):
    done = run_cli("where", data_dir=tmp_path / "d")
    assert done.returncode == 0
    assert f"{tmp_path / 'd'} (from --data-dir)" in done.stdout
    done = run_cli("where", env={"SVASSESS_DATA_DIR": str(tmp_path / "e")})
    assert f"{tmp_path / 'e'} (from SVASSESS_DATA_DIR)" in done.stdout
    # --data-dir also works after the command, and wins over the environment.
    done = run_cli("where", "--data-dir", str(tmp_path / "f"),
                   env={"SVASSESS_DATA_DIR": str(tmp_path / "e")})
    assert f"{tmp_path / 'f'} (from --data-dir)" in done.stdout


def test_list_names_the_corrupt_file_and_lists_the_good_ones(data_dir, bank):
    one = make(data_dir, bank, "Harbour Kitchen", "Harbour CIC", {"policy.act": "yes"})
    two = make(data_dir, bank, "Green Routes")
    corrupt = data_dir / "assessments" / "01BROKEN.toml"
    corrupt.write_bytes(b'schema_version = 1\n[assessment\nid = "')
    done = run_cli("list", data_dir=data_dir)
    assert done.returncode == 0
    assert "Harbour Kitchen" in done.stdout and "Green Routes" in done.stdout
    assert str(corrupt) in done.stderr and "set aside" in done.stderr
    assert "Traceback" not in done.stderr
    rows = json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)
    assert {r["id"] for r in rows} == {one.id, two.id}
    harbour = next(r for r in rows if r["id"] == one.id)
    assert harbour["level"]["id"] == "starting" and harbour["provisional"] is True
    assert harbour["organisation"] == "Harbour CIC"


def test_list_with_no_data_folder_yet(tmp_path):
    done = run_cli("list", data_dir=tmp_path / "new")
    assert done.returncode == 0 and "No assessments saved" in done.stdout
    assert not (tmp_path / "new").exists()


def test_show_json_has_the_documented_shape(data_dir, bank):
    a = make(data_dir, bank, "Harbour Kitchen", "Harbour CIC",
             {"context.nation": "england", "policy.act": "partly",
              "measure.tools": ["toc", "data"], "measure.confidence": 4})
    done = run_cli("show", "Harbour Kitchen", "--json", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert set(shown) == {"id", "name", "organisation", "bank", "completeness", "provisional",
                          "overall", "sections", "recommendations", "unknown_answers"}
    assert shown["id"] == a.id and shown["bank"] == {"id": "test-bank", "version": "1.0.0"}
    assert shown["completeness"] == 100 and shown["provisional"] is False
    assert shown["overall"] == {"score": 58.3,
                                "level": {"id": "developing", "name": "Developing"}}
    policy = next(s for s in shown["sections"] if s["id"] == "policy")
    assert policy == {"id": "policy", "title": "Policy", "score": 50.0, "answered": 1,
                      "total": 1}
    assert shown["recommendations"] == []
    assert shown["unknown_answers"] == []


def test_show_text_and_recommendations(data_dir, bank):
    make(data_dir, bank, "Harbour Kitchen", answers={"policy.act": "no"})
    done = run_cli("show", "harbour kitchen", data_dir=data_dir)
    assert done.returncode == 0
    assert "Provisional: " in done.stdout
    assert "1. Learn what the Act asks of buyers" in done.stdout
    assert "https://www.legislation.gov.uk/ukpga/2012/3/contents/enacted" in done.stdout


def test_export_text_writes_a_file_named_after_the_assessment(data_dir, bank, tmp_path):
    make(data_dir, bank, "Harbour: Kitchen/2026", answers={"policy.act": "no"})
    out = tmp_path / "out"
    out.mkdir()
    done = run_cli("export", "Harbour: Kitchen/2026", "--format", "text", data_dir=data_dir,
                   cwd=out)
    assert done.returncode == 0, done.stderr
    written = out / "Harbour-Kitchen-2026.txt"
    text = written.read_text(encoding="utf-8")
    assert "Overall readiness: 0 / 100" in text
    assert all(len(line) <= 80 for line in text.splitlines())
    again = run_cli("export", "Harbour: Kitchen/2026", "--format", "text", data_dir=data_dir,
                    cwd=out)
    assert_one_clear_line(again, str(written.name), "--force")
    assert written.read_text(encoding="utf-8") == text
    to_stdout = run_cli("export", "Harbour: Kitchen/2026", "--format", "text", "-o", "-",
                        data_dir=data_dir)
    assert to_stdout.stdout == text


def test_hostile_text_is_shown_literally_and_stripped_of_escapes(data_dir, bank):
    make(data_dir, bank, HOSTILE, HOSTILE)
    listed = run_cli("list", data_dir=data_dir)
    assert "[bold red]Evil[/]" in listed.stdout and "\x1b" not in listed.stdout
    rows = json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)
    assert rows[0]["name"] == HOSTILE.replace("\x1b", "")
    shown = run_cli("show", HOSTILE.replace("\x1b", ""), data_dir=data_dir)
    assert shown.returncode == 0, shown.stderr
    assert ("[bold red]Evil[/] [@click=app.quit]x[/] <script>alert(1)</script>"
            in " ".join(shown.stdout.split()))
    assert "\x1b" not in shown.stdout


@pytest.mark.parametrize(("args", "phrases"), [
    (["show", "Nobody"], ["No assessment named 'Nobody'", "svassess list"]),
    (["show", "missing/file.toml"], ["missing/file.toml does not exist"]),
    (["export", "Nobody", "--format", "text"], ["No assessment named 'Nobody'"]),
])
def test_not_found_is_one_clear_line(data_dir, args, phrases):
    assert_one_clear_line(run_cli(*args, data_dir=data_dir), *phrases)


def test_ambiguous_name_is_one_clear_line(data_dir, bank):
    a = make(data_dir, bank, "Twin")
    b = make(data_dir, bank, "twin")
    assert_one_clear_line(run_cli("show", "Twin", data_dir=data_dir), "2 assessments", a.id, b.id)


def test_corrupt_and_newer_files_are_one_clear_line_and_unchanged(data_dir, bank):
    a = make(data_dir, bank, "Harbour Kitchen")
    path = Store(data_dir).path_for(a.id)
    newer = path.read_text(encoding="utf-8").replace("schema_version = 1", "schema_version = 2")
    path.write_text(newer, encoding="utf-8")
    assert_one_clear_line(run_cli("show", a.id, data_dir=data_dir), str(path), "newer svassess")
    assert path.read_text(encoding="utf-8") == newer
    path.write_text("not = [toml", encoding="utf-8")
    assert_one_clear_line(run_cli("show", a.id, data_dir=data_dir), str(path), "set aside")
    assert [p.read_text(encoding="utf-8") for p in path.parent.glob("*.corrupt-*")] == [
        "not = [toml"]


def test_missing_bank_is_one_clear_line(data_dir, bank):
    a = make(data_dir, bank, "Harbour Kitchen")
    shutil.rmtree(data_dir / "banks")
    assert_one_clear_line(run_cli("show", a.id, data_dir=data_dir), "test-bank",
                          "not installed")


def test_banks_lists_shipped_and_own_banks(data_dir):
    done = run_cli("banks", "--json", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    ids = [b["id"] for b in json.loads(done.stdout)]
    assert "test-bank" in ids and "provider-readiness" in ids


def test_check_bank_reports_every_problem_and_exits_1(tmp_path):
    text = (TEST_BANKS / "test-bank.toml").read_text(encoding="utf-8")
    broken = tmp_path / "broken.toml"
    broken.write_text(text.replace('section = "policy"', 'section = "nope"', 1)
                      .replace('kind = "multi"', 'kind = "checkbox"', 1), encoding="utf-8")
    shutil.copy(TEST_BANKS / "resources.toml", tmp_path / "resources.toml")
    done = run_cli("check-bank", str(broken), str(tmp_path / "missing.toml"))
    assert done.returncode == 1
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 3
    assert any("'nope'" in line for line in lines)
    assert any("'checkbox'" in line for line in lines)
    assert any("missing.toml: does not exist" in line for line in lines)
    assert "Traceback" not in done.stderr


def test_check_bank_ok_summary(tmp_path):
    done = run_cli("check-bank", str(TEST_BANKS / "test-bank.toml"),
                   str(TEST_BANKS / "resources.toml"), cwd=tmp_path)
    assert done.returncode == 0
    assert "6 questions in 3 sections" in done.stdout
    assert "OK resources: 2 resources" in done.stdout


def test_shipped_banks_validate_from_outside_the_repo(tmp_path):
    from svassess.paths import shipped_banks_dir

    files = [str(p) for p in sorted(shipped_banks_dir().glob("*.toml"))]
    done = run_cli("check-bank", *files, cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    assert "provider-readiness" in done.stdout


@pytest.mark.parametrize("args", [
    ["--version"], ["where"], ["banks"], ["list"], ["list", "--json"], ["show", "Harbour"],
    ["show", "Harbour", "--json"], ["export", "Harbour", "--format", "text", "-o", "-"],
    ["check-bank", str(TEST_BANKS / "test-bank.toml")],
    ["answer", "Harbour"], ["answer", "--new", "Plain", "--bank", "test-bank"],
])
def test_headless_commands_never_import_textual(data_dir, bank, args):
    make(data_dir, bank, "Harbour")
    stderr = textual_loaded_by(data_dir, *args, stdin="1\nr\nq\n")  # answer: 1, read, quit
    assert "TEXTUAL: [] EXIT: 0" in stderr, stderr


def test_check_bank_uses_the_shipped_catalogue_plus_the_banks_own(tmp_path):
    """A facilitator's bank may use shipped resources and add its own, as the app allows."""
    from svassess.bank_loader import load_resources
    from svassess.paths import shipped_banks_dir

    shipped_id = next(iter(load_resources(shipped_banks_dir() / "resources.toml")))
    text = (TEST_BANKS / "test-bank.toml").read_text(encoding="utf-8")
    (tmp_path / "local.toml").write_text(
        text.replace('id = "test-bank"', 'id = "local-bank"')
        .replace('resources = ["act"]', f'resources = ["{shipped_id}"]', 1), encoding="utf-8")
    shutil.copy(TEST_BANKS / "resources.toml", tmp_path / "resources.toml")
    done = run_cli("check-bank", str(tmp_path / "local.toml"))
    assert done.returncode == 0, done.stdout
    done = run_cli("check-bank", str(tmp_path / "local.toml"), str(tmp_path / "resources.toml"))
    assert done.returncode == 0, done.stdout


def test_check_bank_never_prints_escape_sequences_from_the_file(tmp_path):
    text = (TEST_BANKS / "test-bank.toml").read_text(encoding="utf-8")
    bad = tmp_path / "bank.toml"
    bad.write_text(text.replace('[[levels]]\nid = "starting"',
                                '[[levels]]\n"\\u001b]0;PWNED\\u0007" = 1\nid = "starting"', 1),
                   encoding="utf-8")
    done = run_cli("check-bank", str(bad), str(TEST_BANKS / "resources.toml"))
    assert done.returncode == 1 and "unknown key" in done.stdout
    assert "\x1b" not in done.stdout + done.stderr and "\x07" not in done.stdout
