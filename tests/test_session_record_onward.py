"""EditSession.record asks where to go only once the answer is in place, and still saves once."""

from __future__ import annotations

import tomllib

from svassess.session import EditSession
from svassess.store import Store
from svassess.walk import Walk


def test_where_to_go_is_worked_out_after_the_answer_and_saved_with_it(tmp_path, bank,
                                                                       monkeypatch):
    store = Store(tmp_path / "data")
    session = EditSession.create(store, bank, "Valley Transport", "")
    walk = Walk(bank, session.assessment)
    saves = []
    real_save = Store.save
    monkeypatch.setattr(Store, "save", lambda self, a, d: saves.append(1) or real_save(self, a, d))
    wales = bank.question("policy.wales")
    session.record(bank.question("context.nation"), "wales", None)
    assert walk.onward(wales).question is bank.question("measure.tools")
    target = session.record(wales, "yes", lambda: walk.onward(wales).question)
    assert target is bank.question("policy.wales-detail")   # asked because of this answer
    assert len(saves) == 2
    disk = tomllib.loads(store.path_for(session.assessment.id).read_text(encoding="utf-8"))
    assert disk["assessment"]["current"] == "policy.wales-detail"
    session.close()
