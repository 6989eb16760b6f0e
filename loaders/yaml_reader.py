"""Read YAML keeping line and column of every node, so errors point at the exact spot."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from armsgraph.core.errors import DataError, Problem
from armsgraph.loaders.safe_yaml import (
    MAX_FILE_BYTES,
    LocatedList,
    LocatedMap,
    YamlError,
    load,
)

# What the parser says for a file that is hostile rather than broken.
_REFUSED = ("aliases expand", "refers to itself", "nested deeper", "a number of more than")


class YamlDocument:
    """A parsed YAML file and a way back from a field path to its line and column."""

    def __init__(self, name: str, root: Any, positioned: bool = True) -> None:
        self.name = name
        self.root = root
        self.positioned = positioned  # False for data parsed elsewhere (a JSON body)

    @classmethod
    def parse(cls, path: Path, display: str | None = None) -> YamlDocument:
        name = display or str(path)
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            message = f"{size:,} bytes; files of at most {MAX_FILE_BYTES:,} bytes are read"
            raise DataError([Problem(name, None, None, "", message)])
        try:
            root = load(path.read_text(encoding="utf-8"))
        except YamlError as exc:
            line = exc.line + 1 if exc.line is not None else None
            column = exc.column + 1 if exc.column is not None else None
            refused = exc.message.startswith(_REFUSED)
            message = f"{'refused' if refused else 'broken YAML'}: {exc.message}"
            raise DataError([Problem(name, line, column, "", message)]) from None
        except UnicodeDecodeError as exc:
            raise DataError([Problem(name, None, None, "", f"not UTF-8 text: {exc}")]) from None
        return cls(name, root)

    def data(self) -> Any:
        """Plain dicts, lists and scalars for pydantic."""
        return _plain(self.root)

    def locate(self, loc: Sequence[int | str]) -> tuple[int | None, int | None]:
        """1-based line and column of the deepest node of ``loc`` that exists."""
        if not self.positioned:
            return None, None
        node = self.root
        line: int | None = 1
        column: int | None = 1
        for part in loc:
            in_map = isinstance(node, LocatedMap) and part in node
            in_list = isinstance(node, LocatedList) and isinstance(part, int) and part < len(node)
            if in_map or in_list:
                line, column = node.positions[part]
                line, column = line + 1, column + 1
                node = node[part]
            else:
                break
        return line, column

    def problems(self, error: ValidationError, prefix: Sequence[int | str] = ()) -> list[Problem]:
        out = []
        for item in error.errors(include_url=False):
            loc = [*prefix, *item["loc"]]
            line, column = self.locate(loc)
            message = item["msg"].removeprefix("Value error, ")
            out.append(Problem(self.name, line, column, field_path(loc), message))
        return out

    def problem(self, loc: Sequence[int | str], message: str) -> Problem:
        line, column = self.locate(loc)
        return Problem(self.name, line, column, field_path(loc), message)


def field_path(loc: Sequence[int | str]) -> str:
    """``claims[3].shipment.items[0].quantity`` from a pydantic location."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


_AS_IS = frozenset({str, int, float, bool, type(None)})  # the scalars ``safe_yaml`` makes


def _plain(node: Any) -> Any:
    kind = type(node)  # exact types first: a file of 100 claims has some 3,000 nodes
    if kind is LocatedMap:
        return {
            k if type(k) is str else str(k): v if type(v) in _AS_IS else _plain(v)
            for k, v in node.items()
        }
    if kind is LocatedList:
        return [v if type(v) in _AS_IS else _plain(v) for v in node]
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return node
