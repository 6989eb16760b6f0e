"""Plain-text tables (also valid Markdown) and the machine description."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def save_result(kind: str, payload: dict[str, Any]) -> Path:
    """``bench/results/<UTC stamp>-<kind>.json``: the payload with the machine and its load."""
    RESULTS.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"{stamp}-{kind}.json"
    out = {"machine": machine("5.26.29"), "load_average": os.getloadavg(), **payload}
    path.write_text(json.dumps(out, indent=2, default=str))
    return path


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    cells = [[_fmt(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |"
    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    numeric = [all(_numeric(r[i]) for r in cells) for i in range(len(headers))]
    body = [
        "| "
        + " | ".join(
            c.rjust(w) if num else c.ljust(w) for c, w, num in zip(r, widths, numeric, strict=True)
        )
        + " |"
        for r in cells
    ]
    return "\n".join([line, rule, *body])


def _numeric(text: str) -> bool:
    return text == "-" or text.replace(",", "").replace(".", "").replace("-", "").isdigit()


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        if value != value:  # NaN
            return "-"
        if abs(value) >= 100:
            return f"{value:,.0f}"
        if abs(value) >= 10:
            return f"{value:.1f}"
        return f"{value:.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def machine(neo4j_version: str | None) -> dict[str, str]:
    mem_kib = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem_kib = int(line.split()[1])
    try:
        java = subprocess.run(
            ["java", "-version"], capture_output=True, text=True, check=False
        ).stderr.splitlines()[0]
    except OSError:
        java = "not found"
    cpu = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "memory": f"{mem_kib / 1024 / 1024:.1f} GiB",
        "python": platform.python_version(),
        "java": java,
        "neo4j": neo4j_version or "n/a",
        "neo4j driver": version("neo4j"),
        "rdflib": version("rdflib"),
        "pyoxigraph": version("pyoxigraph"),
        "rdflib-neo4j": version("rdflib-neo4j"),
    }
