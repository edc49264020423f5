"""An assessment open for editing: it holds the assessment's lock and saves every change at once.

The TUI calls these methods and shows what they raise; it never writes files itself. The
questionnaire asks for its saves to be written in the background (`write_in_background`): each
answer is then written by one writer thread, in order, the latest state winning, and it learns
when they are on disk (or failed) from a callback.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from svassess.assessment import Answer, AnswerValue, Assessment, new_assessment, new_id, utc_now
from svassess.bank import Bank, Question
from svassess.plan import ActionPlan
from svassess.store import AssessmentLock, Store, Stored, StoreError, save_copy
from svassess.text import clean_text
from svassess.writer import BackgroundWriter


class EditSession:
    def __init__(self, store: Store, assessment: Assessment, digest: str | None,
                 lock: AssessmentLock):
        self.store = store
        self.assessment = assessment
        self.digest = digest
        self._lock: AssessmentLock | None = lock
        self.unsaved: str | None = None
        """Why the last save failed, while changes in memory have not reached the file."""
        self._writer = BackgroundWriter()
        self.in_background = False
        """Answers, notes and the place are written by the writer thread, not by the caller."""

    @classmethod
    def open(cls, store: Store, stored: Stored) -> EditSession:
        """Lock an assessment for editing, then re-read it so we edit what is on disk now.
        Raises Locked when another svassess has it open."""
        lock = store.lock(stored.assessment.id)
        try:
            fresh = store.read(store.path_for(stored.assessment.id))
        except BaseException:
            lock.release()
            raise
        return cls(store, fresh.assessment, fresh.digest, lock)

    @classmethod
    def create(cls, store: Store, bank: Bank, name: str, organisation: str) -> EditSession:
        assessment = new_assessment(bank, name, organisation)
        lock = store.lock(assessment.id)
        session = cls(store, assessment, None, lock)
        try:
            session.save()
        except BaseException:
            session.close()
            raise
        return session

    def save(self) -> None:
        """Write the assessment now (after any save still being written). Raises a StoreError
        saying what went wrong; the changes stay in memory, so the next successful save still
        includes them."""
        self._writer.run_now(self._write_raising)

    def _write_raising(self) -> None:
        try:
            self.digest = self.store.save(self.assessment, self.digest)
        except StoreError as exc:
            self.unsaved = str(exc)
            raise
        self.unsaved = None

    def write_in_background(self, written: Callable[[], None]) -> None:
        """From now on answers, notes and the place are written by the writer thread; `written`
        is called (in that thread) each time the saves asked for are done. Whether they reached
        the disk is `unsaved`."""
        self._writer.stop()                 # a writer asked for before finishes its saves
        self._writer = BackgroundWriter(written)
        self.in_background = True

    def _changed(self) -> None:
        """Save a change of the answers: now, or (in the background) soon."""
        if not self.in_background:
            self.save()
            return
        snapshot, store = copy_of(self.assessment), self.store

        def write() -> None:
            try:
                self.digest = store.save(snapshot, self.digest)
            except StoreError as exc:
                self.unsaved = str(exc)
            except Exception as exc:        # not a disk problem we know: still never "Saved"
                self.unsaved = (f"svassess could not write the file ({type(exc).__name__}: "
                                f"{exc}). Your answers are kept here until you save a copy.")
            else:
                self.unsaved = None

        self._writer.submit(write)

    @property
    def written(self) -> bool:
        """Every save asked for is done (on disk, or failed: see `unsaved`)."""
        return self._writer.idle

    def wait_written(self, timeout: float | None = None) -> bool:
        """Wait until every save asked for is done; False if `timeout` passed first."""
        return self._writer.wait(timeout)

    def save_copy(self, folder: Path) -> Path:
        """Keep the changes that could not be saved: a copy of the assessment in another folder."""
        return save_copy(self.assessment, folder)

    def answer(self, question: Question, value: AnswerValue) -> None:
        self.assessment.answer(question, value)
        self._changed()

    def record(self, question: Question, value: AnswerValue | None,
               go_to: Question | Callable[[], Question | None] | None) -> Question | None:
        """Record an answer (None clears it) and where the user goes next, in one save: one
        keypress writes the file once. `go_to` may be a function, asked once the answer is in
        place (the answer can change which questions follow). With no place to go the answered
        question stays current. Returns where the user goes."""
        if value is None:
            self.assessment.clear(question.id)
        else:
            self.assessment.answer(question, value)
        target = go_to() if callable(go_to) else go_to
        self.assessment.current = (target or question).id
        self._changed()
        return target

    def clear(self, question_id: str) -> None:
        self.assessment.clear(question_id)
        self._changed()

    def set_note(self, question_id: str, note: str) -> None:
        if self.assessment.set_note(question_id, note):
            self._changed()

    def set_current(self, question_id: str) -> None:
        """Remember where the user is, so that coming back resumes exactly there."""
        if self.assessment.current != question_id:
            self.assessment.current = question_id
            self._changed()

    def rename(self, name: str, organisation: str) -> None:
        self.assessment.name = clean_text(name)
        self.assessment.organisation = clean_text(organisation)
        self.assessment.updated = utc_now()
        self.save()

    def change_plan(self, change: Callable[[ActionPlan], object]) -> None:
        """Apply a change to the action plan, then save."""
        change(self.assessment.plan)
        self.assessment.updated = utc_now()
        self.save()

    def adopt_bank_version(self, bank: Bank) -> bool:
        """Record that the assessment now goes on with this version of its bank. Returns True
        if the version changed (answers to removed questions stay in the file)."""
        if self.assessment.bank_version == bank.version:
            return False
        self.assessment.bank_version = bank.version
        self.save()
        return True

    def go_on_with(self, bank: Bank) -> None:
        """Go on in a bank that asks the same questions under the same ids (a quick check's
        full bank): every answer, note and plan item stays as it is and counts there too. It
        resumes at the first question not yet answered."""
        self.assessment.bank = bank.id
        self.assessment.bank_version = bank.version
        self.assessment.current = ""
        self.assessment.updated = utc_now()
        self.save()

    def close(self) -> None:
        """Finish the saves asked for, then let go of the assessment."""
        self._writer.stop()
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def copy_of(assessment: Assessment) -> Assessment:
    """A copy that later changes to `assessment` leave alone (what a background save writes)."""
    return replace(
        assessment,
        answers={qid: Answer(a.value if not isinstance(a.value, list) else list(a.value),
                             a.answered_at, a.note, dict(a.extra))
                 for qid, a in assessment.answers.items()},
        plan=assessment.plan.copy(), extra=dict(assessment.extra),
        extra_top=dict(assessment.extra_top),
    )


def duplicate(store: Store, source: Assessment, name: str,
              now: dt.datetime | None = None) -> Assessment:
    """A copy to re-assess later and compare: same answers and notes, a new id and name."""
    now = now or utc_now()
    copy = replace(copy_of(source), id=new_id(), name=name, created=now, updated=now)
    store.save(copy, None)
    return copy
