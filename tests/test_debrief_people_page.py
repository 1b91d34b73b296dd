"""The debrief's people page (W in the Analysis phase): who asked, who answered and who
named whom, and how the work was shared, people only, on hand-built logs whose figures are
worked out by hand; drawn large and with enough contrast; hidden in the team-only view."""

from __future__ import annotations

import dataclasses

import pygame
import pytest
from frontend_support import TICK, press

from kitchen.content import load_level
from kitchen.debrief.metrics import compute_metrics
from kitchen.events import (
    Callout,
    ControllerChanged,
    Handoff,
    ItemPicked,
    OrderServed,
    RoundEnded,
    RoundStarted,
)
from kitchen.paths import shipped_levels
from kitchen.session import RecordedRound, Session
from kitchen.sim import Command
from kitchen.sim.actions import EndRound
from kitchen.ui.render.people_table import draw_people_page, people_page
from kitchen.ui.scenes.debrief import PEOPLE_KEY, DebriefScene
from kitchen.ui.text import TextCache, TextDraw, text_px
from kitchen.ui.theme import PALETTES, theme_for

S = 60
MIN_PX = 24
MIN_CONTRAST = 4.5


def picked(tick, player, item_id=1):
    return ItemPicked(tick, player, item_id, "onion", (0, 0), "crate")


def kitchen(people=(1, 2, 3), end=3600):
    """Chefs 1-3 (a computer cook plays any not in ``people``), worked out by hand:
    chef 1 asks twice (need onion -> 2, help to all), chef 2 answers both and names chef 1
    once, chef 3 asks once (need plate -> 1) and chef 1 answers it; actions: chef 1 picks 3
    things, chef 2 picks 1 and serves 1, chef 3 picks 4; chef 2 hands one thing to chef 1."""
    return [
        RoundStarted(0, "test", 0, (1, 2, 3), S, end, people=tuple(people)),
        Callout(60, 1, 1, "need", "onion", to=2),
        Callout(90, 2, 2, "on_it", answers=1, answer_delay=30, to=1),
        Callout(300, 1, 3, "help"),
        Callout(330, 2, 4, "on_it", answers=3, answer_delay=30),
        Callout(600, 3, 5, "need", "plate", to=1),
        Callout(620, 1, 6, "on_it", answers=5, answer_delay=20),
        picked(100, 1),
        picked(200, 1),
        picked(300, 1),
        picked(400, 2),
        OrderServed(500, 1, "soup", 2, 9, (0, 0), 20, 2, 100),
        Handoff(700, 1, "onion", 2, 1, (0, 0), 60),
        *[picked(800 + 10 * k, 3) for k in range(4)],
        RoundEnded(end, 0, 0, 0, 0, 0),
    ]


def test_who_to_whom_and_the_workload_worked_out_by_hand():
    page = people_page(compute_metrics(kitchen()), kitchen())
    assert page.people == (1, 2, 3)
    assert page.not_measured is None
    assert page.requests == {1: 2, 2: 0, 3: 1}
    assert page.answered == {(2, 1): 2, (1, 3): 1}  # answerer, caller
    assert page.named == {(1, 2): 1, (2, 1): 1, (3, 1): 1}  # caller, addressee
    assert page.facts == [
        "Asked most: chef 1 (2 calls)",
        "Answered most: chef 2 (2 answers)",
        "Named others most: chefs 1, 2 and 3 (1 call each)",
    ]
    work = {row.player: row for row in page.work}
    # Actions: chef 1 picked 3, chef 2 picked 1 and served 1, chef 3 picked 4: 3 + 2 + 4 = 9.
    assert {p: (r.actions, r.callouts, r.served, r.handoffs_given) for p, r in work.items()} == {
        1: (3, 3, 0, 0),
        2: (2, 2, 1, 1),
        3: (4, 1, 0, 0),
    }
    assert work[3].share == pytest.approx(4 / 9)
    assert not any(r.part_of_round for r in page.work)
    assert page.calls_line == "chef 1: 3, chef 2: 2, chef 3: 1"
    assert dict(page.team) == {
        "Call-out inequality (Gini)": "0.33",  # [3, 2, 1]: 8 / (2 * 9 * 2) * 3 / 2
        "Workload inequality (Gini)": "0.22",  # [3, 2, 4]: 8 / (2 * 9 * 3) * 3 / 2
        "Calls addressed to a teammate": "50%",  # 3 of 6 calls named someone
    }


def test_a_computer_cook_is_left_out_and_nobody_answers_says_so():
    events = [
        e for e in kitchen(people=(1, 2)) if not (isinstance(e, Callout) and e.kind == "on_it")
    ]
    page = people_page(compute_metrics(events), events)
    assert page.people == (1, 2)  # chef 3, a computer cook, is no person
    assert page.requests == {1: 2, 2: 0}
    assert page.answered == {}
    assert page.facts[1] == "Nobody answered a call with On it!"
    assert [r.player for r in page.work] == [1, 2]
    assert page.work[0].share == pytest.approx(3 / 5)


def test_a_chef_a_person_played_for_part_of_the_round_is_marked():
    events = kitchen()
    events.insert(-1, ControllerChanged(1800, 3, "nobody"))
    page = people_page(compute_metrics(events), events)
    assert [r.part_of_round for r in page.work] == [False, False, True]


def test_no_people_or_one_person_is_not_measured():
    events = kitchen(people=())
    page = people_page(compute_metrics(events), events)
    assert (page.people, page.not_measured, page.work) == ((), "no people played", [])
    events = kitchen(people=(1,))
    page = people_page(compute_metrics(events), events)
    assert page.not_measured == "only one person played: nobody to talk to"
    assert page.facts == []
    assert [r.player for r in page.work] == [1]


def _luminance(c):
    def channel(v):
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in c[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a, b):
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _drawn(page, palette, team_only=False):
    """Every string the page draws, with the colour most of the area behind it has."""
    surface = pygame.Surface((1920, 1080))
    theme = theme_for(palette)
    surface.fill(theme.backdrop)
    text = TextCache()
    seen: list[tuple[TextDraw, tuple[int, int, int]]] = []

    def listen(d: TextDraw) -> None:
        behind = pygame.transform.average_color(surface, d.rect.clip(surface.get_rect()))
        seen.append((d, behind[:3]))

    text.on_draw = listen
    draw_people_page(surface, pygame.Rect(60, 130, 1800, 880), page, theme, text, team_only)
    return seen


@pytest.mark.parametrize("palette", PALETTES)
def test_the_page_reads_from_the_back_of_the_room(palette):
    pygame.font.init()
    events = kitchen()
    events.insert(-1, ControllerChanged(1800, 3, "nobody"))
    page = people_page(compute_metrics(events), events)
    seen = _drawn(page, palette)
    assert len(seen) > 40
    for d, behind in seen:
        assert d.px >= MIN_PX, (d.text, d.px)
        assert _contrast(d.colour, behind) >= MIN_CONTRAST, (d.text, d.colour, behind)
    assert text_px(36) >= MIN_PX
    words = " ".join(d.text for d, _ in seen)
    assert "Chef 3" in words
    assert "chef 1: 3, chef 2: 2, chef 3: 1" in words, "counts beside the call-out Gini"


def test_the_team_only_view_draws_no_figure_per_person():
    pygame.font.init()
    page = people_page(compute_metrics(kitchen()), kitchen())
    words = [d.text for d, _ in _drawn(page, "warm", team_only=True)]
    assert not any("Chef" in w or "chef" in w for w in words), words
    assert "Call-out inequality (Gini): 0.33" in words
    assert "People playing: 3" in words
    nobody = people_page(compute_metrics(kitchen(people=())), kitchen(people=()))
    words = " ".join(d.text for d, _ in _drawn(nobody, "warm"))
    assert "n/a: no people played" in words


def _people_log(root):
    """A short tutorial round two people played, calling to each other, ended early."""
    level = load_level(next(p for p in shipped_levels() if p.stem == "01_tutorial"))
    session = Session.create("Ward 7", root=root)
    rec = RecordedRound(level, 3, [1, 2], session=session)
    calls = {10: {1: "need:onion@2"}, 20: {2: "on_it@1"}, 40: {2: "help"}, 50: {1: "on_it"}}
    while not rec.round.finished:
        tick = rec.round.tick
        commands = {
            p: dataclasses.replace(Command(), callout=c) for p, c in calls.get(tick, {}).items()
        }
        rec.step(commands, [EndRound("ended")] if tick == 120 else [])
    rec.close()
    return rec.log_path


def test_w_in_the_analysis_phase_shows_the_people_page_and_back(env):
    app = env.app()
    scene = DebriefScene(app, _people_log(env.data_dir))
    app.push(scene)
    app.run_frames(1, TICK)
    assert scene.people.people == (1, 2)
    assert scene.people.requests == {1: 1, 2: 1}
    press(app, PEOPLE_KEY)
    assert not scene.people_view, "W does nothing outside the Analysis phase"
    press(app, pygame.K_3)
    cards = pygame.image.tobytes(app.logical, "RGB")
    assert scene._calls_by_person() == {1: 2, 2: 2}  # shown on the Gini card
    press(app, PEOPLE_KEY)
    assert scene.people_view
    assert pygame.image.tobytes(app.logical, "RGB") != cards
    press(app, pygame.K_p)  # team-only: the Gini card loses its counts too
    assert scene.team_only
    assert scene._calls_by_person() == {}
    press(app, PEOPLE_KEY)
    assert not scene.people_view
