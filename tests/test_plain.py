"""Plain mode (`svassess answer`): answers as lines, saved as given; piped input; the full-screen
app refusing to draw where it cannot be read. The terminal itself is tested in test_plain_pty.py."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import tomllib

import pytest

from svassess.assessment import new_assessment
from svassess.plain_mode import Lines, PlainQuestionnaire, summary_text, why_not_full_screen
from svassess.session import EditSession
from svassess.store import Store
from svassess.walk import next_after_answer
from tests.conftest import TEST_BANKS, run_cli

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def piped(*args: str, data_dir, text: str, env: dict[str, str] | None = None):
    """`svassess ARGS` with `text` piped into it, as a facilitator would type back worksheets."""
    return subprocess.run([sys.executable, "-m", "svassess", "--data-dir", str(data_dir), *args],
                          input=text, capture_output=True, text=True, encoding="utf-8",
                          env={**os.environ, **(env or {})}, timeout=120)


def the_file(data_dir) -> dict:
    files = list((data_dir / "assessments").glob("*.toml"))
    assert len(files) == 1, files
    return tomllib.loads(files[0].read_text(encoding="utf-8"))


def fake_lines(typed: list[str], width: int = 80) -> tuple[Lines, io.StringIO]:
    out = io.StringIO()
    queue = list(typed)

    def read(prompt: str) -> str:
        out.write(prompt)
        if not queue:
            raise EOFError
        return queue.pop(0)

    return Lines(out=out, read=read, echo=True, width=lambda: width), out


def test_piped_answers_are_saved_and_the_next_run_resumes_at_the_fourth_question(tmp_path):
    """The issue's own check, with the shipped bank and a fresh data folder."""
    data = tmp_path / "fresh"
    done = piped("answer", "--new", "Plain test", data_dir=data, text="1\n2\n1\nq\n")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert not CONTROL.search(done.stdout)            # no escape or other control characters
    assert max(len(line) for line in done.stdout.splitlines()) <= 80
    saved = the_file(data)
    assert saved["assessment"]["name"] == "Plain test"
    assert saved["answers"]["context.nation"]["value"] == "england"
    assert saved["answers"]["context.buyers"]["value"] == ["nhs"]
    assert saved["answers"]["context.size"]["value"] == "under-100k"
    assert len(saved["answers"]) == 3
    assert saved["assessment"]["current"] == "context.bid-frequency"

    again = piped("answer", "Plain test", data_dir=data, text="")
    assert again.returncode == 0, again.stderr
    assert "Question 4 of 4." in again.stdout
    assert "Question: How often do you bid for public contracts?" in again.stdout
    assert "End of input. Every answer given is saved." in again.stdout
    assert the_file(data)["answers"] == saved["answers"]


def test_piped_input_is_echoed_so_the_transcript_reads_in_order(data_dir):
    done = piped("answer", "--new", "Harbour", "--bank", "test-bank", data_dir=data_dir,
                 text="2\n")
    assert "Answer: 2\n" in done.stdout
    assert done.stdout.index("Answer: 2") < done.stdout.index("Social Value Act")


def test_end_of_input_after_the_last_answer_shows_the_summary_and_exits_0(data_dir):
    done = piped("answer", "--new", "Harbour", "--organisation", "Harbour CIC", "--bank",
                 "test-bank", data_dir=data_dir, text="1\n3\n1 3\n4\n")
    assert done.returncode == 0, done.stderr
    assert "You have reached the end of the questions." in done.stdout
    assert "Overall readiness:" in done.stdout
    assert "█" not in done.stdout and "░" not in done.stdout      # no bars read aloud
    saved = the_file(data_dir)
    assert saved["assessment"]["organisation"] == "Harbour CIC"
    assert saved["answers"]["measure.tools"]["value"] == ["toc", "report"]
    assert saved["answers"]["measure.confidence"]["value"] == 4
    assert saved["assessment"]["current"] == "measure.confidence"


@pytest.mark.parametrize("args, phrase", [
    ([], "name the assessment"),
    (["Harbour", "--new", "Other"], "name the assessment"),
    (["Harbour", "--bank", "test-bank"], "go with --new"),
    (["--new", "  "], "--new needs a name"),
])
def test_bad_usage_exits_2_with_one_message(data_dir, args, phrase):
    done = piped("answer", *args, data_dir=data_dir, text="")
    assert done.returncode == 2
    assert phrase in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("args, phrase", [
    (["Nobody"], "No assessment named 'Nobody'"),
    (["--new", "X", "--bank", "nope"], "There is no question bank 'nope'"),
    (["--new", "Harbour"], "already in"),
])
def test_bad_names_are_one_clear_line_and_change_nothing(data_dir, bank, args, phrase):
    a = new_assessment(bank, "Harbour")
    Store(data_dir).save(a, None)
    before = Store(data_dir).path_for(a.id).read_bytes()
    done = piped("answer", *args, data_dir=data_dir, text="1\n")
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and phrase in lines[0], done.stderr
    assert list((data_dir / "assessments").glob("*.toml")) == [Store(data_dir).path_for(a.id)]
    assert Store(data_dir).path_for(a.id).read_bytes() == before


def test_a_file_outside_the_data_folder_is_imported_first(data_dir, bank, tmp_path):
    a = new_assessment(bank, "Harbour")
    outside = tmp_path / "elsewhere.toml"
    Store(tmp_path / "other").save(a, None)
    outside.write_bytes(Store(tmp_path / "other").path_for(a.id).read_bytes())
    done = piped("answer", str(outside), data_dir=data_dir, text="1\n")
    assert done.returncode == 1 and "svassess import" in done.stderr
    assert outside.read_bytes() == Store(tmp_path / "other").path_for(a.id).read_bytes()


@pytest.mark.parametrize("env, args, phrase", [
    ({"TERM": "dumb"}, [], "svassess answer --new NAME"),
    ({"TERM": "xterm-256color"}, [], "output is not a terminal"),
    ({"TERM": "dumb"}, ["open", "Harbour"], "svassess answer Harbour"),
])
def test_the_app_says_plain_mode_exists_where_it_cannot_draw(data_dir, bank, env, args, phrase):
    Store(data_dir).save(new_assessment(bank, "Harbour"), None)
    done = run_cli(*args, data_dir=data_dir, env=env)
    assert done.returncode == 1
    assert done.stdout == "" and not CONTROL.search(done.stderr.replace("\n", ""))
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and phrase in lines[0], done.stderr


def test_why_not_full_screen_checks_term_and_both_ends():
    class Tty(io.StringIO):
        def __init__(self, tty: bool):
            super().__init__()
            self.tty = tty

        def isatty(self) -> bool:
            return self.tty

    yes, no = Tty(True), Tty(False)
    assert why_not_full_screen({"TERM": "xterm"}, yes, yes) is None
    assert "TERM=dumb" in why_not_full_screen({"TERM": "dumb"}, yes, yes)
    assert "output" in why_not_full_screen({"TERM": "xterm"}, yes, no)
    assert "input" in why_not_full_screen({"TERM": "xterm"}, no, yes)
    web = {"TERM": "dumb", "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"}
    assert why_not_full_screen(web, no, no) is None      # a browser seat of `svassess serve`


# --- in-process: what a line means ---------------------------------------------------------

def run_plain(store, bank, typed, width=80):
    session = EditSession.create(store, bank, "Harbour", "")
    lines, out = fake_lines(typed, width)
    code = PlainQuestionnaire(session, bank, lines).run()
    return code, out.getvalue(), store.read(store.path_for(session.assessment.id)).assessment


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "data")


def test_every_kind_of_bad_line_gets_one_sentence_and_the_question_again(store, bank):
    code, out, saved = run_plain(store, bank, ["", "abc", "0", "3", "1 2", "1"])
    assert code == 0
    assert "Nothing was typed; type a number from 1 to 2" in out
    assert "'abc' is not an answer here; type a number from 1 to 2" in out
    assert "There is no answer 0 here" in out and "There is no answer 3 here" in out
    assert "This question takes one answer" in out
    assert out.count("Question: Where do you mostly work?") == 6
    assert out.count("About this section: A few questions") == 1   # read once, on arrival
    assert "Traceback" not in out
    assert saved.answers["context.nation"].value == "england"


def test_an_exclusive_option_goes_alone(store, tmp_path):
    from svassess.bank_loader import load_bank, load_resources

    text = (TEST_BANKS / "test-bank.toml").read_text(encoding="utf-8").replace(
        '{ value = "report", label = "An impact report", score = 2 },',
        '{ value = "report", label = "An impact report", score = 2 },\n'
        '  { value = "none", label = "None of these", score = 0, exclusive = true },')
    (tmp_path / "exclusive.toml").write_text(text, encoding="utf-8")
    bank = load_bank(tmp_path / "exclusive.toml", load_resources(TEST_BANKS / "resources.toml"))
    code, out, saved = run_plain(store, bank, ["1", "1", "1 4", "4"])
    assert '"None of these" (number 4) cannot be chosen with other answers' in out
    assert saved.answers["measure.tools"].value == ["none"]


def test_a_text_answer_is_the_line_and_a_blank_line_is_not_an_answer(store, bank):
    code, out, saved = run_plain(store, bank, ["2", "3", "2", "  ", "Read the guidance, twice"])
    assert "Nothing was typed; type your answer, or s to skip" in out
    assert saved.answers["policy.wales-detail"].value == "Read the guidance, twice"
    assert saved.current == "measure.tools"


def test_answering_goes_where_the_answer_leads(bank):
    """Wales reveals the Welsh questions: the next question is worked out with the answer."""
    a = new_assessment(bank, "Harbour")
    nation = bank.question("context.nation")
    assert next_after_answer(bank, a, nation, "england").id == "policy.act"
    a.answer(nation, "wales")
    act = bank.question("policy.act")
    assert next_after_answer(bank, a, act, "yes").id == "policy.wales"
    assert next_after_answer(bank, a, bank.question("policy.wales"), "yes").id == \
        "policy.wales-detail"
    assert "policy.act" not in a.answers                   # only tried on a copy


def test_lines_never_exceed_a_narrow_terminal(store, bank):
    code, out, _ = run_plain(store, bank, ["2", "r", "l", "", "q"], width=40)
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 40


def test_bank_text_is_shown_literally_and_typed_controls_are_removed(store, tmp_path):
    from svassess.bank_loader import load_bank, load_resources

    text = (TEST_BANKS / "test-bank.toml").read_text(encoding="utf-8").replace(
        'prompt = "Where do you mostly work?"',
        'prompt = "Where do you [bold]work[/] [@click=app.quit]?"')
    (tmp_path / "hostile.toml").write_text(text, encoding="utf-8")
    bank = load_bank(tmp_path / "hostile.toml", load_resources(TEST_BANKS / "resources.toml"))
    code, out, saved = run_plain(store, bank, ["1", "n", "proof\x1b[31m here", "q"])
    assert not CONTROL.search(out.replace("\n", ""))
    assert "Question: Where do you [bold]work[/] [@click=app.quit]?" in out
    assert saved.answers["policy.act"].note == "proof[31m here"


def test_the_summary_is_the_report_as_plain_text(bank):
    a = new_assessment(bank, "Harbour")
    a.answer(bank.question("policy.act"), "yes")
    text = summary_text(bank, a)
    assert "Overall readiness:" in text and "(provisional)" in text
    assert text.index("At a glance") < text.index("Sections")     # the summary comes first
    assert not CONTROL.search(text.replace("\n", ""))
    assert "█" not in text and "░" not in text


def test_at_the_end_an_empty_or_unknown_line_says_what_can_be_typed(store, bank):
    code, out, saved = run_plain(store, bank, ["1", "1", "1", "3", "", "zz", "q"])
    assert code == 0
    assert "Every question is answered." in out
    assert "Nothing was typed; type b, l or q." in out
    assert "'zz' is not one of the choices here; type b, l or q." in out
    assert saved.current == "measure.confidence"


def test_a_long_choice_wraps_under_its_own_words():
    from svassess.plain_mode import wrapped

    lines = wrapped("3. We know contracts now go to the most advantageous tender and that buyers "
                    "must consider public benefit", 40)
    assert lines[0].startswith("3. We know")
    assert all(line.startswith("   ") and not line.startswith("    ") for line in lines[1:])
    assert all(len(line) <= 40 for line in lines)


def test_a_control_character_in_a_message_is_shown_as_an_escape():
    lines, out = fake_lines([])
    lines.say("Could not save /tmp/a\x1b]0;x\x07b.toml: the disk is full.")
    assert out.getvalue() == "Could not save /tmp/a\\x1b]0;x\\x07b.toml: the disk is full.\n"
