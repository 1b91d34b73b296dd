"""Settings through the real App: a broken file is kept and reported, the settings screen
saves at once and survives a restart, and key rebinding refuses clashes."""

from __future__ import annotations

import json
import os
import time

import pygame
import pytest
from frontend_support import (
    TICK,
    press,
)

from kitchen.content import settings_store
from kitchen.content.settings_model import Settings
from kitchen.content.settings_store import SettingsStore
from kitchen.ui.input.bindings import SDL_KEY_NAMES
from kitchen.ui.scenes.settings_screen import KeyBindingsScene, SettingsScene
from kitchen.ui.scenes.title import TitleScene
from kitchen.ui.theme import OKABE_ITO, WARM

BROKEN = {
    "invalid_json": ('{"volume": 0.3, "palette": "warm"', "not valid JSON"),
    "bad_value": (json.dumps({"volume": 7, "palette": "okabe_ito"}), "volume"),
    "bad_key": (
        json.dumps(
            {
                "layouts": [
                    {
                        "name": "X",
                        "up": "Escape",
                        "down": "S",
                        "left": "A",
                        "right": "D",
                        "interact": "E",
                        "use": "Q",
                        "callout": "R",
                    }
                ]
            }
        ),
        "layouts",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_settings_file_is_backed_up_reported_and_defaults_are_used(env, case):
    text, words = BROKEN[case]
    settings_file = env.config_dir / "settings.json"
    settings_file.write_text(text, encoding="utf-8")
    app = env.app()
    assert app.store.path == settings_file
    assert app.settings == Settings()
    assert app.notice
    assert words in app.notice
    assert "Default settings" in app.notice
    backups = sorted(env.config_dir.glob("settings.broken-*.json"))
    assert len(backups) == 1
    assert backups[0].read_text(encoding="utf-8") == text
    assert backups[0].name in app.notice
    # The notice is drawn on the title screen.
    app.push(TitleScene(app))
    app.run_frames(1, TICK)
    with_notice = app.logical.subsurface(pygame.Rect(160, 960, 1600, 100)).copy()
    app.notice = None
    app.run_frames(1, TICK)
    without = app.logical.subsurface(pygame.Rect(160, 960, 1600, 100)).copy()
    assert pygame.image.tobytes(with_notice, "RGB") != pygame.image.tobytes(without, "RGB")


def test_the_settings_screen_changes_volume_and_palette_and_they_persist(env):
    app = env.app()
    assert app.theme is WARM
    app.push(SettingsScene(app))
    app.run_frames(1, TICK)
    press(app, pygame.K_DOWN)  # Sound volume
    press(app, pygame.K_LEFT)  # 80% -> 70%
    press(app, pygame.K_LEFT)  # -> 60%
    assert app.settings.volume == pytest.approx(0.6)
    assert app.audio.volume == pytest.approx(0.6)
    for _ in range(3):
        press(app, pygame.K_DOWN)  # Music, Sound on/off, Colours
    assert app.scene.menu.items[app.scene.menu.index].text().startswith("Colours")
    press(app, pygame.K_RETURN)
    assert app.settings.palette == "okabe_ito"
    assert app.theme is OKABE_ITO
    saved = json.loads((env.config_dir / "settings.json").read_text(encoding="utf-8"))
    assert saved["volume"] == pytest.approx(0.6)
    assert saved["palette"] == "okabe_ito"
    press(app, pygame.K_ESCAPE)
    assert app.scene is None  # Esc closed the settings (the only screen here)

    again = env.app()
    assert again.notice is None
    assert again.settings.volume == pytest.approx(0.6)
    assert again.settings.palette == "okabe_ito"
    assert again.theme is OKABE_ITO
    assert again.audio.volume == pytest.approx(0.6)


def bindings_at_interact(env):
    app = env.app()
    scene = KeyBindingsScene(app)
    app.push(scene)
    for _ in range(4):  # Up, Down, Left, Right, *Pick up / put down*
        press(app, pygame.K_DOWN)
    assert (scene.row, scene.col) == (4, 0)
    return app, scene


def test_rebinding_wasd_pick_up_to_another_key_takes_effect_and_persists(env):
    app, scene = bindings_at_interact(env)
    press(app, pygame.K_RETURN)
    assert scene.waiting
    press(app, pygame.K_f)
    assert not scene.waiting
    assert app.settings.layouts[0].interact == "F"
    assert app.layouts[0].action_for(pygame.K_f) == "interact"
    assert app.layouts[0].action_for(pygame.K_e) is None
    assert "F" in scene.message
    again = env.app()
    assert again.layouts[0].action_for(pygame.K_f) == "interact"


@pytest.mark.parametrize(
    ("key", "says"),
    [
        (pygame.K_F5, "belongs to the menus"),
        (pygame.K_i, "already Up for IJKL"),
        (pygame.K_RSHIFT, "already Pick up / put down for Arrows"),
        (pygame.K_w, "already Up for WASD"),
    ],
)
def test_rebinding_refuses_reserved_keys_and_keys_of_other_actions(env, key, says):
    app, scene = bindings_at_interact(env)
    before = app.store.settings.model_dump()
    press(app, pygame.K_RETURN)
    press(app, key)
    assert says in scene.message
    assert app.store.settings.model_dump() == before
    assert app.layouts[0].action_for(pygame.K_e) == "interact"
    assert not (env.config_dir / "settings.json").exists()  # nothing was saved


def test_esc_while_waiting_for_a_key_leaves_the_binding_unchanged(env):
    app, scene = bindings_at_interact(env)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_ESCAPE)
    assert scene.message == "Unchanged"
    assert app.scene is scene
    assert app.layouts[0].action_for(pygame.K_e) == "interact"


ANY_SHAPE = {
    "a_list": ("[1, 2]", "Your settings file holds a list, not the settings object {...}."),
    "a_string": (
        '"fullscreen"',
        "Your settings file holds a string, not the settings object {...}.",
    ),
    "wrong_types": (
        json.dumps({"volume": "loud", "fullscreen": [], "layouts": 5, "tags": {"a": 1}}),
        "Your settings file has a problem: fullscreen: Input should be a valid boolean (and 3 more problems).",
    ),
    "deep": (
        "[" * 100_000,
        "Your settings file cannot be used (settings.json:1:65: nesting is deeper than 64 levels).",
    ),
    "nul": (
        '{"volume":\x000.5}',
        "Your settings file cannot be used (settings.json:1:11: the file holds NUL (U+0000)",
    ),
    "nul_in_a_tag": (
        json.dumps({"tags": ["a\u0000b"]}),
        "Your settings file has a problem: tags: holds NUL (U+0000), which cannot be shown.",
    ),
    "not_a_number": (
        '{"volume": NaN}',
        "Your settings file has a problem: volume: Input should be a finite number.",
    ),
    "huge": (
        " " * 300_000 + "{}",
        "Your settings file cannot be used (settings.json:1:1: file is 300,002 bytes; the limit is 262,144).",
    ),
}


@pytest.mark.parametrize("case", sorted(ANY_SHAPE))
def test_a_settings_file_of_any_shape_is_set_aside_and_defaults_are_used(tmp_path, case):
    text, says = ANY_SHAPE[case]
    path = tmp_path / "settings.json"
    path.write_text(text, encoding="utf-8")
    store = SettingsStore(path, keys=SDL_KEY_NAMES)
    assert store.load() == Settings()
    assert store.message.startswith(says), store.message
    assert store.message.endswith(
        f"Default settings are in use. It was moved aside as {store.backup.name}."
    )
    assert not path.exists()
    assert store.backup.read_text(encoding="utf-8") == text
    assert store.save()
    assert Settings.model_validate_json(path.read_text(encoding="utf-8")) == Settings()


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_settings_folder_or_pipe_is_set_aside(tmp_path, kind):
    path = tmp_path / "settings.json"
    if kind == "folder":
        path.mkdir()
        (path / "inside.txt").write_text("keep", encoding="utf-8")
    else:
        os.mkfifo(path)
    store = SettingsStore(path, keys=SDL_KEY_NAMES)
    assert store.load() == Settings()  # a pipe does not hang
    what = "a folder" if kind == "folder" else "a named pipe"
    assert store.message == (
        f"Your settings file cannot be used (settings.json: is {what}, not a file). Default settings "
        f"are in use. It was moved aside as {store.backup.name}."
    )
    if kind == "folder":
        assert (store.backup / "inside.txt").read_text(encoding="utf-8") == "keep"
    assert store.save()
    assert path.is_file()


def test_backups_never_replace_an_earlier_backup(tmp_path, monkeypatch):
    monkeypatch.setattr(time, "strftime", lambda fmt, *a: "20250101-120000")
    path = tmp_path / "settings.json"
    names = []
    for n in range(3):
        path.write_text(f"[{n}]", encoding="utf-8")
        store = SettingsStore(path, keys=SDL_KEY_NAMES)
        store.load()
        names.append(store.backup.name)
    assert names == [
        "settings.broken-20250101-120000.json",
        "settings.broken-20250101-120000-1.json",
        "settings.broken-20250101-120000-2.json",
    ]
    assert [(tmp_path / n).read_text(encoding="utf-8") for n in names] == ["[0]", "[1]", "[2]"]


def test_a_broken_file_that_cannot_be_moved_is_never_saved_over(tmp_path, monkeypatch):
    path = tmp_path / "settings.json"
    path.write_text("[1]", encoding="utf-8")

    def cannot(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(settings_store, "_set_aside", cannot)
    store = SettingsStore(path, keys=SDL_KEY_NAMES)
    store.load()
    assert store.message == (
        "Your settings file holds a list, not the settings object {...}. Default settings are in use. "
        "It could not be moved aside (Permission denied), so it was left untouched and changes to "
        "the settings will not be saved."
    )
    assert store.save() is False
    assert path.read_text(encoding="utf-8") == "[1]"


def test_the_game_starts_on_defaults_with_a_deeply_nested_settings_file(env):
    settings_file = env.config_dir / "settings.json"
    settings_file.write_text("[" * 100_000, encoding="utf-8")
    app = env.app()
    assert app.settings == Settings()
    assert app.notice
    assert "nesting is deeper than 64 levels" in app.notice
    assert not settings_file.exists()
    assert len(list(env.config_dir.glob("settings.broken-*.json"))) == 1


def test_f9_sets_the_keys_for_a_french_azerty_keyboard_and_f8_puts_them_back(env):
    app = env.app()
    scene = KeyBindingsScene(app)
    app.push(scene)
    press(app, pygame.K_F9)
    zqsd, arrows = app.layouts[0], app.layouts[1]
    assert zqsd.title == "ZQSD"
    assert [zqsd.action_for(k) for k in (pygame.K_z, pygame.K_q, pygame.K_s, pygame.K_d)] == [
        "up",
        "left",
        "down",
        "right",
    ]
    assert (zqsd.action_for(pygame.K_e), zqsd.action_for(pygame.K_a)) == ("interact", "use")
    assert zqsd.action_for(pygame.K_w) is None
    assert arrows.action_for(pygame.K_EXCLAIM) == "callout"
    assert "AZERTY" in scene.message
    again = env.app()  # saved at once
    assert again.layouts[0].action_for(pygame.K_z) == "up"
    press(app, pygame.K_F8)
    assert app.layouts[0].action_for(pygame.K_w) == "up"
    assert app.layouts[1].action_for(pygame.K_SLASH) == "callout"
