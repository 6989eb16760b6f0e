"""Timers, latency percentiles and peak-memory sampling (Linux /proc)."""

from __future__ import annotations

import math
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

MIB = 1024 * 1024


def cpu_seconds(pid: int | None) -> float:
    """User + system CPU seconds a process (the Neo4j JVM) has used; 0 if unknown."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def status_kib(pid: int, key: str) -> int | None:
    """A ``VmRSS``/``VmHWM`` line of /proc/<pid>/status, in KiB (None if gone)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def rss_mib(pid: int) -> float:
    kib = status_kib(pid, "VmRSS")
    return (kib or 0) / 1024


@dataclass
class PeakSampler:
    """Samples the resident memory of some processes every ``interval`` s, keeps the peak.

    /proc/<pid>/status VmHWM is a peak since the process started and cannot be reset,
    so per-phase peaks are sampled; for this Python process VmHWM is reported too.
    """

    pids: dict[str, int]
    interval: float = 0.1
    peaks: dict[str, float] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def _sample(self) -> None:
        for name, pid in self.pids.items():
            now = rss_mib(pid)
            if now > self.peaks.get(name, 0.0):
                self.peaks[name] = now

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self) -> PeakSampler:
        self._sample()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self._sample()


def own_hwm_mib() -> float:
    return (status_kib(os.getpid(), "VmHWM") or 0) / 1024


@contextmanager
def timer() -> Iterator[list[float]]:
    """``with timer() as t: ...`` then ``t[0]`` is the elapsed seconds."""
    out = [0.0]
    start = time.perf_counter()
    try:
        yield out
    finally:
        out[0] = time.perf_counter() - start


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), math.ceil(p / 100 * len(ordered))))
    return ordered[rank - 1]


def in_child(fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)`` in a freshly spawned Python process, so that its peak RSS (VmHWM) is
    its own and not what earlier phases of the run left allocated in this one."""
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:
        return pool.apply(fn, args)
