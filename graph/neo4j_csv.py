"""The online loader's rows as ``neo4j-admin database import full`` CSV files.

``neo4j_plan.plan_load`` decides what a load writes; ``CsvGraphWriter`` writes exactly
those rows (one file per step and data set, each with its own typed header), so the
imported graph is the one ``Neo4jStore.load`` would have written, and the SUPPLIED_TO view
as relationships of its own, counted here from the events instead of rebuilt online. The
importer drops empty arrays (neo4j/neo4j#13566: it has no way to store one); the rows hold
none (``neo4j_hydrate`` writes an empty list as null, for both loaders), so nothing is
left to set online after the import.

Each column gets one formatter, chosen from its type once, so a cell costs one call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from armsgraph.core.dataset import Dataset
from armsgraph.core.errors import StoreError
from armsgraph.graph import cypher
from armsgraph.graph.neo4j_plan import Step, check_links, plan_load

# neo4j-admin's default array delimiter is ';', which quotes and names contain; the unit
# separator never occurs in our text (validation rejects control characters there).
ARRAY_DELIMITER = "\x1f"
ARRAY_DELIMITER_OPTION = "U+001F"

# Labels whose nodes several data sets of one import may each carry.
SHARED_LABELS = frozenset(
    {cypher.ACTOR, cypher.WEAPON_SYSTEM, cypher.RESOLUTION, cypher.PROVISION, cypher.SOURCE}
)


def _id_space(label: str) -> str:
    # Relationships name the ID space of their ends; events of all kinds are one space,
    # because SUPPORTS and Breach-CONCERNS point at any Transfer.
    return cypher.TRANSFER if label in (*cypher.EVENT_LABELS, cypher.TRANSFER) else label


_NODE_LABEL_BY_STATEMENT = {statement: label for label, statement in cypher.UPSERT.items()} | {
    statement: cypher.ACTOR for statement in cypher.UPSERT_ACTORS.values()
}
# Actor upserts -> the label of their kind, which actor nodes carry beside :Actor.
_KIND_LABEL_BY_STATEMENT = {statement: kind for kind, statement in cypher.UPSERT_ACTORS.items()}
_LINK_BY_STATEMENT = {cypher.LINKS[name]: ends for name, ends in cypher.LINK_ENDS.items()}

# Python type -> neo4j-admin type (bool before int: a bool is an int).
_TYPES: dict[type, str] = {
    bool: "boolean",
    int: "long",
    float: "double",
    str: "string",
    dt.datetime: "datetime",
    dt.date: "date",
}


def _column_type(values: Iterable[Any]) -> str:
    """The neo4j-admin type of one column: a float anywhere makes numbers double."""
    values = list(values)
    seen = {type(v) for v in values}  # a comprehension: no Python call per value
    seen.discard(type(None))
    array = list in seen
    if array:
        seen.discard(list)
        seen |= {type(x) for v in values if type(v) is list for x in v}
    unknown = seen - _TYPES.keys()
    if unknown:
        name = sorted(t.__name__ for t in unknown)[0]
        raise StoreError(f"a property value of type {name} cannot be imported")
    kinds = {_TYPES[t] for t in seen}
    if kinds == {"long", "double"}:
        kinds = {"double"}
    if len(kinds) > 1:
        raise StoreError(f"a property mixes value types {sorted(kinds)}")
    kind = kinds.pop() if kinds else "string"
    return f"{kind}[]" if array else kind


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):  # datetime too
        return value.isoformat()
    return value if isinstance(value, str) else repr(value)


def _formatter(kind: str) -> Callable[[Any], str]:
    """One CSV field of a column of ``kind``; an unquoted empty field is null, a quoted one
    an empty string."""
    if kind == "string":
        return lambda v: "" if v is None else '"' + v.replace('"', '""') + '"'
    if kind == "string[]":
        return lambda v: _quoted(ARRAY_DELIMITER.join(v)) if v else ""
    if kind.endswith("[]"):
        return lambda v: _quoted(ARRAY_DELIMITER.join(map(_text, v))) if v else ""
    if kind in ("long", "double"):
        return lambda v: "" if v is None else repr(v)
    return lambda v: "" if v is None else _text(v)  # boolean, date, datetime: no quotes


@dataclass
class ImportFiles:
    """The CSV files of one bulk import, as neo4j-admin options, and what they hold."""

    directory: Path
    node_options: list[str] = field(default_factory=list)
    relationship_options: list[str] = field(default_factory=list)
    multiline: list[Path] = field(default_factory=list)
    rows: int = 0
    datasets: int = 0

    def arguments(self) -> list[str]:
        args = [f"--nodes={o}" for o in self.node_options]
        args += [f"--relationships={o}" for o in self.relationship_options]
        if self.multiline:
            args += [
                "--multiline-fields-format=v2",
                "--multiline-fields=" + ",".join(str(p) for p in self.multiline),
            ]
        return args

    def size(self) -> int:
        return sum(p.stat().st_size for p in self.directory.glob("*.csv"))


class CsvGraphWriter:
    """Writes data sets, one after another, as neo4j-admin CSV files in ``directory``;
    ``finish()`` writes the SUPPLIED_TO view over all of them.

    Reference nodes that several data sets share (states, sources ...) and the links
    between them are written once. Claims, events and breaches must not repeat across
    data sets (chunks of one generator, or separate sources): the importer refuses a
    duplicate (no ``--skip-duplicate-nodes``, which would also double their links).
    """

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.files = ImportFiles(directory)
        self._links_seen: set[tuple[str, str, str]] = set()
        self._shared_seen: set[tuple[str, str]] = set()
        # (supplier, recipient) -> [(event id, kind)], for the view
        self._pairs: dict[tuple[str, str], list[tuple[str, str]]] = {}

    def add(self, dataset: Dataset) -> int:
        """Write one data set; returns the number of rows written."""
        problems = check_links(dataset)
        if problems:
            raise StoreError(f"the data set has dangling references: {'; '.join(problems[:10])}")
        written = 0
        index = self.files.datasets
        for number, step in enumerate(plan_load(dataset)):
            path = self.files.directory / f"{index:05d}-{number:02d}-{step.what}.csv"
            written += self._write_step(step, path)
        for e in dataset.events.values():
            self._pairs.setdefault((e.supplier, e.recipient), []).append((e.id, e.kind.value))
        self.files.datasets += 1
        self.files.rows += written
        return written

    def finish(self) -> ImportFiles:
        """The SUPPLIED_TO view, as ``cypher.SUPPLIED_TO_REBUILD_ALL`` would write it."""
        rows = []
        for (supplier, recipient), events in sorted(self._pairs.items()):
            events.sort()
            kinds = [k for _, k in events]
            props = {
                "events": [e for e, _ in events],
                "count": len(events),
                "shipments": kinds.count("shipment"),
                "deployments": kinds.count("deployment"),
                "assistance": kinds.count("assistance"),
            }
            rows.append({"start": supplier, "end": recipient, "props": props})
        if rows:
            ends = cypher.LinkEnds(cypher.ACTOR, "SUPPLIED_TO", cypher.ACTOR)
            self.files.rows += self._write_links(ends, rows, self.files.directory / "view.csv")
        return self.files

    def _write_step(self, step: Step, path: Path) -> int:
        label = _NODE_LABEL_BY_STATEMENT.get(step.statement)
        if label is not None:
            extra = _KIND_LABEL_BY_STATEMENT.get(step.statement)
            return self._write_nodes(label, step.rows, path, extra)
        ends = _LINK_BY_STATEMENT.get(step.statement)
        if ends is None:
            raise StoreError(f"step {step.what}: no bulk form for its statement")
        return self._write_links(ends, step.rows, path)

    def _write_nodes(
        self, label: str, rows: list[dict[str, Any]], path: Path, extra: str | None = None
    ) -> int:
        if label in SHARED_LABELS:
            rows = [r for r in rows if (label, r["id"]) not in self._shared_seen]
            self._shared_seen.update((label, r["id"]) for r in rows)
            if not rows:
                return 0
        props = sorted({k for row in rows for k in row["props"] if k != "id"})
        types = {k: _column_type(row["props"].get(k) for row in rows) for k in props}
        header = [f"id:ID({_id_space(label)})", *(f"{k}:{types[k]}" for k in props)]
        body = ([row["id"], *_values(row, props)] for row in rows)
        self._write(path, header, ["string", *(types[k] for k in props)], body)
        labels = label if label not in cypher.EVENT_LABELS else f"{label}:{cypher.TRANSFER}"
        if extra:
            labels = f"{labels}:{extra}"
        self.files.node_options.append(f"{labels}={path}")
        return len(rows)

    def _write_links(self, ends: cypher.LinkEnds, rows: list[dict[str, Any]], path: Path) -> int:
        if ends.single:  # links between shared reference nodes: once per import
            fresh = [r for r in rows if (ends.type, r["start"], r["end"]) not in self._links_seen]
            self._links_seen.update((ends.type, r["start"], r["end"]) for r in fresh)
            rows = [r for r in fresh if r["end"] is not None]
            if not rows:
                return 0
        props = sorted({k for row in rows for k in row.get("props", {})})
        types = {k: _column_type(row["props"].get(k) for row in rows) for k in props}
        header = [
            f":START_ID({_id_space(ends.start)})",
            f":END_ID({_id_space(ends.end)})",
            *(f"{k}:{types[k]}" for k in props),
        ]
        body = ([row["start"], row["end"], *_values(row, props)] for row in rows)
        self._write(path, header, ["string", "string", *(types[k] for k in props)], body)
        self.files.relationship_options.append(f"{ends.type}={path}")
        return len(rows)

    def _write(
        self, path: Path, header: list[str], kinds: list[str], rows: Iterable[list[Any]]
    ) -> None:
        formats = [_formatter(k) for k in kinds]
        lines = [",".join([f(v) for f, v in zip(formats, values, strict=True)]) for values in rows]
        text = "\n".join(lines)
        with path.open("w", encoding="utf-8", newline="") as out:
            out.write(",".join(header) + "\n" + text + "\n")
        # A line break inside a quoted field: more breaks than rows.
        if text.count("\n") > max(len(lines) - 1, 0) or "\r" in text:
            self.files.multiline.append(path)


def _values(row: dict[str, Any], props: list[str]) -> list[Any]:
    found = row.get("props", {})
    return [found.get(k) for k in props]


def write_csv(datasets: Iterable[Dataset], directory: Path) -> ImportFiles:
    """All data sets, then the view, as CSV files in ``directory``."""
    writer = CsvGraphWriter(directory)
    for dataset in datasets:
        writer.add(dataset)
    return writer.finish()
