"""The parsed-TOML cache gives exactly what tomllib gives, and never trusts or needs its files."""

from __future__ import annotations

import tomllib

import pytest

from svassess.bank_loader import load_bank_dirs
from svassess.paths import shipped_banks_dir
from svassess.toml_cache import CachedParser

TEXT = """
title = "x"
when = 2026-11-01
at = 2026-11-01T10:00:00Z
local = 10:30:00
nested = { list = [1, 2.5, "three", true, 2026-01-02] }
[[rows]]
name = "a"
"""


def test_a_cached_parse_equals_tomllib(tmp_path):
    parse = CachedParser(tmp_path)
    first = parse(TEXT)
    assert first == tomllib.loads(TEXT)
    assert len(list(tmp_path.glob("*.json"))) == 1
    assert parse(TEXT) == first                     # from the cache


def test_a_damaged_cache_file_is_ignored_and_replaced(tmp_path):
    parse = CachedParser(tmp_path)
    parse(TEXT)
    cached = next(tmp_path.glob("*.json"))
    cached.write_text("{not json", encoding="utf-8")
    assert parse(TEXT) == tomllib.loads(TEXT)
    assert cached.read_text(encoding="utf-8").startswith("{")


@pytest.mark.parametrize("entry", ["[1]", "1", '"text"', "null", "[" * 5000 + "]" * 5000,
                                   '{"when": {"$date": "not a date"}}'])
def test_a_cache_entry_that_is_not_a_table_is_ignored(tmp_path, entry):
    parse = CachedParser(tmp_path)
    parse(TEXT)
    next(tmp_path.glob("*.json")).write_text(entry, encoding="utf-8")
    assert parse(TEXT) == tomllib.loads(TEXT)


def test_an_unwritable_cache_folder_is_not_a_problem(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert CachedParser(blocker / "cache")(TEXT) == tomllib.loads(TEXT)


def test_the_shipped_bank_loads_the_same_through_the_cache(tmp_path):
    plain = load_bank_dirs([shipped_banks_dir()])
    parse = CachedParser(tmp_path)
    load_bank_dirs([shipped_banks_dir()], parse)
    cached = load_bank_dirs([shipped_banks_dir()], parse)
    assert cached.banks == plain.banks and not cached.problems
