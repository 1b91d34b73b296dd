"""Serving: sending a finished plate out, and collecting a ticket's dish (plating a
ready soup, or assembling a plate) and taking it to the pass.
"""

from __future__ import annotations

from collections.abc import Iterator

from kitchen.bots import errands as E
from kitchen.bots.errands import Errand, Step
from kitchen.bots.jobs import PLATE, Job
from kitchen.bots.planner_base import COLLECT, SERVE, PlannerBase
from kitchen.sim.items import Item
from kitchen.sim.spec import Tile


class Serving(PlannerBase):
    """The serving and collecting errands of :class:`~kitchen.bots.planner.Planner`."""

    def _serve_finished(self) -> Iterator[Errand]:
        can_serve: bool | None = None
        for spot in self.w.plates:
            if spot.tile is None or spot.item.id in self.claims.items or not spot.item.contents:
                continue
            if self.rnd.orders.match(spot.item.plate_components()) is None:
                continue
            if can_serve is None:
                can_serve = self.w.may_serve(self.me) and any(
                    self.w.reach(self.me, s.tile) is not None for s in self.w.serves
                )
            if not can_serve and self._collectors_reach(spot.tile):
                continue  # already where a chef who may serve can take it
            tail = self._serve_tail(spot.tile)
            if tail is None:
                continue
            steps, stations = tail
            found = self.errand(
                "serve",
                [E.take_item(spot.tile, spot.item), *steps],
                SERVE,
                items={spot.item.id},
                stations=stations,
            )
            if found is not None:
                yield found

    def _collect(self, job: Job, held_plate: Item | None) -> Errand | None:
        """Take a plate round every ready source of the job and serve it."""
        if job.blocked or job.collecting or job.complete:
            return None
        if job.plate is not None and job.plate.holder is not None and job.plate.holder != self.me:
            return None
        if job.inflight.get((PLATE, job.order.id)):
            return None  # someone is still bringing a piece
        pot = job.pot
        if job.soup_missing:  # the soup must be on its way (checked first: it is quick)
            if pot is None or pot.state not in ("cooking", "ready") or pot.soup_key != job.soup:
                return None
            if pot.tile in self.claims.stations or self.w.reach(self.me, pot.tile) is None:
                return None
        visits: list[tuple[Tile, Step, int | None]] = []
        for need in job.plate_needs():
            src = need.source
            if src.kind == "loose" and not src.chop and src.tile is not None:
                if self.w.reach(self.me, src.tile) is None:
                    return None
                assert src.item is not None
                visits.append((src.tile, E.collect_item(src.tile, src.item), src.item.id))
            elif src.kind == "crate" and not src.chop:
                found = self.nearest([c.tile for c in self.w.crates_of(src.ingredient)], None)
                if found is None:
                    return None
                visits.append((found[0], E.collect_crate(found[0], src.ingredient), None))
            else:
                return None
        wait = 0
        steps: list[Step] = []
        items: set[int] = set()
        start: Tile | None = None
        if held_plate is None:
            if job.plate is not None and job.plate.tile is not None:
                if job.plate.item.id in self.claims.items:
                    return None
                steps.append(E.take_item(job.plate.tile, job.plate.item, "plate"))
                items.add(job.plate.item.id)
                start = job.plate.tile
            else:
                plate_step = self._plate_source(pot.tile if job.soup_missing and pot else None)
                if plate_step is None:
                    return None
                step, plate_id = plate_step
                steps.append(step)
                if plate_id is not None:
                    items.add(plate_id)
                start = step.tile
        # visit the sources, nearest first
        todo = list(visits)
        while todo:
            here = start
            todo.sort(key=lambda v: (self._dist(here, v[0]), v[0]))
            tile, step, item_id = todo.pop(0)
            steps.append(step)
            if item_id is not None:
                items.add(item_id)
            start = tile
        stations: set[Tile] = set()
        extra = COLLECT + self._job_weight(job)
        if job.soup_missing:
            assert pot is not None
            assert job.soup is not None
            so_far = (self.w.route(self.me, [s.tile for s in steps]) or 0) if steps else 0
            to_pot = so_far + self._dist(start, pot.tile) * self.w.ticks_per_cell
            if pot.state == "cooking":
                left = pot.cook_ticks - pot.timer + (240 if pot.broken is not None else 0)
                wait = max(0, left - to_pot)
                if wait > 150:
                    return None
                steps.append(E.wait_soup(pot.tile, job.soup, limit=left + to_pot + 900))
            else:
                burn = self.rnd.spec.burn_ticks
                if burn is not None:
                    extra -= max(0, 900 - (burn - pot.timer))
            steps.append(E.ladle(pot.tile, job.soup))
            stations.add(pot.tile)
            start = pot.tile
        if start is None:
            return None
        tail = self._serve_tail(start)
        if tail is None:
            return None
        steps.extend(tail[0])
        stations |= tail[1]
        return self.errand(
            "collect",
            steps,
            extra,
            items=items,
            stations=stations,
            orders={job.order.id},
            wait=wait,
        )

    def _serve_tail_from_hand(self) -> Errand | None:
        if self.w.may_serve(self.me):
            found = self.nearest([s.tile for s in self.w.serves], None)
            if found is not None:
                return self.errand("serve", [E.serve(found[0])], SERVE)
        serves = [s.tile for s in self.w.serves]
        if not serves:
            return None
        counter = self._handover(None, serves[0], serve=True)
        if counter is None:
            return None
        return self.errand("serve", [E.put_down(counter, "pass")], SERVE, stations={counter})
