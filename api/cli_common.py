"""What the CLI's command modules share: the two consoles, bad-input reporting, tables."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.table import Table

from armsgraph.core.errors import DataError
from armsgraph.loaders.world import install_hint, register_patterns

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
