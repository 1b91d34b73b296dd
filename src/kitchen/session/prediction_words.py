"""A team's prediction in its own words, read as a number on a named measure:
"at least 9 dishes" -> ``service.served`` at least 9; "no lost hand-offs" ->
``coordination.lost_handoffs`` at most 0; in French "au moins 9 plats", "aucune transmission
perdue". What cannot be read is left for the team to choose from a list
(:func:`read_prediction` answers ``None``).

The words are read in the language in force, its words first, then English ones (a French
team may well say "au moins 5 call-outs"); accents and capitals do not matter ("zero" reads
as "zéro").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

from kitchen.i18n import DEFAULT_LANGUAGE, current_language
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
percentage of closed loops is a ratio in the metrics). English; the measures a prediction
may name, in this order."""


@dataclass(frozen=True)
class PredictionWords:
    """How one language says a prediction (patterns on lower-case text without accents)."""

    measures: tuple[tuple[str, str, float], ...]
    comparisons: tuple[tuple[str, Comparison], ...]
    none: re.Pattern[str]
    """Words saying "none" at the start: "no lost hand-offs" is at most 0."""
    number: re.Pattern[str]
    """A number and an optional ``%`` (group 1, group 2)."""
    decimal_comma: bool = False


ENGLISH: Final = PredictionWords(
    measures=MEASURE_WORDS,
    comparisons=(
        (r"at least|min(?:imum)?(?: of)?|or more", "at_least"),
        (r"at most|max(?:imum)?(?: of)?|no more than|or fewer|or less", "at_most"),
        (r"more than|over|above", "more_than"),
        (r"fewer than|less than|under|below", "less_than"),
        (r"exactly", "exactly"),
    ),
    none=re.compile(r"^\s*(no|zero|not a single|not one)\b"),
    number=re.compile(r"(-?\d+(?:\.\d+)?)\s*(%?)"),
)

FRENCH: Final = PredictionWords(
    measures=(
        (
            r"transmissions? perdues?|passations? perdues?|releves? perdues?",
            "coordination.lost_handoffs",
            1,
        ),
        (r"transmissions?|passations?|releves?", "coordination.handoffs", 1),
        (r"boucles? fermees?", "communication.closed_loop_ratio", 0.01),
        (
            r"confirm(?:e|es|ations?)|accuses? de reception",
            "communication.acknowledged_ratio",
            0.01,
        ),
        (r"annonces?|appels?", "communication.callouts", 1),
        (r"expirees?|expires?|commandes? (?:perdues?|manquees?|ratees?)", "service.expired", 1),
        (r"evenements? indesirables?|incidents?", "service.safety_incidents", 1),
        (r"gaspill\w*|jetes?|jetees?|dechets?|poubelle", "flow.waste", 1),
        (r"plats?|repas|servis?|servies?|soupes?", "service.served", 1),
        (r"points?|score", "service.score", 1),
    ),
    comparisons=(
        (r"au moins|au minimum|minimum(?: de)?|ou plus|pas moins de", "at_least"),
        (r"au plus|au maximum|maximum(?: de)?|pas plus de|ou moins", "at_most"),
        (r"plus de|plus que|superieure?s? a|au-?dessus de", "more_than"),
        (r"moins de|moins que|inferieure?s? a|en dessous de|au-?dessous de|sous", "less_than"),
        (r"exactement|pile", "exactly"),
    ),
    none=re.compile(r"^\s*(aucune?|zero|pas une? seule?|pas de|pas d'|plus aucune?)(?:\b|(?<='))"),
    number=re.compile(r"(-?\d+(?:[.,]\d+)?)\s*(%?)"),
    decimal_comma=True,
)

WORDS: Final[dict[str, PredictionWords]] = {"en": ENGLISH, "fr": FRENCH}
"""Each language's words; a language without its own is read in English only."""


def _plain(words: str) -> str:
    """Lower case, single spaces, straight apostrophes, no accents ("Zéro" -> "zero")."""
    text = " ".join(words.replace("\u2019", "'").split()).lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _read(words: str, text: str, hows: list[PredictionWords]) -> Prediction | None:
    measure, scale = None, 1.0
    for pattern, name, factor in (m for how in hows for m in how.measures):
        if re.search(rf"\b(?:{pattern})\b", text):
            measure, scale = name, factor
            break
    if measure is None:
        return None
    if any(how.none.match(text) for how in hows):
        return Prediction(words=words, measure=measure, comparison="at_most", value=0)
    how = hows[0]
    number = how.number.search(text)
    if number is None:
        return None
    said = number.group(1).replace(",", ".") if how.decimal_comma else number.group(1)
    value = float(said)
    if scale != 1 and (number.group(2) == "%" or value > 1):
        value *= scale  # "80% closed loops" is a ratio of 0.8
    comparison: Comparison = "at_least"
    for pattern, kind in (c for how in hows for c in how.comparisons):
        if re.search(rf"\b(?:{pattern})\b", text):
            comparison = kind
            break
    return Prediction(words=words, measure=measure, comparison=comparison, value=value)


def read_prediction(words: str, language: str | None = None) -> Prediction | None:
    """The prediction in ``words`` as measure, comparison and value, or ``None`` when no
    measure or no number can be read from them. Read in ``language`` (default: the
    language in force), its words first, then English ones."""
    lang = language or current_language()
    hows = [WORDS[lang]] if lang in WORDS and lang != DEFAULT_LANGUAGE else []
    return _read(words, _plain(words), [*hows, ENGLISH])
