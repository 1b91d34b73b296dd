"""A level draft's data with undo and redo: every edit is one step, a stroke (a drag of
the brush) is one step too."""

from __future__ import annotations

import copy
from typing import Any, Final

from kitchen.content.draft_check import Check
from kitchen.content.roundtrip_save import same

MAX_UNDO: Final = 200
"""Most edits that can be undone."""


class DraftHistory:
    """The data being edited, what was last saved, and the undo and redo stacks."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data: dict[str, Any] = data
        self.saved: dict[str, Any] = copy.deepcopy(self.data)
        self.undo_stack: list[dict[str, Any]] = []
        self.redo_stack: list[dict[str, Any]] = []
        self._stroke: dict[str, Any] | None = None
        self._check: Check | None = None

    @property
    def changed(self) -> bool:
        """Whether there are edits not yet saved."""
        return not same(self.data, self.saved)

    def begin(self) -> None:
        """Start a stroke: every edit until :meth:`end` is undone in one step."""
        if self._stroke is None:
            self._stroke = copy.deepcopy(self.data)

    def end(self) -> None:
        """Finish a stroke (nothing happens if it changed nothing)."""
        before, self._stroke = self._stroke, None
        if before is not None and not same(before, self.data):
            self._remember(before)

    def _edit(self) -> None:
        """Note an edit about to happen (outside a stroke, it is one undo step)."""
        self._check = None
        if self._stroke is None:
            self._remember(copy.deepcopy(self.data))

    def _remember(self, before: dict[str, Any]) -> None:
        self.undo_stack.append(before)
        del self.undo_stack[:-MAX_UNDO]
        self.redo_stack.clear()
        self._check = None

    def undo(self) -> bool:
        """Undo the last edit; False when there is none."""
        self.end()
        if not self.undo_stack:
            return False
        self.redo_stack.append(self.data)
        self.data = self.undo_stack.pop()
        self._check = None
        return True

    def redo(self) -> bool:
        """Redo the last undone edit; False when there is none."""
        if not self.redo_stack:
            return False
        self.undo_stack.append(self.data)
        self.data = self.redo_stack.pop()
        self._check = None
        return True
