"""Allow `python -m ctpat_tui`."""

import sys

from ctpat_tui.cli import main

sys.exit(main())
