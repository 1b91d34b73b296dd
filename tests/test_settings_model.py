"""The settings model in ``kitchen.content`` checks key names against the key table the
front end gives it, without importing pygame."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from kitchen.content.settings_model import DEFAULT_LAYOUTS, KEYS, Settings
from kitchen.content.settings_store import SettingsStore


class FakeKeys:
    """Every default key name, lower-cased to a made-up code; F1 is reserved."""

    reserved = frozenset({999})

    def code(self, name: str) -> int | None:
        if name == "F1":
            return 999
        known = {v for layout in DEFAULT_LAYOUTS for k, v in layout.items() if k != "name"}
        known |= {"Z"}
        return sum(map(ord, name.lower())) if name in known else None


def layouts(**change: str) -> list[dict[str, str]]:
    first = {**DEFAULT_LAYOUTS[0], **change}
    return [first, *DEFAULT_LAYOUTS[1:]]


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"up": "Nope"}, "unknown key name 'Nope'"),
        ({"up": "F1"}, "'F1' is reserved for the facilitator and menus"),
        ({"up": "S"}, "key 'S' is bound twice (layout 1 up and layout 1 down)"),
    ],
)
def test_key_names_are_checked_against_the_given_key_table(change, says):
    with pytest.raises(ValidationError) as err:
        Settings.model_validate({"layouts": layouts(**change)}, context={KEYS: FakeKeys()})
    assert says in str(err.value)


def test_a_known_free_key_is_accepted_and_without_a_key_table_only_the_shape_is_checked():
    good = Settings.model_validate({"layouts": layouts(up="Z")}, context={KEYS: FakeKeys()})
    assert good.layouts[0].up == "Z"
    assert Settings.model_validate({"layouts": layouts(up="Nope")}).layouts[0].up == "Nope"
    with pytest.raises(ValidationError, match="exactly 4 key layouts"):
        Settings.model_validate({"layouts": layouts()[:3]})


def test_the_store_checks_keys_with_its_key_table(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"layouts": layouts(up="Nope")}), encoding="utf-8")
    store = SettingsStore(path, keys=FakeKeys())
    assert store.load() == Settings()
    assert store.message is not None
    assert store.message.startswith(
        "Your settings file has a problem: layouts.0.up: unknown key name 'Nope'."
    )
