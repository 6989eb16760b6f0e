"""The reader registry: which reader parses a file, chosen by its suffix.

A reader turns one file into a ``Document`` (``loaders/document.py``) or raises a
``DataError`` naming the file. Adding an input format is one reader module plus one line
in ``READERS``; folders are searched for every suffix registered here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from armsgraph.core.errors import DataError, Problem
from armsgraph.loaders.document import Document
from armsgraph.loaders.yaml_files import YamlFile

# read(path, display name) -> Document
Reader = Callable[[Path, str], Document]

READERS: dict[str, Reader] = {
    ".yaml": YamlFile.read,
    ".yml": YamlFile.read,
}


def reader_for(path: Path) -> Reader:
    """The registered reader of the file's suffix; YAML for a file named with another."""
    return READERS.get(path.suffix.lower(), YamlFile.read)


def find_files(paths: Iterable[Path]) -> list[Path]:
    """Files named, and files with a registered suffix in the folders named (sorted)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in READERS and p.is_file()))
        elif path.exists():
            found.append(path)
        else:
            raise DataError([Problem(str(path), None, None, "", "no such file or folder")])
    return found
