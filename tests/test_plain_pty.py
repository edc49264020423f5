"""Plain mode typed at a real terminal (a pseudo-terminal driven by pexpect): every command,
Ctrl+C and Ctrl+D at every prompt, an assessment open elsewhere, and a full disk."""

from __future__ import annotations

import io
import os
import re
import signal
import sys
import tomllib
from pathlib import Path

import pexpect
import pytest

from svassess.assessment import new_assessment
from svassess.store import Store

REPO = Path(__file__).resolve().parent.parent
ESCAPES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters other than tab, CR and LF (a terminal ends lines with CR LF)."""


def _ctrl_c_interrupts() -> None:
    """In the child: Ctrl+C interrupts, as at a user's terminal. A test run started in the
    background of a shell without job control ignores SIGINT, and children inherit that."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Typed:
    """A running svassess at a terminal, and everything it printed."""

    def __init__(self, data_dir, *args, module="svassess", before=(), width=80):
        self.log = io.StringIO()
        self.child = pexpect.spawn(
            sys.executable, ["-m", module, *before, "--data-dir", str(data_dir), *args],
            env={**os.environ, "TERM": "dumb", "COLUMNS": str(width), "LINES": "24"},
            encoding="utf-8", dimensions=(24, width),
            cwd=str(REPO), timeout=60, preexec_fn=_ctrl_c_interrupts)
        self.child.logfile_read = self.log

    def see(self, *texts: str) -> None:
        for text in texts:
            self.child.expect_exact(text)

    def type(self, line: str, then: str | None = "Answer: ") -> None:
        self.child.sendline(line)
        if then:
            self.see(then)

    def ends(self, status: int) -> str:
        self.child.expect(pexpect.EOF)
        self.child.close()
        assert self.child.exitstatus == status, self.log.getvalue()[-2000:]
        out = self.log.getvalue()
        assert not ESCAPES.search(out), "control characters in the output"
        assert "Traceback" not in out
        return out


def the_file(data_dir) -> dict:
    files = list((Path(data_dir) / "assessments").glob("*.toml"))
    assert len(files) == 1
    return tomllib.loads(files[0].read_text(encoding="utf-8"))


def answers(data_dir) -> dict:
    return {qid: a.get("value") for qid, a in the_file(data_dir).get("answers", {}).items()}


def saved(data_dir, bank, answers=None, current="", notes=None):
    a = new_assessment(bank, "Harbour", "Harbour CIC")
    for qid, value in (answers or {}).items():
        a.answer(bank.question(qid), value)
    for qid, note in (notes or {}).items():
        a.set_note(qid, note)
    a.current = current
    store = Store(data_dir)
    store.save(a, None)
    return store.path_for(a.id)


def lock_is_free(data_dir, path) -> bool:
    Store(data_dir).lock(Path(path).stem).release()
    return True


def test_every_command_typed_at_a_terminal(data_dir):
    run = Typed(data_dir, "answer", "--new", "Harbour", "--bank", "test-bank")
    run.see("Section 1 of 3, About you. Question 1 of 1.",
            "Question: Where do you mostly work?", "1. England", "2. Wales",
            "Type 1 to 2, or ? why, b back, s skip, l sections, r results, q quit.", "Answer: ")
    run.type("?", "Why this matters: Rules differ across the UK.")
    run.see("Type 1 to 2, or ? why", "Answer: ")
    run.type("n", "takes no evidence note")
    run.see("Answer: ")
    run.type("b", "This is the first question")
    run.see("Answer: ")
    run.type("2", "Question: How well do you know the Social Value Act?")       # a number
    run.see("Answer: ")
    assert answers(data_dir) == {"context.nation": "wales"}
    assert the_file(data_dir)["assessment"]["current"] == "policy.act"

    run.type("n", "Note: ")                                   # a note before the answer
    run.type("Board minutes, March", "Note saved. This question is not answered yet")
    run.see("Answer: ")
    assert the_file(data_dir)["answers"]["policy.act"]["note"] == "Board minutes, March"
    run.type("3", "Question: Do you know the Welsh procurement duty?")
    run.see("Answer: ")
    run.type("b", "Question: How well do you know the Social Value Act?")
    run.see("3. Well (your answer)", "Your evidence note: Board minutes, March", "Answer: ")
    run.type("s", "Question: Do you know the Welsh procurement duty?")
    run.see("Answer: ")
    assert the_file(data_dir)["assessment"]["current"] == "policy.wales"
    run.type("2", "Question: What have you done about it?")
    run.see("Type the answer, or ? why", "Answer: ")
    run.type("Read the guidance", "Question: Which of these do you have?")    # text
    run.see("More than one may be chosen", "Answer: ")
    run.type("1, 3", "Question: How confident are you in your numbers?")     # several
    run.see("1. 1 - Not at all", "5. 5 - Fully", "Answer: ")
    run.type("l", "1. About you: 1 of 1 answered.")
    run.see("2. Policy: 3 of 3 answered.", "3. Measurement: 1 of 2 answered.", "Section: ")
    run.type("2", "Question: How well do you know the Social Value Act?")
    run.see("Answer: ")
    run.type("r", "Overall readiness:")
    run.see("Recommendations", "Answer: ")
    run.type("q", "To carry on later: svassess --data-dir")
    out = run.ends(0)
    assert f"--data-dir {data_dir} answer Harbour" in " ".join(out.split())

    saved_file = the_file(data_dir)
    assert answers(data_dir) == {"context.nation": "wales", "policy.act": "yes",
                                 "policy.wales": "yes", "policy.wales-detail":
                                 "Read the guidance", "measure.tools": ["toc", "report"]}
    assert saved_file["assessment"]["current"] == "policy.act"
    assert lock_is_free(data_dir, next((data_dir / "assessments").glob("*.toml")))


def test_the_end_shows_the_summary_and_leads_to_the_gaps(data_dir, bank):
    path = saved(data_dir, bank, {"context.nation": "england", "policy.act": "yes"},
                 current="measure.confidence")
    run = Typed(data_dir, "answer", "Harbour")
    run.see("Question: How confident are you in your numbers?", "Answer: ")
    run.type("5", "You have reached the end of the questions.")
    run.see("Overall readiness:", "1 question(s) are not answered yet", "Next: ")
    run.type("x", "'x' is not one of the choices here")
    run.see("Next: ")
    run.type("u", "Question: Which of these do you have?")
    run.see("Answer: ")
    run.type("2", "Every question is answered.")
    run.see("Next: ")
    run.type("b", "Question: How confident are you in your numbers?")
    run.see("5. 5 - Fully (your answer)", "Answer: ")
    run.type("q", None)
    run.ends(0)
    assert answers(data_dir)["measure.tools"] == ["data"]
    assert the_file(data_dir)["assessment"]["current"] == "measure.confidence"
    assert lock_is_free(data_dir, path)


def reach(run: Typed, prompt: str, half_typed: str = "") -> None:
    """From policy.act (England already chosen), get to a prompt, and type part of a line."""
    run.see("Question: How well do you know the Social Value Act?", "Answer: ")
    if prompt == "Note: ":
        run.type("n", "Note: ")
    elif prompt == "Section: ":
        run.type("l", "Section: ")
    elif prompt == "Next: ":
        run.type("1")
        run.type("1")
        run.type("3", "Next: ")
    run.child.send(half_typed)


PROMPTS = ["Answer: ", "Note: ", "Section: ", "Next: "]


@pytest.mark.parametrize("prompt", PROMPTS)
def test_ctrl_c_at_any_prompt_stops_cleanly_keeping_every_answer(data_dir, bank, prompt):
    path = saved(data_dir, bank, {"context.nation": "england"}, current="policy.act")
    run = Typed(data_dir, "answer", "Harbour")
    reach(run, prompt, half_typed="half a line, not yet ente")
    before = answers(data_dir)
    run.child.sendintr()
    run.see("Stopped (Ctrl+C). Every answer given is saved.")
    run.ends(130)
    assert answers(data_dir) == before and "context.nation" in before
    assert lock_is_free(data_dir, path)


@pytest.mark.parametrize("prompt", PROMPTS)
def test_ctrl_d_at_any_prompt_ends_the_input_keeping_every_answer(data_dir, bank, prompt):
    path = saved(data_dir, bank, {"context.nation": "england"}, current="policy.act")
    run = Typed(data_dir, "answer", "Harbour")
    reach(run, prompt)
    before = answers(data_dir)
    run.child.sendeof()
    run.see("End of input. Every answer given is saved.")
    run.ends(0)
    assert answers(data_dir) == before
    assert lock_is_free(data_dir, path)


@pytest.mark.parametrize("how", ["r", "q", "ctrl+c", "ctrl+d"])
def test_an_assessment_open_elsewhere_is_offered_read_only(data_dir, bank, how):
    path = saved(data_dir, bank, {"context.nation": "england", "policy.act": "yes"})
    before = path.read_bytes()
    with Store(data_dir).lock(path.stem):                  # open in another svassess
        run = Typed(data_dir, "answer", "Harbour", width=400)    # the path is long
        run.see("is open in another svassess; close it there first.",
                "It can be read here but not changed.", "Type r to read its results", "Choice: ")
        run.type("maybe", "Type r or q.")
        run.see("Choice: ")
        if how == "ctrl+c":
            run.child.sendintr()
        elif how == "ctrl+d":
            run.child.sendeof()
        else:
            run.child.sendline(how)
        if how == "r":
            run.see("Overall readiness:", "1. Write a theory of change")
        out = run.ends(1)
    assert "Question:" not in out
    assert path.read_bytes() == before


def full_disk(data_dir, tmp_path, *args):
    flag = tmp_path / "disk-is-full"
    run = Typed(data_dir, *args, module="tests.robustness.full_disk_svassess",
                before=(str(flag),), width=400)
    return run, flag


def test_a_full_disk_says_so_keeps_the_answer_and_saves_it_once_there_is_room(data_dir, bank,
                                                                            tmp_path):
    path = saved(data_dir, bank, current="context.nation")
    before = path.read_bytes()
    run, flag = full_disk(data_dir, tmp_path, "answer", "Harbour")
    run.see("Question: Where do you mostly work?", "Answer: ")
    flag.touch()
    run.type("2", "Not saved: Could not save")
    run.see("Question: Where do you mostly work?", "2. Wales (your answer)", "Answer: ")
    said = " ".join(run.log.getvalue().split())             # as read, whatever the wrapping
    assert "the disk is full" in said and "The previous version is unchanged." in said
    assert "Your answer is kept here and will be saved with the next change" in said
    assert path.read_bytes() == before
    flag.unlink()
    run.type("2", "Question: How well do you know the Social Value Act?")
    run.see("Answer: ")
    assert answers(data_dir) == {"context.nation": "wales"}
    run.type("q", None)
    run.ends(0)


@pytest.mark.parametrize("way", ["try-again", "copy", "discard", "ctrl+d"])
def test_quitting_with_answers_not_saved_offers_a_retry_or_a_copy(data_dir, bank, tmp_path,
                                                                  way):
    path = saved(data_dir, bank, current="context.nation")
    before = path.read_bytes()
    run, flag = full_disk(data_dir, tmp_path, "answer", "Harbour")
    run.see("Answer: ")
    flag.touch()
    run.type("2", "Not saved:")
    run.see("Answer: ")
    run.type("q", "Your latest answers are not saved: Could not save")
    run.see("Type t to try saving again", "Unsaved: ")
    run.type("t", "Still not saved: ")
    run.see("Unsaved: ")
    if way == "try-again":
        flag.unlink()
        run.type("t", "Saved. Every answer given is saved.")
        run.ends(0)
        assert answers(data_dir) == {"context.nation": "wales"}
        return
    if way == "copy":
        elsewhere = tmp_path / "stick"
        elsewhere.mkdir()
        run.type(f"c {tmp_path / 'missing'}", "there is no such folder")
        run.see("Unsaved: ")
        run.type(f"c {elsewhere}", "A copy with every answer is saved as")
        run.ends(1)
        (copy,) = elsewhere.glob("*.toml")
        assert tomllib.loads(copy.read_text(encoding="utf-8"))["answers"][
            "context.nation"]["value"] == "wales"
    elif way == "discard":
        run.type("d", "Left without saving the latest answers")
        run.ends(1)
    else:
        run.child.sendeof()
        run.ends(1)
    assert path.read_bytes() == before


@pytest.mark.parametrize("args", [[], ["open", "Harbour"]])
def test_the_app_at_a_dumb_terminal_points_to_plain_mode_instead_of_drawing(data_dir, bank,
                                                                             args):
    saved(data_dir, bank)
    run = Typed(data_dir, *args, width=400)
    run.see("This terminal (TERM=dumb) cannot show the full-screen app; answer the questions "
            "line by line instead:")
    out = run.ends(1)                          # no escape sequences: nothing was drawn
    assert ("`svassess answer Harbour` carries it on" in out) == bool(args)
