"""Validate and load N claims written as claim files, as `armsgraph validate` / `load` do.

    python -m bench.validate_load --claims 50000                 # the embedded store
    python -m bench.validate_load --claims 50000 --store neo4j   # ARMSGRAPH_NEO4J_URI's server

Writes N claims (deterministic, ``--seed``) as YAML claim files of ``--per-file`` claims
each, in the authoring format and over the bundled reference data: shipments between real
states (some into embargoed ones, so the reasoner infers breaches), listed and unlisted
weapons, quantities and periods. Then runs the real CLI, each command in a process of its
own, and reads its wall time and peak resident memory (``wait4``'s ru_maxrss): `validate`,
then `load` into an empty store. Prints them beside the targets of issue 15 (30 s and
1 GiB each) and the figures the issue measured before (validate 120 s / 2.6 GB, load
148 s / 3.9 GB), with the load average. Generation is not timed.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bench.report import table

TARGET_S = 30.0
TARGET_MIB = 1024.0
# Issue 15, point 10, measured before the fixes (50,000 claims).
BEFORE = {"validate": (120.0, 2.6 * 1000), "load": (148.0, 3.9 * 1000)}

# Suppliers and recipients: ISO codes the bundled gazetteer resolves; PRK, IRN and the
# DPRK/Iran partners make the reasoner infer breaches of the bundled embargoes.
STATES = ["PRK", "RUS", "IRN", "SYR", "CHN", "BLR", "MMR", "IND", "PAK", "EGY", "DZA",
          "VNM", "UKR", "USA", "FRA", "DEU", "ITA", "GBR", "TUR", "ISR", "BRA", "ARE", "SAU",
          "ZAF"]  # fmt: skip
LISTED = ["kn-23-kn-24", "artillery-ammunition", "koksan-m1989", "mrl-240mm", "pantsir",
          "shahed-series-uav", "anti-tank-missile", "combat-vehicle"]  # fmt: skip
UNLISTED = [("Synthetic rifle {n}", "small_arms_light_weapons"),
            ("Synthetic shell {n}", "ammunition"),
            ("Synthetic drone {n}", "VII_missiles_and_launchers")]  # fmt: skip


def _claim(rng: random.Random, n: int) -> dict[str, Any]:
    supplier, recipient = rng.sample(STATES, 2)
    year = rng.randint(2005, 2025)
    if rng.random() < 0.5:
        item: dict[str, Any] = {"weapon": rng.choice(LISTED)}
    else:
        name, category = rng.choice(UNLISTED)
        item = {"weapon": name.format(n=n % 200), "category": category}
    if rng.random() < 0.7:
        item["quantity"] = {"value": rng.randint(1, 50_000), "unit": "unit"}
    return {
        "key": f"synthetic-claim-{n}",
        "quote": f"Synthetic report {n}: {supplier} delivered arms to {recipient} in {year}.",
        "asserted_by": f"Synthetic observer {n % 40}",
        "confidence": rng.choice(["low", "medium", "high"]),
        "reported": f"{min(year + 1, 2025)}",
        "shipment": {
            "supplier": supplier,
            "recipient": recipient,
            "items": [item],
            "period": {"start": f"{year}-{rng.randint(1, 12):02d}"},
        },
    }


def write_claim_files(folder: Path, claims: int, per_file: int, seed: int) -> int:
    """``claims`` claims in files of ``per_file``; returns the number of files."""
    rng = random.Random(seed)
    files = 0
    for start in range(0, claims, per_file):
        source = f"synthetic-{files:05d}"
        document = {
            "source": {
                "id": source,
                "title": f"Synthetic report {files}",
                "publisher": f"Synthetic publisher {files % 50}",
                "date": "2025",
                "kind": "news",
                "url": f"https://example.org/{source}",
            },
            "claims": [_claim(rng, n) for n in range(start, min(start + per_file, claims))],
        }
        with (folder / f"{source}.yaml").open("w", encoding="utf-8") as f:
            yaml.safe_dump(document, f, sort_keys=False, allow_unicode=True)
        files += 1
    return files


def _or_dash(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:,.0f}"


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user + system: what the wall time would be on an idle core
    peak_mib: float
    tail: str


def run_cli(args: list[str], env: dict[str, str]) -> Run:
    """One `armsgraph` command in a process of its own: wall time and peak RSS."""
    command = [str(Path(sys.executable).with_name("armsgraph")), *args]
    started = time.perf_counter()
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    ) as proc:
        output = proc.stdout.read() if proc.stdout else b""
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    tail = output.decode("utf-8", "replace").strip().splitlines()[-1:]
    if proc.returncode != 0:
        raise SystemExit(f"`armsgraph {' '.join(args)}` failed ({proc.returncode}): {tail}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss / 1024, tail[0] if tail else "")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=50_000)
    parser.add_argument("--per-file", type=int, default=100)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--store", choices=["embedded", "neo4j"], default="embedded")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="armsgraph-bench-") as tmp:
        folder = Path(tmp) / "claims"
        folder.mkdir()
        files = write_claim_files(folder, args.claims, args.per_file, args.seed)
        env = {**os.environ, "ARMSGRAPH_DATA_DIR": str(Path(tmp) / "store")}
        env["ARMSGRAPH_STORE"] = args.store
        load_before = load_average()
        validate = run_cli(["validate", str(folder)], env)
        print(f"validate: {validate.seconds:.1f} s, {validate.cpu_seconds:.1f} s CPU", flush=True)
        load = run_cli(["load", "--replace", str(folder)], env)
        load_after = load_average()

    print(f"{args.claims:,} claims in {files} claim files; store: {args.store}")
    print(f"load average before / after: {load_before} / {load_after}")
    rows = []
    for name, run in (("validate", validate), ("load", load)):
        # The figures are for 50,000 claims: beside another size they would mislead.
        before_s, before_mib = BEFORE[name] if args.claims == 50_000 else (math.nan, math.nan)
        ok = run.seconds < TARGET_S and run.peak_mib < TARGET_MIB
        rows.append([
            name, f"{run.seconds:.1f}", f"{run.cpu_seconds:.1f}",
            f"{TARGET_S:.0f}", _or_dash(before_s),
            f"{run.peak_mib:,.0f}", f"{TARGET_MIB:,.0f}", _or_dash(before_mib),
            "met" if ok else "MISSED",
        ])  # fmt: skip
    headers = ["step", "wall s", "cpu s", "target s", "before s", "peak MiB", "target MiB"]
    headers.append("before MB")
    print(table([*headers, "targets"], rows))
    print(f"validate said: {validate.tail}")


if __name__ == "__main__":
    main()
