"""Render a results JSON (bench/results/*.json) as the Markdown tables of BENCHMARKS.md.

``python -m bench.tables bench/results/<file>.json`` prints them again.
"""

from __future__ import annotations

import json
import sys
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


def render(data: dict[str, Any]) -> str:
    out = [f"Run of {data['date']}: `{data['command']}`", ""]
    m = data.get("machine", {})
    out += [table(["machine", "value"], list(m.items())), ""]
    chunk = data["args"]["chunk"]

    equal = [r for r in data["load"] if r.get("phase", "").startswith("equal")]
    if equal:
        out.append("Neo4j load at equal N (loader time only; generation excluded):")
        out.append(
            table(
                ["method", "claims", "seconds", "claims/s", "py peak MiB", "JVM peak MiB"],
                [
                    (
                        r["method"],
                        r["claims"],
                        r["seconds"],
                        r["rate"],
                        r["peak_py_mib"],
                        r["peak_jvm_mib"],
                    )
                    for r in equal
                ],
            )
        )
        out.append("")

    sized = [r for r in data["load"] if r.get("phase") == "size"]
    if sized:
        out.append(
            f"Neo4jStore.load by size ({chunk:,} claims per load call; slope = load time per "
            "10k claims, first quarter of chunks -> last quarter):"
        )
        out.append(
            table(
                [
                    "claims",
                    "load s",
                    "claims/s",
                    "gen s",
                    "slope",
                    "py peak MiB",
                    "JVM peak MiB",
                    "store MiB",
                ],
                [
                    (
                        r["claims"],
                        r["seconds"],
                        r["rate"],
                        r["gen_seconds"],
                        _slope(r["chunk_seconds"], chunk),
                        r["peak_py_mib"],
                        r["peak_jvm_mib"],
                        r.get("store_mib", float("nan")),
                    )
                    for r in sized
                ],
            )
        )
        out.append("")
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

    emb = data.get("embedded_load", [])
    if emb:
        out.append("Embedded Oxigraph store (RdfStore.load per chunk):")
        out.append(
            table(
                ["claims", "load s", "claims/s", "slope", "py peak MiB", "store MiB"],
                [
                    (
                        r["claims"],
                        r["seconds"],
                        r["rate"],
                        _slope(r["chunk_seconds"], chunk),
                        r["peak_py_mib"],
                        r["store_mib"],
                    )
                    for r in emb
                ],
            )
        )
        out.append("")

    if data.get("export"):
        out.append("RDF build and export (same quads; seconds by step):")
        out.append(
            table(
                ["pipeline", "claims", "quads", "steps", "total s", "quads/s", "py peak MiB"],
                [
                    (
                        r["pipeline"],
                        r["claims"],
                        r["quads"],
                        ", ".join(f"{k} {v:.1f}" for k, v in r["seconds"].items()),
                        r["total"],
                        r["rate"],
                        r["peak_py_mib"],
                    )
                    for r in data["export"]
                ],
            )
        )
        out.append("")

    if data.get("paths"):
        out.append("Path queries through Store.find_paths (latency per query):")
        out.append(
            table(
                ["store", "claims", "query", "runs", "fail", "p50 ms", "p99 ms", "max ms", "paths"],
                [
                    (
                        r["store"],
                        r["claims"],
                        r["shape"],
                        r["runs"],
                        r["failures"],
                        r["p50_ms"],
                        r["p99_ms"],
                        r["max_ms"],
                        r["mean_paths"],
                    )
                    for r in data["paths"]
                ],
            )
        )
        notes = {r["note"] for r in data["paths"] if r["note"]}
        out += [f"- failure: {n}" for n in sorted(notes)]
        out.append("")

    if data.get("api"):
        out.append("HTTP API, GET /paths (uvicorn, 1 worker; concurrent httpx clients):")
        out.append(
            table(
                [
                    "store",
                    "claims",
                    "clients",
                    "requests",
                    "errors",
                    "seconds",
                    "req/s",
                    "p50 ms",
                    "p99 ms",
                ],
                [
                    (
                        r["store"],
                        r["claims"],
                        r["concurrency"],
                        r["requests"],
                        r["errors"],
                        r["seconds"],
                        r["rps"],
                        r["p50_ms"],
                        r["p99_ms"],
                    )
                    for r in data["api"]
                ],
            )
        )
        out.append("")
    return "\n".join(out)


def main() -> int:
    for name in sys.argv[1:]:
        with open(name) as f:
            print(render(json.load(f)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
