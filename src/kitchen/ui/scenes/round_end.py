"""The end of a round: score, stars, orders, and what each chef did."""

from __future__ import annotations

from collections import Counter

import pygame

from kitchen.ui.render.icons import draw_star
from kitchen.ui.render.shapes import panel
from kitchen.ui.scenes.base import Scene
from kitchen.ui.theme import TEXT_BODY, TEXT_HEADING, TEXT_SMALL, TEXT_TITLE
from kitchen.ui.widgets import Menu, MenuItem


def chef_summary(events, players) -> list[dict]:  # noqa: ANN001
    """Per chef: dishes served, things prepared, hand-offs given and received, call-outs."""
    tally = {p: Counter() for p in players}
    for e in events:
        player = getattr(e, "player", None)
        if e.type == "order_served" and player in tally:
            tally[player]["served"] += 1
        elif e.type == "item_processed" and player in tally:
            tally[player]["prepared"] += 1
        elif e.type == "cook_started" and player in tally:
            tally[player]["prepared"] += 1
        elif e.type == "callout" and player in tally:
            tally[player]["callouts"] += 1
        elif e.type == "handoff":
            if e.from_player in tally:
                tally[e.from_player]["given"] += 1
            if e.to_player in tally:
                tally[e.to_player]["received"] += 1
        elif e.type == "disruption_ended" and e.reason == "repaired" and e.player in tally:
            tally[e.player]["repairs"] += 1
    return [{"player": p, **tally[p]} for p in players]


def _has_debrief() -> bool:
    import importlib.util

    return importlib.util.find_spec("kitchen.ui.scenes.debrief") is not None


class RoundEndScene(Scene):
    """Results of the round just played, and where to go next."""

    def __init__(self, app, play) -> None:  # noqa: ANN001
        super().__init__(app)
        self.play = play
        self.round = play.round
        self.summary = chef_summary(play.events, sorted(self.round.chefs))
        items = []
        if play.recorded.log_path is not None and _has_debrief():
            items.append(MenuItem("Debrief this round", self.debrief))
        items += [
            MenuItem("Play again", self.again),
            MenuItem("Choose another level", self.levels),
            MenuItem("Main menu", self.menu_),
        ]
        self.menu = Menu(app, items, (1460, 820), width=760, size=52)

    def debrief(self) -> None:
        from kitchen.ui.scenes.debrief import DebriefScene

        self.app.push(DebriefScene(self.app, self.play.recorded.log_path))

    def again(self) -> None:
        from kitchen.ui.scenes.play import PlayScene

        p = self.play
        self.app.replace(PlayScene(self.app, p.level, p.path, p.seats, p.silos, p.bots, p.watch))

    def levels(self) -> None:
        from kitchen.ui.scenes.level_select import LevelSelectScene
        from kitchen.ui.scenes.title import TitleScene

        self.app.reset_to(TitleScene(self.app))
        self.app.push(LevelSelectScene(self.app))

    def menu_(self) -> None:
        from kitchen.ui.scenes.title import TitleScene

        self.app.reset_to(TitleScene(self.app))

    def handle_event(self, event: pygame.event.Event) -> None:
        self.menu.handle_event(event)

    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        rnd = self.round
        surface.fill(t.backdrop)
        self.app.text.draw(surface, "Round over", TEXT_HEADING, t.accent, (960, 70), "center")
        for i, need in enumerate(rnd.spec.scoring.stars):
            draw_star(surface, (760 + i * 200, 250), 80, t.star, t.text_dark if rnd.score >= need else t.star_empty, rnd.score >= need)
        self.app.text.draw(surface, f"{rnd.score}", TEXT_TITLE, t.text, (960, 420), "center")
        self.app.text.draw(surface, "points", TEXT_SMALL, t.text_dim, (960, 505), "center")
        facts = f"Orders served {rnd.served}    expired {rnd.expired}    wrong {rnd.wrong}"
        self.app.text.draw(surface, facts, TEXT_BODY, t.text, (960, 570), "center")
        table = pygame.Rect(60, 640, 1020, 400)
        panel(surface, table, t.panel, t.panel_edge, radius=18)
        heads = ("Chef", "Served", "Prepared", "Handed over", "Received", "Call-outs")
        for k, head in enumerate(heads):
            self.app.text.draw(surface, head, 34, t.text_dim, (table.x + 30 + k * 165, table.y + 20))
        for row, s in enumerate(self.summary):
            y = table.y + 80 + row * 72
            pygame.draw.circle(surface, t.player(s["player"]), (table.x + 50, y + 26), 22)
            self.app.text.draw(surface, str(s["player"]), 36, t.text_dark, (table.x + 50, y + 26), "center")
            values = (s.get("served", 0), s.get("prepared", 0), s.get("given", 0), s.get("received", 0), s.get("callouts", 0))
            for k, value in enumerate(values, start=1):
                self.app.text.draw(surface, str(value), 48, t.text, (table.x + 30 + k * 165, y))
        self.menu.draw(surface)
        if self.play.recorded.log_path is not None:
            self.app.text.draw(surface, f"Saved: {self.play.recorded.log_path}", 26, t.text_dim, (960, 1062), "center")
