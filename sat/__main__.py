"""``python -m sat``: the same as the ``sat`` command."""

import sys

from sat.cli import main

sys.exit(main())
