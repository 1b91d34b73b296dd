"""A team that gave no name is stored as "Team" (session files and round logs stay as they
are) and shown as the catalogue's word for it: "Équipe" in French on the title screen, in
the debrief and report, and on the workshop dashboard (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kitchen.content import load_level
from kitchen.debrief.analysis import analyse_logs
from kitchen.i18n import using_language
from kitchen.paths import shipped_levels
from kitchen.session import RecordedRound, Session, read_round_log
from kitchen.session.store import DEFAULT_TEAM, shown_team

TUTORIAL = next(p for p in shipped_levels() if p.stem == "01_tutorial")


def test_the_default_name_is_shown_in_the_language_in_force():
    assert shown_team(DEFAULT_TEAM) == "Team"
    assert shown_team("") == "Team"
    with using_language("fr"):
        assert shown_team(DEFAULT_TEAM) == "Équipe"
        assert shown_team("  ") == "Équipe"
        assert shown_team("Les Bleus") == "Les Bleus"


def _short_round(root: Path) -> Path:
    level = load_level(TUTORIAL)
    session = Session.create("", root=root)
    assert session.team == DEFAULT_TEAM  # stored as before
    rec = RecordedRound(level, 3, sorted(level.spec.starts), session=session)
    for _tick in range(60):
        rec.step({})
    rec.close()
    return session.folder


def test_a_session_without_a_name_reads_equipe_in_the_french_debrief(tmp_path):
    folder = _short_round(tmp_path)
    logs = [read_round_log(p) for p in Session.open(folder).round_logs()]
    assert logs[0].header.team == DEFAULT_TEAM
    assert analyse_logs(logs)[0].team == "Team"
    with using_language("fr"):
        assert analyse_logs(logs)[0].team == "Équipe"


def test_the_dashboard_tile_shows_the_default_name_in_french(tmp_path):
    pytest.importorskip("starlette")
    pytest.importorskip("httpx2")
    from starlette.testclient import TestClient

    from kitchen.hub.app import create_app
    from kitchen.hub.config import HubConfig

    app = create_app(HubConfig(workshop="Atelier", folder=tmp_path / "ws", announce=False))
    with TestClient(app) as client, using_language("fr"):
        hub = client.app.state.hub
        joined = client.post("/api/join", json={"join_code": hub.join_code, "team": "Team"})
        assert joined.status_code == 200
        assert [tile.team for tile in hub.tiles()] == ["Équipe"]


def test_the_title_screen_shows_the_default_name_in_french(env):
    from kitchen.ui.scenes.title import TitleScene

    app = env.app()
    assert app.team == DEFAULT_TEAM
    with using_language("fr"):
        title = TitleScene(app)
        labels = [item.text() for item in title.menu.items]
        assert "Équipe : Équipe" in [label.replace("\u00a0", " ") for label in labels], labels
        title.edit_team()
        assert title.draft == "Équipe"
        title._finish_edit(keep=True)  # the default kept as it is: no new session
    assert app.team == DEFAULT_TEAM
    assert app.session is None
