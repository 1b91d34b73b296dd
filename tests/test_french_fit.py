"""French fits: every screen is drawn in English and in French (about 20 % longer) and every
string drawn is checked, through :attr:`kitchen.ui.text.TextCache.on_draw`, to be

* on its surface: no string runs off the screen (or off the layer it is drawn on);
* whole: no wrapped text is cut at its box's last line (``draw_wrapped``'s ``max_lines``)
  and no label is shortened with ``...``;
* inside its box: the ground under a string's two ends is the same (a string that starts
  on a button, card or panel and runs past its edge ends on another colour);
* clear of its neighbours: on screens that do not layer text on purpose, no string's ink
  touches another's (a column too narrow for its heading runs into the next one).

* below its box's bottom: wrapped text needs no more height than its box gives it;
* clear of the status lines: on play screens, text below the kitchen (the players' legend,
  the facilitator's confirmations) is checked for overlaps too.

The screens are :func:`test_readability.screens` (title to debrief, replay, observation
sheet, facilitator) plus what they do not show: a disruption's banner, the huddle, the
workshop and microphone lines, the hint labels, the tutorial card with a chef's keys, the
level editor's panels, and the longest texts a real game meets: the join screen of a level
with roles (four option buttons, four chefs seated on the four keyboard layouts), a round
with computer cooks only and F5 armed, the title with a broken settings file's notice,
and the debrief, Improve screen and redesign panels of a whole round of that level (lesson
cards with sources, its questions on the Application page, its roles). Drawn at the
logical 1920x1080 (the window's size does not matter). The readability minimums (28 px in
play, 24 px in the debrief) stay with tests/test_readability.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pygame
import pytest
from screen_support import draw_stack, isolated_app
from test_readability import LAYERED, Checker, screens

from kitchen.i18n import localize, using_language
from kitchen.paths import shipped_levels
from kitchen.ui.render.editor_panels import TABS
from kitchen.ui.render.hud import HUD_HEIGHT, KITCHEN_AREA
from kitchen.ui.render.huddle import draw_huddle, draw_indicator
from kitchen.ui.render.improve_panels import REDESIGN_TABS
from kitchen.ui.render.mic_indicator import draw_mic_indicator
from kitchen.ui.text import TextCache, TextDraw
from kitchen.ui.theme import LOGICAL_SIZE

KITCHEN_BOTTOM = KITCHEN_AREA[1] + KITCHEN_AREA[3]

pytestmark = pytest.mark.slow  # in CI's second pass (.ci/run): keeps the default run short


def _own_ellipses() -> list[re.Pattern[str]]:
    """The texts the code itself ends with ``...`` (``Need ...``, a menu item that opens
    more, ``Joining {name}...``): every such msgid Babel extracts from the code and its
    French translation, as patterns (a placeholder matches any text)."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.mofile import read_mo

    from kitchen.i18n import LOCALES_DIR

    root = LOCALES_DIR.parent
    words: list[str] = []
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(root), [("**.py", "python")]
    ):
        words.extend(message if isinstance(message, (tuple, list)) else [message])
    with open(LOCALES_DIR / "fr" / "LC_MESSAGES" / "kitchen.mo", "rb") as f:
        for message in read_mo(f):
            strs = message.string
            words.extend(strs if isinstance(strs, (tuple, list)) else [strs])
    patterns = []
    for text in words:
        if text and text.rstrip().endswith("..."):
            parts = re.split(r"\{[^}]*\}|%\([^)]*\)s", text.rstrip())
            if len("".join(parts)) > 4:  # "{text}..." alone would match anything
                patterns.append(re.compile(".*".join(map(re.escape, parts)) + "$"))
    return patterns


def shortened(text: str, patterns: list[re.Pattern[str]]) -> bool:
    """True when ``text`` ends with ``...`` that no catalogue text ends with: a label cut
    to fit (the code's own ``label[:-4] + "..."``)."""
    text = text.rstrip()
    return text.endswith("...") and not any(p.search(text) for p in patterns)


TIMELINE_SCREENS = ("debrief_2", "replay")
"""Screens with the timeline: its marks' labels are cut where marks crowd (by
:func:`kitchen.debrief.timeline.place_labels`; the tooltip shows each whole)."""

KNOWN: tuple[tuple[str, str, str], ...] = ()
"""Misfits in screens this test does not own (I18n-Scenes' files), each with what is wrong:
(screen prefix, text prefix, where and why). Remove an entry once fixed."""


def known(misfit: Misfit) -> bool:
    """True when ``misfit`` is listed in :data:`KNOWN` (the editor's: in its palette)."""
    return any(
        misfit.screen.startswith(screen)
        and misfit.text.startswith(text)
        and (screen != "editor_" or misfit.where == "palette")
        for screen, text, _why in KNOWN
    )


@dataclass(frozen=True)
class Misfit:
    screen: str
    text: str
    why: str
    where: str = ""

    def __str__(self) -> str:
        return f"{self.screen}: {self.text!r}: {self.why}"


def _ground(surface: pygame.Surface, x: int, y: int) -> tuple[int, int, int] | None:
    if not surface.get_rect().collidepoint(x, y):
        return None
    r, g, b, *_a = surface.get_at((x, y))
    return (r, g, b)


def _close(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    return sum(abs(p - q) for p, q in zip(a, b, strict=True)) <= 24


class FitChecker:
    """Listens to the text renderer and notes each string that does not fit."""

    def __init__(self) -> None:
        self.screen = ""
        self.misfits: list[Misfit] = []
        self.drawn: dict[str, int] = {}
        self.texts: dict[str, list[str]] = {}
        self.overlap = Checker()
        self.cut_next = False
        """Set by the wrapped-text spy when ``draw_wrapped`` dropped lines."""
        self.ellipses = _own_ellipses()
        self.crowded: set[str] = set()
        """Labels of timeline marks (tags, disruptions), cut by design where marks crowd."""

    def new_screen(self, name: str) -> None:
        self.screen = name
        self.overlap.screen = name
        self.overlap.inked.clear()

    def __call__(self, draw: TextDraw) -> None:
        self.drawn[self.screen] = self.drawn.get(self.screen, 0) + 1
        self.texts.setdefault(self.screen, []).append(draw.text)
        bounds = draw.surface.get_rect()
        ink = pygame.mask.from_surface(draw.glyphs, 100).get_bounding_rects()
        inked = ink[0].unionall(ink[1:]).move(draw.rect.topleft) if ink else draw.rect
        if not bounds.contains(inked):
            self.note(draw, f"runs off its surface ({inked} outside {bounds})")
        if self.cut_next:
            self.note(draw, "cut: the box holds fewer lines than the text needs")
        stem = draw.text[:-3]
        on_timeline = self.screen.startswith(TIMELINE_SCREENS) and draw.text.endswith("...")
        if on_timeline and any(label.startswith(stem) for label in self.crowded):
            return  # a crowded mark's label, cut by place_labels (its tooltip is whole)
        if shortened(draw.text, self.ellipses):
            self.note(draw, "shortened with '...'")
        self._box(draw, inked)
        if not self._over_kitchen(draw, inked):
            before = len(self.overlap.problems)
            self.overlap.overlaps(draw)
            for p in self.overlap.problems[before:]:
                self.note(draw, p.why)

    def _over_kitchen(self, draw: TextDraw, inked: pygame.Rect) -> bool:
        """True for text drawn over the kitchen on a screen that layers text there on
        purpose (a call-out over a chef; a zone's name on the kitchen's own layer); the
        HUD above and the status lines below are checked like any screen."""
        if not self.screen.startswith(LAYERED):
            return False
        on_layer = draw.surface.get_size() != LOGICAL_SIZE
        return on_layer or (inked.bottom > HUD_HEIGHT and inked.top < KITCHEN_BOTTOM)

    def _box(self, draw: TextDraw, inked: pygame.Rect) -> None:
        """A string that starts on a flat box must end on it: the ground just beyond its
        ink, at its middle height, is the same colour at both ends (drawn over the kitchen
        or a picture, the ground is not flat: nothing to say)."""
        if self._over_kitchen(draw, inked):
            return
        s = draw.surface
        y_top, y_bottom = inked.top + 1, inked.bottom - 2
        left = [_ground(s, inked.left - 3, y) for y in (y_top, y_bottom)]
        right = [_ground(s, inked.right + 2, y) for y in (y_top, y_bottom)]
        if None in left or None in right:
            return
        flat_left = _close(left[0], left[1])  # type: ignore[arg-type]
        flat_right = _close(right[0], right[1])  # type: ignore[arg-type]
        if flat_left and flat_right and not _close(left[0], right[0]):  # type: ignore[arg-type]
            self.note(draw, f"starts on {left[0]} but ends on {right[0]}: past its box's edge")

    def note(self, draw: TextDraw, why: str) -> None:
        from kitchen.ui.scenes.editor import PALETTE

        where = "palette" if PALETTE.collidepoint(draw.rect.center) else ""
        misfit = Misfit(self.screen, draw.text, why, where)
        if misfit not in self.misfits:
            self.misfits.append(misfit)


def _spy_wrapped(text: TextCache, checker: FitChecker) -> None:
    """Tell ``checker`` when ``draw_wrapped`` drops lines (its last line is then marked)."""
    original = TextCache.draw_wrapped

    def draw_wrapped(surface, words, size, colour, rect, line_gap=1.15, max_lines=None):
        lines = text.wrap(words, size, rect.width)
        whole = TextDraw(words, size, 0, colour, pygame.Rect(rect), surface, surface)
        if max_lines is not None and len(lines) > max_lines:
            checker.cut_next = True
            checker.note(whole, f"cut: needs {len(lines)} lines, its box holds {max_lines}")
            checker.cut_next = False
        shown = len(lines) if max_lines is None else min(len(lines), max_lines)
        font = text.font(size)
        height = (shown - 1) * int(font.get_linesize() * line_gap) + font.get_height()
        if height > rect.height + 2:
            checker.note(whole, f"runs past its box's bottom: {height} px tall in {rect}")
        return original(text, surface, words, size, colour, rect, line_gap, max_lines)

    text.draw_wrapped = draw_wrapped  # type: ignore[method-assign]


def extra_screens(app) -> Iterator[tuple[str, Callable[[], None]]]:
    """What :func:`test_readability.screens` does not show: each screen's name and how to
    draw it on the logical screen."""
    from kitchen.content import load_level
    from kitchen.events import DisruptionStarted
    from kitchen.sim.round import Round
    from kitchen.ui.banner_words import disruption_detail
    from kitchen.ui.input.seats import Seat
    from kitchen.ui.scenes.play import PlayScene

    path = shipped_levels()[0]
    play = PlayScene(app, load_level(path), path, [Seat(1, layout=0), Seat(2, layout=1)])
    app.reset_to(play)
    app.pop()  # the countdown
    for _tick in range(3 * 60):
        play.tick()
    yield "play_tutorial_card", lambda: draw_stack(app)
    for level_path in shipped_levels():  # every disruption of every shipped level: its banner
        rnd = Round(load_level(level_path).spec, seed=0)
        for spec in rnd.spec.disruptions:
            tiles = tuple(spec.stations[:1])
            players = tuple(spec.players) or (1,)
            event = DisruptionStarted(0, 0, spec.kind, spec.label, "schedule", None, tiles, players)
            detail = disruption_detail(rnd, event)
            play.feedback.announce(localize(spec.label), detail, 1e9)  # as the app does
            yield f"play_banner_{level_path.stem[:2]}_{spec.kind}", lambda: draw_stack(app)
    play.feedback.banner = None
    t, text = app.theme, app.text

    def huddle(seconds: float, resumes: bool) -> Callable[[], None]:
        return lambda: (draw_stack(app), draw_huddle(app.logical, seconds, resumes, t, text))

    yield "play_huddle", huddle(83.0, True)
    yield "play_huddle_over", huddle(0.0, False)
    for state in ("connected", "refused", "joining", "lost"):

        def workshop(state: str = state) -> None:
            draw_stack(app)
            draw_indicator(app.logical, state, "Atelier cadres de santé", t, text)

        yield f"workshop_{state}", workshop
    mics = [(0, "calibrating", "prep"), (1, "lost", ""), (2, "none", "")]
    yield "play_mics", lambda: (draw_stack(app), draw_mic_indicator(app.logical, mics, t, text))
    editor = app.go("editor", path=shipped_levels()[5])
    for tab in TABS:

        def panel(tab: str = tab) -> None:
            editor.tab = tab
            editor.draw(app.logical)

        yield f"editor_{tab}", panel


def _settings_notices(root: Path) -> Iterator[tuple[str, str]]:
    """What the title says about a broken settings file (in the language in force): moved
    aside, and (the longest) left in place because it could not be moved."""
    from kitchen.content import settings_store
    from kitchen.ui.input.bindings import SDL_KEY_NAMES

    root.mkdir(parents=True, exist_ok=True)
    path = root / "settings.json"
    for name in ("moved", "kept"):
        path.write_text('{"volume": "loud", "palette": 3}', encoding="utf-8")
        with pytest.MonkeyPatch.context() as mp:
            if name == "kept":

                def refuse(path: Path, stamp: str) -> Path:
                    raise PermissionError(13, "Permission denied")

                mp.setattr(settings_store, "_set_aside", refuse)
            store = settings_store.SettingsStore(path, keys=SDL_KEY_NAMES)
            store.load()
        assert store.message
        yield name, store.message


def every_lesson(values: dict) -> list:
    """Every lesson of the shipped pack as the debrief shows its card, filled with
    ``values`` (as :func:`kitchen.debrief.lessons.evaluate` fills the ones it brings up)."""
    from kitchen.debrief.lessons import card_of, load_pack

    pack = load_pack()
    return [card_of(pack, lesson, values, 1.0) for lesson in pack.lessons]


def silos_screens(app, root: Path) -> Iterator[tuple[str, Callable[[], None]]]:
    """The longest texts a real game of a level with roles shows (06_silos, as the tester
    played it in French): its join screen, a round of computer cooks with F5 armed, the
    title's settings notice, and a whole round's debrief, Improve screen and redesign."""
    from kitchen.bots import BotTeam
    from kitchen.content import load_level
    from kitchen.session import RecordedRound, Session
    from kitchen.ui.input.seats import Seat
    from kitchen.ui.scenes.debrief import DebriefScene
    from kitchen.ui.scenes.improve import ImproveScene
    from kitchen.ui.scenes.join import JoinScene
    from kitchen.ui.scenes.play import PlayScene
    from kitchen.ui.scenes.redesign_editor import RedesignScene
    from kitchen.ui.scenes.title import TitleScene

    path = next(p for p in shipped_levels() if p.stem == "06_silos")
    level = load_level(path)
    join = JoinScene(app, level, path, bots=True)
    app.reset_to(join)
    yield "join_silos", lambda: draw_stack(app)
    join.seats = [Seat(n + 1, layout=n) for n in range(4)]
    yield "join_silos_seated", lambda: draw_stack(app)
    play = PlayScene(app, level, path, [], bots=True)
    app.reset_to(play)
    app.pop()  # the countdown
    for _tick in range(30):
        play.tick()
    play.facilitator.press_end()
    yield "play_silos_end_armed", lambda: draw_stack(app)
    for name, notice in _settings_notices(root):
        app.notice = notice
        app.reset_to(TitleScene(app))
        yield f"title_notice_{name}", lambda: draw_stack(app)
    app.notice = None
    session = Session.create("Équipe de nuit", root=root)
    rec = RecordedRound(level, 3, sorted(level.spec.starts), session=session, people=())
    cooks = BotTeam(rec.round, talk=True)
    while not rec.round.finished:
        rec.step(cooks.commands())
    rec.close()
    assert rec.log_path is not None
    debrief = DebriefScene(app, rec.log_path)
    app.reset_to(debrief)
    debrief.phase = 2
    # Every lesson of the shipped pack on this round's figures, whichever the rules bring
    # up (the computer cooks change): the two longest questions first, for the
    # Application page.
    cards = every_lesson(debrief.round.values)
    debrief.round.cards = sorted(cards, key=lambda c: -len(c.questions[0]))
    debrief.more_cards = True
    for card in range(len(debrief._cards())):

        def analysis(card: int = card) -> None:
            debrief.lesson = card
            draw_stack(app)

        yield f"debrief_silos_3_card_{card + 1}", analysis
    debrief.lesson = 0

    def people() -> None:
        debrief.people_view = True
        draw_stack(app)
        debrief.people_view = False

    yield "debrief_silos_3_people", people

    def application() -> None:
        debrief.phase = 3
        draw_stack(app)

    yield "debrief_silos_4", application
    improve = ImproveScene(app, rec.log_path)
    assert not improve.error, improve.error
    app.reset_to(improve)
    yield "improve_silos", lambda: draw_stack(app)
    redesign = RedesignScene(app, improve.redesign)
    app.reset_to(redesign)
    for tab in REDESIGN_TABS:

        def redesign_tab(tab: str = tab) -> None:
            redesign.tab = tab
            draw_stack(app)

        yield f"redesign_silos_{tab}", redesign_tab


def check_language(app, lang: str, root: Path) -> FitChecker:
    """Draw every screen in ``lang`` (files it makes under ``root``); the checker holds
    what did not fit."""
    from kitchen.content import load_level
    from kitchen.ui.names import tag_name

    checker = FitChecker()
    with using_language(lang):
        checker.crowded = {tag_name(tag) for tag in app.settings.tags}
        for path in shipped_levels():
            checker.crowded |= {localize(d.label) for d in load_level(path).spec.disruptions}
        _spy_wrapped(app.text, checker)
        app.text.clear()
        app.text.on_draw = checker
        try:
            for name in screens(app, checker.overlap):
                checker.new_screen(name)
                draw_stack(app)
            for name, draw in extra_screens(app):
                checker.new_screen(name)
                draw()
            for name, draw in silos_screens(app, root / lang):
                checker.new_screen(name)
                draw()
        finally:
            app.text.on_draw = None
            del app.text.draw_wrapped
    return checker


@pytest.fixture(scope="module")
def module_app(tmp_path_factory):
    """One app for the module (two open at once share one display and can crash SDL)."""
    root = tmp_path_factory.mktemp("fit")
    with isolated_app(root, seed=3) as app:
        yield app, root


@pytest.fixture(scope="module")
def english(module_app):
    app, root = module_app
    return check_language(app, "en", root)


@pytest.fixture(scope="module")
def french(module_app, english):
    app, root = module_app
    return check_language(app, "fr", root)


def test_every_screen_was_drawn_in_both_languages(english, french):
    for checker in (english, french):
        assert checker.drawn.get("play", 0) > 5
        assert checker.drawn.get("debrief_3_people", 0) > 10
        assert checker.drawn.get("editor_Zones", 0) > 10
        assert checker.drawn.get("play_tutorial_card", 0) > 3
        assert any(name.startswith("play_banner_") for name in checker.drawn)
        for screen in ("join_silos_seated", "play_silos_end_armed", "title_notice_kept"):
            assert checker.drawn.get(screen, 0) > 5, screen
        assert checker.drawn.get("debrief_silos_3_card_2", 0) > 10
        assert checker.drawn.get("debrief_silos_4", 0) > 10
        assert checker.drawn.get("redesign_silos_Roles", 0) > 10
    assert english.texts["title"] != french.texts["title"], "the French catalogue is in use"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_text_is_cut_or_overflows_its_box(lang, english, french):
    checker = english if lang == "en" else french
    misfits = [m for m in checker.misfits if not known(m)]
    assert not misfits, "\n".join(map(str, misfits))
