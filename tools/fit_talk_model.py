"""Fit the babble veto (src/kitchen/talk/model.py) on draws 1-4 of the corpus recipe.

    python tools/fit_talk_model.py [--draw DIR ...] [--write]

Without ``--draw`` it makes draws 1-4 in a temporary folder (``make_talk_corpus.py --seed N``;
needs espeak-ng and sox). Each file goes through the turn detector with the veto off, which
keeps each frame's model inputs; a logistic regression (numpy, Newton's method, L2 penalty
``L2`` on standardised inputs) is fitted on every frame after the calibration of every file
(truth as in bench/talk_detection.py). The threshold is then chosen on the same draws: the
one whose worst margin over the five goals and the four draws is largest (then the mean
margin). Draws 5-8 and the committed corpus are never read. ``--write`` writes the constants
into src/kitchen/talk/model_weights.py; without it they are printed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from talk_detection import truth_frames  # noqa: E402

from kitchen.talk.model import feature_names  # noqa: E402
from kitchen.talk.sources import FileSource  # noqa: E402
from kitchen.talk.turns import TurnDetector  # noqa: E402

TRAIN_SEEDS = (1, 2, 3, 4)
L2 = 1e-2
THRESHOLDS = [round(0.02 * k, 2) for k in range(1, 30)]
GOALS = (0.9, 0.9, 0.8, 0.8)  # precision, recall at 10 dB; at 0 dB
FAR_GOAL = 0.1
OUT = ROOT / "src" / "kitchen" / "talk" / "model_weights.py"


def file_rows(wav: Path) -> dict[str, Any]:
    """One file through the turn detector (veto off): inputs, verdicts, truth after calibration."""
    truth = json.loads(wav.with_suffix(".json").read_text(encoding="utf-8"))
    source = FileSource(wav)
    source.open()
    frames = []
    while (data := source.read()) is not None:
        frames.append(data)
    source.close()
    detector = TurnDetector(veto=False, keep_inputs=True)
    detector.calibrate(b"".join(frames[:100]))
    verdicts = [v for data in frames[100:] if (v := detector.frame(data)) is not None]
    verdicts += detector.flush()
    assert detector.inputs is not None
    assert len(detector.inputs) == len(verdicts)
    return {
        "kind": truth["kind"],
        "snr": truth.get("snr_db"),
        "x": np.asarray(detector.inputs),
        "turn": np.asarray([v.talk for v in verdicts]),
        "truth": np.asarray(truth_frames(truth, len(frames))[100:]),
    }


def fit(x: Any, y: Any) -> tuple[Any, Any, Any]:
    """(weights with the intercept first, mean, scale) of an L2-penalised logistic regression."""
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = np.c_[np.ones(len(x)), (x - mean) / scale]
    w = np.zeros(z.shape[1])
    penalty = L2 * len(y) * np.diag(np.r_[0.0, np.ones(len(w) - 1)])
    for _ in range(30):
        p = 1.0 / (1.0 + np.exp(-z @ w))
        gradient = z.T @ (p - y) + penalty @ w
        hessian = (z * (p * (1 - p))[:, None]).T @ z + penalty
        w -= np.linalg.solve(hessian, gradient)
    return w, mean, scale


def figures(draw: list[dict[str, Any]], keep: list[Any]) -> list[float]:
    """Precision and recall at 10 dB and 0 dB, far-team false talk, with the veto ``keep``."""
    counts = {10.0: [0, 0, 0], 0.0: [0, 0, 0]}
    far = [0, 0]
    for row, kept in zip(draw, keep, strict=True):
        said, real = row["turn"] & kept, row["truth"]
        if row["kind"] == "far":
            far[0] += int(said.sum())
            far[1] += len(said)
            continue
        c = counts[float(row["snr"])]
        c[0] += int((said & real).sum())
        c[1] += int((said & ~real).sum())
        c[2] += int((~said & real).sum())
    out = []
    for snr in (10.0, 0.0):
        tp, fp, fn = counts[snr]
        out += [tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0]
    return out + [far[0] / far[1]]


def margins(values: list[float]) -> list[float]:
    """How far each figure is on the right side of its goal."""
    return [v - g for v, g in zip(values, GOALS, strict=False)] + [FAR_GOAL - values[4]]


def choose_threshold(draws: list[list[dict[str, Any]]], model: tuple[Any, Any, Any]) -> float:
    """The threshold with the largest worst margin over the draws (then mean margin)."""
    w, mean, scale = model
    best: tuple[tuple[float, float], float] | None = None
    for threshold in THRESHOLDS:
        all_margins = []
        for draw in draws:
            keep = []
            for row in draw:
                z = (row["x"] - mean) / scale
                p = 1.0 / (1.0 + np.exp(-(w[0] + z @ w[1:])))
                keep.append(p > threshold)
            all_margins.append(margins(figures(draw, keep)))
        key = (float(np.min(all_margins)), float(np.mean(all_margins)))
        if best is None or key > best[0]:
            best = (key, threshold)
    assert best is not None
    print(f"threshold {best[1]}: worst margin {best[0][0]:.3f}, mean {best[0][1]:.3f}")
    return best[1]


def make_draws(folder: Path) -> list[Path]:
    """Draws 1-4 of the corpus recipe, made in ``folder``."""
    out = []
    for seed in TRAIN_SEEDS:
        target = folder / f"draw{seed}"
        subprocess.run(
            [sys.executable, str(ROOT / "tools" / "make_talk_corpus.py"), "--seed", str(seed)]
            + ["--out", str(target)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        out.append(target)
    return out


def constants(model: tuple[Any, Any, Any], threshold: float) -> str:
    """The text of model_weights.py."""
    w, mean, scale = model

    def row(values: Any) -> str:
        return "(\n" + "".join(f"    {float(v)!r},\n" for v in values) + ")"

    names = textwrap.fill("Inputs, in order: " + ", ".join(feature_names()) + ".", 96)
    return (
        '"""The babble veto\'s constants (:mod:`kitchen.talk.model`), written by '
        "tools/fit_talk_model.py.\n\nFitted on draws 1-4 of the corpus recipe only; do not edit "
        "by hand: refit with\n``python tools/fit_talk_model.py --write``.\n"
        f"{names}\n" + '"""\n\n'
        f"WEIGHTS: tuple[float, ...] = {row(w)}\n"
        '"""The intercept, then one weight per standardised input (model.feature_names())."""\n\n'
        f"MEAN: tuple[float, ...] = {row(mean)}\n"
        '"""Each input\'s mean over the training frames."""\n\n'
        f"SCALE: tuple[float, ...] = {row(scale)}\n"
        '"""Each input\'s standard deviation over the training frames."""\n\n'
        f"THRESHOLD = {threshold!r}\n"
        '"""A frame the turn detector calls talk stays talk when the probability passes this."""\n'
    )


def main() -> None:
    """Fit, choose the threshold, print or write the constants."""
    parser = argparse.ArgumentParser(description="Fit the talk detector's babble veto")
    parser.add_argument("--draw", type=Path, action="append", help="a draw folder (seeds 1-4)")
    parser.add_argument("--write", action="store_true", help=f"write {OUT.relative_to(ROOT)}")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folders = args.draw or make_draws(Path(tmp))
        draws = [[file_rows(wav) for wav in sorted(f.glob("*.wav"))] for f in folders]
    if not all(draws):
        sys.exit("fit_talk_model: a draw folder holds no WAV files")
    rows = [row for draw in draws for row in draw]
    x = np.concatenate([row["x"] for row in rows])
    y = np.concatenate([row["truth"] for row in rows]).astype(float)
    model = fit(x, y)
    print(f"fitted on {len(y)} frames of {len(folders)} draws ({int(y.sum())} talk)")
    text = constants(model, choose_threshold(draws, model))
    if args.write:
        OUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")
    else:
        print(text)


if __name__ == "__main__":
    main()
