"""`armsgraph import <format> FILE`: a register export or table into a store, as one source.

Each format is a function that builds its ``RegisterFormat`` from the format's own options,
registered by ``import_command``: the command takes FILE, those options, and the options of
``run_import``, which every import shares (the store, ``--skip-bad-rows`` with its report
file, ``--dry-run``) and which does the rest: the progress bar, every bad row as
file:line:column: field: message, the claim-level difference and the store's counts.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from armsgraph.api.cli_common import (
    DryRunOpt,
    StoreOpt,
    UriOpt,
    err,
    print_changes,
    progress_reporter,
    reported_problems,
    store_to_write,
)
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
_SHOWN = 20  # skipped rows printed; the report file has them all


def run_import(
    fmt: RegisterFormat,
    file: FileArg,
    store: StoreOpt = None,
    uri: UriOpt = None,
    skip_bad_rows: SkipOpt = False,
    report: ReportOpt = None,
    dry_run: DryRunOpt = False,
) -> None:
    """What every ``armsgraph import`` command does, for the format ``fmt``."""
    with store_to_write(store, uri, dry_run=dry_run) as target:
        label = f"{fmt.name}: {file.name}"
        with reported_problems(), progress_reporter(label, file.name) as progress:
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


FormatFactory = Callable[..., RegisterFormat]


def import_command(name: str) -> Callable[[FormatFactory], FormatFactory]:
    """Register ``armsgraph import <name>``: FILE, the factory's parameters (the format's
    own options) and ``run_import``'s shared options; the factory's docstring is its help."""

    def register(factory: FormatFactory) -> FormatFactory:
        own = inspect.signature(factory, eval_str=True).parameters
        shared = inspect.signature(run_import, eval_str=True).parameters
        params = [shared["file"], *own.values()]
        params += [p for n, p in shared.items() if n not in ("fmt", "file")]
        # Keyword-only, so that a required option may follow an optional one.
        params = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in params]

        def command(**options: Any) -> None:
            with reported_problems():
                fmt = factory(**{n: options.pop(n) for n in own})
            run_import(fmt, **options)

        # typer reads a command's options from its signature and annotations.
        command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
        command.__annotations__ = {p.name: p.annotation for p in params}
        command.__doc__ = factory.__doc__
        import_app.command(name)(command)
        return factory

    return register


@import_command("sipri")
def sipri_format() -> RegisterFormat:
    """A SIPRI trade-register CSV export (the current one, or the older Latin-1 one), from
    https://armstransfers.sipri.org/: one claim per row with deliveries, asserted by SIPRI,
    the row as its evidence."""
    from armsgraph.loaders.registers.sipri import SipriFormat

    return SipriFormat()


@import_command("unroca")
def unroca_format(
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
) -> RegisterFormat:
    """A State's report to the UN Register of Conventional Arms (CSV, TSV or XLSX), as
    unroca.org shows it: one claim per row, asserted by the reporting State; the exporter's
    and the importer's reports of a transfer share one flow."""
    from armsgraph.loaders.registers.unroca import UnrocaFormat

    return UnrocaFormat(state=state, year=year, url=url)


@import_command("table")
def table_format(
    mapping: Annotated[
        Path,
        typer.Option(
            exists=True, dir_okay=False, readable=True, help="The mapping file (YAML): see README."
        ),
    ],
) -> RegisterFormat:
    """A CSV or XLSX table, its columns mapped to claim fields by MAP.yaml."""
    from armsgraph.loaders.registers.table import TableFormat
    from armsgraph.loaders.registers.table_mapping import read_mapping

    return TableFormat(read_mapping(mapping))
