"""Joining a workshop from the game: the title screen's menu entry ("Join workshop: <name>"
when a hub is found on the local network) and the screen where a team picks a found hub or
types the hub's address, and types the workshop's join code.

Only offered when the ``hub`` extra is installed; without it the title screen is as it
always was. The link itself runs in its own thread (:mod:`kitchen.workshop.link`).
"""

from __future__ import annotations

from typing import Any

import pygame
from typing_extensions import override

from kitchen.i18n import _
from kitchen.ui.render.shapes import panel
from kitchen.ui.scenes.base import Scene
from kitchen.ui.theme import TEXT_BODY, TEXT_HEADING, TEXT_SMALL
from kitchen.ui.widgets import MenuItem
from kitchen.ui.workshop_client import WorkshopClient, hub_extra_missing
from kitchen.workshop.discover import FoundHub, HubFinder
from kitchen.workshop.link import AddressError, WorkshopLink

FIELD_W = 1100
ROW_H = 70


def start_finder(app: Any) -> None:
    """Look for workshop hubs on the local network while the game runs (the real game
    only; nothing happens without the ``hub`` extra)."""
    if hub_extra_missing() is None and getattr(app, "workshop_finder", None) is None:
        app.workshop_finder = HubFinder().start()


def join(app: Any, address: str, code: str) -> str | None:
    """Join the workshop at ``address`` with ``code`` (leaving any other); returns a
    problem with what was typed, or ``None`` once the link is on its way."""
    missing = hub_extra_missing()
    if missing is not None:
        return missing
    if not code.strip():
        return _("Type the workshop's join code (the facilitator has it).")
    try:
        link = WorkshopLink(address, code, getattr(app, "team", "") or "Team")
    except AddressError as err:
        return str(err)
    leave(app)
    app.workshop = WorkshopClient(app, link)
    return None


def leave(app: Any) -> None:
    """Leave the workshop (if joined): the game goes on alone."""
    client = getattr(app, "workshop", None)
    if client is not None:
        client.close()
    app.workshop = None


def found_hubs(app: Any) -> list[FoundHub]:
    """The hubs found on the local network so far."""
    finder = getattr(app, "workshop_finder", None)
    return finder.found() if finder is not None else []


def menu_label(app: Any) -> str:
    """The title menu's workshop entry, as it stands now."""
    client = getattr(app, "workshop", None)
    if client is not None:
        state = client.state()
        name = state.workshop or _("the workshop")
        if state.connected:
            return _("Workshop: {name}").format(name=name)
        return _("Workshop: {name} (not connected)").format(name=name)
    found = found_hubs(app)
    if found:
        return _("Join workshop: {name}").format(name=found[0].workshop)[:44]
    return _("Join a workshop")


def title_menu_item(app: Any) -> MenuItem | None:
    """The title screen's workshop entry, or ``None`` without the ``hub`` extra."""
    if hub_extra_missing() is not None:
        return None
    return MenuItem(lambda: menu_label(app), lambda: app.push(WorkshopJoinScene(app)))


class WorkshopJoinScene(Scene):
    """Pick a hub found on the network or type its address, type the join code, Enter."""

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        found = found_hubs(app)
        self.address = found[0].address if found else ""
        self.code = ""
        self.field = "code" if found else "address"
        self.message = ""
        self.chosen = 0
        self.joining = False
        pygame.key.start_text_input()

    @override
    def leave(self) -> None:
        pygame.key.stop_text_input()

    def _client(self) -> WorkshopClient | None:
        return getattr(self.app, "workshop", None)

    def submit(self) -> None:
        """Join with what was typed."""
        problem = join(self.app, self.address, self.code)
        self.joining = problem is None
        self.message = problem or _("Joining...")
        self.invalidate()

    def choose(self, index: int) -> None:
        """Take the address of found hub ``index``; the code is typed next."""
        found = found_hubs(self.app)
        if 0 <= index < len(found):
            self.chosen = index
            self.address = found[index].address
            self.field = "code"
            self.invalidate()

    @override
    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.TEXTINPUT:
            text = "".join(ch for ch in event.text if ch.isprintable())
            if self.field == "address":
                self.address = (self.address + text)[:120]
            else:
                self.code = (self.code + text)[:64]
            return
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            point = self.app.to_logical(event.pos)
            for i, rect in enumerate(self._found_rows()):
                if rect.collidepoint(point):
                    self.choose(i)
            for name, rect in self._field_rects().items():
                if rect.collidepoint(point):
                    self.field = name
            if self._client() is not None and self._leave_rect().collidepoint(point):
                leave(self.app)
                self.message = _("Left the workshop.")
            return
        if event.type != pygame.KEYDOWN:
            return
        key = event.key
        if key == pygame.K_ESCAPE:
            self.app.pop()
        elif key == pygame.K_TAB:
            self.field = "code" if self.field == "address" else "address"
        elif key in (pygame.K_UP, pygame.K_DOWN) and found_hubs(self.app):
            count = len(found_hubs(self.app))
            self.choose((self.chosen + (1 if key == pygame.K_DOWN else -1)) % count)
        elif key == pygame.K_BACKSPACE:
            if self.field == "address":
                self.address = self.address[:-1]
            else:
                self.code = self.code[:-1]
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.submit()
        elif key == pygame.K_F8 and self._client() is not None:
            leave(self.app)
            self.message = _("Left the workshop.")

    @override
    def update(self, dt: float) -> None:
        client = self._client()
        if not self.joining or client is None:
            return
        state = client.state()
        if state.connected:
            self.joining = False
            self.app.notice = _("Joined the workshop {name}: rounds go to its hub.").format(
                name=state.workshop
            )
            self.app.pop()
        elif state.state == "refused":
            self.joining = False
            self.message = _("Not joined: {reason}.").format(reason=state.detail)
            leave(self.app)
        elif state.state == "away":
            self.message = _("Not reached yet: {reason}").format(reason=state.detail)
        self.invalidate()

    # --- drawing -----------------------------------------------------------------------

    def _found_rows(self) -> list[pygame.Rect]:
        return [
            pygame.Rect(410, 250 + i * ROW_H, FIELD_W, ROW_H - 10)
            for i in range(min(3, len(found_hubs(self.app))))
        ]

    def _field_rects(self) -> dict[str, pygame.Rect]:
        return {
            "address": pygame.Rect(760, 500, FIELD_W - 350, 76),
            "code": pygame.Rect(760, 600, FIELD_W - 350, 76),
        }

    def _leave_rect(self) -> pygame.Rect:
        return pygame.Rect(660, 860, 600, 70)

    @override
    def draw(self, surface: pygame.Surface) -> None:
        t, text = self.theme, self.app.text
        surface.fill(t.backdrop)
        text.draw(surface, _("Join a workshop"), TEXT_HEADING, t.accent, (960, 120), "center")
        found = found_hubs(self.app)
        finder = getattr(self.app, "workshop_finder", None)
        if found:
            text.draw(surface, _("Found on this network:"), TEXT_SMALL, t.text_dim, (410, 200))
        elif finder is not None and finder.status not in ("looking", "off"):
            box = pygame.Rect(410, 200, FIELD_W, 120)
            text.draw_wrapped(surface, finder.status, TEXT_SMALL, t.text_dim, box, max_lines=2)
        else:
            note = _("No workshop found on this network yet: type the hub's address.")
            text.draw(surface, note, TEXT_SMALL, t.text_dim, (410, 200))
        for i, rect in enumerate(self._found_rows()):
            hub = found[i]
            chosen = i == self.chosen and self.address == hub.address
            panel(surface, rect, t.accent if chosen else t.panel, t.panel_edge, radius=10)
            colour = t.accent_text if chosen else t.text
            line = f"{hub.workshop}   ({hub.address})"
            text.draw(surface, line, TEXT_SMALL, colour, (rect.x + 20, rect.centery), "midleft")
        labels = {"address": _("Hub address"), "code": _("Join code")}
        values = {"address": self.address, "code": self.code}
        for name, rect in self._field_rects().items():
            active = name == self.field
            text.draw(surface, labels[name], TEXT_BODY, t.text, (410, rect.centery), "midleft")
            panel(surface, rect, t.panel, t.accent if active else t.panel_edge, radius=10, width=3)
            shown = values[name] + ("|" if active else "")
            text.draw(surface, shown, TEXT_BODY, t.text, (rect.x + 16, rect.centery), "midleft")
        if self.message:
            box = pygame.Rect(410, 710, FIELD_W, 120)
            text.draw_wrapped(surface, self.message, TEXT_SMALL, t.text, box, max_lines=2)
        client = self._client()
        if client is not None:
            rect = self._leave_rect()
            panel(surface, rect, t.panel, t.panel_edge, radius=10)
            name = client.state().workshop or _("the workshop")
            label = _("F8: leave {name}").format(name=name)[:40]
            text.draw(surface, label, TEXT_SMALL, t.text, rect.center, "center")
        hint = _("Tab: next box   Up/Down: a found hub   Enter: join   Esc: back")
        text.draw(surface, hint, TEXT_SMALL, t.text_dim, (960, 1020), "center")
