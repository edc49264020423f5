"""clean_text's fast path (plain printable ASCII returned as it is) changes nothing it says."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from svassess.text import _CONTROLS, _SURROGATES, clean_text


def by_the_rules(text: str) -> str:
    return _SURROGATES.sub("\ufffd", _CONTROLS.sub("", text))


@given(st.text(alphabet=st.characters(max_codepoint=0xFF)))
def test_the_same_as_removing_controls_for_any_latin_text(text):
    assert clean_text(text) == by_the_rules(text)


@given(st.text())
def test_the_same_for_any_text(text):
    assert clean_text(text) == by_the_rules(text)


def test_every_ascii_control_is_still_removed():
    for code in [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F]:
        assert clean_text(f"a{chr(code)}b") == "ab"
    assert clean_text("a\tb\nc") == "a\tb\nc"
