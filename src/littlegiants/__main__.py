"""``python -m littlegiants``: the command line (see :mod:`littlegiants.cli`)."""

from littlegiants.cli import main

raise SystemExit(main())
