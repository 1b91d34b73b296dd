"""Reading YAML that people write: safe loading, with the file position of every value.

:func:`parse_yaml` builds plain Python data from the YAML node tree (using PyYAML's safe
loader only) and records where each value and each mapping key stands in the file, so a
later check can say ``file:line:col`` for any key path. It refuses oversized files,
documents that expand too much (alias bombs), very deep nesting, duplicate keys and
non-UTF-8 text, each with a message rather than a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kitchen.content.problems import Problem, SourceError

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
    """Read and parse a YAML file written by a person.

    Raises:
        SourceError: the file is missing, too large, not UTF-8 or not valid YAML.
    """
    name = display_name or str(path)
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise SourceError(
                Problem(name, 1, 1, f"file is {size:,} bytes; the limit is {MAX_BYTES:,}")
            )
        raw = p.read_bytes()
    except FileNotFoundError:
        raise SourceError(Problem(name, 0, 0, "no such file")) from None
    except IsADirectoryError:
        raise SourceError(Problem(name, 0, 0, "is a folder, not a file")) from None
    except OSError as err:
        raise SourceError(Problem(name, 0, 0, f"cannot read: {err.strerror or err}")) from None
    return parse_yaml(decode_utf8(raw, name), name)


def decode_utf8(raw: bytes, name: str) -> str:
    """Decode ``raw`` as UTF-8 (a byte-order mark is allowed), or explain where it fails."""
    if len(raw) > MAX_BYTES:
        raise SourceError(Problem(name, 1, 1, f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = err.start - (before.rfind(b"\n") + 1) + 1
        raise SourceError(
            Problem(
                name,
                line,
                col,
                f"the file is not UTF-8 text (byte 0x{raw[err.start]:02x}); "
                "save it as UTF-8 in your editor",
            )
        ) from None


def parse_yaml(text: str, name: str = "<text>") -> SourceDoc:
    """Parse YAML ``text`` safely into data plus positions.

    Raises:
        SourceError: invalid YAML or a document that breaks the limits above.
    """
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise SourceError(Problem(name, 1, 1, f"text is larger than {MAX_BYTES:,} bytes"))
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = err.problem or "invalid YAML"
        if err.context:
            message = f"{message} ({err.context})"
        raise SourceError(Problem(name, line, col, f"YAML syntax: {message}")) from None
    except yaml.YAMLError as err:
        raise SourceError(Problem(name, 1, 1, f"YAML: {err}")) from None
    finally:
        loader.dispose()
    doc = SourceDoc(name=name, text=text, data=None)
    if node is None:
        return doc
    builder = _Builder(doc, loader)
    doc.data = builder.build(node, (), 0)
    return doc


class _Builder:
    """Turns a node tree into data, recording positions and enforcing the limits."""

    def __init__(self, doc: SourceDoc, loader: yaml.SafeLoader) -> None:
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
                f"the document expands to more than {MAX_NODES:,} values; "
                "is it an alias bomb (anchors used inside anchors)?",
            )
        if depth > MAX_DEPTH:
            raise self._fail(node, f"nesting is deeper than {MAX_DEPTH} levels")
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
        own = sum(1 for key_node, _ in node.value if key_node.tag != _MERGE_TAG)
        try:
            self.loader.flatten_mapping(node)
        except yaml.YAMLError as err:
            raise self._fail(node, f"bad merge key: {getattr(err, 'problem', err)}") from None
        if len(node.value) > own:
            # Keys merged in with `<<` may be overridden (by the mapping's own keys, and by
            # mappings listed earlier in the merge, which PyYAML puts later): keep the last.
            split = len(node.value) - own
            merged = {self._key_id(k): (k, v) for k, v in node.value[:split]}
            own_pairs = node.value[split:]
            own_keys = {self._key_id(k) for k, _ in own_pairs}
            node.value = [pair for key, pair in merged.items() if key not in own_keys] + own_pairs
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self._fail(key_node, "a key must be a plain name, not a list or mapping")
            key = self._construct(key_node)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise self._fail(key_node, f"unsupported key {key!r}")
            if isinstance(key, float):
                key = str(key)
            child = (*path, key)
            key_pos = Position(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in out:
                first = self.doc.keys.get(child)
                where = f" (first at line {first.line})" if first else ""
                raise self._fail(key_node, f"duplicate key {key!r}{where}")
            self.doc.keys[child] = key_pos
            out[key] = self.build(value_node, child, depth + 1)
        return out

    def _construct(self, node: yaml.Node) -> Any:
        """The value of a scalar node, or a problem (``!!int abc`` is not a traceback)."""
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.YAMLError as err:
            raise self._fail(node, f"cannot read this value: {getattr(err, 'problem', err)}") from None
        except Exception:  # PyYAML's constructors raise ValueError and others on bad text
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise self._fail(node, f"cannot read this value as {tag}") from None

    def _key_id(self, key_node: yaml.Node) -> Any:
        if isinstance(key_node, yaml.ScalarNode):
            return self._construct(key_node)
        return id(key_node)  # not a plain key: refused when the mapping is read

    def _note_block(self, node: yaml.ScalarNode, path: KeyPath) -> None:
        header_line = node.start_mark.line
        header = self.lines[header_line][node.start_mark.column :] if header_line < len(self.lines) else ""
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
        self.doc.blocks[path] = BlockScalar(first_line=first + 1, indent=indent or 0, style=node.style)
