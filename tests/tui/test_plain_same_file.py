"""Plain mode and the app write the same file: the same answers given in each give the same
answers, notes and resume point."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib

from svassess.tui.screens.questionnaire import QuestionnaireScreen
from svassess.tui.screens.results import ResultsScreen
from tests.conftest import TEST_BANKS
from tests.tui.test_flow import start_new, type_text

PLAIN_INPUT = "\n".join([
    "2",                       # Wales
    "n", "Board minutes, March",   # a note on the Act question, then its answer
    "3",                       # Well
    "2",                       # knows the Welsh duty
    "Read the guidance",       # the text question
    "1 3",                     # two tools
    "4",                       # confidence: the last question
]) + "\n"


def what_matters(folder) -> dict:
    (path,) = (folder / "assessments").glob("*.toml")
    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    meta = saved["assessment"]
    return {
        "assessment": {key: meta.get(key) for key in
                       ("name", "organisation", "bank", "bank_version", "current")},
        "answers": {qid: (a.get("value"), a.get("note", ""))
                    for qid, a in saved.get("answers", {}).items()},
    }


async def test_a_questionnaire_answered_in_plain_mode_and_in_the_app_gives_the_same_file(
        tmp_path, make_app, location):
    plain_dir = tmp_path / "plain"
    shutil.copytree(TEST_BANKS, plain_dir / "banks")
    done = subprocess.run(
        [sys.executable, "-m", "svassess", "--data-dir", str(plain_dir), "answer", "--new",
         "Harbour Kitchen", "--organisation", "Harbour CIC", "--bank", "test-bank"],
        input=PLAIN_INPUT, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    plain = what_matters(plain_dir)

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_new(pilot, "Harbour Kitchen", "Harbour CIC")
        assert isinstance(app.screen, QuestionnaireScreen)
        await pilot.press("2")                          # Wales
        await pilot.press("3")                          # Well
        await pilot.press("left")                       # back, to add the note
        await type_text(pilot, "Board minutes, March")  # typing starts the note
        await pilot.press("enter")
        await pilot.press("2")                          # knows the Welsh duty
        await type_text(pilot, "Read the guidance")     # typing starts the text answer
        await pilot.press("escape", "right")
        await pilot.press("1", "3", "right")
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
    in_app = what_matters(location.path)

    assert plain == in_app
    assert plain["answers"] == {
        "context.nation": ("wales", ""),
        "policy.act": ("yes", "Board minutes, March"),
        "policy.wales": ("yes", ""),
        "policy.wales-detail": ("Read the guidance", ""),
        "measure.tools": (["toc", "report"], ""),
        "measure.confidence": (4, ""),
    }
    assert plain["assessment"]["current"] == "measure.confidence"
