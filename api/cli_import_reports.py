"""`armsgraph import unroca FILE` and `armsgraph import table FILE --mapping MAP.yaml`.

Both run through ``cli_import.run_import`` (progress bar, bad rows at file:line:column,
``--skip-bad-rows`` and its report, the claim-level difference); this module only builds
their formats from the command line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from armsgraph.api.cli_common import StoreOpt, UriOpt, reported_problems
from armsgraph.api.cli_import import DryRunOpt, FileArg, ReportOpt, SkipOpt, run_import


def register(app: typer.Typer) -> None:
    """Add the two commands to the ``import`` group."""
    app.command("unroca")(unroca)
    app.command("table")(table)


def unroca(
    file: FileArg,
    state: Annotated[
        str | None,
        typer.Option(help="The reporting State, where the file lacks the page's heading."),
    ] = None,
    year: Annotated[
        int | None, typer.Option(help="The calendar year the report covers, likewise.")
    ] = None,
    url: Annotated[
        str | None, typer.Option(help="Where the report was published (its unroca.org page).")
    ] = None,
    store: StoreOpt = None,
    uri: UriOpt = None,
    skip_bad_rows: SkipOpt = False,
    report: ReportOpt = None,
    dry_run: DryRunOpt = False,
) -> None:
    """A State's report to the UN Register of Conventional Arms (CSV, TSV or XLSX): every row
    a claim the State asserts, exporter's and importer's reports of a transfer in one flow."""
    from armsgraph.loaders.registers.unroca import UnrocaFormat

    fmt = UnrocaFormat(state=state, year=year, url=url)
    run_import(
        fmt,
        file,
        store=store,
        uri=uri,
        skip_bad_rows=skip_bad_rows,
        report=report,
        dry_run=dry_run,
    )


def table(
    file: FileArg,
    mapping: Annotated[
        Path,
        typer.Option(
            exists=True, dir_okay=False, readable=True, help="The mapping file (YAML): see README."
        ),
    ],
    store: StoreOpt = None,
    uri: UriOpt = None,
    skip_bad_rows: SkipOpt = False,
    report: ReportOpt = None,
    dry_run: DryRunOpt = False,
) -> None:
    """A CSV or XLSX table, its columns mapped to claim fields by MAP.yaml."""
    from armsgraph.loaders.registers.table import TableFormat
    from armsgraph.loaders.registers.table_mapping import read_mapping

    with reported_problems():
        fmt = TableFormat(read_mapping(mapping))
    run_import(
        fmt,
        file,
        store=store,
        uri=uri,
        skip_bad_rows=skip_bad_rows,
        report=report,
        dry_run=dry_run,
    )
