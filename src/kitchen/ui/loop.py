"""The fixed-timestep loop: the simulation ticks at a fixed rate whatever the frame rate.

This is Glenn Fiedler's accumulator ("Fix Your Timestep!", as in arcade's
``on_fixed_update``): each frame adds its duration to an accumulator and the simulation
runs as many whole ticks as fit. What is left over, as a fraction of a tick, tells the
renderer how far to interpolate between the previous tick and the current one.

Two guards keep a stall (a slow frame, a laptop waking up) from making the game race:
a frame never counts for more than :data:`MAX_FRAME_SECONDS`, and at most
:data:`MAX_TICKS_PER_FRAME` ticks run per frame; any further backlog is dropped.
"""

from __future__ import annotations

import math

from kitchen.sim import TICKS_PER_SECOND

MAX_FRAME_SECONDS = 0.25
"""The longest a single frame may count for (a longer stall is clamped to this)."""

MAX_TICKS_PER_FRAME = 15
"""The most ticks simulated in one frame (catch-up cap against the spiral of death)."""

_EPSILON = 1e-9
"""Tolerance so frame times that add up exactly to a tick boundary count as reaching it."""


class FixedStepLoop:
    """Turns variable frame times into a whole number of fixed simulation ticks.

    Args:
        rate: ticks per second (default :data:`kitchen.sim.TICKS_PER_SECOND`).
        max_frame: clamp for one frame's duration, in seconds.
        max_ticks: cap on ticks per frame.
    """

    def __init__(
        self,
        rate: int = TICKS_PER_SECOND,
        max_frame: float = MAX_FRAME_SECONDS,
        max_ticks: int = MAX_TICKS_PER_FRAME,
    ) -> None:
        self.step = 1.0 / rate
        self.max_frame = max_frame
        self.max_ticks = max_ticks
        self.accumulator = 0.0
        self.ticks = 0
        self.dropped_seconds = 0.0

    def advance(self, dt: float) -> int:
        """Add one frame of ``dt`` seconds; return how many ticks to simulate now.

        Negative, zero or non-finite frame times add nothing.
        """
        if not math.isfinite(dt) or dt <= 0:
            return 0
        if dt > self.max_frame:
            self.dropped_seconds += dt - self.max_frame
            dt = self.max_frame
        self.accumulator += dt
        ticks = int((self.accumulator + _EPSILON) / self.step)
        if ticks > self.max_ticks:
            self.dropped_seconds += (ticks - self.max_ticks) * self.step
            ticks = self.max_ticks
        self.accumulator -= ticks * self.step
        if self.accumulator + _EPSILON >= self.step:
            # Backlog beyond the catch-up cap: drop it rather than racing later.
            whole = int((self.accumulator + _EPSILON) / self.step)
            self.dropped_seconds += whole * self.step
            self.accumulator -= whole * self.step
        self.accumulator = max(0.0, self.accumulator)
        self.ticks += ticks
        return ticks

    @property
    def fraction(self) -> float:
        """How far (0..1) the present lies between the last tick and the next one."""
        return min(1.0, max(0.0, self.accumulator / self.step))

    def reset(self) -> None:
        """Forget accumulated time (for example after a pause or a countdown)."""
        self.accumulator = 0.0
