"""The team-only view (issue 11 §6): shown to the whole group, the results screen, the
debrief and the report give team figures and no number per person."""

from __future__ import annotations

import json
import re

import pygame
from frontend_support import TICK, end_round_now, press, tap, write_level

from kitchen.bots import BotTeam
from kitchen.cli import main
from kitchen.content import load_level
from kitchen.debrief.analysis import analyse_logs
from kitchen.debrief.report import render_html, team_only_view
from kitchen.paths import shipped_levels
from kitchen.session import RecordedRound, Session, read_round_log
from kitchen.ui.scenes.debrief import DebriefScene
from kitchen.ui.scenes.join import JoinScene
from kitchen.ui.scenes.overlays import CountdownScene
from kitchen.ui.scenes.play import PlayScene
from kitchen.ui.scenes.round_end import team_totals
from kitchen.ui.scenes.title import TitleScene
from kitchen.ui.team_only import TEAM_ONLY_KEY

BROKEN_KIT = next(p for p in shipped_levels() if p.stem == "04_broken_kit")


def bot_session(root):
    """A round of Broken Kit played by computer cooks (a breakdown gets repaired)."""
    level = load_level(BROKEN_KIT)
    session = Session.create("Ward 7", root=root)
    rec = RecordedRound(level, 3, sorted(level.spec.starts), session=session)
    team = BotTeam(rec.round)
    while not rec.round.finished:
        rec.step(team.commands())
    return session.folder


def test_a_team_only_report_has_no_per_person_numbers(tmp_path, capsys):
    folder = bot_session(tmp_path / "data")
    full, team = tmp_path / "full.html", tmp_path / "team.html"
    assert main(["report", str(folder), "-o", str(full)]) == 0
    assert main(["report", str(folder), "-o", str(team), "--team-only"]) == 0
    capsys.readouterr()

    html, team_html = full.read_text("utf-8"), team.read_text("utf-8")
    assert "<h4>Each chef</h4>" in html
    assert "Hand-offs given" in html
    assert "Team-only view" not in html
    assert "<h4>Each chef</h4>" not in team_html
    assert "Hand-offs given" not in team_html
    assert "Team-only view" in team_html
    assert " by chef " in html  # the breakdown's repairer, in the disruption table
    assert " by chef " not in team_html

    # The team figures stay: the same one-page summary and the same tiles.
    def part(text, start, end):
        return text[text.index(start) : text.index(end, text.index(start))]

    summary = ('<section class="summary">', "</section>")
    assert part(html, *summary) == part(team_html, *summary)
    tiles = ('<div class="tiles">', "</div>\n</div>")
    assert part(html, *tiles) == part(team_html, *tiles)

    data = json.loads(full.with_suffix(".json").read_text("utf-8"))
    team_data = json.loads(team.with_suffix(".json").read_text("utf-8"))
    metrics = data["sessions"][0]["rounds"][0]["metrics"]
    team_metrics = team_data["sessions"][0]["rounds"][0]["metrics"]
    assert metrics["chefs"]
    assert team_metrics["chefs"] == []
    assert metrics["communication"]["callouts_by_person"]
    assert "handoff_pairs" in metrics["coordination"]
    emptied = []
    for section in ("communication", "coordination", "flow", "service"):
        for name, value in team_metrics[section].items():
            given = metrics[section][name]
            if isinstance(given, dict) and any(re.fullmatch(r"\d+(->\d+)?", k) for k in given):
                assert value == {}, (section, name)
                emptied.append(f"{section}.{name}")
            else:
                assert value == given, (section, name)
    assert "communication.callouts_by_person" in emptied
    assert "communication.requests_by_person" in emptied
    assert all(d["repaired_by"] is None for d in team_metrics["disruptions"])
    assert team_data["team_only"] is True
    assert "team_only" not in data
    assert team.with_suffix(".csv").read_text("utf-8") == full.with_suffix(".csv").read_text(
        "utf-8"
    ), "the CSV holds team figures only either way"


def test_team_only_view_leaves_the_analysis_it_was_given_alone(tmp_path):
    folder = bot_session(tmp_path)
    logs = [read_round_log(p) for p in sorted(folder.glob("*.jsonl"))]
    sessions = analyse_logs(logs)
    chefs = list(sessions[0].rounds[0].metrics.chefs)
    hidden = team_only_view(sessions)
    assert hidden[0].rounds[0].metrics.chefs == []
    assert sessions[0].rounds[0].metrics.chefs == chefs
    assert hidden[0].rounds[0].values == sessions[0].rounds[0].values
    assert "<h4>Each chef</h4>" not in render_html(hidden, team_only=True)


# --- in game --------------------------------------------------------------------------


def ended_round(env, app):
    """Two chefs join the quick soup level; the facilitator ends the round at once."""
    path = write_level(env.root)
    app.push(TitleScene(app))
    app.push(JoinScene(app, load_level(path), path))
    app.run_frames(1, TICK)
    press(app, pygame.K_e)
    press(app, pygame.K_RSHIFT)
    press(app, pygame.K_RETURN)
    assert isinstance(app.scene, CountdownScene)
    for _ in range(40):
        app.run_frames(1, 0.1)
        if isinstance(app.scene, PlayScene):
            break
    end = end_round_now(app)
    return end


def drawn_texts(app, monkeypatch):
    """Every text the next frame draws."""
    texts: list[str] = []
    real = app.text.draw

    def spy(surface, text, *args, **kwargs):
        texts.append(text)
        return real(surface, text, *args, **kwargs)

    monkeypatch.setattr(app.text, "draw", spy)
    app.run_frames(1, TICK)
    monkeypatch.setattr(app.text, "draw", real)
    return texts


def test_p_on_the_results_screen_hides_each_chefs_numbers_and_the_debrief_follows(env, monkeypatch):
    app = env.app()
    end = ended_round(env, app)
    assert end.team_only is False
    assert [s["player"] for s in end.summary] == [1, 2]
    per_chef = drawn_texts(app, monkeypatch)
    picture = pygame.image.tobytes(app.logical, "RGB")
    assert "Chef" in per_chef
    assert "All" not in per_chef
    assert "P: team-only view (hide each chef's numbers)" in per_chef

    press(app, TEAM_ONLY_KEY)
    assert end.team_only is True
    team = drawn_texts(app, monkeypatch)
    assert pygame.image.tobytes(app.logical, "RGB") != picture
    assert "Team" in team
    assert "All" in team
    assert "Chef" not in team
    assert "Team-only view: no number per chef.   P: show each chef" in team
    totals = team_totals(end.summary)
    assert totals["player"] is None
    assert totals["callouts"] == sum(s["callouts"] for s in end.summary)

    press(app, pygame.K_RETURN)  # "Debrief this round"
    debrief = app.scene
    assert isinstance(debrief, DebriefScene)
    assert debrief.team_only is True, "the debrief opens as the results screen was"
    assert "Team-only view (P: per person)" in drawn_texts(app, monkeypatch)
    press(app, TEAM_ONLY_KEY)
    assert debrief.team_only is False
    assert "P: team-only view" in drawn_texts(app, monkeypatch)
    press(app, pygame.K_ESCAPE)
    assert app.scene is end
    press(app, TEAM_ONLY_KEY)
    assert end.team_only is False


def test_the_settings_can_open_the_screens_in_the_team_only_view(env):
    (env.config_dir / "settings.json").write_text(
        json.dumps({"team_only_by_default": True}), encoding="utf-8"
    )
    app = env.app()
    assert app.settings.team_only_by_default is True
    end = ended_round(env, app)
    assert end.team_only is True
    debrief = DebriefScene(app, end.play.recorded.log_path)
    assert debrief.team_only is True
    app.push(debrief)
    app.run_frames(1, TICK)
    tap(TEAM_ONLY_KEY)
    app.run_frames(1, TICK)
    assert debrief.team_only is False


def test_the_option_is_off_by_default():
    from kitchen.content.settings_model import Settings

    assert Settings().team_only_by_default is False
