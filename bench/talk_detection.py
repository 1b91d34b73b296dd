"""Talk detection on the corpus (tests/talk_corpus/): precision, recall, far-team false talk, cost.

Run: ``python bench/talk_detection.py [--live-s 10] [--corpus DIR]`` (needs the ``talk``
extra; ``--corpus``: another draw made by ``tools/make_talk_corpus.py --seed N --out DIR``).
Each file goes through the real pipeline, ``Listener(FileSource(...))`` with its 10 s
calibration, once per detector. A frame (100 ms) is truly talk when at least 50 ms of it
lies in one of the file's true speech segments (``<name>.json``); calibration frames are not
scored. JSON lines:

- ``{"name": "talk_precision", "detector": ..., "snr_db": 10, "value": ...}`` and
  ``talk_recall`` at 10 dB and 0 dB (all files at that SNR pooled); goals >= 0.9 at 10 dB,
  >= 0.8 at 0 dB (precision is null when no frame was called talk);
- ``far_team_false_talk``: share of the far-team files' frames called talk; goal <= 0.1;
- ``cost_pct_core``: CPU seconds the pipeline spent per second of sound, in % of one core
  (offline pass); ``live_cost_pct_core``: the same measured on a listener paced in real time
  for ``--live-s`` seconds (0: skip); goal <= 3 %;
- ``auto``: which detector ``make_detector("auto")`` gives.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from kitchen.talk.detector import AUTO_KIND, make_detector
from kitchen.talk.frames import FRAME_S, TalkFrame
from kitchen.talk.listener import Listener
from kitchen.talk.sources import FileSource

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "talk_corpus"
GOALS = {10.0: 0.9, 0.0: 0.8}
FAR_GOAL = 0.1
COST_GOAL = 3.0


def truth_frames(truth: dict[str, Any], count: int) -> list[bool]:
    """Whether each of ``count`` frames is truly talk (>= half of it in a speech segment)."""
    out = []
    for i in range(count):
        start, end = i * FRAME_S, (i + 1) * FRAME_S
        overlap = sum(max(0.0, min(end, b) - max(start, a)) for a, b in truth["speech"])
        out.append(overlap >= FRAME_S / 2 - 1e-9)
    return out


def listen_file(wav: Path, kind: str) -> list[TalkFrame]:
    """All frames of ``wav`` through a Listener with a ``kind`` detector (10 s calibration)."""
    listener = Listener(FileSource(wav), detector=make_detector(kind), calibration_s=10.0)
    listener.start()
    listener.join(60.0)
    return listener.drain()


def score(frames: list[TalkFrame], truth: dict[str, Any]) -> tuple[int, int, int, int]:
    """(true positives, false positives, false negatives, frames scored) after calibration."""
    skip = round(truth["calibration_s"] / FRAME_S)
    real = truth_frames(truth, len(frames))
    tp = fp = fn = 0
    for frame, is_talk in zip(frames[skip:], real[skip:], strict=True):
        tp += frame.talk and is_talk
        fp += frame.talk and not is_talk
        fn += is_talk and not frame.talk
    return tp, fp, fn, len(frames) - skip


def corpus() -> list[tuple[Path, dict[str, Any]]]:
    """The corpus's (wav, truth) pairs, by name."""
    return [
        (wav, json.loads(wav.with_suffix(".json").read_text(encoding="utf-8")))
        for wav in sorted(CORPUS.glob("*.wav"))
    ]


def bench_detector(kind: str) -> list[dict[str, Any]]:
    """The figures of one detector over the whole corpus."""
    pooled: dict[float, list[int]] = {}
    far = [0, 0]
    cpu = 0.0
    sound_s = 0.0
    for wav, truth in corpus():
        started = time.process_time()
        frames = listen_file(wav, kind)
        cpu += time.process_time() - started
        sound_s += len(frames) * FRAME_S
        tp, fp, fn, scored = score(frames, truth)
        if truth["kind"] == "far":
            far[0] += fp
            far[1] += scored
        else:
            counts = pooled.setdefault(float(truth["snr_db"]), [0, 0, 0])
            counts[0] += tp
            counts[1] += fp
            counts[2] += fn
    rows: list[dict[str, Any]] = []
    for snr, (tp, fp, fn) in sorted(pooled.items(), reverse=True):
        goal = GOALS.get(snr)
        for name, value in (
            ("talk_precision", tp / (tp + fp) if tp + fp else None),  # None: no frame was talk
            ("talk_recall", tp / (tp + fn) if tp + fn else 0.0),
        ):
            rows.append(
                {
                    "name": name,
                    "detector": kind,
                    "snr_db": snr,
                    "value": None if value is None else round(value, 3),
                    "goal": goal,
                    "ok": value is not None and (goal is None or value >= goal),
                }
            )
    rate = far[0] / far[1] if far[1] else 0.0
    rows.append(
        {
            "name": "far_team_false_talk",
            "detector": kind,
            "value": round(rate, 3),
            "goal": FAR_GOAL,
            "ok": rate <= FAR_GOAL,
        }
    )
    cost = 100.0 * cpu / sound_s if sound_s else 0.0
    rows.append(
        {
            "name": "cost_pct_core",
            "detector": kind,
            "value": round(cost, 2),
            "goal": COST_GOAL,
            "ok": cost <= COST_GOAL,
        }
    )
    return rows


def live_cost(kind: str, seconds: float) -> dict[str, Any]:
    """% of one core a real-time listener uses over ``seconds`` (whole process CPU time)."""
    wav = CORPUS / "talk_0db_babble.wav"
    listener = Listener(
        FileSource(wav, realtime=True, loop=True), detector=make_detector(kind), calibration_s=10
    )
    started_cpu, started = time.process_time(), time.monotonic()
    listener.start()
    time.sleep(seconds)
    listener.stop()
    cost = 100.0 * (time.process_time() - started_cpu) / (time.monotonic() - started)
    return {
        "name": "live_cost_pct_core",
        "detector": kind,
        "value": round(cost, 2),
        "seconds": seconds,
        "goal": COST_GOAL,
        "ok": cost <= COST_GOAL,
    }


def main() -> None:
    """Print the figures as JSON lines."""
    parser = argparse.ArgumentParser(description="Talk detection on the corpus")
    parser.add_argument("--live-s", type=float, default=10.0, help="real-time run (0: skip)")
    parser.add_argument(
        "--detector", action="append", help="turn, energy, webrtc (default: all three)"
    )
    parser.add_argument("--corpus", type=Path, help="a corpus folder (default: the committed one)")
    args = parser.parse_args()
    global CORPUS
    if args.corpus is not None:
        CORPUS = args.corpus
    for kind in args.detector or ["turn", "energy", "webrtc"]:
        for row in bench_detector(kind):
            print(json.dumps(row))
        if args.live_s > 0:
            print(json.dumps(live_cost(kind, args.live_s)))
    print(json.dumps({"name": "auto", "value": AUTO_KIND}))


if __name__ == "__main__":
    main()
