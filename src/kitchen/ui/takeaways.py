"""The team's take-aways, typed in the debrief's Application phase and saved into the round
log (a ``takeaways`` observation record) as soon as a field is left, so the report has them.

T (or a click on a field) starts typing in the first empty field; Enter or Tab moves to the
next field, Esc stops typing. Leaving a field that changed saves all three.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from kitchen.content import SourceError
from kitchen.debrief.observations import TAKEAWAY_PROMPTS, latest_takeaways
from kitchen.i18n import _
from kitchen.session.log_model import MAX_NOTE
from kitchen.session.observation_log import append_observation
from kitchen.session.replay import RoundLog
from kitchen.ui.host import Host
from kitchen.ui.render.shapes import panel

FIELD_H = 196


class TakeawaysEditor:
    """Three typed take-aways (keep, change, back at work) inside ``rect``."""

    def __init__(self, app: Host, log_path: Path, log: RoundLog) -> None:
        self.app = app
        self.log_path = Path(log_path)
        self.log = log
        saved = latest_takeaways(log)
        self.texts = {key: getattr(saved, key) if saved else "" for key, _p in TAKEAWAY_PROMPTS}
        self._saved = dict(self.texts)
        self.field: int | None = None
        self.message = ""
        self.rect = pygame.Rect(60, 150, 880, 790)
        self.field_h = FIELD_H
        """Each field's height: less than :data:`FIELD_H` when the page needs the room."""

    @property
    def editing(self) -> bool:
        """The team is typing into a field."""
        return self.field is not None

    def field_rect(self, i: int) -> pygame.Rect:
        """Where field ``i`` (its prompt and its text) is drawn."""
        return pygame.Rect(
            self.rect.x + 24,
            self.rect.y + 96 + i * self.field_h,
            self.rect.width - 48,
            self.field_h - 14,
        )

    def start(self, i: int | None = None) -> None:
        """Type into field ``i`` (the first empty one when not given)."""
        if i is None:
            keys = [key for key, _p in TAKEAWAY_PROMPTS]
            i = next((n for n, key in enumerate(keys) if not self.texts[key].strip()), 0)
        self.field = i
        pygame.key.start_text_input()

    def stop(self) -> None:
        """Stop typing and save what changed."""
        if self.field is None:
            return
        self.field = None
        pygame.key.stop_text_input()
        self.save()

    def save(self) -> None:
        """Append the take-aways to the log when they changed since last saved."""
        texts = {key: value.strip() for key, value in self.texts.items()}
        if texts == {k: v.strip() for k, v in self._saved.items()}:
            return
        try:
            self.log.observations.append(
                append_observation(self.log_path, {"kind": "takeaways", **texts})
            )
        except SourceError as err:
            self.message = _("Take-aways not saved: {reason}").format(reason=err.problems[0])
            return
        except OSError as err:
            self.message = _("Take-aways not saved: {reason}").format(reason=err.strerror or err)
            return
        self._saved = dict(self.texts)
        self.message = _("Take-aways saved with this round")

    def handle(self, event: pygame.event.Event, active: bool) -> bool:
        """Use ``event`` if it is for the take-aways (always while typing; T or a click on
        a field when the Application phase is ``active``). True when it was used."""
        if self.field is not None:
            key = [k for k, _p in TAKEAWAY_PROMPTS][self.field]
            if event.type == pygame.TEXTINPUT:
                self.texts[key] = (self.texts[key] + event.text)[:MAX_NOTE]
            elif event.type == pygame.KEYDOWN:
                if event.key == pygame.K_BACKSPACE:
                    self.texts[key] = self.texts[key][:-1]
                elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_TAB):
                    following = self.field + 1
                    self.stop()
                    if following < len(TAKEAWAY_PROMPTS):
                        self.start(following)
                elif event.key == pygame.K_ESCAPE:
                    self.stop()
            elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
                self.stop()
                return self._click(event)
            return event.type in (pygame.TEXTINPUT, pygame.KEYDOWN, pygame.KEYUP)
        if not active:
            return False
        if event.type == pygame.KEYDOWN and event.key == pygame.K_t:
            self.start()
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            return self._click(event)
        return False

    def _click(self, event: pygame.event.Event) -> bool:
        pos = self.app.to_logical(event.pos)
        for i in range(len(TAKEAWAY_PROMPTS)):
            if self.field_rect(i).collidepoint(pos):
                self.start(i)
                return True
        return False

    def draw(self, surface: pygame.Surface) -> int:
        """Draw the three fields and the row of the "saved" message; return the y below."""
        t = self.app.theme
        text = self.app.text
        for i, (key, prompt) in enumerate(TAKEAWAY_PROMPTS):
            r = self.field_rect(i)
            text.draw_wrapped(
                surface,
                "-  " + _(prompt),
                36,
                t.text,
                pygame.Rect(r.x, r.y, r.width, 40),
                max_lines=1,
            )
            box = pygame.Rect(r.x, r.y + 44, r.width, r.height - 44)
            typing = self.field == i
            panel(
                surface,
                box,
                t.backdrop,
                t.accent if typing else t.panel_edge,
                radius=10,
                width=3 if typing else 1,
            )
            value = self.texts[key]
            if typing:
                shown, colour = value + "|", t.accent
            elif value:
                shown, colour = value, t.text
            else:
                shown, colour = _("T or click: type the team's answer"), t.text_dim
            inside = box.inflate(-24, -16)
            step = int(text.font(36).get_linesize() * 1.15)
            lines = max(1, (inside.height - text.font(36).get_height()) // step + 1)
            text.draw_wrapped(surface, shown, 36, colour, inside, max_lines=min(4, lines))
        bottom = self.field_rect(len(TAKEAWAY_PROMPTS) - 1).bottom
        if self.message:
            text.draw(surface, self.message, 36, t.text_dim, (self.rect.x + 24, bottom + 4))
        return bottom + 30
