"""The ``disruptions:`` block of a level file: one model per kind, chosen by ``kind``.

Every disruption can be scheduled (``at``), fired at random (``chance`` per minute) or,
with neither, kept for the facilitator to trigger during play. See ``docs/levels.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kitchen.content.fields import Cell, Name, Player, PositiveSeconds, Seconds, Words
from kitchen.content.localized import localized
from kitchen.i18n import N_, LocalText, _, available_languages, using_language

if TYPE_CHECKING:
    from typing import TypeAlias

    DisruptionLabel: TypeAlias = LocalText
else:  # text, or {en: ..., fr: ...} (kitchen.content.localized)
    DisruptionLabel = localized(40)

STATION_TARGETS = (
    "stove",
    "board",
    "serve",
    "sink",
    "plates",
    "crate",
    "bin",
    "counter",
    "dirty_return",
)

StationKind = Annotated[
    Literal[STATION_TARGETS],  # type: ignore[valid-type]
    Words(f"a station kind ({', '.join(STATION_TARGETS)})"),
]


class _Base(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: DisruptionLabel | None = Field(None, description="the name on the banner and menu")
    at: Seconds | None = Field(None, description="start this many seconds into the round")
    duration: PositiveSeconds | None = Field(None, description="how long it lasts")
    chance: Annotated[float, Field(gt=0, le=1)] | None = Field(
        None, description="chance per minute of firing at random"
    )
    note: str = Field("", max_length=300, description="for the facilitator: why it is here")


class BreakdownDef(_Base):
    """A station stops working until a chef repairs it (or its duration runs out)."""

    kind: Literal["breakdown"]
    target: StationKind | Cell | list[Cell] = Field(
        description="a station kind (one is picked) or [x, y] cells"
    )
    repair_seconds: PositiveSeconds = Field(3.0, description="holding use this long repairs it")


class ShortageDef(_Base):
    """An ingredient's crates run empty (for ``duration``, or for good)."""

    kind: Literal["shortage"]
    ingredient: Name
    substitute: Name | None = Field(None, description="a recipe put on the menu meanwhile")


class SurgeDef(_Base):
    """A burst of tickets arrives at once."""

    kind: Literal["surge"]
    count: int = Field(3, ge=1, le=12)
    recipes: list[Name] = Field(default_factory=list, description="default: the current menu")
    patience: PositiveSeconds | None = None


class MenuChangeDef(_Base):
    """Recipes join or leave the menu (for ``duration``, or for good)."""

    kind: Literal["menu_change"]
    add: list[Name] = Field(default_factory=list)
    remove: list[Name] = Field(default_factory=list)

    @model_validator(mode="after")
    def _something_changes(self) -> MenuChangeDef:
        if not self.add and not self.remove:
            raise ValueError("a menu change needs 'add' and/or 'remove'")
        return self


class SpecialOrderDef(_Base):
    """A ticket with a special requirement, e.g. an allergy: the dish without one
    ingredient. Serving the ordinary dish to it is a safety incident."""

    kind: Literal["special_order"]
    recipe: Name
    exclude: Name = Field(description="the ingredient this customer must not get")
    patience: PositiveSeconds | None = None


class RedeploymentDef(_Base):
    """A chef is called away: frozen in place, off the floor, or moved to another zone."""

    kind: Literal["redeployment"]
    players: list[Player] = Field(default_factory=list, description="default: one chef at random")
    mode: Literal["frozen", "away", "move"] = "frozen"
    zone: Name | None = Field(None, description="with mode 'move': where to")

    @model_validator(mode="after")
    def _zone_for_move(self) -> RedeploymentDef:
        if self.mode == "move" and not self.zone:
            raise ValueError("mode 'move' needs a 'zone' to move the chef to")
        if self.mode != "move" and self.zone:
            raise ValueError("'zone' is only used with mode 'move'")
        return self


class BlackoutDef(_Base):
    """The order tickets can only be read by some chefs: the team has to talk."""

    kind: Literal["blackout"]
    viewers: Annotated[Name, Words(N_("a role name"))] | list[Player] = Field(
        description="a role name, or the chefs who can still read"
    )


class LayoutChangeDef(_Base):
    """Cells change: a passage is blocked or opened, a counter appears or disappears."""

    kind: Literal["layout_change"]
    cells: list[Cell] = Field(min_length=1, max_length=40, description="[x, y] cells, from 0")
    to: Literal["floor", "counter", "wall"]


class PowerCutDef(_Base):
    """The kitchen goes dark except around the chefs (or the stoves)."""

    kind: Literal["power_cut"]
    light: Literal["chefs", "stoves"] = "chefs"


DisruptionDef = Annotated[
    BreakdownDef
    | ShortageDef
    | SurgeDef
    | MenuChangeDef
    | SpecialOrderDef
    | RedeploymentDef
    | BlackoutDef
    | LayoutChangeDef
    | PowerCutDef,
    Field(discriminator="kind"),
    Words(N_("a disruption: a mapping with a kind, e.g. {kind: breakdown, target: stove}")),
]

DEFAULT_LABELS = {
    "breakdown": N_("Equipment breakdown"),
    "shortage": N_("Ingredient shortage"),
    "surge": N_("Order surge"),
    "menu_change": N_("Menu change"),
    "special_order": N_("Special requirement"),
    "redeployment": N_("Staff redeployed"),
    "blackout": N_("Information blackout"),
    "layout_change": N_("Layout change"),
    "power_cut": N_("Power cut"),
}


def default_label(kind: str) -> LocalText:
    """The name of a disruption of ``kind`` that gives no ``label``, in every language the
    catalogue has (the English text is what the round and its log keep)."""
    english = DEFAULT_LABELS[kind]
    said = {}
    for lang in available_languages():
        with using_language(lang):
            said[lang] = _(english)
    return LocalText(english, said)
