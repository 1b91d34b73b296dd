"""The level file format, as pydantic v2 models.

A minimal level is a ``name``, a ``map`` and the ``recipes`` it serves; every other key has
a documented default (``docs/levels.md``). Unknown keys are errors, so typos are caught.
Structural checks live here; checks that need the whole level (is every recipe makeable,
is every station reachable) are in :mod:`kitchen.content.checks`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

from kitchen.content.builtins import BUILTIN_INGREDIENTS, TILE_KINDS
from kitchen.content.disruption_model import DisruptionDef
from kitchen.content.fields import Name, PositiveSeconds, Seconds, Words
from kitchen.content.localized import localized
from kitchen.content.redesign_model import RedesignDef
from kitchen.content.tutorial_model import TutorialDef, check_tutorial_items
from kitchen.i18n import N_, LocalText, _
from kitchen.sim.commands import CALLOUT_KINDS

SCHEMA_VERSION: Final = 1
"""The level format version this build reads."""

if TYPE_CHECKING:
    from typing import TypeAlias

    from kitchen.i18n import LocalText

    LevelTitle: TypeAlias = LocalText
    LevelDescription: TypeAlias = LocalText
    LevelNotes: TypeAlias = LocalText
else:  # text, or {en: ..., fr: ...} (kitchen.content.localized)
    LevelTitle, LevelDescription, LevelNotes = localized(60), localized(2000), localized(4000)

ComponentKey = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]*(:chopped)?$",
        description="an ingredient name, raw (`onion`) or chopped (`onion:chopped`)",
    ),
]


MAX_COMPARE: Final = 10
"""Most measures a level may ask to compare with the level it redesigns."""

METRIC_PATTERN: Final = r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$"


def _metric_name(value: str) -> str:
    # Only the shape is checked: the metrics belong to the debrief, which says when a level
    # asks for one it does not know (content may not depend on the debrief).
    if not re.fullmatch(METRIC_PATTERN, value):
        shown = value if len(value) <= 40 else value[:37] + "..."
        raise ValueError(
            _(
                "{shown!r} is not a measure's name: write it as the debrief "
                "names it, e.g. coordination.silo_index (lower-case words joined "
                "by dots)"
            ).format(shown=shown)
        )
    return value


MetricName = Annotated[
    str,
    Field(
        max_length=80,
        description="a metric's name as the debrief reports it, such as `coordination.silo_index`",
        json_schema_extra={"pattern": METRIC_PATTERN},
    ),
    AfterValidator(_metric_name),
    Words(N_("a measure's name")),
]


class Strict(BaseModel):
    """Base for every block of a level file: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


TileKind = Literal[
    "floor",
    "wall",
    "counter",
    "crate",
    "stove",
    "board",
    "plates",
    "serve",
    "bin",
    "sink",
    "dirty_return",
    "start",
]
assert set(TileKind.__args__) == set(TILE_KINDS)  # type: ignore[attr-defined]


class TileDef(Strict):
    """What one map character stands for."""

    kind: TileKind = Field(description="the kind of cell")
    ingredient: Name | None = Field(None, description="for a crate: the ingredient it gives")
    player: int | None = Field(None, ge=1, le=4, description="for a start: the chef's number")

    @model_validator(mode="after")
    def _fields_fit_kind(self) -> TileDef:
        if self.kind == "crate" and self.ingredient is None:
            raise ValueError(_("a crate needs an 'ingredient'"))
        if self.kind != "crate" and self.ingredient is not None:
            raise ValueError(_("only a crate has an 'ingredient'"))
        if self.kind == "start" and self.player is None:
            raise ValueError(_("a start needs a 'player' (1-4)"))
        if self.kind != "start" and self.player is not None:
            raise ValueError(_("only a start has a 'player'"))
        return self


def _tile_tag(value: Any) -> str:
    return "kind" if isinstance(value, str) else "tile"


def _single_character(char: str) -> str:
    if len(char) != 1 or char in "\n\t\r":
        raise ValueError(_("legend keys are single map characters, got {char!r}").format(char=char))
    return char


LegendChar = Annotated[str, AfterValidator(_single_character)]
"""A legend key, checked on its own so the problem points at that key."""


def _kind_alone(kind: str) -> str:
    if kind == "crate":
        raise ValueError(_("a crate needs an ingredient: write {kind: crate, ingredient: onion}"))
    if kind == "start":
        raise ValueError(_("a start needs a chef number: write {kind: start, player: 1}"))
    return kind


LegendEntry = Annotated[
    Annotated[TileKind, AfterValidator(_kind_alone), Words(N_("a kind of cell")), Tag("kind")]
    | Annotated[TileDef, Words("{kind: ..., ...}"), Tag("tile")],
    Discriminator(_tile_tag),
]


class IngredientDef(Strict):
    """An ingredient a level adds (the built-ins need no definition)."""

    title: str | None = Field(None, max_length=40, description="shown to players")
    choppable: bool = Field(True, description="can be chopped on a board")


class RecipeDef(Strict):
    """A recipe written out in the level, or a built-in with some fields changed."""

    name: Name = Field(description="the recipe's id, used by orders")
    title: str | None = Field(None, max_length=40, description="shown on tickets")
    cook: list[ComponentKey] | None = Field(
        None, max_length=6, description="what goes into a pot to make a soup"
    )
    cook_seconds: PositiveSeconds | None = Field(None, description="how long the pot cooks")
    plate: list[ComponentKey] | None = Field(
        None, max_length=6, description="what else goes on the plate"
    )
    value: int | None = Field(None, ge=0, le=1000, description="points for serving it")


def _recipe_tag(value: Any) -> str:
    return "name" if isinstance(value, str) else "recipe"


RecipeEntry = Annotated[
    Annotated[Name, Words(N_("a built-in recipe's name")), Tag("name")]
    | Annotated[
        RecipeDef,
        Words(N_("a recipe written out ({name: ..., cook: [...], plate: [...]})")),
        Tag("recipe"),
    ],
    Discriminator(_recipe_tag),
]


class ScheduledOrderDef(Strict):
    """One order arriving at a set time."""

    at: Seconds = Field(description="seconds after the start")
    recipe: Name
    patience: PositiveSeconds | None = Field(None, description="defaults to orders.patience")


class GeneratorDef(Strict):
    """Seeded random orders."""

    start: Seconds = Field(0, description="seconds before the first random order")
    every: tuple[PositiveSeconds, PositiveSeconds] = Field(
        (18, 28), description="[shortest, longest] seconds between orders"
    )
    max_active: int = Field(4, ge=1, le=12, description="no new order while this many are open")
    weights: dict[Name, Annotated[int, Field(ge=0, le=100)]] | None = Field(
        None, description="relative chance of each recipe; default equal"
    )

    @field_validator("every")
    @classmethod
    def _ordered_gap(cls, value: tuple[float, float]) -> tuple[float, float]:
        if value[0] > value[1]:
            raise ValueError(_("'every' is [shortest, longest]: the first must not be larger"))
        return value


class OrdersDef(Strict):
    """Where orders come from. With neither a schedule nor a generator, a default
    generator over all the level's recipes is used."""

    patience: PositiveSeconds = Field(60, description="seconds a ticket waits before expiring")
    schedule: list[ScheduledOrderDef] = Field(default_factory=list, max_length=500)
    generator: GeneratorDef | None = None


class ScoringDef(Strict):
    """Points and stars."""

    tip_max: int = Field(8, ge=0, le=1000, description="tip for an instant serve, falling to 0")
    expired_penalty: int = Field(10, ge=0, le=1000)
    wrong_dish_penalty: int = Field(5, ge=0, le=1000)
    safety_penalty: int = Field(40, ge=0, le=1000, description="serving an excluded ingredient")
    stars: tuple[int, int, int] = Field(
        (20, 60, 100), description="scores for 1, 2 and 3 stars, rising"
    )

    @field_validator("stars")
    @classmethod
    def _rising(cls, value: tuple[int, int, int]) -> tuple[int, int, int]:
        if not 0 < value[0] < value[1] < value[2]:
            raise ValueError(_("stars must be three rising scores above zero, e.g. [20, 60, 100]"))
        return value


class KitchenDef(Strict):
    """How the kitchen's equipment behaves."""

    chop_seconds: PositiveSeconds = 2.0
    wash_seconds: PositiveSeconds = 2.0
    burn_seconds: PositiveSeconds | None = Field(
        10.0, description="seconds cooked food waits before burning; null: never burns"
    )
    burn_warning_seconds: Seconds = Field(4.0, description="warning before food burns")
    chef_speed: Annotated[float, Field(ge=1, le=10)] = Field(4.0, description="cells per second")
    dishwashing: bool = Field(False, description="plates come back dirty and need washing")
    plates: int = Field(4, ge=1, le=20, description="with dishwashing: plates in the kitchen")
    dirty_plate_seconds: Seconds = Field(8.0, description="with dishwashing: until a plate returns")


class RoundDef(Strict):
    """The round's length."""

    seconds: Annotated[float, Field(ge=10, le=3600)] = 180


class PlayersDef(Strict):
    """How many chefs the level is for."""

    min: int = Field(1, ge=1, le=4)
    max: int | None = Field(None, ge=1, le=4, description="default: the number of starts")


class ZonesDef(Strict):
    """Areas of the map (used by roles and the silo metrics)."""

    map: str = Field(description="same size as the level map; a letter per cell, '.' for none")
    names: dict[str, Name] = Field(description="letter -> zone name")


class RoleDef(Strict):
    """What a chef in this role may do."""

    players: list[Annotated[int, Field(ge=1, le=4)]] = Field(default_factory=list)
    zones: list[Name] | None = Field(None, description="zones the role may stand in; null: any")
    sees_tickets: bool = True
    may_serve: bool = True


class LevelDef(Strict):
    """A whole level file."""

    version: Literal[1] = Field(SCHEMA_VERSION, description="level format version")
    name: Name = Field(description="the level's id")
    title: LevelTitle | None = Field(None)
    description: LevelDescription = Field(default_factory=LocalText.empty)
    facilitator_notes: LevelNotes = Field(default_factory=LocalText.empty)
    map: str = Field(max_length=4000, description="the kitchen, one character per cell")
    legend: dict[LegendChar, LegendEntry] = Field(default_factory=dict)
    ingredients: dict[Name, IngredientDef] = Field(default_factory=dict)
    recipes: list[RecipeEntry] = Field(min_length=1, max_length=20)
    round: RoundDef = Field(default_factory=RoundDef)
    orders: OrdersDef = Field(default_factory=OrdersDef)
    scoring: ScoringDef = Field(default_factory=ScoringDef)
    kitchen: KitchenDef = Field(default_factory=KitchenDef)
    players: PlayersDef = Field(default_factory=PlayersDef)
    zones: ZonesDef | None = None
    roles: dict[Name, RoleDef] = Field(default_factory=dict)
    disruptions: list[DisruptionDef] = Field(default_factory=list, max_length=100)
    redesign_of: Name | None = Field(
        None,
        description="the name of the level this one redesigns (the debrief compares a round "
        "of this level with one of that level); any level name, shipped or not",
    )
    compare: list[MetricName] = Field(
        default_factory=list,
        max_length=MAX_COMPARE,
        description="the measures to compare with the level named in `redesign_of`",
    )
    tutorial: TutorialDef | None = Field(
        None, description="prompts that teach the controls step by step (see docs/levels.md)"
    )
    redesign: RedesignDef | None = Field(
        None,
        description="what a team may change when it redesigns this kitchen between rounds "
        "(budget and kinds of change; see docs/levels.md)",
    )

    @field_validator("redesign_of")
    @classmethod
    def _not_itself(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and value == info.data.get("name"):
            raise ValueError(
                _("names this level itself ({value!r}): give the level it redesigns").format(
                    value=value
                )
            )
        return value

    @field_validator("tutorial")
    @classmethod
    def _tutorial_items(cls, value: TutorialDef | None, info: ValidationInfo) -> TutorialDef | None:
        if value is None or "recipes" not in info.data:
            return value  # without valid recipes, item names cannot be checked
        ingredients = set(BUILTIN_INGREDIENTS) | set(info.data.get("ingredients") or {})
        recipes = {r if isinstance(r, str) else r.name for r in info.data.get("recipes") or ()}
        problems = check_tutorial_items(value, ingredients, recipes, CALLOUT_KINDS)
        if problems:
            raise ValueError("; ".join(problems))
        return value

    @field_validator("compare")
    @classmethod
    def _comparable(cls, value: list[str], info: ValidationInfo) -> list[str]:
        if value and info.data.get("redesign_of") is None and "redesign_of" not in info.data:
            return value  # redesign_of itself is wrong and says so
        if value and info.data.get("redesign_of") is None:
            raise ValueError(_("needs redesign_of: the level whose rounds to compare with"))
        twice = sorted({m for m in value if value.count(m) > 1})
        if twice:
            raise ValueError(f"lists {', '.join(twice)} twice")
        return value


def level_json_schema() -> dict[str, Any]:
    """The JSON Schema of level files, for editors (VS Code's YAML extension and others)."""
    schema = LevelDef.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://systems-kitchen.invalid/schema/level-v1.json",
        **schema,
        "title": "Systems Kitchen level",
    }
