"""A private Neo4j server for the benchmarks (its own home and ports, the shared jars).

Other test runs clear the development server on 7687 at any moment, so a benchmark
that loads a million claims there would measure their deletes too. The benchmark
server reuses the development server's downloaded jars, listens on 7698/7495 (or
ARMSGRAPH_BENCH_BOLT_PORT / ARMSGRAPH_BENCH_HTTP_PORT; 7688 belongs to `make test-neo4j-auth`),
and is stopped at the end of the run that started it (and only then).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from armsgraph.graph import neo4j_server
from armsgraph.graph.neo4j_server import Neo4jServerConfig

REPO = Path(__file__).resolve().parents[1]
BENCH_HOME = REPO / ".armsgraph" / "bench-neo4j"
SHARED_LIB = REPO / ".armsgraph" / "neo4j" / "lib"


def bench_config(heap: str = "2g", pagecache: str = "1g") -> Neo4jServerConfig:
    lib = SHARED_LIB if SHARED_LIB.is_dir() else None
    return Neo4jServerConfig(
        home=BENCH_HOME,
        bolt_port=int(os.environ.get("ARMSGRAPH_BENCH_BOLT_PORT", "7698")),
        http_port=int(os.environ.get("ARMSGRAPH_BENCH_HTTP_PORT", "7495")),
        heap=heap,
        pagecache=pagecache,
        lib_dir=lib,
    )


@contextmanager
def bench_server(cfg: Neo4jServerConfig, keep: bool = False) -> Iterator[tuple[str, int | None]]:
    """(bolt uri, JVM pid); stops the server afterwards if this call started it."""
    before = neo4j_server.status(cfg)
    st = neo4j_server.start(cfg, progress=lambda m: print(f"  [neo4j] {m}"))
    try:
        yield cfg.bolt_uri, st.pid or neo4j_server.status(cfg).pid
    finally:
        if not before.running and not keep:
            neo4j_server.stop(cfg, progress=lambda m: print(f"  [neo4j] {m}"))


def jvm_pid_listening(port: int) -> int | None:
    """The pid of a java process whose command line names this Bolt port's home (best effort)."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if cmd and cmd[0].endswith(b"java") and any(b"CommunityEntryPoint" in c for c in cmd):
            conf = next((c for c in cmd if c.startswith(b"--config-dir=")), b"")
            conf_file = Path(conf.decode().split("=", 1)[1] or "/nonexistent") / "neo4j.conf"
            try:
                text = conf_file.read_text()
            except OSError:
                continue
            if f"bolt.listen_address=127.0.0.1:{port}" in text:
                return int(proc.name)
    return None
