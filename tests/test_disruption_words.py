"""The debrief's timeline and the report name disruptions in the language in force: the
level's own label in that language, else the name of the disruption's kind, never the log's
English in French (issue 16); the log and the exports keep the English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kitchen.debrief.disruption_words import (
    disruption_name,
    ending_words,
    kind_name,
    source_words,
)
from kitchen.debrief.svg import timeline_svg
from kitchen.debrief.timeline import build_timeline
from kitchen.events import DisruptionEnded, DisruptionStarted, RoundEnded, RoundStarted
from kitchen.i18n import using_language
from kitchen.paths import shipped_levels
from kitchen.session import RecordedRound
from kitchen.sim.actions import EndRound, TriggerDisruption

BROKEN_KIT = next(p for p in shipped_levels() if "broken_kit" in p.name)
TEXT = BROKEN_KIT.read_text(encoding="utf-8")
TPS = 60


def events(label: str = "Stove fails", kind: str = "breakdown") -> list:
    """A hand-built round with one disruption from 10 s to 20 s."""
    return [
        RoundStarted(0, "broken_kit", 1, (1, 2), TPS, 60 * TPS),
        DisruptionStarted(10 * TPS, 1, kind, label, "scheduled", None, ((3, 0),)),
        DisruptionEnded(20 * TPS, 1, kind, "repaired", 1),
        RoundEnded(60 * TPS, 0, 0, 0, 0, 0),
    ]


def test_the_level_s_own_label_names_a_disruption_in_each_language():
    with using_language("en"):
        assert disruption_name("breakdown", "Stove fails", TEXT) == "Stove fails"
    with using_language("fr"):
        assert disruption_name("breakdown", "Stove fails", TEXT) == "Fourneau en panne"
        assert disruption_name("breakdown", "Window jammed", TEXT) == "Passe bloqué"


@pytest.mark.parametrize("level_text", [None, "not: [a level", TEXT])
def test_without_the_level_s_label_french_names_the_kind_never_the_log_s_english(level_text):
    with using_language("fr"):
        said = disruption_name("breakdown", "Freezer on fire", level_text)
        assert said == "Panne d’équipement"
        assert disruption_name("warp_drive", "Warp", level_text) == "Perturbation"
    with using_language("en"):  # English shows the log's own label
        assert disruption_name("breakdown", "Freezer on fire", level_text) == "Freezer on fire"


def test_kind_source_and_ending_are_french_in_french_and_the_log_s_words_in_english():
    with using_language("en"):
        assert (kind_name("breakdown"), source_words("random")) == ("breakdown", "random")
        assert ending_words("repaired") == "repaired"
    with using_language("fr"):
        assert kind_name("breakdown") == "Panne d’équipement"
        assert source_words("facilitator") == "par l’animateur"
        assert source_words("scheduled") == "programmée"
        assert ending_words("repaired") == "réparée"
        assert ending_words("round_over") == "fin de la manche"
        assert ending_words(None) == ""


def test_the_timeline_and_its_picture_name_the_disruption_in_the_language_in_force():
    with using_language("fr"):
        tl = build_timeline(events(), TEXT)
        assert [d.label for d in tl.disruptions] == ["Fourneau en panne"]
        assert [m.label for m in tl.moments() if m.kind == "disruption"] == ["Fourneau en panne"]
        svg = timeline_svg(tl)
        assert "Fourneau en panne (Panne d’équipement)" in svg
        assert "Stove" not in svg
        assert "breakdown" not in svg
        assert ">Commandes<" in svg
        assert ">Orders<" not in svg
        unknown = build_timeline(events("Something odd"), TEXT)
        assert unknown.disruptions[0].label == "Panne d’équipement"
    with using_language("en"):
        tl = build_timeline(events(), TEXT)
        assert [d.label for d in tl.disruptions] == ["Stove fails"]
        svg = timeline_svg(tl)
        assert "Stove fails (breakdown)" in svg
        assert ">Orders<" in svg
        assert build_timeline(events()).disruptions[0].label == "Stove fails"


def _short_round(tmp_path: Path) -> Path:
    """A 20-second round of Broken Kit with its first disruption (Stove fails) at 5 s."""
    from kitchen.content import load_level

    level = load_level(BROKEN_KIT)
    log = tmp_path / "round.jsonl"
    rec = RecordedRound(level, 1, sorted(level.spec.starts), log_path=log)
    while not rec.round.finished:
        tick = rec.round.tick
        actions: list = [EndRound()] if tick == 20 * TPS else []
        if tick == 5 * TPS:
            actions.append(TriggerDisruption(0))
        rec.step({}, actions)
    return log


def test_the_french_report_names_the_disruption_in_french_and_the_json_keeps_english(
    tmp_path, capsys
):
    from kitchen.cli import main

    log = _short_round(tmp_path)
    out = tmp_path / "r.html"
    assert main(["--lang", "fr", "report", str(log), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Fourneau en panne" in html
    assert "(Panne d’équipement, par l’animateur)" in html
    assert "Stove fails" not in html
    data = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert "Stove fails" in json.dumps(data)  # the export keeps the log's words
    english = tmp_path / "en.html"
    assert main(["--lang", "en", "report", str(log), "-o", str(english)]) == 0
    text = english.read_text(encoding="utf-8")
    assert "Stove fails" in text
    assert "(breakdown, facilitator)" in text
    assert "Fourneau" not in text


def test_built_in_dishes_and_ingredients_on_the_timeline_are_french_in_french():
    from kitchen.debrief.timeline import dish_words, item_words

    with using_language("fr"):
        assert dish_words("onion_soup") == "soupe à l’oignon"
        assert item_words("onion") == "oignon"
        assert item_words("tomato:chopped") == "tomate coupée"
        assert dish_words("house_special") == "house special"  # a level's own keeps its id
        assert item_words("plate[soup:onion]") == "plate[soup:onion]"
    with using_language("en"):  # English keeps the log's words, as before
        assert dish_words("onion_soup") == "onion soup"
        assert item_words("tomato:chopped") == "tomato:chopped"
