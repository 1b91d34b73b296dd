"""What the debrief and the report call a disruption, in the language in force.

A round log keeps each disruption's label, source and ending in English (the JSON and CSV
exports keep them so). Shown to people, a disruption is named by its level's own label in
the language in force (the level is kept in the log's header; its disruption is found by
kind and English label), else by a name for its kind in that language: never the log's
English while another language is in force.
"""

from __future__ import annotations

from functools import lru_cache

from kitchen.content import SourceError, load_level_text
from kitchen.content.disruption_model import DEFAULT_LABELS
from kitchen.i18n import DEFAULT_LANGUAGE, N_, LocalText, _, current_language

GENERIC = N_("Disruption")
"""The name of a disruption of a kind this version does not know."""

SOURCES = {
    "scheduled": N_("scheduled"),
    "random": N_("at random"),
    "facilitator": N_("by the facilitator"),
}
"""How a disruption started, as the log says it, and its words in other languages (in
English the report shows the log's own word, as it always has)."""

ENDINGS = {
    "time": N_("its time was up"),
    "instant": N_("at once"),
    "round_over": N_("the round ended"),
    "repaired": N_("repaired"),
}
"""How a disruption ended, as the log says it, and its words in other languages."""


@lru_cache(maxsize=32)
def _level_labels(level_text: str) -> dict[tuple[str, str], LocalText]:
    """The level's disruption labels by (kind, English label); none for a level that no
    longer loads (the generic names are used then)."""
    try:
        level = load_level_text(level_text)
    except SourceError:
        return {}
    return {(d.kind, str(d.label)): LocalText.of(d.label) for d in level.spec.disruptions}


def in_english() -> bool:
    """Whether English is in force (the logs' own words are then shown as they are)."""
    return current_language().split("_")[0] == DEFAULT_LANGUAGE


def disruption_name(kind: str, label: str, level_text: str | None = None) -> str:
    """The disruption ``kind`` the log calls ``label``, named in the language in force: its
    level's label in that language (``level_text``: the level the round was played on),
    else the log's label in English, else the name of its kind in that language."""
    found = _level_labels(level_text).get((kind, label)) if level_text else None
    language = current_language()
    if found is not None:
        for code in (language, language.split("_")[0]):
            if code in found.translations:
                return found.translations[code]
    if in_english():
        return label
    return _(DEFAULT_LABELS.get(kind, GENERIC))


def kind_name(kind: str) -> str:
    """A disruption kind as the report names it: the log's word (``breakdown``) in English,
    the kind's name in another language (``Panne de matériel``)."""
    if in_english() or kind not in DEFAULT_LABELS:
        return kind
    return _(DEFAULT_LABELS[kind])


def source_words(source: str) -> str:
    """How a disruption started (``scheduled``, ``random``, ``facilitator``) in the language
    in force (in English, the log's word)."""
    if in_english() or source not in SOURCES:
        return source
    return _(SOURCES[source])


def ending_words(ended_by: str | None) -> str:
    """How a disruption ended (``repaired``, ``time``...) in the language in force; ``""``
    while it had not ended."""
    if not ended_by:
        return ""
    if in_english() or ended_by not in ENDINGS:
        return ended_by
    return _(ENDINGS[ended_by])
