"""A YAML parser that hostile files cannot exhaust: limits on size, depth, aliases and numbers.

Plain YAML lets ten lines of anchors and aliases ("billion laughs") expand to billions of
nodes, a few kilobytes of brackets recurse past Python's stack, and a long run of digits hit
Python's integer-conversion limit. Each is refused here with a located ``MarkedYAMLError``,
before anything expands. Claim files need none of it: the bundled data uses no aliases.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, Node, SequenceNode

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64
# Nodes that aliases may add to a document once expanded (each alias costs its subtree).
MAX_ALIAS_NODES = 10_000
MAX_NUMBER_CHARS = 100


class LimitError(MarkedYAMLError):
    """A document beyond one of the limits above."""


class _BudgetComposer(Composer):
    """Counts what aliases would expand to, and refuses an alias to a node still open."""

    def compose_document(self) -> Any:
        self._alias_nodes = 0
        self._open: set[str] = set()
        return super().compose_document()

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent):
            if event.anchor in self._open:
                raise LimitError(
                    None, None, f"alias *{event.anchor} refers to itself", event.start_mark
                )
            target = self.anchors.get(event.anchor)
            if target is not None:
                left = MAX_ALIAS_NODES - self._alias_nodes
                self._alias_nodes += _size(target, left + 1)
                if self._alias_nodes > MAX_ALIAS_NODES:
                    raise LimitError(
                        None,
                        None,
                        f"aliases expand to more than {MAX_ALIAS_NODES:,} nodes",
                        event.start_mark,
                    )
            return super().compose_node(parent, index)
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self._open.add(anchor)
        try:
            return super().compose_node(parent, index)
        except RecursionError:
            raise LimitError(None, None, "nested too deeply", event.start_mark) from None
        finally:
            self._open.discard(anchor)


def _size(node: Node, cap: int) -> int:
    """Nodes in ``node``'s subtree with aliases expanded, counting at most ``cap``."""
    count, stack = 0, [node]
    while stack and count < cap:
        current = stack.pop()
        count += 1
        if isinstance(current, SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, MappingNode):
            for key, value in current.value:
                stack.extend((key, value))
    return count


class _TextDates(RoundTripConstructor):
    """Dates stay text (the model says what is wrong with 2024-13-01); numbers are bounded."""

    def construct_yaml_int(self, node: Any) -> Any:
        _check_length(node)
        return super().construct_yaml_int(node)

    def construct_yaml_float(self, node: Any) -> Any:
        _check_length(node)
        return super().construct_yaml_float(node)


def _check_length(node: Any) -> None:
    if len(node.value) > MAX_NUMBER_CHARS:
        raise LimitError(
            None,
            None,
            f"a number of more than {MAX_NUMBER_CHARS} characters",
            node.start_mark,
        )


_TextDates.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)
_TextDates.add_constructor("tag:yaml.org,2002:int", _TextDates.construct_yaml_int)
_TextDates.add_constructor("tag:yaml.org,2002:float", _TextDates.construct_yaml_float)


def safe_yaml() -> YAML:
    """A round-trip parser (line and column on every node) with the limits above."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _TextDates
    yaml.Composer = _BudgetComposer
    yaml.max_depth = MAX_DEPTH
    return yaml
