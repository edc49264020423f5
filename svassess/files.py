"""Reading and writing files safely, for the store, the bank loader and the exports.

A data folder or a file handed over on a USB stick is hostile until proven otherwise: a name in it
may be a link to somewhere else, a device (`/dev/zero` never ends), a named pipe (reading one waits
for ever) or a huge file. So:

- only regular files are read, and their size is checked before reading, on the open file itself;
- inside the data folder links are never followed (`follow_links=False`): svassess never reads,
  creates, renames or deletes anything outside the folder because of a link in it;
- a file is written whole or not at all: bytes go to a temp file beside it, are synced to disk and
  swapped in with one rename.

Errors are raised as `FileRefused` or `OSError`; callers turn them into one plain sentence naming
the file. Standard library only.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from pathlib import Path

TEMP_MARK = ".tmp-"


class FileRefused(Exception):
    """A file that svassess will not read or write; the message says why, without the path
    (callers name the file in their own sentence)."""


class TooLarge(FileRefused):
    """A regular file bigger than the limit for what it should be."""


def is_link(path: Path) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def link_inside(root: Path, path: Path) -> Path | None:
    """The first link met going from `root` down to `path` (`path` included), or None.

    `root` itself may be a link (the user chose it); only what is inside it is checked. Parts of
    `path` that do not exist yet are not links."""
    try:
        relative = path.relative_to(root)
    except ValueError:
        return None
    current = root
    for part in relative.parts:
        current = current / part
        if is_link(current):
            return current
    return None


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a link"
    return "not a regular file"


_LINK_REFUSED = "it is a link, and svassess does not follow links inside the data folder"


def read_regular(path: Path, limit: int, follow_links: bool = True) -> bytes:
    """The bytes of a regular file of at most `limit` bytes.

    Raises FileRefused for a link (when `follow_links` is false), a folder, device, pipe or socket,
    or a file over the limit; OSError (FileNotFoundError included) when it cannot be opened. Never
    blocks on a pipe and never reads more than `limit` + 1 bytes."""
    if not follow_links and is_link(path):
        raise FileRefused(_LINK_REFUSED)
    return _read_opened(_open_file(path, follow_links), limit)


READS_IN_FOLDER = (os.open in os.supports_dir_fd and os.listdir in os.supports_fd
                   and hasattr(os, "O_NOFOLLOW") and hasattr(os, "O_DIRECTORY"))
"""Whether this system can open a folder once and read the files in it relative to that folder
(`open_folder`, then `os.listdir` and `read_regular_in` on it); not on Windows."""


def open_folder(path: Path) -> int:
    """A descriptor of the folder `path` (close it with os.close), for reading the files in it
    with `read_regular_in`: a name in it is then looked up in this very folder, even if `path` is
    swapped for a link meanwhile. Raises FileRefused if `path` is a link, OSError if it is missing
    or not a folder. Only where READS_IN_FOLDER."""
    try:
        return os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
                       | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise FileRefused(_LINK_REFUSED) from None
        raise


def read_regular_in(folder: int, name: str, limit: int) -> bytes:
    """`read_regular` for the file `name` in an opened folder, never following a link."""
    return _read_opened(_open_file(name, follow_links=False, folder=folder), limit)


def _open_file(path: Path | str, follow_links: bool, folder: int | None = None) -> int:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        return os.open(path, flags, dir_fd=folder)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise FileRefused(_LINK_REFUSED) from None
        if exc.errno == errno.EISDIR:
            raise FileRefused("it is a folder, not a file") from None
        raise


def _read_opened(fd: int, limit: int) -> bytes:
    """The bytes of the opened file `fd` (closed here), checked as `read_regular` says."""
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(f"it is {kind_of(info.st_mode)}, not a file")
        if info.st_size > limit:
            raise TooLarge(f"it is {info.st_size:,} bytes, more than the {limit:,} allowed")
        chunks = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise TooLarge(f"it is more than the {limit:,} bytes allowed")
        return data
    finally:
        os.close(fd)


def write_atomically(target: Path, data: bytes, replace: bool = True) -> None:
    """Write `data` to `target` so that, whatever happens, `target` holds the old bytes or all of
    the new ones, never part of them.

    With `replace` false an existing `target` is never replaced: FileExistsError is raised and
    nothing is written. Raises OSError when the write fails; the temp file is removed."""
    temp = target.with_name(f".{target.name}{TEMP_MARK}{os.urandom(4).hex()}")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                     0o644)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if replace:
            _replace(temp, target)
        else:
            _place_new(temp, target)
    except (OSError, KeyboardInterrupt):
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_folder(target.parent)


def _place_new(temp: Path, target: Path) -> None:
    """Give the complete temp file the name `target`, failing if `target` exists.

    A hard link does it in one step where the disk allows; FAT USB sticks do not, so there the
    name is checked first (a program racing to create the same name in that instant could be
    replaced: an export, never an assessment)."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise
    except OSError:
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, "File exists", str(target)) from None
        _replace(temp, target)
        return
    temp.unlink()


def _replace(source: Path, target: Path) -> None:
    """os.replace, retried briefly on Windows, where a virus scanner may hold the file."""
    for attempt in range(10):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if os.name != "nt" or attempt == 9:
                raise
            time.sleep(0.05 * (attempt + 1))


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` survive a power cut (POSIX; a no-op elsewhere)."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def why_not_written(exc: OSError) -> str:
    """Why a file or lock could not be written, in words, from the error the system gave."""
    if exc.errno == errno.ENOSPC:
        return "the disk is full, or has no room left for new files; free some space"
    if exc.errno == getattr(errno, "EDQUOT", None):
        return "your disk quota is used up; free some space"
    if exc.errno == errno.EROFS:
        return "the disk is read-only; choose a writable folder with --data-dir"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "you do not have permission to write there; choose a folder you may write to"
    if exc.errno == errno.ELOOP:
        return "it is a link, and svassess does not follow links inside the data folder; " \
               "remove the link"
    if exc.errno in (errno.EIO, errno.ENODEV, errno.ENXIO):
        return "the disk reported an error (was the USB stick pulled out?); check the disk"
    return f"{exc.strerror or exc}; check the disk"
