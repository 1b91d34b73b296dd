"""The frame cap: frames come at most 60 a second to the fraction of a millisecond (pygame's
Clock.tick(60) waits whole milliseconds and gives 62.5), and a late frame never brings a
burst of frames to catch up."""

from __future__ import annotations

import pytest

from kitchen.ui.loop import FramePacer


class FakeTime:
    """A clock that moves only when the pacer sleeps or a frame's work is done."""

    def __init__(self) -> None:
        self.t = 100.0
        self.slept: list[float] = []

    def now(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.t += seconds


def test_frames_come_sixty_a_second_when_the_work_is_quick():
    clock = FakeTime()
    pacer = FramePacer(60, now=clock.now, sleep=clock.sleep)
    start = clock.t
    for _frame in range(600):
        pacer.wait()
        clock.t += 0.004  # drawing a frame takes 4 ms
    assert clock.t - start == pytest.approx(10.0, abs=0.005)  # 600 frames in 10 s, not 9.6


def test_each_frame_is_given_the_time_since_the_previous_one():
    clock = FakeTime()
    pacer = FramePacer(60, now=clock.now, sleep=clock.sleep)
    assert pacer.wait() == 0.0
    clock.t += 0.004
    assert pacer.wait() == pytest.approx(1 / 60)


def test_a_late_frame_is_not_followed_by_a_burst_of_frames():
    clock = FakeTime()
    pacer = FramePacer(60, now=clock.now, sleep=clock.sleep)
    pacer.wait()
    clock.t += 0.5  # a stall of half a second
    assert pacer.wait() == pytest.approx(0.5)
    clock.slept.clear()
    for _frame in range(3):
        clock.t += 0.004
        pacer.wait()
    assert clock.slept == [pytest.approx(1 / 60 - 0.004)] * 3  # back to the usual pace
