"""What the facilitator can do to a running round: inputs to the simulation like the
players' commands, so they are logged and replay exactly. The game's microphone capture
sends its inputs the same way (:class:`TalkHeard`, :class:`MicrophoneState`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, ClassVar

from kitchen.events import CONTROLLERS, MAX_MICS, MIC_STATES


@dataclass(frozen=True, slots=True)
class Action:
    """Base class of facilitator actions."""

    name: ClassVar[str] = "action"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with the action's ``name``."""
        return {"action": self.name, **asdict(self)}


@dataclass(frozen=True, slots=True)
class TriggerDisruption(Action):
    """Start the level's disruption number ``index`` (0-based, as listed in the level)."""

    name: ClassVar[str] = "trigger"
    index: int


@dataclass(frozen=True, slots=True)
class EndDisruption(Action):
    """End the running disruption with this id early."""

    name: ClassVar[str] = "end_disruption"
    disruption_id: int


@dataclass(frozen=True, slots=True)
class ExtendRound(Action):
    """Give the team more time."""

    name: ClassVar[str] = "extend"
    seconds: int


@dataclass(frozen=True, slots=True)
class EndRound(Action):
    """Stop the round now."""

    name: ClassVar[str] = "end"
    reason: str = "ended"


@dataclass(frozen=True, slots=True)
class Tag(Action):
    """Mark this moment with an observation (``good closed loop``, ``silo``...)."""

    name: ClassVar[str] = "tag"
    label: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class SetController(Action):
    """Chef ``player`` changes hands: ``controller`` is ``person`` (a pad took the chef over),
    ``computer`` (a computer cook plays it now) or ``nobody`` (it stands still: the team
    carried on without it)."""

    name: ClassVar[str] = "set_controller"
    player: int
    controller: str

    def __post_init__(self) -> None:
        if self.controller not in CONTROLLERS:
            raise ValueError(
                f"a chef's controller is {', '.join(CONTROLLERS[:-1])} or {CONTROLLERS[-1]}, "
                f"not {self.controller!r}"
            )


MAX_TALK_BATCH = 50
"""Most frames one :class:`TalkHeard` carries (the game sends ten: one second)."""


@dataclass(frozen=True, slots=True)
class TalkHeard(Action):
    """Microphone ``mic`` heard these 100 ms frames: ``talk`` is ``0``/``1`` per frame (talk or
    no talk), ``levels`` their loudness in dBFS, ``first_index`` the round's frame number of
    the first. Written by the game's microphone capture, never by a person."""

    name: ClassVar[str] = "talk_heard"
    mic: int
    first_index: int
    talk: str
    levels: tuple[float, ...]

    def __post_init__(self) -> None:
        if not 0 <= self.mic < MAX_MICS:
            raise ValueError(f"a microphone is numbered 0 to {MAX_MICS - 1}, not {self.mic}")
        if self.first_index < 0:
            raise ValueError(f"a talk frame's number is 0 or more, not {self.first_index}")
        if not 1 <= len(self.talk) <= MAX_TALK_BATCH or set(self.talk) - {"0", "1"}:
            raise ValueError(f"talk is 1 to {MAX_TALK_BATCH} characters 0 or 1")
        if len(self.levels) != len(self.talk):
            raise ValueError(f"{len(self.talk)} talk frames but {len(self.levels)} loudness levels")
        object.__setattr__(self, "levels", tuple(self.levels))


@dataclass(frozen=True, slots=True)
class MicrophoneState(Action):
    """Microphone ``mic`` is now ``state`` (calibrating, listening, lost or none); ``label``
    is the zone or role it is given to."""

    name: ClassVar[str] = "microphone"
    mic: int
    state: str
    label: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.mic < MAX_MICS:
            raise ValueError(f"a microphone is numbered 0 to {MAX_MICS - 1}, not {self.mic}")
        if self.state not in MIC_STATES:
            raise ValueError(
                f"a microphone's state is {', '.join(MIC_STATES[:-1])} or {MIC_STATES[-1]}, "
                f"not {self.state!r}"
            )


ACTIONS: dict[str, type[Action]] = {
    cls.name: cls
    for cls in (
        TriggerDisruption,
        EndDisruption,
        ExtendRound,
        EndRound,
        Tag,
        SetController,
        TalkHeard,
        MicrophoneState,
    )
}


def action_from_dict(data: dict[str, Any]) -> Action:
    """Rebuild an action from :meth:`Action.to_dict` output.

    Raises:
        ValueError: unknown action or fields.
    """
    fields = dict(data)
    cls = ACTIONS.get(fields.pop("action", None))
    if cls is None:
        raise ValueError(f"unknown facilitator action {data.get('action')!r}")
    try:
        return cls(**fields)
    except TypeError as err:
        raise ValueError(f"bad {cls.name} action: {err}") from None
