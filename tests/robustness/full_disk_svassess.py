"""svassess with a full data folder while a flag file exists: for tests that drive the real
program in a terminal (`python -m tests.robustness.full_disk_svassess FLAG ARGS...`).

Only the view of `os` that svassess.store and svassess.files have changes, as in faults.py;
only files in an `assessments` folder are refused (a copy saved on another disk goes through);
removing the flag frees space."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

from svassess import cli
from svassess import files as files_module
from svassess import store as store_module
from tests.robustness.faults import FaultyOs, os_error


def main() -> int:
    flag = Path(sys.argv[1])
    real_write = os.write

    def write(fd, data):
        if flag.exists() and "/assessments/" in os.readlink(f"/proc/self/fd/{fd}"):
            raise os_error(errno.ENOSPC)
        return real_write(fd, data)

    store_module.os = files_module.os = FaultyOs(write=write)
    return cli.main(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
