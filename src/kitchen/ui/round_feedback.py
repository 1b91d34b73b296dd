"""What a round shows and plays back to the chefs as it happens: sounds for what they did,
speech bubbles for call-outs, and banners for disruptions, repairs and safety incidents.

:class:`RoundFeedback` keeps its own clock (seconds since the round started on screen) so a
bubble or banner disappears after a while; the play screen draws what is live.
"""

from __future__ import annotations

from kitchen.events import Event
from kitchen.sim import Command
from kitchen.sim.round import Round
from kitchen.ui.audio import Audio
from kitchen.ui.quickchat import callout_label
from kitchen.ui.render.kitchen_view import pot_warning

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
"""The sound each kind of event makes (one of each per tick)."""
ALARM_EVERY = 60
"""While a pot is about to burn, the alarm repeats every this many ticks (1 s)."""
CHOP_EVERY = 15
"""While a chef chops or washes, the chop sound repeats every this many ticks."""
BUBBLE_SECONDS = 3.0
BANNER_SECONDS = 4.0
SHORT_BANNER_SECONDS = 2.0

Banner = tuple[str, str, float]
"""A banner's title, its detail line, and the clock time it disappears at."""


class RoundFeedback:
    """Sounds, bubbles and banners of one round, played through ``audio``."""

    def __init__(self, audio: Audio) -> None:
        self.audio = audio
        self.clock = 0.0
        self.bubbles: dict[int, tuple[str, float]] = {}
        self.banner: Banner | None = None

    def advance(self, dt: float) -> None:
        """Move the clock on by ``dt`` seconds of real time."""
        self.clock += dt

    def announce(self, title: str, detail: str, seconds: float = SHORT_BANNER_SECONDS) -> None:
        """Show a banner for ``seconds``."""
        self.banner = (title, detail, self.clock + seconds)

    def live_bubbles(self) -> dict[int, str]:
        """The speech bubbles to show now, by chef."""
        return {p: text for p, (text, until) in self.bubbles.items() if self.clock < until}

    def live_banner(self) -> tuple[str, str] | None:
        """The banner to show now (title and detail), if any."""
        if self.banner and self.clock < self.banner[2]:
            return (self.banner[0], self.banner[1])
        return None

    def react(self, rnd: Round, commands: dict[int, Command], events: list[Event]) -> None:
        """Everything one tick of ``rnd`` sounds and shows like."""
        self._events(events)
        self._chop_sounds(rnd, commands)
        self._burn_alarm(rnd, events)

    def _events(self, events: list[Event]) -> None:
        played: set[str] = set()
        for e in events:
            sound = SOUNDS.get(e.type)
            if sound and sound not in played:
                self.audio.play(sound)
                played.add(sound)
            if e.type == "callout":
                call = e.kind + (f":{e.item}" if e.item else "") + (f"@{e.to}" if e.to else "")
                label = callout_label(call)
                self.bubbles[e.player] = (label, self.clock + BUBBLE_SECONDS)
            elif e.type == "disruption_started":
                self.announce(e.label, e.detail, BANNER_SECONDS)
            elif e.type == "disruption_ended" and e.reason == "repaired":
                self.announce("Fixed!", f"Chef {e.player} repaired it")
            elif e.type == "safety_incident":
                detail = f"A customer who must not have {e.exclude} was served it"
                self.announce("Safety incident!", detail, BANNER_SECONDS)

    def _burn_alarm(self, rnd: Round, events: list[Event]) -> None:
        """Keep beeping while any pot is about to burn (the warning event beeps once)."""
        if rnd.tick % ALARM_EVERY or any(e.type == "burn_warning" for e in events):
            return
        if any(s.kind == "stove" and pot_warning(rnd, s) for s in rnd.stations.values()):
            self.audio.play("alarm", 0.7)

    def _chop_sounds(self, rnd: Round, commands: dict[int, Command]) -> None:
        if rnd.tick % CHOP_EVERY:
            return
        for player, command in commands.items():
            chef = rnd.chefs.get(player)
            if command.use and chef is not None:
                station = rnd.stations.get(chef.target)
                kind = station.kind if station is not None else None
                if kind in ("board", "sink") and getattr(station, "progress", 0):
                    self.audio.play("chop", 0.7)
                    return
