"""How the tender screen looks (SVG snapshot). Update after a deliberate change with
`pytest tests/tui/test_tender_snapshots.py --snapshot-update`, and look at the report first."""

from __future__ import annotations

import datetime as dt

from svassess.tender import Commitment, Criterion, Tender
from svassess.tender_store import TenderStore


def save_tender(saved_assessment, location) -> None:
    stored = saved_assessment(answers={"policy.act": "partly"})
    TenderStore(location.path).save(Tender(
        id="T1", assessment=stored.assessment.id, title="Community transport 2099–2102",
        buyer="Northshire County Council", buyer_type="local-authority", nation="england",
        value=450000, months=36, weighting=10, deadline=dt.date(2099, 2, 14),
        question="Describe the social value you will deliver.", word_limit=1000,
        criteria=[Criterion("c1", "Jobs for local people facing barriers to work")],
        commitments=[Commitment("k1", "c1", "Recruit and train local drivers",
                                "people recruited who were unemployed", "0", "6",
                                dt.date(2099, 12, 31), 4800, "", "payroll records")]), None)


def test_tender_screen(make_app, saved_assessment, location, snap_compare):
    save_tender(saved_assessment, location)
    assert snap_compare(make_app(), press=["v", "t", "down", "enter"], terminal_size=(80, 24))


def test_tender_details_dialog(make_app, saved_assessment, location, snap_compare):
    """The fields dialog, whose styles are its own (not the tender screen's)."""
    save_tender(saved_assessment, location)
    assert snap_compare(make_app(), press=["v", "t", "down", "enter", "d"],
                        terminal_size=(80, 30))


def test_commitment_dialog(make_app, saved_assessment, location, snap_compare):
    """The fields dialog with its live checks and a long field."""
    save_tender(saved_assessment, location)
    assert snap_compare(make_app(), press=["v", "t", "down", "enter", "a"],
                        terminal_size=(80, 40))


def test_tender_rules_screen(make_app, saved_assessment, location, snap_compare):
    save_tender(saved_assessment, location)
    assert snap_compare(make_app(), press=["v", "t", "down", "enter", "r"],
                        terminal_size=(80, 24))
