"""Supplying: fetching and chopping what a ticket still needs and bringing it to its pot
or plate, through a pass counter when the bot cannot reach the target itself.
"""

from __future__ import annotations

from collections.abc import Iterator

from kitchen.bots import errands as E
from kitchen.bots.errands import Errand, Step
from kitchen.bots.jobs import PLATE, Job, Need
from kitchen.bots.planner_base import SUPPLY, PlannerBase
from kitchen.sim.spec import Tile


class Supplying(PlannerBase):
    """The supplying errands of :class:`~kitchen.bots.planner.Planner`."""

    def _supply(self, job: Job) -> Iterator[Errand]:
        if job.blocked or job.collecting:
            return
        seen: set[tuple[object, ...]] = set()
        for need in job.needs:
            src = need.source
            key = (need.container, need.key, src.kind, id(src.item) if src.item else src.ingredient)
            if key in seen:
                continue
            seen.add(key)
            found = self._supply_one(job, need)
            if found is not None:
                yield found

    def _fetch(self, need: Need) -> tuple[list[Step], Tile | None, set[int]] | None:
        """Steps that get the need's source into the bot's hands (none if already held),
        and where the bot then stands."""
        src = need.source
        if src.kind == "hand":
            return [], None, set()
        if src.kind == "loose":
            assert src.item is not None
            assert src.tile is not None
            if self.w.reach(self.me, src.tile) is None:
                return None
            return [E.take_item(src.tile, src.item)], src.tile, {src.item.id}
        found = self.nearest([c.tile for c in self.w.crates_of(src.ingredient)], None)
        if found is None:
            return None
        return [E.take_from_crate(found[0])], found[0], set()

    def _board(self, start: Tile | None, goal: Tile | None) -> Tile | None:
        best: tuple[int, Tile] | None = None
        for board in self.w.free_boards():
            if board.tile in self._reserved:
                continue
            d = self._dist(start, board.tile)
            if d >= 999:
                continue
            if goal is not None:
                d += self._dist(board.tile, goal)
            if best is None or (d, board.tile) < best:
                best = (d, board.tile)
        if best is None:
            self.board_short = True
            return None
        return best[1]

    def _supply_one(self, job: Job, need: Need) -> Errand | None:
        src = need.source
        to_pot = need.container[0] != PLATE
        target: Tile | None = need.container[1] if to_pot else None
        plate = job.plate if job.plate is not None and job.plate.tile is not None else None
        if not to_pot and not src.chop:
            # Ready for the plate already: only move it if no collector can reach it.
            if src.kind == "loose" and src.tile is not None and self._collectors_reach(src.tile):
                return None
            crates = self.w.crates_of(src.ingredient)
            if src.kind == "crate" and any(self._collectors_reach(c.tile) for c in crates):
                return None
        if (
            to_pot
            and not src.chop
            and src.kind == "loose"
            and src.tile is not None
            and target is not None
            and self.w.reach(self.me, target) is None
            and self._others_reach(src.tile, target)
        ):
            return None  # already handed over: whoever can reach the pot takes it on
        fetch = self._fetch(need)
        if fetch is None:
            return None
        steps, here, items = fetch
        stations: set[Tile] = set()
        chop_ticks = 0
        if src.chop:
            chop_ticks = self.rnd.spec.chop_ticks
            on_board = src.kind == "loose" and src.on_board
            if on_board and src.tile is not None and src.item is not None:
                steps = [E.chop_item(src.tile, src.item)]
                board = src.tile
                if to_pot or plate is not None or not self._collectors_reach(board):
                    steps.append(E.take_item(board, src.item, "take back"))
            else:
                free_board = self._board(here, target)
                if free_board is None:
                    return None
                board = free_board
                steps += [E.put_down(board, "board"), E.chop(board)]
                if to_pot or plate is not None or not self._collectors_reach(board):
                    steps.append(E.take_memo(board))
            stations.add(board)
            here = board
            if not to_pot and plate is None and self._collectors_reach(board):
                return self.errand(
                    "prep",
                    steps,
                    SUPPLY + chop_ticks + self._job_weight(job),
                    items=items,
                    slots=((need.container, need.key),),
                    stations=stations,
                )
        if to_pot:
            assert target is not None
            if self._dist(here, target) < 999:
                steps.append(E.into_pot(target))
            else:
                counter = self._handover(here, target)
                if counter is None:
                    return None
                steps.append(E.put_down(counter, "pass"))
                stations.add(counter)
        elif plate is not None and plate.tile is not None and self._dist(here, plate.tile) < 999:
            steps.append(E.onto_plate(plate.tile, plate.item))
        else:
            serves = [s.tile for s in self.w.serves]
            if not serves:
                return None
            counter = self._handover(here, serves[0], serve=True)
            if counter is None:
                return None
            steps.append(E.put_down(counter, "pass"))
            stations.add(counter)
        if not steps:
            return None
        return self.errand(
            "supply" if to_pot else "prep",
            steps,
            SUPPLY + chop_ticks + self._job_weight(job),
            items=items,
            slots=((need.container, need.key),),
            stations=stations,
        )
