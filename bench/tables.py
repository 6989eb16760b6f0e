"""Render a results JSON (bench/results/*.json) as the Markdown tables of BENCHMARKS.md.

``python -m bench.tables bench/results/<file>.json`` prints them again.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from bench.report import table

# Progress is reported after each batch: the first step also holds everything before the
# first batch, and the time after the last batch is the view rebuild and the final counts.
STEP_NAMES = {
    "State": "State + before 1st batch (check_links, schema, counts, plan_load)",
    "(schema, counts, SUPPLIED_TO rebuild)": "after last batch (SUPPLIED_TO view, counts)",
}


def _slope(chunk_seconds: list[float], chunk: int) -> str:
    """Load time of the first and last quarter of chunks, per 10k claims."""
    if len(chunk_seconds) < 4:
        return "-"
    q = max(1, len(chunk_seconds) // 4)
    first = sum(chunk_seconds[:q]) / q
    last = sum(chunk_seconds[-q:]) / q
    scale = 10_000 / chunk
    return f"{first * scale:.1f} s -> {last * scale:.1f} s"


# A column: its header and the row's key, or a function of the row.
Column = tuple[str, str | Callable[[dict[str, Any]], Any]]
CLAIMS: Column = ("claims", "claims")
LOAD_SECONDS: Column = ("load s", "seconds")
RATE: Column = ("claims/s", "rate")
PY_PEAK: Column = ("py peak MiB", "peak_py_mib")
JVM_PEAK: Column = ("JVM peak MiB", "peak_jvm_mib")
STORE: Column = ("store", "store")


def _section(
    out: list[str],
    title: str,
    rows: list[dict[str, Any]],
    columns: list[Column],
    notes: Sequence[str] = (),
) -> None:
    """``title``, a table of ``rows`` with ``columns``, the notes on it, a blank line."""
    cells = [tuple(key(r) if callable(key) else r[key] for _, key in columns) for r in rows]
    out += [title, table([header for header, _ in columns], cells), *notes, ""]


def render(data: dict[str, Any]) -> str:
    out = [f"Run of {data['date']}: `{data['command']}`", ""]
    m = data.get("machine", {})
    out += [table(["machine", "value"], list(m.items())), ""]
    chunk = data["args"]["chunk"]
    slope: Column = ("slope", lambda r: _slope(r["chunk_seconds"], chunk))

    equal = [r for r in data["load"] if r.get("phase", "").startswith("equal")]
    if equal:
        title = "Neo4j load at equal N (loader time only; generation excluded):"
        columns = [("method", "method"), CLAIMS, ("seconds", "seconds"), RATE, PY_PEAK, JVM_PEAK]
        _section(out, title, equal, columns)

    sized = [r for r in data["load"] if r.get("phase") == "size"]
    if sized:
        title = (
            f"Neo4jStore.load by size ({chunk:,} claims per load call; slope = load time per "
            "10k claims, first quarter of chunks -> last quarter):"
        )
        store_mib: Column = ("store MiB", lambda r: r.get("store_mib", float("nan")))
        columns = [CLAIMS, LOAD_SECONDS, RATE, ("gen s", "gen_seconds"), slope, PY_PEAK]
        _section(out, title, sized, [*columns, JVM_PEAK, store_mib])
        steps = sized[-1]["extra"].get("steps", {})
        if steps:
            total = sum(steps.values())
            top = sorted(steps.items(), key=lambda kv: -kv[1])[:8]
            top = [(STEP_NAMES.get(k, k), v) for k, v in top]
            out.append(f"Where the {sized[-1]['claims']:,}-claim load spent its time:")
            out.append(
                table(
                    ["step", "seconds", "share"],
                    [(k, v, f"{100 * v / total:.0f}%") for k, v in top],
                )
            )
            out.append("")

    if emb := data.get("embedded_load", []):
        title = "Embedded Oxigraph store (RdfStore.load per chunk):"
        columns = [CLAIMS, LOAD_SECONDS, RATE, slope, PY_PEAK, ("store MiB", "store_mib")]
        _section(out, title, emb, columns)

    if data.get("export"):
        steps_column: Column = (
            "steps",
            lambda r: ", ".join(f"{k} {v:.1f}" for k, v in r["seconds"].items()),
        )
        columns = [("pipeline", "pipeline"), CLAIMS, ("quads", "quads"), steps_column]
        columns += [("total s", "total"), ("quads/s", "rate"), PY_PEAK]
        title = "RDF build and export (same quads; seconds by step):"
        _section(out, title, data["export"], columns)

    if data.get("paths"):
        title = "Path queries through Store.find_paths (latency per query):"
        columns = [STORE, CLAIMS, ("query", "shape"), ("runs", "runs"), ("fail", "failures")]
        columns += [("p50 ms", "p50_ms"), ("p99 ms", "p99_ms"), ("max ms", "max_ms")]
        notes = sorted({r["note"] for r in data["paths"] if r["note"]})
        failures = [f"- failure: {n}" for n in notes]
        _section(out, title, data["paths"], [*columns, ("paths", "mean_paths")], failures)

    if data.get("api"):
        title = "HTTP API, GET /paths (uvicorn, 1 worker; concurrent httpx clients):"
        columns = [STORE, CLAIMS, ("clients", "concurrency"), ("requests", "requests")]
        columns += [("errors", "errors"), ("seconds", "seconds"), ("req/s", "rps")]
        _section(out, title, data["api"], [*columns, ("p50 ms", "p50_ms"), ("p99 ms", "p99_ms")])
    return "\n".join(out)


def main() -> int:
    for name in sys.argv[1:]:
        with open(name) as f:
            print(render(json.load(f)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
