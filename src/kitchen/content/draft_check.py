"""The problems of a level being edited, and which map cell or field each one is about."""

from __future__ import annotations

from dataclasses import dataclass, field

from kitchen.content.loader import Level
from kitchen.content.problems import Problem


@dataclass
class Check:
    """The problems of the level as it is now, and what each one is about."""

    problems: list[Problem] = field(default_factory=list)
    cells: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    """Map cell ``(x, y)`` -> the messages about it."""
    zone_cells: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    fields: dict[str, list[str]] = field(default_factory=dict)
    """Key path (``round.seconds``, ``disruptions[0]``) -> the messages about it."""
    level: Level | None = None
    """The loaded level when it has no problems (what "Try it" plays)."""

    @property
    def ok(self) -> bool:
        """Whether the level is valid."""
        return not self.problems

    def about(self, prefix: str) -> list[str]:
        """Messages about the key path ``prefix`` or anything inside it."""
        out: list[str] = []
        for path, messages in self.fields.items():
            if path == prefix or path.startswith((prefix + ".", prefix + "[")):
                out.extend(messages)
        return out
