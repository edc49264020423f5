"""A cache of parsed TOML, keyed by the text's hash, so the question bank is not re-parsed (the
slowest part of starting) each time svassess runs. Validation still runs on every load.

The cache holds JSON (never pickle: a cache file cannot run code), in the user's cache folder,
never in the data folder (a shared folder's writer could otherwise forge what is shown). It holds
only banks, never assessments: what is shown and saved of an assessment is always read from its
file. A cache entry that cannot be read, or is not what tomllib would give (not a table), is
ignored and written again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any

FORMAT = 1


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dt.time):
        return {"$time": value.isoformat()}
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if len(value) == 1:
            ((key, text),) = value.items()
            if key == "$datetime":
                return dt.datetime.fromisoformat(text)
            if key == "$date":
                return dt.date.fromisoformat(text)
            if key == "$time":
                return dt.time.fromisoformat(text)
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


class CachedParser:
    """A stand-in for tomllib.loads that remembers results in `folder`, by the text's hash."""

    def __init__(self, folder: Path):
        self.folder = folder

    def __call__(self, text: str) -> dict[str, Any]:
        key = hashlib.sha256(f"{FORMAT}\0{text}".encode()).hexdigest()
        path = self.folder / f"{key}.json"
        try:
            cached = _decode(json.loads(path.read_text(encoding="utf-8")))
            if isinstance(cached, dict):
                return cached
        except (OSError, ValueError, TypeError, KeyError, RecursionError):
            pass
        import tomllib  # only on a miss: the cache is there so most starts need no parser

        data = tomllib.loads(text)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temp = path.with_name(f".{path.name}.{os.getpid()}")
            temp.write_text(json.dumps(_encode(data)), encoding="utf-8")
            os.replace(temp, path)
        except (OSError, TypeError, ValueError):
            pass
        return data


def default_cache_folder() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("svassess", appauthor=False)) / "toml"
