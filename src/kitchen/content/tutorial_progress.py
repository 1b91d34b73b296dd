"""Which tutorial prompt to show, worked out from a round's events alone.

:class:`TutorialRecord` folds events into the first tick at which each chef did each step's
goal; :func:`tutorial_view` turns that and the current tick into the prompt to show.
:func:`tutorial_prompt` does both at once: a pure function of the events so far.

The rules (also in ``docs/levels.md``):

* Steps come one at a time, in order; the first step not yet done is shown.
* ``who: each`` waits until every chef a person plays has done it (their chips tick off);
  ``who: anyone`` until one has. What a chef did before the step came up counts.
* People's actions count; computer cooks' do not, unless nobody plays (a facilitator
  watching the computer cooks then sees the prompts advance as they cook).
* ``give_up_after`` moves on that many seconds after the step came up, done or not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from kitchen.content.tutorial_model import TutorialDef, TutorialStepDef
from kitchen.events import (
    Callout,
    ControllerChanged,
    CookStarted,
    Event,
    ItemBinned,
    ItemCombined,
    ItemPicked,
    ItemProcessed,
    ItemPutDown,
    ItemSpawned,
    OrderServed,
    RoundStarted,
)
from kitchen.i18n import localize

DEFAULT_STATIONS: dict[str, tuple[str, ...]] = {
    "add_to_pot": ("stove",),
    "cook_started": ("stove",),
    "cooked": ("stove",),
    "chop": ("board",),
    "wash": ("sink",),
    "serve": ("serve",),
    "bin": ("bin",),
}
"""The stations a goal is about when a step does not say (pick-ups: see
:func:`step_stations`)."""

_SPLIT = re.compile(r"[\[\]+,]")


def item_words(item: str) -> set[str]:
    """The names an item description answers to: ``plate[soup:onion+onion+onion]`` is a
    plate, a soup and onions; ``onion:chopped`` an onion and a chopped onion."""
    words = {item}
    for part in _SPLIT.split(item):
        if part:
            words.add(part)
            words.update(p for p in part.split(":") if p)
    return words


def goal_of(event: Event) -> tuple[str, int | None, set[str]] | None:
    """The tutorial goal ``event`` shows done, by which chef (``None``: no chef), and the
    names it answers to; ``None`` when it completes no goal."""
    if isinstance(event, ItemSpawned):
        if event.player is None or (event.source == "pot" and event.item != "burnt"):
            return None  # a soup ladled onto a plate is plate_up
        return "pick_up", event.player, item_words(event.item)
    if isinstance(event, ItemPicked):
        return "pick_up", event.player, item_words(event.item)
    if isinstance(event, ItemPutDown):
        return "put_down", event.player, item_words(event.item)
    if isinstance(event, ItemCombined):
        goal = "add_to_pot" if event.into_id is None else "plate_up"
        return goal, event.player, item_words(event.item)
    if isinstance(event, CookStarted):
        return "cook_started", event.player, item_words(event.item) | {"soup"}
    if isinstance(event, ItemProcessed):
        processed = {"cook": "cooked", "chop": "chop", "wash": "wash"}.get(event.process)
        if processed is None:
            return None
        words = item_words(event.item) | ({"soup"} if processed == "cooked" else set())
        return processed, event.player, words
    if isinstance(event, OrderServed):
        return "serve", event.player, {event.recipe}
    if isinstance(event, ItemBinned):
        return "bin", event.player, item_words(event.item)
    if isinstance(event, Callout):
        words = {event.kind} | (item_words(event.item) if event.item else set())
        return "call_out", event.player, words
    return None


def step_matches(step: TutorialStepDef, goal: str, words: set[str]) -> bool:
    """Whether a goal done with an item of these names completes ``step``."""
    return step.goal == goal and (step.item is None or step.item in words)


def step_stations(step: TutorialStepDef) -> tuple[str, ...]:
    """The kinds of station a step is about (outlined on screen, never covered)."""
    if step.at is not None:
        return tuple(step.at)
    if step.goal == "pick_up":
        return ("plates",) if step.item == "plate" else ("crate",)
    if step.goal == "plate_up":
        return ("stove",) if step.item == "soup" else ()
    return DEFAULT_STATIONS.get(step.goal, ())


@dataclass
class TutorialRecord:
    """What the events so far show: for each step, the first tick each chef did its goal
    (key ``None``: done by no chef, such as a pot finishing), and who plays.

    Args:
        tutorial: the level's tutorial.
    """

    tutorial: TutorialDef
    first: list[dict[int | None, int]] = field(default_factory=list)
    players: tuple[int, ...] = ()
    people: set[int] = field(default_factory=set)
    ticks_per_second: int = 60
    start_tick: int = 0

    def __post_init__(self) -> None:
        self.first = [{} for _ in self.tutorial.steps]

    def add(self, events: Iterable[Event]) -> None:
        """Take in more of the round's events, in order."""
        for event in events:
            if isinstance(event, RoundStarted):
                self.players = tuple(event.players)
                self.people = set(event.people)
                self.ticks_per_second = event.ticks_per_second
                self.start_tick = event.tick
                continue
            if isinstance(event, ControllerChanged):
                if event.controller == "person":
                    self.people.add(event.player)
                else:
                    self.people.discard(event.player)
                continue
            done = goal_of(event)
            if done is None:
                continue
            goal, player, words = done
            for step, first in zip(self.tutorial.steps, self.first, strict=True):
                if step_matches(step, goal, words):
                    first.setdefault(player, event.tick)


@dataclass(frozen=True)
class TutorialView:
    """The prompt to show now.

    Attributes:
        number: the step's number (1-based); 0 for the closing message.
        total: how many steps there are.
        say: the prompt's text.
        controls: the controls to show each chef's keys for, in order (none: no key).
        who: ``each`` or ``anyone``.
        chefs: the chefs people play, each with whether they have done this step.
        stations: the kinds of station the step is about.
        item: the item the step names, if any (which crate, for a pick-up).
        goal: the step's goal (``""`` for the closing message).
    """

    number: int
    total: int
    say: str
    controls: tuple[str, ...]
    who: str
    chefs: tuple[tuple[int, bool], ...]
    stations: tuple[str, ...]
    item: str | None = None
    goal: str = ""

    @property
    def finished(self) -> bool:
        """True for the closing message shown after the last step."""
        return self.number == 0


def _counted(record: TutorialRecord, first: dict[int | None, int]) -> dict[int | None, int]:
    """The first ticks that count: people's and nobody's, or everyone's if nobody plays."""
    if not record.people:
        return first
    return {p: t for p, t in first.items() if p is None or p in record.people}


def _done_tick(record: TutorialRecord, step: TutorialStepDef, i: int) -> int | None:
    counted = _counted(record, record.first[i])
    if step.who == "each" and record.people:
        ticks = [counted.get(p) for p in sorted(record.people)]
        return None if any(t is None for t in ticks) else max(t for t in ticks if t is not None)
    return min(counted.values()) if counted else None


def tutorial_view(record: TutorialRecord, now: int) -> TutorialView | None:
    """The prompt to show at tick ``now``, or ``None`` once the tutorial is over (the
    closing message, if any, has had its time)."""
    tutorial = record.tutorial
    start = record.start_tick
    for i, step in enumerate(tutorial.steps):
        done = _done_tick(record, step, i)
        done_at = None if done is None else max(start, done)
        if step.give_up_after is not None:
            give_up = start + round(step.give_up_after * record.ticks_per_second)
            if give_up <= now and (done_at is None or give_up < done_at):
                done_at = give_up
        if done_at is None or done_at > now:
            counted = _counted(record, record.first[i])
            chefs = tuple((p, p in counted) for p in sorted(record.people))
            return TutorialView(
                i + 1,
                len(tutorial.steps),
                localize(step.say),
                step.controls,
                step.who,
                chefs,
                step_stations(step),
                step.item,
                step.goal,
            )
        start = done_at
    shown_until = start + round(tutorial.finish_seconds * record.ticks_per_second)
    if tutorial.finish and now < shown_until:
        people = tuple((p, True) for p in sorted(record.people))
        finish = localize(tutorial.finish)
        return TutorialView(0, len(tutorial.steps), finish, (), "anyone", people, ())
    return None


def tutorial_prompt(
    tutorial: TutorialDef, events: Iterable[Event], now: int
) -> TutorialView | None:
    """The prompt to show at tick ``now`` after ``events`` (the round's events so far)."""
    record = TutorialRecord(tutorial)
    record.add(events)
    return tutorial_view(record, now)
