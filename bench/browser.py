"""Debian's Chromium driven by Playwright: for the browser tests, screenshots and benchmarks.

Playwright never downloads a browser here: it starts /usr/bin/chromium (`apt-get install
chromium`, as `.ci/run` does) with a fresh profile and without the background traffic that
this machine's closed network refuses.
"""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from playwright.sync_api import BrowserContext, sync_playwright

CHROMIUM = os.environ.get("ARMSGRAPH_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def chromium(width: int = 1400, height: int = 900) -> Iterator[BrowserContext]:
    """A browser context with a new empty profile, removed afterwards."""
    if not os.path.exists(CHROMIUM):
        raise RuntimeError(f"{CHROMIUM} not found: apt-get install chromium (see .ci/run)")
    with (
        tempfile.TemporaryDirectory(prefix="armsgraph-chromium-") as profile,
        sync_playwright() as p,
    ):
        context = p.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            args=FLAGS,
            viewport={"width": width, "height": height},
        )
        try:
            yield context
        finally:
            context.close()


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """Serve an ASGI app with uvicorn on a free loopback port, in a thread; its base URL."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the API server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
