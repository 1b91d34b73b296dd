"""The report's session line names the levels played after a colon that is part of the
translated words, so French puts its no-break space before it ("1 niveau : ...")."""

from __future__ import annotations

from kitchen.content import load_level
from kitchen.debrief.analysis import analyse_logs
from kitchen.debrief.report import render_html
from kitchen.i18n import using_language
from kitchen.paths import shipped_levels
from kitchen.session import RecordedRound, Session, read_round_log
from kitchen.sim.actions import EndRound


def test_the_levels_line_has_the_languages_colon(tmp_path):
    level = load_level(shipped_levels()[0])
    session = Session.create("Ward 7", root=tmp_path)
    rec = RecordedRound(level, 1, sorted(level.spec.starts), session=session)
    while not rec.round.finished:
        rec.step({}, [EndRound()] if rec.round.tick == 30 else [])
    rec.close()
    assert rec.log_path is not None
    sessions = analyse_logs([read_round_log(rec.log_path)])
    title = sessions[0].rounds[0].level_caption
    with using_language("fr"):
        french = render_html(sessions)
    english = render_html(sessions)
    assert "1 niveau\u00a0: " in french
    assert "1 niveau: " not in french
    assert "1 level: " in english
    assert title.split(" (")[0] in english
