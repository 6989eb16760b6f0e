"""Run a local Neo4j Community server from Maven Central jars, without Docker.

The jars come from ``graph/neo4j/pom.xml`` (``mvn dependency:copy-dependencies``) into
``<home>/lib``; the server is started as a detached ``java`` process with
``org.neo4j.server.CommunityEntryPoint`` and is considered up once Bolt answers.
Everything lives under the home dir (``.armsgraph/neo4j`` by default, gitignored).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, DriverError, Neo4jError

from armsgraph.core.errors import ArmsgraphError

POM = Path(__file__).resolve().parent / "neo4j" / "pom.xml"
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
INSTALL_HINT = "install them with: apt-get install maven openjdk-17-jre-headless"
MARKER = ".armsgraph-jars.json"
AUTH_REFUSED = "auth refused"

Progress = Callable[[str], None]

# Flags Neo4j's own launcher passes (its neo4j.conf's server.jvm.additional): without the
# --add-opens the page cache runs in a "fallback mode" its log warns may cost speed.
SERVER_JVM_FLAGS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
)


class Neo4jServerError(ArmsgraphError, RuntimeError):
    """The local Neo4j server could not be provisioned, started or stopped."""


def _default_home() -> Path:
    if env := os.environ.get("ARMSGRAPH_NEO4J_HOME"):
        return Path(env).expanduser().resolve()
    # An editable install / checkout keeps state next to the code; an installed wheel
    # has no repo, so fall back to the working directory.
    repo = Path(__file__).resolve().parents[1]
    base = repo if (repo / "pyproject.toml").is_file() else Path.cwd()
    return base / ".armsgraph" / "neo4j"


def _port_from_env(name: str, default: int) -> int:
    # Lets several checkouts on one machine each run their own server (and tests) side by side.
    value = os.environ.get(name)
    return int(value) if value else default


def _path_from_env(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value).expanduser().resolve() if value else None


def _default_java() -> str:
    if java_home := os.environ.get("JAVA_HOME"):
        return str(Path(java_home) / "bin" / "java")
    return shutil.which("java") or "java"


@dataclass
class Neo4jServerConfig:
    home: Path = field(default_factory=_default_home)
    bolt_port: int = field(
        default_factory=lambda: _port_from_env("ARMSGRAPH_NEO4J_BOLT_PORT", 7687)
    )
    http_port: int = field(
        default_factory=lambda: _port_from_env("ARMSGRAPH_NEO4J_HTTP_PORT", 7474)
    )
    # The maximum heap, also the initial one (``heap_flags``): a JVM flag (-Xmx2g) or a bare
    # size. 2 GiB and 1 GiB of page cache: with 1 GiB and 256 MiB a 50,000-claim load ran
    # 800 young collections (3-4 s of the load) and filled the page cache (BENCHMARKS.md).
    heap: str = "2g"
    pagecache: str = "1g"
    java: str = field(default_factory=_default_java)
    # Lets a second server (other ports, other home) reuse already downloaded jars.
    lib_dir: Path | None = field(default_factory=lambda: _path_from_env("ARMSGRAPH_NEO4J_LIB"))
    # Authentication on, for the user `neo4j` with this password (`neo4j start --auth`).
    password: str | None = None
    # Hosts Neo4j Browser may load guides from (browser.remote_content_hostname_whitelist):
    # Neo4j's default lacks 127.0.0.1, where `armsgraph serve` serves /browser-guide.
    guide_hosts: tuple[str, ...] = ("guides.neo4j.com", "localhost", "127.0.0.1")
    # More JVM flags for the server and neo4j-admin (the tests' short-lived servers start
    # in about half the time with the quick JIT alone: ``-XX:TieredStopAtLevel=1``).
    jvm_options: tuple[str, ...] = ()

    @property
    def auth(self) -> tuple[str, str] | None:
        return ("neo4j", self.password) if self.password else None

    @property
    def lib(self) -> Path:
        return self.lib_dir if self.lib_dir is not None else self.home / "lib"

    @property
    def conf_dir(self) -> Path:
        return self.home / "conf"

    @property
    def logs_dir(self) -> Path:
        return self.home / "logs"

    @property
    def console_log(self) -> Path:
        return self.logs_dir / "console.log"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "armsgraph-neo4j.pid"

    @property
    def bolt_uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def heap_flags(self) -> list[str]:
        """-Xmx and an equal -Xms: a heap that starts small grows through many collections
        during a large load (Neo4j's own check warns about an unset initial heap)."""
        size = self.heap.removeprefix("-Xmx") if self.heap.startswith("-X") else self.heap
        return [f"-Xmx{size}", f"-Xms{size}"]


@dataclass(frozen=True)
class ServerStatus:
    running: bool  # Bolt answered
    pid: int | None  # our java process, if one is alive
    bolt_uri: str
    http_url: str
    version: str | None = None
    edition: str | None = None
    auth_refused: bool = False  # Bolt answered but refused the configured credentials


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _jars_complete(lib: Path, pom_sha: str) -> bool:
    try:
        marker = json.loads((lib / MARKER).read_text())
    except (OSError, ValueError):
        return False
    jars = marker.get("jars") or []
    return bool(
        marker.get("pom_sha256") == pom_sha and jars and all((lib / j).is_file() for j in jars)
    )


def ensure_jars(cfg: Neo4jServerConfig, progress: Progress = print) -> Path:
    """Download the server jars into ``cfg.lib`` unless a previous copy matches the pom."""
    pom_sha = _sha256(POM)
    lib = cfg.lib
    if _jars_complete(lib, pom_sha):
        return lib
    _require_java(cfg)
    mvn = shutil.which("mvn")
    if mvn is None:
        raise Neo4jServerError(f"Maven (mvn) is needed to download the Neo4j jars; {INSTALL_HINT}")
    # Copy into a fresh sibling dir and swap it in, so a changed pom never leaves a
    # mix of old and new jar versions on the classpath.
    tmp = lib.with_name(lib.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.parent.mkdir(parents=True, exist_ok=True)
    progress(f"Resolving Neo4j jars with Maven into {lib} (first time about 80 s) ...")
    t0 = time.monotonic()
    cmd = [mvn, "-q", "-B", "-f", str(POM), "dependency:copy-dependencies"]
    cmd.append(f"-DoutputDirectory={tmp}")
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    jars = sorted(p.name for p in tmp.glob("*.jar"))
    if proc.returncode != 0 or not jars:
        out = (proc.stdout + proc.stderr).strip().splitlines()[-30:]
        raise Neo4jServerError("Maven could not resolve the Neo4j jars:\n" + "\n".join(out))
    (tmp / MARKER).write_text(json.dumps({"pom_sha256": pom_sha, "jars": jars}, indent=1))
    shutil.rmtree(lib, ignore_errors=True)
    tmp.rename(lib)
    progress(f"{len(jars)} jars ready in {time.monotonic() - t0:.0f} s")
    return lib


def _require_java(cfg: Neo4jServerConfig) -> None:
    if shutil.which(cfg.java) is None:
        raise Neo4jServerError(f"Java 17 ({cfg.java}) is needed to run Neo4j 5.26; {INSTALL_HINT}")


def _auth_lines(cfg: Neo4jServerConfig) -> str:
    lines = (
        "# Authentication on (`armsgraph neo4j start --auth`): user neo4j.\n"
        "dbms.security.auth_enabled=true"
        if cfg.password
        else "# Authentication is OFF: acceptable only because nothing but 127.0.0.1 can connect.\n"
        "# Never copy this into a shared or deployed server (docker-compose.yml sets a "
        "password).\ndbms.security.auth_enabled=false"
    )
    if cfg.guide_hosts:
        # Neo4j Browser loads `:guide URL` only from these hosts.
        lines += "\nbrowser.remote_content_hostname_whitelist=" + ",".join(cfg.guide_hosts)
    return lines


def write_config(cfg: Neo4jServerConfig) -> Path:
    """Write ``<home>/conf/neo4j.conf``; paths in it are relative to the home dir."""
    cfg.conf_dir.mkdir(parents=True, exist_ok=True)
    bolt = f"127.0.0.1:{cfg.bolt_port}"
    http = f"127.0.0.1:{cfg.http_port}"
    text = f"""\
# Written by armsgraph.graph.neo4j_server; rewritten on every start.
# Loopback only: this server is for local development and tests.
server.default_listen_address=127.0.0.1
server.default_advertised_address=127.0.0.1
server.bolt.listen_address={bolt}
server.bolt.advertised_address={bolt}
server.http.listen_address={http}
server.http.advertised_address={http}
server.https.enabled=false
{_auth_lines(cfg)}
# No phoning home (the machine has no network beyond package registries anyway).
dbms.usage_report.enabled=false
client.allow_telemetry=false
server.memory.pagecache.size={cfg.pagecache}
# Keep transaction logs small: bulk loads would otherwise keep hundreds of MB.
db.tx_log.rotation.size=64M
db.tx_log.rotation.retention_policy=2 files
# Bolt otherwise waits 2 x 5 s for clients to drain after the databases have already been
# checkpointed and closed; a dev server should stop in under a second. (Internal settings:
# if a newer Neo4j drops them, strict validation names them in logs/console.log.)
internal.server.bolt.connection_shutdown_wait_time=0s
internal.dbms.bolt.netty_server_shutdown_quiet_period=0
internal.dbms.bolt.netty_server_shutdown_timeout=1
server.directories.logs=logs
server.directories.data=data
server.directories.run=run
"""
    path = cfg.conf_dir / "neo4j.conf"
    path.write_text(text)
    return path


def _read_pid(cfg: Neo4jServerConfig) -> int | None:
    try:
        return int(cfg.pid_file.read_text().strip())
    except (OSError, ValueError):
        return None


def _is_our_server(pid: int, cfg: Neo4jServerConfig) -> bool:
    """True if ``pid`` is a live (not zombie) Neo4j java process for this home dir."""
    if _exited(pid):
        return False
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return False
    # Guards against a recycled pid: only our entry point with our home dir counts.
    return ENTRY_POINT in cmdline and f"--home-dir={cfg.home}" in cmdline


def _exited(pid: int) -> bool:
    """Has the process ended (no such pid, or a zombie, which is reaped)?"""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    if stat.rsplit(")", 1)[-1].split()[0] in {"Z", "X"}:
        _reap(pid)
        return True
    return False


def _reap(pid: int) -> None:
    # When the server is a child of this process (tests), collect its exit status.
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def _live_pid(cfg: Neo4jServerConfig) -> int | None:
    pid = _read_pid(cfg)
    return pid if pid is not None and _is_our_server(pid, cfg) else None


def _query_components(cfg: Neo4jServerConfig, timeout: float = 3.0) -> tuple[str, str] | None:
    """(version, edition) if Bolt answers, ("", "auth refused") if it refuses our
    credentials, else None."""
    try:
        with GraphDatabase.driver(cfg.bolt_uri, auth=cfg.auth, connection_timeout=timeout) as drv:
            drv.verify_connectivity()
            records, _, _ = drv.execute_query(
                "CALL dbms.components() YIELD name, versions, edition "
                "WHERE name = 'Neo4j Kernel' RETURN versions[0] AS version, edition"
            )
    except AuthError:
        return ("", AUTH_REFUSED)
    except Neo4jError as exc:  # e.g. AuthenticationRateLimit after wrong passwords
        if (exc.code or "").startswith("Neo.ClientError.Security."):
            return ("", AUTH_REFUSED)
        return None
    except (DriverError, OSError):
        return None
    if not records:
        return ("unknown", "unknown")
    return (str(records[0]["version"]), str(records[0]["edition"]))


def status(cfg: Neo4jServerConfig) -> ServerStatus:
    pid = _live_pid(cfg)
    comp = _query_components(cfg)
    refused = comp is not None and comp[1] == AUTH_REFUSED
    return ServerStatus(
        running=comp is not None,
        pid=pid,
        bolt_uri=cfg.bolt_uri,
        http_url=cfg.http_url,
        version=comp[0] if comp and not refused else None,
        edition=comp[1] if comp and not refused else None,
        auth_refused=refused,
    )


def _port_holder(port: int) -> str | None:
    """None if 127.0.0.1:port can be bound, else a description of who listens there."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        # SO_REUSEADDR so that TIME_WAIT leftovers of a stopped server are no conflict.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
            return None
        except OSError:
            pass
    if shutil.which("ss"):
        out = subprocess.run(
            ["ss", "-Hltnp", f"sport = :{port}"], capture_output=True, text=True, check=False
        ).stdout.strip()
        if out:
            return out
    return "an unknown process"


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no console log)"


def start(
    cfg: Neo4jServerConfig, wait_seconds: float = 120, progress: Progress = print
) -> ServerStatus:
    """Start the server in the background and wait for Bolt; a no-op if it already answers."""
    current = status(cfg)
    if current.running:
        return current
    t0 = time.monotonic()
    pid = current.pid
    if pid is None:
        # A stale pid file (crash, reboot) must not make stop() signal a recycled pid.
        cfg.pid_file.unlink(missing_ok=True)
        for port in (cfg.bolt_port, cfg.http_port):
            if (holder := _port_holder(port)) is not None:
                raise Neo4jServerError(f"port {port} is already in use by: {holder}")
        pid = _spawn(cfg, progress)
    else:
        progress(f"Neo4j (pid {pid}) is already starting; waiting for Bolt ...")
    deadline = t0 + wait_seconds
    while time.monotonic() < deadline:
        # Only a pid that is gone counts as an exit: /proc/<pid>/cmdline can read empty
        # for a moment while the java launcher starts (a flaky failure seen in tests).
        if not _is_our_server(pid, cfg) and _exited(pid):
            cfg.pid_file.unlink(missing_ok=True)
            raise Neo4jServerError(
                f"Neo4j exited during startup; last lines of {cfg.console_log}:\n"
                + _tail(cfg.console_log)
            )
        st = status(cfg)
        if st.running:
            progress(f"Neo4j {st.version} up at {cfg.bolt_uri} in {time.monotonic() - t0:.1f} s")
            return st
        time.sleep(0.5)
    raise Neo4jServerError(
        f"Bolt did not answer at {cfg.bolt_uri} within {wait_seconds:.0f} s (pid {pid} left "
        f"running; `stop` ends it); last lines of {cfg.console_log}:\n" + _tail(cfg.console_log)
    )


def _spawn(cfg: Neo4jServerConfig, progress: Progress) -> int:
    ensure_jars(cfg, progress)
    _require_java(cfg)
    write_config(cfg)
    for sub in ("plugins", "logs", "data", "run"):
        (cfg.home / sub).mkdir(parents=True, exist_ok=True)
    home = cfg.home
    classpath = os.pathsep.join(str(p / "*") for p in (home / "plugins", cfg.conf_dir, cfg.lib))
    cmd = [
        cfg.java,
        *cfg.heap_flags(),
        *SERVER_JVM_FLAGS,
        *cfg.jvm_options,
        # A server that ran out of memory should die visibly rather than limp on.
        "-XX:+ExitOnOutOfMemoryError",
        "-cp",
        classpath,
        ENTRY_POINT,
        f"--home-dir={home}",
        f"--config-dir={cfg.conf_dir}",
        "--console-mode",
    ]
    with cfg.console_log.open("ab") as log:
        log.write(f"\n=== armsgraph start {time.strftime('%Y-%m-%dT%H:%M:%S')} ===\n".encode())
        log.flush()
        # New session: the server outlives the CLI call and ignores its terminal's Ctrl-C.
        proc = subprocess.Popen(
            cmd,
            cwd=home,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    cfg.pid_file.write_text(f"{proc.pid}\n")
    progress(f"Starting Neo4j (pid {proc.pid}), log: {cfg.console_log}")
    return proc.pid


def stop(cfg: Neo4jServerConfig, timeout: float = 30, progress: Progress = print) -> None:
    """SIGTERM (clean shutdown), then SIGKILL after ``timeout`` s; a no-op if not running."""
    pid = _live_pid(cfg)
    if pid is None:
        cfg.pid_file.unlink(missing_ok=True)
        return
    t0 = time.monotonic()
    os.kill(pid, signal.SIGTERM)
    while time.monotonic() - t0 < timeout and _is_our_server(pid, cfg):
        time.sleep(0.2)
    if _is_our_server(pid, cfg):
        progress(f"Neo4j (pid {pid}) ignored SIGTERM for {timeout:.0f} s; sending SIGKILL")
        os.kill(pid, signal.SIGKILL)
        while _is_our_server(pid, cfg):
            time.sleep(0.1)
    cfg.pid_file.unlink(missing_ok=True)
    progress(f"Neo4j (pid {pid}) stopped in {time.monotonic() - t0:.1f} s")
