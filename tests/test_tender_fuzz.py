"""Whatever a tender file holds, reading it either works or fails with one plain sentence."""

from __future__ import annotations

import datetime as dt

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from svassess.store import InvalidFile, NewerVersion
from svassess.tender import COMMITMENT_KEYS, TENDER_KEYS
from svassess.tender_checks import check_tender
from svassess.tender_store import decode_tender, load_shipped_rules

RULES = load_shipped_rules()
values = st.one_of(st.text(max_size=20), st.integers(-10**12, 10**12), st.booleans(),
                   st.floats(allow_nan=False), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
                   st.lists(st.integers(), max_size=3))
tables = st.dictionaries(st.sampled_from([*TENDER_KEYS, *COMMITMENT_KEYS, "other"]), values,
                         max_size=8)


@settings(max_examples=150, deadline=None)
@given(tender=tables, commitments=st.lists(tables, max_size=3),
       version=st.sampled_from([1, 1, 1, 2, 0, "1"]))
def test_any_document_reads_or_fails_plainly(tender, commitments, version):
    document = {"schema_version": version, "tender": {"id": "T1", **tender},
                "commitments": commitments}
    try:
        stored = decode_tender(tomli_w.dumps(document).encode("utf-8"))
    except (InvalidFile, NewerVersion) as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    problems = check_tender(stored.tender, RULES, None, dt.date(2026, 12, 2), stored.findings)
    assert all(p.message for p in problems)
