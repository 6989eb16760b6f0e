"""Name resolution for a register: ``python -m bench.gazetteer [--rows 30000] [--coco-rows N]``.

A synthetic register of ``--rows`` rows names suppliers and recipients the way registers and
reports do: ISO names, official and short names, register spellings ("Korea, North",
"Viet Nam", "Türkiye"), capitals, names in the six UN languages, historical states and
non-state actors. The same rows go through

- our gazetteer (``Gazetteer.state``), a cold pass then warm passes (the cache per spelling);
- plain ``pycountry.countries.lookup`` (codes and English names, case-insensitive);
- plain ``country_converter.convert`` (its patterns), on the first ``--coco-rows`` rows only
  because it takes milliseconds a name (country_converter 1.3.2 does not build under
  pandas 3: then the table says so; our gazetteer reads its data file without pandas).

It prints lookups per second, the share of rows each resolves, and the memory each holds
(tracemalloc: what building it allocates and keeps), side by side. Deterministic: the rows
come from a seeded generator over the bundled reference data.
"""

from __future__ import annotations

import argparse
import gc
import random
import time
import tracemalloc
from collections.abc import Callable, Sequence
from typing import Any

REGISTER_SPELLINGS = [
    "Korea, North", "Korea, South", "Viet Nam", "Türkiye", "Turkey", "Iran (Islamic Republic of)",
    "Syrian Arab Republic", "Russian Federation", "DR Congo", "Congo, Dem. Rep.",
    "Bosnia-Herzegovina", "Cote d'Ivoire", "UAE", "United Arab Emirates", "USA", "UK",
    "Soviet Union", "USSR", "Yugoslavia", "Czechoslovakia", "East Germany (GDR)",
    "Hezbollah (Lebanon)*", "Houthi rebels (Yemen)*", "NATO**", "African Union**",
    "unknown supplier(s)", "unknown recipient(s)", "Lao People's Democratic Republic",
    "Bolivia (Plurinational State of)", "Venezuela (Bolivarian Republic of)",
    "United Republic of Tanzania", "Republic of Moldova", "Micronesia", "Eswatini",
    "Cabo Verde", "Timor-Leste", "Brunei", "Myanmar", "Czechia", "North Macedonia",
]  # fmt: skip


def register_rows(n: int, seed: int = 12) -> list[str]:
    """``n`` spellings: the list above and names of every state in several languages."""
    from armsgraph.loaders.world import world_actors

    pool = list(REGISTER_SPELLINGS)
    for actor in world_actors():
        if actor.kind.value != "state":
            continue
        pool.append(actor.name)
        if actor.capital:
            pool.append(actor.capital)
        for lang in ("en", "fr", "ru", "zh", "es", "ar"):
            pool.extend(actor.aliases.get(lang, [])[:1])
    rng = random.Random(seed)
    return [rng.choice(pool) for _ in range(n)]


def _rate(resolve: Callable[[str], Any], rows: Sequence[str]) -> tuple[float, float]:
    """(lookups per CPU second, share resolved) of one pass over ``rows``."""
    found = 0
    start = time.process_time()
    for name in rows:
        try:
            resolve(name)
            found += 1
        except (LookupError, ValueError):
            pass
    seconds = time.process_time() - start
    return len(rows) / seconds, found / len(rows)


def _built(
    build: Callable[[], Any], clear: Callable[[], None] = lambda: None
) -> tuple[Any, float, float]:
    """(the thing built, seconds (CPU, untraced), MiB it allocated and still holds)."""
    gc.collect()
    start = time.process_time()
    build()
    seconds = time.process_time() - start
    clear()
    gc.collect()
    tracemalloc.start()
    thing = build()
    gc.collect()
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return thing, seconds, held / 2**20


def ours(rows: Sequence[str]) -> dict[str, float]:
    def build() -> Any:
        from armsgraph.loaders.ingest import bundled_reference
        from armsgraph.loaders.world import register_patterns, world_actors

        reference = bundled_reference()
        reference.world = world_actors()
        reference.register_patterns = register_patterns()
        return reference.gazetteer

    def clear() -> None:
        from armsgraph.loaders.ingest import bundled_reference
        from armsgraph.loaders.world import register_patterns, world_actors

        for cached in (bundled_reference, register_patterns, world_actors):
            cached.cache_clear()

    gazetteer, seconds, mib = _built(build, clear)
    cold, share = _rate(gazetteer.state, rows)
    warm = max(_rate(gazetteer.state, rows)[0] for _ in range(3))
    return {"build_s": seconds, "mib": mib, "cold": cold, "warm": warm, "share": share}


def plain_pycountry(rows: Sequence[str]) -> dict[str, float]:
    def build() -> Any:
        import pycountry

        pycountry.countries.lookup("FR")  # loads the database
        return pycountry

    pycountry, seconds, mib = _built(build)
    cold, share = _rate(pycountry.countries.lookup, rows)
    warm = max(_rate(pycountry.countries.lookup, rows)[0] for _ in range(3))
    return {"build_s": seconds, "mib": mib, "cold": cold, "warm": warm, "share": share}


def plain_coco(rows: Sequence[str]) -> dict[str, float]:
    def build() -> Any:
        import country_converter

        return country_converter.CountryConverter()

    converter, seconds, mib = _built(build)

    def resolve(name: str) -> str:
        code = converter.convert(name, to="ISO3", not_found=None)
        if not code or not isinstance(code, str):
            raise LookupError(name)
        return code

    import logging

    logging.getLogger("country_converter").setLevel(logging.ERROR)  # one warning a miss
    cold, share = _rate(resolve, rows)
    warm = _rate(resolve, rows)[0]
    return {"build_s": seconds, "mib": mib, "cold": cold, "warm": warm, "share": share}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--coco-rows", type=int, default=2_000)
    args = parser.parse_args()
    rows = register_rows(args.rows)
    results = {
        "armsgraph Gazetteer": (ours(rows), len(rows)),
        "pycountry.countries.lookup": (plain_pycountry(rows), len(rows)),
    }
    try:
        results["country_converter.convert"] = (plain_coco(rows[: args.coco_rows]), args.coco_rows)
    except TypeError as exc:  # 1.3.2 with pandas 3 fails building its patterns
        print(f"country_converter.convert: cannot run here ({exc})")
    print(f"name resolution, register of {args.rows:,} rows ({len(set(rows)):,} spellings)")
    header = f"{'':28} {'rows':>7} {'CPU s':>8} {'MiB held':>9} {'cold /s':>10} "
    print(header + f"{'warm /s':>10} {'resolved':>9}")
    for name, (r, n) in results.items():
        print(
            f"{name:28} {n:>7,} {r['build_s']:>8.2f} {r['mib']:>9.1f} {r['cold']:>10,.0f} "
            f"{r['warm']:>10,.0f} {r['share']:>9.1%}"
        )


if __name__ == "__main__":
    main()
