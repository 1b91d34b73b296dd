"""CPU use: how much of one core the running game takes on a screen, over real time.

Run: ``python bench/cpu_use.py [--seconds 20] [--display :94] [--drivers x11,dummy]
[--window 1280x720|fullscreen]``.

For each screen and each video driver a fresh process opens the game with its real frame
loop (:meth:`kitchen.ui.app.App.run`), shows the screen and measures the process's CPU
time (every thread, so SDL's and the audio's too) over ``--seconds`` of wall time:

- ``title``: the title screen, nobody touching anything;
- ``debrief``: the debrief of a recorded round (the tutorial played by computer cooks);
- ``round4``: a round of the largest 4-chef level, all four chefs computer cooks, from
  its countdown on.

The ``x11`` runs open a real window on ``--display`` (default: ``$DISPLAY``; skipped when
there is none), the ``dummy`` runs use SDL's dummy driver (no window). The window is
``--window`` (default 1280x720, the settings' window size) or ``fullscreen``. Prints JSON
lines: ``cpu_percent_<screen>`` with the driver, the percent of one core, the goal and
whether it is met, and the frames presented per second. On a busy machine the game gets
less CPU than it asks for: ``cpu_ms_per_frame`` (CPU time per presented frame) times the
frame rate it aims at shows what it would take. Goals: at most 10 % on the title screen
and in the debrief, at most 50 % during a 4-chef round.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOALS = {"title": 10.0, "debrief": 10.0, "round4": 50.0}
"""The most CPU each screen may use, in percent of one core."""


def _debrief_log(root: Path) -> Path:
    """A whole tutorial round played by computer cooks, recorded in a session."""
    from kitchen.bots import BotTeam
    from kitchen.content import load_level
    from kitchen.paths import shipped_levels
    from kitchen.session import RecordedRound, Session

    path = next(p for p in shipped_levels() if p.stem == "01_tutorial")
    session = Session.create("Bench", root=root)
    rec = RecordedRound(load_level(path), 3, [1, 2], session=session)
    team = BotTeam(rec.round)
    while not rec.round.finished:
        rec.step(team.commands())
    return Path(rec.log_path)


def child(screen: str, seconds: float, window: str) -> dict[str, object]:
    """In this process: open the game on ``screen`` in ``window`` (``WxH`` or
    ``fullscreen``) and measure ``seconds`` of it."""
    import pygame

    from kitchen.content import load_level
    from kitchen.paths import shipped_levels
    from kitchen.ui.app import App

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["KITCHEN_CONFIG_DIR"] = os.path.join(tmp, "config")
        os.environ["KITCHEN_DATA_DIR"] = os.path.join(tmp, "data")
        if window == "fullscreen":
            app = App(fullscreen=True, seed=11)
        else:
            w, h = (int(v) for v in window.split("x"))
            app = App(size=(w, h), fullscreen=False, seed=11)
        detail = ""
        if screen == "title":
            app.go("title")
        elif screen == "debrief":
            log = _debrief_log(Path(tmp) / "sessions")
            app.go("title")
            app.go("debrief", log_path=log)
        else:
            levels = [(p, load_level(p)) for p in shipped_levels()]
            path, level = max(
                ((p, lv) for p, lv in levels if len(lv.spec.starts) == 4),
                key=lambda pl: pl[1].spec.width * pl[1].spec.height,
            )
            detail = level.spec.name
            app.go("title")
            app.go("play", level=level, path=path, seats=[], bots=True)
        shown = pygame.display.get_window_size()
        driver = pygame.display.get_driver()
        flips = 0
        flip = pygame.display.flip

        def counted_flip() -> None:
            nonlocal flips
            flips += 1
            flip()

        pygame.display.flip = counted_flip  # frames actually presented
        pygame.time.set_timer(pygame.QUIT, round(seconds * 1000), loops=1)
        cpu0, wall0 = time.process_time(), time.perf_counter()
        app.run()
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        pygame.display.flip = flip
    return {
        "driver": driver,
        "window": f"{shown[0]}x{shown[1]}",
        "detail": detail,
        "cpu_seconds": round(cpu, 2),
        "frames_per_second": round(flips / wall, 1),
        "cpu_ms_per_frame": round(1000 * cpu / flips, 1) if flips else None,
        "wall_seconds": round(wall, 2),
        "value": round(100 * cpu / wall, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--display", default=os.environ.get("DISPLAY", ""))
    parser.add_argument("--drivers", default="x11,dummy")
    parser.add_argument("--screens", default=",".join(GOALS))
    parser.add_argument("--window", default="1280x720")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.seconds, args.window)))
        return
    for driver in args.drivers.split(","):
        env = dict(os.environ, SDL_VIDEODRIVER=driver, SDL_AUDIODRIVER="dummy")
        if driver == "x11":
            if not args.display:
                print(
                    json.dumps({"name": "cpu_percent", "driver": driver, "skipped": "no display"})
                )
                continue
            env["DISPLAY"] = args.display
        for screen in args.screens.split(","):
            run = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    *("--child", screen, "--seconds", str(args.seconds), "--window", args.window),
                ],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if run.returncode != 0 or not run.stdout.strip():
                problem = (run.stderr.strip().splitlines() or ["no output"])[-1]
                print(
                    json.dumps(
                        {"name": f"cpu_percent_{screen}", "driver": driver, "error": problem}
                    )
                )
                continue
            found = json.loads(run.stdout.strip().splitlines()[-1])
            value = float(found.pop("value"))
            print(
                json.dumps(
                    {
                        "name": f"cpu_percent_{screen}",
                        "value": value,
                        "goal": GOALS[screen],
                        "met": value <= GOALS[screen],
                        **found,
                    }
                )
            )


if __name__ == "__main__":
    main()
