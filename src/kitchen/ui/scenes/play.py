"""The kitchen in play: input becomes commands, the simulation ticks at its fixed rate, and
the kitchen, HUD, call-outs and facilitator panel are drawn."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pygame

from kitchen.content import Level
from kitchen.events import Event
from kitchen.session import RecordedRound
from kitchen.sim import Command
from kitchen.sim.actions import Action, EndRound
from kitchen.sim.assists import Assists
from kitchen.ui.app import load_level_or_message
from kitchen.ui.input.gamepads import PAD_BUTTON
from kitchen.ui.input.seats import PAD_CALLOUT, PAD_INTERACT, PAD_USE, Controls, Seat
from kitchen.ui.loop import FixedStepLoop
from kitchen.ui.quickchat import QuickChat, callout_label
from kitchen.ui.render.hud import KITCHEN_AREA, Hud
from kitchen.ui.render.kitchen_view import KitchenView, pot_warning
from kitchen.ui.render.shapes import panel
from kitchen.ui.scenes.base import Scene
from kitchen.ui.scenes.facilitator import FacilitatorPanel
from kitchen.ui.scenes.overlays import CountdownScene, PadLostScene, PauseScene
from kitchen.ui.theme import TEXT_HEADING, TEXT_SMALL

SOUNDS = {
    "item_spawned": "pickup",
    "item_picked": "pickup",
    "item_put_down": "putdown",
    "item_combined": "putdown",
    "cook_started": "sizzle",
    "order_served": "serve",
    "order_expired": "expired",
    "burn_warning": "alarm",
    "item_burnt": "burnt",
    "wrong_dish": "wrong",
    "safety_incident": "wrong",
    "disruption_started": "alarm",
}
ALARM_EVERY = 60
"""While a pot is about to burn, the alarm repeats every this many ticks (1 s)."""
BUBBLE_SECONDS = 3.0
BANNER_SECONDS = 4.0
WATCH_EVERY = 0.5


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
        app,  # noqa: ANN001
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
        self.watch_error: str | None = None
        self._mtime = self._file_time()
        self._watch_clock = 0.0
        self.paused = False
        self.abandoned = False
        self.start_round()

    # --- setting up -------------------------------------------------------------------

    def start_round(self) -> None:
        """A fresh round of the current level (also used by restart and reload)."""
        app = self.app
        spec = self.level.spec
        humans = sorted(s.player for s in self.seats)
        players = sorted(spec.starts) if self.bots else humans
        players = [p for p in players if p in spec.starts]
        seed = app.seed if app.seed is not None else int.from_bytes(os.urandom(4), "big") % 1_000_000
        assists = Assists(**app.settings.assist.model_dump())
        session = app.workshop_session()
        self.recorded = RecordedRound(self.level, seed, players, self.silos, assists, session=session)
        self.round = self.recorded.round
        if self.recorded.log_error:
            app.notice = self.recorded.log_error
        self.controls = Controls(self.seats, app.layouts, app.gamepads)
        self.bot_team = None
        bot_players = [p for p in players if p not in humans]
        if bot_players:
            from kitchen.bots import BotTeam

            self.bot_team = BotTeam(self.round, bot_players)
        area = pygame.Rect(KITCHEN_AREA)
        self.view = KitchenView(spec, area, self.theme, app.icons, app.text)
        self.hud = Hud(self.theme, app.icons, app.text)
        self.loop = FixedStepLoop()
        self.previous = {p: (c.x, c.y) for p, c in self.round.chefs.items()}
        self.events: list[Event] = []
        self.pending: list[Action] = []
        self.calls: dict[int, str] = {}
        self.chats: dict[int, QuickChat] = {}
        self.bubbles: dict[int, tuple[str, float]] = {}
        self.banner: tuple[str, str, float] | None = None
        self.clock = 0.0
        self.chat_items = sorted({s.ingredient for s in spec.stations.values() if s.kind == "crate" and s.ingredient}) + ["plate"]
        labels = [d.label for d in spec.disruptions]
        self.facilitator = FacilitatorPanel(labels, list(app.settings.tags), self.pending.append, self.toggle_pause)
        app.rounds_played += 1

    def enter(self) -> None:
        self.app.audio.start_music()
        self.app.push(CountdownScene(self.app))

    def reveal(self) -> None:
        self.loop.reset()
        self.controls.release_all()

    def leave(self) -> None:
        self.app.audio.stop_music()
        if not self.round.finished:
            self.recorded.close()

    def restart(self) -> None:
        """Start the round again (the unfinished one stays in the session's log)."""
        self.abandon()
        self.start_round()
        self.app.push(CountdownScene(self.app))

    def abandon(self) -> None:
        """Stop recording an unfinished round."""
        self.recorded.close()

    def end_now(self) -> None:
        """End the round at once (from the pause menu)."""
        self.pending.append(EndRound("ended"))

    def toggle_pause(self) -> None:
        self.paused = not self.paused
        self.loop.reset()

    # --- input ------------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.facilitator.handle_event(event, self.app.to_logical):
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.controls.release_all()
            self.app.push(PauseScene(self.app, self))
            return
        if event.type == PAD_BUTTON and event.down and event.button == "start":
            self.controls.release_all()
            self.app.push(PauseScene(self.app, self))
            return
        if event.type == PAD_BUTTON and event.down and event.button == PAD_INTERACT and self._rejoin(event.pad):
            return
        if self._chat_event(event):
            return
        self.controls.handle_event(event)
        for player in self.controls.callouts:
            if player not in self.chats:
                self.chats[player] = QuickChat(player, self.chat_items)
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
        self.banner = ("Welcome back", f"Chef {player} has a controller again", self.clock + 2.0)
        return True

    def pad_removed(self, pad: int) -> None:
        """Pause with a message for the chef whose pad went (whatever is on screen). SDL
        may report one unplug twice; a second unplug waits behind the first's message."""
        seat = self.controls.seat_for_pad(pad)
        if seat is None or not seat.connected:
            return
        self.controls.disconnect_pad(pad)
        self.chats.pop(seat.player, None)
        lost = PadLostScene(self.app, self, seat.player)
        if isinstance(self.app.scene, PadLostScene):
            self.app.queue(lost)
        else:
            self.app.push(lost)

    def _chat_event(self, event: pygame.event.Event) -> bool:
        """Keys and buttons of a chef whose quick-chat is open go to the quick-chat."""
        action, player = None, None
        if event.type == pygame.KEYDOWN:
            for seat in self.seats:
                if seat.layout is not None and seat.player in self.chats:
                    action = self.app.layouts[seat.layout].action_for(event.key)
                    if action is not None:
                        player = seat.player
                        break
        elif event.type == PAD_BUTTON and event.down:
            seat = self.controls.seat_for_pad(event.pad)
            if seat is not None and seat.player in self.chats:
                player = seat.player
                action = {PAD_INTERACT: "interact", PAD_USE: "use", PAD_CALLOUT: "callout"}.get(event.button, event.button)
        if player is None or action is None:
            return False
        chat = self.chats[player]
        if action in ("up", "down", "left", "right"):
            # The chef stands still while choosing, but the controls still learn which
            # direction keys are held, so walking resumes as soon as the chat closes.
            if action in ("up", "down"):
                chat.move(-1 if action == "up" else 1)
            return False
        if action == "interact":
            call = chat.choose()
            if call is not None:
                self.calls[player] = call
                del self.chats[player]
        elif action in ("callout", "use", "b"):
            del self.chats[player]
        return True

    # --- the clock ---------------------------------------------------------------------

    def update(self, dt: float) -> None:
        self.clock += dt
        self.facilitator.update(dt)
        if self.watch:
            self._check_watch(dt)
        if self.paused:
            self.loop.reset()
            return
        for _ in range(self.loop.advance(dt)):
            if self.round.finished:
                break
            self.tick()
        if self.round.finished and not self.abandoned:
            from kitchen.ui.scenes.round_end import RoundEndScene

            self.abandoned = True
            self.app.audio.stop_music()
            self.app.replace(RoundEndScene(self.app, self))

    def tick(self) -> None:
        """One simulation tick with this tick's commands and facilitator actions."""
        self.previous = {p: (c.x, c.y) for p, c in self.round.chefs.items()}
        commands = self.controls.commands()
        for player in self.chats:
            commands[player] = Command()
        for player, call in self.calls.items():
            commands[player] = dataclasses.replace(commands.get(player, Command()), callout=call)
        self.calls.clear()
        if self.bot_team is not None:
            commands.update(self.bot_team.commands())
        actions, self.pending[:] = list(self.pending), []
        events = self.recorded.step(commands, actions)
        self.events.extend(events)
        self._react(events)
        self._chop_sounds(commands)
        self._burn_alarm(events)

    def _react(self, events: list[Event]) -> None:
        played: set[str] = set()
        for e in events:
            sound = SOUNDS.get(e.type)
            if sound and sound not in played:
                self.app.audio.play(sound)
                played.add(sound)
            if e.type == "callout":
                self.bubbles[e.player] = (callout_label(e.kind + (f":{e.item}" if e.item else "")), self.clock + BUBBLE_SECONDS)
            elif e.type == "disruption_started":
                self.banner = (e.label, e.detail, self.clock + BANNER_SECONDS)
            elif e.type == "disruption_ended" and e.reason == "repaired":
                self.banner = ("Fixed!", f"Chef {e.player} repaired it", self.clock + 2.0)
            elif e.type == "safety_incident":
                self.banner = ("Safety incident!", f"A customer who must not have {e.exclude} was served it", self.clock + BANNER_SECONDS)

    def _burn_alarm(self, events: list[Event]) -> None:
        """Keep beeping while any pot is about to burn (the warning event beeps once)."""
        if self.round.tick % ALARM_EVERY or any(e.type == "burn_warning" for e in events):
            return
        if any(s.kind == "stove" and pot_warning(self.round, s) for s in self.round.stations.values()):
            self.app.audio.play("alarm", 0.7)

    def _chop_sounds(self, commands: dict[int, Command]) -> None:
        if self.round.tick % 15:
            return
        for player, command in commands.items():
            chef = self.round.chefs.get(player)
            if command.use and chef is not None:
                station = self.round.stations.get(chef.target)
                if station is not None and station.kind in ("board", "sink") and getattr(station, "progress", 0):
                    self.app.audio.play("chop", 0.7)
                    return

    # --- live reload (kitchen play LEVEL --watch) ---------------------------------------

    def _file_time(self) -> float | None:
        try:
            return self.path.stat().st_mtime if self.path else None
        except OSError:
            return None

    def _check_watch(self, dt: float) -> None:
        self._watch_clock += dt
        if self._watch_clock < WATCH_EVERY:
            return
        self._watch_clock = 0.0
        mtime = self._file_time()
        if mtime is None or mtime == self._mtime:
            return
        self._mtime = mtime
        assert self.path is not None
        level, message = load_level_or_message(self.path)
        if level is None:
            self.watch_error = message
            return
        self.watch_error = None
        self.level = level
        self.abandon()
        self.start_round()
        self.banner = ("Level reloaded", self.path.name, self.clock + 2.0)

    # --- drawing ------------------------------------------------------------------------

    def _live_bubbles(self) -> dict[int, str]:
        return {p: text for p, (text, until) in self.bubbles.items() if self.clock < until}

    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        surface.fill(t.backdrop)
        self.view.draw(surface, self.round, self.previous, self.loop.fraction, self._live_bubbles())
        for player, chat in self.chats.items():
            chef = self.round.chefs.get(player)
            if chef is not None:
                x, y = self.view.to_screen(chef.x, chef.y)
                chat.draw(surface, (x, y - self.view.cell * 0.7), t.player(player), t, self.app.text)
        banner = None
        if self.banner and self.clock < self.banner[2]:
            banner = (self.banner[0], self.banner[1])
        self.hud.draw(surface, self.round, banner)
        self._readers_clipboard(surface)
        self._legend(surface)
        self.facilitator.draw(surface, t, self.app.text)
        if self.paused:
            self.shade(surface, 120)
            self.app.text.draw(surface, "Paused by the facilitator (F6)", TEXT_HEADING, t.accent, (960, 560), "center", shadow=t.text_dark)
        if self.watch_error:
            rect = pygame.Rect(300, 860, 1320, 190)
            panel(surface, rect, t.panel, t.danger, radius=14, width=5)
            self.app.text.draw(surface, "The saved level has problems; still playing the last good version:", 34, t.danger, (rect.x + 20, rect.y + 14))
            self.app.text.draw_wrapped(surface, self.watch_error, 30, t.text, rect.inflate(-40, -70).move(0, 24), max_lines=3)

    def _readers_clipboard(self, surface: pygame.Surface) -> None:
        """When not everyone may read the tickets (a blackout, or a role that cannot see
        them), the chefs who can read them carry them on a clipboard."""
        rnd = self.round
        readers = [p for p in sorted(rnd.chefs) if rnd.can_read_tickets(p)]
        if len(readers) == len(rnd.chefs) or not rnd.orders.open:
            return
        titles = [rnd.spec.recipes[o.recipe].title + (f" (no {o.exclude})" if o.exclude else "") for o in sorted(rnd.orders.open, key=lambda o: o.expires)][:4]
        for player in readers:
            chef = rnd.chefs.get(player)
            if chef is None or chef.status == "away":
                continue
            x, y = self.view.to_screen(chef.x, chef.y)
            size = 30
            width = max(self.app.text.size(s, size)[0] for s in titles) + 30
            rect = pygame.Rect(0, 0, width, 18 + len(titles) * 36)
            rect.midleft = (round(x + self.view.cell * 0.55), round(y))
            rect.clamp_ip(surface.get_rect())
            panel(surface, rect, self.theme.ticket, self.theme.player(player), radius=10, width=4)
            for i, title in enumerate(titles):
                self.app.text.draw(surface, title, size, self.theme.text_dark, (rect.x + 14, rect.y + 10 + i * 36))

    def _legend(self, surface: pygame.Surface) -> None:
        t = self.theme
        seats = "   ".join(
            f"Chef {s.player}: {self.app.layouts[s.layout].title if s.layout is not None else 'pad'}" for s in self.seats
        )
        extra = ""
        if self.bot_team is not None:
            extra = "   computer: " + ", ".join(str(p) for p in self.bot_team.players)
        self.app.text.draw(surface, seats + extra + "   |   Esc pause", TEXT_SMALL - 6, t.text_dim, (1900, 1058), "midright")

