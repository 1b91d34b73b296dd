"""The registry of disruption kinds matches what level files may name."""

from __future__ import annotations

import typing

from kitchen.content import disruption_model
from kitchen.sim.disruption_kinds import DISRUPTION_KINDS, KINDS
from kitchen.sim.disruption_kinds.base import DisruptionKind


def kinds_level_files_may_name() -> set[str]:
    """The ``kind`` values of the content models in the ``disruptions:`` union."""
    union = typing.get_args(disruption_model.DisruptionDef)[0]
    names: set[str] = set()
    for model in typing.get_args(union):
        names.update(typing.get_args(model.model_fields["kind"].annotation))
    return names


def test_every_kind_a_level_may_name_has_exactly_one_handler():
    """A kind with a content model but no handler (or the reverse) is caught here."""
    assert set(KINDS) == kinds_level_files_may_name() == set(disruption_model.DEFAULT_LABELS)
    assert tuple(KINDS) == DISRUPTION_KINDS


def test_each_handler_is_registered_under_its_own_kind():
    """The registry key is the handler's ``kind``; instant kinds are the one-shot ones."""
    for name, handler in KINDS.items():
        assert isinstance(handler, DisruptionKind)
        assert handler.kind == name
    assert {k for k, h in KINDS.items() if h.instant} == {"surge", "special_order"}
