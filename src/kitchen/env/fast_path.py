"""The optional compiled simulation: a copy of :mod:`kitchen.sim` compiled with mypyc.

The pure-Python :mod:`kitchen.sim` stays the reference: the game and the tests never need a
compiler. A researcher who wants faster decision steps builds the copy once
(``python tools/compile_fast_path.py``, which calls :func:`build`) and :class:`KitchenEnv
<kitchen.env.parallel.KitchenEnv>` uses it from then on; ``KITCHEN_PURE=1`` or
``KitchenEnv(..., compiled=False)`` runs the reference instead, and the two can run side by
side in one process (tests/test_fast_path.py holds them to identical events and state).

The copy is the package ``kitchen_compiled.sim``: every module of :mod:`kitchen.sim` but
those in :data:`KEEP_PURE` (the level spec, the players' commands and the facilitator's
actions, which the rest of the game builds and hands in), with its imports of the others
renamed. It is built into the user cache folder (``KITCHEN_FAST_PATH_DIR`` moves it), never
into the source tree, in a folder named after the Python version and a digest of the sources
it was compiled from: after any change to the simulation it is simply not found (not used)
until built again.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.machinery
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import platformdirs

import kitchen.events
import kitchen.sim
from kitchen.paths import APP_NAME

PURE_ENV = "KITCHEN_PURE"
"""Set to ``1`` to ignore a compiled build (the reference runs)."""
DIR_ENV = "KITCHEN_FAST_PATH_DIR"
"""Set to keep compiled builds somewhere else than the user cache folder."""
PACKAGE = "kitchen_compiled"
"""The compiled copy's top-level package (its simulation is ``kitchen_compiled.sim``)."""
KEEP_PURE = ("spec", "actions", "commands")
"""Modules of :mod:`kitchen.sim` the copy imports from the reference instead of compiling:
their objects are made outside the simulation (levels, commands, facilitator actions)."""
MANIFEST = "manifest.json"

_SIM = Path(kitchen.sim.__file__).resolve().parent
_EVENTS = Path(kitchen.events.__file__).resolve()


class Sim(NamedTuple):
    """A simulation to run: its ``Round`` class and ``advance`` function."""

    Round: Any
    advance: Callable[..., Any]
    compiled: bool


def pure() -> Sim:
    """The reference simulation (:mod:`kitchen.sim`)."""
    from kitchen.sim.fast_forward import advance
    from kitchen.sim.round import Round

    return Sim(Round, advance, False)


def sources() -> list[Path]:
    """The files the compiled copy is made from (and depends on), in a fixed order."""
    return [*sorted(_SIM.rglob("*.py")), _EVENTS]


@functools.cache
def digest() -> str:
    """What a build must match: the simulation's sources, this Python and mypyc's version
    (read once a process)."""
    h = hashlib.sha256()
    for path in sources():
        h.update(path.relative_to(_SIM.parent).as_posix().encode())
        h.update(path.read_bytes())
    h.update(sys.version.encode())
    h.update(_mypyc_version().encode())
    return h.hexdigest()[:20]


def _mypyc_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mypy")
    except PackageNotFoundError:  # no mypyc: nothing can be built, nothing matches
        return "none"


def root() -> Path:
    """The folder holding compiled builds (one sub-folder per build)."""
    override = os.environ.get(DIR_ENV)
    if override:
        return Path(override).absolute()
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "fast_path"


def _tag() -> str:
    return sys.implementation.cache_tag or "python"


def build_dir() -> Path:
    """Where the build matching the current sources lives (whether built or not)."""
    return root() / f"{_tag()}-{digest()}"


def status() -> str:
    """``"disabled"`` (``KITCHEN_PURE``), ``"built"`` or ``"not built"``."""
    if os.environ.get(PURE_ENV, "") not in ("", "0"):
        return "disabled"
    return "built" if (build_dir() / MANIFEST).is_file() else "not built"


_loaded: Sim | None = None


def compiled() -> Sim | None:
    """The compiled simulation when a build matches the sources, else ``None`` (it ignores
    ``KITCHEN_PURE``: see :func:`choose`)."""
    global _loaded
    if _loaded is not None:
        return _loaded
    where = build_dir()
    if not (where / MANIFEST).is_file():
        return None
    if str(where) not in sys.path:
        sys.path.append(str(where))
    try:
        ff = importlib.import_module(f"{PACKAGE}.sim.fast_forward")
        rnd = importlib.import_module(f"{PACKAGE}.sim.round")
    except ImportError:
        return None
    _loaded = Sim(rnd.Round, ff.advance, True)
    return _loaded


def choose(allow: bool | None = None) -> Sim:
    """The simulation to run: the compiled one when built and allowed (``allow`` ``None``:
    unless ``KITCHEN_PURE`` is set), else the reference.

    Raises:
        RuntimeError: ``allow`` is ``True`` and no build matches the sources.
    """
    if allow is False or (allow is None and status() == "disabled"):
        return pure()
    sim = compiled()
    if sim is not None:
        return sim
    if allow:
        raise RuntimeError(
            "no compiled simulation matches these sources: run python tools/compile_fast_path.py"
        )
    return pure()


_IMPORT = re.compile(r"\bkitchen\.sim\b(\.\w+)?")


def rewrite(text: str) -> str:
    """A module's source with its imports of :mod:`kitchen.sim` pointed at the copy (those
    of :data:`KEEP_PURE` modules left on the reference)."""

    def swap(match: re.Match[str]) -> str:
        sub = match.group(1) or ""
        if sub[1:] in KEEP_PURE:
            return match.group(0)
        return f"{PACKAGE}.sim{sub}"

    return _IMPORT.sub(swap, text)


def build(log: Callable[[str], None] = print) -> Path:
    """Compile the copy with mypyc (``python -m mypyc``) into :func:`build_dir`, then
    remove this Python's builds of other sources (they would never be used again).

    Raises:
        RuntimeError: mypyc is missing or the compilation failed (with its last lines).
    """
    digest.cache_clear()
    target = build_dir()
    if (target / MANIFEST).is_file():
        log(f"already built: {target}")
        return target
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        raise RuntimeError("no C compiler found (mypyc needs one, e.g. gcc)")
    root().mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root(), prefix="work-") as tmp:
        work = Path(tmp)
        package = work / PACKAGE
        (package / "sim").mkdir(parents=True)
        (package / "__init__.py").write_text('"""Compiled copy of kitchen.sim."""\n')
        for path in sorted(_SIM.rglob("*.py")):
            rel = path.relative_to(_SIM)
            if len(rel.parts) == 1 and path.stem in KEEP_PURE:
                continue
            out = package / "sim" / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(rewrite(path.read_text(encoding="utf-8")), encoding="utf-8")
        log(f"compiling {len(list(package.rglob('*.py')))} modules with mypyc (a few minutes)")
        done = subprocess.run(
            [sys.executable, "-m", "mypyc", PACKAGE],
            cwd=work,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            log_file = root() / "last_build.log"
            log_file.write_text(done.stdout + done.stderr, encoding="utf-8")
            errors = [line for line in done.stdout.splitlines() if ": error:" in line]
            first = errors[0] if errors else (done.stderr.strip().splitlines() or ["?"])[-1]
            raise RuntimeError(f"mypyc failed ({first}); its output is in {log_file}")
        staging = root() / f"{target.name}.partial"
        shutil.rmtree(staging, ignore_errors=True)
        suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
        for lib in work.rglob("*"):
            if lib.name.endswith(suffixes) and "build" not in lib.relative_to(work).parts:
                dest = staging / lib.relative_to(work)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(lib, dest)
        manifest = {"digest": digest(), "python": sys.version, "keep_pure": KEEP_PURE}
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
    for old in root().glob(f"{_tag()}-*"):
        if old != target and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
    log(f"built: {target}")
    return target


def clean(log: Callable[[str], None] = print) -> None:
    """Remove every compiled build (the reference is used from then on)."""
    where = root()
    if where.exists():
        shutil.rmtree(where)
        log(f"removed {where}")
    else:
        log("nothing to remove")
