"""The level select, the join screen and the TEAM sheet's header in both languages, drawn
at the game's logical 1920x1080 (the window's size does not matter: it is scaled):

* the level select shows each shipped level's description in the language in force, whole
  (a French game showed the English one, and level 6's was cut with ``...``);
* its option rows (F2 silos, F3 computer cooks) fit the panel in every state, each naming
  its key; F2 on a level without roles says so instead of doing nothing;
* on the join screen each chef's key lines fit their place on one line and the option
  buttons fit their row, a wrapped label never leaving ``: OFF`` alone on a line;
* the TEAM sheet names the round's level by its title, not its id.

Every string drawn is checked by :class:`test_french_fit.FitChecker` (on its surface, whole,
inside its box, clear of its neighbours) and, for size and contrast, by
:class:`test_readability.Checker` at the play screens' minimum (28 px).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import pygame
import pytest
import test_french_fit
from frontend_support import TICK, press
from screen_support import draw_stack, isolated_app
from test_french_fit import FitChecker, _spy_wrapped
from test_readability import Checker

from kitchen.content import load_level
from kitchen.i18n import localize, using_language
from kitchen.paths import shipped_levels
from kitchen.ui.app import App
from kitchen.ui.input.seats import Seat
from kitchen.ui.scenes.join import JoinScene
from kitchen.ui.scenes.level_select import INFO, LevelSelectScene
from kitchen.ui.scenes.observe import ObserveScene
from kitchen.ui.text import TextDraw

SHIPPED = shipped_levels()
SILOS = next(p for p in SHIPPED if p.stem == "06_silos")
NO_ROLES = next(p for p in SHIPPED if p.stem == "02_two_recipes")


_ellipses = cache(test_french_fit._own_ellipses)
"""The catalogue's own texts ending with ``...``, read once (Babel reads every source)."""


def fit_checker() -> FitChecker:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(test_french_fit, "_own_ellipses", _ellipses)
        return FitChecker()


class Drawn:
    """Listens to the text renderer: what was drawn where, what does not fit, what is too
    small or faint."""

    def __init__(self) -> None:
        self.fit = fit_checker()
        self.read = Checker()
        self.texts: list[TextDraw] = []

    def screen(self, name: str) -> None:
        self.fit.new_screen(name)
        self.read.screen = name
        self.read.inked.clear()
        self.texts = []

    def __call__(self, draw: TextDraw) -> None:
        self.texts.append(draw)
        self.fit(draw)
        self.read(draw)

    @property
    def strings(self) -> list[str]:
        return [d.text for d in self.texts]

    def problems(self) -> list[str]:
        return [str(m) for m in self.fit.misfits] + [str(p) for p in self.read.problems]


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Iterator[App]:
    with isolated_app(tmp_path_factory.mktemp("select"), seed=5) as app:
        yield app


@pytest.fixture
def drawn(app) -> Iterator[Drawn]:
    listener = Drawn()
    _spy_wrapped(app.text, listener.fit)
    try:
        yield listener
    finally:
        del app.text.draw_wrapped


def draw(app: App, drawn: Drawn, name: str) -> None:
    """One frame of the screens on top, heard by ``drawn`` (the frames that keys run are
    not: their strings would overlap these)."""
    drawn.screen(name)
    app.text.on_draw = drawn
    try:
        draw_stack(app)
    finally:
        app.text.on_draw = None


def words(text: str) -> str:
    return " ".join(text.split())


def select_level(app: App, path) -> LevelSelectScene:
    select = LevelSelectScene(app)
    app.reset_to(select)
    while select.entries[select.index][0] != path:
        press(app, pygame.K_DOWN)
    return select


# --- the level select ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_level_select_shows_each_description_in_the_language_in_force_whole(app, drawn, lang):
    with using_language(lang):
        app.text.clear()
        select = LevelSelectScene(app)
        app.reset_to(select)
        for path, level, message in select.entries:
            assert level is not None, message
            draw(app, drawn, f"levels_{path.stem}")
            description = words(localize(level.definition.description))
            shown = [
                d
                for d in drawn.texts
                if INFO.contains(d.rect) and d.colour == app.theme.text and d.text in description
            ]
            assert words(" ".join(d.text for d in shown)) == description, path.name
            if lang == "fr":
                english = words(level.definition.description)  # the text itself is English
                assert english != description, path.name
                assert not any(d.text in english for d in shown), path.name
            assert not drawn.problems(), "\n".join(drawn.problems())
            press(app, pygame.K_DOWN)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_options_fit_the_panel_in_every_state_and_name_their_keys(app, drawn, lang):
    with using_language(lang):
        app.text.clear()
        for path in (SILOS, NO_ROLES):
            select = select_level(app, path)
            for silos in (True, False):
                for bots in (False, True):
                    select.silos, select.bots = silos, bots
                    draw(app, drawn, f"levels_{path.stem}_{silos}_{bots}")
                    buttons = select.option_buttons()
                    assert [key for *_rest, key, _action in buttons] == ["F2", "F3"]
                    for rect, lines, _on, key, _action in buttons:
                        assert INFO.contains(rect)
                        inside = [d.text for d in drawn.texts if rect.contains(d.rect)]
                        assert key in inside
                        assert all(line in inside for line in lines), (lines, inside)
                    assert not drawn.problems(), "\n".join(drawn.problems())


def test_f2_on_a_level_without_roles_says_so_until_the_next_key(app, drawn):
    with using_language("en"):
        app.text.clear()
        select = select_level(app, NO_ROLES)
        press(app, pygame.K_F2)
        assert select.silos  # nothing to switch
        draw(app, drawn, "levels_no_roles_f2")
        said = [s for s in drawn.strings if "no roles" in s and "no silos to switch" in s]
        assert said, drawn.strings
        assert not drawn.problems(), "\n".join(drawn.problems())
        press(app, pygame.K_F3)
        draw(app, drawn, "levels_no_roles_f3")
        assert not any("no silos to switch" in s for s in drawn.strings)
        assert select.bots
        select = select_level(app, SILOS)
        press(app, pygame.K_F2)
        assert not select.silos
        draw(app, drawn, "levels_silos_f2")
        assert not any("no silos to switch" in s for s in drawn.strings)
        assert "Silos: OFF (redesign round)" in drawn.strings


def test_the_option_buttons_can_be_clicked(app):
    select = LevelSelectScene(app)
    app.reset_to(select)
    app.run_frames(1, TICK)
    rect = select.option_buttons()[-1][0]  # F3 (SDL gives a click's place in logical pixels)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=rect.center))
    app.run_frames(1, TICK)
    assert select.bots
    assert app.scene is select


# --- the join screen -------------------------------------------------------------------


def lone_word(line: str) -> bool:
    """A wrapped line holding a single word (``: OFF``, ``NON``)."""
    return len(re.findall(r"\w+", line)) < 2


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_join_screen_s_places_and_buttons_fit(app, drawn, lang):
    with using_language(lang):
        app.text.clear()
        for path in (SILOS, NO_ROLES):
            level = load_level(path)
            join = JoinScene(app, level, path)
            app.reset_to(join)
            join.seats = [Seat(n + 1, layout=n) for n in range(min(4, len(level.spec.starts)))]
            for bots in (False, True):
                join.bots = bots
                draw(app, drawn, f"join_{path.stem}_{bots}")
                assert not drawn.problems(), "\n".join(drawn.problems())
                for seat in join.seats:
                    place = join.seat_rect(seat.player).inflate(-2 * 8, -2 * 8)
                    lines = [line for line, _first in join.seat_lines(seat)]
                    assert lines == join._controls(seat), "each key on one line"
                    inside = [d for d in drawn.texts if place.contains(d.rect)]
                    assert all(line in [d.text for d in inside] for line in lines)
                for rect, lines, label, _action in join._button_layout():
                    assert pygame.Rect(0, 0, 1920, 1080).contains(rect)
                    inside = [d.text for d in drawn.texts if rect.contains(d.rect)]
                    assert lines == inside, (label, lines, inside)
                    assert words(" ".join(lines)) == words(label)
                    assert len(lines) == 1 or not any(map(lone_word, lines)), lines


# --- the TEAM sheet ----------------------------------------------------------------------


def test_the_team_sheet_names_the_level_by_its_title(app, drawn, tmp_path):
    from kitchen.bots import BotTeam
    from kitchen.session import RecordedRound, Session

    level = load_level(SILOS)
    session = Session.create("Night shift", root=tmp_path)
    rec = RecordedRound(level, 3, sorted(level.spec.starts), session=session, people=())
    cooks = BotTeam(rec.round)
    for _tick in range(120):
        rec.step(cooks.commands())
    rec.close()
    assert rec.log_path is not None
    for lang, said in (("en", "Departments, round 1"), ("fr", "Services cloisonnés, manche 1")):
        with using_language(lang):
            app.text.clear()
            app.reset_to(ObserveScene(app, rec.log_path))
            draw(app, drawn, f"observe_{lang}")
            assert said in drawn.strings
            assert not any(s.startswith("silos,") for s in drawn.strings)
            assert not drawn.fit.misfits, "\n".join(map(str, drawn.fit.misfits))


def test_f2_on_the_join_screen_of_a_level_without_roles_says_so(app):
    with using_language("en"):
        join = JoinScene(app, load_level(NO_ROLES), NO_ROLES)
        app.reset_to(join)
        press(app, pygame.K_F2)
        assert "no roles" in join.message
        assert join.silos
        press(app, pygame.K_e)  # WASD joins: the status line is back
        assert join.message == ""
        assert join.seats


def test_a_description_too_long_for_the_panel_is_cut_and_the_picture_kept(
    app, drawn, tmp_path, monkeypatch
):
    from frontend_support import QUICK_SOUP_LEVEL

    from kitchen.ui.scenes import level_select

    long = "A very long description of this kitchen, said again and again. " * 30
    path = tmp_path / "long.yaml"
    text = QUICK_SOUP_LEVEL.replace("description: One fast onion soup.", f"description: {long}")
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(level_select, "shipped_levels", lambda: [path])
    select = LevelSelectScene(app)
    app.reset_to(select)
    draw(app, drawn, "levels_long")
    shown = [d for d in drawn.texts if d.text.startswith("A very long") or "again" in d.text]
    assert shown[-1].text.endswith("..."), "cut where the panel ends"
    top = min(rect.top for rect, *_rest in select.option_buttons())
    assert all(INFO.contains(d.rect) and d.rect.bottom < top for d in shown)
    assert shown[0].rect.top >= INFO.top + level_select.PREVIEW_LEAST  # below the picture
