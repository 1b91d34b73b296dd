"""A level's ``tutorial:`` block: prompts that teach the controls one step at a time.

Each step says what to do and names a *goal*, something the round's events show a chef
did (picked an onion up, put it in a pot, served a soup). The play screen shows the first
step not yet done; :mod:`kitchen.content.tutorial_progress` works that out from the events.
``docs/levels.md`` (section "Tutorial prompts") describes the block for designers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Final, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from kitchen.content.fields import PositiveSeconds, Words
from kitchen.content.localized import localized
from kitchen.i18n import N_, LocalText

TutorialGoal = Literal[
    "pick_up",
    "put_down",
    "add_to_pot",
    "cook_started",
    "cooked",
    "chop",
    "wash",
    "plate_up",
    "serve",
    "bin",
    "call_out",
]
"""What a step waits for (see :data:`GOAL_MEANINGS`)."""

GOAL_MEANINGS: Final[dict[str, str]] = {
    "pick_up": "a chef takes an item from a crate, the plate stack or a station",
    "put_down": "a chef puts an item down on a counter, board or other station",
    "add_to_pot": "a chef puts an ingredient into a pot",
    "cook_started": "a pot holds a whole soup and starts cooking",
    "cooked": "a pot's soup is ready",
    "chop": "a chef finishes chopping an ingredient",
    "wash": "a chef finishes washing a plate",
    "plate_up": "a chef puts something onto a plate (a soup from a pot, a chopped ingredient)",
    "serve": "a chef serves a dish that a ticket wanted",
    "bin": "a chef throws something away",
    "call_out": "a chef makes a call-out",
}
"""Each goal in words, for the level reference and messages."""

TutorialKey = Literal["interact", "use", "callout", "move", "none"]
"""The control a step teaches; each chef's own key for it is shown with the prompt."""

GOAL_KEYS: Final[dict[str, TutorialKey]] = {
    "pick_up": "interact",
    "put_down": "interact",
    "add_to_pot": "interact",
    "cook_started": "interact",
    "cooked": "none",
    "chop": "use",
    "wash": "use",
    "plate_up": "interact",
    "serve": "interact",
    "bin": "interact",
    "call_out": "callout",
}
"""The control shown when a step does not name one."""

NO_CHEF_GOALS: Final = frozenset({"cooked"})
"""Goals no chef does (the pot does them), so they cannot be asked of each chef."""

StationKind = Literal[
    "counter", "crate", "stove", "board", "plates", "serve", "bin", "sink", "dirty_return"
]

MAX_STEPS: Final = 20
MAX_SAY: Final = 90
"""Longest prompt: it is shown in large type beside the kitchen."""


def _one_line(value: str) -> str:
    text = value.strip()
    if not text:
        raise ValueError("is empty: write what the chefs should do")
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise ValueError("must be one line of text, without line breaks or tabs")
    return text


PromptText = Annotated[
    str, Field(max_length=MAX_SAY), AfterValidator(_one_line), Words(N_("one line of text"))
]

if TYPE_CHECKING:
    from typing import TypeAlias

    from kitchen.i18n import LocalText

    LocalPrompt: TypeAlias = LocalText
    LocalFinish: TypeAlias = LocalText
else:  # one line, or {en: ..., fr: ...} of them (kitchen.content.localized)
    LocalPrompt = localized(MAX_SAY, AfterValidator(_one_line), Words(N_("one line of text")))
    LocalFinish = localized(MAX_SAY)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TutorialStepDef(_Strict):
    """One step: what the prompt says and the goal that completes it."""

    say: LocalPrompt = Field(description="the prompt, e.g. 'Pick up an onion from the crate'")
    goal: TutorialGoal = Field(description="what completes the step")
    item: str | None = Field(
        None,
        max_length=40,
        pattern=r"^[a-z][a-z0-9_]*(:chopped)?$",
        description="only this item counts: an ingredient, plate or soup; for serve a "
        "recipe; for call_out a kind of call",
    )
    who: Literal["each", "anyone"] = Field(
        "anyone", description="each: every person's chef must do it; anyone: one is enough"
    )
    key: TutorialKey | list[TutorialKey] | None = Field(
        None,
        description="the control shown with the prompt, or several in order (default: the goal's)",
    )
    at: list[StationKind] | None = Field(
        None,
        max_length=9,
        description="the stations the step is about, outlined on screen (default: the goal's)",
    )
    give_up_after: PositiveSeconds | None = Field(
        None, description="move on after this many seconds on screen even if not done"
    )

    @model_validator(mode="after")
    def _chef_goal(self) -> TutorialStepDef:
        if self.who == "each" and self.goal in NO_CHEF_GOALS:
            raise ValueError(
                f"who: each cannot be asked of '{self.goal}' ({GOAL_MEANINGS[self.goal]}, "
                "not a chef): write who: anyone"
            )
        return self

    @property
    def controls(self) -> tuple[TutorialKey, ...]:
        """The controls shown with the prompt, in order (none: no key is shown)."""
        if self.key is None:
            keys: tuple[TutorialKey, ...] = (GOAL_KEYS[self.goal],)
        elif isinstance(self.key, str):
            keys = (self.key,)
        else:
            keys = tuple(self.key)
        return tuple(k for k in keys if k != "none")


class TutorialDef(_Strict):
    """A level's tutorial: steps shown one at a time, then a closing message."""

    steps: list[TutorialStepDef] = Field(min_length=1, max_length=MAX_STEPS)
    finish: LocalFinish = Field(
        default_factory=LocalText.empty,
        description="shown once every step is done (empty: nothing)",
    )
    finish_seconds: PositiveSeconds = Field(8.0, description="how long the closing message stays")


def check_tutorial_items(
    tutorial: TutorialDef, ingredients: set[str], recipes: set[str], calls: tuple[str, ...]
) -> list[str]:
    """Problems with the steps' ``item`` names, given the level's ingredients and recipes
    and the kinds of call-out; each message names its step."""
    problems = []
    things = ingredients | {"plate", "soup", "burnt"}
    for number, step in enumerate(tutorial.steps, 1):
        item = step.item
        if item is None:
            continue
        base = item.split(":")[0]
        if step.goal == "serve":
            if item not in recipes:
                known = ", ".join(sorted(recipes))
                problems.append(f"step {number}: serve names a recipe ({known}), not {item!r}")
        elif step.goal == "call_out":
            if item not in calls and item not in things:
                problems.append(
                    f"step {number}: call_out names a kind of call ({', '.join(calls)}) "
                    f"or an item, not {item!r}"
                )
        elif base not in things:
            known = ", ".join(sorted(things))
            problems.append(f"step {number}: {item!r} is not an item of this level ({known})")
    return problems
