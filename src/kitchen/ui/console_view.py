"""What the facilitator console shows in its own window, on a 1920x1080 canvas: the round's
clock and score, the open orders, the disruptions (each a button that triggers it), the
controls (pause, +30 s, end the round), the tags (each a button) with the note being typed
and the moments tagged so far; between rounds, a button that opens the rating form.

The controls are the round's :class:`kitchen.ui.scenes.facilitator.FacilitatorPanel`, so a
function key in either window and a click here do the same thing. Every text is at least
28 px on the canvas and drawn in the theme's text or accent colour on its panel colour.
"""

from __future__ import annotations

import pygame

from kitchen.i18n import _, format_number, localize, ngettext
from kitchen.sim import TICKS_PER_SECOND
from kitchen.ui.host import Host
from kitchen.ui.names import food_name, tag_name
from kitchen.ui.render.shapes import panel
from kitchen.ui.render.words import title_words
from kitchen.ui.scenes.facilitator import HELP
from kitchen.ui.scenes.play import PlayScene

LEFT = pygame.Rect(30, 140, 910, 870)
RIGHT = pygame.Rect(970, 140, 920, 870)
ROW = 58
ORDERS_SHOWN = 6
BUTTONS = ("pause", "extend", "end")
BIG, BODY = 36, 30


def clock(ticks: int) -> str:
    """``ticks`` as m:ss."""
    s = max(0, ticks) // TICKS_PER_SECOND
    return f"{s // 60}:{s % 60:02d}"


class ConsoleView:
    """Draws the console and turns clicks on it into the facilitator's actions."""

    def __init__(self, app: Host) -> None:
        self.app = app

    # --- layout --------------------------------------------------------------------------

    def disruption_rows(self, play: PlayScene) -> list[pygame.Rect]:
        """The disruptions' buttons, in the level's order."""
        top = self._disruptions_top()
        count = min(len(play.facilitator.disruptions), (LEFT.bottom - top - 56) // ROW)
        return [
            pygame.Rect(LEFT.x + 16, top + 56 + i * ROW, LEFT.width - 32, ROW - 6)
            for i in range(count)
        ]

    def _disruptions_top(self) -> int:
        return LEFT.y + 80 + ORDERS_SHOWN * 50 + 20

    def control_buttons(self) -> dict[str, pygame.Rect]:
        """Pause / resume, +30 s and end the round."""
        w = (RIGHT.width - 32 - 2 * 12) // 3
        return {
            name: pygame.Rect(RIGHT.x + 16 + i * (w + 12), RIGHT.y + 70, w, 70)
            for i, name in enumerate(BUTTONS)
        }

    def tag_buttons(self, play: PlayScene) -> list[pygame.Rect]:
        """The tags' buttons, two to a row."""
        w = (RIGHT.width - 32 - 12) // 2
        top = RIGHT.y + 230
        return [
            pygame.Rect(RIGHT.x + 16 + (i % 2) * (w + 12), top + (i // 2) * ROW, w, ROW - 6)
            for i in range(len(play.facilitator.tags))
        ]

    def rate_button(self) -> pygame.Rect:
        """Between rounds: open the TEAM rating form of the last round."""
        return pygame.Rect(560, 520, 800, 100)

    # --- clicks --------------------------------------------------------------------------

    def click(self, play: PlayScene, point: tuple[int, int]) -> None:
        """A click on the console during a round."""
        controls = play.facilitator
        if controls.mode == "note":
            controls.finish_note(keep=True)
        for i, rect in enumerate(self.disruption_rows(play)):
            if rect.collidepoint(point):
                controls.trigger(i)
                return
        for label, rect in zip(controls.tags, self.tag_buttons(play), strict=False):
            if rect.collidepoint(point):
                controls.tag(label)
                return
        for name, rect in self.control_buttons().items():
            if rect.collidepoint(point):
                {"pause": controls.toggle_pause, "extend": controls.extend}.get(
                    name, controls.press_end
                )()
                return

    # --- drawing -------------------------------------------------------------------------

    def draw(
        self,
        surface: pygame.Surface,
        live: PlayScene | None,
        last: PlayScene | None,
        message: str,
    ) -> None:
        """The whole console: the round in play, or what to do between rounds."""
        t = self.app.theme
        text = self.app.text
        surface.fill(t.backdrop)
        text.draw(surface, _("Facilitator console"), 48, t.accent, (30, 20))
        if live is None:
            self._between_rounds(surface, last, message)
            return
        rnd = live.round
        status = _(
            "{level}    time left {clock}    score {score}    served {served}    expired {expired}"
        ).format(
            level=live.level.title,
            clock=clock(rnd.round_ticks - rnd.tick),
            score=format_number(rnd.score),
            served=format_number(rnd.served),
            expired=format_number(rnd.expired),
        )
        text.draw(surface, status, BODY, t.text, (32, 86))
        if live.paused:
            text.draw(surface, _("PAUSED"), BIG, t.accent, (1890, 24), "topright")
        panel(surface, LEFT, t.panel, t.panel_edge, radius=16, width=3)
        panel(surface, RIGHT, t.panel, t.panel_edge, radius=16, width=3)
        self._orders(surface, live)
        self._disruptions(surface, live)
        self._controls(surface, live)
        self._tags(surface, live)
        note = live.facilitator.message() or message
        hint = note or _("F1 keys. F-keys work in both windows; other keys go to the game.")
        text.draw(surface, hint, 30, t.accent if note else t.text_dim, (32, 1030))
        if live.facilitator.mode == "help":
            self._help(surface)

    def _between_rounds(
        self, surface: pygame.Surface, last: PlayScene | None, message: str
    ) -> None:
        t = self.app.theme
        text = self.app.text
        if last is None or not last.round.finished:
            lines = [
                _("No round in play."),
                _("When a round starts, its orders, disruptions and your controls show here;"),
                _("the players' screen shows only the kitchen."),
            ]
        else:
            rnd = last.round
            lines = [
                _("Round over: {level}, score {score}, served {served}.").format(
                    level=last.level.title,
                    score=format_number(rnd.score),
                    served=format_number(rnd.served),
                ),
                _("Rate the team on the TEAM items (the players do not see this form)."),
            ]
            rect = self.rate_button()
            panel(surface, rect, t.accent, t.text, radius=14, width=3)
            text.draw(surface, _("Rate the team (TEAM)"), 40, t.accent_text, rect.center, "center")
        for i, line in enumerate(lines):
            text.draw(surface, line, BODY, t.text, (60, 200 + i * 52))
        if message:
            text.draw(surface, message, BODY, t.accent, (60, 700))

    def _orders(self, surface: pygame.Surface, play: PlayScene) -> None:
        t = self.app.theme
        text = self.app.text
        orders = list(play.round.orders.open)
        heading = ngettext("Orders ({n} open)", "Orders ({n} open)", len(orders))
        text.draw(
            surface,
            heading.format(n=format_number(len(orders))),
            BIG,
            t.accent,
            (LEFT.x + 20, LEFT.y + 16),
        )
        if not orders:
            text.draw(surface, _("none open"), BODY, t.text_dim, (LEFT.x + 24, LEFT.y + 80))
        for i, order in enumerate(orders[:ORDERS_SHOWN]):
            y = LEFT.y + 80 + i * 50
            recipe = play.round.spec.recipes.get(order.recipe)
            name = title_words(recipe.title) if recipe else order.recipe.replace("_", " ")
            if order.exclude:
                name = _("{dish} (no {ingredient})").format(
                    dish=name, ingredient=food_name(order.exclude)
                )
            left = order.remaining(play.round.tick)
            colour = t.accent if left < 15 * TICKS_PER_SECOND else t.text
            text.draw(surface, name, BODY, t.text, (LEFT.x + 24, y))
            text.draw(
                surface,
                _("{clock} left").format(clock=clock(left)),
                BODY,
                colour,
                (LEFT.right - 24, y),
                "topright",
            )
        if len(orders) > ORDERS_SHOWN:
            more = _("and {n} more").format(n=format_number(len(orders) - ORDERS_SHOWN))
            text.draw(surface, more, 30, t.text_dim, (LEFT.right - 24, LEFT.y + 20), "topright")

    def _disruptions(self, surface: pygame.Surface, play: PlayScene) -> None:
        t = self.app.theme
        text = self.app.text
        controls = play.facilitator
        top = self._disruptions_top()
        text.draw(
            surface, _("Disruptions: click to trigger (F2)"), BIG, t.accent, (LEFT.x + 20, top)
        )
        rows = self.disruption_rows(play)
        if not rows:
            text.draw(surface, _("This level has none."), BODY, t.text_dim, (LEFT.x + 24, top + 60))
        active = {d.index: d for d in play.round.disruptions.active}
        specs = play.level.spec.disruptions
        for i, rect in enumerate(rows):
            chosen = controls.mode == "disruptions" and controls.index == i
            panel(
                surface, rect, t.accent if chosen else t.backdrop, t.panel_edge, radius=10, width=2
            )
            colour = t.accent_text if chosen else t.text
            text.draw(
                surface,
                localize(specs[i].label),
                BODY,
                colour,
                (rect.x + 14, rect.centery),
                "midleft",
            )
            status = self._status(play, i, active.get(i))
            text.draw(surface, status, 30, colour, (rect.right - 14, rect.centery), "midright")

    def _status(self, play: PlayScene, index: int, active: object) -> str:
        spec = play.level.spec.disruptions[index]
        now = play.round.tick
        if active is not None:
            ends = getattr(active, "ends", None)
            if ends is None:
                return _("on now")
            return _("on, {clock} left").format(clock=clock(ends - now))
        if spec.at is not None and spec.at > now:
            return _("due at {clock}").format(clock=clock(spec.at))
        if spec.chance:
            decimals = len(f"{spec.chance:g}".partition(".")[2])
            rate = format_number(spec.chance, decimals)
            return _("random, {rate}/min").format(rate=rate)
        if spec.at is None:
            return _("only when triggered")
        return _("was due at {clock}").format(clock=clock(spec.at))

    def _controls(self, surface: pygame.Surface, play: PlayScene) -> None:
        t = self.app.theme
        text = self.app.text
        controls = play.facilitator
        text.draw(surface, _("Round"), BIG, t.accent, (RIGHT.x + 20, RIGHT.y + 16))
        armed = controls.clock < controls.end_armed_until
        captions = {
            "pause": _("Resume (F6)") if play.paused else _("Pause (F6)"),
            "extend": _("+30 s (F4)"),
            "end": _("Click again to end") if armed else _("End round (F5)"),
        }
        for name, rect in self.control_buttons().items():
            strong = name == "end" and armed
            panel(
                surface, rect, t.accent if strong else t.backdrop, t.panel_edge, radius=12, width=2
            )
            colour = t.accent_text if strong else t.text
            text.draw(surface, captions[name], BODY, colour, rect.center, "center")

    def _tags(self, surface: pygame.Surface, play: PlayScene) -> None:
        t = self.app.theme
        text = self.app.text
        controls = play.facilitator
        top = RIGHT.y + 170
        text.draw(
            surface, _("Tag this moment (F3), then type a note"), BIG, t.accent, (RIGHT.x + 20, top)
        )
        for i, (label, rect) in enumerate(zip(controls.tags, self.tag_buttons(play), strict=False)):
            chosen = controls.mode == "tags" and controls.index == i
            panel(
                surface, rect, t.accent if chosen else t.backdrop, t.panel_edge, radius=10, width=2
            )
            colour = t.accent_text if chosen else t.text
            at = (rect.x + 14, rect.centery)
            text.draw(surface, tag_name(label), BODY, colour, at, "midleft")
        buttons = self.tag_buttons(play)
        below = (buttons[-1].bottom if buttons else top + 60) + 20
        box = pygame.Rect(RIGHT.x + 16, below, RIGHT.width - 32, RIGHT.bottom - below - 16)
        if controls.mode == "note" and controls.tagged:
            panel(surface, box, t.backdrop, t.accent, radius=10, width=3)
            head = _('Note on "{tag}" (Enter keeps it, Esc: none)').format(
                tag=tag_name(controls.tagged[-1].label)
            )
            text.draw(surface, head, 30, t.accent, (box.x + 14, box.y + 10))
            inner = pygame.Rect(box.x + 14, box.y + 54, box.width - 28, box.height - 60)
            text.draw_wrapped(surface, controls.draft + "|", BODY, t.text, inner, max_lines=3)
            return
        moments = self._moments(play)
        if not moments:
            text.draw(surface, _("No moment tagged yet."), BODY, t.text_dim, (box.x + 6, box.y + 6))
        lines = max(1, box.height // 44)
        for i, line in enumerate(moments[-lines:]):
            text.draw(surface, line, 30, t.text, (box.x + 6, box.y + 6 + i * 44))

    def _moments(self, play: PlayScene) -> list[str]:
        """The moments tagged so far, with their time and note."""
        ticks = [e.tick for e in play.events if e.type == "facilitator_tag"]
        out = []
        for i, moment in enumerate(play.facilitator.tagged):
            when = clock(ticks[i]) if i < len(ticks) else _("now")
            tag = tag_name(moment.label)
            line = _("{tag}: {note}").format(tag=tag, note=moment.note) if moment.note else tag
            out.append(f"{when}  {line}"[:70])
        return out

    def _help(self, surface: pygame.Surface) -> None:
        t = self.app.theme
        rect = pygame.Rect(560, 200, 800, 120 + len(HELP) * 52)
        panel(surface, rect, t.panel, t.accent, radius=16, width=4)
        self.app.text.draw(
            surface, _("Facilitator keys"), BIG, t.accent, (rect.x + 24, rect.y + 20)
        )
        for i, line in enumerate(HELP):
            self.app.text.draw(surface, _(line), BODY, t.text, (rect.x + 28, rect.y + 80 + i * 52))
