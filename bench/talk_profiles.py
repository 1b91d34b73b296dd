"""Scripted communication for the lesson discrimination bench: call-outs a profile makes,
tick by tick, and the hazards it speaks (or does not speak) about.

The profiles (``docs/lessons.md``, section "Does each card fire on its behaviour?"):

- ``talkative``: calls for items rotate round the team, each acknowledged ("On it!") by
  another chef and thanked by the caller: loops that close; every hazard is spoken about
  within a few seconds (a ``warn`` about it, from the speakers in turn; a ``help`` when a
  disruption starts);
- ``unanswered``: the same calls and warnings, never acknowledged: open loops;
- ``quiet``: each chef says "ready" once in the round, and that is all;
- ``dominant``: one chef calls constantly (items, "ready", every warning), the others only
  acknowledge;
- ``silent``: as ``talkative``, but one chef never says anything;
- ``idle``: as ``talkative``, but one chef (a person) stands still all round;
- ``slow``: as ``talkative``, but slow to speak up: a third of the hazards are warned about
  20 to 30 s after they arise (later than the speaking-up window), the rest never, and
  nobody calls for help when a disruption starts.

A hazard is what ``communication.hazards`` counts (:mod:`kitchen.debrief.communication_metrics`):
a burn warning, a breakdown, an allergy ticket, an order with ``EXPIRING_S`` seconds of
patience left, a chef blocked for ``BLOCKED_HAZARD_S`` seconds. :class:`HazardWatch` notices
them as the round goes, from its events, as a person watching the kitchen would.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable

from kitchen.debrief.communication_metrics import BLOCKED_HAZARD_S, EXPIRING_S
from kitchen.events import (
    BurnWarning,
    ChefBlocked,
    ChefUnblocked,
    DisruptionStarted,
    Event,
    OrderArrived,
    OrderExpired,
    OrderServed,
    SafetyIncident,
)
from kitchen.sim.spec import TICKS_PER_SECOND

TALK_PROFILES = ("talkative", "unanswered", "quiet", "dominant", "silent", "idle", "slow")

PROMPT = frozenset({"talkative", "unanswered", "dominant", "silent", "idle"})
"""The profiles that speak about every hazard within a few seconds."""

SLOW_LATE_S = (20, 30)
"""When ``slow`` does warn, this many seconds after the hazard (beyond the speaking-up
window of ``SPEAK_UP_WINDOW_S``)."""


class HazardWatch:
    """The hazards of a round as they become visible, fed one tick's events at a time."""

    def __init__(self) -> None:
        self.expiring_at: dict[int, int] = {}  # open order -> tick its patience runs low
        self.blocked_since: dict[int, int] = {}  # blocked chef -> tick the block began
        self.told: set[tuple[int, int]] = set()  # blocks already reported

    def see(self, tick: int, events: Iterable[Event]) -> list[tuple[int, str]]:
        """This tick's events in; the hazards known now out, as ``(tick it arose, warning)``
        (a blocked corridor becomes known ``BLOCKED_HAZARD_S`` after the block began)."""
        s = TICKS_PER_SECOND
        found: list[tuple[int, str]] = []
        for e in events:
            if isinstance(e, BurnWarning):
                found.append((e.tick, "burning"))
            elif isinstance(e, DisruptionStarted) and e.kind == "breakdown":
                found.append((e.tick, "broken"))
            elif isinstance(e, OrderArrived):
                if e.exclude is not None:
                    found.append((e.tick, "allergy"))
                at = max(e.tick, e.tick + e.patience_ticks - EXPIRING_S * s)
                self.expiring_at[e.order_id] = at
            elif isinstance(e, (OrderServed, OrderExpired, SafetyIncident)):
                self.expiring_at.pop(e.order_id, None)
            elif isinstance(e, ChefBlocked):
                self.blocked_since.setdefault(e.player, e.tick)
            elif isinstance(e, ChefUnblocked):
                self.blocked_since.pop(e.player, None)
        for order, at in list(self.expiring_at.items()):
            if at <= tick:
                found.append((at, "expiring"))
                del self.expiring_at[order]
        for player, since in list(self.blocked_since.items()):
            if tick - since >= BLOCKED_HAZARD_S * s and (player, since) not in self.told:
                self.told.add((player, since))
                found.append((since, "blocked"))
        return found


class Talk:
    """A profile's call-outs, tick by tick."""

    def __init__(self, profile: str, people: list[int], items: list[str], seed: int) -> None:
        if profile not in TALK_PROFILES:
            raise ValueError(f"unknown talk profile {profile!r}")
        self.profile = profile
        self.rng = random.Random(seed)
        self.items = items or ["onion"]
        self.speakers = people[:-1] if profile == "silent" else list(people)
        self.pending: dict[int, list[tuple[int, str]]] = defaultdict(list)
        self.turn = 0
        self.warner = 0
        self.next_call = 3 * TICKS_PER_SECOND
        self.watch = HazardWatch()

    def _loop(self, tick: int, caller: int, answered: bool, kind: str = "need") -> None:
        others = [p for p in self.speakers if p != caller]
        call = f"need:{self.rng.choice(self.items)}" if kind == "need" else kind
        self.pending[tick].append((caller, call))
        if answered and others:
            answerer = others[self.turn % len(others)]
            self.pending[tick + int(1.5 * TICKS_PER_SECOND)].append((answerer, "on_it"))
            self.pending[tick + int(3.5 * TICKS_PER_SECOND)].append((caller, "thanks"))

    def _speak_up(self, tick: int, hazards: list[tuple[int, str]], disrupted: bool) -> None:
        """Schedule the warnings (and the call for help) this profile gives about what
        arose."""
        if not self.speakers or self.profile == "quiet":
            return
        s = TICKS_PER_SECOND
        p = self.profile
        answered = p != "unanswered"
        for _, warning in hazards:
            if p == "dominant":
                speaker = self.speakers[0]
            else:
                self.warner += 1
                speaker = self.speakers[self.warner % len(self.speakers)]
            if p in PROMPT:
                self.pending[tick + self.rng.randint(1 * s, 3 * s)].append(
                    (speaker, f"warn:{warning}")
                )
            elif p == "slow" and self.rng.random() < 1 / 3:
                late = self.rng.randint(SLOW_LATE_S[0] * s, SLOW_LATE_S[1] * s)
                self.pending[tick + late].append((speaker, f"warn:{warning}"))
        if disrupted and p in PROMPT:
            self._loop(tick + s, self.speakers[0], answered=answered, kind="help")

    def calls(self, tick: int, events: Iterable[Event] = ()) -> dict[int, str]:
        """This tick's call-outs by chef, given the events of the tick before (what the
        team could see). A chef makes one call a tick: a second waits for the next tick."""
        events = list(events)
        s = TICKS_PER_SECOND
        p = self.profile
        disrupted = any(isinstance(e, DisruptionStarted) for e in events)
        self._speak_up(tick, self.watch.see(tick, events), disrupted)
        if p == "quiet":
            for i, player in enumerate(self.speakers):
                if tick == (20 + 40 * i) * s:
                    self.pending[tick].append((player, "ready"))
        elif p == "dominant":
            boss = self.speakers[0]
            if tick % (3 * s) == 0:
                self.pending[tick].append((boss, "ready"))
            if tick >= self.next_call:
                self.turn += 1
                self._loop(tick + 1, boss, answered=True)
                self.next_call = tick + self.rng.randint(4 * s, 6 * s)
        elif self.speakers and tick >= self.next_call:
            self.turn += 1
            caller = self.speakers[self.turn % len(self.speakers)]
            alone = len(self.speakers) < 2
            self._loop(tick, caller, answered=p != "unanswered" and not alone)
            self.next_call = tick + self.rng.randint(5 * s, 8 * s)
        out: dict[int, str] = {}
        for player, call in self.pending.pop(tick, []):
            if player in out:
                self.pending[tick + 1].append((player, call))
            else:
                out[player] = call
        return out
