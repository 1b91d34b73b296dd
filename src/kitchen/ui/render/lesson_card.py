"""The debrief's lesson card (Analysis phase): its topic line, title, what the data showed,
why it matters, the questions and the sources, laid out to fit the card whole.

The card's text flows from the top; the sources sit at the card's foot when there is room,
else straight after the questions. A longer language (French runs about 20 % longer) first
takes the space left over, then a smaller title and tighter gaps; the body text never goes
below the debrief's readable size (``TEXT_NOTE``) and nothing is cut.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from kitchen.debrief.lessons import LessonCard
from kitchen.i18n import _, ngettext
from kitchen.ui.text import TextCache
from kitchen.ui.theme import TEXT_NOTE, Theme

QUESTION_RED = (150, 40, 20)


@dataclass(frozen=True)
class _Style:
    title_size: int
    gap: int
    line_gap: float


STYLES = (_Style(56, 16, 1.15), _Style(48, 10, 1.1), _Style(48, 6, 1.0))
"""From the roomiest to the tightest: the first whose text fits the card is used."""


def _blocks(heading: str, card: LessonCard, style: _Style) -> list[tuple[str, int, bool, int]]:
    """The card's text blocks before the sources: (text, size, is a question, gap after)."""
    return [
        (heading, TEXT_NOTE, False, 13),
        (card.title, style.title_size, False, style.gap * 2),
        (_("What your data showed: {text}").format(text=card.showed), TEXT_NOTE, False, style.gap),
        (_("Why it matters: {text}").format(text=card.why), TEXT_NOTE, False, style.gap),
        *[("?  " + q, TEXT_NOTE, True, style.gap // 2) for q in card.questions],
    ]


def sources_line(card: LessonCard) -> str:
    """The card's sources, in one line of text ("" without sources)."""
    if not card.sources:
        return ""
    return ngettext("Source: {sources}", "Sources: {sources}", len(card.sources)).format(
        sources="; ".join(card.sources)
    )


def _height(text: TextCache, words: str, size: int, width: int, line_gap: float) -> int:
    step = int(text.font(size).get_linesize() * line_gap)
    return len(text.wrap(words, size, width)) * step


def draw_lesson_card(
    surface: pygame.Surface,
    inner: pygame.Rect,
    heading: str,
    card: LessonCard,
    theme: Theme,
    text: TextCache,
) -> None:
    """Draw ``card`` inside ``inner`` (the card's box less its margins), whole."""
    sources = sources_line(card)
    for style in STYLES:
        blocks = _blocks(heading, card, style)
        used = sum(
            _height(text, words, size, inner.width, style.line_gap) + gap
            for words, size, _q, gap in blocks
        )
        foot = _height(text, sources, TEXT_NOTE, inner.width, style.line_gap) if sources else 0
        if used + foot <= inner.height:
            break
    y = inner.y
    for words, size, question, gap in blocks:
        colour = QUESTION_RED if question else theme.text_dark
        if text.size(words, size)[0] <= inner.width:  # one line keeps its double spaces
            text.draw(surface, words, size, colour, (inner.x, y))
            y += int(text.font(size).get_linesize() * style.line_gap) + gap
            continue
        box = pygame.Rect(inner.x, y, inner.width, inner.bottom - y)
        y += text.draw_wrapped(surface, words, size, colour, box, style.line_gap) + gap
    if sources:
        y = max(y, inner.bottom - foot)
        box = pygame.Rect(inner.x, y, inner.width, inner.bottom - y)
        text.draw_wrapped(surface, sources, TEXT_NOTE, theme.text_dark, box, style.line_gap)
