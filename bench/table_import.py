"""``armsgraph import table`` against a plain parse: ``python -m bench.table_import [--rows N,M]``.

For each size, a synthetic table in the README's example layout (``docs/examples``: made-up
rows, real States) is written as CSV and as XLSX, then each case runs in a fresh process:

- ``csv``: ``csv.reader`` over the CSV, nothing else (the floor);
- ``xlsx``: openpyxl's read-only iteration of the XLSX, cells to text;
- ``import csv`` / ``import xlsx``: the whole import (mapping, names through the gazetteer,
  validation, the versioned write) into an embedded store already holding the bundled data
  (that fill is not timed).

It prints seconds, rows per second and the process's peak RSS side by side; the growth of
peak RSS between sizes shows what the import holds per row.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAPPING = ROOT / "docs" / "examples" / "ngo-table.mapping.yaml"
STATES = ["Portugal", "Brazil", "Ghana", "Chile", "Norway", "Kenya", "Peru", "Viet Nam"]
ITEMS = [("Example rifle", "rifles"), ("Example shell", "shells"), ("Example tank", "tanks")]
HEADER = ["Case", "Date seen", "Origin", "Destination", "Item", "Type", "Qty", "Notes"]


def rows(n: int) -> list[list[str]]:
    out = []
    for i in range(n):
        item, kind = ITEMS[i % len(ITEMS)]
        supplier, recipient = STATES[i % len(STATES)], STATES[(i * 3 + 1) % len(STATES)]
        if supplier == recipient:
            recipient = STATES[(i + 2) % len(STATES)]
        date = f"{1 + i % 28:02d}/{1 + i % 12:02d}/{2015 + i % 10}"
        out.append([f"C-{i:06d}", date, supplier, recipient, item, kind, str(1 + i % 997), ""])
    return out


def write_tables(n: int, folder: Path) -> tuple[Path, Path]:
    from openpyxl import Workbook

    table = [["Synthetic table for bench.table_import; not real records."], [], HEADER, *rows(n)]
    csv_path = folder / f"table-{n}.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(table)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for cells in table:
        sheet.append(cells)
    xlsx_path = folder / f"table-{n}.xlsx"
    workbook.save(xlsx_path)
    return csv_path, xlsx_path


def run_case(case: str, path: Path, store_dir: Path) -> dict[str, float]:
    """One case in this process; the caller runs each in a fresh one."""
    if case.startswith("import"):
        from armsgraph.loaders.ingest import BUNDLED_DATA, ingest
        from armsgraph.loaders.registers.importer import import_register
        from armsgraph.loaders.registers.table import TableFormat
        from armsgraph.loaders.registers.table_mapping import read_mapping
        from armsgraph.ontology.rdf_store import RdfStore

        store = RdfStore(store_dir)
        ingest([BUNDLED_DATA], store)
        fmt = TableFormat(read_mapping(MAPPING))
        started = time.perf_counter()
        result = import_register(fmt, path, store)
        seconds = time.perf_counter() - started
        count = result.claims
        store.close()
    elif case == "xlsx":
        from openpyxl import load_workbook

        from armsgraph.loaders.registers.xlsx import cell_text

        started = time.perf_counter()
        workbook = load_workbook(path, read_only=True, data_only=True)
        count = sum(
            1
            for r in workbook.worksheets[0].iter_rows(values_only=True)
            if [cell_text(v) for v in r]
        )
        seconds = time.perf_counter() - started
    else:
        started = time.perf_counter()
        with path.open(newline="", encoding="utf-8") as f:
            count = sum(1 for _ in csv.reader(f))
        seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "rows": count, "peak_rss_mib": peak}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", default="2000,10000", help="table sizes, comma-separated")
    parser.add_argument("--case", help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case, args.file, args.store)))
        return
    print(f"{'rows':>7} {'case':<12} {'seconds':>8} {'rows/s':>9} {'peak RSS MiB':>13}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(x) for x in args.rows.split(",")):
            csv_path, xlsx_path = write_tables(n, Path(tmp))
            cases = [("csv", csv_path), ("xlsx", xlsx_path)]
            cases += [("import csv", csv_path), ("import xlsx", xlsx_path)]
            for case, path in cases:
                store = Path(tmp) / f"store-{n}-{case.replace(' ', '-')}"
                command = [sys.executable, "-m", "bench.table_import", "--case", case]
                command += ["--file", str(path), "--store", str(store)]
                done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
                figures = json.loads(done.stdout.strip().splitlines()[-1])
                rate = n / figures["seconds"] if figures["seconds"] else float("inf")
                print(
                    f"{n:>7} {case:<12} {figures['seconds']:>8.2f} {rate:>9,.0f} "
                    f"{figures['peak_rss_mib']:>13.1f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
