"""The frame loop's timing: fixed simulation ticks, a frame-rate cap, and no redrawing of
screens that have not changed.

The fixed-timestep loop: the simulation ticks at a fixed rate whatever the frame rate.

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
import time
from collections.abc import Callable, Sequence

from kitchen.sim import TICKS_PER_SECOND

FRAME_RATE = 60
"""The most frames drawn per second (the loop sleeps out the rest of each 1/60 s)."""

MAX_FRAME_SECONDS = 0.25
"""The longest a single frame may count for (a longer stall is clamped to this)."""

MAX_TICKS_PER_FRAME = 15
"""The most ticks simulated in one frame (catch-up cap against the spiral of death)."""

_EPSILON = 1e-9
"""Tolerance so frame times that add up exactly to a tick boundary count as reaching it."""


class FramePacer:
    """Sleeps out the rest of each frame so that frames come at most ``rate`` a second.

    Frames are scheduled on a deadline kept to the fraction of a millisecond: pygame's
    ``Clock.tick(60)`` waits whole milliseconds (16 ms), so it draws 62.5 frames a second,
    4 % more than asked. A frame that runs late moves the deadline to now: a slow stretch is
    never followed by a burst of frames to catch up.
    """

    def __init__(
        self,
        rate: float = FRAME_RATE,
        now: Callable[[], float] = time.perf_counter,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.period = 1.0 / rate
        self._now = now
        self._sleep = sleep
        self._deadline: float | None = None
        self._last: float | None = None

    def wait(self) -> float:
        """Wait until the next frame is due; return the seconds since the previous one."""
        t = self._now()
        self._deadline = (t if self._deadline is None else self._deadline) + self.period
        if self._deadline > t:
            self._sleep(self._deadline - t)
            t = self._now()
        else:
            self._deadline = t
        dt = 0.0 if self._last is None else t - self._last
        self._last = t
        return dt


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


def visible(scenes: Sequence[object]) -> Sequence[object]:
    """The screens drawn this frame: the topmost opaque one and the overlays above it."""
    start = 0
    for i, scene in enumerate(scenes):
        if getattr(scene, "opaque", True):
            start = i
    return scenes[start:]


def changes_by_itself(scene: object) -> bool:
    """True when ``scene`` can look different with no input (see
    :meth:`kitchen.ui.scenes.base.Scene.changes_by_itself`); a screen that does not say is
    taken to change."""
    says = getattr(scene, "changes_by_itself", None)
    return True if says is None else bool(says())


class Redraws:
    """Decides frame by frame whether the screen must be drawn and presented again.

    A frame is drawn when input arrived, when the stack of screens changed, when the top
    screen changes by itself (only the top screen is updated, so a round paused under a
    menu does not), when a visible screen asked for it (``stale``), or when :meth:`request`
    was called (the window was re-opened, the notice changed). Otherwise the last picture
    stays on the window and nothing is drawn or flipped.
    """

    def __init__(self) -> None:
        self._shown: list[object] = []
        self._pending = True
        self.drawn = 0
        """Frames drawn so far."""
        self.skipped = 0
        """Frames left undrawn because nothing had changed."""

    def request(self) -> None:
        """Draw the next frame whatever happens."""
        self._pending = True

    def needed(self, scenes: Sequence[object], events: int) -> bool:
        """Whether this frame must be drawn, after ``events`` input events were handled."""
        if self._pending or events or not scenes:
            return True
        if len(scenes) != len(self._shown) or any(
            a is not b for a, b in zip(scenes, self._shown, strict=True)
        ):
            return True
        if changes_by_itself(scenes[-1]):
            return True
        return any(getattr(scene, "stale", False) for scene in visible(scenes))

    def drew(self, scenes: Sequence[object]) -> None:
        """Record that ``scenes`` were just drawn."""
        self._shown = list(scenes)
        self._pending = False
        self.drawn += 1
        for scene in scenes:
            if getattr(scene, "stale", False):
                scene.stale = False  # type: ignore[attr-defined]

    def skip(self) -> None:
        """Record a frame that was not drawn."""
        self.skipped += 1
