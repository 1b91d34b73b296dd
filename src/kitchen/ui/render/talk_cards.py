"""The debrief's Analysis-phase metric cards with talk: a round recorded with talk on shows
three talk cards after the usual ones (the grid's rows get shorter to make room); a round
without talk shows exactly the usual cards."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pygame

TALK_CARDS = (
    "talk.talk_share",
    "talk.longest_silence_open_s",
    "talk.hazard_silence_s_median",
)
"""The talk metrics shown as cards (when the round was recorded with talk on)."""

GRID_TOP = 150
GRID_BOTTOM = 1010
COLUMNS = 3


@dataclass(frozen=True)
class CardPlace:
    """Where one metric card goes, and where its value and label sit in it."""

    rect: pygame.Rect
    value_y: int
    """Offset of the value's centre (without call counts)."""
    counted_value_y: int
    """Offset of the value's centre above call counts."""
    counts_y: int
    label_y: int
    counted_label_y: int


def analysis_cards(cards: tuple[str, ...], values: Mapping[str, object]) -> tuple[str, ...]:
    """``cards`` plus the talk cards when the round has talk figures."""
    if any(name.startswith("talk.") for name in values):
        return (*cards, *TALK_CARDS)
    return cards


def card_place(index: int, count: int) -> CardPlace:
    """The place of card ``index`` of ``count`` in the grid (rows of three)."""
    rows = -(-count // COLUMNS)
    pitch = min(215, (GRID_BOTTOM - GRID_TOP) // max(rows, 1))
    height = pitch - 15
    rect = pygame.Rect(
        60 + (index % COLUMNS) * 250, GRID_TOP + (index // COLUMNS) * pitch, 235, height
    )
    if height >= 200:
        return CardPlace(rect, 60, 46, 96, 110, 120)
    return CardPlace(rect, 36, 30, 70, 72, 92)
