"""A scripted three-cycle session played by computer cooks (a redesign that helps, one
that does nothing, one that hurts), studied: prediction beside result, the system share the
cooks' check gives each, the run chart over the four rounds, the cycles as JSON, and the
report's ramp (HTML, CSV, JSON; the team's words left out of the research export)."""

from __future__ import annotations

import csv
import json

import pygame
import pytest
from frontend_support import TICK, press
from pdsa_support import RAMP, three_cycle_session

from kitchen.debrief.pdsa import cycles_data, session_cycles, session_of_folder
from kitchen.debrief.report import write_report
from kitchen.session.cycles import load_cycles
from kitchen.ui.render.run_chart_view import CyclesPage, draw_cycles_page
from kitchen.ui.scenes.debrief import CYCLES_KEY, DebriefScene
from kitchen.ui.text import TextCache, TextDraw
from kitchen.ui.theme import PALETTES, theme_for


@pytest.fixture(scope="module")
def ramp(tmp_path_factory):
    """The session, studied once (the cooks' checks stored in its cycles.json)."""
    session = three_cycle_session(tmp_path_factory.mktemp("ramp"))
    analysis = session_of_folder(session.folder)
    found = session_cycles(analysis, save=True, extra_seeds=0)
    return session, analysis, found


def test_three_cycles_give_the_expected_system_share(ramp):
    session, analysis, found = ramp
    assert [r.index for r in analysis.rounds] == [1, 2, 3, 4]
    assert found.problem is None
    helps, nothing, hurts = found.cycles
    assert [c.split.share for c in found.cycles] == [r[4] for r in RAMP]
    assert (helps.before, helps.result, helps.outcome) == (2, 3, "met")
    assert helps.split.text.startswith(
        "System 100%: the redesign alone explains +1 of the team's +1"
    )
    assert (nothing.before, nothing.result, nothing.outcome) == (3, 3, "not met")
    assert nothing.split.text.startswith("n/a: nothing to explain")
    assert (hurts.before, hurts.result, hurts.outcome) == (3, 2, "not met")
    assert hurts.split.system == -1
    assert [c.decision for c in found.cycles] == ["adopt", "adapt", "abandon"]
    # the cooks' checks were stored: read again without playing
    assert all(c.system_check is not None for c in load_cycles(session.folder).cycles)
    again = session_cycles(analysis, run_cooks=False)
    assert [c.split.text for c in again.cycles] == [c.split.text for c in found.cycles]
    (chart,) = found.charts
    assert chart.measure == "service.served"
    assert (chart.rounds, chart.values) == ([1, 2, 3, 4], [2, 3, 3, 2])
    assert chart.marks == {2: "C1", 3: "C2", 4: "C3"}
    assert chart.too_few
    assert "4 rounds: too few to call anything" in chart.verdict
    data = json.loads(json.dumps(cycles_data(analysis)))
    assert [c["system_or_people"]["system_share"] for c in data["cycles"]] == [1.0, None, 1.0]
    assert data["run_charts"][0]["values"] == [2, 3, 3, 2]


def test_the_report_shows_the_ramp_on_the_summary_page(ramp, tmp_path):
    session, analysis, _ = ramp
    html_path, csv_path, json_path = write_report([analysis], tmp_path / "r.html")
    html = html_path.read_text(encoding="utf-8")
    summary = html[html.index('<section class="summary">') : html.index("</section>")]
    assert "Improvement cycles (Plan, Do, Study, Act)" in summary
    for words in ("Onions beside the pot", "Dishes served at least 3", "adopt", "abandon"):
        assert words in summary
    assert summary.count("<svg") == 1, "the run chart, on the summary page"
    assert "too few to call anything" in summary
    rows = list(csv.DictReader(csv_path.open(encoding="utf-8")))
    assert [r.get("cycle") for r in rows] == ["", "1", "2", "3"]
    assert [r["cycle_system_share"] for r in rows[1:]] == ["1.0", "", "1.0"]
    data = json.loads(json_path.read_text(encoding="utf-8"))
    cycles = data["sessions"][0]["improvement_cycles"]["cycles"]
    assert cycles[0]["idea"] == "Onions beside the pot"
    research = write_report([analysis], tmp_path / "research.html", research=True)
    for path in research:
        assert "Onions beside the pot" not in path.read_text(encoding="utf-8")


def _luminance(c):
    def channel(v):
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in c[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a, b):
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("palette", PALETTES)
def test_the_cycles_page_reads_from_the_back_of_the_room(ramp, palette):
    pygame.font.init()
    _, analysis, _ = ramp
    page = CyclesPage(analysis, analysis.rounds[-1], background=False)
    assert not page.pending, "the checks were stored by the study"
    surface = pygame.Surface((1920, 1080))
    theme = theme_for(palette)
    surface.fill(theme.backdrop)
    text = TextCache()
    seen = []

    def listen(d: TextDraw) -> None:
        behind = pygame.transform.average_color(surface, d.rect.clip(surface.get_rect()))
        seen.append((d, behind[:3]))

    text.on_draw = listen
    draw_cycles_page(surface, pygame.Rect(60, 150, 1800, 790), page, theme, text)
    words = " ".join(d.text for d, _ in seen)
    for d, behind in seen:
        assert d.px >= 24, (d.text, d.px)
        assert _contrast(d.colour, behind) >= 4.5, (d.text, d.colour, behind)
        assert pygame.Rect(60, 150, 1800, 790).contains(d.rect), (d.text, d.rect)
    for part in ("Run chart: Dishes served", "median 2.5", "C1", "C3", "too few to call"):
        assert part in words, part
    assert "Predicted Dishes served at least 3; round 2: 3, met" in words
    assert "System 100%" in words


def test_i_in_the_application_phase_opens_the_cycles_page(ramp, env):
    session, analysis, _ = ramp
    app = env.app()
    scene = DebriefScene(app, analysis.rounds[-1].log.path)
    app.push(scene)
    app.run_frames(1, TICK)
    press(app, CYCLES_KEY)
    assert scene.cycles is None, "I does nothing outside the Application phase"
    press(app, pygame.K_4)
    before = pygame.image.tobytes(app.logical, "RGB")
    press(app, CYCLES_KEY)
    assert scene.cycles is not None
    assert [c.number for c in scene.cycles.found.cycles] == [1, 2, 3]
    assert pygame.image.tobytes(app.logical, "RGB") != before
    press(app, CYCLES_KEY)
    assert scene.cycles is None
