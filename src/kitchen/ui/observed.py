"""A short line in the debrief's Analysis phase: what the facilitator observed (TEAM) beside
what the log measured, or how to rate it."""

from __future__ import annotations

from typing import Any

import pygame

from kitchen.debrief.observations import latest_rating, observed_beside_measured
from kitchen.i18n import _
from kitchen.session.replay import RoundLog
from kitchen.ui.host import Host


def observed_summary(log: RoundLog, values: dict[str, Any]) -> str:
    """One or two sentences: the communication item and the global rating beside their
    measures, or an invitation to rate."""
    rating = latest_rating(log)
    if rating is None:
        return _(
            "Observed: not rated yet. O: rate the team on the TEAM items and see each beside "
            "what the log measured."
        )
    rows = {row.key: row for row in observed_beside_measured(values, rating)}
    parts = []
    for key in ("communication", "global"):
        row = rows[key]
        measured = ", ".join(f"{label} {value}" for label, value in row.measured)
        label = _("Global rating") if key == "global" else _(row.label)
        out_of = 10 if key == "global" else 4
        shown = _("not observed") if row.rating is None else f"{row.rating} / {out_of}"
        parts.append(
            _("{item} {rating} (measured: {measured})").format(
                item=label, rating=shown, measured=measured
            )
        )
    rated = sum(1 for v in rating.ratings.model_dump().values() if v is not None)
    return _("Observed ({n} of 11 TEAM items rated): {parts}.  O: all items").format(
        n=rated, parts="; ".join(parts)
    )


def draw_observed_line(
    app: Host, surface: pygame.Surface, log: RoundLog, values: dict[str, Any], rect: pygame.Rect
) -> None:
    """Draw :func:`observed_summary` inside ``rect`` (two lines at most)."""
    app.text.draw_wrapped(
        surface, observed_summary(log, values), 36, app.theme.text, rect, max_lines=2
    )
