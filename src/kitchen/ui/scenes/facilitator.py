"""The facilitator's controls during play, and, with one display, their compact panel.

The controls are the same wherever they are shown: the facilitator console's own window on
a second display (:mod:`kitchen.ui.console_window`), or this panel on the shared screen,
which opens in the left margin while the kitchen is laid out beside it (never over it).
They answer function keys and the mouse, never the players' keys:

F1 help   F2 disruptions   F3 tag a moment   F4 +30 s   F5 end the round (press twice)
F6 pause / resume. In an open list, Tab moves and Enter chooses (or click); Esc closes the
panel before the pause menu opens. A tag is recorded at once; a note on it can then be
typed (Enter keeps it, Esc leaves the tag without a note) and is saved into the round log
when the round ends.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pygame

from kitchen.content import SourceError
from kitchen.events import Event
from kitchen.i18n import N_, _, localize
from kitchen.session.observation_log import append_observation
from kitchen.sim.actions import Action, EndRound, ExtendRound, Tag, TriggerDisruption
from kitchen.ui.names import tag_name
from kitchen.ui.note_entry import DONE, type_into
from kitchen.ui.render.shapes import panel
from kitchen.ui.text import TextCache
from kitchen.ui.theme import Theme

TAB = pygame.Rect(0, 1030, 250, 50)
PANEL = pygame.Rect(0, 208, 500, 818)
"""The open panel (one display): the left margin between the HUD and the corner tab."""

ROW_H = 56
TEXT = 36
"""The panel's text size (logical pixels at 1920x1080)."""

HELP = [
    N_("F1  this help"),
    N_("F2  trigger a disruption"),
    N_("F3  tag this moment"),
    N_("F4  add 30 seconds"),
    N_("F5  end the round (twice)"),
    N_("F6  pause / resume"),
    N_("Tab, Enter or the mouse"),
    N_("Esc  close this panel"),
]
"""The facilitator's keys, in English (shown with ``_()``)."""

TITLES = {
    "menu": N_("Facilitator"),
    "help": N_("Facilitator keys"),
    "disruptions": N_("Trigger a disruption"),
    "tags": N_("Tag this moment"),
    "note": N_("Note on the tag"),
}
"""Each list's title, in English (shown with ``_()``)."""


@dataclass
class TaggedMoment:
    """A tag the facilitator chose this round, in order, and the note typed on it."""

    label: str
    note: str = ""


class FacilitatorPanel:
    """State, keys and (one display) drawing of the facilitator's controls.

    Args:
        disruptions: the level's disruption labels, in order.
        tags: the observation labels to offer.
        act: called with a facilitator :class:`~kitchen.sim.actions.Action`.
        toggle_pause: called to pause or resume.
        on_shared_screen: True with one display (this panel is drawn on the players'
            screen, so it says no more there than the facilitator needs); False when the
            console has its own window.
    """

    def __init__(
        self,
        disruptions: list[str],
        tags: list[str],
        act: Callable[[Action], None],
        toggle_pause: Callable[[], None],
        on_shared_screen: bool = True,
    ) -> None:
        self.disruptions = disruptions
        self.tags = tags
        self.act = act
        self.toggle_pause = toggle_pause
        self.on_shared_screen = on_shared_screen
        self.mode: str | None = None  # None, "menu", "help", "disruptions", "tags", "note"
        self.index = 0
        self.end_armed_until = -1.0
        self.clock = 0.0
        self.flash: tuple[str, float] | None = None
        self.private: set[str] = set()
        """Messages never shown where the players can read them (tags and notes)."""
        self.tagged: list[TaggedMoment] = []
        self.draft = ""

    # --- the lists -------------------------------------------------------------------

    def entries(self) -> list[tuple[str, Callable[[], None]]]:
        """The rows of the open list."""
        if self.mode == "disruptions":
            return [
                (localize(label), lambda i=i: self.trigger(i))
                for i, label in enumerate(self.disruptions)
            ] or [(_("This level has no disruptions"), lambda: None)]
        if self.mode == "tags":
            return [(tag_name(label), lambda label=label: self.tag(label)) for label in self.tags]
        if self.mode == "menu":
            return [
                (_("Pause / resume"), self.toggle_pause),
                (_("Trigger a disruption..."), lambda: self.open("disruptions")),
                (_("Tag this moment..."), lambda: self.open("tags")),
                (_("Add 30 seconds"), self.extend),
                (_("End the round now"), self.end_now),
                (_("Close"), self.close),
            ]
        return []

    def open(self, mode: str) -> None:
        """Open the list ``mode`` ("menu", "help", "disruptions" or "tags") at its first row."""
        if self.mode == "note":
            self.finish_note(keep=True)
        self.mode, self.index = mode, 0

    def close(self) -> None:
        """Close the panel (a note being typed is kept)."""
        if self.mode == "note":
            self.finish_note(keep=True)
        self.mode = None

    # --- what the facilitator does ---------------------------------------------------

    def trigger(self, index: int) -> None:
        """Start the level's disruption number ``index`` now."""
        self.act(TriggerDisruption(index))
        self.say(_("Triggered: {name}").format(name=localize(self.disruptions[index])))
        self.mode = None

    def tag(self, label: str) -> None:
        """Tag this moment with ``label`` (recorded now), then ask for a note on it."""
        self.act(Tag(label))
        self.tagged.append(TaggedMoment(label))
        self.say(_("Tagged: {tag}").format(tag=tag_name(label)), private=True)
        self.mode, self.draft = "note", ""
        pygame.key.start_text_input()

    def finish_note(self, keep: bool) -> None:
        """Stop typing the note on the latest tag; ``keep`` it or leave the tag without one."""
        if keep and self.tagged and self.draft.strip():
            self.tagged[-1].note = self.draft.strip()
            self.say(
                _("Note kept on: {tag}").format(tag=tag_name(self.tagged[-1].label)), private=True
            )
        self.draft = ""
        self.mode = None
        pygame.key.stop_text_input()

    def extend(self) -> None:
        """Add 30 seconds to the round."""
        self.act(ExtendRound(30))
        self.say(_("30 seconds added"))

    def end_now(self) -> None:
        """End the round at once."""
        self.act(EndRound("ended"))
        self.close()

    def press_end(self) -> None:
        """F5: the first press arms, a second within 3 s ends the round."""
        if self.clock < self.end_armed_until:
            self.end_now()
        else:
            self.end_armed_until = self.clock + 3
            self.say(_("Press F5 again to end the round"))

    def say(self, message: str, private: bool = False) -> None:
        """Show ``message`` to the facilitator for 2.5 seconds (``private``: never where
        the players can read it)."""
        self.flash = (message, self.clock + 2.5)
        if private:
            self.private.add(message)

    def message(self) -> str | None:
        """The confirmation showing now, if any."""
        if self.flash and self.clock < self.flash[1]:
            return self.flash[0]
        return None

    def update(self, dt: float) -> None:
        """Advance the panel's clock by ``dt`` seconds."""
        self.clock += dt

    def save_notes(self, log_path: Path | None, events: list[Event]) -> str | None:
        """Write the notes typed on this round's tags into its log (as notes on the tags,
        which the rating form shows and can change). Returns a problem, if any."""
        if self.mode == "note":
            self.finish_note(keep=True)
        tagged = [e for e in events if e.type == "facilitator_tag"]
        notes = [(e, m.note) for e, m in zip(tagged, self.tagged, strict=False) if m.note]
        if log_path is None or not notes:
            return None
        try:
            for event, note in notes:
                data = {"kind": "tag_note", "tick": event.tick, "label": event.label}
                append_observation(log_path, {**data, "note": note})
        except SourceError as err:
            return _("Notes on tags not saved: {reason}").format(reason=err.problems[0])
        except OSError as err:
            return _("Notes on tags not saved: {reason}").format(reason=err.strerror or err)
        return None

    # --- input -----------------------------------------------------------------------

    def handle_key(self, event: pygame.event.Event) -> bool:
        """A key or typed text; True if the facilitator's controls used it."""
        if self.mode == "note":
            return self._note_key(event)
        if event.type != pygame.KEYDOWN:
            return False
        key = event.key
        if key == pygame.K_F1:
            self.close() if self.mode == "help" else self.open("help")
        elif key == pygame.K_F2:
            self.close() if self.mode == "disruptions" else self.open("disruptions")
        elif key == pygame.K_F3:
            self.close() if self.mode == "tags" else self.open("tags")
        elif key == pygame.K_F4:
            self.extend()
        elif key == pygame.K_F5:
            self.press_end()
        elif key == pygame.K_F6:
            self.toggle_pause()
        elif key == pygame.K_ESCAPE and self.mode is not None:
            self.close()
        elif key == pygame.K_TAB and self.entries():
            self.index = (self.index + 1) % len(self.entries())
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.entries():
            self.entries()[self.index][1]()
        else:
            return False
        return True

    def _note_key(self, event: pygame.event.Event) -> bool:
        self.draft, finished = type_into(self.draft, event)
        if finished is not None:
            self.finish_note(keep=finished == DONE)
        elif event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_F2, pygame.K_F3, pygame.K_F4, pygame.K_F5, pygame.K_F6):
                self.finish_note(keep=True)
                return self.handle_key(event)
        elif event.type not in (pygame.KEYUP, pygame.TEXTINPUT):
            return False
        return True  # while a note is typed, the keyboard is the facilitator's

    def handle_event(
        self, event: pygame.event.Event, to_logical: Callable[[tuple[int, int]], tuple[int, int]]
    ) -> bool:
        """Returns True if the facilitator's controls used the event (the shared screen)."""
        if event.type in (pygame.KEYDOWN, pygame.KEYUP, pygame.TEXTINPUT):
            return self.handle_key(event)
        if not self.on_shared_screen:
            return False
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            point = to_logical(event.pos)
            if TAB.collidepoint(point):
                self.close() if self.mode else self.open("menu")
                return True
            for i, rect in enumerate(self._rows()):
                if rect.collidepoint(point):
                    self.index = i
                    self.entries()[i][1]()
                    return True
            if self.mode is not None and self.panel_rect().collidepoint(point):
                return True
        return False

    # --- the panel (one display) -----------------------------------------------------

    def is_open(self) -> bool:
        """True while the panel is open on the shared screen (the kitchen moves aside)."""
        return self.on_shared_screen and self.mode is not None

    def panel_rect(self) -> pygame.Rect:
        """Where the open panel is: the left margin, beside the kitchen, as tall as what
        it shows."""
        if self.mode == "note":
            return pygame.Rect(PANEL.x, PANEL.y, PANEL.width, 580)
        lines = len(HELP) if self.mode == "help" else len(self.entries())
        return pygame.Rect(PANEL.x, PANEL.y, PANEL.width, min(PANEL.height, 96 + lines * ROW_H))

    def _rows(self) -> list[pygame.Rect]:
        r = self.panel_rect()
        return [
            pygame.Rect(r.x + 12, r.y + 76 + i * ROW_H, r.width - 24, ROW_H - 6)
            for i in range(len(self.entries()))
        ]

    def draw(self, surface: pygame.Surface, theme: Theme, text: TextCache) -> None:
        """The corner tab, the open panel and short confirmations (one display only)."""
        if not self.on_shared_screen:
            return
        pygame.draw.rect(surface, theme.panel, TAB, border_top_right_radius=14)
        text.draw(surface, _("Facilitator  F1"), 42, theme.text, TAB.center, "center")
        message = self.message()
        private = message in self.private or (message or "").startswith(("Tagged", "Note"))
        if message and self.mode is None and not private:
            # Tags and notes are never confirmed where the players can read them. Above the
            # tab, below the kitchen: the bottom line is the players' legend.
            box = pygame.Rect(0, TAB.y - 64, text.size(message, 42)[0] + 40, 56)
            pygame.draw.rect(surface, theme.panel, box, border_top_right_radius=14)
            pygame.draw.rect(surface, theme.accent, box, 3, border_top_right_radius=14)
            text.draw(surface, message, 42, theme.text, (20, box.centery), "midleft")
        if self.mode is None:
            return
        rect = self.panel_rect()
        panel(surface, rect, theme.panel, theme.accent, radius=14, width=4)
        text.draw(surface, _(TITLES[self.mode]), 36, theme.accent, (rect.x + 18, rect.y + 18))
        if self.mode == "help":
            for i, line in enumerate(HELP):
                at = (rect.x + 20, rect.y + 84 + i * ROW_H)
                text.draw(surface, _(line), TEXT, theme.text, at)
            return
        if self.mode == "note":
            self._draw_note(surface, theme, text, rect)
            return
        for i, ((label, _act), row) in enumerate(zip(self.entries(), self._rows(), strict=False)):
            if i == self.index:
                panel(surface, row, theme.accent, theme.text, radius=10, width=2)
            colour = theme.accent_text if i == self.index else theme.text
            text.draw(surface, label, TEXT, colour, (row.x + 12, row.centery), "midleft")

    def _draw_note(
        self, surface: pygame.Surface, theme: Theme, text: TextCache, rect: pygame.Rect
    ) -> None:
        box = pygame.Rect(rect.x + 16, rect.y + 80, rect.width - 32, 300)
        panel(surface, box, theme.backdrop, theme.accent, radius=10, width=2)
        text.draw_wrapped(
            surface, self.draft + "|", TEXT, theme.text, box.inflate(-24, -20), max_lines=7
        )
        hint = _("Type a note. Enter keeps it, Esc: no note. The tag is already saved.")
        hint_box = pygame.Rect(rect.x + 18, box.bottom + 16, rect.width - 36, 160)
        text.draw_wrapped(surface, hint, 36, theme.text, hint_box, max_lines=4)
