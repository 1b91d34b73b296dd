"""Saving an edited level so the file still reads as its designer wrote it.

:func:`save_text` takes the file's text as it was and the level's data as it is now, and
writes the new text: every part of the file whose data did not change is copied byte for
byte (comments, key order, quoting, line breaks in long flow mappings), and only what
changed is written again, through ruamel.yaml's round-trip mode, which keeps the comments
and the flow or block style of the part it writes. Saving data that did not change gives
the same bytes.

Only saving uses ruamel.yaml: levels are still loaded and checked by
:mod:`kitchen.content.source` and :mod:`kitchen.content.loader`.
"""

from __future__ import annotations

import difflib
import io
import json
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from kitchen.content.source import parse_yaml

FLOW_WIDTH = 80
"""A new mapping or list whose flow form (``{a: 1, b: [2, 3]}``) is shorter than this is
written in flow style, as the shipped levels write small blocks."""


def _represent_none(representer: RoundTripRepresenter, _data: None) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # a changed flow mapping stays on one line, never broken mid-text
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(type(None), _represent_none)
    return yaml


def same(a: Any, b: Any) -> bool:
    """Whether two plain values are the same data (``1`` and ``1.0`` are; ``1`` and
    ``True`` are not)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def save_text(original: str, data: dict[str, Any]) -> str:
    """The text of a level file whose data is now ``data``, written over ``original`` (the
    file's text when it was opened): unchanged parts keep their exact bytes.

    Raises:
        SourceError: ``original`` is not YAML the loader reads (a new file starts from a
            template's text instead).
    """
    old = parse_yaml(original, "<original>").data
    if same(old, data):
        return original
    if not isinstance(old, dict) or not old:
        return dump_new(data)
    yaml = _yaml()
    # Read a second time only to keep comments and layout: the text has just passed the
    # safe, bounded loader above (parse_yaml), and ruamel's round-trip constructor builds
    # only its comment-keeping maps, lists and scalars, never objects named by a tag.
    doc = yaml.load(original)
    if not isinstance(doc, CommentedMap):
        return dump_new(data)
    lines = original.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
        trailing_newline = False
    else:
        trailing_newline = True
    first = min(doc.lc.key(k)[0] for k in doc)
    body = _mapping(yaml, lines, doc, old, data, first, len(lines))
    text = "".join(lines[:first]) + body
    if not trailing_newline and text.endswith("\n"):
        text = text[:-1]
    return text


def dump_new(data: dict[str, Any]) -> str:
    """A whole level written from scratch (small blocks in flow style, maps as ``|``)."""
    yaml = _yaml()
    out = io.StringIO()
    yaml.dump(_fresh(data, top=True), out)
    return out.getvalue()


def _is_tail(line: str, col: int) -> bool:
    stripped = line.strip()
    if not stripped:
        return True
    indent = len(line) - len(line.lstrip(" "))
    return stripped.startswith("#") and indent <= col


def _split_tail(span: list[str], col: int) -> tuple[list[str], list[str]]:
    """A span's own lines, and the blank and comment lines after them (kept as they are)."""
    end = len(span)
    while end > 1 and _is_tail(span[end - 1], col):
        end -= 1
    return span[:end], span[end:]


def _mapping(
    yaml: YAML,
    lines: list[str],
    node: CommentedMap,
    old: dict[str, Any],
    new: dict[str, Any],
    start: int,
    end: int,
) -> str:
    """The text of a block mapping spanning ``lines[start:end]`` whose data changed."""
    keys = list(node)
    starts = [node.lc.key(k)[0] for k in keys]
    col = node.lc.key(keys[0])[1]
    spans = {
        k: (s, starts[i + 1] if i + 1 < len(keys) else end)
        for i, (k, s) in enumerate(zip(keys, starts, strict=True))
    }
    pieces: dict[Any, str] = {}
    for key in keys:
        a, b = spans[key]
        own, tail = _split_tail(lines[a:b], col)
        if key not in new:
            pieces[key] = "".join(tail)
        elif same(old.get(key), new[key]):
            pieces[key] = "".join(lines[a:b])
        else:
            pieces[key] = _changed_entry(yaml, lines, node, key, old.get(key), new[key], a, b)
            pieces[key] += "".join(tail)
    # Keys the data adds go after the key that comes before them in the data.
    out: list[str] = []
    placed: list[Any] = [k for k in keys]
    for key in new:
        if key in node:
            continue
        before = [k for k in list(new)[: list(new).index(key)] if k in placed]
        text = _indent(_emit_entry(yaml, key, _fresh(new[key]), None), col)
        if before:
            placed.insert(placed.index(before[-1]) + 1, key)
        else:
            placed.insert(0, key)
        pieces[key] = text
    for key in placed:
        out.append(pieces[key])
    return "".join(out)


def _changed_entry(
    yaml: YAML,
    lines: list[str],
    node: CommentedMap,
    key: Any,
    old: Any,
    new: Any,
    a: int,
    b: int,
) -> str:
    """The text of one changed ``key: value`` spanning ``lines[a:b]`` (its tail excluded)."""
    col = node.lc.key(key)[1]
    value = node[key]
    own, _ = _split_tail(lines[a:b], col)
    if (
        isinstance(value, CommentedMap)
        and not value.fa.flow_style()
        and value
        and (isinstance(old, dict) and isinstance(new, dict) and new)
    ):
        first = min(value.lc.key(k)[0] for k in value)
        if first > a:
            return "".join(lines[a:first]) + _mapping(
                yaml, lines, value, old, new, first, a + len(own)
            )
    if (
        isinstance(value, CommentedSeq)
        and not value.fa.flow_style()
        and value
        and (isinstance(old, list) and isinstance(new, list) and new)
    ):
        first = value.lc.item(0)[0]
        if first > a:
            return "".join(lines[a:first]) + _sequence(
                yaml, lines, value, old, new, first, a + len(own)
            )
    merged = _merge(value, new)
    return _indent(_emit_entry(yaml, key, merged, node.ca.items.get(key)), col)


def _dash_col(line: str, col: int) -> int:
    at = line.rfind("-", 0, col + 1)
    return at if at >= 0 else col


def _sequence(
    yaml: YAML,
    lines: list[str],
    node: CommentedSeq,
    old: list[Any],
    new: list[Any],
    start: int,
    end: int,
) -> str:
    """The text of a block sequence spanning ``lines[start:end]`` whose data changed; items
    that are the same are matched in order (an item taken out of the middle leaves the
    others as they were)."""
    starts = [node.lc.item(i)[0] for i in range(len(node))]
    dash = _dash_col(lines[starts[0]], node.lc.item(0)[1])
    spans = [(s, starts[i + 1] if i + 1 < len(starts) else end) for i, s in enumerate(starts)]

    def key(value: Any) -> str:
        return json.dumps(value, sort_keys=False, default=str)

    matcher = difflib.SequenceMatcher(a=[key(v) for v in old], b=[key(v) for v in new])
    out: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.extend("".join(lines[slice(*spans[i])]) for i in range(i1, i2))
            continue
        tails = []
        for i in range(i1, i2):
            _, tail = _split_tail(lines[slice(*spans[i])], dash)
            tails.append("".join(tail))
        for n, j in enumerate(range(j1, j2)):
            i = i1 + n
            if i < i2:
                item = _merge(node[i], new[j])
                comment = node.ca.items.get(i)
            else:
                item = _fresh(new[j], flow=_flow_like(node))
                comment = None
            out.append(_indent(_emit_item(yaml, item, comment), dash))
        out.extend(tails)
    return "".join(out)


def _flow_like(node: CommentedSeq) -> bool | None:
    """Whether the other items of a list are flow mappings (new items then are too)."""
    styles = [v.fa.flow_style() for v in node if isinstance(v, (CommentedMap, CommentedSeq))]
    return (sum(styles) * 2 >= len(styles)) if styles else None


def _emit_entry(yaml: YAML, key: Any, value: Any, comment: Any) -> str:
    holder = CommentedMap()
    holder[key] = value
    if comment is not None:
        holder.ca.items[key] = comment
    return _strip_comment_tail(_dump(yaml, holder))


def _emit_item(yaml: YAML, item: Any, comment: Any) -> str:
    holder = CommentedSeq([item])
    if comment is not None:
        holder.ca.items[0] = comment
    text = _strip_comment_tail(_dump(yaml, holder))
    lines = text.splitlines(keepends=True)
    lead = len(lines[0]) - len(lines[0].lstrip(" "))
    return "".join(line[lead:] if line[:lead].strip() == "" else line for line in lines)


def _dump(yaml: YAML, value: Any) -> str:
    out = io.StringIO()
    yaml.dump(value, out)
    return out.getvalue()


def _strip_comment_tail(text: str) -> str:
    """Drop the blank and whole-line comment lines ruamel writes after an entry (they are
    kept from the original text instead)."""
    lines = text.splitlines(keepends=True)
    while len(lines) > 1 and _is_tail(lines[-1], 0):
        lines.pop()
    return "".join(lines)


def _indent(text: str, col: int) -> str:
    if col <= 0:
        return text
    pad = " " * col
    return "".join(pad + line if line.strip() else line for line in text.splitlines(True))


def _merge(node: Any, new: Any) -> Any:
    """``node`` (ruamel's round-trip data) made equal to ``new``, keeping the style and
    comments of every part that stays."""
    if isinstance(node, CommentedMap) and isinstance(new, dict):
        for k in [k for k in node if k not in new]:
            del node[k]
        for k, v in new.items():
            node[k] = (
                _merge(node[k], v)
                if k in node
                else _fresh(v, flow=True if node.fa.flow_style() else None)
            )
        return node
    if isinstance(node, CommentedSeq) and isinstance(new, list):
        for i, v in enumerate(new):
            if i < len(node):
                node[i] = _merge(node[i], v)
            else:
                node.append(_fresh(v, flow=_flow_like(node) if len(node) else None))
        del node[len(new) :]
        return node
    if same(_plain(node), new):
        return node
    if isinstance(new, str) and isinstance(node, (LiteralScalarString, FoldedScalarString)):
        return type(node)(new)
    return _fresh(new)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    return value


def _short(value: Any) -> bool:
    try:
        text = json.dumps(value)
    except (TypeError, ValueError):
        return False
    return len(text) < FLOW_WIDTH and "\\n" not in text


def _fresh(value: Any, flow: bool | None = None, top: bool = False) -> Any:
    """New round-trip data for ``value``: maps (text with line breaks) as ``|`` blocks,
    small mappings and lists in flow style unless ``flow`` says otherwise."""
    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = _fresh(v)
        if not top:
            out.fa.set_flow_style() if (flow if flow is not None else _short(value)) else (
                out.fa.set_block_style()
            )
        return out
    if isinstance(value, list):
        seq = CommentedSeq(_fresh(v) for v in value)
        if flow if flow is not None else _short(value):
            seq.fa.set_flow_style()
        else:
            seq.fa.set_block_style()
        return seq
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value


def check_saved(text: str, name: str) -> None:
    """Raise :class:`SourceError` if ``text`` is not YAML the loader reads."""
    parse_yaml(text, name)
