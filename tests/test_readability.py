"""Readable from the back of a room: every screen is drawn once per palette with a listener
on the text renderer (:attr:`kitchen.ui.text.TextCache.on_draw`), and each string drawn is
checked for

* size: its em size in pixels of the 1920x1080 frame (``Font.point_size``, the "px" of a
  CSS font size) is at least :data:`PLAY_MIN_PX` (28) on the screens players read during
  the game (title to round end) and :data:`DEBRIEF_MIN_PX` (24) in the debrief, replay,
  observation sheet and facilitator panel;
* contrast: the WCAG 2 contrast ratio between its colour and the pixel behind each inked
  pixel, sampled just before the text is drawn, is at least 4.5:1 for at least
  :data:`INK_SHARE` of the sampled pixels (the rest is room for anti-aliased edges and
  highlights of the shapes it is drawn over).

The screens are drawn once, in the warm palette (the default); every palette's text and
background pairs are checked on their own below.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pygame
import pytest
from screen_support import draw_stack, isolated_app

from kitchen.content import load_level
from kitchen.debrief.observations import ITEMS
from kitchen.paths import shipped_levels
from kitchen.session.replay import read_round_log
from kitchen.ui.input.seats import Seat
from kitchen.ui.quickchat import QuickChat
from kitchen.ui.scenes.debrief import DebriefScene
from kitchen.ui.scenes.join import JoinScene
from kitchen.ui.scenes.level_select import LevelSelectScene
from kitchen.ui.scenes.observe import ObserveScene
from kitchen.ui.scenes.overlays import CountdownScene, PauseScene
from kitchen.ui.scenes.play import PlayScene
from kitchen.ui.scenes.replay import ReplayScene
from kitchen.ui.scenes.round_end import RoundEndScene
from kitchen.ui.scenes.settings_screen import KeyBindingsScene, SettingsScene
from kitchen.ui.scenes.title import TitleScene
from kitchen.ui.text import TextDraw
from kitchen.ui.theme import PALETTES, contrast_ratio, readable_on, theme_for

PLAY_MIN_PX = 28
DEBRIEF_MIN_PX = 24
MIN_CONTRAST = 4.5
INK_SHARE = 0.9
DEBRIEF_SCREENS = ("debrief", "replay", "observe", "facilitator")
"""Screens (by name prefix) held to :data:`DEBRIEF_MIN_PX`; the rest to :data:`PLAY_MIN_PX`."""
LAYERED = ("play", "facilitator", "pause", "replay")
"""Screens that draw text over the kitchen's own text on purpose (a menu over a call-out,
a pause veil over the chefs); on every other screen no string's ink touches another's."""


@dataclass
class Problem:
    screen: str
    text: str
    why: str

    def __str__(self) -> str:
        return f"{self.screen}: {self.text!r}: {self.why}"


class Checker:
    """Listens to the text renderer and notes each string that is too small or too faint."""

    def __init__(self) -> None:
        self.screen = ""
        self.problems: list[Problem] = []
        self.drawn: dict[str, int] = {}
        self.inked: list[tuple[str, pygame.Rect, pygame.mask.Mask]] = []
        """This screen's strings so far, to find text drawn over text."""

    def __call__(self, draw: TextDraw) -> None:
        self.drawn[self.screen] = self.drawn.get(self.screen, 0) + 1
        least = DEBRIEF_MIN_PX if self.screen.startswith(DEBRIEF_SCREENS) else PLAY_MIN_PX
        if draw.px < least:
            self.note(draw, f"{draw.px} px (size {draw.size}) < {least} px")
        share, worst = ink_contrast(draw)
        if share < INK_SHARE:
            self.note(draw, f"only {share:.0%} of its ink has {MIN_CONTRAST}:1 (worst {worst:.2f})")
        if not self.screen.startswith(LAYERED):
            self.overlaps(draw)

    def overlaps(self, draw: TextDraw) -> None:
        """Note ``draw`` when its ink touches the ink of a string drawn before it."""
        mask = pygame.mask.from_surface(draw.glyphs, 100)
        for text, rect, other in self.inked:
            offset = (rect.x - draw.rect.x, rect.y - draw.rect.y)
            if rect.colliderect(draw.rect) and mask.overlap(other, offset):
                self.note(draw, f"drawn over {text!r}")
        self.inked.append((draw.text, draw.rect.copy(), mask))

    def note(self, draw: TextDraw, why: str) -> None:
        key = (self.screen, draw.text, why)
        if all((p.screen, p.text, p.why) != key for p in self.problems):
            self.problems.append(Problem(self.screen, draw.text, why))


def luminance_of(colour: tuple[int, ...]) -> float:
    from kitchen.ui.theme import relative_luminance

    return relative_luminance((colour[0], colour[1], colour[2]))


def ink_contrast(draw: TextDraw) -> tuple[float, float]:
    """The share of sampled inked pixels with enough contrast, and the worst ratio."""
    mask = pygame.mask.from_surface(draw.glyphs, 160)
    bounds = draw.surface.get_rect()
    ink = luminance_of(draw.colour)
    cache: dict[tuple[int, ...], float] = {}
    good = total = 0
    worst = 21.0
    width, height = mask.get_size()
    step = 2 if draw.px < 40 else 3
    for y in range(0, height, step):
        for x in range(0, width, step):
            if not mask.get_at((x, y)):
                continue
            at = (draw.rect.x + x, draw.rect.y + y)
            if not bounds.collidepoint(at):
                continue
            behind = tuple(draw.surface.get_at(at))
            ratio = cache.get(behind)
            if ratio is None:
                ratio = cache[behind] = contrast_ratio_l(ink, luminance_of(behind))
            total += 1
            good += ratio >= MIN_CONTRAST
            worst = min(worst, ratio)
    return (good / total if total else 1.0), worst


def contrast_ratio_l(a: float, b: float) -> float:
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)


def screens(app, checker: Checker) -> Iterator[str]:
    """Open each screen in turn; yields its name once it is on top, ready to draw."""
    path = shipped_levels()[0]
    level = load_level(path)
    app.push(TitleScene(app))
    yield "title"
    app.reset_to(LevelSelectScene(app))
    yield "level_select"
    app.reset_to(SettingsScene(app))
    yield "settings"
    app.reset_to(KeyBindingsScene(app))
    yield "settings_keys"
    app.reset_to(JoinScene(app, level, path))
    yield "join"
    play = PlayScene(app, level, path, [Seat(1, layout=0), Seat(2, layout=1)], bots=True)
    app.reset_to(play)
    assert isinstance(app.scene, CountdownScene)
    yield "play_countdown"
    app.pop()
    for _ in range(12 * 20):
        play.tick()
    play.feedback.bubbles[1] = ("Need onion! -> 2", 1e9)
    play.feedback.announce("Level reloaded", "01_tutorial.yaml", 1e9)
    chat = QuickChat(1, ["onion", "plate"], [1, 2])
    play.chats[1] = chat
    yield "play"
    chat.menu = "need"
    play.feedback.banner = None
    yield "play_chat_need"
    del play.chats[1]
    play.facilitator.open("menu")
    play.facilitator.flash = ("Tagged: good call", 1e9)
    yield "facilitator_menu"
    for mode in ("help", "disruptions", "tags"):
        play.facilitator.open(mode)
        yield f"facilitator_{mode}"
    play.facilitator.close()
    play.facilitator.tag(app.settings.tags[0])
    play.facilitator.draft = "the pass was blocked and nobody said so"
    yield "facilitator_note"
    play.facilitator.finish_note(keep=True)
    for label in app.settings.tags[1:7]:  # more tags than the observation sheet shows at once
        play.tick()
        play.facilitator.tag(label)
        play.facilitator.finish_note(keep=False)
    play.tick()
    play.paused = True
    yield "play_paused_by_facilitator"
    play.paused = False
    play.watcher.error = "line 3: the map has no serving window"
    yield "play_level_problems"
    play.watcher.error = None
    pause = PauseScene(app, play)
    app.push(pause)
    yield "pause"
    pause.end()
    play.update(0.1)
    end = app.find(RoundEndScene)
    assert end is not None, app.scenes
    app.reset_to(end)
    yield "round_end"
    end.team_only = not end.team_only
    yield "round_end_other_view"
    log_path = play.recorded.log_path
    assert log_path is not None
    debrief = DebriefScene(app, log_path)
    app.reset_to(debrief)
    for phase in range(4):
        debrief.phase = phase
        yield f"debrief_{phase + 1}"
        if phase == 2:
            debrief.more_cards = True
            for card in range(1, len(debrief._cards())):
                debrief.lesson = card
                yield f"debrief_3_card_{card + 1}"
            debrief.more_cards, debrief.lesson = False, 0
            debrief.people_view = True
            yield "debrief_3_people"
            debrief.team_only = not debrief.team_only
            yield "debrief_3_people_other_view"
            debrief.team_only = not debrief.team_only
            debrief.people_view = False
    app.reset_to(ReplayScene(app, read_round_log(log_path), start=10.0))
    yield "replay"
    sheet = ObserveScene(app, log_path)
    app.reset_to(sheet)
    assert len(sheet.tags) == 7, sheet.tags
    yield "observe"
    sheet.rate(0, 3)
    sheet.rate(len(ITEMS), 10)
    sheet.start_note(sheet.rows - 1)
    sheet.draft = "a long note on the last tag, long enough to need a second line here"
    yield "observe_note"
    sheet.save()
    yield "observe_saved"
    sheet.show_measured = True
    sheet.message = "Not saved yet: S saves, Esc again leaves without saving."
    yield "observe_measured"


def check_app(app, palette: str) -> Checker:
    app.store.update(palette=palette)
    app.apply_settings()
    checker = Checker()
    app.text.on_draw = checker
    for name in screens(app, checker):
        checker.screen = name
        checker.inked.clear()
        draw_stack(app)
    app.text.on_draw = None
    return checker


@pytest.fixture(scope="module")
def module_app(tmp_path_factory):
    """One app for the module (two open at once share one display and can crash SDL)."""
    root = tmp_path_factory.mktemp("readability")
    with isolated_app(root, seed=3) as app:
        yield app, root


@pytest.fixture(scope="module")
def checked(module_app):
    app, _ = module_app
    return check_app(app, "warm")


def test_every_text_is_large_enough_and_stands_out(checked):
    checker = checked
    assert checker.drawn.get("play", 0) > 5
    assert checker.drawn.get("debrief_4", 0) > 3
    assert checker.drawn.get("debrief_3_people", 0) > 10
    assert checker.drawn.get("observe_measured", 0) > 30
    assert not checker.problems, "\n".join(map(str, checker.problems))


def test_the_contrast_ratio_follows_wcag():
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((119, 119, 119), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio((10, 20, 30), (10, 20, 30)) == pytest.approx(1.0)


PAIRS = (
    ("text", "backdrop"),
    ("text", "panel"),
    ("text_dim", "backdrop"),
    ("text_dim", "panel"),
    ("accent", "backdrop"),
    ("accent", "panel"),
    ("danger_text", "backdrop"),
    ("danger_text", "panel"),
    ("accent_text", "accent"),
    ("text_dark", "ticket"),
    ("text_dark", "floor_a"),
)
"""(text colour, what it is drawn on) pairs the screens use."""


@pytest.mark.parametrize("palette", PALETTES)
def test_every_palette_keeps_its_text_pairs_readable(palette):
    theme = theme_for(palette)
    for ink, ground in PAIRS:
        ratio = contrast_ratio(getattr(theme, ink), getattr(theme, ground))
        assert ratio >= MIN_CONTRAST, f"{palette}: {ink} on {ground}: {ratio:.2f}"
    for chef in theme.players:
        assert contrast_ratio(readable_on(chef), chef) >= MIN_CONTRAST


SMALL_CELLS = """\
version: 1
name: small_cells
title: Small Cells
description: A kitchen as wide as a level may be drawn with 80 px tiles.
map: |
  XXPXPXXXXXXXXXXXXXXXXWXX
  T                      S
  O  1  2  3  4          X
  D                      X
  R                      X
  X                      X
  X                      X
  X                      X
  XXXCXXBXXXXXXXXXXXXXXXXX
recipes: [onion_soup, tomato_soup]
round: {seconds: 60}
kitchen: {dishwashing: true, plates: 12, dirty_plate_seconds: 6}
orders:
  patience: 120
  schedule: [{at: 0, recipe: onion_soup}]
scoring: {stars: [10, 20, 30]}
disruptions:
  - {kind: shortage, ingredient: tomato, at: 0, duration: 50, label: No tomatoes}
"""
"""24 by 9 tiles: 80 px tiles at 1080p (the shipped levels' smallest are 109 px, with the
facilitator panel open beside a 13-tile-wide kitchen)."""


@pytest.fixture(scope="module")
def small_cells(module_app, checked):
    """The small-tile kitchen in play with every tile label showing: the plate count, dirty
    plates at the sink and the return, an empty crate and a pot about to burn; the text
    drawn and the play screen."""
    from kitchen.sim.items import Item
    from kitchen.sim.stations import DirtyReturn, Sink, Stove

    app, root = module_app
    path = root / "small_cells.yaml"
    path.write_text(SMALL_CELLS, encoding="utf-8")
    play = PlayScene(app, load_level(path), path, [Seat(1, layout=0)], bots=True)
    app.reset_to(play)
    app.pop()  # the countdown
    for _ in range(30):
        play.tick()
    rnd = play.round
    stove = next(s for s in rnd.stations.values() if isinstance(s, Stove))
    stove.contents = [Item(900 + i, "ingredient", "onion") for i in range(3)]
    stove.state, stove.cook_ticks = "ready", 60
    assert rnd.spec.burn_ticks is not None
    stove.timer = rnd.spec.burn_ticks - rnd.spec.burn_warning_ticks + 30
    for station in rnd.stations.values():
        if isinstance(station, Sink):
            station.dirty = [Item(950 + i, "plate", "plate") for i in range(11)]
        elif isinstance(station, DirtyReturn):
            station.plates = [Item(970 + i, "plate", "plate") for i in range(10)]
    checker = Checker()
    checker.screen = "play_small_cells"
    drawn: list[TextDraw] = []

    def both(draw: TextDraw) -> None:
        drawn.append(draw)
        checker(draw)

    app.text.on_draw = both
    draw_stack(app)
    app.text.on_draw = None
    return play, drawn, checker


def test_small_tiles_keep_text_large_enough(small_cells):
    play, drawn, checker = small_cells
    assert play.view.cell <= 80
    assert len(drawn) > 10
    small = [p for p in checker.problems if " px " in p.why]
    assert not small, "\n".join(map(str, small))


def test_small_tiles_keep_their_labels_inside_the_tile(small_cells):
    """A station's count or EMPTY label stays inside its tile (a neighbouring station's
    label or the edge of the screen would cut it), and so stands out against it. EMPTY at
    28 px is wider than an 80 px tile: it is left out (the crate's veil and slash stay)."""
    play, drawn, checker = small_cells
    view, stations = play.view, play.round.stations
    labels = [d for d in drawn if d.text.isdigit() or d.text == "EMPTY"]
    outside = []
    for draw in labels:
        x, y = draw.rect.center
        tile = ((x - view.rect.x) // view.cell, (y - view.rect.y) // view.cell)
        if tile in stations and not view.cell_rect(tile).contains(draw.rect):
            outside.append((draw.text, tuple(draw.rect), tuple(view.cell_rect(tile))))
    assert {d.text for d in labels} >= {"12", "11", "10", "4"}
    assert "EMPTY" not in {d.text for d in labels}
    faint = [str(p) for p in checker.problems if " px " not in p.why]
    assert not outside, (outside, faint)
    assert not faint, faint
