"""Fuzzing every file a person can hand the game: level files, round logs, ``session.json``,
lesson packs and settings files.

Run: ``python bench/fuzz_inputs.py [--seed S] [--levels N] [--logs N] [--sessions N]
[--packs N] [--settings N] [--show N --save DIR] [--jobs J]``.

Level cases mutate the shipped levels (``levels/*.yaml``) and the malformed examples
(``tests/data/levels/*.yaml``): byte flips, truncation, duplicated and deleted spans, deep
nesting (``[`` x N, ``{a:`` x N, ``- `` x N on one line, indentation ladders), control
characters and bad UTF-8, huge and odd numbers, wrong types in the parsed tree, YAML tags and
directives, anchors, aliases and merge keys, very long strings and unicode oddities. Each case
goes through :func:`kitchen.content.check_level_file` (on a file) and
:func:`kitchen.content.load_level_text`; a level that validates is also set up as a round and
stepped a few ticks, since ``kitchen play`` would do that next.

Round-log cases start from real logs, recorded with bots and people-like input through
:class:`kitchen.session.RecordedRound` (facilitator actions, assists, no silos, a torn log), and
mutate them line-wise (drop, duplicate, swap, insert junk lines), byte-wise and record-wise
(wrong types, huge numbers, deep nesting, an event that is a string, settings as a list,
players 0 or 9, a negative seed, ...). Each goes through what ``kitchen replay`` does
(:func:`read_round_log` + :func:`replay`) and what ``kitchen report`` does
(:func:`collect_logs` + :func:`analyse_logs` + the HTML, CSV and JSON renderers, in memory).
Session cases mutate ``session.json`` beside real logs and go through
:meth:`Session.open`, :meth:`Session.round_logs` and :func:`collect_logs`; special cases make
the level file or ``session.json`` a folder, a named pipe or ``/dev/zero``. One case in
:data:`CLI_SHARE` also runs the command itself (``kitchen validate``, ``replay``,
``report``) in process: it must print no traceback and exit with the code its outcome calls
for.

Lesson-pack cases mutate the shipped pack (``assets/lessons/*.yaml``) and two hand-made
ones (a small pack whose rules always hold, with escaped braces and quoted escapes, and one
that shows every metric the debrief knows in every format): the level mutations above, plus
placeholder text in lesson texts (``{}``, ``{0}``, ``{a.b}``, ``{a[0]}``, ``{x!r}``,
``{x:>10000}``, unbalanced braces, ...), broken rules (unknown metrics, two comparisons or
none, thresholds of ``.inf``, ``.nan``, ``1e400``, text), and edits that keep a pack valid but
make more of its rules hold. Each goes through :func:`kitchen.debrief.lessons.load_pack_text`
(and, one in :data:`PACK_FILE_SHARE`, :func:`~kitchen.debrief.lessons.load_pack` on a file); a
pack that loads has its rules evaluated (:func:`~kitchen.debrief.lessons.evaluate`, as
:func:`~kitchen.debrief.analysis.analyse_round` does) against the real rounds' metrics and
against tables of extreme values, its cards' text filled, and now and then a whole report made
with it. Settings cases mutate settings files saved by
:class:`~kitchen.content.settings_store.SettingsStore` (the defaults and one with every
section changed) with the JSON and byte mutations of the logs, plus bad key names, layouts and
tags, and load them with the front end's key table: ``load()`` must return settings, leave a
file it used unchanged, set a bad one aside whole with a message, and what it then saves must
load again.

Most cases are small; a few (see :data:`HEAVY_SHARE`) get megabyte strings, flow nesting in
the thousands and alias bombs, which each cost the readers about a second.

A case is *accepted* (the input was used), *caught* (the reader raised its documented error,
see :data:`ACCEPTED`) or *uncaught* (anything else, including a case that runs past
``--timeout`` seconds, a MemoryError under the per-run memory cap, a session whose round log
resolves outside its folder, a file in the session folder that changed, a settings file that
changed though it was used or whose content is gone once set aside, and saved settings that do
not load again). Everything is
deterministic from ``--seed``: case ``i`` of a kind uses its own generator, so one case can
be re-made alone.

Prints JSON lines: ``fuzz_uncaught`` (the goal is 0), ``level_files_per_second``,
``logs_per_second``, ``sessions_per_second``, ``lesson_packs_per_second``,
``settings_files_per_second``, ``fuzz_seconds`` (the default run takes about 3 to 5 minutes on
2 busy cores with ``--jobs 2``), uncaught cases and case counts per kind, and counts per stage
and outcome, plus message
checks (caught messages that are empty, span several lines, hold control characters or run
past 400 characters) that are reported but not counted as uncaught.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import json
import math
import multiprocessing
import os
import random
import re
import resource
import shutil
import signal
import stat
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kitchen.content import SourceError, check_level_file, load_level_text
from kitchen.session import RecordedRound, Session, read_round_log, replay
from kitchen.sim import Command
from kitchen.sim.actions import EndDisruption, EndRound, ExtendRound, Tag, TriggerDisruption
from kitchen.sim.assists import Assists
from kitchen.sim.round import Round

ROOT = Path(__file__).resolve().parent.parent
# libyaml when present: the harness's own YAML work (not the readers') is then quick.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
SHIPPED_DIR = ROOT / "levels"
MALFORMED_DIR = ROOT / "tests" / "data" / "levels"

# --------------------------------------------------------------------------------------------
# What counts as "caught": the documented user-facing error of each stage. Adjust here only.
# --------------------------------------------------------------------------------------------
ACCEPTED: dict[str, tuple[type[BaseException], ...]] = {
    # check_level_file returns the problems as a list: it documents no exception at all.
    "level_check": (),
    "level_text": (SourceError,),
    # A level that validated must set up and run; nothing may be raised.
    "level_round": (),
    "log_read": (SourceError,),
    # replay() loads the level text kept in the header: a bad one is a SourceError.
    "replay": (SourceError,),
    "report": (SourceError,),
    # Session.open documents SourceError (it raised ValueError before issue 9).
    "session_open": (SourceError,),
    "session_logs": (),
    "session_report": (SourceError,),
    # load_pack / load_pack_text document SourceError (every problem of the pack in it).
    "pack_file": (SourceError,),
    "pack_text": (SourceError,),
    # A pack that loaded: evaluating its rules and filling its cards' text must not raise,
    # nor may a whole report made with it.
    "pack_cards": (),
    "pack_report": (),
    # SettingsStore.load always returns settings (a bad file is set aside with a message),
    # and saving then loading again must not raise either.
    "settings_load": (),
    "settings_save": (),
    # kitchen.cli.main prints problems and returns an exit code: nothing may escape it.
    "cli": (),
}

CLI_SHARE = 25
"""Every this many cases also runs the command (``kitchen validate``, ``replay``,
``report``) in process, with output going to a strict UTF-8 stream as on a terminal."""

MESSAGE_LIMIT = 400
"""A caught message longer than this is reported (it probably echoes the input)."""

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")


class CaseTimeout(BaseException):
    """Raised by the alarm when a case runs too long (a BaseException, so product code that
    catches ``Exception`` cannot swallow it)."""


def _on_alarm(signum: int, frame: Any) -> None:
    raise CaseTimeout("the case ran past its time limit")


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`CaseTimeout` in the main thread if the block runs past ``seconds``."""
    old = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _vm_size() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


@contextlib.contextmanager
def memory_cap(extra_mb: int) -> Iterator[None]:
    """Cap the address space at the current size plus ``extra_mb`` for the block, so a reader
    that slurps ``/dev/zero`` ends in a MemoryError here rather than starving the machine."""
    if extra_mb <= 0 or not _vm_size():
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = _vm_size() + extra_mb * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


# --------------------------------------------------------------------------------------------
# Cases and outcomes
# --------------------------------------------------------------------------------------------


@dataclass
class Case:
    """One input to try: its bytes (or, for a session, the ``session.json`` bytes)."""

    kind: str  # "level", "log", "session", "pack" or "settings"
    index: int
    mutation: str
    data: bytes
    special: str = ""  # for hand-made cases: "folder", "fifo", "devzero", ...

    @property
    def suffix(self) -> str:
        """The file suffix for a reproducer."""
        return {
            "level": ".yaml",
            "log": ".jsonl",
            "session": ".json",
            "pack": ".yaml",
            "settings": ".json",
        }[self.kind]


@dataclass
class Finding:
    """An uncaught outcome."""

    case: Case
    stage: str
    exc_type: str
    message: str
    where: str
    trace: str

    @property
    def signature(self) -> tuple[str, str, str]:
        """What makes two findings the same bug."""
        return (self.stage, self.exc_type, self.where)


@dataclass
class Tally:
    """Counts and findings of a run (or part of one)."""

    counts: Counter = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)
    notes: Counter = field(default_factory=Counter)
    note_examples: dict[str, str] = field(default_factory=dict)
    seconds: Counter = field(default_factory=Counter)
    keep: int = 50

    def add(self, other: Tally) -> None:
        """Merge another tally in."""
        self.counts.update(other.counts)
        self.notes.update(other.notes)
        self.seconds.update(other.seconds)
        for key, value in other.note_examples.items():
            self.note_examples.setdefault(key, value)
        self.findings.extend(other.findings)

    @property
    def uncaught(self) -> int:
        """How many stage runs ended uncaught."""
        return sum(v for (stage, outcome), v in self.counts.items() if outcome == "uncaught")


def _where(tb: Any) -> str:
    """The innermost frame in the game's code (else the innermost frame)."""
    frames = traceback.extract_tb(tb)
    ours = [f for f in frames if "/kitchen/" in f.filename.replace("\\", "/")]
    frame = (ours or frames or [None])[-1]
    if frame is None:
        return "?"
    name = frame.filename.replace("\\", "/")
    ours_name = "/kitchen/" in name
    name = "kitchen/" + name.rsplit("/kitchen/", 1)[1] if ours_name else Path(name).name
    return f"{name}:{frame.lineno} {frame.name}"


def _check_messages(tally: Tally, stage: str, err: BaseException) -> None:
    problems = getattr(err, "problems", None)
    lines = [str(p) for p in problems] if problems else [str(err)]
    for line in lines:
        checks = {
            "empty": not line.strip() or line.rstrip().endswith(":"),
            "multiline": "\n" in line or "\r" in line,
            "control_chars": bool(_CONTROL.search(line)),
            "too_long": len(line) > MESSAGE_LIMIT,
        }
        for name, bad in checks.items():
            if bad:
                key = f"{stage}:{name}"
                tally.notes[key] += 1
                tally.note_examples.setdefault(key, repr(line[:300]))


def attempt(
    tally: Tally, case: Case, stage: str, fn: Callable[[], Any], timeout: float
) -> tuple[str, Any]:
    """Run one stage of a case under the time limit and classify it.

    Returns:
        ``("accepted", result)``, ``("caught", error)`` or ``("uncaught", error)``.
    """
    started = time.perf_counter()
    try:
        with time_limit(timeout):
            result = fn()
    except ACCEPTED[stage] as err:
        tally.counts[(stage, "caught")] += 1
        _check_messages(tally, stage, err)
        return "caught", err
    except (Exception, CaseTimeout, RecursionError, MemoryError) as err:
        tally.counts[(stage, "uncaught")] += 1
        tally.findings.append(
            Finding(
                case,
                stage,
                type(err).__name__,
                str(err)[:500],
                _where(err.__traceback__),
                "".join(traceback.format_exception(type(err), err, err.__traceback__, limit=-25))[
                    -6000:
                ],
            )
        )
        traceback.clear_frames(err.__traceback__)
        return "uncaught", err
    finally:
        tally.seconds[stage] += time.perf_counter() - started
    tally.counts[(stage, "accepted")] += 1
    return "accepted", result


def uncaught_finding(tally: Tally, case: Case, stage: str, kind: str, message: str) -> None:
    """Record a problem that is not an exception (e.g. a path outside the session)."""
    tally.counts[(stage, "uncaught")] += 1
    tally.findings.append(Finding(case, stage, kind, message, stage, message))


# --------------------------------------------------------------------------------------------
# Mutation helpers
# --------------------------------------------------------------------------------------------

CONTROL_CHARS = [
    "\x00",
    "\x1b",
    "\x7f",
    "\ufeff",
    "\x07",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1f",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufffe",
    "\uffff",
    "\r",
    "\x1b[31m",
    "\x00" * 50,
    "\x9b",
]
BAD_UTF8 = [
    b"\xff",
    b"\xfe\xff",
    b"\xc0\x80",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"\xe2\x82",
    b"\x80",
    b"\xef\xbb\xbf",
]
HUGE_NUMBERS = [
    "1e400",
    "-1e400",
    "1" + "0" * 5000,
    "-" + "9" * 5000,
    "-0",
    "-0.0",
    "nan",
    ".nan",
    ".NaN",
    ".inf",
    "-.inf",
    "+.inf",
    "0x10",
    "0o17",
    "0b101",
    "1_000",
    "190:20:30",
    "9" * 30,
    "1e-400",
    "4.9e-324",
    "2147483648",
    "9223372036854775808",
    "-9223372036854775809",
    "+12",
    "012",
    "1.",
    ".5",
    "Infinity",
    "1e1000000",
    "10000000000e-10",
    "0.1e1",
    "1e3",
    "1.5",
    "-1",
    "0",
    "１２",
    "٣",
    "2001-12-14",
    "12:30",
    "yes",
    "off",
    "~",
]
UNICODE_ODDITIES = [
    "Ｘ",
    "é",
    "e\u0301",
    "\u200b",
    "\u202e",
    "🍲",
    "\u0130",
    "\u00a0",
    "\u3000",
    "\u2003",
    "оnion_soup",
    "ｔｕｔｏｒｉａｌ",
    "\U0010ffff",
    "\u0000",
    "ß",
    "ﬁ",
    "\u00ad",
    "\u034f",
    "\u2060",
    "𝟙",
    "Ⅻ",
    "\u0663",
    "\ud83c",
    "a\u0300\u0301\u0302\u0303\u0304" * 20,
]
YAML_TAGS = [
    "!!python/object/apply:os.system [echo hi]",
    "!!python/name:os.system",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "!!pairs [a: 1]",
    "!!timestamp 2001-12-14",
    "!!float 1",
    "!!int '12'",
    "!!str 12",
    "!!bool yes",
    "!!null ''",
    "!local x",
    "!<tag:example.com,2000:x> y",
    "!!map {a: 1}",
    "!!seq [1]",
    "! x",
    "!!merge x",
    "!!int 1e400",
    "!!float nan",
    "!!str",
    "!",
]
YAML_DIRECTIVES = [
    "%TAG ! tag:evil.com,2000:\n---\n",
    "%YAML 1.1\n---\n",
    "%YAML 2.0\n---\n",
    "%FOO bar\n---\n",
    "%YAML 1.1\n%YAML 1.1\n---\n",
]
YAML_ESCAPES = [
    '"\\0"',
    '"\\e"',
    '"\\x1b"',
    '"\\ud800"',
    '"\\U0010FFFF"',
    '"\\N"',
    '"\\_"',
    '"\\L\\P"',
    '"\\x"',
    '"\\uDFFF\\uD800"',
    '"\\U00110000"',
    '"a\\\n b"',
]
DEPTHS = [65, 66, 100, 300]
HEAVY_DEPTHS = [1000, 10_000, 100_000]
HEAVY_SHARE = 0.005
"""Share of cases allowed expensive inputs (100 KB to 1 MB, nesting past 300, alias bombs):
each costs the readers about a second, so they are kept few for the run to stay short."""
HEAVY_SOURCES = {"bad_alias_bomb.yaml"}


def _nested(rng: random.Random, heavy: bool = False) -> tuple[str, str]:
    """A deeply nested YAML fragment and its description."""
    n = rng.choice(HEAVY_DEPTHS if heavy else DEPTHS)
    shape = rng.randrange(8)
    if shape == 0:
        return "[" * n, f"'[' x {n}"
    if shape == 1:
        return "[" * n + "]" * n, f"'[..]' balanced x {n}"
    if shape == 2:
        return "{a: " * n + "1" + "}" * n, f"'{{a: ' x {n}"
    if shape == 3:
        return "- " * n + "x", f"'- ' x {n} on one line"
    if shape == 4:
        n = min(n, 1400)
        return "\n" + "\n".join(
            " " * (2 * i + 2) + "a:" for i in range(n)
        ) + " 1", f"indentation ladder of {n}"
    if shape == 5:
        n = min(n, 1400)
        return "\n" + "\n".join(
            " " * (2 * i + 2) + "-" for i in range(n)
        ) + " 1", f"'- ' ladder of {n}"
    if shape == 6:
        return "{" * n, f"'{{' x {n}"
    return "&a [" * min(n, 2000) + "*a" + "]" * min(n, 2000), f"anchored nesting x {min(n, 2000)}"


def _wrong_value(rng: random.Random) -> Any:
    """A value of the wrong type (for trees that are dumped back to YAML or JSON)."""
    pool: list[Any] = [
        [],
        [1, 2],
        {},
        {"a": 1},
        None,
        True,
        False,
        0,
        -1,
        -0.0,
        1e308,
        math.inf,
        -math.inf,
        math.nan,
        10**30,
        2**63,
        -(2**63),
        "",
        "x",
        "x" * 20_000,
        "\x00",
        "\u202e",
        "１２",
        [[[[]]]],
        {"kind": "breakdown"},
        [None],
        [3, 0, 0],
        ["a", "b"],
        "lots",
        "onion_soup",
        "-1",
        "1e400",
        1.5,
        [1.5, 2.5],
        {"": None},
        "\ud800",
        "../../etc/passwd",
        [{}] * 50,
    ]
    if rng.random() < 0.05:
        deep: Any = 1
        for _ in range(rng.choice([63, 65, 200, 900])):
            deep = [deep]
        return deep
    return copy.deepcopy(rng.choice(pool))


def _all_slots(node: Any, out: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    if isinstance(node, dict):
        for key in list(node):
            out.append((node, key))
            _all_slots(node[key], out)
    elif isinstance(node, list):
        for i in range(len(node)):
            out.append((node, i))
            _all_slots(node[i], out)
    return out


def _mutate_tree(rng: random.Random, data: Any) -> tuple[Any, str]:
    """Change one node of a parsed document: wrong type, deleted, renamed, or an extra key."""
    slots = _all_slots(data, [])
    if not slots:
        return _wrong_value(rng), "whole document replaced"
    parent, key = rng.choice(slots)
    op = rng.randrange(6)
    if op <= 2:
        value = _wrong_value(rng)
        parent[key] = value
        return data, f"{key!r} set to {_short(value)}"
    if op == 3:
        del parent[key]
        return data, f"{key!r} deleted"
    if op == 4 and isinstance(parent, dict):
        new = rng.choice([str(key) + "s", str(key).upper(), str(key)[:-1], 5, None, True, "", "<<"])
        parent[new] = parent.pop(key)
        return data, f"key {key!r} renamed {new!r}"
    if isinstance(parent, dict):
        parent[rng.choice(["extra", "Name", 7, None])] = _wrong_value(rng)
        return data, f"extra key beside {key!r}"
    parent.append(copy.deepcopy(parent[key]) if rng.random() < 0.5 else _wrong_value(rng))
    return data, f"list holding {key!r} grown"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:40] + f"...({len(text)} chars)"


def _spot(rng: random.Random, data: bytes) -> int:
    return rng.randrange(len(data) + 1)


def _byte_mutation(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """Generic byte-level damage shared by levels and logs."""
    op = rng.randrange(9)
    if op == 0 and data:
        buf = bytearray(data)
        n = rng.randint(1, 8)
        for _ in range(n):
            i = rng.randrange(len(buf))
            buf[i] ^= 1 << rng.randrange(8)
        return bytes(buf), f"{n} bit flips"
    if op == 1 and data:
        buf = bytearray(data)
        i = rng.randrange(len(buf))
        value = rng.choice(b":-[]{}\"'&*!|>%@`#\t\n,?\\ ")
        buf[i] = value
        return bytes(buf), f"byte {i} set to {chr(value)!r}"
    if op == 2:
        cut = _spot(rng, data)
        return data[:cut], f"truncated at byte {cut}"
    if op == 3 and data:
        a = rng.randrange(len(data))
        b = min(len(data), a + rng.randint(1, 400))
        at = _spot(rng, data)
        times = rng.choice([1, 1, 2, 10])
        return data[:at] + data[a:b] * times + data[at:], f"bytes {a}-{b} copied x{times} to {at}"
    if op == 4 and data:
        a = rng.randrange(len(data))
        b = min(len(data), a + rng.randint(1, 200))
        return data[:a] + data[b:], f"bytes {a}-{b} deleted"
    if op == 5:
        char = rng.choice(CONTROL_CHARS)
        at = _spot(rng, data)
        return data[:at] + char.encode("utf-8", "surrogatepass") + data[
            at:
        ], f"{char!r} inserted at {at}"
    if op == 6:
        bad = rng.choice(BAD_UTF8)
        at = _spot(rng, data)
        return data[:at] + bad + data[at:], f"bytes {bad!r} inserted at {at}"
    if op == 7:
        style = rng.choice([b"\r\n", b"\r", b"\n\n", b"\x85"])
        return data.replace(b"\n", style), f"line ends as {style!r}"
    return b"\xef\xbb\xbf" + data, "byte-order mark in front"


# --------------------------------------------------------------------------------------------
# Level cases
# --------------------------------------------------------------------------------------------


@dataclass
class Source:
    """A level file to mutate."""

    name: str
    data: bytes
    tree: Any = None


def level_sources() -> list[Source]:
    """The shipped levels and the malformed examples, with the parsed tree where YAML can."""
    out = []
    for path in sorted(SHIPPED_DIR.glob("*.yaml")) + sorted(MALFORMED_DIR.glob("*.yaml")):
        data = path.read_bytes()
        tree = None
        if path.parent == SHIPPED_DIR:
            tree = yaml.load(data, Loader=_YAML_LOADER)
        out.append(Source(f"{path.parent.name}/{path.name}", data, tree))
    return out


_VALUE_LINE = re.compile(rb"^(\s*(?:-\s+)?[A-Za-z_][\w-]*:)[ \t]*(.*)$", re.MULTILINE)
_NUMBER = re.compile(rb"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")


def _replace_value(rng: random.Random, data: bytes, new: str) -> tuple[bytes, str]:
    spots = list(_VALUE_LINE.finditer(data))
    if not spots:
        return data + b"\nextra: " + new.encode("utf-8", "surrogatepass") + b"\n", "appended"
    m = rng.choice(spots)
    return data[: m.end(1)] + b" " + new.encode("utf-8", "surrogatepass") + data[
        m.end(2) :
    ], f"value of {m.group(1).strip().decode(errors='replace')!r}"


def _level_mutation(
    rng: random.Random, src: Source, data: bytes, heavy: bool = False
) -> tuple[bytes, str]:
    op = rng.randrange(15)
    if op == 0:
        return _byte_mutation(rng, data)
    if op == 1:
        frag, what = _nested(rng, heavy)
        where = rng.randrange(4)
        if where == 0:
            return frag.encode(), f"file replaced by {what}"
        if where == 1:
            return data + b"\nextra: " + frag.encode() + b"\n", f"{what} appended as a value"
        if where == 2:
            out, at = _replace_value(rng, data, frag)
            return out, f"{at} replaced by {what}"
        at = _spot(rng, data)
        return data[:at] + frag.encode() + data[at:], f"{what} inserted at {at}"
    if op == 2:
        char = rng.choice(CONTROL_CHARS + UNICODE_ODDITIES)
        at = _spot(rng, data)
        return data[:at] + char.encode("utf-8", "surrogatepass") + data[
            at:
        ], f"{char!r} inserted at {at}"
    if op == 3:
        numbers = list(_NUMBER.finditer(data))
        new = rng.choice(HUGE_NUMBERS)
        if not numbers:
            return _replace_value(rng, data, new)[0], f"a value set to {_short(new)}"
        m = rng.choice(numbers)
        return data[: m.start()] + new.encode() + data[
            m.end() :
        ], f"number {m.group().decode()} -> {_short(new)}"
    if op == 4 and src.tree is not None:
        tree, what = _mutate_tree(rng, copy.deepcopy(src.tree))
        try:
            text = yaml.dump(
                tree,
                Dumper=_YAML_DUMPER,
                sort_keys=False,
                allow_unicode=rng.random() < 0.5,
                width=rng.choice([80, 10**6]),
            )
        except (yaml.YAMLError, ValueError, TypeError, RecursionError) as err:
            return data, f"tree mutation not dumpable ({type(err).__name__})"
        return text.encode("utf-8", "surrogatepass"), f"tree: {what}"
    if op == 5:
        tag = rng.choice(YAML_TAGS)
        if rng.random() < 0.2:
            return rng.choice(YAML_DIRECTIVES).encode() + data, "directive in front"
        out, at = _replace_value(rng, data, tag)
        return out, f"{at} tagged {tag!r}"
    if op == 6:
        return _anchor_mutation(rng, data, heavy)
    if op == 7:
        n = rng.choice([100_000, 999_000, 1_100_000] if heavy else [300, 5_000, 20_000])
        kind = rng.randrange(5)
        if kind == 0:
            out, at = _replace_value(rng, data, "x" * n)
            return out, f"{at} is a {n}-char string"
        if kind == 1:
            out, at = _replace_value(rng, data, "|\n" + ("  " + "X" * 200 + "\n") * (n // 200 + 1))
            return out, f"{at} is a {n // 200 + 1}-line block"
        if kind == 2:
            return data + b"\n" + b"k" * n + b": 1\n", f"a {n}-char key"
        if kind == 3:
            return data + b"\n#" + b"c" * n + b"\n", f"a {n}-char comment"
        return data.replace(b"X", b"X" * rng.choice([2, 20, 200]), 3), "map rows widened"
    if op == 8:
        odd = rng.choice(UNICODE_ODDITIES)
        out, at = _replace_value(rng, data, odd * rng.choice([1, 3, 1000]))
        return out, f"{at} set to {odd!r}"
    if op == 9:
        esc = rng.choice(YAML_ESCAPES)
        out, at = _replace_value(rng, data, esc)
        return out, f"{at} set to escape {esc}"
    if op == 10:
        lines = data.split(b"\n")
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        what = rng.randrange(4)
        if what == 0:
            lines.insert(j, lines[i])
            return b"\n".join(lines), f"line {i + 1} duplicated at {j + 1}"
        if what == 1:
            lines[i], lines[j] = lines[j], lines[i]
            return b"\n".join(lines), f"lines {i + 1} and {j + 1} swapped"
        if what == 2:
            del lines[i]
            return b"\n".join(lines), f"line {i + 1} deleted"
        lines[i] = rng.choice([b"\t", b"  ", b"\t"]) + lines[i]
        return b"\n".join(lines), f"line {i + 1} indented"
    if op == 11:
        whole = rng.randrange(9)
        options = [
            (b"", "empty file"),
            (b"~\n", "null document"),
            (b"[]\n", "a list"),
            (b"''\n", "empty string"),
            (data + b"\n---\n" + data, "two documents"),
            (data + b"\n...\n", "document end marker"),
            (b"\xef\xbb\xbf", "only a byte-order mark"),
            (b"# nothing\n" * 3, "only comments"),
            (b"5\n", "a number"),
        ]
        return options[whole]
    if op == 12:
        out, at = _replace_value(
            rng,
            data,
            rng.choice(
                [
                    "[1, 2]",
                    "{a: 1}",
                    "null",
                    "~",
                    '""',
                    "true",
                    "[]",
                    "{}",
                    "[[]]",
                    "- a",
                    "? [a, b]",
                ]
            ),
        )
        return out, f"{at} given a wrong type"
    if op == 13:
        key = rng.choice(
            [
                b"name: again",
                b"? [a, b]: 1",
                b"1: x",
                b"null: x",
                b"true: y",
                b"? {a: 1}\n: 2",
                b"<<: {}",
                b"version: 1",
                b"map: |\n  X\n",
            ]
        )
        return data + b"\n" + key + b"\n", f"key {key[:20]!r} appended"
    return _byte_mutation(rng, data)


def _anchor_mutation(rng: random.Random, data: bytes, heavy: bool = False) -> tuple[bytes, str]:
    n = rng.choice([2, 10, 30, 80])
    options = [
        ("<<: *undefined", "merge of an undefined alias"),
        ("<<: 5", "merge of a number"),
        ("<<: [1, 2]", "merge of a list of numbers"),
        ("&a [*a]", "self-referencing anchor"),
        ("{<<: " * n + "{a: 1}" + "}" * n, f"merges of merges x{n}"),
        ("*nope", "undefined alias"),
        ("&" + "a" * 1000 + " x", "a 1000-char anchor name"),
        ("&💥 x", "an emoji anchor"),
        ("{<<: [{a: 1}, {a: 2}, {b: 3}], a: 0}", "merge list with overrides"),
        ("[<<: {a: 1}]", "merge inside a sequence"),
        ("{<<: {}}", "merge of nothing"),
        ("{<<: [[], {}]}", "merge list holding a list"),
    ]
    frag, what = rng.choice(options)
    if rng.random() < 0.3:
        head = b"x-base: &base {kind: breakdown, target: stove, name: x, seconds: 90}\n"
        ref = rng.choice([b"*base", b"{<<: *base}", b"{<<: [*base, *base]}"])
        out, at = _replace_value(rng, head + data, ref.decode())
        return out, f"{at} set to an alias of a top-level anchor ({ref.decode()})"
    if heavy:
        # An alias expansion bomb through merges.
        lines = ["a0: &a0 {x: 1, y: 2}"]
        for i in range(1, 12):
            lines.append(
                f"a{i}: &a{i} {{<<: ["
                + ", ".join([f"*a{i - 1}"] * 10)
                + f"], k{i}: ["
                + ", ".join([f"*a{i - 1}"] * 10)
                + "]}"
            )
        return data + b"\n" + "\n".join(lines).encode() + b"\n", "alias bomb through merge lists"
    out, at = _replace_value(rng, data, frag)
    return out, f"{at} set to {what}"


def _map_alphabet(sources: Sequence[Source]) -> list[str]:
    chars = {" ", "1", "2", "3", "4"}
    for src in sources:
        if isinstance(src.tree, dict) and isinstance(src.tree.get("map"), str):
            chars.update(src.tree["map"].replace("\n", ""))
    return sorted(chars)


def _plausible_level(rng: random.Random, src: Source, alphabet: Sequence[str]) -> tuple[bytes, str]:
    """Edits that keep a shipped level's shape (a number changed, a map tile swapped, a list
    item dropped or repeated, an optional section removed, the map grown), so that many
    still validate and go on to be played."""
    tree = copy.deepcopy(src.tree)
    steps = []
    for _ in range(rng.choice([1, 1, 2, 3])):
        op = rng.randrange(6)
        slots = _all_slots(tree, [])
        if op == 0:
            ints = [(p, k) for p, k in slots if type(p[k]) is int]
            if ints:
                p, k = rng.choice(ints)
                old = p[k]
                p[k] = rng.choice([0, 1, 2, old - 1, old + 1, old * 2, old * 10, 60, 600, 999])
                steps.append(f"{k!r} {old} -> {p[k]}")
                continue
        if op == 1 and isinstance(tree.get("map"), str):
            rows = tree["map"].rstrip("\n").split("\n")
            r = rng.randrange(len(rows))
            if rows[r]:
                c = rng.randrange(len(rows[r]))
                new = rng.choice(alphabet)
                rows[r] = rows[r][:c] + new + rows[r][c + 1 :]
                tree["map"] = "\n".join(rows) + "\n"
                steps.append(f"map[{r}][{c}] -> {new!r}")
                continue
        if op == 2:
            lists = [(p, k) for p, k in slots if isinstance(p[k], list) and p[k]]
            if lists:
                p, k = rng.choice(lists)
                i = rng.randrange(len(p[k]))
                if rng.random() < 0.5:
                    del p[k][i]
                    steps.append(f"{k!r}[{i}] dropped")
                else:
                    p[k].insert(i, copy.deepcopy(p[k][i]))
                    steps.append(f"{k!r}[{i}] repeated")
                continue
        if op == 3:
            optional = [k for k in tree if k not in ("name", "map", "recipes")]
            if optional:
                key = rng.choice(optional)
                del tree[key]
                steps.append(f"{key!r} removed")
                continue
        if op == 4 and isinstance(tree.get("map"), str):
            rows = tree["map"].rstrip("\n").split("\n")
            if rng.random() < 0.5:
                i = rng.randrange(1, max(2, len(rows) - 1))
                rows[i:i] = [rows[i - 1]] * rng.choice([1, 5, 40])
                steps.append("map rows repeated")
            else:
                c = rng.randrange(1, max(2, len(rows[0]) - 1))
                times = rng.choice([1, 5, 40])
                rows = [row[:c] + row[c - 1 : c] * times + row[c:] for row in rows]
                steps.append(f"map column {c} repeated x{times}")
            tree["map"] = "\n".join(rows) + "\n"
            continue
        if isinstance(tree.get("recipes"), list) and tree["recipes"]:
            tree["recipes"] = sorted(
                set(tree["recipes"])
                | {rng.choice(["onion_soup", "tomato_soup", "salad", "mushroom_soup"])}
            )
            steps.append("a recipe added")
    text = yaml.dump(tree, Dumper=_YAML_DUMPER, sort_keys=False, allow_unicode=True, width=10**6)
    return text.encode("utf-8"), "plausible: " + "; ".join(steps)


def level_case(seed: int, index: int, sources: Sequence[Source]) -> Case:
    """Level case ``index`` of the run with ``seed`` (made on its own, so it can be re-made)."""
    rng = random.Random(f"level:{seed}:{index}")
    heavy = rng.random() < HEAVY_SHARE
    if not heavy and rng.random() < 0.2:
        src = rng.choice([s for s in sources if s.tree is not None])
        data, what = _plausible_level(rng, src, _map_alphabet(sources))
        return Case("level", index, f"{src.name}: {what}", data)
    src = rng.choice([s for s in sources if heavy or Path(s.name).name not in HEAVY_SOURCES])
    data = src.data
    steps = ["heavy"] if heavy else []
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
        data, what = _level_mutation(rng, src, data, heavy)
        steps.append(what)
        if len(data) > 3_000_000:
            data = data[:3_000_000]
            steps.append("cut to 3 MB")
    return Case("level", index, f"{src.name}: " + "; ".join(steps), data)


def run_level_case(tally: Tally, case: Case, work: Path, timeout: float) -> None:
    """Validate a level case from a file and from text; run a round of it if it validates."""
    path = work / "level.yaml"
    if case.special:
        path = _special_path(work, case)
    else:
        path.write_bytes(case.data)

    def check() -> list:
        problems = check_level_file(path)
        for p in problems:
            str(p)
        return problems

    outcome, problems = attempt(tally, case, "level_check", check, timeout)
    if outcome == "accepted" and problems:
        tally.counts[("level_check", "problems")] += 1
        _check_messages(tally, "level_check", SourceError(*problems))
    if outcome == "accepted" and case.index % CLI_SHARE == 0:
        run_cli(tally, case, ["validate", str(path)], timeout, (1,) if problems else (0,))
    if case.special:
        return
    text = case.data.decode("utf-8", "surrogateescape")
    outcome, level = attempt(
        tally, case, "level_text", lambda: load_level_text(text, "level.yaml"), timeout
    )
    if outcome != "accepted":
        return

    def play() -> int:
        from kitchen.bots.team import BotTeam

        players = sorted(level.spec.starts)
        rnd = Round(level.spec, seed=case.index, players=players)
        for _ in range(30):
            rnd.step({p: Command(move=(1, 0), use=True, interact=True) for p in players})
        # Computer cooks, as `kitchen playtest` runs them, for a few seconds more.
        team = BotTeam(rnd)
        for _ in range(150):
            if rnd.finished:
                break
            rnd.step(team.commands())
        return rnd.tick

    attempt(tally, case, "level_round", play, timeout)


def run_cli(tally: Tally, case: Case, argv: list[str], timeout: float, ok: tuple[int, ...]) -> None:
    """Run ``kitchen ARGV`` in process: it must return an exit code in ``ok`` and print no
    traceback (its output goes to strict UTF-8 streams, as on a terminal)."""
    import io

    from kitchen.cli import main as kitchen_main

    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")

    def run() -> int:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            return kitchen_main(argv)

    outcome, code = attempt(tally, case, "cli", run, timeout)
    if outcome != "accepted":
        return
    err.flush()
    printed = err.buffer.getvalue()
    if code not in ok or b"Traceback" in printed:
        shown = printed.decode("utf-8", "replace")[-300:]
        uncaught_finding(
            tally, case, "cli", "BadExit", f"kitchen {argv[0]} returned {code}: {shown}"
        )


def special_level_cases() -> list[Case]:
    """Files that are not regular text files: a folder, a named pipe, ``/dev/zero``, ..."""
    kinds = [
        "folder",
        "fifo",
        "devzero",
        "missing",
        "empty",
        "over_limit",
        "symlink_loop",
        "dangling",
    ]
    return [
        Case("level", -1 - i, f"special: {kind}", b"", special=kind) for i, kind in enumerate(kinds)
    ]


def _special_path(work: Path, case: Case) -> Path:
    path = work / f"special-{case.special}.yaml"
    with contextlib.suppress(FileNotFoundError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    if case.special == "folder":
        path.mkdir()
    elif case.special == "fifo":
        os.mkfifo(path)
    elif case.special == "devzero":
        path.symlink_to("/dev/zero")
    elif case.special == "empty":
        path.write_bytes(b"")
    elif case.special == "over_limit":
        path.write_bytes(b"# " + b"x" * 1_100_000 + b"\n")
    elif case.special == "symlink_loop":
        path.symlink_to(path.name)
    elif case.special == "dangling":
        path.symlink_to("nowhere-at-all.yaml")
    return path


# --------------------------------------------------------------------------------------------
# Round logs
# --------------------------------------------------------------------------------------------

FIXED_CREATED = "2026-01-01T10:00:00+00:00"


def _people(rng: random.Random, players: Sequence[int]) -> Iterator[dict[int, Command]]:
    moves = [(dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
    held = {p: Command() for p in players}
    calls = [None] * 30 + ["need:onion", "need:tomato", "on_it", "help", "thanks", "ready"]
    while True:
        out = {}
        for p in players:
            if rng.random() < 0.06:
                held[p] = Command(move=rng.choice(moves), use=rng.random() < 0.3)
            out[p] = Command(
                move=held[p].move,
                use=held[p].use,
                interact=rng.random() < 0.05,
                callout=rng.choice(calls) if rng.random() < 0.05 else None,
            )
        yield out


def make_base_logs(folder: Path) -> list[tuple[str, bytes]]:
    """Record a handful of real round logs (bots and people-like input, facilitator actions,
    assists, no silos, a session, a torn log) and return them as ``(name, bytes)``."""
    from kitchen.bots.team import BotTeam
    from kitchen.content import load_level

    folder.mkdir(parents=True, exist_ok=True)
    plans = [
        # level, seed, players, ticks, bots, actions, assists, silos
        ("01_tutorial", 1, None, 1300, True, {100: [Tag("silo", "x")]}, Assists(), True),
        (
            "02_two_recipes",
            2,
            None,
            600,
            False,
            {50: [Tag("good closed loop")], 100: [ExtendRound(5)]},
            Assists(),
            True,
        ),
        ("03_narrow_passage", 3, None, 500, False, {}, Assists(slower_orders=True), True),
        (
            "04_broken_kit",
            4,
            None,
            1300,
            True,
            {60: [TriggerDisruption(3)], 200: [EndDisruption(1)]},
            Assists(no_burning=True),
            True,
        ),
        ("06_silos", 5, None, 500, True, {}, Assists(True, True, True), False),
        ("09_short_staffed", 6, [1], 400, False, {10: [ExtendRound(30)]}, Assists(), True),
        ("08_lost_board", 7, None, 1200, True, {}, Assists(), True),
        ("05_supply_and_safety", 8, None, 10**6, False, {300: [EndRound()]}, Assists(), True),
    ]
    out = []
    for i, (stem, seed, players, ticks, bots, actions, assists, silos) in enumerate(plans):
        level = load_level(SHIPPED_DIR / f"{stem}.yaml")
        chefs = players or sorted(level.spec.starts)
        path = folder / f"base-{i}-{stem}.jsonl"
        rec = RecordedRound(level, seed, chefs, silos=silos, assists=assists, log_path=path)
        team = BotTeam(rec.round) if bots else None
        people = _people(random.Random(seed), chefs)
        for _ in range(ticks):
            if rec.round.finished:
                break
            rec.step(team.commands() if team else next(people), actions.get(rec.round.tick, []))
        if not rec.round.finished:
            rec.step(None, [EndRound()])
        out.append((path.name, _fix_created(path.read_bytes())))
    # A torn log: the game stopped mid-write.
    data = out[1][1]
    cut = data[: len(data) * 2 // 3]
    out.append(("base-torn.jsonl", cut[: cut.rfind(b"\n") + 1] + b'{"record":"event","ev'))
    return out


def _fix_created(data: bytes) -> bytes:
    head, _, rest = data.partition(b"\n")
    record = json.loads(head)
    record["created"] = FIXED_CREATED
    return json.dumps(record, separators=(",", ":")).encode() + b"\n" + rest


JSON_RAW = [
    "1" + "0" * 5000,
    "-" + "9" * 5000,
    "1e400",
    "-1e400",
    "NaN",
    "Infinity",
    "-Infinity",
    "-0",
    "1.5",
    "true",
    "null",
    '"\\ud800"',
    '"\\u0000"',
    '"\\u001b[31m"',
    '"lots"',
    "[]",
    "{}",
    "[" * 100_000 + "]" * 100_000,
    "[" * 1000 + "]" * 1000,
    "[" * 65 + "]" * 65,
    '{"a":' * 2000 + "1" + "}" * 2000,
    '"' + "x" * 2_000_000 + '"',
    "18446744073709551616",
    "-1",
    "0",
    "9",
    "[1,1]",
    "[0]",
    "[9]",
]


def _json_edit(rng: random.Random, record: Any) -> tuple[Any, str, str | None]:
    """Pick a slot in a record and a wrong value; returns (record, description, raw_json_or_None).

    When raw text is returned, the chosen slot holds a marker string to be replaced by it.
    """
    slots = _all_slots(record, [])
    if not slots:
        return _wrong_value(rng), "record replaced", None
    parent, key = rng.choice(slots)
    if rng.random() < 0.35:
        raw = rng.choice(JSON_RAW)
        parent[key] = "\x00MARK\x00"
        return record, f"{key!r} set to raw {_short(raw)}", raw
    op = rng.randrange(4)
    if op == 0 and isinstance(parent, dict):
        del parent[key]
        return record, f"{key!r} deleted", None
    if op == 1 and isinstance(parent, dict):
        parent[key + "_x" if isinstance(key, str) else "x"] = parent.pop(key)
        return record, f"{key!r} renamed", None
    value = _wrong_value(rng)
    parent[key] = value
    return record, f"{key!r} set to {_short(value)}", None


def _dump(record: Any, raw: str | None) -> bytes:
    text = json.dumps(record, separators=(",", ":"), ensure_ascii=False)
    if raw is not None:
        text = text.replace('"\\u0000MARK\\u0000"', raw, 1)
    return text.encode("utf-8", "surrogatepass")


TARGETED = [
    # (record kind, key path, values); a path into the first record of that kind.
    (
        "header",
        ("settings",),
        [
            [],
            ["silos"],
            "x",
            None,
            5,
            {"assists": "lots"},
            {"assists": []},
            {"assists": {"bogus": 1}},
            {"assists": {"slower_orders": "yes"}},
            {"silos": "no"},
            {"silos": None},
            {"assists": None},
        ],
    ),
    (
        "header",
        ("players",),
        [
            [],
            [0],
            [9],
            [1, 1],
            [5],
            [1, 2, 3, 4, 5],
            9,
            "1234",
            [1.5],
            [True],
            None,
            [-1],
            [10**30],
            [[1]],
            {"1": 1},
        ],
    ),
    (
        "header",
        ("seed",),
        [-1, 2**64, -(2**70), "x", 1.5, None, True, [1], "1" * 5000, "-5", 1e300],
    ),
    ("header", ("format_version",), [0, -1, "1", 1.0, True, None, 99, 2, [1]]),
    ("header", ("format",), [None, 5, "systems-kitchen-round ", ""]),
    ("header", ("level",), ["x", None, [], {}, {"name": "x"}, {"text": "x"}, 5]),
    (
        "header",
        ("level", "text"),
        [5, None, [], "", "[" * 100_000, "name: x\n", "\x00", "x" * 1_200_000, "version: 1\n" * 3],
    ),
    ("header", ("level", "name"), [None, [], {}, 5, "x" * 100_000]),
    ("header", ("round_index",), ["x", -5, 1e300, None, [], 10**100]),
    ("header", ("events_version",), ["x", 99, None, -1]),
    ("header", ("created",), [5, None, [], "not a date", "\x1b[2J"]),
    (
        "header",
        ("team",),
        [
            {},
            [],
            5,
            None,
            "x" * 1_000_000,
            "\x1b]0;pwned\x07",
            "<script>alert(1)</script>",
            '=HYPERLINK("x")',
        ],
    ),
    ("header", ("session_id",), [[], 5, None, "../../etc"]),
    ("header", ("record",), ["event", None, 5]),
    ("event", ("event",), ["round_ended", None, 5, [], {}, {"type": "nope"}, "x" * 100_000]),
    (
        "event",
        ("event", "type"),
        [None, 5, "nope", "round_started", "round_ended", "order_served", [], "__class__"],
    ),
    ("event", ("event", "tick"), [-1, 10**12, "5", None, 1.5, 1e300, [], 2**63]),
    ("event", ("event", "player"), [0, 9, -1, "1", None, 1.5, 10**30]),
    ("event", ("event", "tile"), [[1], "a", [1e300, 0], None, [1, 2, 3], [-1, -1], [10**9, 10**9]]),
    ("event", ("event", "players"), [[], [0], [9], None, "x", [1, 1]]),
    ("event", ("event", "round_ticks"), [0, -1, None, "x", 10**12]),
    ("command", ("player",), [0, 9, -1, "1", None, 1.5, 10**30, True, []]),
    (
        "command",
        ("move",),
        [[2, 2], [1], "up", None, [1.5, 0], [True, False], [], {}, [10**30, 0], [-1, -1, -1]],
    ),
    ("command", ("use",), ["yes", None, 2, []]),
    ("command", ("interact",), ["yes", None, 2, {}]),
    (
        "command",
        ("callout",),
        [5, "need:", "need:unicorn", "x" * 10_000, {}, [], "", "need:onion:extra", "ready"],
    ),
    ("command", ("tick",), [-1, 10**9, "0", None, 1.5, 2**63, 1e300]),
    ("action", ("seconds",), ["lots", 10**9, -100, 1e300, 0, None, 2**63, 1.5, []]),
    ("action", ("action",), ["nope", None, 5, "end", "extend", "trigger", "end_disruption", "tag"]),
    ("action", ("tick",), [-1, 10**9, "0", None, 1e300]),
    ("action", ("label",), [{}, [], None, 5, "x" * 1_000_000]),
]


def _loads(line: bytes) -> Any:
    """The JSON of a line, or None if it is not JSON (or too deep for the fuzzer itself)."""
    try:
        return json.loads(line)
    except (ValueError, RecursionError):
        return None


def _first_of(records: list[Any], kind: str) -> int | None:
    for i, record in enumerate(records):
        if isinstance(record, dict) and record.get("record") == kind:
            return i
    return None


def _plausible_edit(rng: random.Random, lines: list[bytes]) -> tuple[list[bytes], str]:
    """A value changed to one of the right type that could be there (another player, tick,
    id or name seen in the log): the record still reads, the story no longer adds up."""
    records: list[Any] = []
    seen: dict[str, list[Any]] = {}
    for line in lines:
        record = _loads(line)
        records.append(record)
        if isinstance(record, dict):
            body = record.get("event") if isinstance(record.get("event"), dict) else record
            for key, value in body.items():
                seen.setdefault(key, []).append(value)
    candidates = [i for i, r in enumerate(records) if i > 0 and isinstance(r, dict)]
    if not candidates:
        return lines, "no record for a plausible edit"
    i = rng.choice(candidates)
    record = records[i]
    body = record["event"] if isinstance(record.get("event"), dict) else record
    keys = [k for k in body if k not in ("record",)]
    if not keys:
        return lines, "no field for a plausible edit"
    key = rng.choice(keys)
    old = body[key]
    if isinstance(old, bool) or not isinstance(old, int):
        value = copy.deepcopy(rng.choice(seen[key]))
    else:
        value = rng.choice(
            [0, 1, 2, 3, 4, 5, old - 1, old + 1, old * 2, old + 600, old + 10_000, -1]
        )
    if key == "type":
        value = rng.choice(seen["type"])
    body[key] = value
    lines[i] = _dump(record, None)
    return lines, f"line {i + 1}: {key} {_short(old)} -> {_short(value)}"


def _log_mutation(
    rng: random.Random, lines: list[bytes], bases: Sequence[tuple[str, bytes]]
) -> tuple[list[bytes], str]:
    op = rng.randrange(13)
    n = len(lines)
    if op >= 10:
        return _plausible_edit(rng, lines)
    if op == 0 and n:
        i = rng.randrange(n)
        what = rng.randrange(7)
        if what == 0:
            del lines[i]
            return lines, f"line {i + 1} dropped"
        if what == 1:
            lines.insert(rng.randrange(n + 1), lines[i])
            return lines, f"line {i + 1} duplicated"
        if what == 2:
            j = rng.randrange(n)
            lines[i], lines[j] = lines[j], lines[i]
            return lines, f"lines {i + 1} and {j + 1} swapped"
        if what == 3:
            del lines[0]
            return lines, "header dropped"
        if what == 4:
            lines.insert(rng.randrange(1, n + 1), lines[0])
            return lines, "header repeated"
        if what == 5:
            del lines[-1]
            return lines, "last line dropped"
        lines[1:] = lines[1:][::-1]
        return lines, "records reversed"
    if op == 1:
        junk = rng.choice(
            [
                b"",
                b"   ",
                b"null",
                b"[]",
                b"1",
                b'"s"',
                b"{}",
                b'{"record":null}',
                b'{"record":"event"}',
                b'{"record":"event","event":"round_ended"}',
                b"{}" * 1000,
                b'{"record":"command"}',
                b'{"record":"action","tick":0}',
                b"\x00",
                b"\xff\xfe",
                b"[" * 100_000,
                b"[" * 50_000 + b"]" * 50_000,
            ]
        )
        at = rng.randrange(n + 1)
        lines.insert(at, junk)
        return lines, f"junk line {_short(junk)} at {at + 1}"
    if op <= 3:
        # One record given a wrong value anywhere inside it.
        candidates = [i for i, line in enumerate(lines) if line.startswith(b"{")]
        if not candidates:
            return lines, "no record to edit"
        i = rng.choice(candidates)
        record = _loads(lines[i])
        if record is None:
            return lines, "record not JSON"
        record, what, raw = _json_edit(rng, record)
        lines[i] = _dump(record, raw)
        return lines, f"line {i + 1}: {what}"
    if op <= 6:
        kind, key_path, values = rng.choice(TARGETED)
        records = [_loads(line) for line in lines]
        i = _first_of(records, kind)
        if i is None:
            return lines, f"no {kind} record"
        if kind != "header" and rng.random() < 0.5:
            found = [
                k for k, r in enumerate(records) if isinstance(r, dict) and r.get("record") == kind
            ]
            i = rng.choice(found)
        node = records[i]
        for key in key_path[:-1]:
            if not isinstance(node, dict) or not isinstance(node.get(key), dict):
                return lines, f"line {i + 1} has no {'.'.join(key_path)}"
            node = node[key]
        value = copy.deepcopy(rng.choice(values))
        node[key_path[-1]] = value
        lines[i] = _dump(records[i], None)
        return lines, f"line {i + 1} ({kind}): {'.'.join(key_path)} = {_short(value)}"
    if op == 7:
        data, what = _byte_mutation(rng, b"\n".join(lines) + b"\n")
        return data.split(b"\n")[:-1] if data.endswith(b"\n") else data.split(b"\n"), what
    if op == 8:
        # The header of another log (a different level or players), or two logs joined.
        other = rng.choice(bases)[1].split(b"\n")
        if rng.random() < 0.5 and lines:
            lines[0] = other[0]
            return lines, "header from another log"
        return lines + other[:-1], "another log appended"
    if not lines:
        return lines, "nothing"
    cut = rng.randrange(n)
    line = lines[cut]
    lines = lines[:cut] + [line[: rng.randrange(len(line) + 1)]]
    return lines, f"torn at line {cut + 1}"


def log_case(seed: int, index: int, bases: Sequence[tuple[str, bytes]]) -> Case:
    """Log case ``index`` of the run with ``seed``."""
    rng = random.Random(f"log:{seed}:{index}")
    name, data = rng.choice(bases)
    lines = data.split(b"\n")
    torn = lines[-1] != b""
    if not torn:
        lines.pop()
    steps = []
    for _ in range(rng.choice([1, 1, 1, 1, 2, 3])):
        lines, what = _log_mutation(rng, lines, bases)
        steps.append(what)
        torn = torn or what.startswith("torn at")
    out = b"\n".join(lines)
    if lines and (not torn or rng.random() < 0.3):
        out += b"\n"
    if rng.random() < 0.05:
        out = out.rstrip(b"\n")
        steps.append("no final newline")
    return Case("log", index, f"{name}: " + "; ".join(steps), out)


def _collect(
    tally: Tally, stage: str, collect_logs: Callable[..., Any], inputs: list[Path]
) -> list[Any]:
    """``collect_logs`` as ``kitchen report`` calls it: files it cannot read are set aside
    as problems (checked like any caught message) and the others are reported."""
    import inspect

    unreadable: list[Any] = []
    if "problems" in inspect.signature(collect_logs).parameters:
        logs, warnings = collect_logs(inputs, unreadable)
    else:
        logs, warnings = collect_logs(inputs)
    if unreadable:
        tally.counts[(stage, "set_aside")] += 1
        _check_messages(tally, stage, SourceError(*unreadable))
    for warning in warnings:
        str(warning)
    return logs


def render_report(sessions: Any) -> int:
    """The HTML, CSV and JSON a report writes, made in memory."""
    from kitchen.debrief.report import metrics_csv, metrics_json, render_html

    return len(render_html(sessions)) + len(metrics_csv(sessions)) + len(metrics_json(sessions))


def run_log_case(
    tally: Tally, case: Case, work: Path, timeout: float, pack: Any, companion: bytes | None = None
) -> None:
    """What ``kitchen replay`` and ``kitchen report`` do with one round log (reported beside
    ``companion``, a sound log of the same session, when given, so rounds are compared)."""
    from kitchen.debrief.analysis import analyse_logs, collect_logs

    folder = work / "logs"
    folder.mkdir(exist_ok=True)
    path = folder / "round-01.jsonl"
    path.write_bytes(case.data)
    inputs = [path]
    if companion is not None:
        inputs = [folder / "round-00.jsonl", path]
        inputs[0].write_bytes(companion)

    outcome, log = attempt(tally, case, "log_read", lambda: read_round_log(path), timeout)
    rejected = outcome != "accepted"
    if outcome == "accepted":
        for warning in log.warnings:
            str(warning)
        outcome, _ = attempt(tally, case, "replay", lambda: replay(log), timeout)
        rejected = outcome != "accepted"

    def report() -> bool:
        logs = _collect(tally, "report", collect_logs, inputs)
        if logs:
            render_report(analyse_logs(logs, pack))
        return any(log.path == path for log in logs)

    outcome, reported = attempt(tally, case, "report", report, timeout)
    if case.index % CLI_SHARE == 0:
        run_cli(tally, case, ["replay", str(path)], timeout, (0, 1))
        out = work / "report" / f"report-{case.index}.html"
        run_cli(tally, case, ["report", *map(str, inputs), "-o", str(out)], timeout, (0, 1))
    if rejected and outcome == "accepted" and reported:
        tally.notes["report_accepts_what_replay_rejects"] += 1
        tally.note_examples.setdefault("report_accepts_what_replay_rejects", case.mutation[:300])


# --------------------------------------------------------------------------------------------
# Sessions
# --------------------------------------------------------------------------------------------

SESSION_VALUES = {
    "team": [5, [], {}, None, "x" * 1_000_000, "\x1b[2J", "", True],
    "created": [5, None, [], "", "not a date", 1e300],
    "rounds": [
        {},
        "round-01.jsonl",
        None,
        5,
        [1],
        ["round-01.jsonl"],
        [None],
        [[]],
        [{}],
        [{"log": 5}],
        [{"log": None}],
        [{"log": []}],
        [{"log": "../../etc/passwd"}],
        [{"log": "/etc/passwd"}],
        [{"log": "/dev/zero"}],
        [{"log": "."}],
        [{"log": ""}],
        [{"log": "round-99.jsonl"}],
        [{"log": "\x00"}],
        [{"log": "a" * 5000}],
        [{"log": "round-01.jsonl", "index": "x"}],
        [{"log": "round-01.jsonl"}] * 3,
        [{"log": "../" * 40 + "etc/hostname"}],
        [{"log": "round-01.jsonl/.."}],
        [{"log": "~/.bashrc"}],
        [{"log": "fifo.jsonl"}],
        [{"log": "zero.jsonl"}],
        [{"log": "sub"}],
        [{"log": "outside.jsonl"}],
        [{"log": "round-01.jsonl", "level": {}}],
        [{"index": 1}],
        [{"log": "round-01.jsonl"}] * 12,
    ],
}


def session_case(seed: int, index: int) -> Case:
    """Session case ``index``: a mutated ``session.json``."""
    rng = random.Random(f"session:{seed}:{index}")
    data: Any = {
        "team": "Ward 7",
        "created": FIXED_CREATED,
        "rounds": [
            {"index": 1, "log": "round-01.jsonl", "level": "tutorial"},
            {"index": 2, "log": "round-02.jsonl", "level": "two_recipes"},
        ],
    }
    op = rng.randrange(5)
    if op <= 1:
        key = rng.choice(list(SESSION_VALUES))
        value = copy.deepcopy(rng.choice(SESSION_VALUES[key]))
        data[key] = value
        return Case(
            "session",
            index,
            f"{key} = {_short(value)}",
            json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass"),
        )
    if op == 2:
        data, what, raw = _json_edit(rng, data)
        return Case("session", index, what, _dump(data, raw))
    if op == 3:
        raw = json.dumps(data, indent=2).encode()
        for _ in range(rng.choice([1, 2])):
            raw, what = _byte_mutation(rng, raw)
        return Case("session", index, what, raw)
    whole = rng.choice(
        [
            b"",
            b"null",
            b"[]",
            b"5",
            b'"x"',
            b"[" * 100_000,
            b"[" * 5000 + b"]" * 5000,
            b'{"team":"a","created":"b","rounds":' + b"[" * 100_000 + b"]" * 100_000 + b"}",
            b"\xff\xfe{}",
            b'{"team":"a","team":"b","created":"c"}',
            b"{}",
        ]
    )
    return Case("session", index, f"session.json is {_short(whole)}", whole)


def special_session_cases() -> list[Case]:
    """``session.json`` that is a folder, a named pipe, ``/dev/zero``, or missing."""
    kinds = ["folder", "fifo", "devzero", "missing"]
    return [
        Case("session", -1 - i, f"special: session.json is {kind}", b"", special=kind)
        for i, kind in enumerate(kinds)
    ]


def run_session_case(
    tally: Tally,
    case: Case,
    work: Path,
    timeout: float,
    bases: Sequence[tuple[str, bytes]],
    pack: Any,
) -> None:
    """Open a session folder holding a mutated ``session.json`` and two real logs."""
    from kitchen.debrief.analysis import analyse_logs, collect_logs

    root = work / "sessions"
    folder = root / "2026-01-01_1000_ward-7"
    if root.exists():
        shutil.rmtree(root)
    folder.mkdir(parents=True)
    (folder / "round-01.jsonl").write_bytes(bases[0][1])
    (folder / "round-02.jsonl").write_bytes(bases[1][1])
    (root / "outside.jsonl").write_bytes(bases[0][1])
    (folder / "sub").mkdir()
    os.mkfifo(folder / "fifo.jsonl")
    (folder / "zero.jsonl").symlink_to("/dev/zero")
    (folder / "outside.jsonl").symlink_to(root / "outside.jsonl")
    target = folder / "session.json"
    if case.special == "folder":
        target.mkdir()
    elif case.special == "fifo":
        os.mkfifo(target)
    elif case.special == "devzero":
        target.symlink_to("/dev/zero")
    elif case.special != "missing":
        target.write_bytes(case.data)
    before = _snapshot(folder)

    outcome, session = attempt(tally, case, "session_open", lambda: Session.open(folder), timeout)
    if outcome == "accepted":
        outcome, logs = attempt(tally, case, "session_logs", session.round_logs, timeout)
        if outcome == "accepted":
            inside = os.path.normpath(folder)
            for log in logs:
                # Lexically: a name in session.json must not lead out of the folder (a
                # symlink someone put in the folder is their own doing).
                real = os.path.normpath(os.path.join(folder, log))
                if os.path.dirname(real) != inside:
                    uncaught_finding(
                        tally,
                        case,
                        "session_logs",
                        "PathOutsideSession",
                        f"round log {log} resolves to {real}, outside the session folder",
                    )
                    break

    def report() -> int:
        logs = _collect(tally, "session_report", collect_logs, [folder])
        return render_report(analyse_logs(logs, pack)) if logs else 0

    attempt(tally, case, "session_report", report, timeout)
    if _snapshot(folder) != before:
        uncaught_finding(
            tally, case, "session_report", "DataFileChanged", "a file in the session folder changed"
        )


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for path in sorted(folder.iterdir()):
        st = path.lstat()
        if stat.S_ISREG(st.st_mode):
            out[path.name] = (st.st_size, st.st_mtime_ns)
    return out


# --------------------------------------------------------------------------------------------
# Lesson packs
# --------------------------------------------------------------------------------------------

PACK_DIR = ROOT / "assets" / "lessons"

MINI_PACK = """\
version: 1
name: mini
title: "A small pack: {service.served:int} served"
sources:
  s1: {cite: "Someone A. A study of kitchens, 2020.", url: "https://example.org/x"}
lessons:
  - id: always
    title: "Served {service.served:int}"
    topic: Service
    weight: 10
    when:
      - {metric: service.served, at_least: -1000000}
    showed: "You served {service.served} dishes, {{not a placeholder}}, score {service.score:1f}."
    why: |
      Loops {communication.closed_loop_ratio:pct}, gini {communication.callout_gini:2f},
      blocked {coordination.blocked_s:s}, change {context.score_change}.
    questions: ["Round {context.round_index}?", "{{}} {{0}} {{a.b}}"]
    sources: [s1]
  - id: unmeasured
    title: Nothing to measure
    topic: Missing values
    weight: 0.1
    when:
      - {metric: context.score_change, missing: true}
    any:
      - {metric: resilience.max_drop, missing: true}
      - {metric: service.score, below: 1e9}
    showed: 'Drop {resilience.max_drop:pct}, recovery {resilience.mean_recovery_s:s}'
    why: "Escaped in quotes: \\u007bservice.served\\u007d and \\x7b\\x7b"
    questions: ["Why?"]
"""
"""A hand-made pack whose rules always hold: braces escaped, every format, quoted escapes."""


def _every_metric_pack() -> str:
    """A pack whose always-true lessons show every metric the debrief knows, three to a
    lesson, in every format (so each placeholder is filled with a real round's number)."""
    from kitchen.debrief.lessons import known_names

    names = sorted(known_names())
    formats = ("", ":pct", ":int", ":1f", ":2f", ":s")
    lessons = []
    for i in range(0, len(names), 3):
        group = names[i : i + 3]
        cond = (
            {"metric": group[0], "missing": i % 2 == 0}
            if i % 3
            else {
                "metric": group[0],
                "above": -1e9,
            }
        )
        lessons.append(
            {
                "id": f"m{i}",
                "title": f"{{{group[0]}}}",
                "topic": "Every metric",
                "when": [cond],
                "any": [
                    {"metric": group[-1], "missing": True},
                    {"metric": group[-1], "at_most": 1e9},
                ],
                "weight": 1 + i % 9,
                "showed": " ".join(f"{{{n}{formats[(i + k) % 6]}}}" for k, n in enumerate(group)),
                "why": " ".join(
                    f"{{{{{n}}}}} {{{n}{formats[(i + k + 3) % 6]}}}" for k, n in enumerate(group)
                ),
                "questions": [f"{{{group[1 % len(group)]}:s}}?"],
            }
        )
    pack = {"version": 1, "name": "every_metric", "title": "Every metric", "lessons": lessons}
    return yaml.dump(pack, Dumper=_YAML_DUMPER, sort_keys=False, width=10**6)


def pack_sources() -> list[Source]:
    """The shipped lesson packs and the hand-made ones, with their parsed trees."""
    out = []
    for path in sorted(PACK_DIR.glob("*.yaml")):
        out.append(Source(f"lessons/{path.name}", path.read_bytes()))
    out.append(Source("hand/mini.yaml", MINI_PACK.encode()))
    out.append(Source("hand/every_metric.yaml", _every_metric_pack().encode()))
    for src in out:
        src.tree = yaml.load(src.data, Loader=_YAML_LOADER)
    return out


PLACEHOLDERS = [
    "{}",
    "{0}",
    "{1}",
    "{a.b}",
    "{a.b.c}",
    "{a[0]}",
    "{x!r}",
    "{x:>10000}",
    "{x:>{y}}",
    "{",
    "}",
    "{{",
    "}}",
    "{{{",
    "}}}",
    "{ }",
    "{:}",
    "{!}",
    "{:pct}",
    "{service}",
    "{service.}",
    "{.served}",
    "{service.served}",
    "{service.served:pct}",
    "{service.served:int}",
    "{service.served:1f}",
    "{service.served:2f}",
    "{service.served:s}",
    "{service.served:}",
    "{service.served:%}",
    "{service.served:>10000}",
    "{service.served:,.2f}",
    "{service.served:int:int}",
    "{service.served!r}",
    "{service.served!s:int}",
    "{service.served.real}",
    "{service.served[0]}",
    "{service.served.__class__}",
    "{ service.served }",
    "{service. served}",
    "{Service.Served}",
    "{service.servd}",
    "{unknown.metric}",
    "{context.score_change:pct}",
    "{resilience.max_drop:s}",
    "{__class__}",
    "{0[0]}",
    "{0.__class__.__mro__}",
    "{a{b}c}",
    "{service.served",
    "service.served}",
    "{{service.served}}",
    "{{{service.served}}}",
    "{\n}",
    "{\t}",
    "{service.served\n}",
    "{" * 500,
    "}" * 500,
    "{x}" * 300,
    "{service.served:pct}" * 40,
    "{\u00e9}",
    "{𝟙}",
    "{\x00}",
    "%s %d %(x)s",
    "$x ${x}",
]
"""Placeholder text put into lesson texts: format-string tricks, unbalanced braces, escapes."""

PACK_TEXT_FIELDS = ("title", "topic", "showed", "why", "questions", "description")

RULE_METRICS = [
    "service.served",
    "service.servd",
    "Service.Served",
    "service",
    "service.served.real",
    "a.b",
    " service.served",
    "context.score_change",
    "resilience.max_drop",
    "tags.count",
    "x" * 5000,
    "",
    5,
    None,
    [],
    {"a": 1},
    True,
]

RULE_THRESHOLDS = [
    ".inf",
    "-.inf",
    ".nan",
    "1e400",
    "-1e400",
    "1" + "0" * 5000,
    "-0",
    "0x10",
    "1_000",
    "'3'",
    "'abc'",
    "true",
    "null",
    "[1]",
    "{}",
    "4.9e-324",
    "1e308",
    "-1e308",
    "2001-12-14",
    "~",
    "''",
    "1.5",
    "-1000000000",
    "1000000000",
]
"""Raw YAML for a rule's threshold, ``weight`` or ``missing``."""

_RAW_MARK = "RAW-MARK-7f3a"


def _dump_pack(tree: Any, raw: str | None = None, rng: random.Random | None = None) -> bytes:
    """YAML for a pack tree; a slot holding :data:`_RAW_MARK` gets the raw YAML ``raw``."""
    text = yaml.dump(
        tree,
        Dumper=_YAML_DUMPER,
        sort_keys=False,
        allow_unicode=rng is None or rng.random() < 0.7,
        width=rng.choice([80, 10**6]) if rng else 10**6,
    )
    if raw is not None:
        text = text.replace(_RAW_MARK, raw, 1)
    return text.encode("utf-8", "surrogatepass")


def _lessons_of(tree: Any) -> list[dict]:
    lessons = tree.get("lessons") if isinstance(tree, dict) else None
    return [x for x in lessons if isinstance(x, dict)] if isinstance(lessons, list) else []


def _conditions_of(tree: Any) -> list[dict]:
    out = []
    for lesson in _lessons_of(tree):
        for block in ("when", "any"):
            if isinstance(lesson.get(block), list):
                out.extend(c for c in lesson[block] if isinstance(c, dict))
    return out


def _text_slots(tree: Any) -> list[tuple[Any, Any]]:
    slots: list[tuple[Any, Any]] = []
    if isinstance(tree, dict):
        slots += [(tree, k) for k in ("title", "description") if isinstance(tree.get(k), str)]
    for lesson in _lessons_of(tree):
        for key in PACK_TEXT_FIELDS:
            value = lesson.get(key)
            if isinstance(value, str):
                slots.append((lesson, key))
            elif isinstance(value, list):
                slots += [(value, i) for i, v in enumerate(value) if isinstance(v, str)]
    return slots


def _placeholder_edit(rng: random.Random, tree: Any, valid: bool = False) -> str:
    """Put a placeholder into one lesson text (in place); returns a description."""
    slots = _text_slots(tree)
    if not slots:
        return "no text to edit"
    parent, key = rng.choice(slots)
    if valid:
        from kitchen.debrief.lessons import known_names

        fmt = rng.choice(["", ":pct", ":int", ":1f", ":2f", ":s"])
        token = "{" + rng.choice(sorted(known_names())) + fmt + "}"
    else:
        token = rng.choice(PLACEHOLDERS)
    text = parent[key]
    how = rng.randrange(3)
    if how == 0:
        parent[key] = token
    elif how == 1:
        at = rng.randrange(len(text) + 1)
        parent[key] = text[:at] + token + text[at:]
    else:
        parent[key] = text + " " + token
    return f"text {key!r} given {_short(token)}"


def _rule_edit(rng: random.Random, tree: Any) -> tuple[str, str | None]:
    """Break one rule of a pack tree (in place); returns a description and raw YAML or None."""
    conds = _conditions_of(tree)
    lessons = _lessons_of(tree)
    op = rng.randrange(9)
    if op <= 1 and conds:
        cond = rng.choice(conds)
        cond["metric"] = copy.deepcopy(rng.choice(RULE_METRICS))
        return f"rule metric set to {_short(cond['metric'])}", None
    if op <= 3 and conds:
        cond = rng.choice(conds)
        comparison = rng.choice(["above", "at_least", "below", "at_most", "equals", "missing"])
        raw = rng.choice(RULE_THRESHOLDS + ["true", "false", "yes", "1", "0"])
        if rng.random() < 0.5:
            for name in ("above", "at_least", "below", "at_most", "equals", "missing"):
                cond.pop(name, None)
        cond[comparison] = _RAW_MARK
        return f"rule {comparison}: {_short(raw)}", raw
    if op == 4 and conds:
        cond = rng.choice(conds)
        what = rng.randrange(3)
        if what == 0:
            for name in ("above", "at_least", "below", "at_most", "equals", "missing"):
                cond.pop(name, None)
            return "rule with no comparison", None
        if what == 1:
            cond["below"], cond["above"] = 1, 0
            return "rule with two comparisons", None
        cond["typo"] = 1
        return "rule with an unknown key", None
    if op == 5 and lessons:
        lesson = rng.choice(lessons)
        block = rng.choice(["when", "any"])
        lesson[block] = copy.deepcopy(
            rng.choice(
                [[], None, {}, "service.served > 3", [None], [[]], [{}], {"metric": "x"}, 5]
                + [[{"metric": "service.served", "above": 0}] * 200]
            )
        )
        return f"{block} replaced", None
    if op == 6 and lessons:
        lesson = rng.choice(lessons)
        raw = rng.choice(RULE_THRESHOLDS + ["0", "0.1", "10", "11", "-1", "0.09"])
        lesson["weight"] = _RAW_MARK
        return f"weight {_short(raw)}", raw
    if op == 7 and lessons:
        lesson = rng.choice(lessons)
        what = rng.randrange(4)
        if what == 0:
            lesson["sources"] = copy.deepcopy(
                rng.choice([["nope"], ["s1", "s1"], "s1", [5], [None], {}, ["A-B"]])
            )
            return "lesson sources changed", None
        if what == 1 and len(lessons) > 1:
            lesson["id"] = lessons[0].get("id")
            return "lesson id repeated", None
        if what == 2:
            lesson["id"] = rng.choice(["Bad-Id", "", "x" * 41, "1abc", None, 5, "é"])
            return f"lesson id {_short(lesson['id'])}", None
        lesson["questions"] = copy.deepcopy(
            rng.choice([[], ["a", "b", "c", "d"], "one", [None], ["q" * 301], [["nested"]]])
        )
        return "questions changed", None
    if isinstance(tree, dict):
        what = rng.randrange(4)
        if what == 0 and lessons:
            tree["lessons"] = [copy.deepcopy(lessons[0]) for _ in range(rng.choice([2, 101]))]
            return "lessons repeated", None
        if what == 1:
            tree["sources"] = copy.deepcopy(
                rng.choice([[], None, {"s1": "text"}, {"s1": {"cite": "x" * 401}}, {"Bad": {}}])
            )
            return "pack sources replaced", None
        if what == 2:
            tree["version"] = rng.choice([2, "1", 1.0, None, True, 0])
            return f"version {tree['version']!r}", None
        tree["lessons"] = copy.deepcopy(rng.choice([[], None, {}, "many", [None], [[]]]))
        return "lessons replaced", None
    return "nothing to edit", None


def _plausible_pack(rng: random.Random, tree: Any) -> str:
    """Edits that keep a pack valid but bring up more of its lessons (so the cards are made
    and filled): thresholds moved so rules hold, ``missing`` flipped, a valid placeholder in
    some text, the weight changed."""
    steps = []
    for _ in range(rng.choice([1, 2, 3, 5])):
        op = rng.randrange(4)
        conds = _conditions_of(tree)
        if op == 0 and conds:
            cond = rng.choice(conds)
            for name in ("above", "at_least", "below", "at_most", "equals", "missing"):
                cond.pop(name, None)
            comparison, value = rng.choice(
                [
                    ("above", -1e9),
                    ("at_least", 0),
                    ("below", 1e9),
                    ("at_most", 0),
                    ("equals", 0),
                    ("missing", rng.random() < 0.5),
                    ("above", 1e308),
                    ("at_least", -1e308),
                    ("equals", 1),
                ]
            )
            cond[comparison] = value
            steps.append(f"rule {cond.get('metric')} {comparison} {value}")
        elif op == 1:
            steps.append(_placeholder_edit(rng, tree, valid=True))
        elif op == 2 and _lessons_of(tree):
            lesson = rng.choice(_lessons_of(tree))
            lesson["weight"] = rng.choice([0.1, 1, 2.5, 10])
            steps.append(f"weight {lesson['weight']}")
        elif _lessons_of(tree):
            lesson = rng.choice(_lessons_of(tree))
            lesson.pop("any", None)
            steps.append("any removed")
    return "plausible: " + "; ".join(steps)


TEXT_LIMITS = {"title": 80, "topic": 60, "showed": 600, "why": 1200, "questions": 300}
"""The longest each lesson text may be (:class:`kitchen.content.lesson_model.LessonDef`)."""


def _bad_placeholders_everywhere(rng: random.Random, tree: Any) -> str:
    """Up to 100 lessons, every text one bad placeholder repeated to its length limit: tens
    of thousands of problems in a pack that is otherwise valid."""
    token = rng.choice(["{x}", "{", "}", "{0}", "{a.b}", "{service.served:>9}"])
    lessons = _lessons_of(tree)
    if not lessons:
        return "no lessons"
    tree["lessons"] = [copy.deepcopy(lessons[i % len(lessons)]) for i in range(100)]
    for i, lesson in enumerate(tree["lessons"]):
        lesson["id"] = f"l{i}"
        for key, limit in TEXT_LIMITS.items():
            text = token * (limit // len(token))
            lesson[key] = [text] * 3 if key == "questions" else text
    return f"100 lessons, every text {token!r} repeated to its limit"


def pack_case(seed: int, index: int, sources: Sequence[Source]) -> Case:
    """Lesson-pack case ``index`` of the run with ``seed``."""
    rng = random.Random(f"pack:{seed}:{index}")
    src = rng.choice(sources)
    heavy = rng.random() < HEAVY_SHARE
    op = rng.randrange(10)
    if not heavy and op <= 2:
        tree = copy.deepcopy(src.tree)
        what = _plausible_pack(rng, tree)
        return Case("pack", index, f"{src.name}: {what}", _dump_pack(tree, None, rng))
    if not heavy and op <= 4:
        tree = copy.deepcopy(src.tree)
        what = _placeholder_edit(rng, tree)
        if rng.random() < 0.3:
            what += "; " + _placeholder_edit(rng, tree)
        return Case("pack", index, f"{src.name}: {what}", _dump_pack(tree, None, rng))
    if not heavy and op <= 6:
        tree = copy.deepcopy(src.tree)
        what, raw = _rule_edit(rng, tree)
        return Case("pack", index, f"{src.name}: {what}", _dump_pack(tree, raw, rng))
    if not heavy and op == 7:
        # Placeholder text written straight into the file, where YAML may read it as a mapping.
        token = rng.choice(PLACEHOLDERS).encode("utf-8", "surrogatepass")
        at = _spot(rng, src.data)
        return Case(
            "pack",
            index,
            f"{src.name}: {_short(token)} inserted at {at}",
            src.data[:at] + token + src.data[at:],
        )
    if heavy and rng.random() < 0.5:
        tree = copy.deepcopy(src.tree)
        what = _bad_placeholders_everywhere(rng, tree)
        return Case("pack", index, f"{src.name}: heavy: {what}", _dump_pack(tree, None, rng))
    data = src.data
    steps = ["heavy"] if heavy else []
    for _ in range(rng.choice([1, 1, 2])):
        data, what = _level_mutation(rng, src, data, heavy)
        steps.append(what)
        if len(data) > 3_000_000:
            data = data[:3_000_000]
            steps.append("cut to 3 MB")
    return Case("pack", index, f"{src.name}: " + "; ".join(steps), data)


def special_pack_cases() -> list[Case]:
    """A lesson pack that is a folder, a named pipe, ``/dev/zero``, missing, ..."""
    return [
        Case("pack", case.index, case.mutation, b"", special=case.special)
        for case in special_level_cases()
    ]


PACK_FILE_SHARE = 3
"""Every this many lesson-pack cases (and every special one) are also read from their file
with :func:`load_pack`, as ``kitchen lessons check`` does; all are read from text (reading
YAML costs the most here, and the two share everything after the reading)."""

PACK_REPORT_SHARE = 10
"""The first, and then every this many, lesson packs that load (in each process) also make a
whole report with the pack."""

SYNTHETIC_VALUES: list[float | None] = [
    None,
    0,
    -0.0,
    1e308,
    -1e308,
    math.inf,
    -math.inf,
    math.nan,
    5e-324,
    2**53,
    -1,
]
"""Beyond any round: every metric given one of these at once (the rule engine and the
number formats must cope with them too)."""


@dataclass
class PackWork:
    """What lesson-pack cases are checked against: real rounds' metrics and logs."""

    tables: list[dict[str, float | None]]
    logs: list[Any]


def pack_work(work: Path, bases: Sequence[tuple[str, bytes]]) -> PackWork:
    """Read the base round logs and measure them (with the shipped pack), plus tables of
    extreme values for every metric name."""
    from kitchen.debrief.analysis import analyse_logs
    from kitchen.debrief.lessons import known_names, load_pack

    folder = work / "pack-bases"
    folder.mkdir(exist_ok=True)
    logs = []
    for i, (_name, data) in enumerate(bases):
        path = folder / f"round-{i + 1:02d}.jsonl"
        path.write_bytes(data)
        logs.append(read_round_log(path))
    tables = [r.values for s in analyse_logs(logs, load_pack()) for r in s.rounds]
    names = sorted(known_names())
    tables += [dict.fromkeys(names, value) for value in SYNTHETIC_VALUES]
    return PackWork(tables, logs)


def _card_text(cards: Sequence[Any]) -> int:
    size = 0
    for card in cards:
        for text in (card.title, card.topic, card.showed, card.why, *card.questions, *card.sources):
            if not isinstance(text, str):
                raise TypeError(f"lesson card text is {type(text).__name__}, not text")
            size += len(text)
        float(card.relevance)
    return size


def run_pack_case(tally: Tally, case: Case, work: Path, timeout: float, ctx: PackWork) -> None:
    """Check a lesson pack from a file and from text; if it loads, evaluate its rules
    against real rounds' metrics (and extreme ones) and fill its cards' text."""
    from kitchen.debrief.analysis import analyse_logs
    from kitchen.debrief.lessons import evaluate, load_pack, load_pack_text

    path = work / "pack.yaml"
    if case.special:
        path = _special_path(work, case)
    else:
        path.write_bytes(case.data)
    text_outcome = file_outcome = ""
    if not case.special:
        text = case.data.decode("utf-8", "surrogateescape")
        text_outcome, pack = attempt(
            tally, case, "pack_text", lambda: load_pack_text(text, "pack.yaml"), timeout
        )
    if case.special or case.index % PACK_FILE_SHARE == 0:
        file_outcome, _ = attempt(tally, case, "pack_file", lambda: load_pack(path), timeout)
        if text_outcome and (text_outcome == "accepted") != (file_outcome == "accepted"):
            tally.notes["pack_file_and_text_disagree"] += 1
            tally.note_examples.setdefault("pack_file_and_text_disagree", case.mutation[:300])
    loaded = (file_outcome or text_outcome) == "accepted"
    if case.index % CLI_SHARE == 0 and "uncaught" not in (file_outcome, text_outcome):
        run_cli(tally, case, ["lessons", "check", str(path)], timeout, (0,) if loaded else (1,))
    if text_outcome != "accepted":
        return

    def cards() -> int:
        shown = 0
        for values in ctx.tables:
            found = evaluate(pack, values)
            shown += len(found)
            _card_text(found)
        return shown

    outcome, shown = attempt(tally, case, "pack_cards", cards, timeout)
    if outcome == "accepted" and shown:
        tally.counts[("pack_cards", "shown")] += 1
    if tally.counts[("pack_text", "accepted")] % PACK_REPORT_SHARE == 1:
        attempt(
            tally, case, "pack_report", lambda: render_report(analyse_logs(ctx.logs, pack)), timeout
        )
    if case.index % (CLI_SHARE * 2) == 0:
        out = work / "report" / f"pack-report-{case.index}.html"
        log = ctx.logs[0].path
        run_cli(
            tally, case, ["report", str(log), "--lessons", str(path), "-o", str(out)], timeout, (0,)
        )


# --------------------------------------------------------------------------------------------
# Settings files
# --------------------------------------------------------------------------------------------


def settings_sources(work: Path) -> list[tuple[str, bytes]]:
    """Settings files as the game saves them: the defaults and one with every section changed."""
    from kitchen.content.settings_store import SettingsStore
    from kitchen.ui.input.bindings import SDL_KEY_NAMES

    folder = work / "settings-bases"
    folder.mkdir(exist_ok=True)
    out = []
    store = SettingsStore(folder / "defaults.json", keys=SDL_KEY_NAMES)
    store.save()
    out.append(("defaults.json", store.path.read_bytes()))
    store = SettingsStore(folder / "changed.json", keys=SDL_KEY_NAMES)
    layouts = [layout.model_dump() for layout in store.settings.layouts]
    layouts[0], layouts[1] = layouts[1], layouts[0]
    layouts[2]["name"] = "Left hand é"
    store.update(
        fullscreen=False,
        window_width=1920,
        window_height=1080,
        volume=0.25,
        music_volume=0.0,
        muted=True,
        palette="okabe_ito",
        layouts=layouts,
        assist={"slower_orders": True, "longer_rounds": False, "no_burning": True},
        tags=["closed loop", "silo", "🍲 helped"],
    )
    out.append(("changed.json", store.path.read_bytes()))
    return out


KEY_NAMES = [
    "W",
    "w",
    "Escape",
    "Return",
    "Tab",
    "F1",
    "F12",
    "Keypad Enter",
    "Backspace",
    "Hyper",
    "",
    " ",
    "Space",
    "Keypad 8",
    "Right Shift",
    "right shift",
    "Q",
    "\x00",
    "W\x00",
    "\ud800",
    "é",
    "ß",
    "🍲",
    "x" * 10_000,
    "Unknown Key",
    "0",
    "Up",
    5,
    None,
    [],
    {"key": "W"},
    True,
]

SETTINGS_VALUES: dict[str, list[Any]] = {
    "version": [2, "1", 1.0, None, 0, True],
    "fullscreen": ["yes", 1, 0, None, "true", [], 2],
    "window_width": [639, 7681, 0, -1, "1280", 1280.0, 1280.5, True, 10**30, None],
    "window_height": [359, 4321, 720.0, "720", 1e308, False],
    "volume": [-0.1, 1.1, "0.5", None, 1, 0, True, 1e-320],
    "music_volume": [2, -1, "loud", [0.5]],
    "muted": ["no", 0, None],
    "palette": ["WARM", "", "okabe-ito", 5, None, "high_contrast"],
    "assist": [None, [], "on", {"slower_orders": "yes"}, {"extra": True}, {}],
    "tags": [
        [],
        [""],
        ["x" * 41],
        ["tag"] * 13,
        ["a\nb"],
        ["\x1b[31mred"],
        ["\u2028"],
        ["\ud800"],
        [None],
        [5],
        "silo",
        None,
        ["ok", "ok"],
        ["\u202eevil"],
    ],
    "layouts": [
        [],
        None,
        "WASD",
        [{}],
        [None] * 4,
        [[]] * 4,
    ],
}
"""Values put at a top-level key of a saved settings file."""

SETTINGS_WHOLE = [
    b"",
    b" ",
    b"null",
    b"[]",
    b"5",
    b'"settings"',
    b"true",
    b"{}",
    b"[" * 100_000,
    b"[" * 5000 + b"]" * 5000,
    b'{"layouts":' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    b'{"a":' * 2000 + b"1" + b"}" * 2000,
    b"\xff\xfe{\x00}\x00",
    b"\xef\xbb\xbf{}",
    b'{"volume":0.5,"volume":0.6}',
    b'{"volume":NaN}',
    b'{"volume":Infinity}',
    b'{"window_width":1e400}',
    b'{"window_width":' + b"1" * 5000 + b"}",
    b"\x00" * 64,
    b"{" + b" " * 300_000 + b"}",
    b"// comment\n{}",
    b"{'volume': 0.5}",
    b"{,}",
]


def _settings_edit(rng: random.Random, tree: Any) -> tuple[Any, str, str | None]:
    """One targeted change to a parsed settings file."""
    op = rng.randrange(4)
    if op == 0 and isinstance(tree, dict):
        key = rng.choice(list(SETTINGS_VALUES))
        value = copy.deepcopy(rng.choice(SETTINGS_VALUES[key]))
        tree[key] = value
        return tree, f"{key} = {_short(value)}", None
    layouts = tree.get("layouts") if isinstance(tree, dict) else None
    if isinstance(layouts, list) and not all(isinstance(x, dict) for x in layouts):
        layouts = None  # an earlier edit broke them already
    if op == 1 and isinstance(layouts, list) and layouts:
        layout = rng.choice(layouts)
        action = rng.choice(["up", "down", "left", "right", "interact", "use", "callout", "name"])
        value = copy.deepcopy(rng.choice(KEY_NAMES))
        layout[action] = value
        return tree, f"layout {action} = {_short(value)}", None
    if op == 2 and isinstance(layouts, list) and layouts:
        what = rng.randrange(4)
        if what == 0:
            layouts.append(copy.deepcopy(layouts[0]))
            return tree, "a fifth layout", None
        if what == 1:
            layouts.pop(rng.randrange(len(layouts)))
            return tree, "a layout removed", None
        if what == 2:
            a, b = rng.sample(range(len(layouts)), 2) if len(layouts) > 1 else (0, 0)
            layouts[a]["up"] = layouts[b]["down"]
            return tree, "a key bound twice", None
        layout = rng.choice(layouts)
        if layout:
            layout.pop(rng.choice(list(layout)))
        return tree, "a layout key missing", None
    return _json_edit(rng, tree)


def settings_case(seed: int, index: int, bases: Sequence[tuple[str, bytes]]) -> Case:
    """Settings case ``index``: a mutated saved settings file."""
    rng = random.Random(f"settings:{seed}:{index}")
    name, data = rng.choice(bases)
    op = rng.randrange(10)
    if op <= 4:
        tree = json.loads(data)
        steps = []
        for _ in range(rng.choice([1, 1, 2])):
            tree, what, raw = _settings_edit(rng, tree)
            steps.append(what)
            if raw is not None:
                break
        text = json.dumps(tree, indent=rng.choice([None, 2]), ensure_ascii=rng.random() < 0.5)
        if raw is not None:
            text = text.replace('"\\u0000MARK\\u0000"', raw, 1)
        return Case(
            "settings", index, f"{name}: " + "; ".join(steps), text.encode("utf-8", "surrogatepass")
        )
    if op <= 8:
        steps = []
        for _ in range(rng.choice([1, 1, 2])):
            data, what = _byte_mutation(rng, data)
            steps.append(what)
        return Case("settings", index, f"{name}: " + "; ".join(steps), data)
    whole = rng.choice(SETTINGS_WHOLE)
    return Case("settings", index, f"settings file is {_short(whole)}", whole)


def special_settings_cases() -> list[Case]:
    """A settings file that is a folder, a named pipe, ``/dev/zero``, missing, too big, ..."""
    return [
        Case("settings", case.index, case.mutation, b"", special=case.special)
        for case in special_level_cases()
    ]


def _files_in(folder: Path) -> dict[str, bytes | str]:
    """Each entry of ``folder``: a regular file's bytes, else what it is."""
    out: dict[str, bytes | str] = {}
    for path in sorted(folder.iterdir()):
        st = path.lstat()
        if stat.S_ISREG(st.st_mode):
            out[path.name] = path.read_bytes()
        elif stat.S_ISLNK(st.st_mode):
            out[path.name] = "link:" + os.readlink(path)
        else:
            out[path.name] = "dir" if stat.S_ISDIR(st.st_mode) else "other"
    return out


def run_settings_case(tally: Tally, case: Case, work: Path, timeout: float) -> None:
    """Load a mutated settings file as the game does: it must always give settings, use a
    good file unchanged, set a bad one aside whole with a message, and save and load again."""
    from kitchen.content.settings_model import Settings
    from kitchen.content.settings_store import SETTINGS_FILE, SettingsStore
    from kitchen.ui.input.bindings import SDL_KEY_NAMES

    folder = work / "config"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    if case.special:
        made = _special_path(folder, case)
        path = folder / SETTINGS_FILE
        if case.special != "missing":
            os.rename(made, path)
        if case.special in ("symlink_loop",):
            path.unlink()
            path.symlink_to(SETTINGS_FILE)
    else:
        path = folder / SETTINGS_FILE
        path.write_bytes(case.data)
    before = _files_in(folder)
    store = SettingsStore(path, keys=SDL_KEY_NAMES)
    outcome, settings = attempt(tally, case, "settings_load", store.load, timeout)
    if outcome != "accepted":
        return
    if not isinstance(settings, Settings):
        uncaught_finding(tally, case, "settings_load", "NotSettings", f"load gave {settings!r}")
        return
    after = _files_in(folder)
    original = before.get(SETTINGS_FILE)
    if store.message is None:
        tally.counts[("settings_load", "used")] += 1
        if after != before:
            uncaught_finding(
                tally,
                case,
                "settings_load",
                "DataFileChanged",
                "a settings file that was used changed on load",
            )
    else:
        tally.counts[("settings_load", "set_aside")] += 1
        # The reason (what is quoted from the file) is checked; the rest is fixed text.
        reason = store.message.split(" Default settings are in use.")[0]
        _check_messages(tally, "settings_load", ValueError(reason))
        if settings != Settings():
            uncaught_finding(
                tally,
                case,
                "settings_load",
                "NotDefaults",
                "a broken settings file did not give the defaults",
            )
        kept = [v for k, v in after.items() if k != SETTINGS_FILE or store.backup is None]
        if original is not None and original not in kept:
            uncaught_finding(
                tally,
                case,
                "settings_load",
                "DataLost",
                f"the broken file's content is gone ({store.message})",
            )

    def save_and_load() -> str | None:
        store.save()
        again = SettingsStore(path, keys=SDL_KEY_NAMES)
        again.load()
        if store.backup is not None and _files_in(folder).get(store.backup.name) != after.get(
            store.backup.name
        ):
            return "saving changed the set-aside file"
        if store.message is None or store.backup is not None:
            if again.message is not None:
                return f"the saved settings did not load again: {again.message}"
            if again.settings != settings:
                return "the saved settings loaded as different settings"
        return None

    outcome, problem = attempt(tally, case, "settings_save", save_and_load, timeout)
    if outcome == "accepted" and problem:
        uncaught_finding(tally, case, "settings_save", "SaveLoadMismatch", problem)


# --------------------------------------------------------------------------------------------
# Running
# --------------------------------------------------------------------------------------------


@dataclass
class Plan:
    """What to run: the seed, how many of each case, the time limit and the base logs
    (``packs`` and ``settings`` come last so older positional calls still work)."""

    seed: int
    levels: int
    logs: int
    sessions: int
    timeout: float = 10.0
    special_timeout: float = 2.0
    memory_mb: int = 1536
    specials: bool = True
    bases: list[tuple[str, bytes]] = field(default_factory=list)
    packs: int = 0
    settings: int = 0


def run_share(plan: Plan, kind: str, share: int, shares: int) -> Tally:
    """Run every ``shares``-th case of ``kind`` starting at ``share``, in this process."""
    from kitchen.debrief.lessons import load_pack

    tally = Tally()
    pack = load_pack()
    sources = level_sources()
    with tempfile.TemporaryDirectory(prefix="kitchen-fuzz-") as tmp, memory_cap(plan.memory_mb):
        work = Path(tmp)
        if kind == "level":
            cases: Iterator[Case] = (
                level_case(plan.seed, i, sources) for i in range(share, plan.levels, shares)
            )
            if plan.specials and share == 0 and plan.levels:
                cases = _chain(special_level_cases(), cases)
            for case in cases:
                run_level_case(
                    tally, case, work, plan.special_timeout if case.special else plan.timeout
                )
                tally.counts[("level", "cases")] += 1
        elif kind == "log":
            for i in range(share, plan.logs, shares):
                companion = plan.bases[i % len(plan.bases)][1] if i % 3 == 0 else None
                run_log_case(
                    tally, log_case(plan.seed, i, plan.bases), work, plan.timeout, pack, companion
                )
                tally.counts[("log", "cases")] += 1
        elif kind == "pack" and share < plan.packs:
            ctx = pack_work(work, plan.bases)
            packs = pack_sources()
            cases = (pack_case(plan.seed, i, packs) for i in range(share, plan.packs, shares))
            if plan.specials and share == 0 and plan.packs:
                cases = _chain(special_pack_cases(), cases)
            for case in cases:
                limit = plan.special_timeout if case.special else plan.timeout
                run_pack_case(tally, case, work, limit, ctx)
                tally.counts[("pack", "cases")] += 1
        elif kind == "settings" and share < plan.settings:
            saved = settings_sources(work)
            cases = (
                settings_case(plan.seed, i, saved) for i in range(share, plan.settings, shares)
            )
            if plan.specials and share == 0 and plan.settings:
                cases = _chain(special_settings_cases(), cases)
            for case in cases:
                limit = plan.special_timeout if case.special else plan.timeout
                run_settings_case(tally, case, work, limit)
                tally.counts[("settings", "cases")] += 1
        elif kind == "session":
            cases = (session_case(plan.seed, i) for i in range(share, plan.sessions, shares))
            if plan.specials and share == 0 and plan.sessions:
                cases = _chain(special_session_cases(), cases)
            for case in cases:
                limit = plan.special_timeout if case.special else plan.timeout
                run_session_case(tally, case, work, limit, plan.bases, pack)
                tally.counts[("session", "cases")] += 1
    return tally


def _chain(first: Sequence[Case], rest: Iterator[Case]) -> Iterator[Case]:
    yield from first
    yield from rest


def _share_worker(args: tuple[Plan, str, int, int]) -> Tally:
    return run_share(*args)


def run_kind(plan: Plan, kind: str, jobs: int) -> tuple[Tally, float]:
    """Run all cases of one kind on ``jobs`` processes; returns the tally and the wall time."""
    started = time.perf_counter()
    if jobs <= 1:
        tally = run_share(plan, kind, 0, 1)
    else:
        tally = Tally()
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(jobs) as pool:
            for part in pool.map(_share_worker, [(plan, kind, k, jobs) for k in range(jobs)]):
                tally.add(part)
    return tally, time.perf_counter() - started


def save_finding(finding: Finding, folder: Path) -> Path:
    """Write a finding's input (and a note of what it is) to ``folder``; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    case = finding.case
    stem = (
        f"{case.kind}-{case.index:05d}"
        if case.index >= 0
        else f"{case.kind}-special-{case.special}"
    )
    path = folder / (stem + case.suffix)
    path.write_bytes(case.data)
    note = (
        f"mutation: {case.mutation}\nstage: {finding.stage}\n"
        f"exception: {finding.exc_type}: {finding.message}\n"
        f"where: {finding.where}\n\n{finding.trace}"
    )
    path.with_suffix(path.suffix + ".txt").write_text(
        note, encoding="utf-8", errors="backslashreplace"
    )
    return path


def distinct(findings: Sequence[Finding]) -> list[tuple[Finding, int]]:
    """One finding per signature (the first seen) with how often it happened."""
    seen: dict[tuple[str, str, str], list[Any]] = {}
    for finding in findings:
        entry = seen.setdefault(finding.signature, [finding, 0])
        entry[1] += 1
    return [(f, n) for f, n in seen.values()]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the fuzzer and print JSON lines."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--levels", type=int, default=10_000)
    parser.add_argument("--logs", type=int, default=5_000)
    parser.add_argument("--sessions", type=int, default=300)
    parser.add_argument("--packs", type=int, default=1000)
    parser.add_argument("--settings", type=int, default=3000)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per case stage")
    parser.add_argument(
        "--memory-mb", type=int, default=1536, help="extra address space per process"
    )
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument(
        "--show", type=int, default=0, help="print the first N distinct uncaught cases"
    )
    parser.add_argument("--save", default="", help="save reproducers of uncaught cases here")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kitchen-fuzz-base-") as tmp:
        bases = make_base_logs(Path(tmp))
    plan = Plan(
        args.seed,
        args.levels,
        args.logs,
        args.sessions,
        timeout=args.timeout,
        memory_mb=args.memory_mb,
        bases=bases,
        packs=args.packs,
        settings=args.settings,
    )
    total = Tally()
    rates = {}
    for kind, rate_name in (
        ("level", "level_files_per_second"),
        ("log", "logs_per_second"),
        ("session", "sessions_per_second"),
        ("pack", "lesson_packs_per_second"),
        ("settings", "settings_files_per_second"),
    ):
        tally, seconds = run_kind(plan, kind, args.jobs)
        total.add(tally)
        rates[rate_name] = round(tally.counts[(kind, "cases")] / seconds, 1) if seconds else 0.0

    print(json.dumps({"name": "fuzz_uncaught", "value": total.uncaught, "seed": args.seed}))
    for name, value in rates.items():
        print(json.dumps({"name": name, "value": value, "jobs": args.jobs}))
    print(
        json.dumps(
            {
                "name": "fuzz_seconds",
                "value": round(time.perf_counter() - started, 1),
                "jobs": args.jobs,
            }
        )
    )
    by_kind = Counter(finding.case.kind for finding in total.findings)
    for kind in ("level", "log", "session", "pack", "settings"):
        print(json.dumps({"name": f"{kind}_uncaught", "value": by_kind[kind]}))
        print(json.dumps({"name": f"{kind}_cases", "value": total.counts[(kind, "cases")]}))
    for (stage, outcome), value in sorted(total.counts.items()):
        if outcome != "cases":
            print(json.dumps({"name": f"{stage}_{outcome}", "value": value}))
    for stage, value in sorted(total.seconds.items()):
        print(json.dumps({"name": f"{stage}_seconds", "value": round(value, 2)}))
    for key, value in sorted(total.notes.items()):
        print(
            json.dumps(
                {"name": f"note:{key}", "value": value, "example": total.note_examples.get(key, "")}
            )
        )
    groups = distinct(total.findings)
    print(json.dumps({"name": "fuzz_uncaught_distinct", "value": len(groups)}))
    save = Path(args.save) if args.save else None
    for finding, count in groups[: args.show]:
        saved = str(save_finding(finding, save)) if save else "(use --save DIR)"
        print(
            f"\n[{count}x] {finding.stage}: {finding.exc_type}: {finding.message[:300]}\n"
            f"    where:    {finding.where}\n    mutation: {finding.case.mutation[:300]}\n"
            f"    saved:    {saved}",
            file=sys.stderr,
        )
    return 1 if total.uncaught else 0


if __name__ == "__main__":
    sys.exit(main())
