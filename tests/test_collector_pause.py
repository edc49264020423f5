"""The cycle collector is paused while the app starts and set to run again, past start-up's
objects, once the first frame is drawn (svassess/collector_pause.py)."""

from __future__ import annotations

import gc

import pytest

from svassess import collector_pause

pytestmark = pytest.mark.usefixtures("collector_as_before")


def test_paused_in_the_block_and_running_after_it():
    with collector_pause.paused_while_starting():
        assert not gc.isenabled()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


def test_resume_ends_the_pause_early_and_sets_start_up_aside_once():
    with collector_pause.paused_while_starting():
        kept = [object() for _ in range(10)]
        collector_pause.resume()
        assert gc.isenabled()
        frozen = gc.get_freeze_count()
        assert frozen > 0
        made_later = [[] for _ in range(1_000)]
    # Frozen objects freed by their last reference leave the count; a second freeze would add
    # the thousand lists made since.
    assert gc.get_freeze_count() <= frozen, "the end of the block froze what came after again"
    assert kept and made_later


def test_resume_without_a_pause_does_nothing():
    collector_pause.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_collector_already_off_is_left_off():
    gc.disable()
    with collector_pause.paused_while_starting():
        collector_pause.resume()
        assert not gc.isenabled()
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_running_again_when_the_block_fails():
    with pytest.raises(RuntimeError), collector_pause.paused_while_starting():
        raise RuntimeError("the terminal went away")
    assert gc.isenabled()
