"""Why a figure is not measured is kept in English in the metrics (and the JSON) and said in
the language in force on screen (issue 16)."""

from __future__ import annotations

import pytest

from kitchen.debrief import communication_metrics
from kitchen.debrief.labels import not_measurable
from kitchen.i18n import using_language
from kitchen.ui.render.people_table import REASONS, reason_words

KEPT = [communication_metrics.NO_PEOPLE, communication_metrics.ONE_PERSON]
"""Every reason the communication metrics keep in ``not_measured``."""


@pytest.mark.parametrize("reason", KEPT)
def test_every_reason_the_metrics_keep_is_said_in_french(reason):
    assert reason in REASONS
    with using_language("en"):
        assert reason_words(reason) == reason
    with using_language("fr"):
        said = reason_words(reason)
        assert said != reason
        assert "played" not in said
        assert not_measurable() == "n.d."


def test_the_people_page_keeps_the_reason_in_english_and_draws_it_in_french():
    from kitchen.debrief.metrics import RoundMetrics
    from kitchen.ui.render.people_table import people_page

    metrics = RoundMetrics(info={}, sections={"communication": {"not_measured": None}})
    page = people_page(metrics)
    assert page.not_measured == "no people played"
    with using_language("fr"):
        assert reason_words(page.not_measured) == "aucune personne n’a joué"
