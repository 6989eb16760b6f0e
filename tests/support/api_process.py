"""``armsgraph serve`` in a process of its own, for tests across processes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.support.datasets import API_KEY
from tests.support.stores import NEO4J_URI

ARMSGRAPH = str(Path(sys.executable).with_name("armsgraph"))


@contextmanager
def api_process(port: int, log: Path) -> Iterator[str]:
    """The API on ``port`` (loopback) over the test Neo4j server; yields its URL once
    ``/health`` answers."""
    env = {
        "ARMSGRAPH_API_KEY": API_KEY,
        "ARMSGRAPH_QUERY_TIMEOUT_S": "60",
        "ARMSGRAPH_MAX_HEAVY_QUERIES": "64",
    }
    with serve_process(port, log, ["--store", "neo4j", "--uri", NEO4J_URI], env) as url:
        yield url


@contextmanager
def serve_process(
    port: int, log: Path, store_args: list[str], env: dict[str, str]
) -> Iterator[str]:
    """``armsgraph serve`` with ``store_args`` on ``port`` (loopback) and ``env`` added to
    this process's environment; yields its URL once ``/health`` answers."""
    command = [ARMSGRAPH, "serve", *store_args, "--port", str(port)]
    with log.open("wb") as out:
        server = subprocess.Popen(
            command, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, log.read_text()
            assert time.monotonic() < deadline, f"the server did not start: {log.read_text()}"
            time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=60)
