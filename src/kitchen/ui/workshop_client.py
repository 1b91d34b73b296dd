"""The game's side of a workshop: streams this team's rounds to the hub, shows the team's
live status on the dashboard, and carries out the facilitator's commands from the
dashboard exactly as the game's own facilitator controls do.

Once a frame (:meth:`WorkshopClient.frame`) the client hands the link every round log of the
team's session, sends the status about once a second, and applies the commands that
arrived: a disruption, pause and resume, the end of the round and a tag go to the round in
play as the facilitator panel's own actions (``TriggerDisruption``, ``EndRound``, ``Tag``
with its note saved into the log at the round's end, like a note typed on the panel); a
TEAM rating is appended to that round's log as the rating form does; a huddle pauses the
round and shows a timer on the players' screen. Each command is answered (done or not, and
why) for the dashboard.

The status says ``debrief`` from the end of a round until the team leaves its results and
debrief screens (the dashboard's cue to rate the round), with the round's final figures;
talk share is sent when the round is recorded with microphones (``None``, n/a, when not).
The game's own observation tags go with it (the dashboard's tag buttons), and the session's
improvement cycles whenever they change (:class:`kitchen.workshop.cycles_feed.CyclesFeed`).

Everything network-related happens in :class:`kitchen.workshop.link.WorkshopLink`'s
thread; nothing here waits. The module is only imported when a game joins a workshop.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygame

from kitchen.content import SourceError
from kitchen.debrief.round_events import RoundEvents
from kitchen.debrief.talk_metrics import talk_track
from kitchen.events import Callout
from kitchen.session.observation_log import append_observation
from kitchen.sim.actions import Tag
from kitchen.ui.render.huddle import draw_huddle, draw_indicator
from kitchen.workshop.cycles_feed import CyclesFeed
from kitchen.workshop.link import LinkState, WorkshopLink
from kitchen.workshop.protocol import (
    CommandMessage,
    EndCommand,
    HuddleCommand,
    PauseCommand,
    RatingCommand,
    ResumeCommand,
    TagCommand,
    TriggerCommand,
)

STATUS_EVERY_S = 1.0
"""How often the status is worked out (the link sends it only when it changed)."""

MEASURE_EVERY_S = 3.0
"""How often call-outs and closed loops are counted from the round's events."""

_log = logging.getLogger("kitchen.workshop")

HUB_EXTRA = "pip install 'systems-kitchen[hub]'"


def hub_extra_missing() -> str | None:
    """``None`` when the ``hub`` extra is installed, else one line saying how to get it."""
    import importlib.util

    if importlib.util.find_spec("websockets") is None:
        return f"Joining a workshop needs: {HUB_EXTRA}"
    return None


@dataclass
class Huddle:
    """A huddle timer on the players' screen."""

    left: float
    paused_round: bool
    """The huddle paused the round, so the round goes on when it runs out."""
    over_for: float = 0.0


class WorkshopClient:
    """The game's part of a workshop, for one :class:`~kitchen.ui.app.App`.

    Args:
        app: the running game.
        link: a link to the hub (started here).
    """

    def __init__(self, app: Any, link: WorkshopLink) -> None:
        self.app = app
        self.link = link.start()
        self.huddle: Huddle | None = None
        self._status_in = 0.0
        self.status_every = STATUS_EVERY_S
        self.measure_every = MEASURE_EVERY_S
        self._measured: tuple[int, int, float | None, float | None] = (-1, 0, None, None)
        """Events counted, call-outs, closed-loop ratio, talk share."""
        self._measured_round: Any = None
        self.cycles = CyclesFeed()
        self._measure_in = 0.0
        self._shown: tuple[str, str, int] | None = None
        self.results: list[tuple[str, bool, str]] = []
        """The commands carried out (kind, done, message), latest last (for tests)."""

    # --- the frame ---------------------------------------------------------------------

    def state(self) -> LinkState:
        """How the link to the hub is doing."""
        return self.link.state()

    def frame(self, dt: float) -> None:
        """Track rounds, apply commands, count the huddle down, send the status (a
        problem here is logged and never stops the game)."""
        try:
            self._frame(dt)
        except Exception:  # the workshop is an extra: the round must go on regardless
            _log.exception("workshop client")

    def _frame(self, dt: float) -> None:
        for message in self.link.commands():
            self._apply(message)
        self._count_huddle(dt)
        self._status_in -= dt
        self._measure_in -= dt
        if self._status_in <= 0:
            self._status_in = self.status_every
            self._track_rounds()
            self.link.set_status(self.status())
            self.link.set_tags(list(self.app.settings.tags))
            self._feed_cycles()
        state = self.link.state()
        shown = (state.state, state.workshop, -1 if self.huddle is None else int(self.huddle.left))
        if shown != self._shown:
            self._shown = shown
            self._redraw()

    def _redraw(self) -> None:
        redraws = getattr(self.app, "redraws", None)  # an app that draws every frame has none
        if redraws is not None:
            redraws.request()

    def draw(self, surface: pygame.Surface) -> None:
        """The huddle timer (when one runs) and the workshop indicator, over every screen."""
        theme, text = self.app.theme, self.app.text
        if self.huddle is not None:
            draw_huddle(surface, self.huddle.left, self.huddle.paused_round, theme, text)
        if type(self.app.scene).__name__ != "TitleScene":  # the title's menu says it
            state = self.link.state()
            draw_indicator(surface, state.state, state.workshop, theme, text)

    def close(self) -> None:
        """Leave the workshop (the logs stay as they are)."""
        self.link.close(wait=1.0)

    # --- rounds and status -------------------------------------------------------------

    def _play(self) -> Any:
        """The round in play, or the round just over while its results, debrief,
        observation sheet or improvement plan are open (the topmost of them)."""
        from kitchen.ui.scenes.play import PlayScene
        from kitchen.ui.scenes.round_end import RoundEndScene

        for scene in reversed(getattr(self.app, "scenes", [])):
            if isinstance(scene, PlayScene):
                return scene
            if isinstance(scene, RoundEndScene):
                return scene.play
        return None

    def _live(self) -> Any:
        play = self._play()
        return play if play is not None and not play.round.finished else None

    def _track_rounds(self) -> None:
        session = getattr(self.app, "session", None)
        if session is None:
            return
        for entry in session.rounds:
            self.link.track(f"{session.id}/{entry['index']}", session.folder / entry["log"])

    def round_key(self, path: Path | None) -> str | None:
        """The round key of a log of this team's session."""
        session = getattr(self.app, "session", None)
        if path is None or session is None:
            return None
        for entry in session.rounds:
            if entry["log"] == path.name and session.folder == path.parent:
                return f"{session.id}/{entry['index']}"
        return None

    def status(self) -> dict[str, Any]:
        """The team's tile on the dashboard, as it is now."""
        play = self._play()
        if play is None:
            return {"state": "lobby"}
        rnd = play.round
        if rnd.finished:
            state = "debrief"
        elif self.huddle is not None:
            state = "huddle"
        elif play.paused or self.app.scene is not play:
            state = "paused"
        else:
            state = "playing"
        over = state == "debrief"
        labels = [] if over else [a.spec.label for a in rnd.disruptions.active]
        calls, ratio, talk = self._communication(play)
        return {
            "state": state,
            "round": self.round_key(play.recorded.log_path),
            "level": str(play.level.title)[:80],
            "time_left_s": None if over else round(rnd.seconds_left, 1),
            "score": max(-1_000_000, min(1_000_000, int(rnd.score))),
            "open_orders": len(rnd.orders.open),
            "disruption": ", ".join(labels)[:80] or None,
            "callouts": calls,
            "closed_loop_ratio": ratio,
            "talk_share": talk,
        }

    def _communication(self, play: Any) -> tuple[int, float | None, float | None]:
        """People's call-outs, the closed-loop ratio and the talk share so far (as the
        debrief counts them; ``None`` when not measurable: fewer than two people or no call
        needing an answer; no microphone heard anything)."""
        events = play.events
        same = self._measured_round is play.round
        if same and (
            self._measured[0] == len(events) or (self._measure_in > 0 and self._measured[0] >= 0)
        ):
            return self._measured[1], self._measured[2], self._measured[3]
        self._measure_in = self.measure_every
        self._measured_round = play.round
        from kitchen.debrief.communication_metrics import communication_section
        from kitchen.debrief.round_events import ChefTally

        r = RoundEvents(events)
        people = set(r.people.people_ever())
        chefs = {p: ChefTally(p, person=p in people) for p in r.players}
        section = communication_section(r, chefs)
        calls = sum(1 for c in r.of(Callout) if r.by_person(c.player, c.tick))
        ratio = section.get("closed_loop_ratio")
        talk = _talk_share(events, play.round.tick)
        self._measured = (len(events), calls, None if ratio is None else float(ratio), talk)
        return calls, self._measured[2], talk

    def _feed_cycles(self) -> None:
        """Study the session's cycles again when they changed; hand a finished study to the
        link (the round in play is left out until it is over)."""
        message = self.cycles.take()
        if message is not None:
            self.link.set_cycles(message)
        session = getattr(self.app, "session", None)
        if session is None:
            return
        live = self._live()
        playing = None if live is None or live.recorded.log_path is None else live.recorded.log_path
        logs = [e["log"] for e in session.rounds if playing is None or e["log"] != playing.name]
        self.cycles.poll(session.folder, logs)

    # --- commands ----------------------------------------------------------------------

    def _apply(self, message: CommandMessage) -> None:
        command = message.command
        try:
            ok, text = self._carry_out(command)
        except Exception as err:  # one bad command must never take the game down
            ok, text = False, f"the game could not do it ({type(err).__name__})"
        self.results.append((command.kind, ok, text))
        self.link.done(message.id, ok, text)
        self._redraw()

    def _carry_out(self, command: Any) -> tuple[bool, str]:
        if isinstance(command, HuddleCommand):
            return self._start_huddle(command.seconds)
        if isinstance(command, RatingCommand):
            return self._rate(command)
        play = self._live()
        if play is None:
            return False, "no round is being played"
        facilitator = play.facilitator
        if isinstance(command, TriggerCommand):
            if not 0 <= command.index < len(facilitator.disruptions):
                count = len(facilitator.disruptions)
                return False, f"this level has {count} disruption{'s' if count != 1 else ''}"
            facilitator.trigger(command.index)
            later = " (when the round resumes)" if play.paused else ""
            return True, f"triggered: {facilitator.disruptions[command.index]}{later}"
        if isinstance(command, PauseCommand):
            if not play.paused:
                play.toggle_pause()
            return True, "paused"
        if isinstance(command, ResumeCommand):
            self.huddle = None
            if play.paused:
                play.toggle_pause()
            return True, "resumed"
        if isinstance(command, EndCommand):
            self.huddle = None
            play.end_now()
            if play.paused:
                play.toggle_pause()  # the round ends on its next tick
            return True, "the round ends"
        if isinstance(command, TagCommand):
            from kitchen.ui.scenes.facilitator import TaggedMoment

            facilitator.act(Tag(command.label))
            # as a note typed on the panel: saved into the log when the round ends
            facilitator.tagged.append(TaggedMoment(command.label, command.note.strip()))
            return True, f"tagged: {command.label}"
        return False, f"unknown command {command.kind!r}"

    def _start_huddle(self, seconds: int) -> tuple[bool, str]:
        play = self._live()
        paused_it = False
        if play is not None and not play.paused:
            play.toggle_pause()
            paused_it = True
        elif self.huddle is not None:
            paused_it = self.huddle.paused_round
        self.huddle = Huddle(float(seconds), paused_it)
        return True, f"huddle timer: {seconds} s"

    def _count_huddle(self, dt: float) -> None:
        huddle = self.huddle
        if huddle is None:
            return
        if huddle.left > 0:
            huddle.left = max(0.0, huddle.left - dt)
            return
        huddle.over_for += dt
        if huddle.over_for < 2.0:  # "Time is up." for a moment
            return
        self.huddle = None
        play = self._live()
        if huddle.paused_round and play is not None and play.paused:
            play.toggle_pause()

    def _show_rating(self, path: Path, observation: Any) -> None:
        """A rating the dashboard saved, shown at once where this round's log is open: the
        debrief's observed line, and the observation sheet (unless the facilitator is
        changing it there: it then says so and keeps what is being typed)."""
        from kitchen.ui.scenes.debrief import DebriefScene
        from kitchen.ui.scenes.observe import ObserveScene

        logs: dict[int, Any] = {}
        sheets = []
        console = getattr(self.app, "console_window", None)  # the console's own sheet
        extra = [] if console is None or console.sheet is None else [console.sheet]
        for scene in [*getattr(self.app, "scenes", []), *extra]:
            if isinstance(scene, ObserveScene) and scene.log_path == path:
                sheets.append(scene)
                log = getattr(scene, "log", None)
            elif isinstance(scene, DebriefScene) and scene.log_path == path:
                log = getattr(getattr(scene, "round", None), "log", None)
            else:
                continue
            if log is not None:
                logs[id(log)] = log  # the sheet may share the debrief's log: add once
        for log in logs.values():
            log.observations.append(observation)
        for sheet in sheets:
            sheet.rating_arrived(observation)
        if console is not None and sheets:
            console.dirty = True

    def _rate(self, command: RatingCommand) -> tuple[bool, str]:
        path = self.link.tracked().get(command.round)
        if path is None:
            return False, f"this game has no round {command.round}"
        live = self._live()
        if live is not None and live.recorded.log_path == path:
            return False, "the round is still being played: rate it when it has ended"
        try:
            observation = append_observation(path, command.rating.model_dump())
        except SourceError as err:
            return False, f"not saved: {err.problems[0].message}"[:300]
        except OSError as err:
            return False, f"not saved: cannot write {path.name}: {err.strerror or err}"
        self._show_rating(path, observation)
        return True, f"TEAM rating saved with round {command.round.rsplit('/', 1)[1]}"


def _talk_share(events: list[Any], tick: int) -> float | None:
    """The share of the heard time with talk so far, as the debrief's ``talk.talk_share``
    (``None``: the round is recorded without microphones, or none has heard anything)."""
    track = talk_track(events, tick)
    if track is None:
        return None
    heard = sum(track.heard)
    return round(sum(track.talk) / heard, 3) if heard else None
