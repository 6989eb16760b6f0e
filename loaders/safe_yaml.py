"""A fast YAML reader that hostile files cannot exhaust, keeping the position of every node.

libyaml's parser (PyYAML's C binding) turns the text into events; the composer here builds
plain dicts, lists and scalars from them in one loop, recording the line and column of
each key and item (``Located``) so errors point at the exact spot. It is about ten times
faster than a pure-Python round-trip parser, which made validation of large data sets slow.

Plain YAML lets ten lines of anchors and aliases ("billion laughs") expand to billions of
nodes, a few kilobytes of brackets nest past any stack, and a long run of digits hit
Python's integer-conversion limit. Each is refused here with a located ``YamlError``,
before anything expands. Claim files need none of it: the bundled data uses no aliases.

Plain scalars resolve as in YAML 1.2's core schema (``no`` stays a string, as do dates: the
model says what is wrong with 2024-13-01); keys are unique.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml import events as ev

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64
# Nodes that aliases may add to a document once expanded (each alias costs its subtree).
MAX_ALIAS_NODES = 10_000
MAX_NUMBER_CHARS = 100

Position = tuple[int, int]  # 0-based line and column


class YamlError(Exception):
    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


class LocatedMap(dict[Any, Any]):
    """A mapping with the position of each key."""

    positions: dict[Any, Position]


class LocatedList(list[Any]):
    """A sequence with the position of each item."""

    positions: list[Position]


Located = LocatedMap | LocatedList

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_INT = re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$")
_FLOAT = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
       |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
       |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
       |[-+]?\.(?:inf|Inf|INF)
       |\.(?:nan|NaN|NAN))$""",
    re.X,
)
_MAY_RESOLVE = frozenset("~nNtTfF-+0123456789.")  # first characters of null, bool, number
_STR_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp", "!"}


def _plain_scalar(text: str, mark: Any) -> Any:
    if not text:
        return None
    first = text[0]
    if first not in _MAY_RESOLVE:  # most words: no pattern can match
        return text
    if _NULL.match(text):
        return None
    if first in "tTfF" and _BOOL.match(text):
        return first in "tT"
    if first in "-+0123456789.":
        is_int = _INT.match(text) is not None
        if is_int or _FLOAT.match(text):
            if len(text) > MAX_NUMBER_CHARS:
                raise _error(f"a number of more than {MAX_NUMBER_CHARS} characters", mark)
            return _to_int(text) if is_int else _to_float(text)
    return text


def _to_int(text: str) -> int:
    digits = text.replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("+-")
    for prefix, base in (("0b", 2), ("0x", 16), ("0o", 8)):
        if digits.startswith(prefix):
            return sign * int(digits[2:], base)
    if len(digits) > 1 and digits.startswith("0"):
        return sign * int(digits, 8)  # YAML 1.1 octal, as the round-trip parser read it
    return sign * int(digits)


def _to_float(text: str) -> float:
    lowered = text.replace("_", "").lower()
    if lowered.endswith(".nan"):
        return float("nan")
    if lowered.endswith(".inf"):
        return float("-inf") if lowered.startswith("-") else float("inf")
    return float(lowered)


def _error(message: str, mark: Any) -> YamlError:
    return YamlError(message, mark.line if mark else None, mark.column if mark else None)


@dataclass
class _Open:
    """A mapping or sequence being composed."""

    value: Located
    anchor: str | None
    nodes: int = 1  # in its subtree, aliases expanded
    key: Any = None
    key_mark: Any = None
    has_key: bool = False
    children: list[Any] = field(default_factory=list)


def load(text: str) -> Any:
    """The document in ``text`` (None if empty), its containers ``Located``."""
    parser = yaml.CSafeLoader(text)
    try:
        return _compose(parser.get_event)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        before = text.encode("utf-8")[: exc.position].decode("utf-8", "ignore")
        line, column = before.count("\n"), len(before) - before.rfind("\n") - 1
        char = chr(exc.character) if isinstance(exc.character, int) else exc.character
        raise YamlError(f"character {char!r} is not allowed in YAML", line, column) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = str(exc.problem or exc.context)
        if "maximum nesting depth" in problem:  # libyaml's own limit, past ours
            problem = f"nested deeper than {MAX_DEPTH} levels"
        raise _error(problem, mark) from None
    finally:
        parser.dispose()


def _compose(next_event: Callable[[], Any]) -> Any:
    """The document of libyaml's events, read from the parser one call at a time (neither
    ``yaml.parse``'s generator layer nor one of our own: a claim is some 40 events)."""
    anchors: dict[str, tuple[Any, int]] = {}  # anchor -> (value, nodes once expanded)
    open_anchors: set[str] = set()
    stack: list[_Open] = []
    alias_nodes = 0
    documents = 0
    root: Any = None

    def add(value: Any, nodes: int, mark: Any) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        top = stack[-1]
        top.nodes += nodes
        container = top.value
        if type(container) is LocatedList:
            container.append(value)
            container.positions.append((mark.line, mark.column))
        elif not top.has_key:
            if isinstance(value, (dict, list)):
                raise _error("a mapping or sequence as a key is not supported", mark)
            if value in top.value:
                raise _error(f"found duplicate key {value!r}", mark)
            top.key, top.key_mark, top.has_key = value, mark, True
        else:
            container[top.key] = value
            container.positions[top.key] = (top.key_mark.line, top.key_mark.column)
            top.has_key = False

    event = next_event()
    while event is not None:
        mark = event.start_mark
        kind = type(event)
        if kind is ev.ScalarEvent:
            tag = event.tag
            if event.implicit[0] and tag in (None, "!") and not event.style:  # plain
                value = _plain_scalar(event.value, mark)
            elif tag is None or tag in _STR_TAGS or event.implicit[1]:
                value = event.value
            else:
                raise _error(f"the tag {tag} is not supported", mark)
            if event.anchor:
                anchors[event.anchor] = (value, 1)
            add(value, 1, mark)
        elif kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent:
            if len(stack) >= MAX_DEPTH:
                raise _error(f"nested deeper than {MAX_DEPTH} levels", mark)
            container: Located
            if kind is ev.MappingStartEvent:
                container = LocatedMap()
                container.positions = {}
            else:
                container = LocatedList()
                container.positions = []
            if event.anchor:
                open_anchors.add(event.anchor)
            stack.append(_Open(container, event.anchor))
        elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
            done = stack.pop()
            if done.anchor:
                open_anchors.discard(done.anchor)
                anchors[done.anchor] = (done.value, done.nodes)
            add(done.value, done.nodes, mark)
        elif kind is ev.AliasEvent:
            if event.anchor in open_anchors:
                raise _error(f"alias *{event.anchor} refers to itself", mark)
            if event.anchor not in anchors:
                raise _error(f"found undefined alias {event.anchor!r}", mark)
            value, nodes = anchors[event.anchor]
            alias_nodes += nodes
            if alias_nodes > MAX_ALIAS_NODES:
                raise _error(f"aliases expand to more than {MAX_ALIAS_NODES:,} nodes", mark)
            add(value, nodes, mark)
        elif kind is ev.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _error("expected a single document in the stream", mark)
        event = next_event()
    return root
