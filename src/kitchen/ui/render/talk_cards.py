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


@dataclass(frozen=True)
class CardFit:
    """Where a card's value, call counts and label go once its label's lines are known."""

    value_y: int
    value_size: int
    counts_y: int
    label_y: int


VALUE_SIZE = 64
SMALL_VALUE_SIZE = 52
"""A card's value, and its size when a long label pushes it close to the card's top."""


def fit_card(place: CardPlace, counted: bool, lines: int, font: pygame.font.Font) -> CardFit:
    """Fit a label of ``lines`` lines (in ``font``, wrapped with the usual 1.15 gap) in the
    card at ``place``: a label too tall for the room below the value lifts the value and
    itself (a longer language's three-line label stays whole, none is cut)."""
    value_y = place.counted_value_y if counted else place.value_y
    label_y = place.counted_label_y if counted else place.label_y
    need = (lines - 1) * int(font.get_linesize() * 1.15) + font.get_height()
    over = max(0, label_y + need + 14 - place.rect.height)
    value_y, label_y = value_y - over, label_y - over
    size = VALUE_SIZE
    if value_y < 30:  # a smaller value keeps inside the card, clear of the label
        size, value_y = SMALL_VALUE_SIZE, max(value_y, 24)
    return CardFit(value_y, size, place.counts_y - over, label_y)
