"""A team's prediction read in the language in force (French words, accents or not, a
decimal comma), English words still read in French, and the prediction read back as one
whole sentence of the language (no English fragment in a French sentence)."""

from __future__ import annotations

import pytest

from kitchen.debrief.pdsa import READS_AS, prediction_text
from kitchen.i18n import _, using_language
from kitchen.session.cycles import Cycle, Prediction
from kitchen.session.prediction_words import read_prediction


@pytest.mark.parametrize(
    ("words", "measure", "comparison", "value"),
    [
        ("au moins 9 plats", "service.served", "at_least", 9),
        ("Aucune transmission perdue", "coordination.lost_handoffs", "at_most", 0),
        ("zéro transmission perdue", "coordination.lost_handoffs", "at_most", 0),
        ("moins de 3 commandes expirées", "service.expired", "less_than", 3),
        ("moins de 3 commandes expirees", "service.expired", "less_than", 3),
        ("un score de 120 ou plus", "service.score", "at_least", 120),
        ("au moins 80 % de boucles fermées", "communication.closed_loop_ratio", "at_least", 0.8),
        ("plus de 12 annonces", "communication.callouts", "more_than", 12),
        ("pas plus de 2 événements indésirables", "service.safety_incidents", "at_most", 2),
        ("exactement 10 transmissions", "coordination.handoffs", "exactly", 10),
        ("au plus 4,5 points", "service.score", "at_most", 4.5),
        ("pas de transmission perdue", "coordination.lost_handoffs", "at_most", 0),
        ("aucun gaspillage", "flow.waste", "at_most", 0),
        ("Pas d’annonce", "communication.callouts", "at_most", 0),
        # English words a French team may use, and English said in a French game
        ("au moins 5 call-outs", "communication.callouts", "at_least", 5),
        ("fewer than 3 expired orders", "service.expired", "less_than", 3),
        ("No lost hand-offs", "coordination.lost_handoffs", "at_most", 0),
    ],
)
def test_a_french_prediction_is_read_in_french(words, measure, comparison, value):
    with using_language("fr"):
        p = read_prediction(words)
    assert p is not None, words
    assert (p.words, p.measure, p.comparison, p.value) == (words, measure, comparison, value)


def test_french_words_are_read_only_when_french_is_in_force():
    assert read_prediction("moins de 3 commandes expirées") is None  # English in force
    p = read_prediction("moins de 3 commandes expirées", language="fr")
    assert p is not None
    assert (p.measure, p.comparison) == ("service.expired", "less_than")
    with using_language("fr"):
        assert read_prediction("ce sera plus calme") is None
        assert read_prediction("plus de plats") is None


def _cycle(measure: str, comparison: str, value: float) -> Cycle:
    prediction = Prediction(words="x", measure=measure, comparison=comparison, value=value)
    return Cycle(
        number=1,
        idea="idea",
        prediction=prediction,
        original_level="levels/x.yaml",
        level_file="redesign-01.yaml",
        compared_round=1,
        seed=1,
    )


@pytest.mark.parametrize(
    ("measure", "comparison", "value", "english", "french"),
    [
        ("service.served", "at_least", 9, "Dishes served at least 9", "Plats servis : au moins 9"),
        (
            "coordination.lost_handoffs",
            "at_most",
            0,
            "Lost hand-offs at most 0",
            "Transmissions perdues : au plus 0",
        ),
        ("service.expired", "less_than", 3, "Orders expired fewer than 3", "moins de 3"),
        ("service.score", "more_than", 1200, "Score more than 1,200", "Score : plus de 1\u00a0200"),
        (
            "communication.closed_loop_ratio",
            "exactly",
            0.8,
            "Closed-loop ratio exactly 80%",
            "Taux de boucle fermée : exactement 80\u00a0%",
        ),
    ],
)
def test_the_prediction_reads_back_as_one_sentence_of_the_language(
    measure, comparison, value, english, french
):
    cycle = _cycle(measure, comparison, value)
    assert prediction_text(cycle) == english
    with using_language("fr"):
        text = prediction_text(cycle)
    assert french in text
    for word in ("at least", "at most", "fewer", "more than", "exactly"):
        assert word not in text


def test_every_comparison_has_a_whole_french_sentence():
    with using_language("fr"):
        for template in READS_AS.values():
            french = _(template)
            assert french != template
            assert "{measure}" in french
            assert "{value}" in french
