"""`python -m svassess` runs the same command line as `svassess`."""

import sys

from svassess.cli import main

sys.exit(main())
