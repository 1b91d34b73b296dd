"""The game's window: the 1920x1080 logical frame, scaled into the window by SDL's renderer.

The window is opened in pygame's ``SCALED`` mode: the display surface *is* the logical
frame, and each flip uploads it to a texture that SDL's renderer (the GPU where there is
one) scales into the window, keeping the aspect ratio with black bars. So a 4K projector
costs the same per frame as a 1080p one, and pointer positions in events already arrive
in logical coordinates (SDL converts them). Where SDL finds no GPU renderer, its own
software renderer does the scaling (``SDL_RENDER_DRIVER`` in the environment wins).

:func:`offscreen_problem` tells when SDL would show no window at all: with no display it
quietly picks its ``offscreen`` driver. Running without a window is only right when it was
asked for by naming the driver in ``SDL_VIDEODRIVER`` (the tests set
``SDL_VIDEODRIVER=dummy``).
"""

from __future__ import annotations

import os
import time
import warnings

import pygame

from kitchen.ui.theme import LOGICAL_SIZE

OFFSCREEN_DRIVERS = ("dummy", "offscreen")
"""SDL video drivers that open no window anyone can see."""

SMALLEST_WINDOW = (640, 360)
"""The smallest window a player can drag the game to."""

_FILTER_HINT = "SDL_RENDER_SCALE_QUALITY"
"""SDL's hint for how the frame's texture is filtered when scaled."""
_ANY_SCALE_HINT = "SDL_HINT_RENDER_SCALE_QUALITY"
"""pygame's own switch (read under this literal name): scale ``SCALED`` windows by any
factor, not only whole multiples."""
_USER_FILTER = os.environ.get(_FILTER_HINT)
_RENDER_DRIVER = "SDL_RENDER_DRIVER"
"""SDL's hint naming the renderer to use (``software`` where there is no GPU)."""
_FRAMEBUFFER_ACCELERATION = "SDL_FRAMEBUFFER_ACCELERATION"
"""SDL's hint: draw window surfaces through a (possibly CPU-emulated) GPU renderer."""
_PROBE_FLIPS = 3
_REINIT_TRIES = 10
_EMULATED_FLIP_MS = 8.0
"""CPU time per flip of the frame above which the GPU renderer is taken to be emulated:
a real GPU costs about 1-2 ms (uploading the frame), Mesa's llvmpipe 14-50 ms."""
_frame: pygame.Surface | None = None
"""The display surface :func:`open_window` made (to tell it from one it did not)."""


def open_window(
    size: tuple[int, int], fullscreen: bool = False, display: int = 0
) -> pygame.Surface:
    """Open the game's window, or set the open one to ``size`` or fullscreen; return the
    1920x1080 surface to draw on.

    ``size`` is the window's size (ignored when ``fullscreen``, which fills ``display``).
    Scaling is smooth, except to an exact multiple of the logical size (a 4K screen is 2x),
    where whole pixels stay sharp; ``SDL_RENDER_SCALE_QUALITY`` in the environment wins.
    """
    global _frame
    frame = pygame.display.get_surface()
    if frame is None or frame is not _frame:
        target = _desktop(display) if fullscreen else size
        if _USER_FILTER is None:
            os.environ[_FILTER_HINT] = scale_filter(target)
        os.environ.setdefault(_ANY_SCALE_HINT, "1")
        # Opened as a window and made fullscreen below: with no window manager (a bare X
        # server) a window opened fullscreen keeps the 1920x1080 frame's size, larger
        # than a smaller screen and off its edges.
        flags = pygame.SCALED | pygame.RESIZABLE
        frame = _set_mode(flags, display)
        if _RENDER_DRIVER not in os.environ and _emulated_gpu():
            frame = _reopen_in_software(flags, display)
        _frame = frame
    # A SCALED window is never set up twice: pygame-ce 2.5 then frees its frame twice.
    window = game_window()
    if window is None:
        return frame
    # SCALED makes the logical size the window's minimum: a laptop could not fit it.
    window.minimum_size = SMALLEST_WINDOW
    if fullscreen:
        if not pygame.display.is_fullscreen():
            # Sized first: with no window manager (a bare X server) nothing else sizes it.
            window.size = _desktop(display)
            window.position = pygame.WINDOWPOS_CENTERED
            window.set_fullscreen(desktop=True)
        return frame
    if pygame.display.is_fullscreen():
        window.set_windowed()
    window.resizable = True
    window.size = (max(size[0], SMALLEST_WINDOW[0]), max(size[1], SMALLEST_WINDOW[1]))
    window.position = pygame.WINDOWPOS_CENTERED
    return frame


def _set_mode(flags: int, display: int) -> pygame.Surface:
    with warnings.catch_warnings():
        # A software renderer still shows the window; and with warnings as errors pygame
        # would close the window it just opened.
        warnings.filterwarnings("ignore", "no fast renderer available")
        return pygame.display.set_mode(LOGICAL_SIZE, flags, display=display)


def _reopen_in_software(flags: int, display: int) -> pygame.Surface:
    """Open the window again with SDL's software renderer.

    With no graphics card SDL's GPU renderer runs on the CPU (Mesa's llvmpipe), several
    times as slow as SDL's own software renderer drawing to shared memory."""
    pygame.display.quit()
    os.environ[_RENDER_DRIVER] = "software"
    os.environ[_FRAMEBUFFER_ACCELERATION] = "0"
    for _ in range(_REINIT_TRIES - 1):
        try:
            pygame.display.init()
            break
        except pygame.error:
            time.sleep(0.05)  # X11 can refuse a connection just after the last one closed
    else:
        pygame.display.init()
    return _set_mode(flags, display)


def _emulated_gpu() -> bool:
    """True when presenting a frame costs the CPU what only an emulated GPU costs (pygame
    does not tell which renderer SDL chose). Off-screen drivers have no GPU renderer."""
    if pygame.display.get_driver() in OFFSCREEN_DRIVERS:
        return False
    pygame.display.flip()  # the first one sets things up
    costs = []
    for _ in range(_PROBE_FLIPS):
        start = time.process_time()
        pygame.display.flip()
        costs.append(time.process_time() - start)
    return min(costs) * 1000 > _EMULATED_FLIP_MS


def scale_filter(target: tuple[int, int]) -> str:
    """How SDL filters the frame scaled to ``target``: ``nearest`` (whole pixels) for an exact
    multiple of the logical size, ``linear`` (smooth) otherwise."""
    lw, lh = LOGICAL_SIZE
    exact = target[0] % lw == 0 and target[0] * lh == target[1] * lw
    return "nearest" if exact else "linear"


def window_view(window_size: tuple[int, int]) -> pygame.Rect:
    """Where the logical frame lands in a window of ``window_size`` (letterboxed, centred),
    as SDL's renderer places it."""
    lw, lh = LOGICAL_SIZE
    scale = min(window_size[0] / lw, window_size[1] / lh)
    rect = pygame.Rect(0, 0, round(lw * scale), round(lh * scale))
    rect.center = (window_size[0] // 2, window_size[1] // 2)
    return rect


def offscreen_problem() -> str | None:
    """Why no window would appear (one line), or ``None`` when the game's window will show.

    The game runs without a window only when ``SDL_VIDEODRIVER`` names an off-screen driver
    (``dummy`` or ``offscreen``): that is how tests and tools ask for it."""
    try:
        pygame.display.init()
    except pygame.error as err:
        return f"kitchen: no screen to open the game window on (SDL: {err})"
    driver = pygame.display.get_driver()
    asked = [name.strip().lower() for name in os.environ.get("SDL_VIDEODRIVER", "").split(",")]
    if driver in OFFSCREEN_DRIVERS and driver not in asked:
        return (
            f"kitchen: no screen found (SDL fell back to its {driver!r} driver, so no window "
            "would appear); run it on a desktop, or set SDL_VIDEODRIVER=dummy to run "
            "without a window on purpose"
        )
    return None


def _desktop(display: int) -> tuple[int, int]:
    sizes = pygame.display.get_desktop_sizes()
    return sizes[display] if 0 <= display < len(sizes) else LOGICAL_SIZE


def game_window() -> pygame.Window | None:
    """The game's window (to size it), or ``None`` when none is open.

    pygame-ce deprecates this way of getting it in favour of a renderer API it does not make
    public yet; without it a ``SCALED`` window could not be smaller than 1920x1080."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            return pygame.Window.from_display_module()
        except (AttributeError, pygame.error):
            return None
