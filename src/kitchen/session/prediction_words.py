"""A team's prediction in its own words, read as a number on a named measure:
"at least 9 dishes" -> ``service.served`` at least 9; "no lost hand-offs" ->
``coordination.lost_handoffs`` at most 0. What cannot be read is left for the team to
choose from a list (:func:`read_prediction` answers ``None``)."""

from __future__ import annotations

import re
from typing import Final

from kitchen.session.cycles import Comparison, Prediction

MEASURE_WORDS: Final[tuple[tuple[str, str, float], ...]] = (
    # (words, measure, scale of the number the team says): longest phrases first
    (r"lost hand-?offs?", "coordination.lost_handoffs", 1),
    (r"hand-?offs?|handovers?|hand-overs?", "coordination.handoffs", 1),
    (r"closed[- ]loops?", "communication.closed_loop_ratio", 0.01),
    (r"acknowledged|acknowledgements?", "communication.acknowledged_ratio", 0.01),
    (r"call-?outs?|calls?", "communication.callouts", 1),
    (r"expired|missed orders?|lost orders?", "service.expired", 1),
    (r"safety incidents?|allergy incidents?", "service.safety_incidents", 1),
    (r"wasted?|binned", "flow.waste", 1),
    (r"dishes|dish|meals?|served|soups?|orders? served", "service.served", 1),
    (r"points?|score", "service.score", 1),
)
"""Phrases naming a measure, the measure, and what a said number is multiplied by (a
percentage of closed loops is a ratio in the metrics)."""

_COMPARISONS: Final[tuple[tuple[str, Comparison], ...]] = (
    (r"at least|min(?:imum)?(?: of)?|or more", "at_least"),
    (r"at most|max(?:imum)?(?: of)?|no more than|or fewer|or less", "at_most"),
    (r"more than|over|above", "more_than"),
    (r"fewer than|less than|under|below", "less_than"),
    (r"exactly", "exactly"),
)
_NUMBER = re.compile(r"(-?\d+(?:\.\d+)?)\s*(%?)")
_NONE = re.compile(r"^\s*(no|zero|not a single|not one)\b", re.IGNORECASE)


def read_prediction(words: str) -> Prediction | None:
    """The prediction in ``words`` as measure, comparison and value, or ``None`` when no
    measure or no number can be read from them."""
    text = " ".join(words.split()).lower()
    measure, scale = None, 1.0
    for pattern, name, factor in MEASURE_WORDS:
        if re.search(rf"\b(?:{pattern})\b", text):
            measure, scale = name, factor
            break
    if measure is None:
        return None
    if _NONE.match(text):
        return Prediction(words=words, measure=measure, comparison="at_most", value=0)
    number = _NUMBER.search(text)
    if number is None:
        return None
    value = float(number.group(1))
    if scale != 1 and (number.group(2) == "%" or value > 1):
        value *= scale  # "80% closed loops" is a ratio of 0.8
    comparison: Comparison = "at_least"
    for pattern, kind in _COMPARISONS:
        if re.search(rf"\b(?:{pattern})\b", text):
            comparison = kind
            break
    return Prediction(words=words, measure=measure, comparison=comparison, value=value)
