"""Every name a player reads from a shipped level has French (issue 16): its zones and roles
(drawn on the kitchen floor, in the redesign panels, on microphones and in the debrief),
its recipes' and ingredients' titles, its disruptions' labels and its tutorial's prompts."""

from __future__ import annotations

import pytest
from frontend_support import env  # noqa: F401  (fixture)

from kitchen.content import load_level, load_level_text
from kitchen.content.shown_names import SHIPPED_PLACES, place_name
from kitchen.i18n import using_language
from kitchen.paths import shipped_levels
from kitchen.ui.names import zone_name
from kitchen.ui.render.words import title_words

LEVELS = shipped_levels()


@pytest.mark.parametrize("path", LEVELS, ids=[p.stem for p in LEVELS])
def test_every_shown_name_of_a_shipped_level_has_french(path):
    spec = load_level(path).spec
    places = {*spec.zones.values(), *(role.name for role in spec.roles)}
    assert places <= SHIPPED_PLACES, "a shipped zone or role without words in shown_names.py"
    titles = [r.title for r in spec.recipes.values()] + [i.title for i in spec.ingredients.values()]
    definition = load_level_text(path.read_text(encoding="utf-8"), path.name).definition
    texts = [d.label for d in definition.disruptions if d.label]
    if definition.tutorial is not None:
        texts += [step.say for step in definition.tutorial.steps]
        texts += [definition.tutorial.finish]
    for text in texts:
        assert "fr" in text.translations, (path.name, str(text))
    with using_language("fr"):
        for place in places:
            assert place_name(place) != place, place
            assert zone_name(place) == place_name(place)
        for title in titles:
            assert title_words(title) != title, title


def test_zone_names_in_french_and_english():
    with using_language("fr"):
        assert (zone_name("prep"), zone_name("pass")) == ("préparation", "passe")
        assert zone_name("cold_room") == "cold room"  # a level's own name, as written
    assert (zone_name("prep"), zone_name("pass")) == ("prep", "pass")


def test_the_french_report_names_zones_tags_and_the_default_team_in_french(tmp_path, capsys):
    import random

    from kitchen.cli import main
    from kitchen.session import RecordedRound, Session
    from kitchen.sim import Command
    from kitchen.sim.actions import EndRound, Tag

    silos = next(p for p in LEVELS if p.stem == "06_silos")
    level = load_level(silos)
    session = Session.create("", root=tmp_path)
    rec = RecordedRound(level, 1, sorted(level.spec.starts), session=session)
    rng = random.Random(1)
    while not rec.round.finished:
        tick = rec.round.tick
        actions: list = [EndRound()] if tick == 600 else []
        if tick == 60:
            actions.append(Tag("good closed loop", "vu"))
        moves = {p: Command(move=(rng.randint(-1, 1), rng.randint(-1, 1))) for p in rec.round.chefs}
        rec.step(moves, actions)
    french = tmp_path / "fr.html"
    assert main(["--lang", "fr", "report", str(session.folder), "-o", str(french)]) == 0
    capsys.readouterr()
    text = french.read_text("utf-8")
    assert "<td>préparation</td>" in text
    assert "<td>passe</td>" in text
    assert "<td>prep</td>" not in text
    assert "bonne boucle fermée" in text
    assert "good closed loop" not in text
    assert "Équipe" in text


def test_the_kitchen_floor_names_its_zones_in_the_language_in_force(env):  # noqa: F811
    from kitchen.ui.scenes.play import PlayScene

    path = next(p for p in LEVELS if p.stem == "06_silos")
    app = env.app(seed=3)
    play = PlayScene(app, load_level(path), path, [], bots=True)
    app.reset_to(play)
    app.pop()  # the countdown
    drawn: list[str] = []
    app.text.on_draw = lambda draw: drawn.append(draw.text)
    with using_language("fr"):
        play.draw(app.logical)
    assert {"PRÉPARATION", "PASSE"} <= set(drawn), drawn
    drawn.clear()
    play.draw(app.logical)  # back in English: the kept kitchen layer is drawn again
    assert {"PREP", "PASS"} <= set(drawn), drawn
    app.text.on_draw = None
