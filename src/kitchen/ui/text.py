"""Text drawing with pygame's bundled default font, cached by content.

Rendering text is one of the slowest things pygame does, so a :class:`TextCache` keeps
each rendered string (by text, size and colour) and hands back the same surface next
frame. The cache belongs to the running app: fonts die with ``pygame.quit()``.

Every string goes onto a surface through :meth:`TextCache.draw` or
:meth:`TextCache.draw_wrapped`; a listener set as :attr:`TextCache.on_draw` is told of each
one (its size in pixels, colour, rectangle and the surface it lands on) just before it is
drawn, so a test can check text size and contrast against the real pixels behind it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import pygame

from kitchen.ui.theme import Colour

_MAX_ENTRIES = 800


@dataclass(frozen=True)
class TextDraw:
    """One string about to be drawn, as told to :attr:`TextCache.on_draw`.

    ``surface`` does not hold the text yet: its pixels under ``rect`` are what the text is
    drawn on (a shadow, when asked for, is already there). ``glyphs`` is the rendered text
    (transparent where there is no ink), to be blitted at ``rect``.
    """

    text: str
    size: int
    """The size asked for (pygame's default-font size)."""
    px: int
    """The font's em size in pixels of the surface drawn on (``Font.point_size``; for
    pygame's default font about 0.69 x ``size``): the "px" of a CSS font size."""
    colour: Colour
    rect: pygame.Rect
    surface: pygame.Surface
    glyphs: pygame.Surface


def text_px(size: int) -> int:
    """The em size in pixels of pygame's default font at ``size`` (see :class:`TextDraw`)."""
    if not pygame.font.get_init():
        pygame.font.init()
    return pygame.font.Font(None, size).point_size


class TextCache:
    """Fonts by size and rendered text surfaces by content (least recently used evicted)."""

    def __init__(self, max_entries: int = _MAX_ENTRIES) -> None:
        self._fonts: dict[int, pygame.font.Font] = {}
        self._cache: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._max = max_entries
        self.hits = 0
        self.misses = 0
        self.on_draw: Callable[[TextDraw], None] | None = None
        """Called with a :class:`TextDraw` before each string is drawn (None: nobody)."""

    def font(self, size: int) -> pygame.font.Font:
        """pygame's default font at ``size``."""
        font = self._fonts.get(size)
        if font is None:
            if not pygame.font.get_init():
                pygame.font.init()
            font = pygame.font.Font(None, size)
            self._fonts[size] = font
        return font

    def render(self, text: str, size: int, colour: Colour) -> pygame.Surface:
        """The surface for ``text`` (anti-aliased, transparent background)."""
        key = (text, size, colour)
        surf = self._cache.get(key)
        if surf is not None:
            self.hits += 1
            self._cache.move_to_end(key)
            return surf
        self.misses += 1
        surf = self.font(size).render(text, True, colour)
        self._cache[key] = surf
        if len(self._cache) > self._max:
            self._cache.popitem(last=False)
        return surf

    def size(self, text: str, size: int) -> tuple[int, int]:
        """Width and height ``text`` would take at ``size``."""
        return self.font(size).size(text)

    def draw(
        self,
        surface: pygame.Surface,
        text: str,
        size: int,
        colour: Colour,
        pos: tuple[float, float],
        anchor: str = "topleft",
        shadow: Colour | None = None,
    ) -> pygame.Rect:
        """Draw ``text`` with its ``anchor`` point (a pygame.Rect attribute) at ``pos``.

        Returns:
            The rectangle drawn into.
        """
        surf = self.render(text, size, colour)
        rect = surf.get_rect(**{anchor: (round(pos[0]), round(pos[1]))})
        if shadow is not None:
            offset = max(2, size // 24)
            surface.blit(self.render(text, size, shadow), rect.move(offset, offset))
        self._tell(surface, text, size, colour, surf, rect)
        surface.blit(surf, rect)
        return rect

    def _tell(
        self,
        surface: pygame.Surface,
        text: str,
        size: int,
        colour: Colour,
        glyphs: pygame.Surface,
        rect: pygame.Rect,
    ) -> None:
        if self.on_draw is not None:
            px = self.font(size).point_size
            self.on_draw(TextDraw(text, size, px, colour, rect, surface, glyphs))

    def wrap(self, text: str, size: int, width: int) -> list[str]:
        """Split ``text`` into lines that fit ``width`` pixels at ``size``."""
        font = self.font(size)
        lines: list[str] = []
        for paragraph in text.split("\n"):
            words = paragraph.split()
            line = ""
            for word in words:
                trial = f"{line} {word}".strip()
                if font.size(trial)[0] <= width or not line:
                    line = trial
                else:
                    lines.append(line)
                    line = word
            lines.append(line)
        return lines

    def draw_wrapped(
        self,
        surface: pygame.Surface,
        text: str,
        size: int,
        colour: Colour,
        rect: pygame.Rect,
        line_gap: float = 1.15,
        max_lines: int | None = None,
    ) -> int:
        """Draw ``text`` word-wrapped inside ``rect``; return the height used."""
        lines = self.wrap(text, size, rect.width)
        if max_lines is not None and len(lines) > max_lines:
            lines = lines[:max_lines]
            lines[-1] = lines[-1].rstrip(". ") + "..."
        step = int(self.font(size).get_linesize() * line_gap)
        y = rect.top
        for line in lines:
            if line:
                glyphs = self.render(line, size, colour)
                self._tell(
                    surface, line, size, colour, glyphs, glyphs.get_rect(topleft=(rect.left, y))
                )
                surface.blit(glyphs, (rect.left, y))
            y += step
        return y - rect.top

    def clear(self) -> None:
        """Forget every font and rendered surface."""
        self._fonts.clear()
        self._cache.clear()
