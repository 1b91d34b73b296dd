"""A few hundred fuzzed inputs (bench/fuzz_inputs.py) go through the level, round-log and
session readers in process: none may end in anything but the reader's documented error."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # in CI's second pass (.ci/run): keeps the default run short

BENCH = Path(__file__).resolve().parent.parent / "bench" / "fuzz_inputs.py"


@pytest.fixture(scope="module")
def fuzz():
    """The bench module, imported from its file."""
    spec = importlib.util.spec_from_file_location("fuzz_inputs", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_inputs"] = module
    spec.loader.exec_module(module)
    return module


def _assert_clean(fuzz, tally) -> None:
    """No uncaught case (the message lists each distinct one)."""
    assert tally.uncaught == 0, _report(fuzz, tally)


def _report(fuzz, tally) -> str:
    lines = []
    for finding, count in fuzz.distinct(tally.findings):
        lines.append(
            f"[{count}x] {finding.stage}: {finding.exc_type}: {finding.message[:200]}\n"
            f"    at {finding.where}\n    mutation: {finding.case.mutation[:200]}"
        )
    return "\n".join(lines)


def test_fuzzed_levels_logs_and_sessions_end_only_in_documented_errors(fuzz, bases):
    plan = fuzz.Plan(seed=9, levels=250, logs=150, sessions=20, bases=bases)
    total = fuzz.Tally()
    for kind in ("level", "log", "session"):
        total.add(fuzz.run_share(plan, kind, 0, 1))
    assert total.counts[("level", "cases")] >= 250
    assert total.counts[("log", "cases")] == 150
    # The harness really reaches the deeper stages, not only the first reader.
    assert total.counts[("level_round", "accepted")] > 0
    assert total.counts[("replay", "accepted")] > 0
    assert total.counts[("report", "accepted")] > 0
    _assert_clean(fuzz, total)


def test_fuzzed_lesson_packs_and_settings_files_end_only_in_documented_errors(fuzz, bases):
    plan = fuzz.Plan(seed=9, levels=0, logs=0, sessions=0, packs=50, settings=60, bases=bases)
    total = fuzz.Tally()
    for kind in ("pack", "settings"):
        total.add(fuzz.run_share(plan, kind, 0, 1))
    assert total.counts[("pack", "cases")] >= 50
    assert total.counts[("settings", "cases")] >= 60
    # Packs that load have their rules evaluated and cards filled; others are refused.
    assert total.counts[("pack_cards", "shown")] > 0
    assert total.counts[("pack_report", "accepted")] > 0
    assert total.counts[("pack_text", "caught")] > 0
    # Settings files are both used and set aside.
    assert total.counts[("settings_load", "used")] > 0
    assert total.counts[("settings_load", "set_aside")] > 0
    _assert_clean(fuzz, total)


def _pack_with_bad_placeholders(lessons: int) -> str:
    import yaml

    lesson = {
        "title": "t",
        "topic": "x",
        "when": [{"metric": "service.served", "above": 0}],
        "showed": "}" * 599,
        "why": "{x}" * 400,
        "questions": ["{" * 299] * 3,
    }
    pack = {
        "name": "p",
        "title": "t",
        "lessons": [{"id": f"l{i}", **lesson} for i in range(lessons)],
    }
    return yaml.safe_dump(pack, width=10**6, sort_keys=False)


def test_a_pack_with_thousands_of_bad_placeholders_is_checked_in_seconds():
    """Each placeholder problem once re-scanned the whole file: 20 such lessons took 14 s."""
    import time

    from kitchen.content import SourceError
    from kitchen.debrief.lessons import load_pack_text

    text = _pack_with_bad_placeholders(20)
    started = time.perf_counter()
    with pytest.raises(SourceError) as err:
        load_pack_text(text, "pack.yaml")
    assert time.perf_counter() - started < 5
    lines = [str(p) for p in err.value.problems]
    assert len(lines) == 20 * 404
    # The same lines as before the check was made quick.
    assert lines[:3] == [
        "pack.yaml:10:610: lessons[0].showed: '}' closes nothing; write }} for a brace in the text",
        "pack.yaml:11:9: lessons[0].why: unknown name '{x}'; a placeholder names a metric such "
        "as {service.served}",
        "pack.yaml:11:12: lessons[0].why: unknown name '{x}'; a placeholder names a metric such "
        "as {service.served}",
    ]
    assert lines[-1] == (
        "pack.yaml:147:1206: lessons[19].why: unknown name '{x}'; a placeholder names a metric "
        "such as {service.served}"
    )


class _Keys:
    """Any short name is a key (its code is its hash); none is reserved."""

    reserved = frozenset()

    def code(self, name: str) -> int | None:
        return hash(name) if len(name) < 30 else None


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (
            '{"window_hei\\ufeffght": 1}',
            "Your settings file has a problem: window_hei\\ufeffght: Extra inputs are not "
            "permitted.",
        ),
        (
            json.dumps({"x" * 5000: 1}),
            "Your settings file has a problem: " + "x" * 117 + "...: Extra inputs are not "
            "permitted.",
        ),
        (
            json.dumps({"tags": ["a\x1b[2J" + "y" * 5000]}),
            "Your settings file has a problem: tags.0: String should have at most 40 characters.",
        ),
    ],
)
def test_a_settings_message_quotes_the_file_in_one_short_printable_line(tmp_path, data, says):
    """Found by the fuzzer: a key quoted from a damaged file went on screen as it was."""
    from kitchen.content.settings_model import Settings
    from kitchen.content.settings_store import SettingsStore

    path = tmp_path / "settings.json"
    path.write_text(data, encoding="utf-8")
    store = SettingsStore(path, keys=_Keys())
    assert store.load() == Settings()
    assert store.backup is not None
    assert store.message == (
        f"{says} Default settings are in use. It was moved aside as {store.backup.name}."
    )
    assert store.backup.read_text(encoding="utf-8") == data


@pytest.fixture(scope="module")
def bases(fuzz, tmp_path_factory):
    """Real round logs to mutate."""
    return fuzz.make_base_logs(tmp_path_factory.mktemp("bases"))


def _without_answer_delay(fuzz, bases) -> bytes:
    """A real log with one answering call-out's ``answer_delay`` removed."""
    for _name, data in bases:
        lines = data.split(b"\n")
        for i, line in enumerate(lines):
            record = fuzz._loads(line)
            event = record.get("event") if isinstance(record, dict) else None
            if isinstance(event, dict) and event.get("answers") is not None:
                del event["answer_delay"]
                lines[i] = fuzz._dump(record, None)
                return b"\n".join(lines)
    raise AssertionError("no answering call-out in the base logs")


def test_findings_of_earlier_runs_stay_fixed(fuzz, bases, tmp_path):
    """Each input here once ended in a traceback (see the fuzzer's findings)."""
    tally = fuzz.Tally()
    levels = [b'title: "\\U00110000"\n', b'name: "\\U00110000"\nmap: |\n  X\n']
    for i, data in enumerate(levels):
        fuzz.run_level_case(
            tally, fuzz.Case("level", i, "escape beyond U+10FFFF", data), tmp_path, 10.0
        )
    sessions = [
        {"team": "a", "created": "b", "rounds": [{"index": 1, "log": "x" * 300, "level": "t"}]},
        {"team": "a", "created": "b", "rounds": [{"index": 1, "log": {"x": 1}, "level": "t"}]},
        {"team": "a", "created": "b", "rounds": [{"index": 1, "level": "t"}]},
        {"team": "a", "created": "b", "rounds": [{"index": 1, "log": "../../../etc/hostname"}]},
    ]
    for i, data in enumerate(sessions):
        case = fuzz.Case("session", i, "session.json", json.dumps(data).encode())
        fuzz.run_session_case(tally, case, tmp_path, 10.0, bases, None)
    _assert_clean(fuzz, tally)


def test_a_call_out_answer_without_its_delay_is_a_message_not_a_traceback(fuzz, bases, tmp_path):
    tally = fuzz.Tally()
    log = fuzz.Case("log", 0, "answers without answer_delay", _without_answer_delay(fuzz, bases))
    fuzz.run_log_case(tally, log, tmp_path, 10.0, None)
    _assert_clean(fuzz, tally)


def test_cases_are_made_again_identically_from_the_seed(fuzz):
    sources = fuzz.level_sources()
    first = [fuzz.level_case(3, i, sources) for i in range(40)]
    again = [fuzz.level_case(3, i, sources) for i in range(40)]
    assert [(c.mutation, c.data) for c in first] == [(c.mutation, c.data) for c in again]
    assert len({c.data for c in first}) > 30


def test_an_exception_outside_the_documented_ones_and_a_hang_are_uncaught(fuzz):
    tally = fuzz.Tally()
    case = fuzz.Case("level", 0, "by hand", b"")
    assert fuzz.attempt(tally, case, "level_text", lambda: {}["missing"], 1.0)[0] == "uncaught"
    assert fuzz.attempt(tally, case, "level_text", lambda: _spin(), 0.05)[0] == "uncaught"
    assert [f.exc_type for f in tally.findings] == ["KeyError", "CaseTimeout"]
    err = fuzz.SourceError(fuzz_problem())
    assert fuzz.attempt(tally, case, "level_text", lambda: _raise(err), 1.0)[0] == "caught"
    assert tally.uncaught == 2


def fuzz_problem():
    from kitchen.content.problems import Problem

    return Problem("level.yaml", 1, 1, "something is wrong")


def _raise(err):
    raise err


def _spin():
    while True:
        pass
