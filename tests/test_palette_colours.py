"""Chef colours stay tellable apart for colour-blind players.

For every palette, each chef's colour must differ from every other chef's colour and from
every station and ingredient colour (and the floor chefs walk on) by a CIEDE2000 colour
difference of at least :data:`MIN_DELTA_E` under normal vision and under simulated
protanopia, deuteranopia and tritanopia.

Simulation: Machado, Oliveira & Fernandes, "A Physiologically-based Model for Simulation of
Color Vision Deficiency", IEEE TVCG 15(6), 2009: the severity-1.0 matrices, applied to
linear (de-gamma'd) sRGB, the result clipped to 0..1 and gamma-encoded again.
Difference: CIE L*a*b* (D65 white) and CIEDE2000 (Sharma, Wu & Dalal, Color Research &
Application 30(1), 2005), checked below against a pair from their test data.
A CIEDE2000 difference of 10 is about what tells two small flat patches apart at a
glance; 1-2 is barely visible side by side.
"""

from __future__ import annotations

import itertools
import math

import pytest

from kitchen.ui.theme import PALETTES, Colour, theme_for

MIN_DELTA_E = 10.0

MACHADO = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}
VISIONS = ("normal", *MACHADO)

STATIONS = (
    "floor_a",
    "floor_b",
    "counter_top",
    "crate",
    "stove_top",
    "pot",
    "board",
    "serve",
    "bin_body",
    "sink",
    "plate",
)
"""The theme's colour of each station's body (and the floor under the chefs)."""

Lab = tuple[float, float, float]


def _linear(c: float) -> float:
    s = c / 255
    return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4


def _encode(v: float) -> float:
    v = min(1.0, max(0.0, v))
    return 255 * (12.92 * v if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055)


def simulate(colour: Colour, vision: str) -> tuple[float, float, float]:
    """``colour`` as seen with ``vision`` ("normal" or a key of :data:`MACHADO`)."""
    if vision == "normal":
        return (float(colour[0]), float(colour[1]), float(colour[2]))
    lin = [_linear(c) for c in colour]
    m = MACHADO[vision]
    r, g, b = (_encode(sum(m[i][j] * lin[j] for j in range(3))) for i in range(3))
    return (r, g, b)


def to_lab(rgb: tuple[float, float, float]) -> Lab:
    """CIE L*a*b* of an sRGB colour (D65)."""
    r, g, b = (_linear(c) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def ciede2000(lab1: Lab, lab2: Lab) -> float:
    """The CIEDE2000 difference of two L*a*b* colours (kL = kC = kH = 1)."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360
    h2p = math.degrees(math.atan2(b2, a2p)) % 360
    dlp, dcp = l2 - l1, c2p - c1p
    if c1p * c2p == 0:
        dhp = 0.0
    elif abs(h2p - h1p) <= 180:
        dhp = h2p - h1p
    else:
        dhp = h2p - h1p - 360 if h2p - h1p > 180 else h2p - h1p + 360
    d_hp = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dhp / 2))
    lbp, cbp = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        hbp = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hbp = (h1p + h2p) / 2
    else:
        hbp = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(hbp - 30))
        + 0.24 * math.cos(math.radians(2 * hbp))
        + 0.32 * math.cos(math.radians(3 * hbp + 6))
        - 0.20 * math.cos(math.radians(4 * hbp - 63))
    )
    d_theta = 30 * math.exp(-(((hbp - 275) / 25) ** 2))
    rc = 2 * math.sqrt(cbp**7 / (cbp**7 + 25**7))
    sl = 1 + 0.015 * (lbp - 50) ** 2 / math.sqrt(20 + (lbp - 50) ** 2)
    sc = 1 + 0.045 * cbp
    sh = 1 + 0.015 * cbp * t
    rt = -math.sin(math.radians(2 * d_theta)) * rc
    return math.sqrt(
        (dlp / sl) ** 2 + (dcp / sc) ** 2 + (d_hp / sh) ** 2 + rt * (dcp / sc) * (d_hp / sh)
    )


def difference(a: Colour, b: Colour, vision: str) -> float:
    """CIEDE2000 between ``a`` and ``b`` as seen with ``vision``."""
    return ciede2000(to_lab(simulate(a, vision)), to_lab(simulate(b, vision)))


def test_ciede2000_matches_the_published_test_data():
    # Sharma et al. 2005, Table 1, pairs 1 and 17.
    assert ciede2000((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485)) == pytest.approx(
        2.0425, abs=1e-4
    )
    assert ciede2000((50.0, 2.5, 0.0), (73.0, 25.0, -18.0)) == pytest.approx(27.1492, abs=1e-4)


def test_the_simulations_merge_the_colours_each_deficiency_confuses():
    red, green = (200, 60, 40), (90, 140, 40)
    assert difference(red, green, "normal") > 25
    assert difference(red, green, "deuteranopia") < difference(red, green, "normal") / 2
    blue, green_blue = (40, 90, 200), (40, 140, 140)
    assert difference(blue, green_blue, "tritanopia") < difference(blue, green_blue, "normal")


@pytest.mark.parametrize("palette", PALETTES)
def test_chef_colours_differ_from_each_other_and_everything_in_the_kitchen(palette):
    theme = theme_for(palette)
    others = {name: getattr(theme, name) for name in STATIONS}
    others.update({f"food {name}": colour for name, colour in theme.food.items()})
    problems = []
    for vision in VISIONS:
        for n, chef in enumerate(theme.players, start=1):
            for name, colour in others.items():
                d = difference(chef, colour, vision)
                if d < MIN_DELTA_E:
                    problems.append(f"{vision}: chef {n} {chef} vs {name} {colour}: {d:.1f}")
        for (n, a), (m, b) in itertools.combinations(enumerate(theme.players, start=1), 2):
            d = difference(a, b, vision)
            if d < MIN_DELTA_E:
                problems.append(f"{vision}: chef {n} {a} vs chef {m} {b}: {d:.1f}")
    assert not problems, "\n".join(problems)
