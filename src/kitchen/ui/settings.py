"""Player settings: fullscreen, volume, palette, key bindings and assist options.

Settings live in ``settings.json`` in the user's config folder (platformdirs), or in the
folder named by the ``SYSTEMS_KITCHEN_CONFIG`` environment variable. They are checked on
load with a pydantic v2 model. A file that cannot be read or fails the check (any shape:
a list, wrong types, deep nesting, a folder, a named pipe, NUL bytes, a huge file) is never
lost: it is set aside, renamed to ``settings.broken-<time>.json`` next to it (never over an
earlier backup), the game starts with the defaults, and :attr:`SettingsStore.message` says
what happened so a screen can show it.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Annotated, Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from kitchen.content.problems import SourceError
from kitchen.content.reading import (
    check_control_characters,
    describe_character,
    parse_json,
    read_text,
)
from kitchen.session.store import write_atomically
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
MAX_SETTINGS_BYTES = 256 * 1024
"""Largest settings file read; a real one is about 2 KB."""


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

    @field_validator("tags")
    @classmethod
    def _printable_tags(cls, value: list[str]) -> list[str]:
        return [_printable(tag) for tag in value]

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


def _json_kind(data: object) -> str:
    if isinstance(data, list):
        return "a list"
    if isinstance(data, str):
        return "a string"
    if isinstance(data, bool):
        return "true or false"
    if data is None:
        return "null"
    return "a number"


def _set_aside(path: Path, stamp: str) -> Path:
    """Rename ``path`` to a new ``settings.broken-<stamp>[-n].json`` beside it and return it.

    A hard link claims the new name only if nothing has it (then the old name is removed),
    so an earlier backup is never replaced; a folder cannot be linked and is renamed after
    checking its new name is free.

    Raises:
        OSError: the file could not be moved.
    """
    for n in range(1000):
        backup = path.with_name(f"settings.broken-{stamp}{f'-{n}' if n else ''}.json")
        if os.path.lexists(backup):
            continue
        if path.is_dir() and not path.is_symlink():
            os.rename(path, backup)
            return backup
        try:
            os.link(path, backup, follow_symlinks=False)
        except FileExistsError:
            continue
        except OSError:
            if os.path.lexists(backup):
                continue
            os.rename(path, backup)  # a file system without hard links
            return backup
        os.unlink(path)
        return backup
    raise OSError(0, "too many backups already")


def _describe(err: ValidationError) -> str:
    first = err.errors()[0]
    where = ".".join(str(p) for p in first.get("loc", ())) or "file"
    more = len(err.errors()) - 1
    extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    message = str(first.get("msg", "invalid")).removeprefix("Value error, ")
    return f"{where}: {message}{extra}"


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
        self._kept_in_place = False

    def load(self) -> Settings:
        """Read the file; if it is broken in any way, set it aside and use the defaults."""
        self.message, self.backup, self._kept_in_place = None, None, False
        self.settings = Settings()
        if not os.path.lexists(self.path):
            return self.settings
        try:
            text = read_text(self.path, limit=MAX_SETTINGS_BYTES, name=self.path.name)
            check_control_characters(text, self.path.name)
            data = parse_json(text, self.path.name)
        except SourceError as err:
            problem = err.problems[0]
            if problem.message.startswith("not JSON"):
                self._fall_back(f"is not valid JSON ({problem})")
            else:
                self._fall_back(f"cannot be used ({problem})")
            return self.settings
        if not isinstance(data, dict):
            self._fall_back(f"holds {_json_kind(data)}, not the settings object {{...}}")
            return self.settings
        try:
            self.settings = Settings.model_validate(data)
        except ValidationError as err:
            self._fall_back(f"has a problem: {_describe(err)}")
        except (ValueError, TypeError, RecursionError) as err:  # a check tripped on odd data
            self._fall_back(f"has a problem: {err.__class__.__name__}")
        return self.settings

    def _fall_back(self, reason: str) -> None:
        """Use the defaults and move the broken file aside, never over an earlier backup."""
        self.settings = Settings()
        stamp = time.strftime("%Y%m%d-%H%M%S")
        try:
            backup = _set_aside(self.path, stamp)
        except OSError as err:
            self._kept_in_place = True  # so that saving never replaces it
            kept = (
                f"It could not be moved aside ({err.strerror or err}), so it was left untouched "
                "and changes to the settings will not be saved."
            )
        else:
            self.backup = backup
            kept = f"It was moved aside as {backup.name}."
        self.message = f"Your settings file {reason}. Default settings are in use. {kept}"

    def save(self) -> bool:
        """Write the settings atomically; on failure keep going and set :attr:`message`.

        A broken settings file that could not be set aside is never written over.
        """
        if self._kept_in_place and os.path.lexists(self.path):
            return False
        try:
            write_atomically(self.path, self.settings.model_dump_json(indent=2))
        except OSError as err:
            self.message = f"Settings could not be saved: {err.strerror or err}"
            return False
        return True

    def update(self, **changes: object) -> None:
        """Change some top-level settings (validated) and save."""
        data = self.settings.model_dump()
        for key, value in changes.items():
            data[key] = value.model_dump() if isinstance(value, BaseModel) else value
        self.settings = Settings.model_validate(data)
        self.save()
