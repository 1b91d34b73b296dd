"""Talk activity from a microphone: talk or no talk, ten times a second, never sound.

Optional: it needs the ``talk`` install extra (numpy, sounddevice, webrtcvad-wheels). Importing
this package never imports those libraries; :func:`missing_dependencies` says which are absent
and :data:`INSTALL_HINT` is the line to show when they are. See docs/talk.md.

- :mod:`kitchen.talk.frames`: :class:`TalkFrame`, one 100 ms frame's verdict and loudness;
- :mod:`kitchen.talk.detector`: the detectors (``make_detector``);
- :mod:`kitchen.talk.sources`: where samples come from (a WAV file, a microphone);
- :mod:`kitchen.talk.listener`: :class:`Listener`, a thread that turns a source into frames.

Samples stay in memory: nothing in this package writes a file.
"""

from __future__ import annotations

import importlib.util

INSTALL_HINT = "Talk recording needs: pip install 'systems-kitchen[talk]'"
"""The one line shown where talk recording is offered but the extra is not installed."""

_MODULES = {"numpy": "numpy", "sounddevice": "sounddevice", "webrtcvad": "webrtcvad-wheels"}


def missing_dependencies() -> list[str]:
    """The ``talk`` extra's packages that are not installed (by package name), [] when none."""
    return [package for module, package in _MODULES.items() if not _importable(module)]


def _importable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False
