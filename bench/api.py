"""The HTTP API under concurrent clients: uvicorn serving ``create_app`` on 127.0.0.1.

The server is a separate process (``uvicorn --factory``, one worker) configured through
the ARMSGRAPH_* environment, so client threads and the server do not share a GIL.
Clients are a thread pool of ``httpx.Client``; the run is bounded both in requests
and in seconds, and only talks to 127.0.0.1.
"""

from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.measure import percentile
from bench.synth_reference import reference


@dataclass
class ApiResult:
    store: str
    endpoint: str
    concurrency: int
    requests: int
    errors: int
    seconds: float
    rps: float
    p50_ms: float
    p99_ms: float
    error_note: str = ""


def free_port() -> int:
    """A loopback port nothing listens on now (the server binds it a moment later)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_server(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "armsgraph.api.app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    log = Path("/tmp/armsgraph-bench-uvicorn.log").open("ab")  # noqa: SIM115 - child keeps it
    proc = subprocess.Popen(cmd, env={**os.environ, **env}, stdout=log, stderr=log)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("uvicorn exited; see /tmp/armsgraph-bench-uvicorn.log")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=60).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.terminate()
    raise RuntimeError("uvicorn did not answer /health within 120 s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """Stop a server process: SIGTERM, then SIGKILL if it is still up after 30 s."""
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def path_urls(port: int, seed: int = 7, n: int = 50) -> list[str]:
    """Half Pyongyang->Moscow (by capital names), half random pairs, up to 2 hops."""
    rng = random.Random(f"api/{seed}")
    codes = sorted(reference(seed).states)
    urls = []
    for i in range(n):
        if i % 2 == 0:
            urls.append(f"http://127.0.0.1:{port}/paths?from=Pyongyang&to=Moscow&limit=20")
        else:
            a, b = rng.sample(codes, 2)
            urls.append(f"http://127.0.0.1:{port}/paths?from={a}&to={b}&max_hops=2&limit=20")
    return urls


def hammer(
    store: str,
    urls: list[str],
    concurrency: int = 8,
    max_requests: int = 400,
    max_seconds: float = 30.0,
    headers: dict[str, str] | None = None,
    expect: int = 200,
    endpoint: str = "/paths",
) -> ApiResult:
    """``concurrency`` clients request ``urls`` in turn; a success is status ``expect``."""
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []
    issued = [0]
    started = time.perf_counter()

    def next_url() -> str | None:
        with lock:
            if issued[0] >= max_requests or time.perf_counter() - started > max_seconds:
                return None
            issued[0] += 1
            return urls[issued[0] % len(urls)]

    def client() -> None:
        with httpx.Client(timeout=60, headers=headers) as http:
            while (url := next_url()) is not None:
                t0 = time.perf_counter()
                try:
                    r = http.get(url)
                    ok = r.status_code == expect
                    why = f"HTTP {r.status_code}"
                except httpx.HTTPError as exc:
                    ok, why = False, type(exc).__name__
                took = (time.perf_counter() - t0) * 1000
                with lock:
                    if ok:
                        latencies.append(took)
                    else:
                        errors.append(why)

    with ThreadPoolExecutor(concurrency) as pool:
        for _ in range(concurrency):
            pool.submit(client)
    seconds = time.perf_counter() - started
    done = len(latencies)
    return ApiResult(
        store=store,
        endpoint=endpoint,
        concurrency=concurrency,
        requests=done,
        errors=len(errors),
        seconds=seconds,
        rps=done / seconds if seconds else 0.0,
        p50_ms=percentile(latencies, 50) if latencies else float("nan"),
        p99_ms=percentile(latencies, 99) if latencies else float("nan"),
        error_note=", ".join(sorted(set(errors)))[:200],
    )
