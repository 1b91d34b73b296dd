"""The facilitator's observation sheet for a round: the TEAM tool (Cooper et al., 2010) and
notes on the moments they tagged, saved into the round log; then, on request, what the log
measured beside each item.

Keys: Up/Down choose a row; 0-4 (or Left/Right) rate an item, 1-9 and 0 (= 10) the global
rating; N or Delete: not observed; Enter on a tag writes a note (Enter again keeps it, Esc
drops the change); M shows or hides the measured column; S or Ctrl+S saves; Esc goes back
(twice when something is not saved). Everything can be clicked too.

Measured values are hidden until asked for, so that the rating is what the facilitator saw,
not what the numbers suggest.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame
from typing_extensions import override

from kitchen.content import SourceError
from kitchen.debrief.observations import (
    GLOBAL_QUESTION,
    ITEMS,
    SCALE,
    RoundTag,
    latest_rating,
    measured_values,
    observed_beside_measured,
    round_tags,
)
from kitchen.i18n import N_, _
from kitchen.session.observation_log import append_observation
from kitchen.session.replay import RoundLog, read_round_log
from kitchen.ui.host import Host
from kitchen.ui.names import tag_name
from kitchen.ui.note_entry import DONE, type_into
from kitchen.ui.render.shapes import panel
from kitchen.ui.scenes.base import Scene
from kitchen.ui.theme import TEXT_HEADING, TEXT_LARGE, TEXT_SMALL

LEFT = pygame.Rect(40, 226, 1170, 746)
"""The rating rows: the eleven items under their group headings, then the global rating."""
RIGHT = pygame.Rect(1230, 226, 650, 746)
"""Notes on the tags, or what the log measured beside each row."""
FOCUS = pygame.Rect(40, 166, 1840, 52)
"""The full wording of the row under the cursor (the rows show the items' short names)."""
HEAD_H = 30
"""The band above a group's first row holding the group's name."""
ROW_H = 54
BUTTON_X = 500
BUTTON_W = 80
GLOBAL_X = 300
GLOBAL_W = 54
SKIP_W = 200
TAG_H = 116
TAGS_SHOWN = 5
TEXT = 40
"""The sheet's text size: 27 px on the 1920x1080 frame."""
TEXT_MIN = 36
"""Its smallest text (24 px): the "not observed" buttons, the notes and the measured values."""
HINT = (N_("Up/Down: row    0-4: rate    N: not observed"), N_("Enter: a note on the chosen tag"))
"""The keys, under the sheet (English: shown with ``_()``)."""
SOURCE_SHORT = "Cooper et al., Resuscitation 2010 (TEAM)"
"""The source (``kitchen.debrief.observations.SOURCE``) as the sheet names it (the report has it
in full)."""


class ObserveScene(Scene):
    """Rate the team on the TEAM items, write notes on tags, save them into the log.

    Args:
        log_path: the round's log.
        log: the log already read (the debrief passes its own, so what is saved shows there
            at once); read from ``log_path`` when not given.
    """

    def __init__(self, app: Host, log_path: Path, log: RoundLog | None = None) -> None:
        super().__init__(app)
        self.log_path = Path(log_path)
        self.error: str | None = None
        self.message = ""
        self.cursor = 0
        self.show_measured = False
        self.editing = False
        self.draft = ""
        self.confirm_leave = False
        self.ratings: dict[str, int | None] = {item.key: None for item in ITEMS}
        self.overall: int | None = None
        self.notes: dict[tuple[int, str], str] = {}
        self.tags: list[RoundTag] = []
        self.level_title = ""
        """The round's level as the players saw it named (its title, in this language)."""
        self.values: dict[str, Any] = {}
        try:
            self.log = log if log is not None else read_round_log(self.log_path)
            self.tags = round_tags(self.log)
            self.values = measured_values(self.log)
        except SourceError as err:
            self.error = "\n".join(str(p) for p in err.problems[:4])
            return
        try:
            self.level_title = self.log.level().title  # "Departments", not its id "silos"
        except SourceError:  # the level's text in the log cannot be read: its id
            self.level_title = self.log.header.level_name
        rating = latest_rating(self.log)
        if rating is not None:
            self.ratings.update(rating.ratings.model_dump())
            self.overall = rating.global_rating
        self.notes = {(t.tick, t.label): t.later_note for t in self.tags}
        self._saved = self._state()

    # --- state ---------------------------------------------------------------------------

    @property
    def rows(self) -> int:
        """Rows the cursor moves over: the 11 items, the global rating, then the tags."""
        return len(ITEMS) + 1 + len(self.tags)

    def _state(self) -> tuple[Any, ...]:
        return (tuple(self.ratings.items()), self.overall, tuple(sorted(self.notes.items())))

    @property
    def unsaved(self) -> bool:
        """Something was changed since the sheet was opened or last saved."""
        return self.error is None and self._state() != self._saved

    def rate(self, row: int, value: int | None) -> None:
        """Set row ``row``'s rating (``None``: not observed)."""
        self.confirm_leave = False
        if row < len(ITEMS):
            if value is None or 0 <= value <= 4:
                self.ratings[ITEMS[row].key] = value
        elif row == len(ITEMS) and (value is None or 1 <= value <= 10):
            self.overall = value

    def _step(self, row: int, step: int) -> None:
        if row < len(ITEMS):
            choices: list[int | None] = [None, 0, 1, 2, 3, 4]
            now = self.ratings[ITEMS[row].key]
        elif row == len(ITEMS):
            choices = [None, *range(1, 11)]
            now = self.overall
        else:
            return
        i = choices.index(now)
        self.rate(row, choices[max(0, min(len(choices) - 1, i + step))])

    def save(self) -> None:
        """Append what changed to the round log (a TEAM record, a note per changed tag)."""
        if self.error is not None:
            return
        if self.editing:
            self._finish_note(keep=True)
        before = dict(self._saved[2])
        records: list[dict[str, Any]] = []
        rated = (tuple(self.ratings.items()), self.overall)
        if rated != self._saved[:2]:
            records.append(
                {"kind": "team", "ratings": dict(self.ratings), "global_rating": self.overall}
            )
        for (tick, label), note in sorted(self.notes.items()):
            if note != before.get((tick, label), ""):
                records.append({"kind": "tag_note", "tick": tick, "label": label, "note": note})
        if not records:
            self.message = _("Nothing new to save.")
            return
        try:
            for data in records:
                self.log.observations.append(append_observation(self.log_path, data))
        except SourceError as err:
            self.message = _("Not saved: {reason}").format(reason=err.problems[0])
            return
        except OSError as err:
            self.message = _("Not saved: cannot write {file}: {reason}").format(
                file=self.log_path.name, reason=err.strerror or err
            )
            return
        self._saved = self._state()
        self.confirm_leave = False
        self.message = _("Saved into {file}. M: measured beside it.").format(
            file=self.log_path.name
        )

    def rating_arrived(self, rating: Any) -> None:
        """A TEAM rating saved into this round's log from elsewhere (the workshop
        dashboard; the caller added it to the log): the sheet shows it, unless the
        facilitator is changing the sheet, which then keeps what is typed and says so
        (saving it adds it after the dashboard's: the latest rating counts)."""
        if self.error is not None:
            return
        if self.unsaved:
            self.message = _(
                "The dashboard saved a TEAM rating for this round. Yours is not saved: "
                "S saves it after the dashboard's (the latest counts)."
            )
            return
        self.ratings.update(rating.ratings.model_dump())
        self.overall = rating.global_rating
        self._saved = self._state()
        self.message = _("The TEAM rating saved from the workshop dashboard is shown.")

    def leave_sheet(self) -> None:
        """Back to the screen below; asks once more when something is not saved."""
        if self.unsaved and not self.confirm_leave:
            self.confirm_leave = True
            self.message = _("Not saved yet: S saves, Esc again leaves without saving.")
            return
        self.app.pop()

    # --- notes ---------------------------------------------------------------------------

    def _tag_at(self, row: int) -> RoundTag | None:
        k = row - len(ITEMS) - 1
        return self.tags[k] if 0 <= k < len(self.tags) else None

    def start_note(self, row: int) -> None:
        """Start typing the note on the tag at ``row``."""
        tag = self._tag_at(row)
        if tag is None:
            return
        self.cursor = row
        self.editing = True
        self.draft = self.notes.get((tag.tick, tag.label), "")
        pygame.key.start_text_input()

    def _finish_note(self, keep: bool) -> None:
        tag = self._tag_at(self.cursor)
        if keep and tag is not None:
            self.notes[(tag.tick, tag.label)] = self.draft.strip()
            self.confirm_leave = False
        self.editing = False
        pygame.key.stop_text_input()

    # --- input ---------------------------------------------------------------------------

    @override
    def handle_event(self, event: pygame.event.Event) -> None:
        if self.error is not None:
            if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
                self.app.pop()
            return
        if self.editing:
            self._note_event(event)
        elif event.type == pygame.KEYDOWN:
            self._key(event)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self._click(self.app.to_logical(event.pos))

    def _note_event(self, event: pygame.event.Event) -> None:
        self.draft, finished = type_into(self.draft, event)
        if finished is not None:
            self._finish_note(keep=finished == DONE)
        elif event.type == pygame.KEYDOWN:
            if event.key == pygame.K_s and event.mod & pygame.KMOD_CTRL:
                self.save()
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self._finish_note(keep=True)
            self._click(self.app.to_logical(event.pos))

    def _key(self, event: pygame.event.Event) -> None:
        key = event.key
        if key == pygame.K_ESCAPE:
            self.leave_sheet()
        elif key in (pygame.K_DOWN, pygame.K_TAB):
            self.cursor = (self.cursor + 1) % self.rows
        elif key == pygame.K_UP:
            self.cursor = (self.cursor - 1) % self.rows
        elif key in (pygame.K_LEFT, pygame.K_RIGHT):
            self._step(self.cursor, -1 if key == pygame.K_LEFT else 1)
        elif key in (pygame.K_n, pygame.K_DELETE, pygame.K_BACKSPACE):
            self.rate(self.cursor, None)
        elif pygame.K_0 <= key <= pygame.K_9 or pygame.K_KP0 <= key <= pygame.K_KP9:
            digit = key - (pygame.K_0 if key <= pygame.K_9 else pygame.K_KP0)
            if self.cursor == len(ITEMS) and digit == 0:
                digit = 10
            self.rate(self.cursor, digit)
            if self.cursor < len(ITEMS):
                self.cursor += 1  # rating a sheet goes item by item
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if self._tag_at(self.cursor) is not None:
                self.start_note(self.cursor)
            else:
                self.cursor = (self.cursor + 1) % self.rows
        elif key == pygame.K_m:
            self.show_measured = not self.show_measured
        elif key == pygame.K_s:
            self.save()

    def _click(self, pos: tuple[int, int]) -> None:
        for row in range(len(ITEMS) + 1):
            for value, rect in self._buttons(row):
                if rect.collidepoint(pos):
                    self.cursor = row
                    self.rate(row, value)
                    return
            if self._row_rect(row).collidepoint(pos):
                self.cursor = row
                return
        if not self.show_measured:
            for row, rect in self._tag_rects():
                if rect.collidepoint(pos):
                    self.start_note(row)
                    return
        if self._save_button().collidepoint(pos):
            self.save()
        elif self._measured_button().collidepoint(pos):
            self.show_measured = not self.show_measured
        elif self._back_button().collidepoint(pos):
            self.leave_sheet()

    # --- layout --------------------------------------------------------------------------

    def _row_rect(self, row: int) -> pygame.Rect:
        heads = len({item.group for item in ITEMS[: row + 1]})
        y = LEFT.y + 8 + heads * HEAD_H + row * ROW_H
        return pygame.Rect(LEFT.x + 10, y, LEFT.width - 20, ROW_H - 6)

    def _buttons(self, row: int) -> list[tuple[int | None, pygame.Rect]]:
        """The clickable ratings of a row, ``None`` being "not observed"."""
        r = self._row_rect(row)
        if row < len(ITEMS):
            x, w, values = BUTTON_X, BUTTON_W, list(range(5))
        else:
            x, w, values = GLOBAL_X, GLOBAL_W, list(range(1, 11))
        out: list[tuple[int | None, pygame.Rect]] = [
            (v, pygame.Rect(x + k * (w + 6), r.y + 4, w, r.height - 8))
            for k, v in enumerate(values)
        ]
        out.append((None, pygame.Rect(r.right - SKIP_W - 6, r.y + 4, SKIP_W, r.height - 8)))
        return out

    def _first_tag(self) -> int:
        k = self.cursor - len(ITEMS) - 1
        return max(0, min(k - TAGS_SHOWN + 1, len(self.tags) - TAGS_SHOWN)) if k >= 0 else 0

    def _tag_rects(self) -> list[tuple[int, pygame.Rect]]:
        first = self._first_tag()
        return [
            (
                len(ITEMS) + 1 + k,
                pygame.Rect(
                    RIGHT.x + 16, RIGHT.y + 62 + (k - first) * TAG_H, RIGHT.width - 32, TAG_H - 10
                ),
            )
            for k in range(first, min(len(self.tags), first + TAGS_SHOWN))
        ]

    def _save_button(self) -> pygame.Rect:
        return pygame.Rect(RIGHT.x, 986, RIGHT.width, 72)

    def _measured_button(self) -> pygame.Rect:
        return pygame.Rect(LEFT.right - 300, 986, 300, 72)

    def _back_button(self) -> pygame.Rect:
        return pygame.Rect(LEFT.x, 986, 220, 72)

    def _focus_text(self) -> str:
        """The full wording of the row under the cursor."""
        if self.cursor < len(ITEMS):
            item = ITEMS[self.cursor]
            return _("{group}: {text}").format(group=_(item.group), text=_(item.text))
        if self.cursor == len(ITEMS):
            return _("{question}: 1 poor, 10 excellent").format(question=_(GLOBAL_QUESTION))
        tag = self._tag_at(self.cursor)
        if tag is None:
            return ""
        s = int(tag.time_s)
        return _("Tagged at {clock}: {tag}.  Enter or click: write a note").format(
            clock=f"{s // 60}:{s % 60:02d}", tag=tag_name(tag.label)
        )

    # --- drawing -------------------------------------------------------------------------

    @override
    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        text = self.app.text
        surface.fill(t.backdrop)
        if self.error is not None:
            text.draw(
                surface, _("This round cannot be observed:"), TEXT_LARGE, t.danger_text, (80, 120)
            )
            text.draw_wrapped(
                surface, self.error, TEXT_SMALL, t.text, pygame.Rect(80, 240, 1760, 600)
            )
            return
        heading = text.draw(
            surface, _("What you observed: TEAM"), TEXT_HEADING - 16, t.accent, (40, 14)
        )
        room = 1880 - heading.right - 40
        n = self.log.header.round_index
        which = _("{level}, round {n}").format(level=self.level_title, n=n)
        size = TEXT if text.size(which, TEXT)[0] <= room else TEXT_MIN
        title = self.level_title
        while text.size(which, size)[0] > room and len(title) > 8:  # a very long title
            title = title[:-2]
            which = _("{level}, round {n}").format(level=title.rstrip() + "...", n=n)
        text.draw(surface, which, size, t.text_dim, (1880, 34), "topright")
        scale = "   ".join(f"{n} {_(label)}" for n, label in enumerate(SCALE))
        asked = _("How often did you see it?  {scale}").format(scale=scale)
        text.draw(surface, asked, TEXT, t.text, (40, 86))
        text.draw(
            surface,
            _(
                "Skip what you did not see: not observed is not a low score.   Source: {source}"
            ).format(source=SOURCE_SHORT),
            TEXT_MIN,
            t.text_dim,
            (40, 128),
        )
        focus = self._focus_text()
        if focus:
            panel(surface, FOCUS, t.panel_edge, t.accent, radius=10, width=3)
            text.draw(surface, focus, TEXT, t.text, (FOCUS.x + 14, FOCUS.centery), "midleft")
        panel(surface, LEFT, t.panel, t.panel_edge, radius=16)
        panel(surface, RIGHT, t.panel, t.panel_edge, radius=16)
        group = ""
        for row, item in enumerate(ITEMS):
            if item.group != group:
                group = item.group
                r = self._row_rect(row)
                text.draw(
                    surface,
                    _(group).upper(),
                    TEXT_MIN,
                    t.text_dim,
                    (r.x + 12, r.y - 3),
                    "bottomleft",
                )
            self._rating_row(surface, row, _(item.short), self.ratings[item.key])
        self._rating_row(surface, len(ITEMS), _("Overall, 1-10"), self.overall)
        if self.show_measured:
            self._measured(surface)
        else:
            self._tag_notes(surface)
        self._bottom(surface)

    def _rating_row(self, surface: pygame.Surface, row: int, label: str, value: int | None) -> None:
        t = self.theme
        r = self._row_rect(row)
        chosen = row == self.cursor
        if chosen:
            panel(surface, r, t.panel_edge, t.accent, radius=10, width=3)
        self.app.text.draw(surface, label, TEXT, t.text, (r.x + 12, r.centery), "midleft")
        for v, rect in self._buttons(row):
            on = v == value
            panel(surface, rect, t.accent if on else t.backdrop, t.panel_edge, radius=8, width=2)
            caption = _("not observed") if v is None else str(v)
            colour = t.accent_text if on else (t.text_dim if v is None else t.text)
            self.app.text.draw(
                surface, caption, TEXT_MIN if v is None else TEXT + 4, colour, rect.center, "center"
            )

    def _tag_notes(self, surface: pygame.Surface) -> None:
        t = self.theme
        text = self.app.text
        text.draw(
            surface, _("Notes on your tags"), TEXT + 4, t.accent, (RIGHT.x + 20, RIGHT.y + 12)
        )
        if not self.tags:
            text.draw_wrapped(
                surface,
                _(
                    "No moments were tagged in this round "
                    "(the facilitator's F3 during play tags one)."
                ),
                TEXT,
                t.text_dim,
                pygame.Rect(RIGHT.x + 20, RIGHT.y + 70, RIGHT.width - 40, 200),
            )
            return
        for row, rect in self._tag_rects():
            tag = self.tags[row - len(ITEMS) - 1]
            chosen = row == self.cursor
            panel(
                surface,
                rect,
                t.panel_edge if chosen else t.backdrop,
                t.accent if chosen else t.panel_edge,
                radius=10,
                width=3 if chosen else 1,
            )
            s = int(tag.time_s)
            head = f"{s // 60}:{s % 60:02d}  {tag_name(tag.label)}"
            text.draw(surface, head, TEXT, t.text, (rect.x + 12, rect.y + 8))
            if self.editing and chosen:
                note, colour = self.draft + "|", t.text
            else:
                note = self.notes.get((tag.tick, tag.label), "")
                note, colour = (
                    (note, t.text) if note else (_("Enter or click: write a note"), t.text_dim)
                )
            text.draw_wrapped(
                surface,
                note,
                TEXT_MIN,
                colour,
                pygame.Rect(rect.x + 12, rect.y + 44, rect.width - 24, 56),
                line_gap=1.0,
                max_lines=2,
            )
        if len(self.tags) > TAGS_SHOWN:
            text.draw(
                surface,
                _("{n} tags: Up/Down for more").format(n=len(self.tags)),
                TEXT_MIN,
                t.text_dim,
                (RIGHT.x + 20, RIGHT.bottom - 14),
                "bottomleft",
            )

    def _measured(self, surface: pygame.Surface) -> None:
        t = self.theme
        text = self.app.text
        text.draw(surface, _("Measured in the log"), TEXT, t.accent, (RIGHT.x + 20, RIGHT.y + 6))
        width = RIGHT.width - 40
        for row, observed in enumerate(observed_beside_measured(self.values, None)):
            r = self._row_rect(row)
            pairs = observed.measured
            line = (
                "  ·  ".join(f"{label} {value}" for label, value in pairs)
                if pairs
                else _("no measure in the log")
            )
            colour = t.text if pairs else t.text_dim
            lines = text.wrap(line, TEXT_MIN, width)[:2]
            step = text.font(TEXT_MIN).get_linesize()
            y = r.centery - (len(lines) * step) // 2
            for k, part in enumerate(lines):
                text.draw(surface, part, TEXT_MIN, colour, (RIGHT.x + 20, y + k * step))

    def _bottom(self, surface: pygame.Surface) -> None:
        t = self.theme
        text = self.app.text
        for rect, caption, strong in (
            (self._back_button(), _("Esc: back"), False),
            (
                self._measured_button(),
                _("M: hide measured") if self.show_measured else _("M: show measured"),
                False,
            ),
            (self._save_button(), _("S: save into the log") + (" *" if self.unsaved else ""), True),
        ):
            panel(
                surface,
                rect,
                t.accent if strong else t.panel,
                t.text if strong else t.panel_edge,
                radius=14,
                width=3,
            )
            text.draw(
                surface, caption, TEXT, t.accent_text if strong else t.text, rect.center, "center"
            )
        back, measured = self._back_button(), self._measured_button()
        box = pygame.Rect(back.right + 20, back.y + 8, measured.x - back.right - 40, back.height)
        if self.message:
            text.draw_wrapped(
                surface, self.message, TEXT_MIN, t.text, box, line_gap=1.0, max_lines=2
            )
            return
        step = text.font(TEXT_MIN).get_linesize()
        for k, line in enumerate(HINT):
            text.draw(surface, _(line), TEXT_MIN, t.text_dim, (box.x, box.y + k * step))
