"""`python -m designations` runs the command line."""

import sys

from designations.cli import main

sys.exit(main())
