"""Allow ``python -m kitchen``."""

from kitchen.cli import main

raise SystemExit(main())
