"""The libyaml loader reads files exactly as the pure-Python one does (content/source.py):
the same data and the same positions for every key and value, and, when something is
wrong, the pure loader's own problem."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kitchen.content import source
from kitchen.content.problems import SourceError

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted(
    [*ROOT.glob("levels/*.yaml"), *ROOT.glob("levels/baselines/*.yaml")]
    + [*ROOT.glob("assets/lessons/*.yaml")]
)

pytestmark = pytest.mark.skipif(
    source._FAST_LOADER is None, reason="PyYAML was built without libyaml"
)


def _both(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    def read() -> object:
        try:
            doc = source.parse_yaml(text, "x.yaml")
        except SourceError as err:
            return ("problem", str(err))
        return (doc.data, doc.values, doc.keys, doc.blocks)

    fast = read()
    with monkeypatch.context() as m:
        m.setattr(source, "_FAST_LOADER", None)
        pure = read()
    return fast, pure


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_file_reads_the_same(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, pure = _both(path.read_text(encoding="utf-8"), monkeypatch)
    assert fast == pure


@pytest.mark.parametrize(
    "text",
    [
        'name: "never closed\n',
        "a: 1\na: 2\n",
        "a: !!python/object:os.system x\n",
        "a: [1, 2\n",
        'a: "\\U00110000"\n',
        "a:\n\t- tab\n",
        "- a\nb: c\n",
        "a: *nowhere\n",
    ],
)
def test_problems_are_the_pure_loaders_own(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, pure = _both(text, monkeypatch)
    assert fast == pure
    assert fast[0] == "problem"


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
)
_data = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(min_size=1, max_size=12), inner, max_size=4),
    ),
    max_leaves=25,
)


@settings(max_examples=60, deadline=None)
@given(data=_data, flow=st.booleans(), style=st.sampled_from([None, '"', "'", "|"]))
def test_any_document_reads_the_same(data: object, flow: bool, style: str | None) -> None:
    text = yaml.safe_dump(
        {"doc": data}, default_flow_style=flow, default_style=style, allow_unicode=True
    )
    with pytest.MonkeyPatch.context() as m:
        fast, pure = _both(text, m)
    assert fast == pure
