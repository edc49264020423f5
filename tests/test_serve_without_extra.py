"""`svassess serve` without the optional textual-serve says how to get it."""

from __future__ import annotations

import subprocess
import sys


def test_serve_without_textual_serve_says_how_to_install_it(data_dir):
    code = ("import sys, runpy\n"
            "sys.modules['textual_serve'] = None\n"          # as if it were not installed
            f"sys.argv = ['svassess', '--data-dir', {str(data_dir)!r}, 'serve']\n"
            "runpy.run_module('svassess', run_name='__main__')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 1
    assert "pip install 'svassess[serve]'" in done.stderr and "Traceback" not in done.stderr
