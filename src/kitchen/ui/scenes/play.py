"""The kitchen in play: the screen that turns keys and buttons into the chefs' commands and
draws the round.

The round itself is driven by :class:`kitchen.ui.round_driver.RoundDriver` (ticking,
recording, computer cooks, commands); what it sounds and shows like as it happens by
:class:`kitchen.ui.round_feedback.RoundFeedback` (sounds, bubbles, banners); a level file
being edited is watched by :class:`kitchen.ui.level_watch.LevelWatcher`; the chefs'
quick-chats are :class:`kitchen.ui.open_chats.OpenChats`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame

from kitchen.content import Level
from kitchen.events import Event
from kitchen.i18n import _
from kitchen.session import RecordedRound
from kitchen.sim import Command
from kitchen.sim.actions import EndRound
from kitchen.sim.assists import Assists
from kitchen.sim.round import Round
from kitchen.ui.host import Host
from kitchen.ui.input.gamepads import PAD_BUTTON
from kitchen.ui.input.seats import PAD_INTERACT, Controls, Seat
from kitchen.ui.level_watch import LevelWatcher
from kitchen.ui.loop import FixedStepLoop
from kitchen.ui.names import layout_name
from kitchen.ui.open_chats import OpenChats
from kitchen.ui.quickchat import QuickChat
from kitchen.ui.render.hud import KITCHEN_AREA, Hud
from kitchen.ui.render.kitchen_view import KitchenView
from kitchen.ui.render.mic_indicator import draw_mic_indicator
from kitchen.ui.render.shapes import panel
from kitchen.ui.render.ticket_clipboard import draw_ticket_clipboards
from kitchen.ui.render.tutorial_prompt import TOGGLE_KEY, TutorialPrompt, room_for_card
from kitchen.ui.round_driver import RoundDriver
from kitchen.ui.round_feedback import RoundFeedback
from kitchen.ui.scenes.base import Scene
from kitchen.ui.scenes.facilitator import FacilitatorPanel
from kitchen.ui.scenes.overlays import CountdownScene, PadLostScene, PauseScene
from kitchen.ui.talk_capture import TalkCapture
from kitchen.ui.theme import TEXT_HEADING, TEXT_SMALL

SIDE_MARGIN = 24
"""The gap kept between the kitchen and the screen's right edge when the facilitator's panel
pushes the kitchen to the right."""


class PlayScene(Scene):
    """One round being played.

    Args:
        level: the level; ``path`` its file (for ``--watch``).
        seats: the human chefs and their devices.
        silos: enforce the level's roles and zones.
        bots: computer cooks take the chefs nobody joined as.
        watch: reload the level when its file changes.
    """

    def __init__(
        self,
        app: Host,
        level: Level,
        path: Path | None,
        seats: list[Seat],
        silos: bool = True,
        bots: bool = False,
        watch: bool = False,
    ) -> None:
        super().__init__(app)
        self.level = level
        self.path = path
        self.seats = seats
        self.silos = silos
        self.bots = bots
        self.watch = watch
        # the seed in force when the round was set up, kept for a restart: a redesign's
        # test round restarted from the pause menu keeps its compared round's seed
        self.seed = app.seed
        self.watcher = LevelWatcher(path)
        self.paused = False
        self.abandoned = False
        self.start_round()

    # --- setting up -------------------------------------------------------------------

    def start_round(self) -> None:
        """A fresh round of the current level (also used by restart and reload)."""
        app = self.app
        spec = self.level.spec
        assists = Assists(**app.settings.assist.model_dump())
        humans = [s.player for s in self.seats]
        idle = [s.player for s in self.seats if not s.connected]
        session = app.workshop_session()
        self.driver = RoundDriver(
            self.level, humans, self.silos, self.bots, self.seed, assists, session, idle
        )
        if self.driver.log_error:
            app.notice = self.driver.log_error
        self.talk = TalkCapture.for_round(app, spec)  # None unless talk recording is on
        self.controls = Controls(self.seats, app.layouts, app.gamepads)
        self.view = KitchenView(spec, pygame.Rect(KITCHEN_AREA), self.theme, app.icons, app.text)
        self.hud = Hud(self.theme, app.icons, app.text)
        self.feedback = RoundFeedback(app.audio)
        people = [s.player for s in self.seats if s.connected]
        self.tutorial = TutorialPrompt(self.level.definition.tutorial, people)
        crates = {s.ingredient for s in spec.stations.values() if s.kind == "crate"}
        chat_items = sorted(i for i in crates if i) + ["plate"]
        self.quick_chats = OpenChats(
            chat_items, self.driver.calls.__setitem__, self.driver.round.chefs
        )
        labels = [d.label for d in spec.disruptions]
        tags = list(app.settings.tags)
        # With the console in its own window nothing of the facilitator's is drawn here.
        console_window = getattr(app, "console_mode", "panel") == "window"
        self.facilitator = FacilitatorPanel(
            labels, tags, self.driver.pending.append, self.toggle_pause, not console_window
        )
        self.full_view, self.side_view = self.view, None
        self.card_room = False  # the views leave a column for the tutorial's card
        self._fit_kitchen()
        app.rounds_played += 1

    # --- the round, as tests and tools see it -----------------------------------------

    @property
    def round(self) -> Round:
        """The simulation of the round in play."""
        return self.driver.round

    @property
    def recorded(self) -> RecordedRound:
        """The round with its log."""
        return self.driver.recorded

    @property
    def events(self) -> list[Event]:
        """Every event of the round so far."""
        return self.driver.events

    @property
    def bot_team(self) -> Any:
        """The computer cooks, if any play (a ``kitchen.bots.BotTeam``)."""
        return self.driver.bot_team

    @property
    def loop(self) -> FixedStepLoop:
        """The fixed-rate clock of the round."""
        return self.driver.loop

    @property
    def banner(self) -> tuple[str, str, float] | None:
        """The latest banner: title, detail, and the time it disappears at."""
        return self.feedback.banner

    @property
    def watch_error(self) -> str | None:
        """The problems of the saved level file, while the last good version is played."""
        return self.watcher.error

    @property
    def chats(self) -> dict[int, QuickChat]:
        """The open quick-chats, by chef."""
        return self.quick_chats.open

    def _live_bubbles(self) -> dict[int, str]:
        return self.feedback.live_bubbles()

    # --- the screen stack -------------------------------------------------------------

    def enter(self) -> None:
        """Music, then the 3-2-1 countdown."""
        self.app.audio.start_music()
        self.app.push(CountdownScene(self.app))

    def reveal(self) -> None:
        """Back from an overlay: no catching up, no keys held from before."""
        self.loop.reset()
        self.controls.release_all()

    def leave(self) -> None:
        """Stop the music; an unfinished round's log is closed."""
        self.app.audio.stop_music()
        if self.talk is not None:
            self.talk.close()
        if not self.round.finished:
            self.driver.close()

    def restart(self) -> None:
        """Start the round again (the unfinished one stays in the session's log)."""
        self.abandon()
        self.start_round()
        self.app.push(CountdownScene(self.app))

    def abandon(self) -> None:
        """Stop recording an unfinished round."""
        if self.talk is not None:
            self.talk.close()
        self.driver.close()

    def end_now(self) -> None:
        """End the round at once (from the pause menu)."""
        self.driver.pending.append(EndRound("ended"))

    def toggle_pause(self) -> None:
        """Pause or resume the round (the facilitator's F6)."""
        self.paused = not self.paused
        self.loop.reset()

    # --- input ------------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> None:
        """The facilitator's keys, pause, a pad rejoining, quick-chats, then the chefs."""
        if self.facilitator.handle_event(event, self.app.to_logical):
            return
        if event.type == pygame.KEYDOWN and event.key == TOGGLE_KEY and self.tutorial.toggle():
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.controls.release_all()
            self.app.push(PauseScene(self.app, self))
            return
        if event.type == PAD_BUTTON and event.down and event.button == "start":
            self.controls.release_all()
            self.app.push(PauseScene(self.app, self))
            return
        pressed = event.type == PAD_BUTTON and event.down
        if pressed and event.button == PAD_INTERACT and self._rejoin(event.pad):
            return
        if self.quick_chats.handle_event(event, self.seats, self.app.layouts, self.controls):
            return
        self.controls.handle_event(event)
        self.quick_chats.open_for(self.controls.callouts)
        self.controls.callouts.clear()

    def _rejoin(self, pad: int) -> bool:
        """A pad nobody uses pressed A while a chef stands idle without theirs (the
        facilitator carried on without them): it takes that chef over."""
        if self.controls.seat_for_pad(pad) is not None:
            return False
        idle = self.controls.disconnected()
        if not idle:
            return False
        player = idle[0].player
        self.controls.reconnect(player, pad)
        self.driver.set_controller(player, "person")
        self.feedback.announce(
            _("Welcome back"), _("Chef {n} has a controller again").format(n=player)
        )
        return True

    def carry_on_without(self, player: int) -> None:
        """The facilitator carries on without a chef whose gamepad went: it stands idle,
        and the log records that nobody plays it (until a pad takes it over): neither a
        person nor a computer cook, so the debrief counts neither its silence nor its idling."""
        self.controls.release_all()
        self.driver.set_controller(player, "nobody")

    def pad_removed(self, pad: int) -> None:
        """Pause with a message for the chef whose pad went (whatever is on screen). SDL
        may report one unplug twice; a second unplug waits behind the first's message."""
        seat = self.controls.seat_for_pad(pad)
        if seat is None or not seat.connected:
            return
        self.controls.disconnect_pad(pad)
        self.quick_chats.close(seat.player)
        lost = PadLostScene(self.app, self, seat.player)
        if isinstance(self.app.scene, PadLostScene):
            self.app.queue(lost)
        else:
            self.app.push(lost)

    # --- the clock ---------------------------------------------------------------------

    def update(self, dt: float) -> None:
        """Run the ticks ``dt`` seconds are worth; at the end, show the results."""
        self.feedback.advance(dt)
        self.facilitator.update(dt)
        self._fit_kitchen()
        if self.watch:
            self._reload_if_saved(dt)
        if self.paused:
            self.loop.reset()
            return
        for _tick in range(self.driver.ticks_due(dt)):
            if self.round.finished:
                break
            self.tick()
        if self.round.finished and not self.abandoned:
            self.abandoned = True
            problem = self.facilitator.save_notes(self.recorded.log_path, self.events)
            if problem:
                self.app.notice = problem
            self.app.audio.stop_music()
            self.app.go("round_end", how="replace", play=self)

    def tick(self) -> None:
        """One simulation tick with this tick's commands and facilitator actions."""
        commands = self.controls.commands()
        for player in self.chats:
            commands[player] = Command()
        if self.talk is not None:
            self.driver.pending.extend(self.talk.actions(self.round.tick))
        commands, events = self.driver.tick(commands)
        self.feedback.react(self.round, commands, events)
        self.tutorial.add(events)

    def _fit_kitchen(self) -> None:
        """While the facilitator's panel is open (one display) the kitchen is laid out
        beside it, so the panel never covers it; while the tutorial's card shows, with a
        column beside it for the card, so the card covers no station and no chef."""
        card = self.tutorial.showing(self.round.tick)
        if card != self.card_room:
            self.card_room = card
            self.full_view = self._view_in(pygame.Rect(KITCHEN_AREA))
            self.side_view = None
        if not self.facilitator.is_open():
            self.view = self.full_view
            return
        if self.side_view is None:
            left = self.facilitator.panel_rect().right + 8
            area = pygame.Rect(KITCHEN_AREA)
            area.width -= left + SIDE_MARGIN  # the same gap at the screen's right edge
            area.x = left
            self.side_view = self._view_in(area)
        self.view = self.side_view

    def _view_in(self, area: pygame.Rect) -> KitchenView:
        if self.card_room:
            area = room_for_card(self.level.spec, area)
        return KitchenView(self.level.spec, area, self.theme, self.app.icons, self.app.text)

    def _reload_if_saved(self, dt: float) -> None:
        """``--watch``: a newly saved level that loads starts a new round of it."""
        level = self.watcher.check(dt)
        if level is None:
            return
        self.level = level
        self.abandon()
        self.start_round()
        assert self.path is not None
        self.feedback.announce(_("Level reloaded"), self.path.name)

    # --- drawing ------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        """The kitchen, quick-chats, HUD, clipboards, legend and facilitator panel."""
        t = self.theme
        text = self.app.text
        self.view.draw_backdrop(surface, t.backdrop, self.round)  # a fill, in one copy
        bubbles = self.feedback.live_bubbles()
        fb = self.feedback
        self.view.draw(surface, self.round, self.driver.previous, self.loop.fraction, bubbles, fb)
        self.hud.draw(surface, self.round, fb.live_banner(), fb)
        draw_ticket_clipboards(surface, self.round, self.view, t, text)
        self._tutorial_prompt(surface)
        kitchen = pygame.Rect(KITCHEN_AREA)
        self.quick_chats.draw(surface, self.round, self.view, t, text, kitchen)
        self._legend(surface)
        if self.talk is not None:
            draw_mic_indicator(surface, self.talk.states(), t, text)
        self.facilitator.draw(surface, t, text)
        if self.paused:
            self.shade(surface, 170)
            text.draw(
                surface,
                _("Paused by the facilitator (F6)"),
                TEXT_HEADING,
                t.accent,
                (960, 560),
                "center",
                shadow=t.text_dark,
            )
        if self.watch_error:
            self._watch_problems(surface, self.watch_error)

    def _tutorial_prompt(self, surface: pygame.Surface) -> None:
        """The level's tutorial prompt, beside the kitchen (and the facilitator's panel)."""
        area = pygame.Rect(KITCHEN_AREA)
        if self.facilitator.is_open():
            area.width -= self.facilitator.panel_rect().right + 8 - area.x
            area.x = self.facilitator.panel_rect().right + 8
        layouts = self.app.layouts
        args = (self.round, self.view, area, self.seats, layouts, self.theme, self.app.text)
        self.tutorial.draw(surface, *args)

    def _watch_problems(self, surface: pygame.Surface, problems: str) -> None:
        t = self.theme
        rect = pygame.Rect(300, 860, 1320, 190)
        panel(surface, rect, t.panel, t.danger, radius=14, width=5)
        heading = _("The saved level has problems; still playing the last good version:")
        self.app.text.draw(surface, heading, 42, t.danger_text, (rect.x + 20, rect.y + 14))
        box = rect.inflate(-40, -70).move(0, 24)
        self.app.text.draw_wrapped(surface, problems, 42, t.text, box, max_lines=3)

    def _legend(self, surface: pygame.Surface) -> None:
        t = self.theme
        layouts = self.app.layouts
        seats = "   ".join(
            _("Chef {n}: {controls}").format(
                n=s.player,
                controls=layout_name(layouts[s.layout].title) if s.layout is not None else _("pad"),
            )
            for s in self.seats
        )
        extra = ""
        if self.bot_team is not None:
            chefs = ", ".join(str(p) for p in self.bot_team.players)
            extra = "   " + _("computer: {chefs}").format(chefs=chefs)
        hint = self.tutorial.hint(self.round.tick)
        extra += f"   |   {hint}" if hint else ""
        legend = seats + extra + "   |   " + _("Esc pause")
        if not self.seats:
            legend = _("Computer cooks only: nobody plays this round") + "   |   " + _("Esc pause")
        self.app.text.draw(surface, legend, TEXT_SMALL, t.text_dim, (1900, 1058), "midright")
