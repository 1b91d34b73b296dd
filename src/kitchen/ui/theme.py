"""Colours and text sizes: a warm kitchen palette and a colour-blind-safe one (Okabe-Ito).

Everything on screen takes its colours from a :class:`Theme`, so switching the palette in
the settings recolours chefs, food, stations and timers at once. Colours are chosen so
that stations and items also differ in lightness (they stay distinguishable in
greyscale); shapes carry the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kitchen.chef_colours import CHEF_COLOURS
from kitchen.i18n import N_

Colour = tuple[int, int, int]

LOGICAL_SIZE = (1920, 1080)
"""Everything is drawn on a surface of this size, then scaled to the window."""

# Text sizes for pygame's bundled default font (the pixel height is about 0.7 x size).
TEXT_SMALL = 42
"""The smallest text in play: 28 px (``TextDraw.px``) on the 1920x1080 frame."""
TEXT_NOTE = 36
"""The smallest text in the debrief: 24 px."""
TEXT_BODY = 52
TEXT_LARGE = 68
TEXT_HEADING = 96
TEXT_TITLE = 150
TEXT_HUGE = 420

PALETTES = ("warm", "okabe_ito", "projector")
"""Palette names accepted in the settings."""

PALETTE_TITLES = {
    "warm": N_("Warm kitchen"),
    "okabe_ito": N_("Colour-blind safe (Okabe-Ito)"),
    "projector": N_("Projector (washed-out screens)"),
}


@dataclass(frozen=True)
class Theme:
    """A complete set of colours for the game."""

    name: str
    # screens
    backdrop: Colour = (38, 27, 21)
    panel: Colour = (64, 46, 36)
    panel_edge: Colour = (110, 82, 62)
    text: Colour = (255, 246, 228)
    text_dim: Colour = (214, 196, 170)
    text_dark: Colour = (35, 24, 18)
    accent: Colour = (255, 183, 71)
    accent_text: Colour = (35, 24, 18)
    danger: Colour = (235, 64, 52)
    danger_text: Colour = (255, 120, 104)
    """Red for text on the dark screens (``danger`` itself is a fill: too dark to read there)."""
    good: Colour = (72, 181, 92)
    # kitchen
    floor_a: Colour = (236, 222, 194)
    floor_b: Colour = (222, 204, 170)
    floor_line: Colour = (200, 180, 146)
    wall_top: Colour = (92, 64, 50)
    wall_front: Colour = (58, 39, 30)
    counter_top: Colour = (196, 160, 118)
    counter_front: Colour = (128, 96, 64)
    counter_edge: Colour = (160, 126, 90)
    crate: Colour = (176, 118, 62)
    crate_dark: Colour = (122, 78, 38)
    stove_top: Colour = (70, 72, 80)
    stove_front: Colour = (40, 41, 46)
    burner: Colour = (28, 28, 32)
    flame: Colour = (255, 120, 40)
    pot: Colour = (150, 156, 166)
    pot_dark: Colour = (92, 96, 106)
    board: Colour = (236, 196, 140)
    board_dark: Colour = (188, 146, 92)
    blade: Colour = (226, 232, 238)
    serve: Colour = (54, 142, 92)
    serve_dark: Colour = (30, 92, 58)
    bin_body: Colour = (84, 88, 92)
    bin_dark: Colour = (48, 50, 54)
    sink: Colour = (96, 168, 212)
    sink_dark: Colour = (50, 110, 150)
    plate: Colour = (250, 250, 246)
    plate_rim: Colour = (190, 192, 196)
    dirt: Colour = (140, 104, 60)
    # progress and warnings
    bar_back: Colour = (40, 30, 24)
    progress: Colour = (72, 181, 92)
    patience_high: Colour = (72, 181, 92)
    patience_mid: Colour = (242, 169, 0)
    patience_low: Colour = (215, 38, 61)
    warning: Colour = (255, 64, 40)
    ready: Colour = (72, 181, 92)
    star: Colour = (255, 200, 40)
    star_empty: Colour = (96, 80, 66)
    ticket: Colour = (255, 248, 232)
    ticket_edge: Colour = (170, 140, 104)
    # chefs and food
    players: tuple[Colour, Colour, Colour, Colour] = CHEF_COLOURS
    """The chefs' colours, shared with the report (``kitchen.chef_colours``)."""
    food: dict[str, Colour] = field(
        default_factory=lambda: {
            "onion": (176, 104, 176),
            "tomato": (222, 52, 40),
            "lettuce": (96, 186, 64),
            "mushroom": (200, 170, 140),
            "cucumber": (40, 120, 56),
            "bread": (214, 156, 80),
            "soup:onion": (226, 178, 92),
            "soup:tomato": (214, 76, 44),
            "soup:mushroom": (150, 110, 80),
            "burnt": (24, 22, 22),
        }
    )

    def player(self, number: int) -> Colour:
        """The colour of chef ``number`` (1-4)."""
        return self.players[(number - 1) % len(self.players)]

    def food_colour(self, name: str) -> Colour:
        """The colour of an ingredient, or of a soup by its key (``soup:onion+onion``)."""
        if name in self.food:
            return self.food[name]
        if name.startswith("soup:"):
            first = name[5:].split("+")[0].split(":")[0]
            return self.food.get("soup:" + first, self.food.get(first, (200, 160, 100)))
        return (200, 160, 100)

    def patience(self, fraction: float) -> Colour:
        """The colour of a patience bar that is ``fraction`` full."""
        if fraction > 0.5:
            return self.patience_high
        if fraction > 0.25:
            return self.patience_mid
        return self.patience_low


WARM = Theme(name="warm")

OKABE_ITO = Theme(
    name="okabe_ito",
    good=(0, 158, 115),
    progress=(86, 180, 233),
    patience_high=(0, 114, 178),
    patience_mid=(230, 159, 0),
    patience_low=(213, 94, 0),
    warning=(213, 94, 0),
    ready=(0, 158, 115),
    danger=(213, 94, 0),
    danger_text=(250, 150, 80),
    serve=(0, 114, 178),
    serve_dark=(0, 70, 120),
    sink=(86, 180, 233),
    sink_dark=(30, 110, 160),
    food={
        "onion": (204, 121, 167),
        "tomato": (213, 94, 0),
        "lettuce": (0, 158, 115),
        "mushroom": (210, 180, 150),
        "cucumber": (0, 96, 70),
        "bread": (230, 159, 0),
        "soup:onion": (240, 200, 110),
        "soup:tomato": (213, 94, 0),
        "soup:mushroom": (150, 110, 80),
        "burnt": (20, 20, 20),
    },
)


PROJECTOR = Theme(
    name="projector",
    backdrop=(0, 0, 0),
    panel=(24, 18, 14),
    panel_edge=(170, 140, 110),
    text=(255, 255, 255),
    text_dim=(236, 228, 212),
    accent=(255, 204, 96),
    floor_a=(250, 244, 230),
    floor_b=(236, 226, 204),
    floor_line=(170, 150, 120),
    counter_top=(176, 136, 92),
    counter_front=(96, 68, 44),
    wall_top=(70, 48, 36),
    wall_front=(30, 20, 16),
    ticket=(255, 255, 255),
    ticket_edge=(120, 96, 70),
    star_empty=(130, 116, 100),
)
"""For a projector in a lit room: the room's light lifts black to grey and washes out
mid-tones, so screens go black and text white, panels darker and outlines and the
floor lighter, widening every lightness step that survives the wash."""


def theme_for(palette: str) -> Theme:
    """The theme for a palette name (unknown names give the warm palette)."""
    return {"okabe_ito": OKABE_ITO, "projector": PROJECTOR}.get(palette, WARM)


def darker(colour: Colour, factor: float = 0.7) -> Colour:
    """``colour`` darkened by ``factor`` (0..1)."""
    return (int(colour[0] * factor), int(colour[1] * factor), int(colour[2] * factor))


def lighter(colour: Colour, amount: float = 0.35) -> Colour:
    """``colour`` mixed towards white by ``amount`` (0..1)."""
    return tuple(int(c + (255 - c) * amount) for c in colour)  # type: ignore[return-value]


def relative_luminance(colour: Colour) -> float:
    """WCAG 2 relative luminance of an sRGB colour (0 black to 1 white)."""

    def linear(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = colour
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast_ratio(a: Colour, b: Colour) -> float:
    """WCAG 2 contrast ratio of two colours, 1 (same) to 21 (black on white)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


DARK_INK: Colour = (20, 16, 14)


def readable_on(colour: Colour) -> Colour:
    """Near-black or white, whichever has the higher contrast ratio on ``colour``."""
    white = (255, 255, 255)
    return DARK_INK if contrast_ratio(DARK_INK, colour) >= contrast_ratio(white, colour) else white
