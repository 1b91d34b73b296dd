"""Player settings: fullscreen, volume, palette, key bindings and assist options.

Settings live in ``settings.json`` in the user's config folder (platformdirs), or in the
folder named by the ``SYSTEMS_KITCHEN_CONFIG`` environment variable. They are checked on
load with a pydantic v2 model. A file that cannot be read or fails the check is never
lost silently: it is copied to ``settings.broken-<time>.json`` next to it, the game starts
with the defaults, and :attr:`SettingsStore.message` says what happened so a screen can
show it.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from typing import Annotated, Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from kitchen.ui.input.bindings import ACTIONS, DEFAULT_LAYOUTS, RESERVED_KEYS, key_code

APP_NAME = "systems-kitchen"
DEFAULT_TAGS = (
    "good closed loop",
    "silo",
    "leadership moment",
    "missed hand-over",
    "conflict",
    "helping out",
    "speaking up",
)
SETTINGS_FILE = "settings.json"
ENV_CONFIG_DIR = "SYSTEMS_KITCHEN_CONFIG"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


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

    @field_validator(*ACTIONS)
    @classmethod
    def _known_key(cls, value: str) -> str:
        code = key_code(value)
        if code is None:
            raise ValueError(f"unknown key name {value!r}")
        if code in RESERVED_KEYS:
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


def _default_layouts() -> list[KeyLayoutSettings]:
    return [KeyLayoutSettings(**layout) for layout in DEFAULT_LAYOUTS]


class Settings(_Strict):
    """Everything the player can change, with defaults."""

    version: Literal[1] = 1
    fullscreen: bool = True
    window_width: int = Field(1280, ge=640, le=7680)
    window_height: int = Field(720, ge=360, le=4320)
    volume: float = Field(0.8, ge=0.0, le=1.0)
    music_volume: float = Field(0.5, ge=0.0, le=1.0)
    muted: bool = False
    palette: Literal["warm", "okabe_ito"] = "warm"
    layouts: list[KeyLayoutSettings] = Field(default_factory=_default_layouts)
    assist: AssistSettings = Field(default_factory=AssistSettings)
    tags: list[Annotated[str, Field(min_length=1, max_length=40)]] = Field(
        default_factory=lambda: list(DEFAULT_TAGS), min_length=1, max_length=12
    )
    """The observations a facilitator can tag during play."""

    @model_validator(mode="after")
    def _four_distinct_layouts(self) -> Settings:
        if len(self.layouts) != 4:
            raise ValueError(f"there must be exactly 4 key layouts, found {len(self.layouts)}")
        seen: dict[int, str] = {}
        for i, layout in enumerate(self.layouts):
            for action in ACTIONS:
                name = getattr(layout, action)
                code = key_code(name)
                where = f"layout {i + 1} {action}"
                if code in seen:
                    raise ValueError(f"key {name!r} is bound twice ({seen[code]} and {where})")
                seen[code] = where  # type: ignore[index]
        return self


def default_config_dir() -> Path:
    """The folder holding the settings file."""
    override = os.environ.get(ENV_CONFIG_DIR)
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def _describe(err: ValidationError) -> str:
    first = err.errors()[0]
    where = ".".join(str(p) for p in first.get("loc", ())) or "file"
    more = len(err.errors()) - 1
    extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"{where}: {first.get('msg', 'invalid')}{extra}"


class SettingsStore:
    """Loads and saves :class:`Settings` in one file.

    Args:
        path: the settings file (default: ``settings.json`` in :func:`default_config_dir`).

    Attributes:
        settings: the settings in force.
        message: a problem to show the user (the file was broken or could not be saved).
        backup: where a broken file was copied to, if it was.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else default_config_dir() / SETTINGS_FILE
        self.settings = Settings()
        self.message: str | None = None
        self.backup: Path | None = None

    def load(self) -> Settings:
        """Read the file; fall back to defaults (keeping a backup) if it is broken."""
        self.message, self.backup = None, None
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            self.settings = Settings()
            return self.settings
        except (OSError, UnicodeDecodeError) as err:
            self._fall_back(f"could not be read ({err.__class__.__name__})")
            return self.settings
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as err:
            self._fall_back(f"is not valid JSON (line {err.lineno}: {err.msg})")
            return self.settings
        try:
            self.settings = Settings.model_validate(data)
        except ValidationError as err:
            self._fall_back(f"has a problem: {_describe(err)}")
        return self.settings

    def _fall_back(self, reason: str) -> None:
        self.settings = Settings()
        stamp = time.strftime("%Y%m%d-%H%M%S")
        backup = self.path.with_name(f"settings.broken-{stamp}.json")
        n = 1
        while backup.exists():
            backup = self.path.with_name(f"settings.broken-{stamp}-{n}.json")
            n += 1
        try:
            shutil.copy2(self.path, backup)
            self.backup = backup
            kept = f"A copy was kept as {backup.name}."
        except OSError:
            kept = "It could not be copied, so it was left untouched."
        self.message = f"Your settings file {reason}. Default settings are in use. {kept}"

    def save(self) -> bool:
        """Write the settings; on failure keep going and set :attr:`message`."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(self.settings.model_dump_json(indent=2), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as err:
            self.message = f"Settings could not be saved: {err}"
            return False
        return True

    def update(self, **changes: object) -> None:
        """Change some top-level settings (validated) and save."""
        data = self.settings.model_dump()
        for key, value in changes.items():
            data[key] = value.model_dump() if isinstance(value, BaseModel) else value
        self.settings = Settings.model_validate(data)
        self.save()
