"""Watching a recorded round again: the whole round (``kitchen replay LOG --show``) or a
stretch of it chosen on the debrief's timeline. The round is re-simulated from its log, so
what is shown is exactly what happened."""

from __future__ import annotations

import pygame
from typing_extensions import override

from kitchen.i18n import _
from kitchen.session.replay import Playback, RoundLog
from kitchen.sim import TICKS_PER_SECOND
from kitchen.ui.loop import FixedStepLoop
from kitchen.ui.render.hud import HUD_HEIGHT, Hud
from kitchen.ui.render.kitchen_view import KitchenView
from kitchen.ui.render.shapes import bar
from kitchen.ui.scenes.base import Scene
from kitchen.ui.theme import TEXT_SMALL


class ReplayScene(Scene):
    """Plays ``log`` from ``start`` to ``end`` (seconds; default the whole round).

    Space pauses, Left/Right jump 5 s, Esc goes back.
    """

    def __init__(
        self,
        app,
        log: RoundLog,
        start: float = 0.0,
        end: float | None = None,
        close_app: bool = False,
    ) -> None:
        super().__init__(app)
        self.log = log
        self.playback = Playback(log)
        self.start_tick = max(0, int(start * TICKS_PER_SECOND))
        self.end_tick = (
            self.playback.end_tick
            if end is None
            else min(self.playback.end_tick, int(end * TICKS_PER_SECOND))
        )
        self.playback.seek(self.start_tick)
        self.close_app = close_app
        spec = self.playback.round.spec
        self.view = KitchenView(
            spec,
            pygame.Rect(0, HUD_HEIGHT + 8, 1920, 1080 - HUD_HEIGHT - 90),
            app.theme,
            app.icons,
            app.text,
        )
        self.hud = Hud(app.theme, app.icons, app.text)
        self.loop = FixedStepLoop()
        self.previous = {p: (c.x, c.y) for p, c in self.playback.round.chefs.items()}
        self.paused = False

    @override
    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type != pygame.KEYDOWN:
            return
        if event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
            if self.close_app:
                self.app.running = False
            else:
                self.app.pop()
        elif event.key == pygame.K_SPACE:
            if self.playback.tick >= self.end_tick:
                self.playback.seek(self.start_tick)
            self.paused = not self.paused
        elif event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            step = 5 * TICKS_PER_SECOND * (1 if event.key == pygame.K_RIGHT else -1)
            self.playback.seek(min(self.end_tick, max(self.start_tick, self.playback.tick + step)))
            self.previous = {p: (c.x, c.y) for p, c in self.playback.round.chefs.items()}

    @override
    def update(self, dt: float) -> None:
        if self.paused:
            self.loop.reset()
            return
        for _tick in range(self.loop.advance(dt)):
            if self.playback.tick >= self.end_tick or self.playback.round.finished:
                self.paused = True
                break
            self.previous = {p: (c.x, c.y) for p, c in self.playback.round.chefs.items()}
            self.playback.advance()

    @override
    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        rnd = self.playback.round
        surface.fill(t.backdrop)
        self.view.draw(surface, rnd, self.previous, self.loop.fraction)
        self.hud.draw(surface, rnd)
        span = max(1, self.end_tick - self.start_tick)
        done = (self.playback.tick - self.start_tick) / span
        bar(surface, pygame.Rect(40, 1000, 1840, 24), done, t.accent, t)
        now = self.playback.tick // TICKS_PER_SECOND
        clock = f"{now // 60}:{now % 60:02d}"
        label = (
            _("REPLAY  {clock}   paused - Space to play   Left/Right 5 s   Esc back")
            if self.paused
            else _("REPLAY  {clock}   Space pause   Left/Right 5 s   Esc back")
        ).format(clock=clock)
        self.app.text.draw(surface, label, TEXT_SMALL, t.text, (40, 1040))
