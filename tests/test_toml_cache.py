"""The parsed-TOML cache gives exactly what tomllib gives, and never trusts or needs its files."""

from __future__ import annotations

import tomllib

from svassess.bank import load_bank_dirs
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


def test_prune_removes_stale_entries_and_temp_files_left_by_a_kill(tmp_path):
    import os
    import time

    parse = CachedParser(tmp_path)
    parse(TEXT)
    parse("other = 1")
    left = tmp_path / ".abc.json.999"
    left.write_text("{", encoding="utf-8")
    old = time.time() - 3600
    os.utime(left, (old, old))
    fresh = tmp_path / ".def.json.998"
    fresh.write_text("{", encoding="utf-8")                # a write in progress: kept
    parse.used.clear()
    parse(TEXT)
    parse.prune()
    assert len(list(tmp_path.glob("*.json"))) == 1
    assert not left.exists() and fresh.exists()
