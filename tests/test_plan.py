"""The action plan: accepting, dismissing, own actions; saved, reloaded and duplicated intact."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svassess.assessment import new_assessment
from svassess.plan import ActionPlan, next_status, parse_due
from svassess.session import EditSession, duplicate
from svassess.store import CorruptFile, Store


def test_accept_dismiss_and_own_actions():
    plan = ActionPlan()
    action = plan.accept("policy-weak", "Learn what the Act asks")
    assert plan.accept("policy-weak", "again") is action      # never twice
    assert plan.decision("policy-weak") == "accepted"
    plan.dismiss("policy-weak")
    assert plan.actions == [] and plan.decision("policy-weak") == "dismissed"
    plan.accept("policy-weak", "Learn what the Act asks")     # changed our mind
    assert plan.dismissed == [] and plan.decision("policy-weak") == "accepted"
    own = plan.add_own("Ask the council about its social value policy")
    assert own.recommendation == "" and plan.action(own.id) is own
    plan.remove(own.id)
    assert plan.action(own.id) is None
    assert plan.decision("other") == ""


def test_status_cycles_and_dates_are_checked():
    assert next_status("not-started") == "in-progress"
    assert next_status("in-progress") == "done"
    assert next_status("done") == "not-started"
    assert parse_due("2027-03-31") == dt.date(2027, 3, 31)
    assert parse_due("  ") is None
    assert parse_due("31/03/2027") == dt.date(2027, 3, 31)
    with pytest.raises(ValueError, match="day/month/year"):
        parse_due("March")


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "data")


def test_plan_round_trips_and_is_documented_in_the_file(store, bank):
    session = EditSession.create(store, bank, "Harbour Kitchen", "")

    def build(plan):
        action = plan.accept("policy-weak", "Learn what the Act asks of buyers")
        action.owner, action.due, action.status = "Sam (CEO)", dt.date(2027, 1, 31), "in-progress"
        plan.add_own("Book a meet-the-buyer event").status = "done"
        plan.dismiss("measure-weak")

    session.change_plan(build)
    session.close()
    data = tomllib.loads(store.path_for(session.assessment.id).read_text(encoding="utf-8"))
    assert data["plan"]["dismissed"] == ["measure-weak"]
    first, second = data["plan"]["actions"]
    assert first["recommendation"] == "policy-weak" and first["due"] == dt.date(2027, 1, 31)
    assert first["owner"] == "Sam (CEO)" and first["status"] == "in-progress"
    assert "recommendation" not in second and second["status"] == "done"
    back = store.read(store.path_for(session.assessment.id)).assessment
    assert back.plan == session.assessment.plan


def test_a_duplicate_carries_the_plan_forward(store, bank):
    a = new_assessment(bank, "2026")
    a.plan.accept("policy-weak", "Learn the Act").owner = "Priya"
    store.save(a, None)
    copy = duplicate(store, a, "2027")
    copy.plan.actions[0].status = "done"
    assert a.plan.actions[0].status == "not-started"            # a real copy
    assert store.read(store.path_for(copy.id)).assessment.plan.actions[0].owner == "Priya"


def test_unknown_keys_in_the_plan_survive(store, bank):
    a = new_assessment(bank, "2026")
    a.plan.add_own("Own action")
    store.save(a, None)
    path = store.path_for(a.id)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    data["plan"]["actions"][0]["cost"] = 250
    data["plan"]["review"] = "quarterly"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    stored = store.read(path)
    store.save(stored.assessment, stored.digest)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["plan"]["actions"][0]["cost"] == 250
    assert data["plan"]["review"] == "quarterly"


@pytest.mark.parametrize("plan", [
    'plan = "do things"',
    '[plan]\ndismissed = "policy-weak"',
    '[[plan.actions]]\ntitle = "no id"',
    '[[plan.actions]]\nid = "a1"\ntitle = "x"\nstatus = "finished"',
    '[[plan.actions]]\nid = "a1"\ntitle = "x"\ndue = "next week"',
])
def test_a_broken_plan_makes_the_file_corrupt_not_lost(store, bank, plan):
    a = new_assessment(bank, "2026")
    store.save(a, None)
    path = store.path_for(a.id)
    text = path.read_text(encoding="utf-8")
    if plan.startswith("plan ="):
        text = plan + "\n" + text
    else:
        text += "\n" + plan + "\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CorruptFile) as caught:
        store.read(path)
    assert caught.value.set_aside.read_text(encoding="utf-8") == text


text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=80)


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(titles=st.lists(text, max_size=5), owner=text,
       due=st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1))))
def test_any_plan_round_trips(store, bank, titles, owner, due):
    a = new_assessment(bank, "Plan")
    for title in titles:
        action = a.plan.add_own(title)
        action.owner, action.due = owner, due
    store.save(a, None)
    assert store.read(store.path_for(a.id)).assessment.plan == a.plan
    store.path_for(a.id).unlink()
