"""The turn detector: finds this team's turns by their loudness, then trims each turn's edges.

The energy detector's averaging (+-0.4 s) calls talk a few frames before and after each
turn, and lets a clatter next to a turn join it. This one works in two steps:

1. **Is a turn going on?** The frame's speech-band loudness, averaged over the 0.6 s before
   it and the 0.4 s after (a triangular window), must pass the room's loud end during the
   calibration (``start_percentile`` of the same average) to start a turn; the turn goes on
   while the average stays above the room's 60th percentile (``stay_percentile``) and no
   more than ``stay_within_db`` under the start gate (None: no such limit). A room
   whose loudness swings during the calibration (the next team talking on and off across
   the room: the average's interquartile range above ``swing_free_db``) has its start gate
   raised by ``swing_margin`` dB per dB of range above it: its loudest moments in 10 s
   underestimate the ones to come, while a steady room (fans, the other tables' babble)
   keeps its gate.
2. **Is this frame part of it?** Within a turn, a frame is talk when it is itself loud and
   voiced: louder than the room's median by ``above_room_db`` *and* no more than
   ``below_turn_db`` under the turn's loudest average so far (so at 10 dB the quiet frames
   at a turn's ends are cut, at 0 dB they are not), and with a voice's periodicity
   (voicing above ``voicing``: clatter, hiss and fans have little). Pauses of up to
   ``bridge`` frames between such frames are talk, and so is the ``hangover`` frame after
   one, while the turn goes on and its average is still within ``bridge_within_db`` of the
   start gate: at the end of a turn in babble, the average sinks back to the room's and
   the other tables' loud moments, a few frames apart, would otherwise be bridged into a
   tail of talk.

3. **Is it this team, or the room's babble?** A frame called talk by the first two steps stays
   talk only when the babble veto (:mod:`kitchen.talk.model`, a logistic model fitted on
   draws 1-4 of the corpus recipe) gives it a probability above its threshold: at 0 dB in
   babble it takes out most of the other tables' loud moments that run on after a turn.
   ``veto=False`` leaves it out; without a calibration it says nothing.

Verdicts come ``delay`` frames (0.5 s) late. The gates are set once, by the calibration
(the team quiet), and never follow the room during the round. The settings were chosen on
four draws of the corpus recipe (``make_talk_corpus.py --seed 1..4``) and measured on four
others never used to choose them (docs/talk.md).
"""

from __future__ import annotations

from collections import deque
from typing import Any

from kitchen.talk.detector import Verdict, fit_frame, loudness_db
from kitchen.talk.features import FeatureMeter
from kitchen.talk.frames import FRAME_BYTES
from kitchen.talk.model import AHEAD, BabbleModel


class TurnDetector:
    """The turn detector (see the module's docstring); one 100 ms frame a call.

    ``past``/``ahead``: frames the turn average looks back and ahead.
    """

    kind = "turn"

    def __init__(
        self,
        past: int = 6,
        ahead: int = 4,
        start_percentile: float = 97.0,
        stay_percentile: float = 60.0,
        above_room_db: float = 2.0,
        below_turn_db: float = 3.0,
        voicing: float = 0.5,
        bridge: int = 5,
        hangover: int = 1,
        swing_free_db: float = 3.0,
        swing_margin: float = 0.3,
        bridge_within_db: float = 1.5,
        stay_within_db: float | None = 1.5,
        veto: bool = True,
        keep_inputs: bool = False,
    ) -> None:
        import numpy as np

        self._np: Any = np
        self.past, self.ahead = past, ahead
        self.start_percentile = start_percentile
        self.stay_percentile = stay_percentile
        self.above_room_db = above_room_db
        self.below_turn_db = below_turn_db
        self.voicing = voicing
        self.bridge = bridge
        self.hangover = hangover
        self.swing_free_db = swing_free_db
        self.swing_margin = swing_margin
        self.bridge_within_db = bridge_within_db
        self.stay_within_db = stay_within_db
        self.delay = max(ahead, bridge)
        # the babble veto (kitchen.talk.model) looks as far ahead as the turn average
        if ahead < AHEAD:
            raise ValueError(f"the turn average must look at least {AHEAD} frames ahead")
        self._model = BabbleModel()
        self.veto = veto
        self.inputs: list[list[float]] | None = [] if keep_inputs else None
        """With ``keep_inputs``: each decided frame's model inputs (tools/fit_talk_model.py)."""
        weights = [(past + 1 + k) / (past + 1) for k in range(-past, 1)]
        weights += [(ahead + 1 - k) / (ahead + 1) for k in range(1, ahead + 1)]
        self._weights = np.asarray(weights) / sum(weights)
        self._meter = FeatureMeter()
        # a quiet room's guess, before (or without) calibration
        self._room_db = -50.0
        self._start_db = -40.0
        self._stay_db = -43.0
        self._reset()

    def _reset(self) -> None:
        # per frame, oldest first: loudness, voicing, level; _first is the first one's number
        self._loud: list[float] = []
        self._voiced: list[float] = []
        self._levels: deque[float] = deque()
        self._first = 0
        self._count = 0  # frames taken since calibration
        self._judged = 0  # frames whose turn state is known
        self._decided = 0  # frames whose verdict was handed on
        self._in_turn = False
        self._turn_peak = 0.0
        self._turn: dict[int, bool] = {}
        self._gate: dict[int, float] = {}
        self._evidence: dict[int, bool] = {}
        self._bridgeable: dict[int, bool] = {}  # the turn's average near the start gate
        self._said: dict[int, bool] = {}
        self._likely: dict[int, bool] = {}  # the babble veto lets the frame be talk
        self._inputs: dict[int, list[float]] = {}

    @property
    def gate(self) -> float:
        """The averaged speech-band loudness (dB) that starts a turn."""
        return self._start_db

    def calibrate(self, samples: bytes) -> None:
        """Learn the room from ``samples`` (whole frames; a partial last frame is ignored)."""
        np = self._np
        count = len(samples) // FRAME_BYTES
        if count == 0:
            return
        self._meter.reset()
        self._model = BabbleModel()
        measured = [
            self._meter.measure_all(samples[i * FRAME_BYTES : (i + 1) * FRAME_BYTES])
            for i in range(count)
        ]
        for m in measured:
            self._model.add(*m, calibrating=True)
        loud = np.asarray([m[0] for m in measured])
        padded = np.pad(loud, (self.past, self.ahead), mode="edge")
        averaged = np.convolve(padded, self._weights[::-1], mode="valid")
        self._room_db = float(np.median(loud))
        swing = float(np.percentile(averaged, 75) - np.percentile(averaged, 25))
        self._start_db = float(np.percentile(averaged, self.start_percentile)) + (
            self.swing_margin * max(0.0, swing - self.swing_free_db)
        )
        self._model.calibrate(float(np.percentile(averaged, self.start_percentile)))
        self._stay_db = min(self._start_db, float(np.percentile(averaged, self.stay_percentile)))
        if self.stay_within_db is not None:
            self._stay_db = max(self._stay_db, self._start_db - self.stay_within_db)
        self._reset()
        self._model.renumber(-count)
        tail = measured[-self.past :]
        self._loud = [m[0] for m in tail]
        self._voiced = [m[1] for m in tail]
        self._first = -len(tail)

    def frame(self, samples: bytes) -> Verdict | None:
        """Take one frame; the verdict ``delay`` frames back, if there is one yet."""
        data = fit_frame(samples)
        self._levels.append(self.level_db(data))
        loud, voiced, envelope, bands = self._meter.measure_all(data)
        self._model.add(loud, voiced, envelope, bands)
        if self._count == 0 and not self._loud:  # not calibrated: as if the room were so
            self._loud = [loud] * self.past
            self._voiced = [0.0] * self.past
            self._first = -self.past
        self._loud.append(loud)
        self._voiced.append(voiced)
        self._count += 1
        while self._judged + self.ahead < self._count:
            self._judge(self._judged)
        if self._decided + self.delay < self._count:
            talk = self._decide(self._decided, self._count)
            return Verdict(talk, self._levels.popleft())
        return None

    def flush(self) -> list[Verdict]:
        """The verdicts still held, oldest first (the average sees the last frame repeated)."""
        while self._judged < self._count:
            self._judge(self._judged)
        out = []
        while self._decided < self._count:
            out.append(Verdict(self._decide(self._decided, self._count), self._levels.popleft()))
        return out

    def level_db(self, samples: bytes) -> float:
        """Loudness of ``samples`` in dBFS (RMS against full scale), one decimal place."""
        return loudness_db(self._np, samples)

    def _at(self, values: list[float], index: int) -> float:
        """``values`` at frame ``index`` (past the last frame: the last one)."""
        return values[min(index - self._first, len(values) - 1)]

    def _judge(self, index: int) -> None:
        """Whether a turn is going on at frame ``index``, and whether the frame is talk-like."""
        window = [self._at(self._loud, index + k) for k in range(-self.past, self.ahead + 1)]
        average = float(self._np.dot(self._weights, window))
        if not self._in_turn and average > self._start_db:
            self._in_turn, self._turn_peak = True, average
        elif self._in_turn and average <= self._stay_db:
            self._in_turn = False
        if self._in_turn:
            self._turn_peak = max(self._turn_peak, average)
        gate = max(self._room_db + self.above_room_db, self._turn_peak - self.below_turn_db)
        self._turn[index] = self._in_turn
        self._gate[index] = gate
        self._bridgeable[index] = average > self._start_db - self.bridge_within_db
        self._evidence[index] = self._in_turn and self._talk_like(index, gate)
        inputs = self._model.inputs(index, average)
        self._likely[index] = self._model.probability(inputs) > self._model.threshold
        if self.inputs is not None:
            self._inputs[index] = inputs
        self._model.forget(index - 2)
        self._judged += 1

    def _talk_like(self, index: int, gate: float) -> bool:
        return self._at(self._loud, index) > gate and self._at(self._voiced, index) > self.voicing

    def _decide(self, index: int, count: int) -> bool:
        """Frame ``index``'s verdict (frames up to ``count`` - 1 have been heard)."""
        if not self._turn[index]:
            talk = False
        elif self._evidence[index]:
            talk = True
        elif not self._bridgeable[index]:
            talk = False
        else:
            talk = self._bridged(index, count) or any(
                self._said.get(index - k, False) for k in range(1, self.hangover + 1)
            )
        self._said[index] = self._evidence[index] or (talk and self._bridged(index, count))
        if self.inputs is not None:
            self.inputs.append(self._inputs.pop(index))
        if not self._likely.pop(index, True) and self.veto and self._model.ready:
            talk = False
        self._forget(index)
        self._decided += 1
        return talk

    def _bridged(self, index: int, count: int) -> bool:
        """A short pause in a turn: talk-like frames on both sides, at most ``bridge`` apart."""
        before = None
        for k in range(1, self.bridge + 1):
            if not self._turn.get(index - k, False):
                break
            if self._evidence.get(index - k, False):
                before = index - k
                break
        if before is None:
            return False
        gate = self._gate[index]
        last = min(before + self.bridge + 1, count - 1)
        return any(self._talk_like(j, gate) for j in range(index + 1, last + 1))

    def _forget(self, index: int) -> None:
        """Drop what no later decision needs (the samples were never kept)."""
        old = index - max(self.bridge, self.hangover) - 1
        for table in (self._turn, self._gate, self._evidence, self._bridgeable, self._said):
            table.pop(old, None)
        keep_from = min(index - self.bridge, self._judged - self.past) - 1
        drop = keep_from - self._first
        if drop > 64:
            del self._loud[:drop], self._voiced[:drop]
            self._first += drop
