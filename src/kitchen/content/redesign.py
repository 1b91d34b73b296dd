"""The level editor's redesign mode: a team changes its own kitchen between rounds, within
the level's budget of changes (its ``redesign:`` block, :mod:`kitchen.content.redesign_model`).

A :class:`RedesignDraft` is a :class:`~kitchen.content.level_edit.LevelDraft` of the kitchen
a round was played on, with the few edits a redesign allows (move a station, crate or
chef's start; add or remove a pass counter; redraw a zone; change a role) and the protocols
the team adopts. The list of changes is never kept edit by edit: it is worked out by
comparing the kitchen now with the kitchen it started from (:func:`describe_changes`), so
undo, redo and a crate moved back where it was all give the true list, in plain words
("moved the onion crate from (2,3) to (5,3)"). An edit that would go over the budget, or
make a kind of change the level does not allow, is taken back at once
(:meth:`RedesignDraft.keep_or_refuse`).

A protocol changes nothing in the level file: it is kept only in the cycle's change list
(:class:`kitchen.session.cycles.Change`, kind ``protocol``); no measure checks whether the
team kept to it.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any, Final

from kitchen.content.builtins import DEFAULT_TILES
from kitchen.content.level_edit import NO_ZONE, LevelDraft
from kitchen.content.redesign_model import DEFAULT_BUDGET, REDESIGN_KINDS, RedesignDef
from kitchen.content.roundtrip_save import same, save_text

Cell = tuple[int, int]

PROTOCOL_CALL_HANDOVERS: Final = "call every hand-over out loud"
PROTOCOL_CHECK_BACK: Final = "check back every call-out"
PROTOCOL_HUDDLE: Final = "huddle when something breaks"


def ticket_reader(player: int) -> str:
    """The protocol naming one chef as the reader of every ticket."""
    return f"chef {player} reads every ticket aloud"


NAMES: Final[dict[str, str]] = {
    "stove": "the stove",
    "board": "the chopping board",
    "plates": "the plates",
    "serve": "the serving window",
    "bin": "the bin",
    "sink": "the sink",
    "dirty_return": "the dirty-plate return",
    "counter": "a counter",
    "wall": "a wall",
}
"""How a station is named in the change list."""

_SUFFIX = re.compile(r"_r\d{2,3}$")


@dataclass(frozen=True)
class Edit:
    """One change from the kitchen the redesign started from.

    ``kind`` is the cycle's kind of change (:data:`kitchen.session.cycles.ChangeKind`);
    ``allow`` the ``redesign:`` kind that permits it (``other``: none does)."""

    kind: str
    allow: str
    what: str


def rules_of(data: dict[str, Any]) -> RedesignDef:
    """The level's ``redesign:`` block, or the default (a budget of
    :data:`~kitchen.content.redesign_model.DEFAULT_BUDGET`, every kind allowed)."""
    block = data.get("redesign")
    if isinstance(block, dict):
        try:
            return RedesignDef.model_validate(block)
        except ValueError:
            pass  # the loader reports it; the default keeps the redesign usable
    return RedesignDef(budget=DEFAULT_BUDGET, allow=list(REDESIGN_KINDS))


def _tile(char: str, legend: dict[str, Any]) -> dict[str, Any]:
    entry = legend.get(char, DEFAULT_TILES.get(char))
    if isinstance(entry, str):
        return {"kind": entry}
    return entry if isinstance(entry, dict) else {"kind": "unknown"}


def thing_name(char: str, legend: dict[str, Any]) -> str:
    """``the onion crate``, ``chef 1's start``, ``the stove``."""
    tile = _tile(char, legend)
    kind = str(tile.get("kind"))
    if kind == "crate":
        return f"the {str(tile.get('ingredient', '')).replace('_', ' ')} crate"
    if kind == "start":
        return f"chef {tile.get('player')}'s start"
    return NAMES.get(kind, f"the {kind.replace('_', ' ')}")


def _grid(rows: list[str], width: int, height: int) -> dict[Cell, str]:
    out: dict[Cell, str] = {}
    for y in range(height):
        row = rows[y] if y < len(rows) else ""
        for x in range(width):
            out[(x, y)] = row[x] if x < len(row) else " "
    return out


def _pairs(gone: list[Cell], come: list[Cell]) -> list[tuple[Cell, Cell]]:
    """Pair the cells a thing left with the cells it came to, nearest first."""
    pairs: list[tuple[Cell, Cell]] = []
    left, right = list(gone), list(come)
    while left and right:
        a, b = min(
            ((a, b) for a in left for b in right),
            key=lambda ab: (abs(ab[0][0] - ab[1][0]) + abs(ab[0][1] - ab[1][1]), ab),
        )
        pairs.append((a, b))
        left.remove(a)
        right.remove(b)
    return pairs


def _at(cell: Cell) -> str:
    return f"({cell[0]},{cell[1]})"


def map_changes(old: LevelDraft, new: LevelDraft) -> list[Edit]:
    """The map's changes in plain words: things moved, counters added or removed."""
    legend = new.data.get("legend") if isinstance(new.data.get("legend"), dict) else {}
    assert isinstance(legend, dict)
    width = max(old.size[0], new.size[0])
    height = max(old.size[1], new.size[1])
    before, after = _grid(old.rows(), width, height), _grid(new.rows(), width, height)

    def kind(char: str) -> str:
        return str(_tile(char, legend).get("kind"))

    changed = [c for c in before if kind(before[c]) != kind(after[c]) or before[c] != after[c]]
    changed = [c for c in changed if not (kind(before[c]) == kind(after[c]) == "floor")]
    chars = sorted({before[c] for c in changed} | {after[c] for c in changed})
    edits: list[Edit] = []
    settled: set[tuple[Cell, str]] = set()  # (cell, char) explained by a move
    for char in chars:
        if kind(char) in ("floor", "counter"):
            continue
        gone = [c for c in changed if before[c] == char and after[c] != char]
        come = [c for c in changed if after[c] == char and before[c] != char]
        for a, b in _pairs(gone, come):
            edits.append(
                Edit("move", "move", f"moved {thing_name(char, legend)} from {_at(a)} to {_at(b)}")
            )
            settled |= {(a, char), (b, char)}
        for c in gone:
            if (c, char) not in settled:
                edits.append(
                    Edit("remove", "other", f"removed {thing_name(char, legend)} at {_at(c)}")
                )
        for c in come:
            if (c, char) not in settled:
                edits.append(Edit("add", "other", f"added {thing_name(char, legend)} at {_at(c)}"))
    # counters: one that a moved thing swapped places with is part of that move
    moved_cells = {c for c, _ in settled}
    counters_gone = [
        c
        for c in changed
        if kind(before[c]) == "counter" and kind(after[c]) != "counter" and c not in moved_cells
    ]
    counters_come = [
        c
        for c in changed
        if kind(after[c]) == "counter" and kind(before[c]) != "counter" and c not in moved_cells
    ]
    for a, b in _pairs(counters_gone, counters_come):
        edits.append(Edit("move", "move", f"moved a counter from {_at(a)} to {_at(b)}"))
        counters_gone.remove(a)
        counters_come.remove(b)
    for c in counters_come:
        edits.append(Edit("add", "pass_counter", f"added a pass counter at {_at(c)}"))
    for c in counters_gone:
        edits.append(Edit("remove", "pass_counter", f"removed the counter at {_at(c)}"))
    return edits


def _zone_cells(draft: LevelDraft) -> dict[str, set[Cell]]:
    out: dict[str, set[Cell]] = {}
    for y, row in enumerate(draft.rows("zones")):
        for x, letter in enumerate(row):
            if letter != NO_ZONE:
                out.setdefault(letter, set()).add((x, y))
    return out


def zone_changes(old: LevelDraft, new: LevelDraft) -> list[Edit]:
    """Zones redrawn, added, taken away or renamed (one change per zone)."""
    names_old, names_new = old.zone_names(), new.zone_names()
    cells_old, cells_new = _zone_cells(old), _zone_cells(new)
    edits: list[Edit] = []
    for letter in sorted(set(names_old) | set(names_new)):
        name = names_new.get(letter) or names_old.get(letter, letter)
        if letter not in names_new:
            edits.append(Edit("zone", "zone", f"took away zone '{name}'"))
            continue
        if letter not in names_old:
            n = len(cells_new.get(letter, set()))
            edits.append(Edit("zone", "zone", f"added zone '{name}' ({n} cells)"))
            continue
        a, b = cells_old.get(letter, set()), cells_new.get(letter, set())
        parts = []
        if names_old[letter] != name:
            parts.append(f"renamed zone '{names_old[letter]}' to '{name}'")
        if a != b:
            grew, shrank = len(b - a), len(a - b)
            how = ", ".join(
                p
                for p in (
                    f"{grew} cell{'s' if grew != 1 else ''} added" if grew else "",
                    f"{shrank} cell{'s' if shrank != 1 else ''} taken out" if shrank else "",
                )
                if p
            )
            parts.append(f"redrew zone '{name}' ({how})")
        if parts:
            edits.append(Edit("zone", "zone", "; ".join(parts)))
    return edits


def _chefs(players: list[int]) -> str:
    if not players:
        return "no chef"
    return ("chef " if len(players) == 1 else "chefs ") + ", ".join(str(p) for p in players)


def role_changes(old: LevelDraft, new: LevelDraft) -> list[Edit]:
    """Roles changed: who is in them, where they may stand, whether they read the tickets
    and may serve (one change per role)."""
    before, after = old.roles(), new.roles()
    edits: list[Edit] = []
    for name in list(dict.fromkeys([*before, *after])):
        shown = name.replace("_", " ")
        if name not in after:
            edits.append(Edit("role", "role", f"took away the role '{shown}'"))
            continue
        a, b = before.get(name, {}), after[name]
        parts: list[str] = []
        if name not in before:
            parts.append(f"added the role '{shown}'")
        players_a, players_b = list(a.get("players") or []), list(b.get("players") or [])
        for p in sorted(set(players_b) - set(players_a)):
            parts.append(f"chef {p} joined it")
        for p in sorted(set(players_a) - set(players_b)):
            parts.append(f"chef {p} left it")
        if not same(a.get("zones"), b.get("zones")) and name in before:
            zones = b.get("zones")
            where = ", ".join(str(z) for z in zones) if zones else "anywhere"
            parts.append(f"may stand in {where}")
        for key, yes, no in (
            ("sees_tickets", "reads the tickets", "no longer reads the tickets"),
            ("may_serve", "may serve", "may no longer serve"),
        ):
            if a.get(key, True) != b.get(key, True) or (
                name not in before and not b.get(key, True)
            ):
                parts.append(yes if b.get(key, True) else no)
        if parts:
            who = _chefs(players_b)
            head = f"role '{shown}' ({who}): " if name in before else ""
            edits.append(Edit("role", "role", head + "; ".join(parts)))
    return edits


def other_changes(old: LevelDraft, new: LevelDraft) -> list[Edit]:
    """Anything else changed (a redesign's tools never do this; named so it is seen)."""
    keys = (set(old.data) | set(new.data)) - {"map", "zones", "roles"}
    return [
        Edit("other", "other", f"changed '{key}'")
        for key in sorted(keys)
        if not same(old.data.get(key), new.data.get(key))
    ]


def describe_changes(old: LevelDraft, new: LevelDraft) -> list[Edit]:
    """Every change from ``old`` to ``new``, in plain words (protocols apart)."""
    return (
        map_changes(old, new)
        + zone_changes(old, new)
        + role_changes(old, new)
        + other_changes(old, new)
    )


def redesign_name(name: str, number: int) -> str:
    """The redesigned level's name: ``kitchen_r01`` for cycle 1 of ``kitchen`` (an earlier
    cycle's ``_rNN`` is replaced; at most 40 characters)."""
    stem = _SUFFIX.sub("", name) or "kitchen"
    suffix = f"_r{number:02d}"
    return stem[: 40 - len(suffix)] + suffix


class RedesignDraft:
    """A kitchen being redesigned by a team, within its ``redesign:`` budget.

    Args:
        text: the level's text as the compared round played it (the file is never read
            or written here).
        name: the name problems are shown under.
    """

    def __init__(self, text: str, name: str) -> None:
        self.start = LevelDraft(text, name)
        self.draft = LevelDraft(text, name)
        self.rules = rules_of(self.draft.data)
        self.protocols: list[str] = []
        self.refused = ""
        """Why the last edit was taken back (empty: it was kept)."""

    # --- what has changed -------------------------------------------------------------

    def edits(self) -> list[Edit]:
        """The kitchen's changes (protocols apart)."""
        return describe_changes(self.start, self.draft)

    def changes(self) -> list[tuple[str, str]]:
        """Every change as ``(kind, words)``, protocols last: the cycle's change list."""
        out = [(e.kind, e.what) for e in self.edits()]
        return out + [("protocol", f"protocol: {p}") for p in self.protocols]

    @property
    def used(self) -> int:
        """Changes made so far (a protocol counts as one)."""
        return len(self.edits()) + len(self.protocols)

    @property
    def left(self) -> int:
        """Changes still allowed."""
        return max(0, self.rules.budget - self.used)

    def refusal(self) -> str:
        """Why the redesign as it stands is not allowed (empty: it is)."""
        for edit in self.edits():
            if edit.allow not in self.rules.allow:
                what = edit.allow.replace("_", " ")
                return f"Not allowed in this kitchen's redesign: {edit.what} ({what})"
        if self.used > self.rules.budget:
            b = self.rules.budget
            return f"That would be change {self.used}; the budget is {b} change{'s' * (b > 1)}"
        return ""

    def keep_or_refuse(self) -> bool:
        """After an edit: keep it if the redesign is still allowed, else take it back (it
        cannot be redone) and say why in :attr:`refused`. Returns whether it was kept."""
        self.refused = self.refusal()
        if not self.refused:
            return True
        if self.draft.undo():
            self.draft.redo_stack.clear()
        return False

    # --- edits ------------------------------------------------------------------------

    def movable(self, cell: Cell) -> bool:
        """Whether the thing in ``cell`` can be picked up (not floor or a wall)."""
        legend = self.draft.data.get("legend")
        tile = _tile(self.draft.cell(*cell), legend if isinstance(legend, dict) else {})
        return tile.get("kind") not in ("floor", "wall", "unknown")

    def move(self, source: Cell, target: Cell) -> bool:
        """Move the thing in ``source`` to ``target``; what was in ``target`` takes its
        place (a crate swaps with the counter it goes to). Returns whether it was kept."""
        if source == target or not self.movable(source):
            return False
        a, b = self.draft.cell(*source), self.draft.cell(*target)
        if not b:
            return False
        b = " " if b == "." else b
        self.draft.begin()
        self.draft.paint([target], a)
        self.draft.paint([source], b)
        self.draft.end()
        return self.keep_or_refuse()

    def toggle_counter(self, cell: Cell) -> bool:
        """A pass counter on a floor cell, or the floor back where a counter was.
        Returns whether anything changed and was kept."""
        legend = self.draft.data.get("legend")
        kind = _tile(self.draft.cell(*cell), legend if isinstance(legend, dict) else {})["kind"]
        counter = next((c for c, t in DEFAULT_TILES.items() if t["kind"] == "counter"), "X")
        if kind == "floor":
            changed = self.draft.paint([cell], counter)
        elif kind == "counter":
            changed = self.draft.paint([cell], " ")
        else:
            self.refused = "A pass counter goes on the floor (or click a counter to take it away)"
            return False
        return changed and self.keep_or_refuse()

    def toggle_protocol(self, protocol: str) -> bool:
        """Adopt a protocol, or drop it. Returns whether it was kept."""
        if protocol in self.protocols:
            self.protocols.remove(protocol)
            self.refused = ""
            return True
        self.protocols.append(protocol)
        self.refused = self.refusal()
        if self.refused:
            self.protocols.remove(protocol)
            return False
        return True

    # --- the redesigned level ---------------------------------------------------------

    def level_text(self, number: int) -> str:
        """The redesigned level's text for cycle ``number``: the kitchen with its changes,
        named ``<name>_rNN``, ``redesign_of`` the level it started from (so the debrief
        compares their rounds), everything else byte for byte as it was."""
        data = copy.deepcopy(self.draft.data)
        original = str(self.start.data.get("name") or "kitchen")
        data["name"] = redesign_name(original, number)
        if data["name"] != original:
            data["redesign_of"] = original
        title = self.start.data.get("title")
        if isinstance(title, str):
            suffix = f" (redesign {number})"
            data["title"] = title.split(" (redesign")[0][: 60 - len(suffix)] + suffix
        return save_text(self.draft.original, data)
