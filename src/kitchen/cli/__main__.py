"""Allow ``python -m kitchen.cli``."""

from kitchen.cli import main

raise SystemExit(main())
