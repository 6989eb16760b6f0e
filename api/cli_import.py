"""`armsgraph import <format> FILE`: a register export or table into a store, as one source.

Each format is one command over the shared ``run_import``: the progress bar, every bad row
as file:line:column: field: message, ``--skip-bad-rows`` with its report file, the
claim-level difference and the store's counts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from armsgraph.api.cli_common import (
    StoreOpt,
    UriOpt,
    cli_settings,
    counts_table,
    err,
    out,
    print_changes,
    progress_bar,
    reported_problems,
)
from armsgraph.api.stores import open_store
from armsgraph.loaders.registers.importer import (
    ImportOptions,
    RegisterFormat,
    import_register,
    write_skipped,
)

import_app = typer.Typer(
    help="Import a register export or table (one source per file; importing again is a no-op, "
    "a revised export replaces the earlier one).",
    no_args_is_help=True,
)

FileArg = Annotated[
    Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="The file to import.")
]
SkipOpt = Annotated[
    bool,
    typer.Option(
        "--skip-bad-rows",
        help="Load the good rows and list the bad ones in a report file, instead of loading "
        "nothing from a file with bad rows.",
    ),
]
ReportOpt = Annotated[
    Path | None,
    typer.Option("--report", help="Where --skip-bad-rows writes the skipped rows (CSV)."),
]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Print what would change, write nothing.")
]
_SHOWN = 20  # skipped rows printed; the report file has them all


def run_import(
    fmt: RegisterFormat,
    file: Path,
    store: StoreOpt = None,
    uri: UriOpt = None,
    skip_bad_rows: bool = False,
    report: Path | None = None,
    dry_run: bool = False,
) -> None:
    """What every ``armsgraph import`` command does, for the format ``fmt``."""
    target = open_store(cli_settings(store, uri))
    try:
        with reported_problems(), progress_bar() as bar:
            task = bar.add_task(f"{fmt.name}: {file.name}")

            def progress(done: int, total: int, what: str) -> None:
                bar.update(task, completed=done, total=total, description=f"{file.name}: {what}")

            options = ImportOptions(skip_bad_rows=skip_bad_rows, dry_run=dry_run, progress=progress)
            result = import_register(fmt, file, target, options)
        if result.skipped:
            where = report or Path(f"{file.name}.skipped.csv")
            write_skipped(where, result.skipped)
            for problem in result.skipped[:_SHOWN]:
                err.print(f"skipped {problem}", markup=False, highlight=False)
            more = len(result.skipped) - _SHOWN
            err.print(
                (f"... and {more} more; " if more > 0 else "")
                + f"{len(result.skipped)} problem(s) in skipped rows, listed in {where}"
            )
        if result.load is not None:
            print_changes(result.load.report)
        verb = "would import" if dry_run else "imported"
        err.print(
            f"{verb} {result.claims} claims from {result.rows} rows of {result.file} "
            f"as source {result.source.id}"
        )
        if not dry_run:
            out.print(counts_table(f"{target.name} now holds", target.counts()))
    finally:
        target.close()


@import_app.command("sipri")
def import_sipri(
    file: FileArg,
    store: StoreOpt = None,
    uri: UriOpt = None,
    skip_bad_rows: SkipOpt = False,
    report: ReportOpt = None,
    dry_run: DryRunOpt = False,
) -> None:
    """A SIPRI trade-register CSV export (the current one, or the older Latin-1 one), from
    https://armstransfers.sipri.org/: one claim per row with deliveries, asserted by SIPRI,
    the row as its evidence."""
    from armsgraph.loaders.registers.sipri import SipriFormat

    run_import(SipriFormat(), file, store, uri, skip_bad_rows, report, dry_run)


@import_app.command("unroca")
def import_unroca(
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
    """A State's report to the UN Register of Conventional Arms (CSV, TSV or XLSX), as
    unroca.org shows it: one claim per row, asserted by the reporting State; the exporter's
    and the importer's reports of a transfer share one flow."""
    from armsgraph.loaders.registers.unroca import UnrocaFormat

    fmt = UnrocaFormat(state=state, year=year, url=url)
    run_import(fmt, file, store, uri, skip_bad_rows, report, dry_run)


@import_app.command("table")
def import_table(
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
    run_import(fmt, file, store, uri, skip_bad_rows, report, dry_run)
