"""Render speed: the largest shipped level with 4 chefs and a full HUD, in windows of
1366x768, 1920x1080, 2560x1440 and 3840x2160, with the dummy video driver (or the one
``SDL_VIDEODRIVER`` names).

Run: ``python bench/render_speed.py [--frames N] [--sizes 1920x1080,...]``. Computer cooks
play all four chefs so the kitchen is busy (items, pots, tickets); the first seconds are
skipped so the HUD is full. Each frame's drawing (kitchen, HUD, overlays) on the 1920x1080
logical frame and presenting it (SDL's renderer scales it into the window) is timed; the
simulation is not. Prints JSON lines per window size: ``render_frame_ms_median`` and
``render_frame_ms_p95``, and the same in CPU time (``render_frame_cpu_ms_*``: all of the
process's threads, and not inflated when other programs share the cores). Goal: median
<= 4 ms, p95 <= 8 ms on one core at every size.
Where SDL has no GPU renderer (the dummy driver, a bare X server) its software renderer
does the scaling, so larger windows cost more there than on a real graphics card.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


SIZES = ((1366, 768), (1920, 1080), (2560, 1440), (3840, 2160))
"""The window sizes measured: a laptop, 1080p, 1440p and a 4K projector."""


def measure(size: tuple[int, int], frames: int) -> tuple[str, list[float], list[float]]:
    """The level's name, and ``frames`` frame times and CPU times (ms) in a window of
    ``size``."""
    from kitchen.content import load_level
    from kitchen.paths import shipped_levels
    from kitchen.ui.app import App
    from kitchen.ui.scenes.play import PlayScene

    levels = [(p, load_level(p)) for p in shipped_levels()]
    path, level = max(
        ((p, lv) for p, lv in levels if len(lv.spec.starts) == 4),
        key=lambda pl: pl[1].spec.width * pl[1].spec.height,
    )
    app = App(size=size, fullscreen=False, seed=11)
    scene = PlayScene(app, level, path, [], bots=True)
    app.scenes.append(scene)  # no countdown: straight into play
    scene.facilitator.open("menu")  # the facilitator's panel open too
    for _ in range(20 * 60):  # 20 s of play for a full HUD
        scene.tick()
    times, cpu = [], []
    for _ in range(frames):
        scene.tick()
        start, cpu_start = time.perf_counter(), time.process_time()
        app.draw()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - cpu_start) * 1000)
    app.close()
    return level.spec.name, sorted(times), sorted(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--frames", type=int, default=600)
    parser.add_argument(
        "--sizes", default=",".join(f"{w}x{h}" for w, h in SIZES), help="window sizes, WxH,..."
    )
    args = parser.parse_args()
    sizes = [tuple(int(v) for v in size.split("x")) for size in args.sizes.split(",")]
    driver = os.environ["SDL_VIDEODRIVER"]
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["KITCHEN_CONFIG_DIR"] = os.path.join(tmp, "config")
        os.environ["KITCHEN_DATA_DIR"] = os.path.join(tmp, "data")
        for w, h in sizes:
            name, times, cpu = measure((w, h), args.frames)
            common = {
                "level": name,
                "chefs": 4,
                "size": f"{w}x{h}",
                "driver": driver,
                "frames": args.frames,
            }
            for label, values in (("render_frame_ms", times), ("render_frame_cpu_ms", cpu)):
                median = round(statistics.median(values), 2)
                p95 = round(values[int(len(values) * 0.95)], 2)
                print(json.dumps({"name": f"{label}_median", "value": median, **common}))
                print(json.dumps({"name": f"{label}_p95", "value": p95, **common}))


if __name__ == "__main__":
    main()
