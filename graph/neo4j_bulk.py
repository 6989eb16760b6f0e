"""Bulk first load: the online loader's rows as CSV, imported offline by ``neo4j-admin``.

``neo4j_plan.plan_load`` decides what a load writes; this module writes exactly those rows
as ``neo4j-admin database import full`` CSV files (one file per step and data set, each
with its own typed header), so the imported graph is the one ``Neo4jStore.load`` would
have written. The importer drops empty arrays, which the online loader keeps, so they are
set afterwards in a short online pass (``EmptyLists``).
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from armsgraph.core.dataset import Dataset
from armsgraph.core.errors import StoreError
from armsgraph.graph import cypher, neo4j_server
from armsgraph.graph.neo4j_admin import admin, database_dirs, start_with_auth
from armsgraph.graph.neo4j_plan import Step, check_links, plan_load
from armsgraph.graph.neo4j_server import Neo4jServerConfig, Neo4jServerError
from armsgraph.graph.neo4j_store import Neo4jStore

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


def _scalar_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dt.datetime):
        return "datetime"
    if isinstance(value, dt.date):
        return "date"
    raise StoreError(f"a property value of type {type(value).__name__} cannot be imported")


def _column_type(values: Iterable[Any]) -> str:
    """The neo4j-admin type of one column: a float anywhere makes numbers double."""
    seen: set[str] = set()
    array = False
    for value in values:
        if value is None:
            continue
        if isinstance(value, list):
            array = True
            seen.update(_scalar_type(v) for v in value)
        else:
            seen.add(_scalar_type(value))
    if seen == {"long", "double"}:
        seen = {"double"}
    if len(seen) > 1:
        raise StoreError(f"a property mixes value types {sorted(seen)}")
    kind = seen.pop() if seen else "string"
    return f"{kind}[]" if array else kind


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):  # datetime too
        return value.isoformat()
    return str(value)


def _cell(value: Any) -> str:
    """One CSV field; an unquoted empty field is null, a quoted one an empty string."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return repr(value)
    text = ARRAY_DELIMITER.join(map(_text, value)) if isinstance(value, list) else _text(value)
    return '"' + text.replace('"', '""') + '"'


@dataclass
class EmptyLists:
    """(label, property) -> ids of nodes whose value is ``[]``; relationships never have
    list properties in the plan."""

    nodes: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def add(self, label: str, prop: str, node_id: str) -> None:
        self.nodes.setdefault((label, prop), []).append(node_id)

    def __len__(self) -> int:
        return sum(len(ids) for ids in self.nodes.values())


@dataclass
class ImportFiles:
    """The CSV files of one bulk import, as neo4j-admin options, and what they hold."""

    directory: Path
    node_options: list[str] = field(default_factory=list)
    relationship_options: list[str] = field(default_factory=list)
    multiline: list[Path] = field(default_factory=list)
    empty_lists: EmptyLists = field(default_factory=EmptyLists)
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


class CsvGraphWriter:
    """Writes data sets, one after another, as neo4j-admin CSV files in ``directory``.

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
        self.files.datasets += 1
        self.files.rows += written
        return written

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
        with path.open("w", encoding="utf-8", newline="") as out:
            multiline = self._write(
                out, header, ([row["id"], *_values(row, props)] for row in rows)
            )
        for row in rows:
            for k in props:
                if row["props"].get(k) == []:
                    self.files.empty_lists.add(label, k, row["id"])
        labels = label if label not in cypher.EVENT_LABELS else f"{label}:{cypher.TRANSFER}"
        if extra:
            labels = f"{labels}:{extra}"
        self.files.node_options.append(f"{labels}={path}")
        if multiline:
            self.files.multiline.append(path)
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
        with path.open("w", encoding="utf-8", newline="") as out:
            multiline = self._write(out, header, body)
        self.files.relationship_options.append(f"{ends.type}={path}")
        if multiline:
            self.files.multiline.append(path)
        return len(rows)

    @staticmethod
    def _write(out: TextIO, header: list[str], rows: Iterator[list[Any]]) -> bool:
        out.write(",".join(header) + "\n")
        multiline = False
        for values in rows:
            line = ",".join(_cell(v) for v in values)
            multiline = multiline or "\n" in line or "\r" in line
            out.write(line + "\n")
        return multiline


def _values(row: dict[str, Any], props: list[str]) -> list[Any]:
    found = row.get("props", {})
    return [found.get(k) for k in props]


@dataclass
class BulkReport:
    rows: int
    datasets: int
    csv_seconds: float
    import_seconds: float  # neo4j-admin alone
    restart_seconds: float  # the server stopped before the import and started after it
    finish_seconds: float  # schema and its indexes, empty lists, SUPPLIED_TO view
    csv_bytes: int


def write_csv(datasets: Iterable[Dataset], directory: Path) -> tuple[ImportFiles, float]:
    """All data sets as CSV files; (files, seconds taken)."""
    started = time.perf_counter()
    writer = CsvGraphWriter(directory)
    for dataset in datasets:
        writer.add(dataset)
    return writer.files, time.perf_counter() - started


def csv_size(files: ImportFiles) -> int:
    return sum(p.stat().st_size for p in files.directory.glob("*.csv"))


# --- the whole bulk load: CSV, offline import, then schema and view online ------------------


def _backup_dirs(cfg: Neo4jServerConfig) -> list[tuple[Path, Path]]:
    return [(d, d.with_name(d.name + ".before-bulk-import")) for d in database_dirs(cfg)]


def _start(cfg: Neo4jServerConfig, progress: Callable[[str], None]) -> neo4j_server.ServerStatus:
    if cfg.password:
        return start_with_auth(cfg, progress)
    return neo4j_server.start(cfg, progress=progress)


def _store(cfg: Neo4jServerConfig, uri: str) -> Neo4jStore:
    return Neo4jStore(uri, "neo4j" if cfg.password else None, cfg.password)


def restore_interrupted_import(cfg: Neo4jServerConfig) -> bool:
    """Put back the database an import killed midway had moved aside; True if it did."""
    restored = False
    for live, backup in _backup_dirs(cfg):
        if backup.exists():
            shutil.rmtree(live, ignore_errors=True)
            backup.rename(live)
            restored = True
    return restored


def bulk_load(
    cfg: Neo4jServerConfig,
    datasets: Iterable[Dataset],
    work_dir: Path,
    replace: bool = False,
    progress: Callable[[str], None] = print,
) -> BulkReport:
    """Replace the local server's empty ``neo4j`` database by a bulk import of ``datasets``.

    Refuses a database that holds data unless ``replace``. The old database is moved aside
    while the importer runs and put back if it fails or is killed (the next call puts it
    back first), so a failed import loses nothing.
    """
    if restore_interrupted_import(cfg):
        progress("an earlier bulk import was interrupted: its database was put back")
    status = _start(cfg, progress)
    with _store(cfg, status.bolt_uri) as store:
        if not replace and not store.is_empty():
            raise StoreError(
                "the Neo4j database is not empty: a bulk import replaces everything in it; "
                "pass --replace to do so, or load online (without --bulk) to add to it"
            )
    shutil.rmtree(work_dir, ignore_errors=True)
    progress(f"writing CSV to {work_dir}")
    files, csv_seconds = write_csv(datasets, work_dir)
    progress(f"{files.rows:,} rows from {files.datasets} data set(s) in {csv_seconds:.1f} s")
    restart = time.perf_counter()
    neo4j_server.stop(cfg, progress=progress)
    restart_seconds = time.perf_counter() - restart
    moved = _backup_dirs(cfg)
    for live, backup in moved:
        if live.exists():
            live.rename(backup)
    args = [
        "database",
        "import",
        "full",
        "neo4j",  # before the file lists: picocli would read it as one more file
        "--overwrite-destination=true",
        "--bad-tolerance=0",  # fault-free data or nothing: the old database is put back
        f"--array-delimiter={ARRAY_DELIMITER_OPTION}",
        f"--report-file={cfg.logs_dir / 'bulk-import.report'}",
        *files.arguments(),
    ]
    started = time.perf_counter()
    try:
        output = admin(cfg, *args, timeout=24 * 3600)
    except Neo4jServerError:
        restore_interrupted_import(cfg)
        _start(cfg, progress)
        raise
    import_seconds = time.perf_counter() - started
    (cfg.logs_dir / "bulk-import.log").write_text(output + "\n", encoding="utf-8")
    for _live, backup in moved:
        shutil.rmtree(backup, ignore_errors=True)
    progress(f"neo4j-admin import took {import_seconds:.1f} s")
    restart = time.perf_counter()
    status = _start(cfg, progress)
    restart_seconds += time.perf_counter() - restart
    started = time.perf_counter()
    with _store(cfg, status.bolt_uri) as store:
        store.ensure_schema()
        for (label, prop), ids in files.empty_lists.nodes.items():
            statement = cypher.set_empty_list(label, prop)
            for at in range(0, len(ids), store.batch_size):
                store.write_rows(statement, [{"id": i} for i in ids[at : at + store.batch_size]])
        store.rebuild_view()
    finish = time.perf_counter() - started
    progress(f"schema, {len(files.empty_lists):,} empty lists and the view in {finish:.1f} s")
    return BulkReport(
        rows=files.rows,
        datasets=files.datasets,
        csv_seconds=csv_seconds,
        import_seconds=import_seconds,
        restart_seconds=restart_seconds,
        finish_seconds=finish,
        csv_bytes=csv_size(files),
    )
