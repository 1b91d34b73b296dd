"""The screens in French: the real app walks the title, level list, settings, join, play
(quick-chat, facilitator panel, pause), round end, every debrief phase and the observation
sheet with the language set to French, listening to every string drawn
(:attr:`kitchen.ui.text.TextCache.on_draw`); none may be a string the French catalogue
translates, left in English (itself, the same text with its placeholders filled, or a line
of it word-wrapped). Key names are shown in the language too (the arrow key "Up":
"Haut"), while the settings keep SDL's names.

The catalogue read is the shipped one (``locales/fr/LC_MESSAGES/kitchen.mo``), through the
same :mod:`kitchen.i18n` lookup the game uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from babel.messages.mofile import read_mo
from screen_support import draw_stack, isolated_app

from kitchen import i18n
from kitchen.content import load_level
from kitchen.content.settings_model import ACTIONS, DEFAULT_TAGS, Settings
from kitchen.paths import shipped_levels
from kitchen.ui.input.bindings import key_label, layouts_from
from kitchen.ui.input.seats import Seat
from kitchen.ui.names import _TAGS, food_name, layout_name, tag_name
from kitchen.ui.quickchat import QuickChat, callout_label
from kitchen.ui.scenes.debrief import DebriefScene
from kitchen.ui.scenes.join import JoinScene
from kitchen.ui.scenes.level_select import LevelSelectScene
from kitchen.ui.scenes.observe import ObserveScene
from kitchen.ui.scenes.overlays import CountdownScene, PadLostScene, PauseScene
from kitchen.ui.scenes.play import PlayScene
from kitchen.ui.scenes.round_end import RoundEndScene
from kitchen.ui.scenes.settings_screen import KeyBindingsScene, SettingsScene
from kitchen.ui.scenes.title import TitleScene
from kitchen.ui.text import TextDraw

MO = i18n.LOCALES_DIR / "fr" / "LC_MESSAGES" / "kitchen.mo"
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_0-9]+\)[sd]")
NAME = re.compile(r"[{(]([a-z_0-9]+)")
NUMBERS = {"n", "count", "more", "need", "seconds", "clock", "score", "served", "expired"}
NUMBERS |= {"wrong", "percent", "rate", "x", "y", "width", "height", "when", "time"}
"""Placeholders that hold a number or a clock (anything else may hold words)."""
MIN_WORDS = 4
"""Letters a message must have outside its placeholders to be looked for with them filled
in (``{item}!`` could be any exclamation)."""
MIN_PIECE = 25
"""Characters a drawn line must have to be checked as a wrapped line of a message."""


@dataclass
class English:
    """The French catalogue's translated messages, as their English would be drawn."""

    exact: set[str] = field(default_factory=set)
    patterns: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    long: list[str] = field(default_factory=list)

    @classmethod
    def of_catalogue(cls) -> English:
        """Every message whose French differs from its English."""
        with MO.open("rb") as f:
            catalogue = read_mo(f)
        found = cls()
        for message in catalogue:
            if not message.id or not message.string:
                continue
            ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
            strings = (
                message.string if isinstance(message.string, (tuple, list)) else (message.string,)
            )
            for english in ids:
                if english in strings:
                    continue
                found.add(english)
        return found

    def add(self, english: str) -> None:
        """Look for ``english`` as drawn: itself, filled in, or wrapped."""
        if not PLACEHOLDER.search(english):
            self.exact.add(english)
            if len(english) >= MIN_PIECE:
                self.long.append(english)
            return
        literal = PLACEHOLDER.sub("", english)
        if sum(ch.isalpha() for ch in literal) < MIN_WORDS:
            return
        pieces = [re.escape(p) for p in PLACEHOLDER.split(english)]
        holes = [filled(token) for token in PLACEHOLDER.findall(english)]
        regex = pieces[0] + "".join(h + p for h, p in zip(holes, pieces[1:], strict=True))
        self.patterns.append((english, re.compile(regex, re.DOTALL)))

    def which(self, drawn: str) -> str | None:
        """The English message ``drawn`` is, if any."""
        text = drawn.rstrip(". ").removesuffix("...")
        if drawn in self.exact or text in self.exact:
            return drawn
        for english, pattern in self.patterns:
            if pattern.fullmatch(drawn):
                return english
        if len(text) >= MIN_PIECE:
            for english in self.long:
                if text in english:
                    return english
        return None


def filled(placeholder: str) -> str:
    """What a placeholder may be drawn as: a number or a clock, or any text."""
    name = NAME.search(placeholder)
    if name is not None and name.group(1) in NUMBERS:
        return r"[-+]?\d[\d\s.,:/%\u00a0]*"
    return ".+?"


@dataclass
class Listener:
    """Notes each string drawn, by screen."""

    screen: str = ""
    drawn: dict[str, list[str]] = field(default_factory=dict)

    def __call__(self, draw: TextDraw) -> None:
        self.drawn.setdefault(self.screen, []).append(draw.text)


def screens(app):
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
    join = JoinScene(app, level, path)
    app.reset_to(join)
    yield "join_empty"
    join.seats = [Seat(1, layout=0), Seat(2, layout=1)]
    yield "join"
    play = PlayScene(app, level, path, [Seat(1, layout=0), Seat(2, layout=1)], bots=True)
    app.reset_to(play)
    assert isinstance(app.scene, CountdownScene)
    yield "play_countdown"
    app.pop()
    for _tick in range(6 * 20):
        play.tick()
    play.chats[1] = QuickChat(1, ["onion", "plate"], [1, 2])
    yield "play_chat"
    play.chats[1].menu = "need"
    yield "play_chat_need"
    play.chats[1].menu = "warn"
    yield "play_chat_warn"
    del play.chats[1]
    for mode in ("menu", "help", "disruptions", "tags"):
        play.facilitator.open(mode)
        yield f"facilitator_{mode}"
    play.facilitator.close()
    play.facilitator.tag(app.settings.tags[0])
    yield "facilitator_note"
    play.facilitator.finish_note(keep=True)
    play.paused = True
    yield "play_paused"
    play.paused = False
    app.push(PadLostScene(app, play, 1))
    yield "pad_lost"
    app.pop()
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
    yield "round_end_team_only"
    log_path = play.recorded.log_path
    assert log_path is not None
    debrief = DebriefScene(app, log_path)
    app.reset_to(debrief)
    for phase in range(4):
        debrief.phase = phase
        yield f"debrief_{phase + 1}"
    sheet = ObserveScene(app, log_path)
    app.reset_to(sheet)
    yield "observe"
    sheet.show_measured = True
    yield "observe_measured"


@pytest.fixture(scope="module")
def french_screens(tmp_path_factory):
    """Every screen drawn once in French: what each drew."""
    listener = Listener()
    root = tmp_path_factory.mktemp("french_scenes")
    with i18n.using_language("fr"), isolated_app(root, seed=5) as app:
        app.text.on_draw = listener
        try:
            for name in screens(app):
                listener.screen = name
                draw_stack(app)
        finally:
            app.text.on_draw = None
    return listener.drawn


@pytest.mark.skipif("fr" not in i18n.available_languages(), reason="no compiled French catalogue")
def test_no_screen_draws_english_the_catalogue_translates(french_screens):
    english = English.of_catalogue()
    assert len(english.exact) > 100
    assert len(french_screens) >= 25
    assert all(len(texts) > 1 for texts in french_screens.values()), french_screens
    left = sorted(
        {
            f"{screen}: {text!r} is {which!r} in English"
            for screen, texts in french_screens.items()
            for text in texts
            if (which := english.which(text)) is not None
        }
    )
    assert not left, "\n".join(left)


def test_the_english_checker_finds_english_as_drawn():
    english = English()
    for message in (
        "Choose a level",
        "Press the new key for {action} ({layout})",
        "{item}!",
        "Everyone here is capable and wants to do well; we look at the system.",
    ):
        english.add(message)
    assert english.which("Choose a level") == "Choose a level"
    assert english.which("Press the new key for Up (WASD)") is not None
    assert english.which("Prêt !") is None  # "{item}!" is not looked for
    assert english.which("wants to do well; we look at the system.") is not None  # wrapped
    assert english.which("Choisir un niveau") is None


def test_shown_names_are_translated_and_the_data_keeps_english():
    assert set(_TAGS) == set(DEFAULT_TAGS)
    with i18n.using_language("en"):
        assert callout_label("need:onion@2") == "Need onion! -> 2"
        assert callout_label("warn:burning") == "Burning!"
        assert tag_name("silo") == "silo"
        assert layout_name("Arrows") == "Arrows"
        assert food_name("my_herb") == "my herb"
    assert tag_name("a tag of our own") == "a tag of our own"


def test_key_names_are_shown_in_the_language_and_the_settings_keep_sdls():
    layouts = Settings().layouts
    assert layouts[1].interact == "Right Shift"
    assert layouts[3].interact == "Keypad 9"
    shown = {}
    for lang in ("en", "fr"):
        with i18n.using_language(lang):
            keys = layouts_from([lay.model_dump() for lay in layouts])
            shown[lang] = (
                [key_label(getattr(lay, a)) for lay in layouts for a in ACTIONS],
                [k.move_label() for k in keys],
            )
    english, french = shown["en"], shown["fr"]
    assert {"R-Shift", "R-Ctrl", "Num 9", "Num +", "W"} <= set(english[0])
    assert {"Maj D", "Ctrl D", "Pavé 9", "Pavé +", "W"} <= set(french[0])
    assert english[1] == ["W A S D", "Arrows", "I J K L", "Num 8 4 5 6"]
    assert french[1] == ["W A S D", "Flèches", "I J K L", "Pavé 8 4 5 6"]


def test_the_join_hint_names_each_layout_once():
    layouts = layouts_from([lay.model_dump() for lay in Settings().layouts])
    for lang, expected in (
        ("en", ["WASD E", "Arrows R-Shift", "IJKL O", "Num 9"]),
        ("fr", ["WASD E", "Flèches Maj D", "IJKL O", "Pavé 9"]),
    ):
        with i18n.using_language(lang):
            said = [k.said_label("interact", layout_name(k.title)) for k in layouts]
        assert said == expected
