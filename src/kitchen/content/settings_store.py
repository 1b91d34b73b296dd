"""Loading and saving the player's settings file.

Settings live in ``settings.json`` in the config folder (:func:`kitchen.paths.config_dir`:
the user's config folder, or ``$KITCHEN_CONFIG_DIR``). They are checked on load with
:class:`~kitchen.content.settings_model.Settings`. A file that cannot be read or fails the
check (any shape: a list, wrong types, deep nesting, a folder, a named pipe, NUL bytes, a
huge file) is never lost: it is set aside, renamed to ``settings.broken-<time>.json`` next
to it (never over an earlier backup), the game starts with the defaults, and
:attr:`SettingsStore.message` says what happened so a screen can show it.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from pydantic import BaseModel, ValidationError

from kitchen.content.error_words import error_words
from kitchen.content.json_words import is_json_problem
from kitchen.content.problems import MAX_MESSAGE, MAX_PATH, SourceError, printable
from kitchen.content.reading import check_control_characters, parse_json, read_text
from kitchen.content.settings_model import KEYS, KeyNames, Settings
from kitchen.i18n import _, ngettext
from kitchen.paths import config_dir, write_atomically

SETTINGS_FILE = "settings.json"
MAX_SETTINGS_BYTES = 256 * 1024
"""Largest settings file read; a real one is about 2 KB."""


def _json_kind(data: object) -> str:
    if isinstance(data, list):
        return _("a list")
    if isinstance(data, str):
        return _("a string")
    if isinstance(data, bool):
        return _("true or false")
    if data is None:
        return "null"
    return _("a number")


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
    where = ".".join(str(p) for p in first.get("loc", ())) or _("file")
    more = len(err.errors()) - 1
    extra = ""
    if more:
        extra = ngettext(" (and {n} more problem)", " (and {n} more problems)", more).format(n=more)
    message = str(first.get("msg", "invalid")).removeprefix("Value error, ")
    if first.get("type") != "value_error":  # a value error is the project's own words
        message = error_words(str(first.get("type")), first.get("ctx"), message)
    # A key or a value quoted from a damaged file may be huge or hold control characters:
    # the message is shown on screen in one line.
    return f"{printable(where, MAX_PATH)}: {printable(message, MAX_MESSAGE)}{extra}"


class SettingsStore:
    """Loads and saves :class:`Settings` in one file.

    Args:
        path: the settings file (default: ``settings.json`` in :func:`kitchen.paths.config_dir`).
        keys: the front end's key names, against which the key bindings are checked.

    Attributes:
        settings: the settings in force.
        message: a problem to show the user (the file was broken or could not be saved).
        backup: where a broken file was copied to, if it was.
    """

    def __init__(self, path: Path | None = None, *, keys: KeyNames) -> None:
        self.path = path if path is not None else config_dir() / SETTINGS_FILE
        self.keys = keys
        self.settings = Settings()
        self.message: str | None = None
        self.backup: Path | None = None
        self._kept_in_place = False

    def _validate(self, data: object) -> Settings:
        return Settings.model_validate(data, context={KEYS: self.keys})

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
            if is_json_problem(problem.message):
                self._fall_back(
                    _("Your settings file is not valid JSON ({problem}).").format(problem=problem)
                )
            else:
                self._fall_back(
                    _("Your settings file cannot be used ({problem}).").format(problem=problem)
                )
            return self.settings
        if not isinstance(data, dict):
            said = _("Your settings file holds {kind}, not the settings object {{...}}.")
            self._fall_back(said.format(kind=_json_kind(data)))
            return self.settings
        try:
            self.settings = self._validate(data)
        except ValidationError as err:
            said = _("Your settings file has a problem: {problem}.")
            self._fall_back(said.format(problem=_describe(err)))
        except (ValueError, TypeError, RecursionError) as err:  # a check tripped on odd data
            said = _("Your settings file has a problem: {problem}.")
            self._fall_back(said.format(problem=err.__class__.__name__))
        return self.settings

    def _fall_back(self, what: str) -> None:
        """Use the defaults and move the broken file aside, never over an earlier backup."""
        self.settings = Settings()
        stamp = time.strftime("%Y%m%d-%H%M%S")
        try:
            backup = _set_aside(self.path, stamp)
        except OSError as err:
            self._kept_in_place = True  # so that saving never replaces it
            kept = _(
                "It could not be moved aside ({reason}), so it was left untouched "
                "and changes to the settings will not be saved."
            ).format(reason=err.strerror or err)
        else:
            self.backup = backup
            kept = _("It was moved aside as {name}.").format(name=backup.name)
        self.message = " ".join((what, _("Default settings are in use."), kept))

    def save(self) -> bool:
        """Write the settings atomically; on failure keep going and set :attr:`message`.

        A broken settings file that could not be set aside is never written over.
        """
        if self._kept_in_place and os.path.lexists(self.path):
            return False
        try:
            write_atomically(self.path, self.settings.model_dump_json(indent=2))
        except OSError as err:
            self.message = _("Settings could not be saved: {reason}").format(
                reason=err.strerror or err
            )
            return False
        return True

    def remember_team(self, name: str) -> bool:
        """Keep ``name`` as the team's name for the next launch (saved at once). A name the
        settings cannot hold (blank, a control character) is not kept: returns False."""
        try:
            self.update(team_name=name.strip()[:40])
        except ValidationError:
            return False
        return True

    def update(self, **changes: object) -> None:
        """Change some top-level settings (validated) and save."""
        data = self.settings.model_dump()
        for key, value in changes.items():
            data[key] = value.model_dump() if isinstance(value, BaseModel) else value
        self.settings = self._validate(data)
        self.save()


def read_language(path: Path | None = None) -> str | None:
    """The ``language`` the settings file asks for, or ``None`` (follow the system) when it
    names none or cannot be read. Only reads: a broken file is left for the game to set
    aside and report."""
    path = path if path is not None else config_dir() / SETTINGS_FILE
    try:
        text = read_text(path, limit=MAX_SETTINGS_BYTES, name=path.name)
        data = parse_json(text, path.name)
    except (SourceError, OSError):
        return None
    language = data.get("language") if isinstance(data, dict) else None
    if not isinstance(language, str):
        return None
    try:
        return Settings(language=language).language
    except ValueError:
        return None
