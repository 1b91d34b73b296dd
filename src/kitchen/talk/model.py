"""The babble veto: a small logistic model that tells one near talker from the room's babble.

The turn detector (:mod:`kitchen.talk.turns`) calls the other tables' babble talk when a
turn's tail runs on at 0 dB. This model gives each frame the turn detector calls talk a
probability of being this team's talk, from cues that separate one near voice from many
far ones, each measured against the calibration (the room with the team quiet):

- the frame's speech-band loudness above the room's median, 0.2 s before to 0.4 s after it;
- the turn average (as the turn detector's) above the room's loud end (97th percentile);
- voicing (:mod:`kitchen.talk.features`), 0.1 s either side;
- per-band signal-to-noise against the room's spectrum (16 bands, 250-3500 Hz);
- the **syllabic modulation** of the speech-band envelope (20 ms steps): its spread over 0.5 s
  and its power at 2-8 Hz over 1 s, both up to 0.4 s after the frame and 0.5 s earlier (one
  near talker's envelope rises and falls with syllables; six voices at once are smoother);
- spectral flux (how much the 16-band spectrum rises from one 20 ms step to the next).

A frame the turn detector calls talk stays talk only when the probability passes
:data:`model_weights.THRESHOLD`. The weights are constants (:mod:`kitchen.talk.model_weights`)
fitted by ``tools/fit_talk_model.py`` on draws 1-4 of the corpus recipe only (docs/talk.md).
Only numbers per frame and per 20 ms step are kept, for about 1.5 s; never samples.
"""

from __future__ import annotations

from typing import Any

from kitchen.talk import model_weights

CONTEXT: tuple[tuple[str, tuple[int, ...]], ...] = (
    ("loud_rel", (-2, -1, 0, 1, 2, 3, 4)),
    ("turn_avg", (0,)),
    ("voicing", (-1, 0, 1)),
    ("band_snr", (-2, -1, 0, 1, 2, 3, 4)),
    ("spread", (4, -1)),
    ("modulation", (4, -1)),
    ("flux", (-1, 0, 1)),
)
"""The model's inputs, in order: a per-frame cue and the frames (relative) it is taken at.
A frame's ``spread`` and ``modulation`` are those of the envelope steps up to its end."""

AHEAD = 4
"""Frames ahead the model looks (the turn detector looks as far)."""

SPREAD_STEPS = 25  # 0.5 s of 20 ms envelope steps
MOD_STEPS = 50  # 1 s
MOD_HZ = (2.0, 8.0)
STEP_HZ = 50.0  # envelope steps per second


def feature_names() -> list[str]:
    """The names of the model's inputs, in order (``cue@frame``)."""
    return [f"{cue}@{k:+d}" for cue, ks in CONTEXT for k in ks]


class BabbleModel:
    """Per-frame cues, calibrated against the room, and the model's probability.

    Feed every frame's measurement (:meth:`add`, calibration frames first, then
    :meth:`calibrate`); :meth:`inputs` gives a frame's input vector once the frames up to
    ``AHEAD`` after it were added, :meth:`probability` its probability of being talk.
    """

    def __init__(self) -> None:
        import numpy as np

        self._np: Any = np
        self._hann = np.hanning(MOD_STEPS)
        freqs = np.fft.rfftfreq(MOD_STEPS, 1.0 / STEP_HZ)
        self._mod_band = (freqs >= MOD_HZ[0]) & (freqs <= MOD_HZ[1])
        self._weights = np.asarray(model_weights.WEIGHTS)
        self._mean = np.asarray(model_weights.MEAN)
        self._scale = np.asarray(model_weights.SCALE)
        self.threshold = model_weights.THRESHOLD
        self._noise: Any = None  # the room's 16-band spectrum (dB), from the calibration
        self._room: dict[str, float] = {}
        self.reset()

    def reset(self) -> None:
        """Forget every frame (not the calibration)."""
        self._cues: dict[str, list[float]] = {
            "loud": [],
            "voicing": [],
            "band_snr": [],
            "spread": [],
            "modulation": [],
            "flux": [],
        }
        self._envelope: list[float] = []
        self._bands: list[Any] = []  # calibration only: each frame's 16-band spectra
        self._last_bands: Any = None
        self._first = 0  # the frame number of the first kept value

    @property
    def ready(self) -> bool:
        """Whether the room was learned (without a calibration the model says nothing)."""
        return self._noise is not None

    def add(
        self, loud: float, voicing: float, envelope: Any, bands: Any, calibrating: bool = False
    ) -> None:
        """One frame's measurement: loudness, voicing, envelope steps (dB), band spectra (dB);
        ``calibrating``: a frame of the calibration (its spectrum is kept until it ends)."""
        np = self._np
        previous = bands[:1] if self._last_bands is None else self._last_bands[None, :]
        rises = np.diff(np.vstack([previous, bands]), axis=0)
        self._last_bands = bands[-1]
        self._envelope.extend(float(e) for e in envelope)
        del self._envelope[: -MOD_STEPS - 5 * (AHEAD + 6)]
        cues = self._cues
        cues["loud"].append(loud)
        cues["voicing"].append(voicing)
        cues["flux"].append(float(np.maximum(rises, 0.0).mean()))
        cues["spread"].append(float(np.std(self._last(SPREAD_STEPS))))
        cues["modulation"].append(self._modulation())
        if self._noise is None:
            if calibrating:
                self._bands.append(bands)
            cues["band_snr"].append(0.0)
        else:
            cues["band_snr"].append(float(np.maximum(bands - self._noise, 0.0).mean()))

    def _last(self, steps: int) -> Any:
        """The last ``steps`` envelope steps (the first one repeated before the start)."""
        env = self._envelope[-steps:]
        return self._np.asarray([env[0]] * (steps - len(env)) + env)

    def _modulation(self) -> float:
        np = self._np
        seg = self._last(MOD_STEPS)
        power = np.abs(np.fft.rfft((seg - seg.mean()) * self._hann)) ** 2
        return float(10.0 * np.log10(power[self._mod_band].sum() + 1e-9))

    def calibrate(self, turn_start_db: float) -> None:
        """Learn the room from the frames added so far (the calibration); ``turn_start_db``:
        the turn average's loud end in the room (without any swing margin)."""
        np = self._np
        if not self._bands:
            return
        self._noise = np.median(np.vstack(self._bands), axis=0)
        snr = [float(np.maximum(b - self._noise, 0.0).mean()) for b in self._bands]
        self._cues["band_snr"] = snr
        self._room = {name: float(np.median(values)) for name, values in self._cues.items()}
        self._room["turn_avg"] = turn_start_db
        self._bands = []
        self.forget(len(self._cues["loud"]) - 10)

    def renumber(self, shift: int) -> None:
        """Number the kept frames ``shift`` further (the calibration's frames: negative)."""
        self._first += shift

    def forget(self, before: int) -> None:
        """Drop the cues of frames numbered before ``before``."""
        drop = before - self._first
        if drop > 0:
            for values in self._cues.values():
                del values[:drop]
            self._first += drop

    def _cue(self, name: str, index: int) -> float:
        values = self._cues[name]
        at = min(max(index - self._first, 0), len(values) - 1)
        return values[at] - self._room.get(name, 0.0)

    def inputs(self, index: int, turn_avg: float) -> list[float]:
        """Frame ``index``'s input vector (frames past the last added: the last one)."""
        out = []
        for cue, ks in CONTEXT:
            for k in ks:
                if cue == "turn_avg":
                    out.append(turn_avg - self._room.get("turn_avg", 0.0))
                elif cue == "loud_rel":
                    out.append(self._cue("loud", index + k))
                elif cue == "voicing":
                    out.append(self._cues["voicing"][self._pos(index + k)])
                else:
                    out.append(self._cue(cue, index + k))
        return out

    def _pos(self, index: int) -> int:
        return min(max(index - self._first, 0), len(self._cues["loud"]) - 1)

    def probability(self, inputs: list[float]) -> float:
        """The model's probability that a frame with these inputs is this team's talk."""
        np = self._np
        z = (np.asarray(inputs) - self._mean) / self._scale
        score = float(self._weights[0] + np.dot(self._weights[1:], z))
        return float(1.0 / (1.0 + np.exp(-score)))
