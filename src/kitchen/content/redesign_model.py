"""A level's ``redesign:`` block: how much a team may change in one improvement cycle's
redesign (its budget of changes) and which kinds of change it may make. Read by the
redesign mode of the level editor (:mod:`kitchen.content.redesign`); a level without the
block gets :data:`DEFAULT_BUDGET` changes of every kind."""

from __future__ import annotations

from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

RedesignKind = Literal["move", "pass_counter", "zone", "role", "protocol"]
"""The kinds of change a redesign may make: move a station, crate or chef's start; add or
remove a pass counter; redraw a zone; change a role (who may serve, read the tickets,
stand where); adopt a protocol (kept with the cycle, not in the level)."""

REDESIGN_KINDS: Final[tuple[RedesignKind, ...]] = (
    "move",
    "pass_counter",
    "zone",
    "role",
    "protocol",
)
DEFAULT_BUDGET: Final = 3
MAX_BUDGET: Final = 20


class RedesignDef(BaseModel):
    """The ``redesign:`` block of a level file."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    budget: int = Field(
        DEFAULT_BUDGET,
        ge=1,
        le=MAX_BUDGET,
        description="most changes a team may make in one redesign (a protocol counts as one)",
    )
    allow: list[RedesignKind] = Field(
        default_factory=lambda: list(REDESIGN_KINDS),
        min_length=1,
        description="the kinds of change allowed: move, pass_counter, zone, role, protocol",
    )

    @field_validator("allow")
    @classmethod
    def _once_each(cls, value: list[RedesignKind]) -> list[RedesignKind]:
        twice = sorted({k for k in value if value.count(k) > 1})
        if twice:
            raise ValueError(f"lists {', '.join(twice)} twice")
        return value
