"""The user's own preferences (today: the colour theme), kept between runs.

They live in a small TOML file in the user's config folder (platformdirs), never in the data
folder, which may be shared (a workshop's USB stick, a shared laptop). SVASSESS_CONFIG_DIR
points elsewhere (tests use it). Preferences are never worth an error: a file that cannot be
read or is damaged is ignored, and one that cannot be written is skipped.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any, NamedTuple

CONFIG_ENV_VAR = "SVASSESS_CONFIG_DIR"
FILE_NAME = "settings.toml"
MAX_BYTES = 64 * 1024


class Settings(NamedTuple):
    theme: str = ""
    """The name of a Textual theme, or "" for the default."""


def settings_path() -> Path:
    folder = os.environ.get(CONFIG_ENV_VAR)
    if not folder:
        import platformdirs

        folder = platformdirs.user_config_dir("svassess", appauthor=False)
    return Path(folder).expanduser() / FILE_NAME


def _read(path: Path) -> dict[str, Any]:
    """The file's table, or {} when it is missing, too big, not UTF-8 or not TOML."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except OSError:
        return {}
    if len(data) > MAX_BYTES:
        return {}
    import tomllib  # only here: most people never change a setting, so there is no file to read

    try:
        return tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return {}


def load_settings(path: Path | None = None) -> Settings:
    data = _read(path or settings_path())
    theme = data.get("theme")
    return Settings(theme=theme if isinstance(theme, str) else "")


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings, keeping any keys a newer svassess wrote; skipped on any OS error."""
    import tomli_w  # only here: most starts only read the settings, if there are any

    path = path or settings_path()
    data = {**_read(path), "theme": settings.theme}
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            temp.write_bytes(tomli_w.dumps(data).encode("utf-8"))
            os.replace(temp, path)
        finally:
            with contextlib.suppress(OSError):
                temp.unlink()
