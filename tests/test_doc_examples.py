"""The example exports in docs/examples are what svassess makes today."""

from __future__ import annotations

from tests.doc_examples import EXAMPLES, make


def test_doc_examples_are_current(tmp_path):
    for made in make(tmp_path):
        shipped = EXAMPLES / made.name
        assert shipped.read_text(encoding="utf-8") == made.read_text(encoding="utf-8"), (
            f"{shipped} is out of date: run `python -m tests.doc_examples`")
