"""The player's settings file, ``settings.json``: fullscreen, volume, palette, key bindings,
assist options and the last team name, checked with a strict pydantic v2 model.

Key names are SDL's (``"W"``, ``"Right Shift"``, ``"Keypad 8"``), which only the front end
knows: it passes its key table (a :class:`KeyNames`) in the validation context under
:data:`KEYS`, and :class:`~kitchen.content.settings_store.SettingsStore` always does. Without
one only the shape is checked (``Settings()``, comparing two settings); key names, reserved
keys and keys bound twice are then not.
"""

from __future__ import annotations

from typing import Annotated, Literal, Protocol

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from kitchen.content.problems import SourceError
from kitchen.content.reading import check_control_characters, describe_character

ACTIONS = ("up", "down", "left", "right", "interact", "use", "callout")
"""Every bindable action, in the order the settings screen shows them."""

DEFAULT_LAYOUTS: tuple[dict[str, str], ...] = (
    {
        "name": "WASD",
        "up": "W",
        "down": "S",
        "left": "A",
        "right": "D",
        "interact": "E",
        "use": "Q",
        "callout": "R",
    },
    {
        "name": "Arrows",
        "up": "Up",
        "down": "Down",
        "left": "Left",
        "right": "Right",
        "interact": "Right Shift",
        "use": "Right Ctrl",
        "callout": "/",
    },
    {
        "name": "IJKL",
        "up": "I",
        "down": "K",
        "left": "J",
        "right": "L",
        "interact": "O",
        "use": "U",
        "callout": "P",
    },
    {
        "name": "Numpad",
        "up": "Keypad 8",
        "down": "Keypad 5",
        "left": "Keypad 4",
        "right": "Keypad 6",
        "interact": "Keypad 9",
        "use": "Keypad 7",
        "callout": "Keypad +",
    },
)
"""The four default layouts: WASD, arrows, IJKL and the numeric keypad."""

AZERTY_LAYOUTS: tuple[dict[str, str], ...] = (
    {
        "name": "ZQSD",
        "up": "Z",
        "down": "S",
        "left": "Q",
        "right": "D",
        "interact": "E",
        "use": "A",
        "callout": "R",
    },
    {**DEFAULT_LAYOUTS[1], "callout": "!"},
    DEFAULT_LAYOUTS[2],
    DEFAULT_LAYOUTS[3],
)
"""The layouts for a French (AZERTY) keyboard, where keys are found by the letter printed on
them: ZQSD in the places of WASD (with A for use), and ``!`` (no Shift needed) for the arrows
player's call-out in place of ``/``; IJKL and the keypad sit where they do on QWERTY."""

DEFAULT_TAGS = (
    "good closed loop",
    "silo",
    "leadership moment",
    "missed hand-over",
    "conflict",
    "helping out",
    "speaking up",
)
"""The observations a facilitator can tag during play, until the settings say otherwise."""

KEYS = "keys"
"""The validation-context entry holding the front end's :class:`KeyNames`."""


class KeyNames(Protocol):
    """The keyboard's key names, as the front end knows them."""

    @property
    def reserved(self) -> frozenset[int]:
        """Key codes players may not bind (they belong to menus and the facilitator)."""
        ...

    def code(self, name: str) -> int | None:
        """The key code for a key name, or ``None`` if there is no such key."""
        ...


def _key_names(info: ValidationInfo) -> KeyNames | None:
    context = info.context
    if isinstance(context, dict):
        keys = context.get(KEYS)
        if keys is not None:
            return keys  # type: ignore[no-any-return]
    return None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)


def _printable(value: str) -> str:
    """Refuse a name or tag holding a control character or a line break (it is drawn on
    screen in one line)."""
    for char in value:
        try:
            if char in "\t\n\r":
                raise SourceError()
            check_control_characters(char, "text")
        except SourceError:
            raise ValueError(f"holds {describe_character(char)}, which cannot be shown") from None
    return value


class KeyLayoutSettings(_Strict):
    """One keyboard layout: an SDL key name for each action."""

    name: str = Field(min_length=1, max_length=20)
    up: str
    down: str
    left: str
    right: str
    interact: str
    use: str
    callout: str

    @field_validator("name")
    @classmethod
    def _printable_name(cls, value: str) -> str:
        return _printable(value)

    @field_validator(*ACTIONS)
    @classmethod
    def _known_key(cls, value: str, info: ValidationInfo) -> str:
        keys = _key_names(info)
        if keys is None:
            return value
        code = keys.code(value)
        if code is None:
            raise ValueError(f"unknown key name {value!r}")
        if code in keys.reserved:
            raise ValueError(f"{value!r} is reserved for the facilitator and menus")
        return value

    def as_names(self) -> dict[str, str]:
        """Action -> key name, plus the layout ``name``."""
        return self.model_dump()


class AssistSettings(_Strict):
    """Assist options for mixed-ability groups (applied when a round is built)."""

    slower_orders: bool = False
    longer_rounds: bool = False
    no_burning: bool = False


class MicrophoneSettings(_Strict):
    """One microphone for talk recording: the input device (``""``: the default one) and the
    zone or role it is given to (``""``: the whole kitchen)."""

    device: str = Field(default="", max_length=120)
    label: str = Field(default="", max_length=30)

    @field_validator("device", "label")
    @classmethod
    def _printable_text(cls, value: str) -> str:
        return _printable(value)


class TalkSettings(_Strict):
    """The microphones talk recording uses (one or two). Whether talk is recorded at all is
    chosen per session on the join screen or in settings, never remembered: it is off each
    time the game starts."""

    microphones: list[MicrophoneSettings] = Field(
        default_factory=lambda: [MicrophoneSettings()], min_length=1, max_length=2
    )


def _default_layouts() -> list[KeyLayoutSettings]:
    return [KeyLayoutSettings(**layout) for layout in DEFAULT_LAYOUTS]


class Settings(_Strict):
    """Everything the player can change, with defaults."""

    version: Literal[1] = 1
    fullscreen: bool = True
    window_width: int = Field(default=1280, ge=640, le=7680)
    window_height: int = Field(default=720, ge=360, le=4320)
    volume: float = Field(default=0.8, ge=0.0, le=1.0)
    music_volume: float = Field(default=0.5, ge=0.0, le=1.0)
    muted: bool = False
    palette: Literal["warm", "okabe_ito", "projector"] = "warm"
    layouts: list[KeyLayoutSettings] = Field(default_factory=_default_layouts)
    assist: AssistSettings = Field(default_factory=AssistSettings)
    tags: list[Annotated[str, Field(min_length=1, max_length=40)]] = Field(
        default_factory=lambda: list(DEFAULT_TAGS), min_length=1, max_length=12
    )
    """The observations a facilitator can tag during play."""
    team_name: str = Field(default="Team", min_length=1, max_length=40)
    """The team the rounds are filed under, remembered from the last time it was typed."""
    talk: TalkSettings = Field(default_factory=TalkSettings)
    """The microphones for talk recording (docs/talk.md)."""
    team_only_by_default: bool = False
    """Whether the results and debrief screens open in the team-only view (no number per
    person; P switches it on a screen)."""
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}$")] | None = None
    """The language the game, the debrief and the reports are shown in (``en``, ``fr``);
    ``None``: the system's locale (kitchen.i18n.system_language). A language without a
    catalogue is shown in English."""

    @field_validator("tags")
    @classmethod
    def _printable_tags(cls, value: list[str]) -> list[str]:
        return [_printable(tag) for tag in value]

    @field_validator("team_name")
    @classmethod
    def _printable_team(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("is blank: a team needs a name")
        return _printable(value)

    @model_validator(mode="after")
    def _four_distinct_layouts(self, info: ValidationInfo) -> Settings:
        if len(self.layouts) != 4:
            raise ValueError(f"there must be exactly 4 key layouts, found {len(self.layouts)}")
        keys = _key_names(info)
        if keys is None:
            return self
        seen: dict[int | None, str] = {}
        for i, layout in enumerate(self.layouts):
            for action in ACTIONS:
                name = getattr(layout, action)
                code = keys.code(name)
                where = f"layout {i + 1} {action}"
                if code in seen:
                    raise ValueError(f"key {name!r} is bound twice ({seen[code]} and {where})")
                seen[code] = where
        return self
