"""Files people write: level files (and later lesson packs and settings).

Use :func:`load_level` to read a level file into a checked :class:`Level`, or
:func:`check_level_file` to list its problems as ``file:line:col: message``.
"""

from kitchen.content.level_model import SCHEMA_VERSION, LevelDef
from kitchen.content.loader import Level, check_level_file, load_level, load_level_text
from kitchen.content.problems import Problem, SourceError

__all__ = [
    "SCHEMA_VERSION",
    "Level",
    "LevelDef",
    "Problem",
    "SourceError",
    "check_level_file",
    "load_level",
    "load_level_text",
]
