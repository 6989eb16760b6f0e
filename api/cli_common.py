"""What the CLI's command modules share: the two consoles, the store and dry-run options,
the store a writing command opens, bad-input reporting, the progress bar, tables."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from armsgraph.api.stores import open_store
from armsgraph.core.errors import DataError
from armsgraph.core.replace import VersionReport
from armsgraph.core.settings import Settings, StoreKind, load_settings
from armsgraph.core.store import Progress as ProgressCallback
from armsgraph.core.store import Store
from armsgraph.loaders.world import install_hint, register_patterns

StoreOpt = Annotated[StoreKind | None, typer.Option("--store", help="embedded (default) or neo4j")]
UriOpt = Annotated[str | None, typer.Option("--uri", help="Neo4j Bolt URI.")]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Print what would change, write nothing.")
]

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


@contextmanager
def reported_problems() -> Iterator[None]:
    """Bad input: every problem as file:line:column: field: message, then exit 1."""
    try:
        yield
    except DataError as exc:
        for problem in exc.problems:
            err.print(str(problem), markup=False, highlight=False)
        if not register_patterns() and any("unknown state" in str(p) for p in exc.problems):
            err.print(
                "note: register spellings such as 'Korea, North' resolve through "
                "country_converter's patterns, which are not installed: "
                f"{install_hint()}",
                markup=False,
                highlight=False,
            )
        err.print(f"[red]{len(exc.problems)} problem(s); nothing was loaded.[/red]")
        raise typer.Exit(1) from None


def counts_table(title: str, counts: dict[str, int]) -> Table:
    table = Table(title=title)
    table.add_column("what")
    table.add_column("count", justify="right")
    for key, value in counts.items():
        table.add_row(key, str(value))
    return table


def cli_settings(store: StoreKind | None = None, uri: str | None = None) -> Settings:
    # Options are checked with the environment, so `--store neo4j` meets the production rules.
    return load_settings(store=store, neo4j_uri=uri)


@contextmanager
def progress_bar() -> Iterator[Progress]:
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=False) as progress:
        yield progress


@contextmanager
def progress_reporter(label: str, name: str) -> Iterator[ProgressCallback]:
    """A progress bar with one task (``label``) and the callback that moves it, each step
    described as ``name: what``."""
    with progress_bar() as bar:
        task = bar.add_task(label)

        def report(done: int, total: int, what: str) -> None:
            bar.update(task, completed=done, total=total, description=f"{name}: {what}")

        yield report


@contextmanager
def store_to_write(store: StoreKind | None, uri: str | None, *, dry_run: bool) -> Iterator[Store]:
    """The store a writing command opens (closed after it); once the command's work is
    done, unless it was a dry run, a table of what the store now holds."""
    target = open_store(cli_settings(store, uri))
    try:
        yield target
        if not dry_run:
            out.print(counts_table(f"{target.name} now holds", target.counts()))
    finally:
        target.close()


def print_changes(result: VersionReport) -> None:
    """The claim-level difference of a versioned write (+ added, ~ changed, - retracted)."""
    lines = result.lines()
    if lines:  # one call: rich's cost is per call (26,000 lines at 50k claims: 1.2 -> 0.25 s)
        out.print("\n".join(lines), markup=False, highlight=False)
