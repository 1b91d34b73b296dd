"""What the facilitator can do to a running round: inputs to the simulation like the
players' commands, so they are logged and replay exactly."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, ClassVar

from kitchen.events import CONTROLLERS


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


ACTIONS: dict[str, type[Action]] = {
    cls.name: cls
    for cls in (TriggerDisruption, EndDisruption, ExtendRound, EndRound, Tag, SetController)
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
