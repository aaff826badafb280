"""``python -m filmkit`` runs the ``filmkit`` command."""

import sys

from filmkit.cli import main

sys.exit(main())
