"""Improvement cycles (Plan-Do-Study-Act) a team runs on its own kitchen, kept with the
session: ``cycles.json`` beside ``session.json``, and each redesigned kitchen as a new level
file beside them (``redesign-01.yaml``, ...). The level a redesign started from is never
written to.

A cycle holds the team's idea in its own words, the list of changes, a numeric prediction
on a named measure ("at least 9 dishes" -> ``service.served``, ``at_least``, 9), the round
it is compared with and that round's seed, the round that tested it, the computer cooks'
check of the redesign alone (:class:`SystemCheck`), and the team's decision (adopt, adapt
or abandon).

``cycles.json`` is read through the bounded reader and checked like every file people
write: each problem is one ``file:line:col: key: message`` line. It is written atomically.
The measures are the debrief's; only their shape is checked here (the debrief says "n/a"
for a measure it does not know).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from kitchen.content.loader import load_level_text
from kitchen.content.problems import Problem, SourceError
from kitchen.content.reading import parse_json, read_text
from kitchen.i18n import _
from kitchen.paths import write_atomically
from kitchen.session.log_messages import problems_of, shown

CYCLES_FILE: Final = "cycles.json"
"""The cycles' file in a session folder."""
MAX_CYCLES_BYTES: Final = 512 * 1024
"""Largest ``cycles.json`` read; twenty cycles take a few kilobytes."""
MAX_CYCLES: Final = 50
MEASURE_PATTERN: Final = r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$"
REDESIGN_NAME: Final = re.compile(r"^redesign-(\d{2,3})\.yaml$")

Comparison = Literal["at_least", "at_most", "more_than", "less_than", "exactly"]
"""How a result is held against the predicted value."""
Decision = Literal["adopt", "adapt", "abandon"]
ChangeKind = Literal["move", "add", "remove", "zone", "role", "protocol", "other"]

COMPARISON_WORDS: Final[dict[str, str]] = {
    "at_least": "at least",
    "at_most": "at most",
    "more_than": "more than",
    "less_than": "fewer than",
    "exactly": "exactly",
}

Text = Annotated[str, Field(max_length=1000)]
Measure = Annotated[str, Field(max_length=80, pattern=MEASURE_PATTERN)]

_STRICT = ConfigDict(extra="forbid", frozen=True)


class Prediction(BaseModel):
    """What the team expects, in its words and as a number on one measure."""

    model_config = _STRICT
    words: Text = Field(description="the team's prediction as it said it")
    measure: Measure = Field(description="the debrief's name of the measure")
    comparison: Comparison
    value: float = Field(ge=-1_000_000, le=1_000_000)

    def met_by(self, result: float) -> bool:
        """Whether ``result`` bears the prediction out."""
        v = self.value
        return {
            "at_least": result >= v,
            "at_most": result <= v,
            "more_than": result > v,
            "less_than": result < v,
            "exactly": result == v,
        }[self.comparison]


class Change(BaseModel):
    """One change the team made (a station moved, a pass counter added, a protocol)."""

    model_config = _STRICT
    kind: ChangeKind
    what: Annotated[str, Field(min_length=1, max_length=300)]


class SystemCheck(BaseModel):
    """The computer cooks on the old and the new kitchen, on the same seeds: the measure in
    each kitchen, seed by seed (the first seed is the team's own)."""

    model_config = _STRICT
    measure: Measure
    seeds: list[Annotated[int, Field(ge=0)]] = Field(min_length=1, max_length=20)
    old: list[float | None]
    new: list[float | None]
    chefs: int = Field(ge=1, le=4)
    silos: bool

    @model_validator(mode="after")
    def _one_value_per_seed(self) -> SystemCheck:
        if len(self.old) != len(self.seeds) or len(self.new) != len(self.seeds):
            raise ValueError(_("old and new need one value per seed"))
        return self


class Cycle(BaseModel):
    """One improvement cycle."""

    model_config = _STRICT
    number: int = Field(ge=1, le=MAX_CYCLES)
    idea: Text = Field(description="the change idea in the team's own words")
    changes: list[Change] = Field(default_factory=list, max_length=50)
    prediction: Prediction
    original_level: Annotated[str, Field(max_length=500)] = Field(
        description="the level file the redesign started from (as the round log names it)"
    )
    level_file: Annotated[str, Field(pattern=REDESIGN_NAME.pattern)] = Field(
        description="the redesigned level, a file in the session folder"
    )
    compared_round: int = Field(ge=1, description="the round the redesign is compared with")
    seed: int = Field(ge=0, description="that round's seed, played again")
    tested_round: int | None = Field(None, ge=1, description="the round played on the redesign")
    decision: Decision | None = None
    decision_note: Text = ""
    system_check: SystemCheck | None = None


class CyclesRecord(BaseModel):
    """``cycles.json``: a session's improvement cycles, numbered 1, 2, ... in order."""

    model_config = _STRICT
    version: Literal[1] = 1
    cycles: list[Cycle] = Field(default_factory=list, max_length=MAX_CYCLES)

    @model_validator(mode="after")
    def _numbered_in_order(self) -> CyclesRecord:
        numbers = [c.number for c in self.cycles]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(
                _("cycles are numbered 1, 2, 3, ... in order, not {numbers}").format(
                    numbers=numbers
                )
            )
        return self

    def cycle(self, number: int) -> Cycle:
        """Cycle ``number``.

        Raises:
            KeyError: there is no such cycle.
        """
        for c in self.cycles:
            if c.number == number:
                return c
        raise KeyError(number)


def cycles_path(folder: Path) -> Path:
    """Where a session folder keeps its cycles."""
    return Path(folder) / CYCLES_FILE


def load_cycles(folder: str | Path) -> CyclesRecord:
    """The session's cycles (none when it has no ``cycles.json``).

    Raises:
        SourceError: the file is damaged; one positioned problem per thing wrong.
    """
    path = cycles_path(Path(folder))
    if not os.path.lexists(path):
        return CyclesRecord()
    name = str(path)
    text = read_text(path, limit=MAX_CYCLES_BYTES, name=name)
    data = parse_json(text, name)
    if not isinstance(data, dict):
        raise SourceError(
            Problem(
                name, 1, 1, f'a cycles file is an object {{"cycles": [...]}}, not {shown(data)}'
            )
        )
    try:
        return CyclesRecord.model_validate(data)
    except ValidationError as err:
        raise SourceError(*problems_of(err, name, text)) from None


def save_cycles(folder: str | Path, record: CyclesRecord) -> None:
    """Write ``cycles.json`` atomically (a crash leaves the old or the new file)."""
    data = record.model_dump(mode="json")
    write_atomically(
        cycles_path(Path(folder)), json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    )


def redesign_file_name(number: int) -> str:
    """``redesign-01.yaml`` for cycle 1."""
    return f"redesign-{number:02d}.yaml"


def save_redesign(folder: str | Path, number: int, level_text: str) -> Path:
    """Save cycle ``number``'s redesigned kitchen as a new file in the session folder.

    The text is checked as a level first. Only a new file is ever created (``O_EXCL``), so
    neither the original level nor an earlier redesign can be replaced.

    Raises:
        SourceError: the text is no valid level (positioned problems, nothing written), or
            the file exists already.
        OSError: the file cannot be written.
    """
    path = Path(folder) / redesign_file_name(number)
    load_level_text(level_text, path.name)
    if os.path.lexists(path):
        raise SourceError(
            Problem(str(path), 0, 0, _("already exists; a redesign is never written over"))
        )
    tmp = path.with_name(f".{path.name}.tmp")
    write_atomically(tmp, level_text)
    try:
        os.link(tmp, path)  # fails if the name was taken meanwhile
    except FileExistsError:
        raise SourceError(
            Problem(str(path), 0, 0, _("already exists; a redesign is never written over"))
        ) from None
    finally:
        tmp.unlink(missing_ok=True)
    return path


def plan_cycle(
    folder: str | Path,
    *,
    idea: str,
    changes: list[Change],
    prediction: Prediction,
    level_text: str,
    original_level: str,
    compared_round: int,
    seed: int,
) -> Cycle:
    """Plan the session's next cycle: save the redesigned level beside the session and
    add the cycle to ``cycles.json``.

    Raises:
        SourceError: ``cycles.json`` is damaged or the level text is invalid (nothing is
            written then).
        ValueError: a field is not valid (pydantic's error).
    """
    folder = Path(folder)
    record = load_cycles(folder)
    number = len(record.cycles) + 1
    cycle = Cycle(
        number=number,
        idea=idea,
        changes=changes,
        prediction=prediction,
        original_level=original_level,
        level_file=redesign_file_name(number),
        compared_round=compared_round,
        seed=seed,
    )
    save_redesign(folder, number, level_text)
    save_cycles(folder, CyclesRecord(cycles=[*record.cycles, cycle]))
    return cycle


def update_cycle(folder: str | Path, number: int, **changes: Any) -> Cycle:
    """Change some fields of cycle ``number`` (validated) and save, e.g.
    ``update_cycle(folder, 2, decision="adopt")``.

    Raises:
        SourceError: ``cycles.json`` is damaged.
        KeyError: there is no such cycle.
        ValueError: a new value is not valid.
    """
    record = load_cycles(folder)
    old = record.cycle(number)
    new = Cycle.model_validate({**old.model_dump(), **changes})
    cycles = [new if c.number == number else c for c in record.cycles]
    save_cycles(folder, CyclesRecord(cycles=cycles))
    return new


def decide(folder: str | Path, number: int, decision: Decision, note: str = "") -> Cycle:
    """Record the team's decision on cycle ``number``: adopt, adapt or abandon."""
    return update_cycle(folder, number, decision=decision, decision_note=note)
