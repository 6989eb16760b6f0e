"""Partner engines the tests start on loopback: Apache Jena Fuseki 5.6.0 (jars from Maven
Central through ``fuseki/pom.xml``) and the Oxigraph server (PyPI ``oxigraph``)."""

from __future__ import annotations

import hashlib
import json
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from armsgraph.core.model import Credibility, Reliability
from bench.api import stop_server
from tests.support.neo4j import QUICK_JVM

ROOT = Path(__file__).resolve().parents[2]
FUSEKI_POM = Path(__file__).resolve().parent / "fuseki" / "pom.xml"
# Cached between runs like the Neo4j jars (outside git, see .gitignore).
FUSEKI_LIB = ROOT / ".armsgraph" / "test-engines" / "fuseki-lib"
JSON = "application/sparql-results+json"


@dataclass(frozen=True)
class Engine:
    name: str
    graph_store: str  # the Graph Store Protocol endpoint
    query: str  # the SPARQL query endpoint
    auth: tuple[str, str] | None = None

    def select(self, query: str) -> list[dict[str, str]]:
        response = httpx.post(
            self.query,
            content=query.encode(),
            headers={"Content-Type": "application/sparql-query", "Accept": JSON},
            auth=httpx.BasicAuth(*self.auth) if self.auth else None,
            timeout=60,
        )
        response.raise_for_status()
        return rows_of(response.content)


def rows_of(body: bytes) -> list[dict[str, str]]:
    """SPARQL JSON results as one {variable: value} dict a row."""
    bindings = json.loads(body)["results"]["bindings"]
    return [{k: v["value"] for k, v in b.items()} for b in bindings]


def grades_of(row: dict[str, str]) -> tuple[Reliability | None, Credibility | None, str | None]:
    """The Admiralty grades a partner query's row binds (unbound: an ungraded claim)."""
    reliability, credibility = row.get("reliability"), row.get("credibility")
    return (
        Reliability(reliability) if reliability is not None else None,
        Credibility(int(credibility)) if credibility is not None else None,
        row.get("gradeBasis"),
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def fuseki_jars() -> Path:
    """Resolve the Fuseki jars once (about 45 s cold); later runs reuse them."""
    pom_sha = hashlib.sha256(FUSEKI_POM.read_bytes()).hexdigest()
    marker = FUSEKI_LIB / "armsgraph-jars.json"
    if marker.is_file() and json.loads(marker.read_text()).get("pom_sha256") == pom_sha:
        return FUSEKI_LIB
    mvn = shutil.which("mvn")
    assert mvn, "Maven resolves the Fuseki jars (.ci/run installs it with apt)"
    partial = FUSEKI_LIB.with_name("fuseki-lib.partial")
    shutil.rmtree(partial, ignore_errors=True)
    cmd = [mvn, "-q", "-B", "-f", str(FUSEKI_POM), "dependency:copy-dependencies"]
    proc = subprocess.run(
        [*cmd, f"-DoutputDirectory={partial}"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0 and any(partial.glob("*.jar")), proc.stdout + proc.stderr
    (partial / marker.name).write_text(json.dumps({"pom_sha256": pom_sha}))
    shutil.rmtree(FUSEKI_LIB, ignore_errors=True)
    partial.rename(FUSEKI_LIB)
    return FUSEKI_LIB


def _wait_for(url: str, server: subprocess.Popen[bytes], log: Path, seconds: float = 90) -> None:
    """Up once it answers HTTP at all (401 included: Fuseki with auth guards every path)."""
    deadline = time.monotonic() + seconds
    while True:
        assert server.poll() is None, log.read_text()[-3000:]
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, f"{url} did not come up:\n{log.read_text()[-3000:]}"
        time.sleep(0.2)


@contextmanager
def running(cmd: list[str], url: str, log_path: Path) -> Iterator[None]:
    with log_path.open("wb") as log:
        server = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_for(url, server, log_path)
            yield
        finally:
            stop_server(server)


@contextmanager
def fuseki(tmp: Path, auth: tuple[str, str] | None = None) -> Iterator[Engine]:
    """Fuseki main with one updatable in-memory dataset ``/ds`` (basic auth if given)."""
    lib = fuseki_jars()
    port = free_port()
    # The quick JIT and one GC thread (QUICK_JVM): it starts and warms up in about half the time.
    cmd = [
        "java",
        "-Xmx512m",
        *QUICK_JVM,
        "-cp",
        f"{lib}/*",
        "org.apache.jena.fuseki.main.cmds.FusekiMainCmd",
    ]
    cmd += [f"--port={port}", "--localhost", "--mem", "--update"]
    if auth is not None:
        passwd = tmp / "fuseki-passwd"
        passwd.write_text(f"{auth[0]}: {auth[1]}\n")  # Jetty realm file: "user: password"
        cmd += [f"--passwd={passwd}", "--auth=basic"]
    base = f"http://127.0.0.1:{port}"
    with running([*cmd, "/ds"], f"{base}/$/ping", tmp / "fuseki.log"):
        yield Engine("fuseki", f"{base}/ds/data", f"{base}/ds/sparql", auth)


def oxigraph_cli() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    assert found, "the oxigraph command line tool (PyPI package `oxigraph`) is not installed"
    return found


def oxigraph_command(tmp: Path, port: int) -> list[str]:
    location = tmp / "oxigraph-server"
    return [oxigraph_cli(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]


@contextmanager
def oxigraph(tmp: Path, port: int | None = None) -> Iterator[Engine]:
    """The Oxigraph server, read-write, on an empty directory."""
    port = port or free_port()
    base = f"http://127.0.0.1:{port}"
    with running(oxigraph_command(tmp, port), f"{base}/", tmp / "oxigraph.log"):
        yield Engine("oxigraph", f"{base}/store", f"{base}/query")


@contextmanager
def oxigraph_read_only(tmp: Path, location: Path) -> Iterator[Engine]:
    """``oxigraph serve-read-only`` over a directory loaded beforehand."""
    base = f"http://127.0.0.1:{free_port()}"
    cmd = [oxigraph_cli(), "serve-read-only", "--location", str(location)]
    with running([*cmd, "--bind", base.removeprefix("http://")], f"{base}/", tmp / "server.log"):
        yield Engine("oxigraph", f"{base}/store", f"{base}/query")
