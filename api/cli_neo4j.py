"""`armsgraph neo4j ...`: run Neo4j Community locally from Maven Central jars, dump it,
bulk-import into it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from armsgraph.api.cli_common import counts_table, err, out, reported_problems
from armsgraph.core.settings import Settings
from armsgraph.loaders.ingest import BUNDLED_DATA, read_dataset

if TYPE_CHECKING:
    from armsgraph.graph import neo4j_server

neo4j_app = typer.Typer(help="Run Neo4j Community locally from Maven Central jars (no Docker).")


def _server_config(auth: bool = False) -> neo4j_server.Neo4jServerConfig:
    """The local server; with ``auth``, user neo4j and ARMSGRAPH_NEO4J_PASSWORD."""
    from armsgraph.graph import neo4j_server

    settings = Settings()
    password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else None
    if auth and not password:
        err.print("[red]error:[/red] --auth takes the password from ARMSGRAPH_NEO4J_PASSWORD")
        raise typer.Exit(1)
    return neo4j_server.Neo4jServerConfig(password=password if auth else None)


@neo4j_app.command("start")
def neo4j_start(
    auth: Annotated[
        bool,
        typer.Option(help="Authentication on: user neo4j, password ARMSGRAPH_NEO4J_PASSWORD."),
    ] = False,
) -> None:
    """Download the jars on first use (Maven), start on loopback, wait for Bolt.

    Ports: 7687 (Bolt) and 7474 (HTTP), or ARMSGRAPH_NEO4J_BOLT_PORT / ARMSGRAPH_NEO4J_HTTP_PORT.
    """
    from armsgraph.graph import neo4j_admin, neo4j_server

    cfg = _server_config(auth)
    status = neo4j_admin.start_with_auth(cfg) if auth else neo4j_server.start(cfg)
    out.print(status)


@neo4j_app.command("stop")
def neo4j_stop() -> None:
    """Stop the local server cleanly."""
    from armsgraph.graph import neo4j_server

    neo4j_server.stop(_server_config())
    out.print("stopped")


@neo4j_app.command("status")
def neo4j_status() -> None:
    """Is the local server running, and which version (asks with ARMSGRAPH_NEO4J_PASSWORD
    if it is set)."""
    from armsgraph.graph import neo4j_server

    out.print(neo4j_server.status(_server_config(auth=Settings().neo4j_password is not None)))


@neo4j_app.command("dump")
def neo4j_dump(
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder for neo4j.dump.")] = Path(
        "."
    ),
) -> None:
    """Write `neo4j-admin database dump` of the local server's graph (stops and restarts the
    server around it). Load it into any Neo4j 5.26+ with
    `neo4j-admin database load neo4j --from-path=FOLDER --overwrite-destination=true`."""
    from armsgraph.graph import neo4j_admin

    cfg = _server_config(auth=Settings().neo4j_password is not None)
    dump_file = neo4j_admin.dump(cfg, output, progress=err.print)
    size = dump_file.stat().st_size
    out.print(f"wrote {dump_file} ({size / 1e6:.1f} MB)")


@neo4j_app.command("import")
def neo4j_import(
    paths: Annotated[list[Path] | None, typer.Argument(help="Default: the bundled data.")] = None,
    replace: Annotated[
        bool, typer.Option(help="Replace a database that already holds data.")
    ] = False,
    auth: Annotated[
        bool, typer.Option(help="The server runs with auth (password ARMSGRAPH_NEO4J_PASSWORD).")
    ] = False,
) -> None:
    """Bulk first load: validate and reason as `load` does, write CSV, run neo4j-admin
    import offline (the local server is stopped and started again), then create the schema.

    Much faster than `load --store neo4j` for a large first load; it replaces the whole
    database, so it refuses one that holds data unless --replace.
    """
    from armsgraph.graph import neo4j_bulk
    from armsgraph.graph.neo4j_store import Neo4jStore

    with reported_problems():
        dataset, _ = read_dataset(paths or [BUNDLED_DATA])
    cfg = _server_config(auth)
    report = neo4j_bulk.bulk_load(
        cfg,
        [dataset],
        cfg.home / "import",
        replace=replace,
        progress=lambda message: err.print(message, markup=False, highlight=False),
    )
    err.print(
        f"imported {report.rows:,} rows: CSV {report.csv_seconds:.1f} s, neo4j-admin "
        f"{report.import_seconds:.1f} s, server stop+start {report.restart_seconds:.1f} s, "
        f"schema {report.schema_seconds:.1f} s"
    )
    with Neo4jStore(cfg.bolt_uri, *(cfg.auth or (None, None))) as store:
        out.print(counts_table("neo4j now holds", store.counts()))
