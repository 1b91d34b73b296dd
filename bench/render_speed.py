"""Render speed: the largest shipped level with 4 chefs and a full HUD at 1920x1080, with
the dummy video driver.

Run: ``python bench/render_speed.py [--frames N]``. Computer cooks play all four chefs so
the kitchen is busy (items, pots, tickets); the first seconds are skipped so the HUD is
full. Each frame's drawing (kitchen, HUD, overlays) and presenting (scaling into the
window) is timed; the simulation is not. Prints JSON lines: ``render_frame_ms_median``
and ``render_frame_ms_p95``. Goal: median <= 4 ms, p95 <= 8 ms on one core.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--frames", type=int, default=600)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["KITCHEN_CONFIG_DIR"] = os.path.join(tmp, "config")
        os.environ["KITCHEN_DATA_DIR"] = os.path.join(tmp, "data")
        from kitchen.content import load_level
        from kitchen.paths import shipped_levels
        from kitchen.ui.app import App
        from kitchen.ui.scenes.play import PlayScene

        levels = [(p, load_level(p)) for p in shipped_levels()]
        path, level = max(
            ((p, lv) for p, lv in levels if len(lv.spec.starts) == 4),
            key=lambda pl: pl[1].spec.width * pl[1].spec.height,
        )
        app = App(size=(1920, 1080), fullscreen=False, seed=11)
        scene = PlayScene(app, level, path, [], bots=True)
        app.scenes.append(scene)  # no countdown: straight into play
        scene.facilitator.open("menu")  # the facilitator's panel open too
        for _ in range(20 * 60):  # 20 s of play for a full HUD
            scene.tick()
        times = []
        for _ in range(args.frames):
            scene.tick()
            start = time.perf_counter()
            app.draw()
            times.append((time.perf_counter() - start) * 1000)
        app.close()
    times.sort()
    common = {"level": level.spec.name, "chefs": 4, "size": "1920x1080", "frames": args.frames}
    print(
        json.dumps(
            {
                "name": "render_frame_ms_median",
                "value": round(statistics.median(times), 2),
                **common,
            }
        )
    )
    print(
        json.dumps(
            {
                "name": "render_frame_ms_p95",
                "value": round(times[int(len(times) * 0.95)], 2),
                **common,
            }
        )
    )


if __name__ == "__main__":
    main()
