"""YAML loading that remembers line numbers, reads what the fan typed, and cannot be made to hang.

Resolution follows the YAML 1.2 core schema, not PyYAML's default YAML 1.1: `1:30` is the text
"1:30" (not the base-60 number 90), `on`/`no`/`yes`/`off` are words (not booleans); only
true/false, null/~, decimal, 0x and 0o integers and decimal floats (.inf, .nan) are not text.
Every plain (unquoted) scalar keeps the text the fan typed (`LineDict.plain`, `LineList.plain`)
so that game.schema can read it as the schema means it. Text is NFC-normalised: a name typed
on macOS (NFD) equals the same name typed on Windows or Linux (NFC)."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from game.problems import Problem, ProblemsError

MAX_BYTES = 8_000_000    # any YAML file (a pose with a few thousand learned examples is ~5 MB)
MAX_NODES = 1_000_000    # values after expanding aliases (an example of 33 landmarks is ~175)
MAX_DEPTH = 64           # nesting of lists and mappings


class LineDict(dict):
    """A mapping from YAML that knows its own line, each key's line (1-based), and the text of
    each value that was written without quotes."""

    line: int = 0
    key_lines: dict
    plain: dict


class LineList(list):
    """A sequence from YAML that knows its own line, each item's line (1-based), and the text of
    each item that was written without quotes (by index)."""

    line: int = 0
    item_lines: list
    plain: dict


# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
_CORE = (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("tag:yaml.org,2002:float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                                r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+0123456789."),
    ("tag:yaml.org,2002:merge", r"^(?:<<)$", "<"),
)


class _CoreResolver(yaml.resolver.BaseResolver):
    yaml_implicit_resolvers: dict = {}


for _tag, _regexp, _first in _CORE:
    _CoreResolver.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))


class _PyLoader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer,
                yaml.constructor.SafeConstructor, _CoreResolver):
    def __init__(self, stream: str):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _CoreResolver.__init__(self)


if yaml.__with_libyaml__:  # libyaml parses a 10,000-cue chart ten times faster; resolution stays ours
    class _Loader(yaml.cyaml.CParser, yaml.constructor.SafeConstructor, _CoreResolver):
        def __init__(self, stream: str):
            yaml.cyaml.CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            _CoreResolver.__init__(self)
else:
    _Loader = _PyLoader  # type: ignore[misc]


def _plain_text(node: yaml.Node) -> str | None:
    """The text of a scalar written without quotes, else None (the schema decides what it means)."""
    return node.value if isinstance(node, yaml.ScalarNode) and not node.style else None  # libyaml: ""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    written: dict[str, int] = {}  # a key typed twice silently keeps the last value in YAML loaders
    for key_node, _ in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
            line = key_node.start_mark.line + 1
            if key_node.value in written:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key '{key_node.value}' is given twice (first on line {written[key_node.value]}); "
                                "keep one", key_node.start_mark)
            written[key_node.value] = line
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    result.plain = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) or key is None:
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a plain word", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
        text = _plain_text(value_node)
        if text is not None:
            result.plain[key] = text
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    result.plain = {i: t for i, t in enumerate(map(_plain_text, node.value)) if t is not None}
    return result


def _construct_str(loader: _Loader, node: yaml.ScalarNode) -> str:
    return unicodedata.normalize("NFC", loader.construct_scalar(node))


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int:
    text = loader.construct_scalar(node)
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text)


def _construct_float(loader: _Loader, node: yaml.ScalarNode) -> float:
    text = loader.construct_scalar(node).lower()
    return float(text.replace(".inf", "inf").replace(".nan", "nan"))


for _cls in {_Loader, _PyLoader}:
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
    _cls.add_constructor("tag:yaml.org,2002:str", _construct_str)
    _cls.add_constructor("tag:yaml.org,2002:int", _construct_int)
    _cls.add_constructor("tag:yaml.org,2002:float", _construct_float)


class _TooBig(Exception):
    def __init__(self, why: str, line: int | None = None):
        super().__init__(why)
        self.line = line


def _measure(root: yaml.Node | None, max_nodes: int) -> None:
    """Count the values the document expands to (aliases counted each time they are used), in
    time linear in the nodes written; raise _TooBig past MAX_NODES or MAX_DEPTH, or on an alias
    that contains itself. An 'alias bomb' is a few lines that expand to billions of values."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node: yaml.Node, depth: int) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if depth > MAX_DEPTH:
            raise _TooBig(f"nested more than {MAX_DEPTH} levels deep; a chart needs three", node.start_mark.line + 1)
        if key in open_nodes:
            raise _TooBig("an alias (*name) is used inside its own anchor (&name); write the values out instead",
                          node.start_mark.line + 1)
        open_nodes.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(k, depth + 1) + size(v, depth + 1) for k, v in node.value)
        open_nodes.discard(key)
        if total > max_nodes:
            raise _TooBig(f"it expands to more than {max_nodes:,} values (too many aliases, or too large); "
                          "write the values out without aliases (&, *) and keep the file small", node.start_mark.line + 1)
        sizes[key] = total
        return total

    if root is not None:
        size(root, 0)


def _tab_at(text: str, mark: yaml.Mark) -> bool:
    """Whether the parser stopped on a tab, or on a line whose indent holds one (editors that
    insert tabs are the usual cause of 'found character that cannot start any token')."""
    lines = text.splitlines()
    if not 0 <= mark.line < len(lines):
        return False
    row = lines[mark.line]
    indent = row[: len(row) - len(row.lstrip(" \t"))]
    return "\t" in indent or row[mark.column: mark.column + 1] == "\t"


def load_yaml(path: Path, max_bytes: int = MAX_BYTES, max_nodes: int = MAX_NODES) -> Any:
    """Parse a YAML file into LineDict/LineList; raise ProblemsError naming file and line.

    Refuses, before doing any work that could grow, files over `max_bytes`, and documents that
    expand past `max_nodes` values or MAX_DEPTH levels (alias bombs): each in well under a second."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ProblemsError([Problem(path, None, f"the file is too large ({size / 1e6:.1f} MB; the limit is "
                                                     f"{max_bytes / 1e6:g} MB); a song or chart file is a few kB")])
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProblemsError([Problem(path, None, "file not found")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ProblemsError([Problem(path, None, f"cannot read the file ({exc}); save it as UTF-8 text")]) from None
    loader = None
    try:
        loader = _Loader(text)
        root = loader.get_single_node()
        _measure(root, max_nodes)
        return loader.construct_document(root) if root is not None else None
    except _TooBig as exc:
        raise ProblemsError([Problem(path, exc.line, f"refused: {exc}")]) from None
    except RecursionError:
        raise ProblemsError([Problem(path, None, f"refused: nested too deeply (limit {MAX_DEPTH} levels)")]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "invalid YAML"
        if mark and _tab_at(text, mark):
            raise ProblemsError([Problem(path, line, "not valid YAML: this line is indented with a tab; YAML does not "
                                                     "allow tabs for indenting: use spaces")]) from None
        raise ProblemsError([Problem(path, line, f"not valid YAML: {what} (check indentation, colons and quotes)")]) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise ProblemsError([Problem(path, line, f"not valid YAML: character {exc.character!r} is not allowed; remove it")]) from None
    except yaml.YAMLError as exc:
        raise ProblemsError([Problem(path, 1, f"not valid YAML: {exc}")]) from None
    finally:
        if loader is not None:
            loader.dispose()


def read_scalar(text: str) -> Any:
    """What this loader makes of `text` written unquoted as a value (for checking ids)."""
    loader = _Loader(f"- {text}\n")
    try:
        return loader.get_single_data()[0]
    finally:
        loader.dispose()


def line_of(node: Any, key: Any = None) -> int | None:
    """Line of a key in a LineDict, of an item in a LineList, or of the node itself."""
    if key is not None:
        if isinstance(node, LineDict) and key in node.key_lines:
            return node.key_lines[key]
        if isinstance(node, LineList) and isinstance(key, int) and 0 <= key < len(node.item_lines):
            return node.item_lines[key]
    return getattr(node, "line", None) or None


def plain_text(node: Any, key: Any) -> str | None:
    """The text typed without quotes for node[key], or None when it was quoted or is a list/mapping."""
    return getattr(node, "plain", {}).get(key)
