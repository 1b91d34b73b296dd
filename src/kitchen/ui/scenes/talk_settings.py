"""Settings for talk recording: switch it on for this session, choose up to two
microphones and give each to a zone or role (docs/talk.md). Whether talk is recorded is
never remembered; the microphones and what they are given to are."""

from __future__ import annotations

from typing import Any

import pygame
from typing_extensions import override

from kitchen.content.settings_model import MicrophoneSettings, TalkSettings
from kitchen.i18n import N_, _, format_number, ngettext
from kitchen.ui.input.menu_keys import menu_action
from kitchen.ui.names import zone_name
from kitchen.ui.scenes.base import Scene
from kitchen.ui.talk_capture import (
    TALK_RECORDED,
    install_hint,
    label_choices,
    talk_switch,
    toggle_talk,
)
from kitchen.ui.theme import TEXT_HEADING, TEXT_SMALL
from kitchen.ui.widgets import Menu, MenuItem


def _level_labels() -> list[str]:
    """Every zone and role of the shipped levels (what a microphone can be given to)."""
    from kitchen.content import load_level
    from kitchen.paths import shipped_levels

    found: list[str] = [""]
    for path in shipped_levels():
        try:
            spec = load_level(path).spec
        except Exception:  # a level that does not load offers nothing here
            continue
        found += [c for c in label_choices(spec) if c not in found]
    return found


class TalkSettingsScene(Scene):
    """Talk recording: on or off for this session, and the microphones."""

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        from kitchen.talk.sources import list_devices

        self.devices = list_devices()
        self.labels = _level_labels()
        switch = talk_switch(app)
        items = [
            MenuItem(
                lambda: (
                    _("Talk recording this session: on")
                    if switch.on
                    else _("Talk recording this session: off")
                ),
                lambda: toggle_talk(app),
            )
        ]
        for mic in range(2):
            items.append(
                MenuItem(
                    lambda mic=mic: _("Microphone {n}: {device}").format(
                        n=mic + 1, device=self._device(mic)
                    ),
                    lambda mic=mic: self.next_device(mic),
                    adjust=lambda d, mic=mic: self.next_device(mic, d),
                )
            )
            items.append(
                MenuItem(
                    lambda mic=mic: _("Microphone {n} is for: {what}").format(
                        n=mic + 1, what=self._label(mic)
                    ),
                    lambda mic=mic: self.next_label(mic),
                    adjust=lambda d, mic=mic: self.next_label(mic, d),
                )
            )
        items.append(MenuItem(N_("Back"), app.pop))
        self.menu = Menu(app, items, (960, 520), width=1300, size=50)

    def _mics(self) -> list[MicrophoneSettings]:
        return list(self.app.store.settings.talk.microphones)

    def _device(self, mic: int) -> str:
        mics = self._mics()
        if mic >= len(mics):
            return _("none")
        return mics[mic].device or _("the default input")

    def _label(self, mic: int) -> str:
        mics = self._mics()
        if mic >= len(mics):
            return "-"
        return zone_name(mics[mic].label) if mics[mic].label else _("the whole kitchen")

    def next_device(self, mic: int, step: int = 1) -> None:
        """The next input device for microphone ``mic`` (the second can be none)."""
        mics = self._mics()
        choices = ["", *self.devices]
        if mic == 1:
            choices = ["none", *choices]
        now = mics[mic].device if mic < len(mics) else "none"
        pick = choices[(choices.index(now) + step) % len(choices) if now in choices else 0]
        if pick == "none":
            mics = mics[:1]
        elif mic < len(mics):
            mics[mic] = mics[mic].model_copy(update={"device": pick})
        else:
            mics.append(MicrophoneSettings(device=pick))
        self._save(mics)

    def next_label(self, mic: int, step: int = 1) -> None:
        """Give microphone ``mic`` to the next zone or role."""
        mics = self._mics()
        if mic >= len(mics):
            return
        now = mics[mic].label
        pick = self.labels[
            (self.labels.index(now) + step) % len(self.labels) if now in self.labels else 0
        ]
        mics[mic] = mics[mic].model_copy(update={"label": pick})
        self._save(mics)

    def _save(self, mics: list[MicrophoneSettings]) -> None:
        self.app.store.update(talk=TalkSettings(microphones=mics))
        self.app.apply_settings()

    @override
    def handle_event(self, event: pygame.event.Event) -> None:
        if menu_action(event) == "back":
            self.app.pop()
            return
        self.menu.handle_event(event)

    @override
    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        text = self.app.text
        surface.fill(t.backdrop)
        text.draw(surface, _("Talk recording"), TEXT_HEADING, t.accent, (960, 60), "center")
        box = pygame.Rect(160, 880, 1600, 130)
        text.draw_wrapped(surface, _(TALK_RECORDED), TEXT_SMALL, t.text, box, max_lines=3)
        hint = install_hint()
        note = hint or (
            _("No input device found: a round says 'no microphone' and goes on")
            if not self.devices
            else ngettext(
                "{n} input device found", "{n} input devices found", len(self.devices)
            ).format(n=format_number(len(self.devices)))
        )
        text.draw(surface, note, TEXT_SMALL, t.text_dim, (960, 1040), "center")
        self.menu.draw(surface)
