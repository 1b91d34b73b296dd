"""Editing a level draft's map, zones and roles."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from kitchen.content.draft_history import DraftHistory
from kitchen.content.edit_palette import palette
from kitchen.content.kitchen_map import MAX_MAP_HEIGHT, MAX_MAP_WIDTH

NO_ZONE: Final = "."
"""The zone map's character for a cell in no zone."""


class DraftMap(DraftHistory):
    """The map, zone and role edits of a level draft."""

    def rows(self, key: str = "map") -> list[str]:
        """The rows of the map (``key="zones"``: of the zone map), blank lines dropped."""
        text = self._block_text(key)
        lines = text.split("\n")
        while lines and not lines[0].strip():
            lines.pop(0)
        while lines and not lines[-1].strip():
            lines.pop()
        return lines

    def _block_text(self, key: str) -> str:
        if key == "map":
            value = self.data.get("map")
        else:
            zones = self.data.get("zones")
            value = zones.get("map") if isinstance(zones, dict) else None
        return value if isinstance(value, str) else ""

    @property
    def size(self) -> tuple[int, int]:
        """Width and height of the map in cells (the longest row's width)."""
        rows = self.rows()
        return (max((len(r) for r in rows), default=0), len(rows))

    def cell(self, x: int, y: int) -> str:
        """The map character at ``(x, y)`` (``""`` outside a short row)."""
        rows = self.rows()
        return rows[y][x] if 0 <= y < len(rows) and 0 <= x < len(rows[y]) else ""

    def floor_char(self) -> str:
        """The floor character this map uses inside rows (space, unless it uses only '.')."""
        inner = "".join(r[1:-1] for r in self.rows())
        return "." if "." in inner and " " not in inner else " "

    def _set_rows(self, rows: list[str], key: str = "map") -> None:
        old = self._block_text(key)
        text = "\n".join(rows) + ("\n" if old.endswith("\n") or not old else "")
        if key == "map":
            self.data["map"] = text
        else:
            zones = self.data.setdefault("zones", {})
            zones["map"] = text

    def paint(self, cells: Iterable[tuple[int, int]], char: str) -> bool:
        """Put ``char`` in each map cell; a chef's start moves (one start per chef).
        Returns whether anything changed."""
        rows = [list(r) for r in self.rows()]
        width, height = self.size
        targets = [(x, y) for x, y in cells if 0 <= x < width and 0 <= y < height]
        if not targets:
            return False
        tools = {t.char: t for t in palette(self.data)}
        tool = tools.get(char)
        if tool is not None and tool.kind == "start":
            targets = targets[-1:]
            for row in rows:
                for i, c in enumerate(row):
                    if c == char:
                        row[i] = " "
        for row in rows:
            row.extend(" " * (width - len(row)))
        for x, y in targets:
            rows[y][x] = char
        new = [self._edges("".join(r)) for r in rows]
        if new == self.rows():
            return False
        self._edit()
        self._set_rows(new)
        return True

    def _edges(self, row: str) -> str:
        """A row with floor written as the map's floor character inside and '.' at either
        end (editors strip trailing spaces; YAML would need a marker for a leading one)."""
        floor = self.floor_char()
        inner = row.replace(" ", floor) if floor == "." else row
        if inner.startswith(" "):
            inner = "." + inner[1:]
        if inner.endswith(" "):
            inner = inner[:-1] + "."
        return inner

    def resize(self, width: int, height: int) -> bool:
        """Grow or shrink the map (and its zone map) to ``width`` x ``height``, adding
        counters around a new edge and floor inside. Returns whether anything changed."""
        width = max(3, min(MAX_MAP_WIDTH, width))
        height = max(3, min(MAX_MAP_HEIGHT, height))
        old_w, old_h = self.size
        if (width, height) == (old_w, old_h):
            return False
        self._edit()
        # New columns and rows go in before the last ones, so the edge stays as it was.
        rows = [r.ljust(old_w, ".") for r in self.rows()]
        rows = [_fit(r, width, "X" if y in (0, len(rows) - 1) else " ") for y, r in enumerate(rows)]
        inner = "X" + " " * (width - 2) + "X"
        rows = _fit(rows, height, inner)
        self._set_rows([self._edges(r) for r in rows])
        if self.zone_names() or self.rows("zones"):
            zones = [_fit(r.ljust(old_w, NO_ZONE), width, NO_ZONE) for r in self.rows("zones")]
            zones = [r[:width] for r in zones] + [NO_ZONE * width] * (old_h - len(zones))
            self._set_rows(_fit(zones, height, NO_ZONE * width), "zones")
        return True

    # --- zones and roles --------------------------------------------------------------

    def zone_names(self) -> dict[str, str]:
        """Zone letter -> zone name."""
        zones = self.data.get("zones")
        names = zones.get("names") if isinstance(zones, dict) else None
        return {str(k): str(v) for k, v in names.items()} if isinstance(names, dict) else {}

    def zone_at(self, x: int, y: int) -> str:
        """The zone letter of a cell (``"."`` for none)."""
        rows = self.rows("zones")
        return rows[y][x] if 0 <= y < len(rows) and 0 <= x < len(rows[y]) else NO_ZONE

    def add_zone(self, name: str | None = None) -> str:
        """A new zone (its letter is returned), named ``name`` or ``zone_N``."""
        names = self.zone_names()
        letter = next(c for c in "abcdefghijklmnopqrstuvwxyz" if c not in names)
        self._edit()
        zones = self.data.setdefault("zones", {})
        width, height = self.size
        if not self.rows("zones"):
            zones["map"] = "\n".join([NO_ZONE * width] * height) + "\n"
        taken = set(names.values())
        n = len(names) + 1
        while name is None or name in taken:
            name, n = f"zone_{n}", n + 1
        zones.setdefault("names", {})[letter] = name
        return letter

    def paint_zone(self, cells: Iterable[tuple[int, int]], letter: str) -> bool:
        """Put cells in zone ``letter`` (``"."``: in no zone). Returns whether anything
        changed."""
        width, height = self.size
        rows = [list(r.ljust(width, NO_ZONE)[:width]) for r in self.rows("zones")]
        rows += [list(NO_ZONE * width) for _ in range(height - len(rows))]
        before = ["".join(r) for r in rows]
        for x, y in cells:
            if 0 <= x < width and 0 <= y < height:
                rows[y][x] = letter
        after = ["".join(r) for r in rows]
        if after == before and self.rows("zones"):
            return False
        self._edit()
        self._set_rows(after, "zones")
        return True

    def rename_zone(self, letter: str, name: str) -> None:
        """Give zone ``letter`` a new name (roles that named the old one follow)."""
        old = self.zone_names().get(letter)
        if old is None or old == name:
            return
        self._edit()
        self.data["zones"]["names"][letter] = name
        for role in self.roles().values():
            zones = role.get("zones")
            if isinstance(zones, list):
                role["zones"] = [name if z == old else z for z in zones]

    def remove_zone(self, letter: str) -> None:
        """Take a zone away: its cells belong to no zone and roles forget it."""
        names = self.zone_names()
        if letter not in names:
            return
        self._edit()
        rows = [r.replace(letter, NO_ZONE) for r in self.rows("zones")]
        self._set_rows(rows, "zones")
        del self.data["zones"]["names"][letter]
        for role in self.roles().values():
            if isinstance(role.get("zones"), list):
                role["zones"] = [z for z in role["zones"] if z != names[letter]]
                if not role["zones"]:
                    del role["zones"]  # an empty list would keep the role's chefs nowhere
        if not self.data["zones"]["names"]:
            del self.data["zones"]

    def roles(self) -> dict[str, dict[str, Any]]:
        """Role name -> its settings (the level's own dictionaries: edit through methods)."""
        roles = self.data.get("roles")
        if not isinstance(roles, dict):
            return {}
        return {str(k): v for k, v in roles.items() if isinstance(v, dict)}

    def add_role(self) -> str:
        """A new role with no chefs, allowed everywhere; its name is returned."""
        taken = set(self.roles())
        n = len(taken) + 1
        while f"role_{n}" in taken:
            n += 1
        self._edit()
        self.data.setdefault("roles", {})[f"role_{n}"] = {"players": []}
        return f"role_{n}"

    def remove_role(self, name: str) -> None:
        """Take a role away."""
        if name in self.roles():
            self._edit()
            del self.data["roles"][name]
            if not self.data["roles"]:
                del self.data["roles"]

    def toggle_role_zone(self, role: str, zone: str) -> None:
        """Let the chefs of ``role`` stand in ``zone``, or not (no list: anywhere)."""
        settings = self.roles().get(role)
        if settings is None:
            return
        self._edit()
        zones = list(settings.get("zones") or [])
        settings["zones"] = [z for z in zones if z != zone] if zone in zones else zones + [zone]
        if not settings["zones"]:
            del settings["zones"]

    def toggle_role_player(self, role: str, player: int) -> None:
        """Put chef ``player`` in ``role``, or take them out (a chef is in one role)."""
        if role not in self.roles():
            return
        self._edit()
        for name, settings in self.roles().items():
            players = [p for p in settings.get("players") or [] if p != player]
            if name == role and player not in (settings.get("players") or []):
                players = sorted(players + [player])
            settings["players"] = players


def _fit(items: Any, size: int, fill: Any) -> Any:
    """``items`` (a row or a list of rows) made ``size`` long by adding ``fill`` before the
    last one, or taking away those before it."""
    if len(items) == size or len(items) < 2:
        return items
    if len(items) > size:
        return items[: size - 1] + items[-1:]
    extra = fill * (size - len(items)) if isinstance(items, str) else [fill] * (size - len(items))
    return items[:-1] + extra + items[-1:]
