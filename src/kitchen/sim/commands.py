"""What a chef can be told to do in one tick, and scripts of such commands."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

DIRECTIONS: dict[str, tuple[int, int]] = {
    "stop": (0, 0),
    "up": (0, -1),
    "down": (0, 1),
    "left": (-1, 0),
    "right": (1, 0),
    "up_left": (-1, -1),
    "up_right": (1, -1),
    "down_left": (-1, 1),
    "down_right": (1, 1),
}
"""Named move directions (screen coordinates: y grows downwards)."""


CALLOUT_KINDS = ("need", "on_it", "ready", "help", "thanks", "warn")
"""Quick-chat call-outs. ``need`` names an item (``need:onion``), ``warn`` a hazard
(``warn:burning``); an ``on_it`` may name the item it answers (``on_it:onion``)."""

WARNINGS = ("burning", "broken", "allergy", "expiring", "blocked")
"""What a ``warn`` call-out can be about: a pot about to burn, a station broken down, a ticket
with an allergy, an order about to expire, a chef blocked in a corridor."""


def check_callout(value: str) -> str:
    """Return ``value`` if it is a valid call-out, else raise ValueError with a readable
    message.

    A call-out is ``kind``, ``need:ITEM``, ``warn:HAZARD`` or ``on_it:ITEM`` (an ``on_it``
    naming the item it answers), optionally addressed to one chef with ``@N``
    (``need:onion@2``, ``on_it@1``, ``on_it:onion@1``); without ``@`` it is for everyone.
    """
    call, at, to = value.partition("@")
    kind, colon, item = call.partition(":")
    if kind not in CALLOUT_KINDS:
        raise ValueError(f"unknown call-out {value!r}; use one of {', '.join(CALLOUT_KINDS)}")
    if (kind in ("need", "warn") or (kind == "on_it" and bool(colon))) != bool(item):
        raise ValueError(
            "'need' names an item ('need:onion') and 'warn' a hazard ('warn:burning');"
            " 'on_it' may name the item it answers ('on_it:onion'); other call-outs do not"
        )
    if kind == "warn" and item not in WARNINGS:
        raise ValueError(f"unknown warning {item!r}; use one of {', '.join(WARNINGS)}")
    if at and to not in ("1", "2", "3", "4"):
        raise ValueError(f"a call-out is addressed to a chef 1-4 ('need:onion@2'), not {to!r}")
    return value


def callout_addressee(value: str) -> int | None:
    """The chef a (valid) call-out is addressed to, or ``None`` for everyone."""
    _, at, to = value.partition("@")
    return int(to) if at else None


@dataclass(frozen=True, slots=True)
class Command:
    """One chef's input for one tick.

    Attributes:
        move: direction ``(dx, dy)`` with each part in -1, 0, 1; ``(0, 0)`` stands still.
        interact: pressed this tick: pick up, put down, take from a crate, serve.
        use: held this tick: chop, wash, repair.
        callout: a quick-chat call made this tick (``need:onion``, ``on_it``, ``ready``,
            ``help``, ``thanks``, ``warn:burning``; ``@2`` addresses chef 2), or ``None``.
    """

    move: tuple[int, int] = (0, 0)
    interact: bool = False
    use: bool = False
    callout: str | None = None

    def __post_init__(self) -> None:
        dx, dy = self.move
        if dx not in (-1, 0, 1) or dy not in (-1, 0, 1):
            raise ValueError(f"move must be in -1..1 on each axis, got {self.move!r}")
        if self.callout is not None:
            check_callout(self.callout)


IDLE = Command()


def parse_move(value: Any) -> tuple[int, int]:
    """Read a move from a direction name (``"left"``) or a pair (``[-1, 0]``)."""
    if isinstance(value, str):
        try:
            return DIRECTIONS[value]
        except KeyError:
            raise ValueError(
                f"unknown direction {value!r}; use one of {', '.join(DIRECTIONS)}"
            ) from None
    if (
        isinstance(value, (list, tuple))
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) and -1 <= v <= 1 for v in value)
    ):
        return (value[0], value[1])
    raise ValueError(f"a move is a direction name or [dx, dy] with -1..1, got {value!r}")


@dataclass(frozen=True, slots=True)
class ScriptLine:
    """From ``tick`` on, ``player`` moves ``move`` and holds ``use`` (both persist until a
    later line changes them); ``interact`` presses once, at ``tick`` only."""

    tick: int
    player: int
    move: tuple[int, int] | None = None
    use: bool | None = None
    interact: bool = False
    callout: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ScriptLine:
        """Build a line from a JSON object such as ``{"tick": 5, "player": 1, "move": "up"}``.

        Raises:
            ValueError: with a readable message when the object is malformed.
        """
        if not isinstance(data, Mapping):
            raise ValueError("each command line must be a JSON object")
        unknown = set(data) - {"tick", "player", "move", "use", "interact", "callout"}
        if unknown:
            raise ValueError(f"unknown command fields: {', '.join(sorted(unknown))}")
        tick, player = data.get("tick"), data.get("player")
        if not isinstance(tick, int) or isinstance(tick, bool) or tick < 0:
            raise ValueError("'tick' must be a whole number >= 0")
        if not isinstance(player, int) or isinstance(player, bool) or not 1 <= player <= 4:
            raise ValueError("'player' must be 1-4")
        move = parse_move(data["move"]) if "move" in data else None
        use = data.get("use")
        if use is not None and not isinstance(use, bool):
            raise ValueError("'use' must be true or false")
        interact = data.get("interact", False)
        if not isinstance(interact, bool):
            raise ValueError("'interact' must be true or false")
        callout = data.get("callout")
        if callout is not None:
            if not isinstance(callout, str):
                raise ValueError('\'callout\' must be a string such as "need:onion" or "on_it"')
            check_callout(callout)
            if callout_addressee(callout) == player:
                raise ValueError(f"chef {player} cannot address a call-out to themselves")
        return cls(tick=tick, player=player, move=move, use=use, interact=interact, callout=callout)


class CommandScript:
    """Turns sparse :class:`ScriptLine` changes into one command per player per tick."""

    def __init__(self, lines: Iterable[ScriptLine]) -> None:
        self._by_tick: dict[int, list[ScriptLine]] = {}
        for line in lines:
            self._by_tick.setdefault(line.tick, []).append(line)
        self.last_tick = max(self._by_tick, default=-1)
        self.players = frozenset(line.player for group in self._by_tick.values() for line in group)
        """The chefs the script drives."""

    def __iter__(self) -> Iterator[dict[int, Command]]:
        """Yield each tick's commands forever (idle once the script has run out)."""
        held: dict[int, tuple[tuple[int, int], bool]] = {}
        tick = 0
        while True:
            pressed: set[int] = set()
            calls: dict[int, str] = {}
            for line in self._by_tick.get(tick, ()):
                move, use = held.get(line.player, ((0, 0), False))
                if line.move is not None:
                    move = line.move
                if line.use is not None:
                    use = line.use
                held[line.player] = (move, use)
                if line.interact:
                    pressed.add(line.player)
                if line.callout:
                    calls[line.player] = line.callout
            players = set(held) | pressed | set(calls)
            yield {
                p: Command(
                    move=held.get(p, ((0, 0), False))[0],
                    use=held.get(p, ((0, 0), False))[1],
                    interact=p in pressed,
                    callout=calls.get(p),
                )
                for p in sorted(players)
            }
            tick += 1
