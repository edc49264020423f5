"""Fault injection for the store: a stand-in for the `os` module as svassess.store and
svassess.files (which writes the store's files) see it.

Only their view of `os` changes (the rest of the process, Textual included, keeps the
real one), so a test can make exactly one step of a save fail, or stop the process there.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

from svassess import files as files_module
from svassess import store as store_module


class Crash(BaseException):
    """Stands for the process dying at this point: no `except Exception` and no cleanup that
    svassess wrote for errors runs for it."""


def os_error(code: int) -> OSError:
    return OSError(code, os.strerror(code))


class FaultyOs:
    """Delegates to `os`, except the functions given, which run instead of the real ones."""

    def __init__(self, **replacements: Callable):
        self._replacements = replacements

    def __getattr__(self, name: str):
        return self._replacements.get(name) or getattr(os, name)


def inject(monkeypatch, **replacements: Callable) -> FaultyOs:
    faulty = FaultyOs(**replacements)
    monkeypatch.setattr(store_module, "os", faulty)
    monkeypatch.setattr(files_module, "os", faulty)
    return faulty


def temp_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(f".*{files_module.TEMP_MARK}*"))


def read_only_everywhere_under(monkeypatch, folder: Path, code: int = errno.EROFS) -> None:
    """Make `folder` behave like a read-only file system for every module (the lock included):
    opening for writing, creating, renaming and removing fail. Tests run as root, for whom
    chmod is no barrier, so this is simulated."""
    real_open, real_replace, real_rename = os.open, os.replace, os.rename
    real_unlink, real_mkdir = os.unlink, os.mkdir
    writes = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
    inside = str(folder.resolve())

    def under(path, dir_fd: int | None = None) -> bool:
        name = os.fsdecode(path)
        if dir_fd is not None and not os.path.isabs(name):      # relative to an opened folder
            name = os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), name)
        return str(Path(name).resolve()).startswith(inside)

    def guarded(real, *paths_at):
        """`real`, failing for the paths at `paths_at` (each relative to its dir_fd, if any)."""
        folders = ("src_dir_fd", "dst_dir_fd") if len(paths_at) == 2 else ("dir_fd",)

        def wrapper(*args, **kwargs):
            if any(under(args[i], kwargs.get(folder))
                   for i, folder in zip(paths_at, folders, strict=True) if i < len(args)):
                raise os_error(code)
            return real(*args, **kwargs)
        return wrapper

    def open_(path, flags, *args, **kwargs):
        if flags & writes and under(path, kwargs.get("dir_fd")):
            raise os_error(code)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "replace", guarded(real_replace, 0, 1))
    monkeypatch.setattr(os, "rename", guarded(real_rename, 0, 1))
    monkeypatch.setattr(os, "unlink", guarded(real_unlink, 0))
    monkeypatch.setattr(os, "mkdir", guarded(real_mkdir, 0))
