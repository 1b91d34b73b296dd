"""Reading YAML that people write: safe loading, with the file position of every value.

:func:`parse_yaml` builds plain Python data from the YAML node tree (using PyYAML's safe
loader only) and records where each value and each mapping key stands in the file, so a
later check can say ``file:line:col`` for any key path. It refuses oversized files,
documents that expand too much (alias bombs), very deep nesting, duplicate keys and
non-UTF-8 text, each with a message rather than a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

from kitchen.content.problems import Problem, SourceError
from kitchen.content.reading import check_control_characters, read_text
from kitchen.content.reading import decode_utf8 as _decode_utf8
from kitchen.i18n import _, format_number

MAX_BYTES = 1_000_000
"""Largest file accepted, in bytes. Levels are a few kilobytes."""

MAX_NODES = 100_000
"""Most values a document may expand to (aliases counted each time they are used)."""

MAX_DEPTH = 64
"""Deepest nesting of mappings and lists accepted."""

KeyPath = tuple[Any, ...]

_MERGE_TAG = "tag:yaml.org,2002:merge"


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column in a file."""

    line: int
    col: int


@dataclass(frozen=True, slots=True)
class BlockScalar:
    """Where the text of a block scalar (``|``) starts: line of its first row, indent."""

    first_line: int
    indent: int
    style: str = "|"


@dataclass
class SourceDoc:
    """A parsed YAML document and the positions of its parts."""

    name: str
    text: str
    data: Any
    values: dict[KeyPath, Position] = field(default_factory=dict)
    keys: dict[KeyPath, Position] = field(default_factory=dict)
    blocks: dict[KeyPath, BlockScalar] = field(default_factory=dict)

    def position(self, path: KeyPath, *, key: bool = False) -> Position:
        """The position of the value (or key) at ``path``, else of its nearest parent."""
        table = self.keys if key else self.values
        for cut in range(len(path), -1, -1):
            found = table.get(path[:cut]) or self.values.get(path[:cut])
            if found is not None:
                return found
        return Position(1, 1)

    def problem(self, path: KeyPath, message: str, *, key: bool = False) -> Problem:
        """A :class:`Problem` positioned at ``path``."""
        pos = self.position(path, key=key)
        return Problem(self.name, pos.line, pos.col, message, format_path(path))


def format_path(path: KeyPath) -> str:
    """``("recipes", 2, "cook")`` -> ``recipes[2].cook``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def read_yaml_file(path: str | Path, *, display_name: str | None = None) -> SourceDoc:
    """Read and parse a YAML file written by a person (through :mod:`kitchen.content.reading`).

    Raises:
        SourceError: the file is missing, not a regular file, too large, not UTF-8 or not
            valid YAML.
    """
    name = display_name or str(path)
    return parse_yaml(read_text(path, limit=MAX_BYTES, name=name), name)


def decode_utf8(raw: bytes, name: str) -> str:
    """Decode ``raw`` as UTF-8 (a byte-order mark is allowed), or explain where it fails."""
    if len(raw) > MAX_BYTES:
        raise SourceError(
            Problem(
                name,
                1,
                1,
                _("file is {size} bytes; the limit is {limit}").format(
                    size=format_number(len(raw)), limit=format_number(MAX_BYTES)
                ),
            )
        )
    return _decode_utf8(raw, name)


def parse_yaml(text: str, name: str = "<text>") -> SourceDoc:
    """Parse YAML ``text`` safely into data plus positions.

    The text is checked before PyYAML builds anything from it: control characters, nesting
    depth and tags are refused with their positions, so no input ends in a traceback.

    Raises:
        SourceError: invalid YAML or a document that breaks the limits above.
    """
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise SourceError(
            Problem(
                name,
                1,
                1,
                _("text is larger than {limit} bytes").format(limit=format_number(MAX_BYTES)),
            )
        )
    check_control_characters(text, name)
    # Two passes: the event stream first (iterative: depth and tags are checked before the
    # composer recurses), then the node tree.
    _with_loader(text, name, lambda loader: _check_events(loader, name))
    loader, node = _with_loader(text, name, lambda loader: loader.get_single_node())
    doc = SourceDoc(name=name, text=text, data=None)
    if node is None:
        return doc
    builder = _Builder(doc, loader)
    doc.data = builder.build(node, (), 0)
    return doc


_T = TypeVar("_T")


_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", None)
"""PyYAML's safe loader on libyaml (its wheels carry it): the same constructor and resolver
as :class:`yaml.SafeLoader` with the parsing in C, ten times faster. ``None`` where PyYAML
was built without libyaml."""


def _with_loader(text: str, name: str, work: Callable[[Any], _T]) -> tuple[Any, _T]:
    """Run ``work`` on a fresh safe loader of ``text``; every PyYAML error is a problem.

    The libyaml loader reads the text when there is one; when it meets anything wrong, the
    pure-Python loader reads it again, so every problem (and its wording and position) is
    the pure loader's own whichever PyYAML is installed."""
    if _FAST_LOADER is not None:
        fast = _FAST_LOADER(text)
        try:
            return fast, work(fast)
        except (yaml.YAMLError, ValueError, OverflowError, SourceError):
            pass
        finally:
            fast.dispose()
    loader = yaml.SafeLoader(text)
    try:
        return loader, work(loader)
    except yaml.MarkedYAMLError as err:
        raise SourceError(_syntax_problem(err, text, name)) from None
    except yaml.YAMLError as err:
        raise SourceError(Problem(name, 1, 1, f"YAML: {err}")) from None
    except (ValueError, OverflowError):
        raise SourceError(_escape_problem(loader, name)) from None
    finally:
        loader.dispose()


def _escape_problem(loader: yaml.SafeLoader, name: str) -> Problem:
    """PyYAML's scanner raises a bare ValueError for an escape such as ``"\\U00110000"``
    (past the last Unicode character); say so where the scanner stopped."""
    mark = loader.get_mark()
    return Problem(
        name,
        mark.line + 1,
        mark.column + 1,
        _(
            "YAML syntax: a \\U escape in quotes names no Unicode character "
            "(the last is \\U0010FFFF)"
        ),
    )


_ALLOWED_TAGS = {
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")
}


def _check_events(loader: Any, name: str) -> None:
    """Walk the YAML event stream (which PyYAML produces without recursion) and refuse
    nesting deeper than :data:`MAX_DEPTH` and tags, before the composer recurses."""
    depth = 0
    while loader.check_event():
        event: yaml.Event = loader.get_event()
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!" and tag not in _ALLOWED_TAGS:
            mark = event.start_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise SourceError(
                Problem(
                    name,
                    line,
                    col,
                    _(
                        "YAML tags such as '{shown}' are not allowed in these files; "
                        "write the value plainly (if '{shown}' is meant as text, put it "
                        "in quotes)"
                    ).format(shown=shown),
                )
            )
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH + 1:  # the document's own mapping is level 0
                mark = event.start_mark
                line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
                raise SourceError(
                    Problem(
                        name,
                        line,
                        col,
                        _("nesting is deeper than {limit} levels").format(limit=MAX_DEPTH),
                    )
                )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


# A value after "key:" or "- " that starts with a character YAML reserves.
_INDICATOR_VALUE = re.compile(
    r"^(\s*(?:-\s+)*(?:[^\s#][^#]*?:\s+|-\s+))([*&!|>%@`-].*?)\s*(?:\s#.*)?$"
)
_INDICATORS = "* & ! | > % @ ` - [ {"


def _syntax_problem(err: yaml.MarkedYAMLError, text: str, name: str) -> Problem:
    """A one-line problem for a YAML syntax error, pointing where the mistake is."""
    problem = err.problem or "invalid YAML"
    context = err.context or ""
    mark = err.problem_mark or err.context_mark
    if "quoted scalar" in context and "end of stream" in problem and err.context_mark:
        mark = err.context_mark
        message = _("a quote opened here is never closed")
    else:
        advice = _quoting_advice(text, [m for m in (err.problem_mark, err.context_mark) if m])
        if advice is None:
            advice = f"{problem} ({context})" if context else problem
        message = advice
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(name, line, col, _("YAML syntax: {problem}").format(problem=message))


def _quoting_advice(text: str, marks: list[yaml.Mark]) -> str | None:
    """When the line of an error holds a value starting with a character YAML reserves,
    say so and show the line with the value quoted."""
    lines = text.splitlines()
    for mark in marks:
        if 0 <= mark.line < len(lines):
            found = _INDICATOR_VALUE.match(lines[mark.line])
            if found:
                key, value = found.group(1).strip(), found.group(2)
                char = value[0]
                rest = [c for c in _INDICATORS.split() if c != char]
                others = _("{items} or {last}").format(items=" ".join(rest[:-1]), last=rest[-1])
                quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
                return _(
                    "a value cannot start with '{char}'; put it in quotes: {key} "
                    "{quoted} (so must one starting with {others})"
                ).format(char=char, key=key, quoted=quoted, others=others)
    return None


class _Builder:
    """Turns a node tree into data, recording positions and enforcing the limits."""

    def __init__(self, doc: SourceDoc, loader: Any) -> None:
        self.doc = doc
        self.loader = loader
        self.count = 0
        self.lines = doc.text.splitlines()

    def _fail(self, node: yaml.Node, message: str) -> SourceError:
        return SourceError(
            Problem(self.doc.name, node.start_mark.line + 1, node.start_mark.column + 1, message)
        )

    def build(self, node: yaml.Node, path: KeyPath, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self._fail(
                node,
                _(
                    "the document expands to more than {limit} values; is it an "
                    "alias bomb (anchors used inside anchors)?"
                ).format(limit=format_number(MAX_NODES)),
            )
        if depth > MAX_DEPTH:
            raise self._fail(
                node, _("nesting is deeper than {limit} levels").format(limit=MAX_DEPTH)
            )
        mark = node.start_mark
        self.doc.values.setdefault(path, Position(mark.line + 1, mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*path, i), depth + 1) for i, child in enumerate(node.value)]
        value = self._construct(node)
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            self._note_block(node, path)
        return value

    def _mapping(self, node: yaml.MappingNode, path: KeyPath, depth: int) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        own: list[tuple[yaml.Node, yaml.Node]] = []
        merges: list[yaml.Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                merges.append(value_node)
            else:
                own.append((key_node, value_node))
        for key_node, value_node in own:
            key = self._key(key_node)
            child = (*path, key)
            if key in out:
                first = self.doc.keys.get(child)
                if first:
                    said = _("duplicate key {key!r} (first at line {line})").format(
                        key=key, line=first.line
                    )
                else:
                    said = _("duplicate key {key!r}").format(key=key)
                raise self._fail(key_node, said)
            self.doc.keys[child] = Position(
                key_node.start_mark.line + 1, key_node.start_mark.column + 1
            )
            out[key] = self.build(value_node, child, depth + 1)
        # YAML merge keys: the mapping's own keys win; in a merge list an earlier mapping
        # wins over a later one; a merged mapping's own merges are resolved the same way.
        for key_node, value_node in self._merged_pairs(merges, set()):
            key = self._key(key_node)
            if key in out:
                continue
            child = (*path, key)
            self.doc.keys[child] = Position(
                key_node.start_mark.line + 1, key_node.start_mark.column + 1
            )
            out[key] = self.build(value_node, child, depth + 1)
        return out

    def _merged_pairs(
        self, sources: list[yaml.Node], active: set[int]
    ) -> list[tuple[yaml.Node, yaml.Node]]:
        """The key/value nodes that ``<<: sources`` brings in, in order of precedence."""
        pairs: list[tuple[yaml.Node, yaml.Node]] = []
        for source in sources:
            items = source.value if isinstance(source, yaml.SequenceNode) else [source]
            for item in items:
                if not isinstance(item, yaml.MappingNode):
                    raise self._fail(
                        item, _("bad merge key: '<<' takes a mapping or a list of mappings")
                    )
                if id(item) in active:
                    raise self._fail(item, _("bad merge key: a mapping merges itself"))
                self.count += 1
                if self.count > MAX_NODES:
                    raise self._fail(
                        item,
                        _("the document expands to more than {limit} values").format(
                            limit=format_number(MAX_NODES)
                        ),
                    )
                own = [(k, v) for k, v in item.value if k.tag != _MERGE_TAG]
                nested = [v for k, v in item.value if k.tag == _MERGE_TAG]
                pairs.extend(own)
                if nested:
                    pairs.extend(self._merged_pairs(nested, active | {id(item)}))
        return pairs

    def _key(self, key_node: yaml.Node) -> Any:
        if not isinstance(key_node, yaml.ScalarNode):
            raise self._fail(key_node, _("a key must be a plain name, not a list or mapping"))
        key = self._construct(key_node)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise self._fail(key_node, _("unsupported key {key!r}").format(key=key))
        if isinstance(key, float):
            key = str(key)
        return key

    def _construct(self, node: yaml.Node) -> Any:
        """The value of a scalar node, or a problem (``!!int abc`` is not a traceback)."""
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.YAMLError as err:
            raise self._fail(
                node, _("cannot read this value: {why}").format(why=getattr(err, "problem", err))
            ) from None
        except Exception:  # PyYAML's constructors raise ValueError and others on bad text
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise self._fail(node, _("cannot read this value as {tag}").format(tag=tag)) from None

    def _note_block(self, node: yaml.ScalarNode, path: KeyPath) -> None:
        header_line = node.start_mark.line
        header = (
            self.lines[header_line][node.start_mark.column :]
            if header_line < len(self.lines)
            else ""
        )
        digits = [c for c in header.split("#")[0] if c.isdigit()]
        first = header_line + 1
        indent = None
        if digits:
            parent_indent = len(self.lines[header_line]) - len(self.lines[header_line].lstrip(" "))
            indent = parent_indent + int(digits[0])
        else:
            for line in self.lines[first:]:
                if line.strip():
                    indent = len(line) - len(line.lstrip(" "))
                    break
        self.doc.blocks[path] = BlockScalar(
            first_line=first + 1, indent=indent or 0, style=node.style
        )
