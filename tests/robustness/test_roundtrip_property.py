"""Property: any sequence of answer / change / clear / note / rename / save / reload, with any
unicode at all (controls and lone surrogates included), leaves on disk exactly the assessment
in memory, and both match a simple model of what was typed (controls removed)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from svassess.bank import Question
from svassess.bank_loader import load_bank, load_resources
from svassess.session import EditSession
from svassess.store import Store
from svassess.text import clean_text
from tests.conftest import TEST_BANKS

BANK = load_bank(TEST_BANKS / "test-bank.toml", load_resources(TEST_BANKS / "resources.toml"))

# Every code point, surrogates included: whatever a terminal, a paste or a file may hand over.
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=40)


def values_for(question: Question) -> st.SearchStrategy:
    if question.kind == "single":
        return st.sampled_from([o.value for o in question.options])
    if question.kind == "multi":
        return st.lists(st.sampled_from([o.value for o in question.options]), min_size=1,
                        unique=True)
    if question.kind == "scale":
        return st.integers(question.scale.min, question.scale.max)
    return ANY_TEXT


def expected_value(value):
    return clean_text(value) if isinstance(value, str) else value


class EditingSession(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="svassess-prop-"))
        self.store = Store(self.folder / "data")
        self.session = EditSession.create(self.store, BANK, "Harbour Kitchen", "")
        self.path = self.store.path_for(self.session.assessment.id)
        self.model: dict[str, tuple[object, str]] = {}
        self.name, self.organisation = "Harbour Kitchen", ""

    def teardown(self):
        self.session.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    @rule(data=st.data(), question=st.sampled_from(BANK.questions))
    def answer(self, data, question):
        value = data.draw(values_for(question))
        self.session.answer(question, value)
        note = self.model.get(question.id, ("", ""))[1]
        self.model[question.id] = (expected_value(value), note)

    @precondition(lambda self: any(BANK.question(q) for q in self.model))
    @rule(data=st.data())
    def change(self, data):
        question = BANK.question(data.draw(st.sampled_from(sorted(self.model))))
        self.answer(data, question)

    @rule(question=st.sampled_from(BANK.questions))
    def clear(self, question):
        self.session.clear(question.id)
        previous = self.model.pop(question.id, None)
        if previous and previous[1]:
            self.model[question.id] = ("", previous[1])

    @rule(question=st.sampled_from(BANK.questions), note=ANY_TEXT)
    def note(self, question, note):
        self.session.set_note(question.id, note)
        if question.id in self.model and not clean_text(note) \
                and self.model[question.id][0] in ("", []):
            del self.model[question.id]             # an empty note on nothing leaves no entry
        elif question.id in self.model:
            self.model[question.id] = (self.model[question.id][0], clean_text(note))
        elif clean_text(note):
            self.model[question.id] = ("", clean_text(note))

    @rule(name=ANY_TEXT, organisation=ANY_TEXT)
    def rename(self, name, organisation):
        self.session.rename(name, organisation)
        self.name, self.organisation = clean_text(name), clean_text(organisation)

    @rule()
    def save(self):
        self.session.save()

    @rule()
    def reload(self):
        """Close and open again, as after quitting and coming back."""
        self.session.close()
        self.session = EditSession.open(self.store, self.store.read(self.path))
        self.check_matches(self.session.assessment)

    def check_matches(self, assessment):
        assert (assessment.name, assessment.organisation) == (self.name, self.organisation)
        answers = {qid: (a.value, a.note) for qid, a in assessment.answers.items()}
        assert answers == self.model

    @invariant()
    def disk_holds_what_is_in_memory(self):
        on_disk = self.store.read(self.path).assessment
        assert on_disk == self.session.assessment
        self.check_matches(on_disk)


EditingSession.TestCase.settings = settings(
    max_examples=75, stateful_step_count=15, deadline=None,
    suppress_health_check=[HealthCheck.too_slow])
test_any_sequence_of_edits_round_trips = EditingSession.TestCase
