"""Numbers, percentages and dates as the language in force writes them (Babel's CLDR data):
``1,234.5`` in English, ``1 234,5`` in French.

French groups digits with a narrow no-break space (U+202F) in CLDR. The game's font
(pygame's ``freesansbold.ttf``) has no glyph for it, while U+00A0 (no-break space) is drawn
as a space, so every group separator here is U+00A0: a number never breaks across lines and
every character is drawn (tests/test_i18n_fonts.py checks it).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime

from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from babel.lists import format_list
from babel.numbers import format_decimal
from babel.numbers import format_percent as _babel_percent

from kitchen.i18n.catalogue import current_language

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"


def _drawable(text: str) -> str:
    return text.replace(NARROW_NBSP, NBSP)


def format_number(value: float, decimals: int = 0, *, grouping: bool = True) -> str:
    """``value`` with exactly ``decimals`` decimals in the language in force
    (``format_number(1234.5, 1)``: ``1,234.5``; in French ``1 234,5``)."""
    if not math.isfinite(value):
        return str(value)  # inf, -inf, nan: Babel cannot format them, and no rule makes them
    pattern = ("#,##0" if grouping else "0") + ("." + "0" * decimals if decimals > 0 else "")
    if decimals <= 0:
        value = round(value)
    try:
        return _drawable(format_decimal(value, format=pattern, locale=current_language()))
    except (ArithmeticError, ValueError):  # beyond what Babel's decimals hold (e.g. 1e308)
        return f"{value:.{max(decimals, 0)}f}"


def format_percent(ratio: float, decimals: int = 0) -> str:
    """A ratio as a percentage (``0.42``: ``42%``; in French ``42 %``)."""
    if not math.isfinite(ratio):
        return str(ratio)
    pattern = None
    if decimals > 0:
        pattern = "#,##0." + "0" * decimals + "%"
    try:
        text = _babel_percent(ratio, format=pattern, locale=current_language())
    except (ArithmeticError, ValueError):  # beyond what Babel's decimals hold
        return f"{ratio * 100:.{max(decimals, 0)}f}%"
    return _drawable(text)


def format_date(when: date | datetime, length: str = "medium") -> str:
    """A date (``length``: ``short``, ``medium``, ``long``): ``Mar 5, 2025``, ``5 mars 2025``."""
    return _drawable(_babel_date(when, format=length, locale=current_language()))


def format_datetime(when: datetime, length: str = "medium") -> str:
    """A date and time in the language in force."""
    return _drawable(_babel_datetime(when, format=length, locale=current_language()))


def list_text(items: Sequence[str]) -> str:
    """``a, b and c`` (``a, b et c``)."""
    return _drawable(format_list(list(items), locale=current_language()))
