"""`svassess tender new|list|check|export`, run as a user would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from svassess.store import Store
from tests.conftest import run_cli, textual_loaded_by
from tests.doc_examples import sample_report
from tests.markdown_check import rendered_markdown
from tests.test_tender_docs import worked_example

HOSTILE = ('<script>alert(1)</script> [@click=app.quit]x[/] ](javascript:alert(1)) '
           '| cell | **bold** <b>b</b> \\u001b]0;pwned\\u0007 \\u202eevil')


@pytest.fixture
def with_assessment(data_dir: Path) -> Path:
    Store(data_dir).save(sample_report().assessment, None)
    return data_dir


def tender_file(folder: Path, text: str | None = None) -> Path:
    path = folder / "mine.toml"
    path.write_text(text or worked_example()[0].replace("2027-02-14", "2099-02-14")
                    .replace("2027-12-31", "2099-12-31").replace("2028-02-14", "2100-02-14")
                    .replace("2030-06-30", "2102-06-30"), encoding="utf-8")
    return path


def test_new_starts_a_tender_that_check_reads(with_assessment):
    done = run_cli("tender", "new", "--assessment", "Riverside Kitchen 2026", "--title",
                   "Meals 2027", "--buyer-type", "nhs", "--nation", "wales", "--value",
                   "250000", data_dir=with_assessment)
    assert done.returncode == 0, done.stderr
    [path] = (with_assessment / "tenders").glob("*.toml")
    assert str(path) in done.stdout
    checked = run_cli("tender", "check", path.stem, "--json", data_dir=with_assessment)
    assert checked.returncode == 0, checked.stderr
    result = json.loads(checked.stdout)
    assert "nhs-psr-wales" in {r["id"] for r in result["rules"]}
    assert {"commitment": None, "kind": "invalid",
            "message": "The tender has no months: give how many months the contract lasts."
            } in result["problems"]
    listed = run_cli("tender", "list", data_dir=with_assessment)
    assert "Meals 2027" in listed.stdout


def test_new_for_an_assessment_that_does_not_exist_is_one_line(data_dir):
    done = run_cli("tender", "new", "--assessment", "Nobody", data_dir=data_dir)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "No assessment named 'Nobody'" in done.stderr
    assert not (data_dir / "tenders").exists()


def test_check_prints_rules_with_dates_and_problems_naming_commitments(with_assessment,
                                                                         tmp_path):
    path = tender_file(tmp_path)
    done = run_cli("tender", "check", str(path), data_dir=with_assessment)
    assert done.returncode == 0, done.stderr
    assert "National Procurement Policy Statement [official source, as of 2026-12-01]" in \
        done.stdout
    assert "Check with the buyer: whether this buyer uses the Social Value Model" in done.stdout
    assert f"{path}: no-owner k2: Commitment k2 has no owner" in done.stdout
    assert "5 problem(s) found." in done.stdout


def test_check_json_shape_and_exit_0_with_problems(with_assessment, tmp_path):
    done = run_cli("tender", "check", str(tender_file(tmp_path)), "--json",
                   data_dir=with_assessment)
    assert done.returncode == 0
    result = json.loads(done.stdout)
    assert set(result) == {"rules", "problems"}
    assert all(set(p) == {"commitment", "kind", "message"} for p in result["problems"])
    assert [p["kind"] for p in result["problems"]] == [
        "not-measurable", "no-owner", "outside-contract", "unsupported", "disproportionate"]


def test_check_says_when_the_assessment_does_not_exist(data_dir, tmp_path):
    done = run_cli("tender", "check", str(tender_file(tmp_path)), "--json", data_dir=data_dir)
    assert done.returncode == 0
    problems = json.loads(done.stdout)["problems"]
    assert problems[0]["kind"] == "invalid"
    assert "'01EXAMPLE0000000000000000' does not exist" in problems[0]["message"]


@pytest.mark.parametrize(("text", "words"), [
    ("schema_version = 1\n[tender]\nid = 'T1'\nvalue = '450k'\n", ":4: " "|(line 4)"),
    ("schema_version = 1\n[tender\n", "not valid TOML"),
    ("", "it is empty"),
])
def test_check_on_an_unreadable_file_is_one_line_exit_1_and_changes_nothing(data_dir, tmp_path,
                                                                             text, words):
    path = tender_file(tmp_path, text or " ")
    if not text:
        path.write_bytes(b"")
    before = path.read_bytes()
    done = run_cli("tender", "check", str(path), data_dir=data_dir)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and str(path) in done.stderr
    assert "Traceback" not in done.stderr
    assert any(w in done.stderr for w in words.split("|"))
    assert path.read_bytes() == before


def test_a_corrupt_tender_in_the_data_folder_is_set_aside(data_dir):
    folder = data_dir / "tenders"
    folder.mkdir(parents=True)
    (folder / "T1.toml").write_text("schema_version = 1\n[tender\n", encoding="utf-8")
    done = run_cli("tender", "check", "T1", data_dir=data_dir)
    assert done.returncode == 1 and "set aside" in done.stderr
    [aside] = folder.glob("T1.toml.corrupt-*")
    assert aside.read_text(encoding="utf-8") == "schema_version = 1\n[tender\n"


@pytest.mark.parametrize("fmt", ["html", "md", "text"])
def test_hostile_text_in_every_field_is_inert_in_every_format(with_assessment, tmp_path, fmt):
    text = worked_example()[0]
    for key in ("title", "buyer", "what", "measure", "owner", "evidence", "baseline", "target",
                "frequency", "report_to"):
        text = text.replace(f'\n{key} = "', f'\n{key} = "{HOSTILE} ', 1)
    text = text.replace('text = "', f'text = "{HOSTILE} ')
    path = tender_file(tmp_path, text)
    out = tmp_path / f"annex.{fmt}"
    done = run_cli("tender", "export", str(path), "--format", fmt, "-o", str(out),
                   data_dir=with_assessment)
    assert done.returncode == 0, done.stderr
    content = out.read_text(encoding="utf-8")
    assert "\x1b" not in content and "\x07" not in content and "\u202e" not in content
    if fmt == "html":
        assert "<script" not in content and "<b>" not in content
        assert "&lt;script&gt;" in content
        assert 'href="javascript' not in content
    elif fmt == "md":
        page = rendered_markdown(content)
        assert "script" not in page.tags and "b" not in page.tags
        assert not any(h.startswith("javascript") for h in page.hrefs)
        assert "<script>alert(1)</script> [@click=app.quit]x[/]" in page.text
        assert "**bold** <b>b</b>" in page.text
    else:
        assert "<script>alert(1)</script>" in content       # plain text keeps it, literally
    assert content.count("Community transport") >= 1


def test_export_writes_every_part_and_never_replaces_without_force(with_assessment, tmp_path):
    path = tender_file(tmp_path)
    out = tmp_path / "annex.md"
    done = run_cli("tender", "export", str(path), "--format", "md", "-o", str(out),
                   data_dir=with_assessment)
    assert done.returncode == 0, done.stderr
    content = out.read_text(encoding="utf-8")
    for heading in ("## Commitments", "## Delivery timeline", "## Monitoring and reporting",
                    "## Method statement outline"):
        assert heading in content
    page = rendered_markdown(content)
    assert "[to add: owner]" in page.text and "of 1000 words" in page.text
    again = run_cli("tender", "export", str(path), "--format", "md", "-o", str(out),
                    data_dir=with_assessment)
    assert again.returncode == 1 and "--force" in again.stderr


@pytest.mark.parametrize("args", [["tender", "check", "{path}", "--json"],
                                  ["tender", "export", "{path}", "--format", "text", "-o", "-"],
                                  ["tender", "list"]])
def test_tender_commands_never_import_textual(with_assessment, tmp_path, args):
    path = str(tender_file(tmp_path))
    args = [a.replace("{path}", path) for a in args]
    stderr = textual_loaded_by(with_assessment, *args)
    assert "TEXTUAL: [] EXIT: 0" in stderr, stderr


def test_an_assessment_id_that_is_a_path_is_never_followed(with_assessment, tmp_path):
    text = worked_example()[0].replace('assessment = "01EXAMPLE0000000000000000"',
                                       'assessment = "../assessments/01EXAMPLE0000000000000000"')
    done = run_cli("tender", "check", str(tender_file(tmp_path, text)), "--json",
                   data_dir=with_assessment)
    assert done.returncode == 0
    problems = json.loads(done.stdout)["problems"]
    assert "is not an assessment id" in problems[0]["message"]
