"""Allow ``python -m diemtin``."""

from diemtin.cli import main

raise SystemExit(main())
