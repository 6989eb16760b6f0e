"""Read YAML keeping line and column of every node, so errors point at the exact spot."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import MaxDepthExceededError
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.reader import ReaderError

from armsgraph.core.errors import DataError, Problem
from armsgraph.loaders.safe_yaml import MAX_DEPTH, MAX_FILE_BYTES, LimitError, safe_yaml


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
            text = path.read_text(encoding="utf-8")
            root = safe_yaml().load(text)
        except ReaderError as exc:  # a character YAML does not allow (control characters)
            before = text[: exc.position]
            where = (before.count("\n") + 1, len(before) - before.rfind("\n"))
            message = f"broken YAML: character {exc.character!r} is not allowed in YAML"
            raise DataError([Problem(name, *where, "", message)]) from None
        except MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else None
            column = mark.column + 1 if mark else None
            message = f"broken YAML: {exc.problem or exc.context}"
            if isinstance(exc, LimitError):
                message = f"refused: {exc.problem}"
            elif isinstance(exc, MaxDepthExceededError):
                message = f"refused: nested deeper than {MAX_DEPTH} levels"
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
            if isinstance(node, CommentedMap) and part in node:
                line, column = node.lc.key(part)
                line, column = line + 1, column + 1
                node = node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
                line, column = node.lc.item(part)
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


def _plain(node: Any) -> Any:
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
