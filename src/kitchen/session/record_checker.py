"""Checking what is read from disk against :mod:`kitchen.session.log_model`.

:class:`RecordChecker` checks the lines of one round log one by one (the header, then
commands, facilitator actions, events and observations), including what the models alone
cannot see: the level stored in the header, chefs who are not playing, event values that
depend on one another. :func:`check_session` checks a parsed ``session.json``. Every problem
is raised as a positioned :class:`~kitchen.content.problems.SourceError`.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from kitchen.content.json_words import json_reason
from kitchen.content.problems import Problem, SourceError
from kitchen.content.reading import check_json_depth, parse_json, position_of
from kitchen.events import CONTROLLERS, MAX_MICS, MIC_STATES, Event, event_types
from kitchen.i18n import N_, _
from kitchen.session.log_messages import describe_error, key_path, locate, problems_of, shown
from kitchen.session.log_model import (
    ACTION_RECORDS,
    BODY,
    MAX_TICK,
    MIN_LEVEL_DB,
    OBSERVATION_RECORDS,
    ActionRecord,
    CommandRecord,
    EventRecord,
    HeaderRecord,
    ObservationRecord,
    SessionRecord,
    SetControllerRecord,
    TalkHeardRecord,
)
from kitchen.session.round_log import LOG_FORMAT, LOG_FORMAT_VERSION
from kitchen.sim.actions import ACTIONS, MAX_TALK_BATCH, Action
from kitchen.sim.assists import Assists
from kitchen.sim.spec import TICKS_PER_SECOND

_EVENT_CLASSES = event_types()
_CHEF_FIELDS = ("player", "by_player", "from_player", "to_player")


# --- round logs ---------------------------------------------------------------------------


def _body_path(loc: Sequence[str | int]) -> tuple[str | int, ...]:
    """The key path in the line of a :data:`BodyRecord` error location (without the tags
    pydantic puts in for each discriminated union)."""
    if not loc:
        return ()
    tag, rest = loc[0], tuple(loc[1:])
    if tag in ("action", "observation"):
        rest = rest[1:]
    elif tag == "event" and len(rest) >= 2 and rest[0] == "event":
        rest = ("event", *rest[2:])
    return rest


_TAGS = {  # discriminator: (its key, when it is missing, when it is unknown); {tag}, {items}
    "'record'": (
        "record",
        N_('is missing; a line is a "command", an "action", an "event" or an "observation"'),
        N_(
            "unknown record {tag}; "
            'a line is a "command", an "action", an "event" or an "observation"'
        ),
    ),
    "'kind'": (
        "kind",
        N_("is missing; one of {items}"),
        N_("unknown observation kind {tag}; one of {items}"),
    ),
    "'action'": (
        "action",
        N_("is missing; one of {items}"),
        N_("unknown facilitator action {tag}; one of {items}"),
    ),
    "'type'": (
        "type",
        N_("is missing; the event types are listed in docs/events.md"),
        N_("unknown event type {tag}; the event types are listed in docs/events.md"),
    ),
}
_TAG_ITEMS: dict[str, list[str]] = {
    "'kind'": list(OBSERVATION_RECORDS),
    "'action'": list(ACTION_RECORDS),
}


class RecordChecker:
    """Checks the lines of one round log, one by one.

    Args:
        name: the log's name in messages.
        level_check: given the header, returns the problems with its level (it loads the
            level stored in the header) as ``(key path, message)`` pairs; ``None`` skips it.
    """

    def __init__(
        self,
        name: str,
        level_check: Callable[[HeaderRecord], list[tuple[tuple[str | int, ...], str]]]
        | None = None,
    ) -> None:
        self.name = name
        self.header: HeaderRecord | None = None
        self._level_check = level_check
        self._seated: frozenset[int] = frozenset(range(1, 5))

    def _problem(self, text: str, number: int, loc: Sequence[str | int], message: str) -> Problem:
        line, col = position_of(text, locate(text, loc), first_line=number)
        return Problem(self.name, line, col, message, key_path(loc))

    def _fail(self, text: str, number: int, loc: Sequence[str | int], message: str) -> SourceError:
        return SourceError(self._problem(text, number, loc, message))

    def header_of(self, text: str, number: int = 1) -> HeaderRecord:
        """Check the header line ``text``.

        Raises:
            SourceError: it is not a round-log header, or a field is wrong.
        """
        record = parse_json(text, self.name, first_line=number)
        if (
            not isinstance(record, dict)
            or record.get("record") != "header"
            or record.get("format") != LOG_FORMAT
        ):
            raise SourceError(
                Problem(
                    self.name,
                    number,
                    1,
                    _("the first line is not a Systems Kitchen round-log header"),
                )
            )
        version = record.get("format_version")
        if (
            isinstance(version, int)
            and not isinstance(version, bool)
            and version > LOG_FORMAT_VERSION
        ):
            raise self._fail(
                text,
                number,
                ("format_version",),
                _(
                    "log format version {version} is newer than this game reads ({reads}); "
                    "update the game to read it"
                ).format(version=version, reads=LOG_FORMAT_VERSION),
            )
        try:
            header = HeaderRecord.model_validate(record)
        except ValidationError as err:
            raise SourceError(*problems_of(err, self.name, text, first_line=number)) from None
        level = header.level
        digest = hashlib.sha256(level.text.encode("utf-8", "surrogatepass")).hexdigest()
        if level.sha256 is not None and digest != level.sha256:
            raise self._fail(
                text,
                number,
                ("level", "sha256"),
                _("does not match the level text stored beside it (the log was edited)"),
            )
        if self._level_check is not None:
            found = self._level_check(header)
            if found:
                raise SourceError(
                    *(self._problem(text, number, loc, message) for loc, message in found)
                )
        strangers = [p for p in header.people or () if p not in header.players]
        if strangers:
            raise self._fail(
                text,
                number,
                ("people",),
                _("chefs {chefs} are not playing in this round (chefs {players})").format(
                    chefs=strangers, players=header.players
                ),
            )
        self.header = header
        self._seated = frozenset(header.players)
        return header

    def body_of(
        self, text: str, number: int
    ) -> CommandRecord | ActionRecord | Event | ObservationRecord:
        """Check a line after the header: a command, an action, an event or an observation.

        Raises:
            SourceError: naming what is wrong, positioned in the line.
        """
        check_json_depth(text, self.name, first_line=number)
        try:
            record = BODY.validate_json(text)
        except ValidationError as err:
            raise SourceError(*self._body_problems(err, text, number)) from None
        if isinstance(record, EventRecord):
            return self._event(record.event, text, number)
        if isinstance(record, SetControllerRecord) and record.player not in self._seated:
            raise self._fail(
                text,
                number,
                ("player",),
                _("chef {chef} is not playing in this round (chefs {chefs})").format(
                    chef=record.player, chefs=sorted(self._seated)
                ),
            )
        if isinstance(record, TalkHeardRecord) and len(record.levels) != len(record.talk):
            raise self._fail(
                text,
                number,
                ("levels",),
                _("has {levels} loudness levels for {frames} talk frames").format(
                    levels=len(record.levels), frames=len(record.talk)
                ),
            )
        return record

    def _body_problems(self, err: ValidationError, text: str, number: int) -> list[Problem]:
        errors = err.errors()
        if any(e["type"] == "json_invalid" for e in errors):
            parse_json(text, self.name, first_line=number)  # raises with json's position
            return [
                Problem(
                    self.name,
                    number,
                    1,
                    _("not JSON: {why}").format(why=json_reason(errors[0]["msg"])),
                )
            ]
        out = []
        for error in errors:
            kind, ctx = error["type"], error.get("ctx") or {}
            if (
                kind in ("union_tag_invalid", "union_tag_not_found")
                and ctx.get("discriminator") in _TAGS
            ):
                key, when_missing, when_unknown = _TAGS[ctx["discriminator"]]
                items = ", ".join(_TAG_ITEMS.get(ctx["discriminator"], ()))
                loc = (*_body_path(error["loc"]), key)
                if key == "record" and ctx.get("tag") == "header":
                    out.append(
                        self._problem(
                            text, number, loc, _("a second header: only line 1 is a header")
                        )
                    )
                elif kind == "union_tag_not_found":
                    out.append(
                        self._problem(text, number, loc, _(when_missing).format(items=items))
                    )
                else:
                    out.append(
                        self._problem(
                            text,
                            number,
                            loc,
                            _(when_unknown).format(tag=shown(ctx.get("tag")), items=items),
                        )
                    )
                continue
            if kind == "model_attributes_type" or (kind == "dict_type" and not error["loc"]):
                out.append(
                    Problem(
                        self.name,
                        number,
                        1,
                        _("each line must be a JSON object {{...}}, not {given}").format(
                            given=shown(error.get("input"))
                        ),
                    )
                )
                continue
            out.append(self._problem(text, number, _body_path(error["loc"]), describe_error(error)))
        return out

    def _event(self, checked: BaseModel, text: str, number: int) -> Event:
        values = dict(checked.__dict__)
        kind = values.pop("type")
        for key in _CHEF_FIELDS:
            chef = values.get(key)
            if chef is not None and chef not in self._seated:
                raise self._fail(
                    text,
                    number,
                    ("event", key),
                    _("chef {chef} is not playing in this round (chefs {chefs})").format(
                        chef=chef, chefs=sorted(self._seated)
                    ),
                )
        if kind == "round_started":
            strangers = [p for p in values["people"] or () if p not in values["players"]]
            if strangers:
                raise self._fail(
                    text,
                    number,
                    ("event", "people"),
                    _("chefs {chefs} are not among the players {players}").format(
                        chefs=strangers, players=list(values["players"])
                    ),
                )
            if values["ticks_per_second"] != TICKS_PER_SECOND:
                raise self._fail(
                    text,
                    number,
                    ("event", "ticks_per_second"),
                    _("must be {expected}, not {given}").format(
                        expected=TICKS_PER_SECOND, given=values["ticks_per_second"]
                    ),
                )
            if not 1 <= values["round_ticks"] <= MAX_TICK:
                raise self._fail(
                    text,
                    number,
                    ("event", "round_ticks"),
                    _("must be 1 to {most}, not {given}").format(
                        most=MAX_TICK, given=values["round_ticks"]
                    ),
                )
        if kind == "controller_changed" and values["controller"] not in CONTROLLERS:
            raise self._fail(
                text,
                number,
                ("event", "controller"),
                _("must be {items} or {last}, not {given}").format(
                    items=", ".join(CONTROLLERS[:-1]),
                    last=CONTROLLERS[-1],
                    given=shown(values["controller"]),
                ),
            )
        if kind in ("talk_frames", "microphone_changed"):
            self._talk(values, text, number)
        if kind == "conditions_set":
            known = [f.name for f in dataclasses.fields(Assists)]
            unknown = [a for a in values["assists"] if a not in known]
            if unknown:
                raise self._fail(
                    text,
                    number,
                    ("event", "assists"),
                    _("unknown assist {given}; the assists are {items}").format(
                        given=shown(unknown[0]), items=", ".join(known)
                    ),
                )
        if kind == "callout":
            answers, delay = values.get("answers"), values.get("answer_delay")
            if (answers is None) != (delay is None):
                present = "answers" if delay is None else "answer_delay"
                missing = "answer_delay" if delay is None else "answers"
                raise self._fail(
                    text,
                    number,
                    ("event", present),
                    _(
                        "an answer to a call has both answers and answer_delay; {key} is missing"
                    ).format(key=missing),
                )
            if delay is not None and delay < 0:
                raise self._fail(
                    text,
                    number,
                    ("event", "answer_delay"),
                    _("must be 0 or more, not {given}").format(given=delay),
                )
        return _EVENT_CLASSES[kind](**values)

    def _talk(self, values: dict[str, Any], text: str, number: int) -> None:
        """Check a ``talk_frames`` or ``microphone_changed`` event's values."""
        if not 0 <= values["mic"] < MAX_MICS:
            raise self._fail(
                text,
                number,
                ("event", "mic"),
                _("a microphone is numbered 0 to {most}, not {given}").format(
                    most=MAX_MICS - 1, given=values["mic"]
                ),
            )
        if "state" in values:
            if values["state"] not in MIC_STATES:
                raise self._fail(
                    text,
                    number,
                    ("event", "state"),
                    _("must be {items} or {last}, not {given}").format(
                        items=", ".join(MIC_STATES[:-1]),
                        last=MIC_STATES[-1],
                        given=shown(values["state"]),
                    ),
                )
            return
        talk, levels = values["talk"], values["levels"]
        if not 1 <= len(talk) <= MAX_TALK_BATCH or set(talk) - {"0", "1"}:
            raise self._fail(
                text,
                number,
                ("event", "talk"),
                _("must be 1 to {most} characters 0 (no talk) or 1 (talk)").format(
                    most=MAX_TALK_BATCH
                ),
            )
        if len(levels) != len(talk):
            raise self._fail(
                text,
                number,
                ("event", "levels"),
                _("has {n} loudness levels for {frames} talk frames").format(
                    n=len(levels), frames=len(talk)
                ),
            )
        if values["first_index"] < 0:
            raise self._fail(text, number, ("event", "first_index"), _("must be 0 or more"))
        if any(not MIN_LEVEL_DB <= level <= 0.0 for level in levels):
            raise self._fail(
                text,
                number,
                ("event", "levels"),
                _("loudness is {least} to 0 dBFS").format(least=f"{MIN_LEVEL_DB:.0f}"),
            )


def action_of(record: ActionRecord) -> Action:
    """The facilitator action a checked action record stands for."""
    fields = record.model_dump(exclude={"record", "tick"})
    return ACTIONS[fields.pop("action")](**fields)


# --- session.json -----------------------------------------------------------------------


def check_session(data: Any, text: str, name: str, folder: Path) -> SessionRecord:
    """Check a parsed ``session.json`` of ``folder``: its shape, and that every round's log
    lies inside the folder (no ``../``, no absolute path, no link leading out).

    Raises:
        SourceError: one positioned problem per thing wrong.
    """
    if not isinstance(data, dict):
        raise SourceError(
            Problem(
                name,
                1,
                1,
                _(
                    'a session file is an object {{"team": ..., "rounds": [...]}}, not {given}'
                ).format(given=shown(data)),
            )
        )
    try:
        session = SessionRecord.model_validate(data)
    except ValidationError as err:
        raise SourceError(*problems_of(err, name, text)) from None
    try:
        inside = folder.resolve()
    except (OSError, RuntimeError) as err:
        raise SourceError(
            Problem(str(folder), 0, 0, _("cannot open the session folder: {why}").format(why=err))
        ) from None
    problems = []
    for n, entry in enumerate(session.rounds):
        path = folder / entry.log
        try:
            if not path.is_symlink():
                continue
        except OSError:
            continue  # reading it later says what is wrong
        try:
            target = path.resolve()
        except (OSError, RuntimeError):
            target = None
        if target is None or not target.is_relative_to(inside):
            loc = ("rounds", n, "log")
            line, col = position_of(text, locate(text, loc))
            problems.append(
                Problem(
                    name,
                    line,
                    col,
                    _("{name} is a link leading out of the session folder; it is not read").format(
                        name=shown(entry.log)
                    ),
                    key_path(loc),
                )
            )
    if problems:
        raise SourceError(*problems)
    return session
