"""The team view: several people's assessments of one organisation side by side, and the joint
assessment agreed from them."""

from __future__ import annotations

import hashlib
import json

import pytest

from svassess.assessment import new_assessment
from svassess.store import encode, read_assessment
from svassess.team import (
    AGREED,
    CAUTIOUS,
    CLOSE,
    DIFFER,
    FIRST,
    PARTLY,
    PICKED,
    TeamError,
    build_team,
    joint_assessment,
    parse_picks,
    render_text,
    team_json,
)
from tests.conftest import run_cli, textual_loaded_by

ORGANISATION = "Harbour Kitchen"


def person(bank, name, answers, notes=None, organisation=ORGANISATION):
    a = new_assessment(bank, name, organisation)
    for qid, value in answers.items():
        a.answer(bank.question(qid), value)
    for qid, note in (notes or {}).items():
        a.set_note(qid, note)
    return a


@pytest.fixture
def three(bank):
    """Known disagreements: policy.act (yes / partly / not sure), measure.tools (two ticks /
    two / one), measure.confidence (4 / 2 / 3); everyone agrees on context.nation."""
    return [
        person(bank, "Ana", {"context.nation": "england", "policy.act": "yes",
                             "measure.tools": ["toc", "data"], "measure.confidence": 4},
               {"policy.act": "We read it in 2025"}),
        person(bank, "Ben", {"context.nation": "england", "policy.act": "partly",
                             "measure.tools": ["data", "toc"], "measure.confidence": 2},
               {"policy.act": "Only the summary"}),
        person(bank, "Cat", {"context.nation": "england", "policy.act": "not-sure",
                             "measure.tools": ["toc"], "measure.confidence": 3}),
    ]


def test_finds_exactly_the_known_disagreements(bank, three):
    team = build_team(bank, three)
    assert {v.question.id: v.cautious for v in team.disagreements} == {
        "policy.act": 1, "measure.tools": 2, "measure.confidence": 1}
    assert [v.question.id for v in team.agreed] == ["context.nation"]
    assert team.unsure_counts() == [0, 0, 1]
    assert [p.label for p in team.people] == ["Person 1", "Person 2", "Person 3"]
    text = render_text(team)
    assert "Where answers differ (3)" in text and "What everyone agrees on (1)" in text
    assert "Person 2: A little (the more cautious)" in text
    assert "1 of 3 not sure: How well do you know the Social Value Act?" in text
    for name in ("Ana", "Ben", "Cat", ORGANISATION.upper()):
        assert name not in text


def test_one_step_on_a_scale_is_close_not_a_disagreement(bank):
    team = build_team(bank, [
        person(bank, "A", {"measure.confidence": 4}), person(bank, "B", {"measure.confidence": 3})])
    assert team.disagreements == [] and [v.status for v in team.questions
                                          if v.question.id == "measure.confidence"] == [CLOSE]


def test_someone_not_answering_is_partly_agreed_not_agreed(bank):
    team = build_team(bank, [person(bank, "A", {"policy.act": "yes"}), person(bank, "B", {})])
    statuses = {v.question.id: v.status for v in team.questions}
    assert statuses["policy.act"] == PARTLY and AGREED not in statuses.values()
    assert DIFFER not in statuses.values()


def test_named_shows_names(bank, three):
    team = build_team(bank, three, named=True)
    assert [p.label for p in team.people] == ["Ana", "Ben", "Cat"]
    assert team_json(team)["people"][0]["name"] == "Ana"
    assert "name" not in team_json(build_team(bank, three))["people"][0]


def test_joint_takes_agreed_answers_and_the_cautious_default(bank, three):
    team = build_team(bank, three)
    joint, picks = joint_assessment(team, {}, "Our joint view")
    values = {qid: a.value for qid, a in joint.answers.items()}
    assert values == {"context.nation": "england", "policy.act": "partly",
                      "measure.tools": ["toc"], "measure.confidence": 2}
    assert [p.why for p in picks] == [CAUTIOUS] * 3
    assert joint.organisation == ORGANISATION and joint.id not in {a.id for a in three}
    assert joint.answers["policy.act"].note == "We read it in 2025\n\nOnly the summary"
    named, _ = joint_assessment(build_team(bank, three, named=True), {}, "Named")
    assert named.answers["policy.act"].note == "Ana: We read it in 2025\n\nBen: Only the summary"


def test_joint_takes_the_team_pick(bank, three):
    team = build_team(bank, three)
    joint, picks = joint_assessment(team, parse_picks(team, {"policy.act": 1}), "Joint")
    assert joint.answers["policy.act"].value == "yes"
    assert [(p.question.id, p.person) for p in picks if p.why == PICKED] == [("policy.act", 0)]


@pytest.mark.parametrize(("picks", "says"), [
    ({"context.nation": 1}, "not a question where the answers differ"),
    ({"policy.act": 4}, "no person 4"),
    ({"policy.act": 3}, "Person 3 gave no answer"),
])
def test_bad_picks_are_refused(bank, three, picks, says):
    with pytest.raises(TeamError, match=says):
        parse_picks(build_team(bank, three), picks)


def test_joint_leaves_out_answers_its_answers_hide(bank):
    wales = {"context.nation": "wales", "policy.wales": "yes",
             "policy.wales-detail": "We follow the duty"}
    team = build_team(bank, [person(bank, "A", {"context.nation": "england"}),
                             person(bank, "B", wales)])
    assert team.disagreements[0].cautious is None       # unscored: neither is more cautious
    joint, picks = joint_assessment(team, {}, "Joint")
    assert joint.answers["context.nation"].value == "england"        # the first answer given
    assert [(p.question.id, p.why) for p in picks] == [("context.nation", FIRST)]
    assert "policy.wales" not in joint.answers and "policy.wales-detail" not in joint.answers


def test_refuses_different_organisations_unless_any(bank):
    team = [person(bank, "A", {}), person(bank, "B", {}, organisation="Green Routes")]
    with pytest.raises(TeamError, match="different organisations.*--any"):
        build_team(bank, team)
    assert len(build_team(bank, team, any_organisation=True).people) == 2


def test_refuses_other_banks_one_person_and_repeats(bank):
    other = person(bank, "B", {})
    other.bank = "another-bank"
    with pytest.raises(TeamError, match="different question banks"):
        build_team(bank, [person(bank, "A", {}), other])
    with pytest.raises(TeamError, match="at least two"):
        build_team(bank, [person(bank, "A", {})])
    a = person(bank, "A", {})
    with pytest.raises(TeamError, match="named twice"):
        build_team(bank, [a, a])


def test_across_bank_versions_scores_compare_shared_questions(bank, three):
    three[0].bank_version = "0.9.0"
    three[0].answers.pop("measure.confidence")
    team = build_team(bank, three)
    assert team.versions == {"0.9.0": 1, "1.0.0": 2}
    # As in the group report: the scored questions answered on every version (act and tools)
    assert team.shared_questions == 2
    assert "scores compare only the 2 scored questions" in " ".join(render_text(team).split())


# --- the command -----------------------------------------------------------------------------


def write(data_dir, assessments):
    folder = data_dir / "assessments"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for a in assessments:
        path = folder / f"{a.id}.toml"
        path.write_bytes(encode(a))
        paths.append(path)
    return paths


def digests(paths):
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]


def test_cli_team_json_and_agree_leaves_sources_unchanged(data_dir, three):
    paths = write(data_dir, three)
    before = digests(paths)
    shown = run_cli("team", "Ana", "Ben", "Cat", "--json", data_dir=data_dir)
    assert shown.returncode == 0, shown.stderr
    view = json.loads(shown.stdout)
    assert {d["question"]: d["cautious"] for d in view["differ"]} == {
        "policy.act": 2, "measure.tools": 3, "measure.confidence": 2}
    agreed = run_cli("team", *map(str, paths), "--agree", "--name", "Board view",
                     "--pick", "measure.confidence=1", data_dir=data_dir)
    assert agreed.returncode == 0, agreed.stderr
    assert "Saved the joint assessment 'Board view'" in agreed.stdout
    assert "(Person 1's, the team's pick)" in agreed.stdout
    assert "(Person 2's, the more cautious answer)" in agreed.stdout
    assert digests(paths) == before
    made = [p for p in (data_dir / "assessments").glob("*.toml") if p not in paths]
    assert len(made) == 1
    joint = read_assessment(made[0]).assessment            # a valid file, read back
    assert joint.name == "Board view" and joint.bank == "test-bank"
    assert {qid: a.value for qid, a in joint.answers.items()} == {
        "context.nation": "england", "policy.act": "partly", "measure.tools": ["toc"],
        "measure.confidence": 4}
    listed = run_cli("show", "Board view", "--json", data_dir=data_dir)
    assert listed.returncode == 0 and json.loads(listed.stdout)["name"] == "Board view"


def test_cli_folders_are_teams_too(data_dir, bank, tmp_path, three):
    for number, a in enumerate(three):
        write(tmp_path / f"seat{number}", [a])
    done = run_cli("team", *(str(tmp_path / f"seat{n}") for n in range(3)), data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    assert "Where answers differ (3)" in done.stdout


@pytest.mark.parametrize(("args", "says"), [
    (["--pick", "policy.act=2"], "go with --agree"),
    (["--agree", "--pick", "policy.act"], "is not QUESTION=PERSON"),
    (["--agree", "--pick", "context.nation=1"], "not a question where the answers differ"),
])
def test_cli_bad_picks_say_so_and_save_nothing(data_dir, three, args, says):
    paths = write(data_dir, three)
    done = run_cli("team", "Ana", "Ben", "Cat", *args, data_dir=data_dir)
    assert done.returncode == 1 and says in done.stderr and "Traceback" not in done.stderr
    assert sorted((data_dir / "assessments").glob("*.toml")) == sorted(paths)


def test_cli_other_organisation_refused_then_any(data_dir, bank, three):
    three[2].organisation = "Green Routes"
    paths = write(data_dir, three)
    refused = run_cli("team", "Ana", "Ben", "Cat", data_dir=data_dir)
    assert refused.returncode == 1
    assert "different organisations (green routes, harbour kitchen)" in refused.stderr
    assert "--any" in refused.stderr
    assert run_cli("team", *map(str, paths), "--any", data_dir=data_dir).returncode == 0


def test_cli_other_bank_refused_or_left_out_with_any(data_dir, bank, three):
    three[2].bank = "another-bank"
    write(data_dir, three)
    refused = run_cli("team", "Ana", "Ben", "Cat", data_dir=data_dir)
    assert refused.returncode == 1 and "different question banks" in refused.stderr
    anyway = run_cli("team", "Ana", "Ben", "Cat", "--any", data_dir=data_dir)
    assert anyway.returncode == 0, anyway.stderr
    assert "left out: 'Cat'" in anyway.stderr and "2 people's assessments" in anyway.stdout


def test_team_never_imports_textual(data_dir, three):
    write(data_dir, three)
    stderr = textual_loaded_by(data_dir, "team", "Ana", "Ben")
    assert "TEXTUAL: [] EXIT: 0" in stderr, stderr
