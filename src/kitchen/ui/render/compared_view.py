"""The debrief's Application phase comparison: this round beside the session's earlier
rounds of the same level and settings (better/worse only against those; every column names
its round and level, the note whether the orders were the same), then the comparisons its
level asks for (level 7 against level 6, a blackout's before and after), as the report shows
them (docs/report.md)."""

from __future__ import annotations

import pygame

from kitchen.debrief import labels
from kitchen.debrief.analysis import COMPARED, RoundAnalysis, SessionAnalysis, pair
from kitchen.i18n import _
from kitchen.ui.render.people_table import reason_words
from kitchen.ui.text import TextCache
from kitchen.ui.theme import Theme


def draw_compared(
    surface: pygame.Surface,
    right: pygame.Rect,
    session: SessionAnalysis,
    this: RoundAnalysis,
    t: Theme,
    text: TextCache,
) -> None:
    """This round beside the session's earlier rounds of the same level and settings
    (better/worse only against those), then the comparisons its level asks for."""
    same = [
        r
        for r in session.rounds
        if r is not this and r.level_name == this.level_name and r.settings == this.settings
    ]
    shown = [*same[-2:], this]
    text.draw(
        surface,
        _("This round beside earlier rounds of {level}").format(level=this.level_caption),
        36,
        t.accent,
        (right.x + 30, right.y + 20),
    )
    paired = pair(session.rounds, session.rounds.index(this))
    if paired.against is None:
        reason = paired.reason or ""
        note = reason[:1].upper() + reason[1:]
        if len(session.rounds) == 1:
            note = _("Play another round of this level to compare.")
    elif paired.seed_differs:
        note = _("Better or worse: against round {n}, the same level (other orders)")
        note = note.format(n=paired.against.index)
    else:
        note = _("Better or worse: against round {n}, the same level and orders")
        note = note.format(n=paired.against.index)
    text.draw(surface, note, 36, t.text_dim, (right.x + 30, right.y + 62))
    col = [right.x + 470 + k * 115 for k in range(3)]
    # every column names its round and level; whether the paired round had the same
    # orders (seed) is said in the note above, in words a team knows
    for k, r in enumerate(shown):
        text.draw(
            surface, _("R{n}").format(n=r.index), 36, t.text_dim, (col[k], right.y + 94), "midtop"
        )
        text.draw(surface, r.level_short, 36, t.text_dim, (col[k], right.y + 124), "midtop")
    for i, change in enumerate(session.changes()):
        y = right.y + 184 + i * 40
        name = change["name"]
        text.draw(surface, change["label"], 36, t.text, (right.x + 30, y))
        for k, r in enumerate(shown):
            value = labels.show(name, r.values.get(name))
            text.draw(surface, value, 36, t.text, (col[k], y), "midtop")
        verdict = change["cells"][-1]["verdict"] if paired.against is not None else None
        if verdict:
            colour = (
                t.good
                if verdict == "better"
                else (t.danger_text if verdict == "worse" else t.text_dim)
            )
            text.draw(
                surface, labels.verdict_word(verdict), 36, colour, (right.right - 20, y), "topright"
            )
    y = right.y + 184 + len(COMPARED) * 40 + 10
    why = this.metrics.sections.get("communication", {}).get("not_measured")
    if why:  # say why the call-out rows read n/a (one person with computer cooks, ...)
        said = _("{na}: {why}").format(na=labels.not_measurable(), why=reason_words(why))
        box = pygame.Rect(right.x + 30, y, right.width - 60, right.bottom - y - 10)
        y += text.draw_wrapped(surface, said, 28, t.text_dim, box, max_lines=2) + 6
    for comparison in session.level_comparisons(upto=this):
        y += (
            text.draw_wrapped(
                surface,
                comparison.line,
                36,
                t.accent,
                pygame.Rect(right.x + 30, y, right.width - 60, right.bottom - y - 10),
                max_lines=3,
            )
            + 6
        )
