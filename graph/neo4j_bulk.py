"""Bulk first load: the online loader's rows as CSV (``neo4j_csv``), imported offline by
``neo4j-admin database import full``, then the schema, online.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from armsgraph.core.dataset import Dataset
from armsgraph.core.errors import StoreError
from armsgraph.graph import neo4j_server
from armsgraph.graph.neo4j_admin import admin, database_dirs, start_with_auth
from armsgraph.graph.neo4j_csv import ARRAY_DELIMITER_OPTION, write_csv
from armsgraph.graph.neo4j_server import Neo4jServerConfig, Neo4jServerError
from armsgraph.graph.neo4j_store import Neo4jStore


@dataclass
class BulkReport:
    rows: int
    datasets: int
    csv_seconds: float  # the data sets' rows as CSV (making the data sets included)
    import_seconds: float  # neo4j-admin alone
    restart_seconds: float  # waiting for the server to stop (past the CSV) and to start
    schema_seconds: float  # constraints and indexes, populated
    csv_bytes: int


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
    progress("waiting for the writer lock (a load of another process must end first)")
    # Held from the check to the stop: a write of another process under way is waited
    # for; one that starts in the instant before the stop fails with the server (the
    # import replaces that database anyway). Not held through the stop, which would wait
    # for its transaction (10 s) before ending it.
    with _store(cfg, status.bolt_uri) as store, store.lock_only():
        if not replace and not store.is_empty():
            raise StoreError(
                "the Neo4j database is not empty: a bulk import replaces everything in it; "
                "pass --replace to do so, or load online (without --bulk) to add to it"
            )
    return _import(cfg, datasets, work_dir, progress)


def _import(
    cfg: Neo4jServerConfig,
    datasets: Iterable[Dataset],
    work_dir: Path,
    progress: Callable[[str], None],
) -> BulkReport:
    """Stop the server, import, start it again, then the schema."""
    shutil.rmtree(work_dir, ignore_errors=True)
    progress(f"writing CSV to {work_dir}, stopping the server meanwhile")
    started = time.perf_counter()
    # The server's shutdown (a checkpoint, mostly waiting on the disk) overlaps the CSV.
    with ThreadPoolExecutor(1) as pool:
        stopping = pool.submit(neo4j_server.stop, cfg, progress=progress)
        try:
            files = write_csv(datasets, work_dir)
        except BaseException:
            stopping.result()
            _start(cfg, progress)  # bad data: the server as it was
            raise
        csv_seconds = time.perf_counter() - started
        progress(f"{files.rows:,} rows from {files.datasets} data set(s) in {csv_seconds:.1f} s")
        restart = time.perf_counter()
        stopping.result()
    restart_seconds = time.perf_counter() - restart  # what the CSV did not hide
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
    with _store(cfg, status.bolt_uri) as store, store.exclusive_writer():
        # Held until the schema is online; its end replaces the state token, so the
        # answers a running API kept of the old database are dropped.
        started = time.perf_counter()
        store.ensure_schema()
        store.advance_state()
    schema_seconds = time.perf_counter() - started
    progress(f"schema in {schema_seconds:.1f} s")
    return BulkReport(
        rows=files.rows,
        datasets=files.datasets,
        csv_seconds=csv_seconds,
        import_seconds=import_seconds,
        restart_seconds=restart_seconds,
        schema_seconds=schema_seconds,
        csv_bytes=files.size(),
    )
