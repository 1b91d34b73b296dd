"""Every map that validates is seen whole: on the play screen, in a replay, in `kitchen
preview` and in the level select, tiles scale to fit; a map too big to read at 1080p is
refused by `kitchen validate` with one line; the shipped levels keep their tile size."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from frontend_support import TICK, skip_countdown

from kitchen.cli import main
from kitchen.content import load_level
from kitchen.content.kitchen_map import (
    KITCHEN_AREA_PIXELS,
    MAX_MAP_HEIGHT,
    MAX_MAP_WIDTH,
    MIN_TILE_PIXELS,
)
from kitchen.paths import shipped_levels
from kitchen.session import RecordedRound
from kitchen.session.replay import read_round_log
from kitchen.sim import Command
from kitchen.ui.input.seats import Seat
from kitchen.ui.render.hud import HUD_HEIGHT, KITCHEN_AREA
from kitchen.ui.render.kitchen_view import MAX_CELL, KitchenView
from kitchen.ui.scenes import level_select
from kitchen.ui.scenes.level_select import PREVIEW_SIZE, LevelSelectScene
from kitchen.ui.scenes.play import PlayScene
from kitchen.ui.scenes.replay import ReplayScene
from kitchen.ui.theme import LOGICAL_SIZE

SCREEN = pygame.Rect((0, 0), LOGICAL_SIZE)
LARGEST = [(MAX_MAP_WIDTH, 3), (3, MAX_MAP_HEIGHT), (MAX_MAP_WIDTH, MAX_MAP_HEIGHT)]
IDS = [f"{w}x{h}" for w, h in LARGEST]


def level_text(width: int, height: int) -> str:
    """A valid level whose map is ``width`` x ``height`` floor with no wall round it, a chef
    in each of its four corners and the stations for onion soup near the top left."""
    grid = [["." for _ in range(width)] for _ in range(height)]
    stations = "OPDS"
    for i, char in enumerate(stations):
        x, y = (1 + i, 1) if width >= height else (1, 1 + i)
        grid[y][x] = char
    corners = [(0, 0), (width - 1, 0), (0, height - 1), (width - 1, height - 1)]
    for player, (x, y) in enumerate(corners, start=1):
        grid[y][x] = str(player)
    rows = "\n".join("  " + "".join(row) for row in grid)
    return f"name: big\ntitle: Big\nmap: |\n{rows}\nrecipes: [onion_soup]\n"


def write(tmp_path: Path, width: int, height: int) -> Path:
    path = tmp_path / f"big_{width}x{height}.yaml"
    path.write_text(level_text(width, height))
    return path


def assert_whole(view: KitchenView, area: pygame.Rect) -> None:
    """Every tile of the map lies inside ``area``."""
    spec = view.spec
    assert area.contains(view.rect), (view.rect, area)
    for y in range(spec.height):
        for x in range(spec.width):
            tile = view.cell_rect((x, y))
            assert area.contains(tile), ((x, y), tile, area)


def colour_near(surface: pygame.Surface, point: tuple[float, float], colour: tuple) -> bool:
    got = surface.get_at((round(point[0]), round(point[1])))[:3]
    return all(abs(a - b) <= 2 for a, b in zip(got, colour, strict=False))


# --- the limit ------------------------------------------------------------------------


def test_the_limit_is_what_a_readable_tile_allows_in_the_play_screen():
    assert tuple(KITCHEN_AREA[2:]) == KITCHEN_AREA_PIXELS  # the same area the play screen uses
    assert (
        (MAX_MAP_WIDTH, MAX_MAP_HEIGHT)
        == (1920 // MIN_TILE_PIXELS, 740 // MIN_TILE_PIXELS)
        == (48, 18)
    )


@pytest.mark.parametrize("size", LARGEST, ids=IDS)
def test_the_largest_maps_validate(tmp_path, capsys, size):
    path = write(tmp_path, *size)
    assert main(["validate", str(path)]) == 0, capsys.readouterr()


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (
            (MAX_MAP_WIDTH + 1, 3),
            f"4:{3 + MAX_MAP_WIDTH}: map: the map is 49 tiles wide; the most that can be read on a 1080p screen is 48",
        ),
        (
            (3, MAX_MAP_HEIGHT + 1),
            f"{4 + MAX_MAP_HEIGHT}:3: map: the map is 19 tiles tall; the most that can be read on a 1080p screen is 18",
        ),
        (
            (1300, 3),
            "4:51: map: the map is 1300 tiles wide; the most that can be read on a 1080p screen is 48",
        ),
    ],
    ids=["one-too-wide", "one-too-tall", "1300x3"],
)
def test_a_map_past_the_limit_is_refused_in_one_line(tmp_path, capsys, size, expected):
    path = write(tmp_path, *size)
    before = path.read_bytes()
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr()
    lines = (out.out + out.err).strip().splitlines()
    assert lines == [f"{path}:{expected}"]
    assert "Traceback" not in out.err
    assert path.read_bytes() == before


def test_a_62_by_62_map_is_refused_once_for_each_direction(tmp_path, capsys):
    path = write(tmp_path, 62, 62)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr()
    assert (out.out + out.err).strip().splitlines() == [
        f"{path}:4:51: map: the map is 62 tiles wide; the most that can be read on a 1080p screen is 48",
        f"{path}:22:3: map: the map is 62 tiles tall; the most that can be read on a 1080p screen is 18",
    ]


# --- drawn whole ----------------------------------------------------------------------


@pytest.mark.parametrize("size", LARGEST, ids=IDS)
def test_the_play_screen_shows_the_largest_maps_whole(env, tmp_path, size):
    path = write(tmp_path, *size)
    app = env.app()
    seats = [
        Seat(p, layout=p - 1) for p in (1, 2, 3, 4)
    ]  # nobody moves: the chefs stay in the corners
    play = PlayScene(app, load_level(path), path, seats)
    app.push(play)
    skip_countdown(app)
    app.run_frames(1, TICK)
    assert app.scene is play
    view, area = play.view, pygame.Rect(KITCHEN_AREA)
    assert view.cell >= MIN_TILE_PIXELS
    assert_whole(view, area)
    assert SCREEN.contains(area)
    assert area.top >= HUD_HEIGHT
    assert len(play.round.chefs) == 4
    for player, chef in play.round.chefs.items():
        x, y = view.to_screen(chef.x, chef.y)
        assert view.cell_rect(chef.cell).collidepoint(x, y)
        # The body is drawn in the chef's colour (a point left of the number, below the shine).
        probe = (x - view.cell * 0.2, y + view.cell * 0.16)
        assert area.collidepoint(probe)
        assert colour_near(app.logical, probe, play.theme.player(player)), (player, chef.cell)
    for x, y in ((0, 0), (size[0] - 1, 0), (0, size[1] - 1), (size[0] - 1, size[1] - 1)):
        assert play.round.chefs[1 + (x > 0) + 2 * (y > 0)].cell == (x, y)


@pytest.mark.parametrize("size", LARGEST, ids=IDS)
def test_a_replay_shows_the_largest_maps_whole(env, tmp_path, size):
    path = write(tmp_path, *size)
    level = load_level(path)
    rec = RecordedRound(level, 1, sorted(level.spec.starts), log_path=tmp_path / "round.jsonl")
    for _ in range(5):
        rec.step({p: Command(move=(1, 1)) for p in level.spec.starts}, [])
    rec.close()
    app = env.app()
    scene = ReplayScene(app, read_round_log(rec.log_path))
    app.push(scene)
    app.run_frames(2, TICK)
    assert scene.view.cell >= MIN_TILE_PIXELS
    # Between the ticket bar and the replay's progress bar (at y=1000).
    assert_whole(scene.view, pygame.Rect(0, HUD_HEIGHT, 1920, 1000 - HUD_HEIGHT))


@pytest.mark.parametrize("size", LARGEST, ids=IDS)
def test_the_level_select_previews_the_largest_maps_whole(env, tmp_path, monkeypatch, size):
    path = write(tmp_path, *size)
    monkeypatch.setattr(level_select, "shipped_levels", lambda: [path])
    app = env.app()
    select = LevelSelectScene(app)
    app.push(select)
    app.run_frames(1, TICK)
    view = select.preview_view(0)
    picture = select.preview(0)
    assert view is not None
    assert picture is not None
    assert picture.get_size() == PREVIEW_SIZE
    assert_whole(view, picture.get_rect())
    for x, y in ((0, 0), (size[0] - 1, 0), (0, size[1] - 1), (size[0] - 1, size[1] - 1)):
        centre = view.cell_rect((x, y)).center
        assert picture.get_at(centre).a > 0, (x, y)  # drawn, not the transparent background


@pytest.mark.parametrize("size", LARGEST, ids=IDS)
def test_kitchen_preview_draws_the_largest_maps_whole(tmp_path, capsys, size):
    path = write(tmp_path, *size)
    out = tmp_path / "preview.png"
    assert main(["preview", str(path), "-o", str(out)]) == 0
    capsys.readouterr()
    pygame.display.init()
    image = pygame.image.load(str(out))
    assert image.get_size() == LOGICAL_SIZE
    # The kitchen is everything below the title and description that is not the backdrop.
    below = image.subsurface(pygame.Rect(0, 200, 1920, 880))
    backdrop = below.get_at((0, below.get_height() - 1))
    mask = pygame.mask.from_threshold(below, backdrop, (1, 1, 1, 255))
    mask.invert()
    drawn = mask.get_bounding_rects()
    box = drawn[0].unionall(drawn[1:])
    # A cropped map would fill the width (or height) with tiles of the wrong proportion:
    # drawn whole, the box holds width x height square tiles.
    tile_w, tile_h = box.width / size[0], box.height / size[1]
    assert tile_w >= MIN_TILE_PIXELS
    assert abs(tile_w - tile_h) <= 0.2 * tile_w, (box, size)
    assert box.bottom < below.get_height()  # not cut off at the bottom of the screen


# --- the shipped levels keep their size -------------------------------------------------


def test_the_shipped_levels_keep_their_tile_size(env):
    app = env.app()
    select = LevelSelectScene(app)
    area = pygame.Rect(KITCHEN_AREA)
    for i, (path, level, message) in enumerate(select.entries):
        assert level is not None, message
        assert path in shipped_levels()
        w, h = level.spec.width, level.spec.height
        play = KitchenView(level.spec, area, app.theme, app.icons, app.text)
        # What the kitchen view computed before maps were scaled to fit.
        assert play.cell == max(24, min(MAX_CELL, area.width // w, area.height // h)), path.name
        assert play.cell >= 100, path.name  # the shipped kitchens are drawn large
        preview = select.preview_view(i)
        assert preview is not None
        assert preview.cell == max(24, min(MAX_CELL, PREVIEW_SIZE[0] // w, PREVIEW_SIZE[1] // h)), (
            path.name
        )
