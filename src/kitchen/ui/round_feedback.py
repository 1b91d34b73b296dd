"""What a round shows and plays back to the chefs as it happens: sounds for what they did,
speech bubbles for call-outs, banners for disruptions, repairs and safety incidents, and the
short-lived effects the kitchen and the tickets draw (points rising from the window, a
ticket leaving, a chef's "no" shake or squash on pick-up).

Every sound has a visual twin recorded here. :class:`RoundFeedback` keeps its own clock
(seconds of real time since the round started on screen) so an effect fades after a while;
the renderers draw what is live. Nothing here changes the simulation.
"""

from __future__ import annotations

from dataclasses import dataclass

from kitchen.events import Event
from kitchen.i18n import _, localize
from kitchen.sim import Command
from kitchen.sim.orders import Order
from kitchen.sim.round import Round
from kitchen.sim.spec import Tile
from kitchen.sim.stations import Stove
from kitchen.ui.audio import Audio
from kitchen.ui.banner_words import disruption_detail
from kitchen.ui.quickchat import callout_label
from kitchen.ui.render.words import title_words

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
    "action_refused": "no",
}
"""The sound each kind of event makes (one of each per tick)."""
ALARM_EVERY = 60
"""While a pot is about to burn, the alarm repeats every this many ticks (1 s)."""
CHOP_EVERY = 15
"""While a chef chops or washes, the chop sound repeats every this many ticks."""
BUBBLE_SECONDS = 3.0
BANNER_SECONDS = 4.0
SHORT_BANNER_SECONDS = 2.0

FLOAT_SECONDS = 1.6
"""How long "+points" or "-penalty" rises from where it happened."""
TICKET_SECONDS = 1.3
"""How long a served ticket flashes and leaves, or an expired one shakes and fades."""
NO_SECONDS = 0.45
"""How long a chef shakes "no" after a pick-up that did nothing."""
SQUASH_SECONDS = 0.28
"""How long a chef squashes after picking something up or putting it down."""
PULSE_SECONDS = 0.5
"""How long a ring spreads from a tile where something was put or started cooking."""
WORK_SECONDS = 0.12
"""A chef counts as chopping, washing or repairing this long after the last tick of it."""

INTERACT_EVENTS = frozenset(
    {
        "item_spawned",
        "item_picked",
        "item_put_down",
        "item_combined",
        "item_binned",
        "order_served",
        "wrong_dish",
        "safety_incident",
        "cook_started",
    }
)
"""Events that show a chef's pick-up press did something."""

Banner = tuple[str, str, float]
"""A banner's title, its detail line, and the clock time it disappears at."""


def pot_warning(rnd: Round, stove: Stove) -> bool:
    """True while a cooked pot is in its burn-warning window (it will burn soon)."""
    burn = rnd.spec.burn_ticks
    return (
        stove.state == "ready"
        and burn is not None
        and stove.timer >= burn - rnd.spec.burn_warning_ticks
    )


@dataclass(frozen=True, slots=True)
class Floater:
    """Words rising from a map tile: ``+25`` at the window, ``-10`` for a wrong dish."""

    text: str
    good: bool
    tile: Tile
    start: float


@dataclass(frozen=True, slots=True)
class LeavingTicket:
    """A ticket that just left the rail: ``served`` (it flashes and flies off) or
    ``expired`` (it shakes, turns red and shows the penalty)."""

    order: Order
    outcome: str
    points: int
    start: float


@dataclass(frozen=True, slots=True)
class Pulse:
    """A ring spreading from a tile in a chef's colour (something put down or started)."""

    tile: Tile
    player: int | None
    start: float


class RoundFeedback:
    """Sounds, bubbles and banners of one round, played through ``audio``."""

    def __init__(self, audio: Audio) -> None:
        self.audio = audio
        self.clock = 0.0
        self.bubbles: dict[int, tuple[str, float]] = {}
        self.banner: Banner | None = None
        self.floaters: list[Floater] = []
        self.leaving: list[LeavingTicket] = []
        self.pulses: list[Pulse] = []
        self.refusals: dict[int, float] = {}
        """When each chef last shook "no" (a pick-up press that did nothing)."""
        self.squashes: dict[int, float] = {}
        """When each chef last picked something up or put it down."""
        self.working: dict[int, tuple[str, float]] = {}
        """What each chef is working at (``board``, ``sink``, ``repair``) and when last."""
        self._open: dict[int, Order] = {}

    def advance(self, dt: float) -> None:
        """Move the clock on by ``dt`` seconds of real time (and forget finished effects)."""
        self.clock += dt
        now = self.clock
        self.floaters = [f for f in self.floaters if now - f.start < FLOAT_SECONDS]
        self.leaving = [t for t in self.leaving if now - t.start < TICKET_SECONDS]
        self.pulses = [p for p in self.pulses if now - p.start < PULSE_SECONDS]

    def age(self, when: dict[int, float], player: int, seconds: float) -> float | None:
        """How far (0..1) an effect of ``player`` that lasts ``seconds`` has run, or
        ``None`` when it is not running."""
        start = when.get(player)
        if start is None or not 0 <= self.clock - start < seconds:
            return None
        return (self.clock - start) / seconds

    def working_at(self, player: int) -> str | None:
        """What the chef is working at right now (``board``, ``sink``, ``repair``)."""
        work = self.working.get(player)
        if work is None or self.clock - work[1] > WORK_SECONDS:
            return None
        return work[0]

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
        self._events(rnd, events)
        self._effects(rnd, events)
        self._refusals(rnd, commands, events)
        self._chop_sounds(rnd, commands)
        self._burn_alarm(rnd, events)
        self._open = {o.id: o for o in rnd.orders.open}

    def _events(self, rnd: Round, events: list[Event]) -> None:
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
                self.announce(localize(e.label), disruption_detail(rnd, e), BANNER_SECONDS)
            elif e.type == "disruption_ended" and e.reason == "repaired":
                self.announce(_("Fixed!"), _("Chef {n} repaired it").format(n=e.player))
            elif e.type == "safety_incident":
                spec = rnd.spec.ingredients.get(e.exclude)
                name = title_words(spec.title).lower() if spec is not None else e.exclude
                detail = _("A customer who must not have {ingredient} was served it")
                self.announce(_("Safety incident!"), detail.format(ingredient=name), BANNER_SECONDS)

    def _effects(self, rnd: Round, events: list[Event]) -> None:
        """The visual twins: points and tickets for serving and expiry, squash and rings."""
        now = self.clock
        for e in events:
            kind = e.type
            if kind in ("order_served", "wrong_dish", "safety_incident"):
                self.squashes[e.player] = now
            if kind == "order_served":
                points = e.points + e.tip
                self.floaters.append(Floater(f"+{points}", True, e.tile, now))
                self._ticket_leaves(e.order_id, "served", points)
            elif kind in ("wrong_dish", "safety_incident"):
                self.floaters.append(Floater(f"\u2212{e.penalty}", False, e.tile, now))
                if kind == "safety_incident":
                    self._ticket_leaves(e.order_id, "expired", -e.penalty)
            elif kind == "order_expired":
                self._ticket_leaves(e.order_id, "expired", -e.penalty)
            elif kind in ("item_picked", "item_put_down", "item_combined", "item_binned"):
                self.squashes[e.player] = now
                if kind != "item_picked":
                    self.pulses.append(Pulse(e.tile, e.player, now))
            elif kind == "item_spawned" and e.player is not None:
                self.squashes[e.player] = now
            elif kind == "cook_started":
                self.pulses.append(Pulse(e.tile, e.player, now))

    def _ticket_leaves(self, order_id: int, outcome: str, points: int) -> None:
        order = self._open.get(order_id)
        if order is not None:
            self.leaving.append(LeavingTicket(order, outcome, points, self.clock))

    def _refusals(self, rnd: Round, commands: dict[int, Command], events: list[Event]) -> None:
        """A person's pick-up press that did nothing: a "no" shake and sound (computer
        cooks press freely and are left alone)."""
        for player, command in commands.items():
            if not command.interact or rnd.controllers.get(player) != "person":
                continue
            did = any(
                e.type in INTERACT_EVENTS and getattr(e, "player", None) == player for e in events
            )
            if not did:
                self.refusals[player] = self.clock
                if not any(e.type == "action_refused" for e in events):
                    self.audio.play("no", 0.8)

    def _burn_alarm(self, rnd: Round, events: list[Event]) -> None:
        """Keep beeping while any pot is about to burn (the warning event beeps once)."""
        if rnd.tick % ALARM_EVERY or any(e.type == "burn_warning" for e in events):
            return
        if any(s.kind == "stove" and pot_warning(rnd, s) for s in rnd.stations.values()):
            self.audio.play("alarm", 0.7)

    def _chop_sounds(self, rnd: Round, commands: dict[int, Command]) -> None:
        """Note who is working (the chop and wash motion) and repeat the chop sound."""
        sound = False
        for player, command in commands.items():
            chef = rnd.chefs.get(player)
            if not command.use or chef is None:
                continue
            station = rnd.facing_station(chef)
            if station is None:
                continue
            if station.broken is not None:
                self.working[player] = ("repair", self.clock)
            elif station.kind in ("board", "sink") and getattr(station, "progress", 0):
                self.working[player] = (station.kind, self.clock)
                sound = True
        if sound and rnd.tick % CHOP_EVERY == 0:
            self.audio.play("chop", 0.7)
